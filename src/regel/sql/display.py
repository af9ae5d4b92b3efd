"""Values shown in Danish inside SQL refusal messages, as `regel.runtime.core._show` shows them.

`1964` → `1.964`, `10469.50` → `10.469,50 kr`, `30.90` → `30,9 %`, ja/nej, ISO dates.
Written with functions every target dialect has (LEFT, RIGHT, LENGTH, FLOOR, CASE),
so sqlglot can transpile it; tests/test_sql_display.py compares it with `_number`
and `_show` value by value.
"""

from __future__ import annotations

from decimal import Decimal

from .messages import show_suffix

# Whole parts up to 18 digits are grouped (a BIGINT); amounts in a case have at most 13.
_MAX_GROUPS = 6


def q(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _grouped(digits: str, groups: int = _MAX_GROUPS) -> str:
    """`digits` (a VARCHAR of plain digits, at most 3 × `groups` of them unless groups is
    _MAX_GROUPS) with '.' between groups of three from the right."""
    if groups <= 1:
        return digits
    length = f"LENGTH({digits})"

    def split(g: int) -> str:  # at most 3*g digits: the head and g-1 full groups
        parts = [f"LEFT({digits}, {length} - {3 * (g - 1)})"]
        parts += [f"SUBSTRING({digits}, {length} - {3 * k - 1}, 3)" for k in range(g - 1, 0, -1)]
        return " || '.' || ".join(parts)

    arms = [f"WHEN {length} <= 3 THEN {digits}"]
    arms += [f"WHEN {length} <= {3 * g} THEN {split(g)}" for g in range(2, groups)]
    return "CASE " + " ".join(arms) + f" ELSE {split(groups)} END"


def whole_digits(bound: object) -> int | None:
    """How many digits the whole part of a value within ±bound has (None: unbounded)."""
    if bound is None:
        return None
    return len(str(int(abs(Decimal(str(bound))))))


def number(x: str, scale: int, money: bool, digits: int | None = None) -> str:
    """Danish notation of the DECIMAL(38, scale) expression `x` (see core._number); `digits`
    bounds the whole part's digits when the value is known to lie in a domain (fewer groups
    to test: the query is smaller and is planned faster)."""
    groups = _MAX_GROUPS if digits is None else max(1, min(_MAX_GROUPS, -(-digits // 3)))
    a = f"ABS(CAST({x} AS DECIMAL(38, {scale})))"
    sign = f"CASE WHEN CAST({x} AS DECIMAL(38, {scale})) < 0 THEN '-' ELSE '' END"
    if scale == 0:
        return f"{sign} || {_grouped(f'CAST({a} AS VARCHAR)', groups)}"
    whole = f"CAST(CAST(FLOOR({a}) AS BIGINT) AS VARCHAR)"
    text = f"{sign} || {_grouped(whole, groups)}"
    frac = f"({a} - FLOOR({a}))"
    fdigits = f"RIGHT({q('0' * scale)} || CAST(CAST({frac} * {10 ** scale} AS BIGINT) AS VARCHAR), {scale})"
    arms = [f"WHEN {frac} = 0 THEN ''"]
    for j in range(1, scale):
        shown = max(j, 2) if money else j
        arms.append(f"WHEN {frac} * {10 ** j} = FLOOR({frac} * {10 ** j}) THEN ',' || LEFT({fdigits}, {shown})")
    arms.append(f"ELSE ',' || {fdigits}")
    return f"{text} || CASE {' '.join(arms)} END"


def show(kind: str, x: str, scale: int, digits: int | None = None) -> str:
    """`_show(kind, value)` in SQL for a non-null value of a condition column (`digits`: see number)."""
    if kind == "bool":
        return f"CASE WHEN {x} THEN 'ja' ELSE 'nej' END"
    if kind == "date":
        return f"CAST({x} AS VARCHAR)"
    if kind == "enum":
        return x
    if kind == "text":
        return f"'\"' || {x} || '\"'"
    suffix = show_suffix(kind)
    text = number(x, scale, kind == "amount", digits)
    return f"{text} || {q(suffix)}" if suffix else text
