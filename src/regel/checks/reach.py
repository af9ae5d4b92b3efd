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
from ..model.types import NEG_INF, POS_INF, Kind, Type, to_unit
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
    indices of the rules that can be chosen (None: all), from the checker's own
    analysis of that table."""

    def __init__(self, module: ir.Module | None, live: Callable[[ir.Table], list[set[int] | None]]) -> None:
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
            return self.expr(m.values[name].expr, t)
        producer = m.producer(name)
        if producer is None or producer.policy == "collect":
            return None
        k = producer.output_index(name)
        lives = self.live(producer)
        pieces: list[Interval] = []
        for version, live in zip(producer.versions, lives, strict=True):
            for i, rule in enumerate(version.rules):
                if live is not None and i not in live:
                    continue
                got = self.expr(rule.outputs[k], t)
                if got is None:
                    return None
                pieces.extend(got)
        return _union(pieces)

    def expr(self, e: ir.Expr, t: Type) -> Units | None:
        """The units an expression can give, as a column of type `t` reads them;
        exact for constants, and bounds from names and min/maks of them."""
        if isinstance(e, (ir.Refuse, ir.NoValue)):
            return ()  # no value reaches the column
        if isinstance(e, ir.Const):
            if e.type.kind is not t.kind:
                return None
            try:
                u = to_unit(t, e.value)
            except (ValueError, TypeError, AssertionError):
                return None
            return ((u, u),)
        if t.kind not in _NUMERIC or e.type.kind is not t.kind:
            return None  # an enum or ja/nej from a reference: not known here
        if isinstance(e, ir.Ref):
            return self.name(e.name, t)
        if isinstance(e, ir.Call) and e.func in ("min", "maks") and e.args:
            args = [self.expr(a, t) for a in e.args]
            los = [a[0][0] if a else None for a in args if a is not None]
            his = [a[-1][1] if a else None for a in args if a is not None]
            if any(a == () for a in args):
                return None  # an argument without a value: an error at run time
            if e.func == "maks":
                lo = max(los) if los else NEG_INF  # type: ignore[type-var]
                hi = max(his) if len(his) == len(args) else POS_INF  # type: ignore[type-var]
            else:
                lo = min(los) if len(los) == len(args) else NEG_INF  # type: ignore[type-var]
                hi = min(his) if his else POS_INF  # type: ignore[type-var]
            if lo <= NEG_INF and hi >= POS_INF:  # type: ignore[operator]
                return None
            return ((lo, hi),)  # type: ignore[return-value]
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
