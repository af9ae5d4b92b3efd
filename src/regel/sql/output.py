"""Result lines written in SQL: the JSONL line `batch.encode` writes, or the CSV row
`batch`'s csv.writer writes (with `csvio.out_cell`), for a row of a decision's result.

Keys, column names and fixed texts are written here by the same Python functions the
batch path uses (json.dumps for keys); only the case's values are formatted in SQL:
amounts with the decimals the Python evaluator's Decimal carries (the `__skala` columns
or the static scale), ja/nej, ISO dates, text escaped for JSON or quoted for CSV. A line
whose text holds a control character is not written here (`NULL`): the Python path
writes it, since json.dumps and CSV quoting of those are not worth copying.
"""

from __future__ import annotations

import json

from .compiler import ERROR, RULE_SEPARATOR, RULES, SCALE_SUFFIX, ident
from .display import q
from .exprs import NUMERIC

_FORMULA_START = "('=', '+', '-', '@', chr(9), chr(13))"  # csvio._FORMULA_START


def json_text(x: str) -> str:
    """A VARCHAR as a JSON string (only `\\` and `"` need escaping; control characters are
    left to the Python path, see has_control)."""
    return f"""'"' || replace(replace({x}, '\\', '\\\\'), '"', '\\"') || '"'"""


def number_text(v: str, mx: int, scale: str | int) -> str:
    """DECIMAL(38, mx) `v` written with `scale` decimals (batch._num of the quantized value)."""
    t = f"CAST({v} AS VARCHAR)"
    if isinstance(scale, int):
        if scale == mx:
            return t
        if scale < mx:
            return f"CAST(CAST({v} AS DECIMAL(38, {scale})) AS VARCHAR)"
        return f"{t} || {q(('.' if mx == 0 else '') + '0' * (scale - mx))}"
    cut = f"CASE WHEN {scale} = 0 THEN split_part({t}, '.', 1) ELSE left({t}, strpos({t}, '.') + {scale}) END"
    if mx == 0:
        return f"CASE WHEN {scale} = 0 THEN {t} ELSE {t} || '.' || repeat('0', {scale}) END"
    return (f"CASE WHEN {scale} <= {mx} THEN {cut} "
            f"ELSE {t} || repeat('0', {scale} - {mx}) END")


def _value(name: str, kind: str, mx: int, scales: dict[str, int]) -> tuple[str, str]:
    """(JSON text, CSV text) of one item's non-null value."""
    col = ident(name)
    if kind in NUMERIC:
        scale: str | int = scales.get(name, ident(name + SCALE_SUFFIX))
        text = number_text(col, mx, scale)
        return text, text
    if kind == "bool":
        return f"CASE WHEN {col} THEN 'true' ELSE 'false' END", f"CASE WHEN {col} THEN 'ja' ELSE 'nej' END"
    if kind == "date":
        return f"""'"' || CAST({col} AS VARCHAR) || '"'""", f"CAST({col} AS VARCHAR)"
    return json_text(col), csv_text(col)


def neutralise(x: str) -> str:
    return f"CASE WHEN left({x}, 1) IN {_FORMULA_START} THEN '''' || {x} ELSE {x} END"


def csv_cell(x: str) -> str:
    """csv.writer's QUOTE_MINIMAL cell (delimiter `,`, line end `\\r\\n`)."""
    return (f"CASE WHEN regexp_matches({x}, '[,\"\\r\\n]') THEN '\"' || replace({x}, '\"', '\"\"') || '\"' "
            f"ELSE {x} END")


def csv_text(x: str) -> str:
    return csv_cell(neutralise(x))


def _rules_json() -> str:
    sep = q(RULE_SEPARATOR)
    r = ident(RULES)
    return (f"'[' || CASE WHEN {r} = '' THEN '' ELSE '\"' || replace(replace(replace({r}, '\\', '\\\\'), "
            f"'\"', '\\\"'), {sep}, '\",\"') || '\"' END || ']'")


def jsonl_sql(shapes: list[tuple[str, str, int]], scales: dict[str, int], error: str) -> tuple[str, str]:
    """(the result line, the refusal line with the message `error`) as SQL over a decision's
    result row, each with its `\\n`."""
    parts = []
    for k, (name, kind, mx) in enumerate(shapes):
        key = ("{" if k == 0 else ",") + json.dumps(name, ensure_ascii=False) + ":"
        js, _csv = _value(name, kind, mx, scales)
        parts.append(f"{q(key)} || COALESCE({js}, 'null')")
    key = ("{" if not shapes else ",") + json.dumps(RULES, ensure_ascii=False) + ":"
    parts.append(f"{q(key)} || {_rules_json()} || '}}' || chr(10)")
    refusal = f"{q('{' + json.dumps(ERROR, ensure_ascii=False) + ':')} || {json_text(error)} || '}}' || chr(10)"
    return " || ".join(parts), refusal


def csv_sql(shapes: list[tuple[str, str, int]], scales: dict[str, int], error: str) -> tuple[str, str]:
    """(the result row, the refusal row) as SQL, each ending in `\\r\\n`: the items, then
    `regler` (space-separated) and `fejl` (empty)."""
    cells = []
    for name, kind, mx in shapes:
        _js, cs = _value(name, kind, mx, scales)
        cells.append(f"COALESCE({cs}, '')")
    rules = csv_text(f"replace({ident(RULES)}, {q(RULE_SEPARATOR)}, ' ')")
    row = " || ',' || ".join([*cells, rules, "''"]) + " || chr(13) || chr(10)"
    refusal = q("," * (len(shapes) + 1)) + f" || {csv_text(error)} || chr(13) || chr(10)"
    return row, refusal


def has_control(x: str) -> str:
    """Whether a written line holds a control character other than its line end."""
    return f"regexp_matches(rtrim({x}, chr(13) || chr(10)), '[[:cntrl:]]')"
