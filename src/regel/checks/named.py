"""Points and regions at a condition that compares with a name, in the editor's words.

A cell like `< bundfradrag` is analysed on a derived column `indkomst − bundfradrag`
(model/bounds.py), so a gap there is found as `indkomst − bundfradrag = 0 kr`. The
editor wrote a comparison with a name and reads the gap best as the value it is
about: `indkomst = 882.700 kr` when the name is a constant of the version in force
(a `værdi` with a fixed value, or a table result whose rules that apply here give
one fixed value), else `indkomst = bundfradrag`. A name whose table has several
versions in the period shows each: `indkomst = bundfradrag (852.600 kr i version
«2023», 882.700 kr i version «2024»)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from ..model import ir
from ..model.bounds import derived_parts
from ..model.types import Kind, Type, format_range, format_value, from_unit, to_unit
from .evaluate import NotConstantError, evaluate
from .sweep import Box, Interval
from .wording import box_text, constraint, json_value, point_text, range_text

_DATE_MAX = date.max.toordinal()
# A name's value per version of its table in force: (version label, value); label None
# for a `værdi` or a table without versions.
Values = tuple[tuple[str | None, object], ...]


class NamedPoints:
    """The wording of points and boxes of one table version. Derived columns read as
    their own column compared with the name; without any, checks/wording.py's wording."""

    def __init__(self, module: ir.Module | None, table: ir.Table, version: ir.Version) -> None:
        self.module = module
        self.version = version
        index = {c.name: i for i, c in enumerate(table.inputs)}
        # derived column index -> (index of the column it is about, the name it is compared with)
        self.derived: dict[int, tuple[int, str]] = {}
        for k, col in enumerate(table.inputs):
            parts = derived_parts(col.name)
            if parts is not None and parts[0] in index:
                self.derived[k] = (index[parts[0]], parts[1])

    # -- the public wording ---------------------------------------------------------------------
    def point_text(self, columns: Sequence[ir.Column], point: Sequence[int], box: Box) -> str:
        """`indkomst = 882.700 kr`, leaving out the columns `box` leaves open."""
        if not self.derived:
            return point_text(columns, point, box)
        ranges = [tuple(iv) if tuple(iv) == tuple(c.type.domain) else (u, u)
                  for c, u, iv in zip(columns, point, box, strict=True)]
        return ", ".join(self._parts(columns, ranges))  # type: ignore[arg-type]

    def box_text(self, columns: Sequence[ir.Column], box: Box) -> str:
        """`indkomst = 882.700 kr`, `indkomst < bundfradrag`: a region, for the hint."""
        if not self.derived:
            return box_text(columns, box)
        return "; ".join(self._parts(columns, [tuple(iv) for iv in box]))  # type: ignore[misc]

    def concrete(self, columns: Sequence[ir.Column], point: Sequence[int], box: Box) -> dict[str, object]:
        """For the finding's data: the own column's value where the message gives it
        (`{"indkomst": 882700}`), so the example is a case that can occur."""
        ranges = [tuple(iv) if tuple(iv) == tuple(c.type.domain) else (u, u)
                  for c, u, iv in zip(columns, point, box, strict=True)]
        out = {}
        for k, (own, _name) in self.derived.items():
            unit = self._concrete(columns, ranges, k)  # type: ignore[arg-type]
            if unit is not None:
                out[columns[own].name] = json_value(columns[own].type, unit[0])
        return out

    # -- pieces ----------------------------------------------------------------------------------
    def _parts(self, columns: Sequence[ir.Column], ranges: list[Interval]) -> list[str]:
        merged = {self.derived[k][0] for k in self.derived if self._concrete(columns, ranges, k) is not None}
        parts = []
        for i, (col, iv) in enumerate(zip(columns, ranges, strict=True)):
            if tuple(iv) == tuple(col.type.domain) or i in merged:
                continue
            if i not in self.derived:
                parts.append(constraint(col.name, range_text(col, iv)))
                continue
            own = columns[self.derived[i][0]]
            conc = self._concrete(columns, ranges, i)
            parts.append(self._derived(columns, ranges, i) if conc is None
                         else constraint(own.name, format_range(own.type, *conc)))
        return parts

    def _concrete(self, columns: Sequence[ir.Column], ranges: list[Interval], k: int) -> Interval | None:
        """The own column's range that derived column k stands for, when the name has one
        value here and that range lies where the region has the own column; else None."""
        if tuple(ranges[k]) == tuple(columns[k].type.domain):
            return None
        own, name = self.derived[k]
        c = self._single(columns, ranges, name, columns[own].type)
        if c is None:
            return None
        (lo, hi), (dlo, dhi) = ranges[k], columns[k].type.domain
        (olo, ohi), (alo, ahi) = columns[own].type.domain, ranges[own]
        a = olo if lo <= dlo else c + lo
        b = ohi if hi >= dhi else c + hi
        a, b = max(a, olo, alo), min(b, ohi, ahi)
        if a > b:
            return None  # the analysis' point is one the name's value cannot reach: show both as found
        if columns[own].type.kind is Kind.DATE and not all(u in (olo, ohi) or 1 <= u <= _DATE_MAX for u in (a, b)):
            return None
        return a, b

    def _derived(self, columns: Sequence[ir.Column], ranges: list[Interval], k: int) -> str:
        """A derived column the name's value cannot replace: `indkomst = bundfradrag`,
        `indkomst < bundfradrag (852.600 kr i version «2023», …)`."""
        own, name = self.derived[k]
        col, own_col = columns[k], columns[own]
        lo, hi = ranges[k]
        dlo, dhi = col.type.domain
        note = self._note(columns, ranges, name)
        if lo == hi:
            return f"{own_col.name} = {_offset(own_col, name, lo, col.type)}{note}"
        if lo <= dlo and hi in (0, -1):
            return f"{own_col.name} {'<=' if hi == 0 else '<'} {name}{note}"
        if hi >= dhi and lo in (0, 1):
            return f"{own_col.name} {'>=' if lo == 0 else '>'} {name}{note}"
        return constraint(col.name, range_text(col, (lo, hi)))

    def _note(self, columns: Sequence[ir.Column], ranges: list[Interval], name: str) -> str:
        """` (bundfradrag = 882.700 kr)` or ` (852.600 kr i version «2023», 882.700 kr i version
        «2024»)` when the name has fixed values; nothing when it has none (a field)."""
        values = self._values(columns, ranges, name)
        t = self.module.symbol_type(name) if self.module is not None else None
        if not values or t is None:
            return ""
        if len({_key(v) for _label, v in values}) == 1:
            return f" ({name} = {format_value(t, values[0][1])})"
        return " (" + ", ".join(f"{format_value(t, v)} i version «{label}»" for label, v in values) + ")"

    def _single(self, columns: Sequence[ir.Column], ranges: list[Interval], name: str, t: Type) -> int | None:
        """The name's one value here as a unit of type `t`; None when it has none or several."""
        values = self._values(columns, ranges, name)
        if not values or len({_key(v) for _label, v in values}) != 1:
            return None
        try:
            return to_unit(t, values[0][1])
        except (ValueError, TypeError, AssertionError):
            return None

    # -- the name's value ----------------------------------------------------------------------------
    def _values(self, columns: Sequence[ir.Column], ranges: list[Interval], name: str) -> Values | None:
        """The name's fixed value in each version of its table in force with this version,
        where only rules whose conditions on this table's columns admit `ranges` count. None
        when it is not fixed (a field, a computation, rules that disagree)."""
        m = self.module
        if m is None:
            return None
        if name in m.values:
            v = _constant(m, m.values[name].expr, 0)
            return None if v is None else ((None, v[0]),)
        producer = m.producer(name)
        if producer is None or producer.policy == "collect":
            return None
        k = producer.output_index(name)
        pins = {c.name: iv for i, (c, iv) in enumerate(zip(columns, ranges, strict=True)) if i not in self.derived}
        out: list[tuple[str | None, object]] = []
        for pv in self._in_force(producer):
            got = []
            for rule in pv.rules:
                if not _admits(producer, rule, pins):
                    continue
                e = rule.outputs[k]
                if isinstance(e, (ir.Refuse, ir.NoValue)):
                    continue  # no value: no case reaches the comparison through this rule
                v = _constant(m, e, 0)
                if v is None:
                    return None
                got.append(v[0])
            if len({_key(v) for v in got}) != 1:
                return None
            out.append((pv.label or _period(pv) if producer.versioned else None, got[0]))
        return tuple(out) or None

    def _in_force(self, producer: ir.Table) -> list[ir.Version]:
        """The producer's versions that apply on some day this version applies."""
        if not producer.versioned:
            return list(producer.versions)
        lo, hi = self.version.valid_from or date.min, self.version.valid_to or date.max
        return [v for v in producer.versions if (v.valid_from or date.min) <= hi and lo <= (v.valid_to or date.max)]


