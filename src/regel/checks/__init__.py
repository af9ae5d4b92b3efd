"""The checker: gaps, overlaps, dead rules and relations of decision tables.

    from regel.checks import check_module
    diags = check_module(module, time_limit=None)

The per-stage functions (`find_gaps`, `find_overlaps`, `find_dead_rules`,
`analyse`) work on plain data so benchmarks and test oracles can call them.
"""

from __future__ import annotations

import time

from .. import diagnostics as dg
from ..model import ir
from .analysis import Analysis, analyse, empty_rules, overlap_groups
from .regions import connected_regions
from .relations import check_relations
from .render import format_plain
from .sweep import AnalysisTimeoutError, Partition, find_dead_rules, find_gaps, find_overlaps
from .table import analyse_version, plain_rules, version_diagnostics
from .wording import seconds

__all__ = [
    "Analysis", "Partition", "AnalysisTimeoutError", "analyse", "check_module", "check_table", "connected_regions",
    "empty_rules", "find_dead_rules", "find_gaps", "find_overlaps", "format_plain", "overlap_groups",
]


def _timeout(table: ir.Table, time_limit: float | None) -> dg.Diagnostic:
    n = seconds(time_limit) if time_limit is not None else "?"
    return dg.warning("W207", f"Analysen af tabel {table.name} blev afbrudt efter {n} s; "
                      "tabellen er ikke bevist fuldstændig.", table.span,
                      "Giv analysen mere tid med --tidsgrænse, eller del tabellen op i mindre tabeller.",
                      data={"tabel": table.name})


def check_table(table: ir.Table, deadline: float | None = None,
                time_limit: float | None = None) -> list[dg.Diagnostic]:
    """All findings for one table. Relations and empty cells are always
    checked; the sweeps stop at `deadline` (time.monotonic()) with W207."""
    out: list[dg.Diagnostic] = []
    timed_out = False
    for version in table.versions:
        if timed_out or (deadline is not None and time.monotonic() >= deadline):
            timed_out = True
            cols = [c.type.domain for c in table.inputs]
            result = Analysis(None, None, None, empty_rules(cols, plain_rules(version)), timed_out=True)
        else:
            result = analyse_version(table, version, deadline)
            timed_out = result.timed_out
        out.extend(version_diagnostics(table, version, result))
    out.extend(check_relations(table))
    if timed_out:
        out.append(_timeout(table, time_limit))
    return out


def check_module(module: ir.Module, time_limit: float | None = None) -> list[dg.Diagnostic]:
    """Check every table of the module, in declaration order. `time_limit`
    (seconds) bounds the sweeps of each table (the CLI's --tidsgrænse); a table
    cut short gets a W207 warning, and its cheap checks still run."""
    out: list[dg.Diagnostic] = []
    for table in module.tables.values():
        deadline = None if time_limit is None else time.monotonic() + time_limit
        out.extend(check_table(table, deadline, time_limit))
    return out
