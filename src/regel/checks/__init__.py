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
from dataclasses import replace

from .. import diagnostics as dg
from ..model import ir
from .analysis import Analysis, analyse, empty_rules, overlap_groups
from .budget import DEFAULT_MEMORY_MB, DEFAULT_TIME_LIMIT, Budget
from .letters import check_letters
from .reach import Reach, Units, restrict
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
                budget: Budget | None = None, max_findings: int | None = MAX_PER_TABLE,
                module: ir.Module | None = None) -> list[dg.Diagnostic]:
    """All findings for one table. Relations and empty cells are always
    checked; the analyses stop with W207 when the budget runs out (`deadline`
    on time.monotonic() is the old way to give only a time budget). With the
    `module`, a column ranges only over the values it can take (reach.py)."""
    if budget is None:
        budget = Budget.until(deadline)
        budget.time_limit = time_limit
    with _no_gc():
        return _check_table(table, budget, max_findings, _Run(module, budget))


class _Run:
    """One check of a module: the analyses of its table versions, each made once
    (a table's live rules bound what a table it feeds can see), and the reach."""

    def __init__(self, module: ir.Module | None, budget: Budget) -> None:
        self.budget = budget
        self.done: dict[tuple[str, int], tuple[ir.Table, list[Units | None], Analysis]] = {}
        self.reach = Reach(module, self.live)

    def version(self, table: ir.Table, k: int) -> tuple[ir.Table, list[Units | None], Analysis]:
        key = (table.name, k)
        hit = self.done.get(key)
        if hit is not None:
            return hit
        version = table.versions[k]
        view, sets = self.reach.view(table, version)
        if self.budget.expired():
            cols = [c.type.domain for c in view.inputs]
            result = Analysis(None, None, None, empty_rules(cols, plain_rules(version)), timed_out=True,
                              stopped_by="tid")
        else:
            result = analyse_version(view, version, self.budget)
        if result.gap_regions and any(s is not None for s in sets):
            boxes = restrict([b for region in result.gap_regions for b in region], sets)
            try:
                result = replace(result, gap_regions=connected_regions(boxes, self.budget))
            except AnalysisTimeoutError:
                result = replace(result, gap_regions=None, timed_out=True, stopped_by=self.budget.exceeded or "tid")
        self.done[key] = out = (view, sets, result)
        return out

    def live(self, table: ir.Table) -> list[set[int]] | None:
        """Per version, the rules that can be chosen; None when the table may give no
        value (a hole, an overlap under unik, a column that may not be read) or its
        analysis was cut short."""
        if not all(self.reach.total(c.name) for c in table.inputs):
            return None
        out: list[set[int]] = []
        for k, version in enumerate(table.versions):
            _view, _sets, result = self.version(table, k)
            if result.dead is None or result.timed_out or result.gap_regions != []:
                return None
            if result.meets is not None and any(result.meets):
                return None
            out.append(set(range(len(version.rules))) - set(result.dead))
        return out


def _check_table(table: ir.Table, budget: Budget, max_findings: int | None, run: _Run) -> list[dg.Diagnostic]:
    out: list[dg.Diagnostic] = []
    hidden_e = hidden_w = 0
    stops: set[str] = set()
    for k, version in enumerate(table.versions):
        room = None if max_findings is None else max(0, max_findings - len(out))
        view, _sets, result = run.version(table, k)
        if result.timed_out:
            stops.add(result.stopped_by or "tid")
        try:
            shown, e, w = version_diagnostics(view, version, result, room, budget, run.reach.module)
        except AnalysisTimeoutError:  # grouping a huge set of overlaps ran out of time
            stops.add(budget.exceeded or "tid")
            shown, e, w = version_diagnostics(view, version, Analysis(
                result.gap_regions, None, result.dead, result.empty, True, "tid"), room,
                module=run.reach.module)
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
    run = _Run(module, budget)
    with _no_gc():
        for table in module.tables.values():
            out.extend(_check_table(table, budget, max_findings, run))
    out.extend(check_letters(module))
    return out
