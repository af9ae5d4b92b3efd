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

from .. import csvio
from .compiler import ERROR, RULE_SEPARATOR, RULES, SCALE_SUFFIX, ident
from .display import q
from .exprs import NUMERIC

# csvio's own list of what starts a formula, as a SQL tuple (control characters as chr(n))
_FORMULA_START = "(" + ", ".join(f"chr({ord(c)})" if ord(c) < 32 else q(c) for c in csvio._FORMULA_START) + ")"


def json_text(x: str) -> str:
    """A VARCHAR as a JSON string (only `\\` and `"` need escaping; control characters are
    left to the Python path, see has_control); NULL stays NULL. The replaces run only on a
    text holding one of the two."""
    return (f"""CASE WHEN contains({x}, '\\') OR contains({x}, '"') """
            f"""THEN concat('"', replace(replace({x}, '\\', '\\\\'), '"', '\\"'), '"') """
            f"""WHEN {x} IS NOT NULL THEN concat('"', {x}, '"') END""")


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


def _formula_mark(x: str) -> str:
    """The `'` csvio.out_cell puts before a text that starts like a formula, else ''."""
    return f"CASE WHEN left({x}, 1) IN {_FORMULA_START} THEN '''' ELSE '' END"


def csv_text(x: str) -> str:
    """csv.writer's QUOTE_MINIMAL cell (delimiter `,`, line end `\\r\\n`) of csvio.out_cell's
    text: one concat, the replace only for a cell that needs quoting (the mark `'` changes
    no quoting); NULL stays NULL."""
    special = " OR ".join(f"contains({x}, {c})" for c in ("','", "'\"'", "chr(13)", "chr(10)"))
    mark = _formula_mark(x)
    return (f"CASE WHEN {x} IS NULL THEN NULL "
            f"""WHEN {special} THEN concat('"', {mark}, replace({x}, '"', '""'), '"') """
            f"ELSE concat({mark}, {x}) END")


def _rules_items() -> str:
    """The rule names of `regler` as the items of a JSON list (without the brackets)."""
    sep = q(RULE_SEPARATOR)
    r = ident(RULES)
    return (f"""CASE WHEN {r} = '' THEN '' """
            f"""WHEN contains({r}, '\\') OR contains({r}, '"') """
            f"""THEN concat('"', replace(replace(replace({r}, '\\', '\\\\'), '"', '\\"'), {sep}, '","'), '"') """
            f"""ELSE concat('"', replace({r}, {sep}, '","'), '"') END""")


def jsonl_sql(shapes: list[tuple[str, str, int]], scales: dict[str, int], error: str) -> tuple[str, str]:
    """(the result line, the refusal line with the message `error`) as SQL over a decision's
    result row, each with its `\\n`. One concat of never-NULL parts (no string built per
    `||`); the line is NULL only when `regler` is, as with `||`."""
    parts = []
    for k, (name, kind, mx) in enumerate(shapes):
        key = ("{" if k == 0 else ",") + json.dumps(name, ensure_ascii=False) + ":"
        js, _csv = _value(name, kind, mx, scales)
        parts += [q(key), f"COALESCE({js}, 'null')"]
    key = ("{" if not shapes else ",") + json.dumps(RULES, ensure_ascii=False) + ":"
    parts += [q(key + "["), _rules_items(), q("]}"), "chr(10)"]
    result = f"CASE WHEN {ident(RULES)} IS NOT NULL THEN concat({', '.join(_merged(parts))}) END"
    refusal = (f"CASE WHEN {error} IS NOT NULL THEN concat({q('{' + json.dumps(ERROR, ensure_ascii=False) + ':')}, "
               f"{json_text(error)}, '}}', chr(10)) END")
    return result, refusal


def _merged(parts: list[str]) -> list[str]:
    """Adjacent string literals joined into one."""
    out: list[str] = []
    for p in parts:
        if out and _is_literal(p) and _is_literal(out[-1]):
            out[-1] = q(_unq(out[-1]) + _unq(p))
        else:
            out.append(p)
    return out


def _is_literal(x: str) -> bool:
    return len(x) >= 2 and x[0] == x[-1] == "'" and "'" not in x[1:-1].replace("''", "")


def _unq(x: str) -> str:
    return x[1:-1].replace("''", "'")


def csv_rules() -> str:
    """`regler` as its CSV cell's text: the rule names space-separated."""
    return f"replace({ident(RULES)}, {q(RULE_SEPARATOR)}, ' ')"


def csv_sql(shapes: list[tuple[str, str, int]], scales: dict[str, int], error: str,
            rules: str | None = None) -> tuple[str, str]:
    """(the result row, the refusal row) as SQL, each ending in `\\r\\n`: the items, then
    `regler` (space-separated: `rules`, a column holding csv_rules() computed once, since
    csv_text names its text many times; else csv_rules() itself) and `fejl` (empty). One
    concat of never-NULL parts; the row is NULL only when `regler` is (the refusal when
    `error` is), as with `||`."""
    parts = []
    for name, kind, mx in shapes:
        _js, cs = _value(name, kind, mx, scales)
        parts += [f"COALESCE({cs}, '')", "','"]
    parts += [csv_text(rules or csv_rules()), "','", "chr(13)", "chr(10)"]
    row = f"CASE WHEN {ident(RULES)} IS NOT NULL THEN concat({', '.join(_merged(parts))}) END"
    refusal = (f"CASE WHEN {error} IS NOT NULL THEN "
               f"concat({q(',' * (len(shapes) + 1))}, {csv_text(error)}, chr(13), chr(10)) END")
    return row, refusal


def has_control(x: str) -> str:
    """Whether a written line holds a control character other than its line end."""
    return f"regexp_matches(rtrim({x}, chr(13) || chr(10)), '[[:cntrl:]]')"
