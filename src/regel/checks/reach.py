"""The inputs a table version can actually see: each column's reachable values.

A column's type gives its domain, but fewer values can occur: a date lies in
the calendar (0001-01-01 … 9999-12-31); the cut-off date inside a version lies
in the version's period (the version is chosen by it); a column fed by another
table takes only the values that table's live rules give; `maks(x, 0 kr)` is
never negative. Each version is analysed over a view of the table whose column
types are narrowed to the hull of these values, and only the reachable part of
its gaps is kept (the values between, like an enum value no upstream rule
gives). Where a column's values cannot be worked out exactly the whole domain
is used: a gap is never hidden, at worst one that cannot occur is reported.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from ..model import ir
from ..model.types import NEG_INF, POS_INF, TEXT, Kind, Type, from_unit, to_unit
from ..runtime import ops
from ..runtime.core import RegelFejl
from .sweep import Box, Interval

Units = tuple[Interval, ...]  # sorted, disjoint, non-touching closed unit intervals
CALENDAR: Interval = (1, date.max.toordinal())
_NUMERIC = (Kind.INT, Kind.AMOUNT, Kind.PERCENT, Kind.DATE)


def _union(pieces: Sequence[Interval]) -> Units:
    out: list[list[int]] = []
    for a, b in sorted(pieces):
        if out and a <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return tuple((a, b) for a, b in out)


def _clip(units: Units, iv: Interval) -> Units:
    return tuple((max(a, iv[0]), min(b, iv[1])) for a, b in units if max(a, iv[0]) <= min(b, iv[1]))


class Reach:
    """Reachable values of a module's names. `live(table)` gives, per version, the
    indices of the rules that can be chosen, from the checker's own analysis of
    that table; None when the table may give no value at all (a case no rule
    covers, an overlap under unik, an input that may fail) or was not analysed."""

    def __init__(self, module: ir.Module | None, live: Callable[[ir.Table], list[set[int]] | None]) -> None:
        self.module = module
        self.live = live
        self._names: dict[tuple[str, Type], Units | None] = {}
        self._busy: set[str] = set()

    # -- a version's view ---------------------------------------------------------------------
    def view(self, table: ir.Table, version: ir.Version) -> tuple[ir.Table, list[Units | None]]:
        """The table with its column types narrowed to what this version can see,
        and per column the reachable units when they are not the whole narrowed domain."""
        cols: list[ir.Column] = []
        sets: list[Units | None] = []
        for col in table.inputs:
            units = self.column(table, version, col)
            t = col.type
            if units is None:
                cols.append(col)
                sets.append(None)
                continue
            if units and t.kind in _NUMERIC:
                lo, hi = units[0][0], units[-1][1]
                t = replace(t, low=None if lo <= NEG_INF else lo, high=None if hi >= POS_INF else hi)
                col = replace(col, type=t)
            cols.append(col)
            sets.append(None if units == (t.domain,) else units)
        if all(c is o for c, o in zip(cols, table.inputs, strict=True)):
            return table, sets
        return replace(table, inputs=tuple(cols)), sets

    def column(self, table: ir.Table, version: ir.Version, col: ir.Column) -> Units | None:
        """The units column `col` of `version` can take, within its domain; None: all of them."""
        t = col.type
        if not t.analysable:
            return None
        units = self.name(col.name, t)
        dom = t.domain
        out = (dom,) if units is None else _clip(units, dom)
        if t.kind is Kind.DATE:
            out = _clip(out, CALENDAR)
            if self.module is not None and col.name == self.module.cutoff and table.versioned:
                lo = version.valid_from.toordinal() if version.valid_from is not None else CALENDAR[0]
                hi = version.valid_to.toordinal() if version.valid_to is not None else CALENDAR[1]
                out = _clip(out, (lo, hi))
        return None if out == (dom,) else out

    # -- names and expressions ---------------------------------------------------------------------
    def name(self, name: str, t: Type) -> Units | None:
        key = (name, t)
        if key in self._names:
            return self._names[key]
        if name in self._busy:  # a cycle (reported by lowering): know nothing
            return None
        self._busy.add(name)
        try:
            out = self._name(name, t)
        finally:
            self._busy.discard(name)
        self._names[key] = out
        return out

    def _name(self, name: str, t: Type) -> Units | None:
        m = self.module
        if m is None:
            return None
        if name in m.fields:
            ft = m.fields[name].type
            return (ft.domain,) if ft.kind is t.kind and t.kind in _NUMERIC else None
        if name in m.values:
            return self.expr(m.values[name].expr, t) if self._total_expr(m.values[name].expr) else None
        producer = m.producer(name)
        if producer is None or producer.policy == "collect" or producer.versioned:
            return None  # a versioned table has no version for some days: it may give no value
        k = producer.output_index(name)
        lives = self.live(producer)
        if lives is None:
            return None  # the table may give no value (no rule, afvis, an error), or is not analysed
        pieces: list[Interval] = []
        for version, live in zip(producer.versions, lives, strict=True):
            for i in sorted(live):
                outs = version.rules[i].outputs
                got = self.result(outs[k], t)
                # prioritet computes every hit's first result to rank it: an afvis there refuses
                if got is None or not got or (producer.policy == "priority" and not isinstance(outs[0], ir.Const)):
                    return None
                pieces.extend(got)
        return _union(pieces)

    def total(self, name: str) -> bool:
        """Does reading `name` always give a value (never a refusal or an error)? Only
        then can a column fed by it be narrowed: a column that cannot be read is
        skipped by rules with `-` there, so a case can still meet no rule."""
        m = self.module
        if m is None or name in m.fields:
            return True
        if name in m.values:
            return self._total_expr(m.values[name].expr)
        return self.name(name, m.symbol_type(name) or TEXT) is not None

    def _rounded(self, e: ir.Round, t: Type) -> Units | None:
        """Rounding keeps order, so the operand's hull rounds to the result's hull (the
        values between whole kroner that rounding skips are kept: never too few)."""
        inner = self.expr(e.operand, t)
        if not inner:
            return inner
        ends = []
        for u in (inner[0][0], inner[-1][1]):
            if u <= NEG_INF or u >= POS_INF:
                ends.append(u)
                continue
            try:
                ends.append(to_unit(t, ops.round_value(from_unit(t, u), e.mode, e.type.kind.value)))
            except (ValueError, TypeError, ArithmeticError, RegelFejl):
                return None
        return ((ends[0], ends[1]),)

    def _total_expr(self, e: ir.Expr) -> bool:
        if isinstance(e, ir.Const):
            return True
        if isinstance(e, ir.Round):
            return self._total_expr(e.operand)
        if isinstance(e, ir.Ref):
            return self.total(e.name)
        if isinstance(e, ir.Call) and e.func in ("min", "maks"):
            return all(self._total_expr(a) for a in e.args)
        return False

    def result(self, e: ir.Expr, t: Type) -> Units | None:
        """The units a table's result cell gives: exact only for a constant (a cell
        computed from the table's inputs ranges over the rule's region, not known here)."""
        if isinstance(e, (ir.Refuse, ir.NoValue)):
            return ()  # no value reaches the column
        if isinstance(e, ir.Const) and e.type.kind is t.kind:
            try:
                u = to_unit(t, e.value)
            except (ValueError, TypeError, AssertionError):
                return None
            return ((u, u),)
        return None

    def expr(self, e: ir.Expr, t: Type) -> Units | None:
        """The units a value's expression can give, as a column of type `t` reads
        them: exact for constants, names and min/maks of one name with constants;
        the hull of the arguments' bounds for other min/maks."""
        if isinstance(e, ir.Const):
            return self.result(e, t)
        if t.kind not in _NUMERIC or e.type.kind is not t.kind:
            return None  # an enum or ja/nej from a reference: not known here
        if isinstance(e, ir.Ref):
            return self.name(e.name, t)
        if isinstance(e, ir.Round):
            return self._rounded(e, t)
        if isinstance(e, ir.Call) and e.func in ("min", "maks") and e.args:
            args = [self.expr(a, t) for a in e.args]
            if any(a is None for a in args):
                return None
            if any(not a for a in args):  # type: ignore[arg-type]
                return ()  # an argument never has a value: the value never has one either
            pick = max if e.func == "maks" else min
            consts = [a[0][0] for a in args if len(a) == 1 and a[0][0] == a[0][1]]  # type: ignore[index]
            rest = [a for a in args if not (len(a) == 1 and a[0][0] == a[0][1])]  # type: ignore[arg-type]
            c = pick(consts) if consts else None
            if len(rest) <= 1:
                units = rest[0] if rest else ((c, c),)
                if c is not None:  # each piece [a, b] of the one name becomes [pick(a, c), pick(b, c)]
                    units = tuple((pick(a, c), pick(b, c)) for a, b in units)  # type: ignore[misc]
                return _union(units)  # type: ignore[arg-type]
            lo = pick(a[0][0] for a in args)  # type: ignore[index]
            hi = pick(a[-1][1] for a in args)  # type: ignore[index]
            return ((lo, hi),)
        return None


def restrict(boxes: Sequence[Box], sets: Sequence[Units | None]) -> list[Box]:
    """The parts of disjoint boxes that lie in the reachable units of every column."""
    if all(s is None for s in sets):
        return list(boxes)
    out: list[Box] = []
    for box in boxes:
        parts = [[iv] if s is None else list(_clip(s, iv)) for iv, s in zip(box, sets, strict=True)]
        out.extend(itertools.product(*parts))
    return out
