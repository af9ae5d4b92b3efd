"""Compare two states of the rules module by module and decision by decision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..checks.budget import Budget
from ..model import ir
from ..runtime.core import _near
from .engine import DecisionDiff, diff_decision
from .rows import TableRows, table_rows
from .space import DiffError


@dataclass
class Report:
    before: str  # what the earlier state is called in the output
    after: str
    decisions: list[DecisionDiff] = field(default_factory=list)
    tables: list[TableRows] = field(default_factory=list)
    modules: list[tuple[str, str]] = field(default_factory=list)  # (module, "tilføjet"/"fjernet")
    impact: object | None = None  # impact.Impact when --sager was given
    checks: dict[str, int] = field(default_factory=dict)  # errors `regel check` finds, per side label

    @property
    def regions(self) -> int:
        return sum(len(d.regions) for d in self.decisions)

    @property
    def incomplete(self) -> bool:
        """Some decision could not be compared: the report proves nothing about it."""
        return any(d.status == "fejl" for d in self.decisions)

    @property
    def differs(self) -> bool:
        return bool(self.regions or self.tables or self.modules
                    or any(d.status in ("kun_før", "kun_efter") for d in self.decisions))


def pairs(before: Sequence[ir.Module], after: Sequence[ir.Module]
          ) -> list[tuple[ir.Module | None, ir.Module | None]]:
    a = {m.name: m for m in before}
    b = {m.name: m for m in after}
    return [(a.get(n), b.get(n)) for n in list(b) + [n for n in a if n not in b]]


def compare(before: Sequence[ir.Module], after: Sequence[ir.Module], labels: tuple[str, str],
            decision: str | None = None, dates: tuple[date, date] | None = None,
            budget: Budget | None = None) -> Report:
    """The report for two states; with `dates`, one state (before == after) on two dates."""
    report = Report(*labels)
    known = [d for m in [*before, *after] for d in m.decisions]
    if decision is not None and decision not in known:
        near = _near(decision, tuple(dict.fromkeys(known)))
        hint = f" Mente du «{near}»?" if near else f" Kendte beslutninger: {', '.join(dict.fromkeys(known))}."
        raise DiffError(f"Ukendt beslutning «{decision}».{hint}")
    for ma, mb in pairs(before, after):
        if ma is None or mb is None:
            report.modules.append(((ma or mb).name, "tilføjet" if ma is None else "fjernet"))  # type: ignore[union-attr]
        if dates is None:
            report.tables += table_rows(ma, mb)
        names = list(mb.decisions if mb else []) + [d for d in (ma.decisions if ma else []) if
                                                    not mb or d not in mb.decisions]
        for name in names:
            if decision is not None and name != decision:
                continue
            if ma is None or mb is None or name not in ma.decisions or name not in mb.decisions:
                d = DecisionDiff(name, [], (mb or ma).name)  # type: ignore[union-attr]
                d.status = "kun_efter" if ma is None or name not in ma.decisions else "kun_før"
                report.decisions.append(d)
                continue
            pins: tuple[dict, dict] = ({}, {})
            if dates is not None and ma.cutoff:
                pins = ({ma.cutoff: dates[0]}, {mb.cutoff: dates[1]})  # type: ignore[dict-item]
            try:
                d = diff_decision(ma, mb, name, pins, budget)
            except DiffError as err:  # this decision cannot be compared; the others still are
                d = DecisionDiff(name, [], mb.name)
                d.status, d.note = "fejl", str(err)
            d.module = mb.name
            report.decisions.append(d)
    return report
