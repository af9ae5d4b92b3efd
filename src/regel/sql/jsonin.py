"""JSONL lines read in SQL: the relation `sager` (docs/sql.md) from a relation of raw lines.

The input relation `__linjer` has `rad_id` (the line number), `__linje` (the line's text, CRLF
and BOM already removed; NULL when the line could not be read) and `__forud` (the refusal
of a line that could not be read, written by the Python reader; else NULL).

SQL decides only the lines it can judge exactly as the Python reader and `_check_case`
would: a flat JSON object of plain scalars (no escapes, no exponents, no control
characters), every key a field of the module and none twice, every value of its field's
type, in its domain and within the digit limits. Those rows get `__enkel` = TRUE and their
typed values. Any other line — broken JSON, an unknown or repeated field, a wrong type,
a value out of range, anything unusual — gets `__enkel` = FALSE and is decided by the
Python evaluator from the line's text, so its refusal has the Python path's very words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal

from ..runtime.core import _LIMIT, _MAX_FRACTION_DIGITS
from .compiler import ROW_ID, SCALE_SUFFIX, ident, input_type
from .display import q

LINES = "__linjer"
LINE = "__linje"
PRE = "__forud"
PLAIN = "__enkel"

# A line SQL reads itself: no backslash (so no escapes: no lone surrogates, no quote
# inside a string), an object, valid JSON. NaN, Infinity, exponents and nested values may
# pass this gate, but no field's check accepts them, and a key no field has makes the key
# count differ (`key_count`), which also rules out a trailing comma (DuckDB's yyjson
# accepts one, Python does not).
_WS = r"[ \t\r]*"
_TRAILING_COMMA = rf",{_WS}[}}\]]"


def gate(line: str) -> str:
    # an object: its first character, or (rarely) its first after blanks — ltrim copies the line
    obj = (f"CASE WHEN starts_with({line}, '{{') THEN TRUE "
           f"ELSE starts_with(ltrim({line}, ' ' || chr(9) || chr(13)), '{{') END")
    return f"strpos({line}, '\\') = 0 AND {obj} AND json_valid({line})"


def commas(line: str) -> str:
    return f"strlen({line}) - strlen(replace({line}, ',', ''))"


def key_count(line: str, found: str, comma_count: str, readable: str) -> str:
    """Whether the object on `line` has exactly `found` members (the fields the transform
    found, none twice), no trailing comma and no other key.

    Cheap first: the commas of the line are at least its members less one — a comma in a
    string or a nested value only adds — so 1 + commas = found proves the members are
    exactly the fields found, none repeated and no comma trailing. Else the members are
    counted by json_keys after ruling out a trailing comma (which json_keys would not count);
    only on a `readable` line (json_keys fails on broken JSON)."""
    return (f"CASE WHEN NOT {readable} THEN FALSE WHEN {comma_count} + 1 = {found} THEN TRUE "
            f"WHEN regexp_matches({line}, {q(_TRAILING_COMMA)}) THEN FALSE "
            f"ELSE len(json_keys({line})) = {found} END")


_BIG = _LIMIT // 100  # _exact_number refuses |value| >= this
_AMOUNT_CHECK = "DECIMAL(18, 2)"  # an amount checked SQL-side: whole øre below _BIG, in 64 bits
_AMOUNT_BOUND = 10**16  # |value| that DECIMAL(18, 2) holds


def _bounds(expr: str, domain: object, sql_type: str, fits=lambda _v: False, narrow: str = "") -> list[str]:
    """Conditions that keep a number inside the field's domain and the evaluator's limit
    (core._check_value, core._exact_number)."""
    # not ABS: it overflows on the least BIGINT
    return [f"{expr} > -{_BIG}", f"{expr} < {_BIG}", *domain_bounds(expr, domain, sql_type, fits, narrow)]


def domain_bounds(expr: str, domain: object, sql_type: str, fits=lambda _v: False, narrow: str = "") -> list[str]:
    """Conditions that keep a number inside a field's (low, high) domain, for every reader SQL
    checks (JSONL here, Parquet in parquet_duck.py); a bound that `fits` the narrower type `narrow` is
    written in it (no widening per row)."""
    out = []
    if isinstance(domain, tuple):
        lo, hi = domain
        if lo is not None:
            out.append(f"{expr} >= CAST({q(str(lo))} AS {narrow if fits(lo) else sql_type})")
        if hi is not None:
            out.append(f"{expr} <= CAST({q(str(hi))} AS {narrow if fits(hi) else sql_type})")
    return out


def _whole_ore(bound: object) -> bool:
    """Whether a bound is exactly a DECIMAL(18, 2)."""
    d = Decimal(str(bound))
    return d.is_finite() and abs(d) < _AMOUNT_BOUND and d == d.quantize(Decimal("0.01"))


def field_sql(name: str, spec: Mapping[str, object], k: int
              ) -> tuple[list[tuple[str, str]], str, list[tuple[str, str]]]:
    """(helpers, ok, typed) of field k, from `__v{k}` (the field's JSON value as text; strings
    keep their quotes, the gate rules out escapes) and, for an amount, `__r{k}` (its number
    as written): helpers [(alias, sql)] are computed once in a layer of their own, `ok` is
    the condition that the present field is valid, typed [(alias, typed value)] its columns."""
    kind = str(spec["type"])
    v = f"__v{k}"
    t = f"__t{k}"
    s = f"substr({v}, 2, length({v}) - 2)"
    is_text = f"starts_with({v}, '\"')"
    col = ident(name)
    if kind == "enum":
        values = ", ".join(q(json.dumps(x, ensure_ascii=False)) for x in spec["domain"])  # type: ignore[union-attr]
        return [], f"{v} IN ({values})", [(col, s)]
    if kind == "text":
        return [], is_text, [(col, s)]
    if kind == "bool":
        return [], f"{v} IN ('true', 'false')", [(col, f"{v} = 'true'")]
    if kind == "date":
        # "YYYY-MM-DD" exactly: DuckDB writes a date of the years 0001-9999 so and nothing
        # else in 12 characters; its text of year 0 and before ends in " (BC)"
        ok = (f"(length({v}) = 12 AND {is_text} AND {t} IS NOT NULL "
              f"AND CAST({t} AS VARCHAR) = {s})")
        return [(t, f"TRY_CAST({s} AS DATE)")], ok, [(col, t)]
    if kind == "amount":
        # the number as written (DuckDB's own text of a double is not): `__r{k}`, cut from the line
        raw = f"__r{k}"
        scale = f"CASE WHEN strpos({raw}, '.') > 0 THEN length({raw}) - strpos({raw}, '.') ELSE 0 END"
        ok = " AND ".join([
            # the field's value is itself a number — not an object or list that holds the same key
            # (`"månedlig_ydelse": {"månedlig_ydelse": 5}`, whose 5 the line's regex would find)
            f"regexp_full_match({v}, '-?[0-9][0-9.eE+-]*')",
            f"TRY_CAST({v} AS DOUBLE) = TRY_CAST({raw} AS DOUBLE)",
            # whole øre: decimals past the second are zeros (so the cast below cannot round);
            # at most _MAX_FRACTION_DIGITS of them
            f"regexp_full_match({raw}, '-?[0-9]+(\\.[0-9]{{0,2}}0{{0,{_MAX_FRACTION_DIGITS - 2}}})?')",
            f"NOT (starts_with({raw}, '-') AND {t} = 0)",  # -0.0 is a Decimal of its own
            *_bounds(t, spec["domain"], "DECIMAL(38, 10)", _whole_ore, _AMOUNT_CHECK),
        ])
        return ([(t, f"TRY_CAST({raw} AS {_AMOUNT_CHECK})")], f"({ok})",
                [(col, f"CAST({t} AS {input_type('amount')})"), (ident(name + SCALE_SUFFIX), scale)])
    # int, percent, number: whole numbers written as integers — the JSON text is DuckDB's
    # canonical text of the BIGINT (no sign "+", no leading zeros, no "-0", no "1.0" or "1e3")
    ok = " AND ".join([f"CAST({t} AS VARCHAR) = {v}", *_bounds(t, spec["domain"], "BIGINT")])
    return [(t, f"TRY_CAST({v} AS BIGINT)")], f"({ok})", [(col, t)]


def raw_number(name: str) -> str:
    """The JSON number of a field as written on the line, up to the `,` or `}` after it (no
    exponent); the gate rules out escapes, so a key in quotes followed by a colon is that key."""
    key = re.escape(name).replace("'", "''")
    return f"regexp_extract({LINE}, '\"{key}\"{_WS}:{_WS}(-?[0-9.]+){_WS}[,}}]', 1)"


def sager_sql(inputs: Mapping[str, Mapping[str, object]]) -> str:
    """SELECT of the relation `sager` (plus `__enkel`, `__linje`, `__forud`) over `__linjer`."""
    names = list(inputs)
    shape = json.dumps({n: "JSON" for n in names}, ensure_ascii=False)
    present = " + ".join(f"CAST(__v{k} IS NOT NULL AS INTEGER)" for k in range(1, len(names) + 1)) or "0"
    checks: list[str] = []
    columns: list[str] = []
    inner: list[str] = []
    helpers: list[str] = []
    for k, name in enumerate(names, start=1):
        pre, ok, typed = field_sql(name, inputs[name], k)
        helpers += [f"{sql} AS {alias}" for alias, sql in pre]
        checks.append(f"(__v{k} IS NULL OR {ok})")
        columns += [f"CASE WHEN {PLAIN} AND __v{k} IS NOT NULL THEN {sql} END AS {alias}" for alias, sql in typed]
        inner.append(f"CAST(struct_extract(__j, {q(name)}) AS VARCHAR) AS __v{k}")
        if inputs[name]["type"] == "amount":
            # only where the field is: the regex over the line is the dearest part of the reading
            inner.append(f"CASE WHEN struct_extract(__j, {q(name)}) IS NOT NULL THEN {raw_number(name)} END AS __r{k}")
    plain = " AND ".join([key_count(LINE, f"({present})", "__c", "__g"), *checks])
    readable = f"COALESCE({PRE} IS NULL AND {gate(LINE)}, FALSE)"
    select = ",\n  ".join([ROW_ID, LINE, PRE, PLAIN, *columns])
    fields = ",\n    ".join(inner)
    typed_layer = ",\n    ".join(["*", *helpers])
    return f"""SELECT
  {select}
FROM (
  SELECT *, COALESCE(__g AND {plain}, FALSE) AS {PLAIN}
  FROM (
   SELECT {typed_layer}
   FROM (
    SELECT *,
    {fields}
    FROM (
      SELECT *,
        CASE WHEN __g THEN {commas(LINE)} END AS __c,
        CASE WHEN __g THEN json_transform({LINE}, {q(shape)}) END AS __j
      FROM (SELECT *, {readable} AS __g FROM {LINES})
    )
   )
  )
)"""
