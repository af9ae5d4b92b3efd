"""The checker: gaps, overlaps, dead rules and relations of decision tables.

    from regel.checks import Budget, check_module
    budget = Budget(time_limit=60, memory_mb=2048)   # one for the whole run
    diags = check_module(module, budget=budget)

The per-stage functions (`find_gaps`, `find_overlaps`, `find_dead_rules`,
`analyse`) work on plain data so benchmarks and test oracles can call them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from .. import diagnostics as dg
from ..model import ir
from .analysis import Analysis, analyse, empty_rules, overlap_groups
from .budget import DEFAULT_MEMORY_MB, DEFAULT_TIME_LIMIT, Budget
from .regions import connected_regions
from .relations import check_relations
from .sweep import AnalysisTimeoutError, Partition, find_dead_rules, find_gaps, find_overlaps
from .table import analyse_version, plain_rules, version_diagnostics
from .wording import count, seconds

__all__ = [
    "DEFAULT_MEMORY_MB", "DEFAULT_TIME_LIMIT", "MAX_PER_TABLE", "Analysis", "AnalysisTimeoutError", "Budget",
    "Partition", "analyse", "check_module", "check_table", "connected_regions", "empty_rules", "find_dead_rules",
    "find_gaps", "find_overlaps", "overlap_groups",
]

# Findings rendered per table; the rest are counted in one E208/W208 finding,
# so a table with 50.000 holes prints 21 findings, not 50.000.
MAX_PER_TABLE = 20


def _stopped(table: ir.Table, budget: Budget, reason: str) -> dg.Diagnostic:
    data = {"tabel": table.name, "grund": reason}
    if reason == "hukommelse":
        mb = (count(int(budget.memory_mb)) if budget.memory_mb >= 10 else seconds(budget.memory_mb)) \
            if budget.memory_mb is not None else "?"
        return dg.warning("W207", f"Analysen af tabel {table.name} blev afbrudt ved hukommelsesgrænsen på {mb} MB; "
                          "tabellen er ikke bevist fuldstændig.", table.span,
                          "Grænsen tæller analysens kasser, knuder og regelpar (og processens vækst). "
                          "Giv mere med --hukommelse, eller del tabellen op i mindre tabeller.", data=data)
    n = seconds(budget.time_limit) if budget.time_limit is not None else "?"
    return dg.warning("W207", f"Analysen af tabel {table.name} blev afbrudt efter {n} s; "
                      "tabellen er ikke bevist fuldstændig.", table.span,
                      "Tidsgrænsen gælder hele tjekket. Giv analysen mere tid med --tidsgrænse, "
                      "eller del tabellen op i mindre tabeller.", data=data)


def _more(table: ir.Table, errors: int, warnings: int) -> dg.Diagnostic:
    n = errors + warnings
    msg = (f"… og {count(n)} fund mere i tabel {table.name}, som ikke vises "
           f"({count(errors)} fejl, {count(warnings)} advarsler)")
    hint = f"Der vises højst {MAX_PER_TABLE} fund pr. tabel. Ret de viste først; de skjulte er ofte samme fejl."
    data = {"tabel": table.name, "skjulte": n, "fejl": errors, "advarsler": warnings}
    if errors:
        return dg.error("E208", msg, table.span, hint, data=data)
    return dg.warning("W208", msg, table.span, hint, data=data)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: the analyses allocate millions of
    tuples and ints without cycles, and each collection walks all of them
    (a third of the time on 50.000 rows). Memory is bounded by the budget."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def check_table(table: ir.Table, deadline: float | None = None, time_limit: float | None = None,
                budget: Budget | None = None, max_findings: int | None = MAX_PER_TABLE) -> list[dg.Diagnostic]:
    """All findings for one table. Relations and empty cells are always
    checked; the analyses stop with W207 when the budget runs out (`deadline`
    on time.monotonic() is the old way to give only a time budget)."""
    with _no_gc():
        return _check_table(table, deadline, time_limit, budget, max_findings)


def _check_table(table: ir.Table, deadline: float | None, time_limit: float | None,
                 budget: Budget | None, max_findings: int | None) -> list[dg.Diagnostic]:
    if budget is None:
        budget = Budget.until(deadline)
        budget.time_limit = time_limit
    out: list[dg.Diagnostic] = []
    hidden_e = hidden_w = 0
    stops: set[str] = set()
    for version in table.versions:
        room = None if max_findings is None else max(0, max_findings - len(out))
        if budget.expired():
            stops.add("tid")
            cols = [c.type.domain for c in table.inputs]
            result = Analysis(None, None, None, empty_rules(cols, plain_rules(version)), timed_out=True,
                              stopped_by="tid")
        else:
            result = analyse_version(table, version, budget)
        if result.timed_out:
            stops.add(result.stopped_by or "tid")
        try:
            shown, e, w = version_diagnostics(table, version, result, room, budget)
        except AnalysisTimeoutError:  # grouping a huge set of overlaps ran out of time
            stops.add(budget.exceeded or "tid")
            shown, e, w = version_diagnostics(table, version, Analysis(
                result.gap_regions, None, result.dead, result.empty, True, "tid"), room)
        out.extend(shown)
        hidden_e += e
        hidden_w += w
    for d in check_relations(table):
        if max_findings is None or len(out) < max_findings:
            out.append(d)
        elif d.is_error:
            hidden_e += 1
        else:
            hidden_w += 1
    if hidden_e or hidden_w:
        out.append(_more(table, hidden_e, hidden_w))
    for reason in sorted(stops, reverse=True):  # "tid" before "hukommelse"
        out.append(_stopped(table, budget, reason))
    return out


def check_module(module: ir.Module, time_limit: float | None = None, budget: Budget | None = None,
                 max_findings: int | None = MAX_PER_TABLE) -> list[dg.Diagnostic]:
    """Check every table of the module, in declaration order. One budget
    bounds all of it: pass the CLI's (made once for every module), or a
    `time_limit` in seconds for this module alone. A table cut short gets a
    W207 warning, and its cheap checks still run."""
    if budget is None:
        budget = Budget(time_limit)
    out: list[dg.Diagnostic] = []
    for table in module.tables.values():
        out.extend(check_table(table, budget=budget, max_findings=max_findings))
    return out
