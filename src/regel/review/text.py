"""Danish wording for the review pages: dates, policies, types, expressions, anchors."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from ..model import ir, show
from ..model.types import Kind, Type, format_unit, format_value
from ..runtime.core import _POLICY_NAMES as POLICY_NAMES

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")


POLICY_EXPLAINED = {
    "unique": "Præcis én regel må passe; huller og overlap er fejl.",
    "first": "Den første regel, der passer, vinder.",
    "priority": "Blandt de regler, der passer, vinder den hvis resultat står tidligst i opremsningen.",
    "collect": "Alle regler, der passer, bruges.",
}
AGGREGATOR_EXPLAINED = {
    "sum": "Resultaterne lægges sammen.",
    "min": "Det mindste resultat bruges.",
    "maks": "Det største resultat bruges.",
    "antal": "Resultatet er antallet af regler, der passer.",
}

# Binding strength of the arithmetic operators, for parentheses when an
# expression has no source text to show.


def danish_date(d: date) -> str:
    """2024-01-01 -> '1. januar 2024'."""
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def period_text(valid_from: date | None, valid_to: date | None) -> str:
    if valid_from is None and valid_to is None:
        return "Ingen gyldighedsperiode angivet"
    if valid_to is None:
        return f"Gælder fra {danish_date(valid_from)}"  # type: ignore[arg-type]
    if valid_from is None:
        return f"Gælder til og med {danish_date(valid_to)}"
    return f"Gælder fra {danish_date(valid_from)} til og med {danish_date(valid_to)}"


def policy_name(table: ir.Table) -> str:
    name = POLICY_NAMES.get(table.policy, table.policy)
    return f"{name} {table.aggregator}" if table.aggregator else name


def policy_explained(table: ir.Table) -> str:
    text = POLICY_EXPLAINED.get(table.policy, "")
    if table.aggregator:
        text += " " + AGGREGATOR_EXPLAINED.get(table.aggregator, "")
    return text.strip()


def type_text(t: Type) -> str:
    """`heltal fra 0 til 130`, `beløb fra 0 kr`, `Målgruppe`."""
    out = t.display
    if t.kind in (Kind.INT, Kind.AMOUNT, Kind.PERCENT, Kind.DATE) and not t.name:
        if t.low is not None:
            out += f" fra {format_unit(t, t.low)}"
        if t.high is not None:
            out += f" til {format_unit(t, t.high)}"
    return out


def value_text(t: Type | None, value: object) -> str:
    if t is None:
        return str(value)
    if t.kind is Kind.ENUM:
        return str(value)
    return format_value(t, value)


def span_text(span) -> str | None:
    """The source text of a span, trimmed: a span may run into the line break that ends its
    statement, and that token carries the comment and blank lines after it (walkthrough:
    a relation showed the next line's «# …» as part of the rule)."""
    if span is None:
        return None
    lines = span.text.strip().splitlines() or [""]
    kept = [lines[0]]
    for line in lines[1:]:
        if not line.strip() or line.lstrip().startswith("#"):
            break
        kept.append(line)
    return "\n".join(kept).strip() or None


def expr_text(e: ir.Expr) -> str:
    """An expression as written in the source, or rebuilt when it has no span."""
    return span_text(e.span) or _rebuild(e)


def _rebuild(e: ir.Expr) -> str:
    return show.expr_text(e, symbols=show.WRITTEN)


def relation_text(table: ir.Table, rel: ir.Relation) -> str:
    written = span_text(rel.span)
    if written:
        return written
    if rel.alias is None:
        return f"relation {rel.output} = {expr_text(rel.expr)}"
    col = next((c for c in table.inputs if c.name == rel.column), None)
    base = format_unit(col.type, rel.base_unit) if col is not None else str(rel.base_unit)
    return (f"relation {rel.output} = {expr_text(rel.expr)} hvor {rel.alias} er {rel.base_output} "
            f"ved {rel.column} = {base}")


_FOLD = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}


def slug(name: str) -> str:
    """An ASCII identifier for file names and anchors: 'Målgruppeafgørelse' -> 'maalgruppeafgoerelse'."""
    text = "".join(_FOLD.get(ch, ch) for ch in name)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text or "x"
