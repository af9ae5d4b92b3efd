"""The input space two states of a decision are compared over.

One axis per field that the decision can read on either side, in units as the
checker counts them (øre, days, enum positions). An enum axis lists the values of
both sides (the earlier side's order first), so a renamed value is one axis point
that is valid on one side only; a number axis spans both sides' domains. A field
pinned by `--dato/--mod` is not an axis: each side evaluates it at its own date. A
text field is an axis of one point that is never a constant: an answer that passes
it on is the same on both sides for every text; where a text decides, the diff can
only sample (such regions are not claimed to differ everywhere).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..model import ir
from ..model.graph import reach
from ..model.types import Kind, Type, from_unit

Interval = tuple[int, int]
Box = tuple[Interval, ...]

_DATE_LO, _DATE_HI = 1, date.max.toordinal()
TEXT_EXAMPLE = "tekst"  # the value a text field has in examples


class DiffError(Exception):
    """The two states cannot be compared; the message is Danish and names why."""


@dataclass(frozen=True)
class Axis:
    name: str
    kind: Kind
    type: Type  # the merged type: enum values of both sides, both sides' bounds
    sides: tuple[Type | None, Type | None]  # the field's type on each side (None: not declared)

    @property
    def domain(self) -> Interval:
        if self.kind is Kind.TEXT:
            return 0, 0  # one stand-in text: a text is never split, only passed on or compared
        lo, hi = self.type.domain
        if self.kind is Kind.DATE:
            return max(lo, _DATE_LO), min(hi, _DATE_HI)
        return lo, hi

    def value(self, unit: int) -> object:
        """The case value at an axis unit (a Python value, as a case holds it)."""
        if self.kind is Kind.TEXT:
            return TEXT_EXAMPLE
        return from_unit(self.type, unit)

    def valid(self, side: int, unit: int) -> bool:
        """Whether the side accepts this value for the field (undeclared fields are left out of its case)."""
        t = self.sides[side]
        if t is None:
            return True
        if self.kind is Kind.ENUM:
            return self.type.values[unit] in t.values
        if self.kind in (Kind.INT, Kind.AMOUNT, Kind.PERCENT):
            lo, hi = t.domain
            return lo <= unit <= hi
        return True

    def side_unit(self, side: int, unit: int) -> int:
        """The unit the side's own type gives the value (an enum's position in that side's list)."""
        if self.kind is Kind.ENUM:
            t = self.sides[side]
            assert t is not None
            return t.values.index(self.type.values[unit])
        return unit


def reads(module: ir.Module, decision: ir.Decision) -> list[str]:
    """Every field a decision can read (model/graph.py), in the module's field order."""
    return list(reach(module, decision).fields)


def _merge(name: str, a: Type | None, b: Type | None) -> Type:
    types = [t for t in (a, b) if t is not None]
    kinds = {t.kind for t in types}
    if len(kinds) > 1:
        raise DiffError(f"Feltet «{name}» har forskellig type før ({types[0].display}) og efter "
                        f"({types[1].display}); de to udgaver kan ikke sammenlignes på det felt.")
    t = types[0]
    if t.kind is Kind.ENUM:
        values = list(types[0].values)
        for extra in types[1:]:
            values += [v for v in extra.values if v not in values]
        return Type(Kind.ENUM, t.name, tuple(values))
    if t.kind in (Kind.INT, Kind.AMOUNT, Kind.PERCENT):
        lows = [x.low for x in types]
        highs = [x.high for x in types]
        low = None if None in lows else min(lows)  # type: ignore[type-var]
        high = None if None in highs else max(highs)  # type: ignore[type-var]
        return Type(t.kind, t.name, (), low, high)
    return Type(t.kind, t.name)


def axes(sides: Sequence[ir.Module], decision: str, pinned: Iterable[str] = ()) -> list[Axis]:
    """The axes for `decision` over both sides (a side without the decision adds none)."""
    names: list[str] = []
    for m in sides:
        d = m.decisions.get(decision)
        if d is not None:
            names += [n for n in reads(m, d) if n not in names]
    out = []
    skip = set(pinned)
    for name in names:
        if name in skip:
            continue
        types = tuple(m.fields[name].type if name in m.fields else None for m in sides)
        merged = _merge(name, *types)
        out.append(Axis(name, merged.kind, merged, types))  # type: ignore[arg-type]
    return out


def whole(ax: Sequence[Axis]) -> Box:
    return tuple(a.domain for a in ax)
