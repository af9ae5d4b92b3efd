"""Value types and their integer unit encoding.

Every condition column is analysed over integers: amounts in øre, whole
numbers, whole percent, dates as ordinal days, enum values by index and ja/nej
as 0/1. This makes gaps exact (10.469,01 kr is a real point of an amount
column, not of a whole-number column) and lets one sweep serve every type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ..runtime.core import _show

# Stand-ins for an unbounded numeric domain; far outside any legal amount or date.
NEG_INF = -(10**15)
POS_INF = 10**15


class Kind(StrEnum):
    ENUM = "enum"
    BOOL = "bool"
    INT = "int"
    AMOUNT = "amount"
    PERCENT = "percent"
    DATE = "date"
    TEXT = "text"
    NUMBER = "number"  # a decimal without unit; arises only in expressions
    LIST = "list"  # result of a collect table without aggregator


KIND_NAMES = {
    Kind.ENUM: "opremsning", Kind.BOOL: "ja/nej", Kind.INT: "heltal", Kind.AMOUNT: "beløb",
    Kind.PERCENT: "procent", Kind.DATE: "dato", Kind.TEXT: "tekst", Kind.NUMBER: "tal",
    Kind.LIST: "liste",
}


@dataclass(frozen=True)
class Type:
    kind: Kind
    name: str = ""  # the declared name for enums and named types
    values: tuple[str, ...] = ()  # enum values in declaration order
    low: int | None = None  # inclusive bounds, in units
    high: int | None = None
    # An enum value's Danish label as declared (`forsørger "Forsørger"`), for letters to citizens;
    # not part of the type's identity.
    labels: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def display(self) -> str:
        return self.name or KIND_NAMES[self.kind]

    @property
    def analysable(self) -> bool:
        """Can a condition column of this type be swept? (text cannot)."""
        return self.kind in (Kind.ENUM, Kind.BOOL, Kind.INT, Kind.AMOUNT, Kind.PERCENT, Kind.DATE)

    @property
    def domain(self) -> tuple[int, int]:
        if self.kind is Kind.ENUM:
            return 0, len(self.values) - 1
        if self.kind is Kind.BOOL:
            return 0, 1
        lo = NEG_INF if self.low is None else self.low
        hi = POS_INF if self.high is None else self.high
        return lo, hi

    def same_values(self, other: Type) -> bool:
        """Types whose values are interchangeable (bounds ignored)."""
        if self.kind is Kind.ENUM or other.kind is Kind.ENUM:
            return self.kind is other.kind and self.name == other.name
        return self.kind is other.kind


BOOL = Type(Kind.BOOL)
INT = Type(Kind.INT)
AMOUNT = Type(Kind.AMOUNT)
PERCENT = Type(Kind.PERCENT)
DATE = Type(Kind.DATE)
TEXT = Type(Kind.TEXT)
NUMBER = Type(Kind.NUMBER)


def to_unit(t: Type, value: object) -> int:
    """Encode a Python value of type `t` as the integer the analysis uses.
    Raises ValueError when the value has no exact unit (a fraction of an øre)."""
    if t.kind is Kind.ENUM:
        return t.values.index(value)  # type: ignore[arg-type]
    if t.kind is Kind.BOOL:
        return 1 if value else 0
    if t.kind is Kind.DATE:
        assert isinstance(value, date)
        return value.toordinal()
    d = Decimal(value)  # type: ignore[arg-type]
    if t.kind is Kind.AMOUNT:
        d = d * 100
    if d != d.to_integral_value():
        raise ValueError(value)
    return int(d)


def from_unit(t: Type, unit: int) -> object:
    if t.kind is Kind.ENUM:
        return t.values[unit]
    if t.kind is Kind.BOOL:
        return bool(unit)
    if t.kind is Kind.DATE:
        return date.fromordinal(unit)
    if t.kind is Kind.AMOUNT:
        return Decimal(unit) / 100
    return unit


def format_value(t: Type, value: object) -> str:
    """A value as a legal editor writes it: `1.964 kr`, `75 %`, `ja`, `2024-01-01`.
    The runtime core's display, so the checker, the review pages and generated
    code show every number the same way (10.469,5 kr is `10.469,50 kr`)."""
    if value is not None and (t.kind is Kind.BOOL or isinstance(value, bool)):
        return "ja" if value else "nej"
    return _show(t.kind.value, value)


def format_unit(t: Type, unit: int) -> str:
    return format_value(t, from_unit(t, unit))


def format_range(t: Type, lo: int, hi: int) -> str:
    """A unit interval as Danish text: `25`, `>= 131`, `[10.469,01 kr ; 10.469,99 kr]`."""
    dlo, dhi = t.domain
    if t.kind in (Kind.ENUM, Kind.BOOL):
        vals = [format_unit(t, u) for u in range(lo, hi + 1)]
        return ", ".join(vals)
    if lo == hi:
        return format_unit(t, lo)
    if lo <= dlo and hi >= dhi:
        return "-"
    if lo <= dlo:
        return f"<= {format_unit(t, hi)}"
    if hi >= dhi:
        return f">= {format_unit(t, lo)}"
    return f"[{format_unit(t, lo)} ; {format_unit(t, hi)}]"
