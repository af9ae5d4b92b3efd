"""Values shown in Danish inside SQL refusal messages, as `regel.runtime.core._show` shows them.

`1964` → `1.964`, `10469.50` → `10.469,50 kr`, `30.90` → `30,9 %`, ja/nej, ISO dates.
Written with functions every target dialect has (RIGHT, SUBSTRING, REPLACE, LTRIM, FLOOR, CASE),
so sqlglot can transpile it; tests/test_sql_display.py compares it with `_number`
and `_show` value by value.
"""

from __future__ import annotations

from collections.abc import Callable

from .messages import show_suffix

# Every whole part is grouped: a DECIMAL(38, s) has at most 38 digits (13 groups of three).
_MAX_GROUPS = 13


def q(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def padded(digits: str) -> str:
    """`digits` (a VARCHAR of at most 38 plain digits) right-aligned in 39 characters, spaces in
    front: the form _grouped cuts into groups of three."""
    width = 3 * _MAX_GROUPS
    return f"RIGHT({q(' ' * width)} || {digits}, {width})"


def _grouped(text: str) -> str:
    """The padded digits `text` (see padded) with '.' between groups of three from the right:
    every group joined by '.', then the blank groups in front and their dots dropped (a
    blank group is the only place a space stands before a dot). Linear in the groups, with
    functions every target dialect has."""
    joined = " || '.' || ".join(f"SUBSTRING({text}, {3 * k + 1}, 3)" for k in range(_MAX_GROUPS))
    return f"LTRIM(REPLACE({joined}, ' .', ''))"


def number(x: str, scale: int, money: bool, hoist: Callable[[str], str] | None = None) -> str:
    """Danish notation of the DECIMAL(38, scale) expression `x` (see core._number). Every value
    gets all 13 groups (no bound from a field's domain: a value beyond a bound would lose its
    leading digits in the padding, silently; a review). `hoist` turns the whole part's padded
    digits (SQL the grouping repeats once per group) into a column of an earlier step."""
    lift = hoist if hoist is not None else (lambda sql: sql)
    a = f"ABS(CAST({x} AS DECIMAL(38, {scale})))"
    sign = f"CASE WHEN CAST({x} AS DECIMAL(38, {scale})) < 0 THEN '-' ELSE '' END"
    whole = f"CAST({a} AS VARCHAR)" if scale == 0 else f"CAST(CAST(FLOOR({a}) AS DECIMAL(38, 0)) AS VARCHAR)"
    text = f"{sign} || {_grouped(lift(padded(whole)))}"
    if scale == 0:
        return text
    frac = f"({a} - FLOOR({a}))"
    fdigits = f"RIGHT({q('0' * scale)} || CAST(CAST({frac} * {10 ** scale} AS BIGINT) AS VARCHAR), {scale})"
    arms = [f"WHEN {frac} = 0 THEN ''"]
    for j in range(1, scale):
        shown = max(j, 2) if money else j
        arms.append(f"WHEN {frac} * {10 ** j} = FLOOR({frac} * {10 ** j}) THEN ',' || LEFT({fdigits}, {shown})")
    arms.append(f"ELSE ',' || {fdigits}")
    return f"{text} || CASE {' '.join(arms)} END"


def show(kind: str, x: str, scale: int, hoist: Callable[[str], str] | None = None) -> str:
    """`_show(kind, value)` in SQL for a non-null value of a condition column (`hoist`: see number)."""
    if kind == "bool":
        return f"CASE WHEN {x} THEN 'ja' ELSE 'nej' END"
    if kind == "date":
        return f"CAST({x} AS VARCHAR)"
    if kind == "enum":
        return x
    if kind == "text":
        return f"'\"' || {x} || '\"'"
    suffix = show_suffix(kind)
    text = number(x, scale, kind == "amount", hoist)
    return f"{text} || {q(suffix)}" if suffix else text