def _constant(m: ir.Module, e: ir.Expr, depth: int) -> tuple[object] | None:
    """(value,) of an expression over constants and constant `værdi`s; None if not constant."""
    env: dict[str, object] = {}
    for name in ir.refs(e):
        if name not in m.values or depth > 20:
            return None
        v = _constant(m, m.values[name].expr, depth + 1)
        if v is None:
            return None
        env[name] = v[0]
    try:
        return (evaluate(e, env),)
    except NotConstantError:
        return None


def _admits(producer: ir.Table, rule: ir.Rule, pins: dict[str, Interval]) -> bool:
    """Can the rule apply where this table's columns lie in `pins` (by name)?"""
    for col, cond in zip(producer.inputs, rule.conditions, strict=True):
        if cond is None or col.name not in pins:
            continue
        lo, hi = pins[col.name]
        if not any(a <= hi and lo <= b for a, b in cond.intervals):
            return False
    return True


def _key(v: object) -> object:
    """Numbers compare by value (882.700 kr is 882.700,00 kr)."""
    if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
        return ("tal", Decimal(v).normalize())
    return ("værdi", v)


def _period(v: ir.Version) -> str:
    return f"fra {v.valid_from.isoformat()}" if v.valid_from is not None else "uden periode"


def _offset(own: ir.Column, name: str, u: int, dt: Type) -> str:
    """`bundfradrag`, `bundfradrag + 0,01 kr`, `frist − 3 dage`: the name shifted by the
    derived column's value (in days for a date column)."""
    if u == 0:
        return name
    sign = "+" if u > 0 else "−"
    n = abs(u)
    if own.type.kind is Kind.DATE:
        return f"{name} {sign} {n} {'dag' if n == 1 else 'dage'}"
    return f"{name} {sign} {format_value(dt, from_unit(dt, n))}"

