"""Danish wording shared by the checks: rule names, points, ranges, versions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..model import ir
from ..model.types import NEG_INF, POS_INF, Kind, Type, format_range, format_unit, from_unit
from ..runtime.core import _number
from .evaluate import show
from .sweep import Box, Interval


def rule_name(rule: ir.Rule) -> str:
    """`regel 3 (linje 12)`: the id the editor wrote and where to find it."""
    if rule.span is not None:
        return f"regel {rule.id} (linje {rule.span.line})"
    return f"regel {rule.id} (række {rule.row})"


def cap(text: str) -> str:
    """Capitalise the first letter only (str.capitalize would lower rule ids)."""
    return text[:1].upper() + text[1:]


def rule_list(rules: Sequence[ir.Rule]) -> str:
    names = [rule_name(r) for r in rules]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " og " + names[-1]


def rule_list_capped(rules: Sequence[ir.Rule], limit: int) -> str:
    """Like rule_list, but names at most `limit` rules and counts the rest:
    `regel a (linje 3), …, regel f (linje 8) og 994 flere (1.000 regler i alt)`."""
    if len(rules) <= limit:
        return rule_list(rules)
    rest = len(rules) - limit
    return (", ".join(rule_name(r) for r in rules[:limit])
            + f" og {count(rest)} flere ({count(len(rules))} regler i alt)")


def count(n: int) -> str:
    """1000 -> '1.000': the runtime core's Danish number display."""
    return _number(n)


def version_suffix(table: ir.Table, version: ir.Version) -> str:
    """` (version «2024»)` when the table has versions, else nothing."""
    if version.label is not None:
        return f" (version «{version.label}»)"
    if len(table.versions) > 1 and version.valid_from is not None:
        return f" (version fra {version.valid_from.isoformat()})"
    return ""


def version_key(version: ir.Version) -> str | None:
    if version.label is not None:
        return version.label
    return version.valid_from.isoformat() if version.valid_from is not None else None


def point_text(columns: Sequence[ir.Column], point: Sequence[int], box: Box | None = None) -> str:
    """`målgruppe = forsørger, uarbejdsdygtighed = 60 %`, leaving out columns
    that `box` leaves wholly open (any value there gives the same finding)."""
    parts = []
    for i, (col, u) in enumerate(zip(columns, point, strict=True)):
        if box is not None and tuple(box[i]) == tuple(col.type.domain):
            continue
        parts.append(f"{col.name} = {format_unit(col.type, u)}")
    return ", ".join(parts)


# ---- findings as data (`regel check --format json`, docs/fund.schema.json) -------------------
# Values are JSON values, not display text: amounts are numbers in kr (exact Decimals,
# 10469.01), integers and percents numbers, dates ISO strings, enum values strings.


def json_value(t: Type, unit: int) -> object:
    """The JSON value of a unit of type `t`."""
    value = from_unit(t, unit)
    if isinstance(value, date):
        return value.isoformat()
    return value


def json_range(t: Type, lo: int, hi: int) -> dict[str, object]:
    """A closed unit range as data: the values of an enum or ja/nej column, else an
    interval `{"fra", "til", "fra_med", "til_med"}` (an open end is null and not included)."""
    if t.kind in (Kind.ENUM, Kind.BOOL):
        return {"værdier": [json_value(t, u) for u in range(lo, hi + 1)]}
    low = None if lo <= NEG_INF else json_value(t, lo)
    high = None if hi >= POS_INF else json_value(t, hi)
    return {"fra": low, "til": high, "fra_med": low is not None, "til_med": high is not None}


def point_dict(columns: Sequence[ir.Column], point: Sequence[int]) -> dict[str, object]:
    return {col.name: json_value(col.type, u) for col, u in zip(columns, point, strict=True)}


def free_columns(columns: Sequence[ir.Column], box: Box) -> list[str]:
    """The columns a region leaves wholly open: any value there gives the same finding."""
    return [col.name for col, iv in zip(columns, box, strict=True) if tuple(iv) == tuple(col.type.domain)]


def range_text(col: ir.Column, iv: Interval) -> str:
    return format_range(col.type, iv[0], iv[1])


def box_text(columns: Sequence[ir.Column], box: Box) -> str:
    """`målgruppe = under_25_hjemmeboende; uarbejdsdygtighed i [51 % ; 99 %]`
    for the columns the box does not leave open."""
    parts = [constraint(col.name, range_text(col, iv)) for col, iv in zip(columns, box, strict=True)
             if tuple(iv) != tuple(col.type.domain)]
    return "; ".join(parts)


def constraint(name: str, text: str) -> str:
    """`alder >= 131`, `ydelse i [10.469,01 kr ; 10.469,99 kr]`, `målgruppe = forsørger`."""
    if text.startswith(("<", ">")):
        return f"{name} {text}"
    if text.startswith("["):
        return f"{name} i {text}"
    return f"{name} = {text}"


def box_dict(columns: Sequence[ir.Column], box: Box) -> dict[str, object]:
    return {col.name: json_range(col.type, iv[0], iv[1]) for col, iv in zip(columns, box, strict=True)}


def outputs_text(table: ir.Table, rule: ir.Rule, only: Sequence[int] | None = None) -> str:
    """`dagssats = 756 kr` for the chosen output columns."""
    idx = range(len(table.outputs)) if only is None else only
    return ", ".join(f"{table.outputs[i].name} = {show(rule.outputs[i])}" for i in idx)


def seconds(t: float) -> str:
    """2 -> '2', 0.5 -> '0,5' (Danish decimal comma)."""
    return f"{t:g}".replace(".", ",")
