"""Values shown in Danish inside SQL refusal messages, as `regel.runtime.core._show` shows them.

`1964` → `1.964`, `10469.50` → `10.469,50 kr`, `30.90` → `30,9 %`, ja/nej, ISO dates.
Written with functions every target dialect has (LEFT, RIGHT, LENGTH, FLOOR, CASE),
so sqlglot can transpile it; tests/test_sql_display.py compares it with `_number`
and `_show` value by value.
"""

from __future__ import annotations

from .messages import show_suffix

# Whole parts up to 18 digits are grouped (a BIGINT); amounts in a case have at most 13.
_MAX_GROUPS = 6


def q(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _grouped(digits: str) -> str:
    """`digits` (a VARCHAR of plain digits) with '.' between groups of three from the right."""
    length = f"LENGTH({digits})"
    arms = []
    for g in range(1, _MAX_GROUPS):
        # at most 3*g digits: split into the head and g-1 full groups
        parts = [f"LEFT({digits}, {length} - {3 * (g - 1)})"] if g > 1 else [digits]
        for k in range(g - 1, 0, -1):
            parts.append(f"SUBSTRING({digits}, {length} - {3 * k - 1}, 3)")
        arms.append(f"WHEN {length} <= {3 * g} THEN " + " || '.' || ".join(parts))
    parts = [f"LEFT({digits}, {length} - {3 * (_MAX_GROUPS - 1)})"]
    for k in range(_MAX_GROUPS - 1, 0, -1):
        parts.append(f"SUBSTRING({digits}, {length} - {3 * k - 1}, 3)")
    return "CASE " + " ".join(arms) + " ELSE " + " || '.' || ".join(parts) + " END"


def number(x: str, scale: int, money: bool) -> str:
    """Danish notation of the DECIMAL(38, scale) expression `x` (see core._number)."""
    a = f"ABS(CAST({x} AS DECIMAL(38, {scale})))"
    whole = f"CAST(CAST(FLOOR({a}) AS BIGINT) AS VARCHAR)"
    sign = f"CASE WHEN CAST({x} AS DECIMAL(38, {scale})) < 0 THEN '-' ELSE '' END"
    text = f"{sign} || {_grouped(whole)}"
    if scale == 0:
        return text
    frac = f"({a} - FLOOR({a}))"
    digits = f"RIGHT({q('0' * scale)} || CAST(CAST({frac} * {10 ** scale} AS BIGINT) AS VARCHAR), {scale})"
    arms = [f"WHEN {frac} = 0 THEN ''"]
    for j in range(1, scale):
        shown = max(j, 2) if money else j
        arms.append(f"WHEN {frac} * {10 ** j} = FLOOR({frac} * {10 ** j}) THEN ',' || LEFT({digits}, {shown})")
    arms.append(f"ELSE ',' || {digits}")
    return f"{text} || CASE {' '.join(arms)} END"


def show(kind: str, x: str, scale: int) -> str:
    """`_show(kind, value)` in SQL for a non-null value of a condition column."""
    if kind == "bool":
        return f"CASE WHEN {x} THEN 'ja' ELSE 'nej' END"
    if kind == "date":
        return f"CAST({x} AS VARCHAR)"
    if kind == "enum":
        return x
    if kind == "text":
        return f"'\"' || {x} || '\"'"
    suffix = show_suffix(kind)
    text = number(x, scale, kind == "amount")
    return f"{text} || {q(suffix)}" if suffix else text
