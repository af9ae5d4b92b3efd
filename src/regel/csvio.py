"""CSV for batch evaluation: reading cases as Danish spreadsheets save them, and
writing result cells that a spreadsheet cannot mistake for formulas.

The convention (also in docs/batch.md, in Danish):

* One case per line. The first line is the header with the field names; the
  delimiter is `;` or `,`, whichever the header uses (Danish Excel saves `;`).
  A header that uses both, or names a column twice, is a usage error. A line
  break inside a quoted cell is not allowed: a line is a case, so results line
  up with input lines.
* Encoding: UTF-8, with or without BOM. Bytes that are not UTF-8 (a file saved
  as Windows-1252/latin-1) are never guessed at: the header is a usage error,
  a later line is refused.
* Empty cell: the field is absent (its default applies, or the rules say it is
  missing).
* Numbers (heltal, beløb, procent), Danish notation and nothing else:
  optional leading `-`; digits, where `.` only separates thousands in groups
  of exactly three (`1.000`, `10.469`); optional `,` and decimals (`10.469,50`);
  for a beløb an optional `kr` (`12.000 kr`), for a procent an optional `%`.
  Anything else (`10.47`, `1.00`, `1.0000`, `1,2,3`, `10469.50`) is refused
  with the field and the cell named — a point is never a decimal point, and an
  ambiguous cell is never guessed. A whole number becomes an int and a number
  with decimals a Decimal, as the same number in JSON would.
* Booleans (ja/nej): `ja`, `nej`, `true`, `false`, `1`, `0`, any case.
* Dates, choices and text: the cell as written (surrounding blanks removed);
  the evaluator checks them exactly as it checks JSON input.

Output: a text cell whose first character is `=`, `+`, `-`, `@`, tab or CR
gets a leading `'` (OWASP's advice against formula injection). Only text is
neutralised; numbers are written as numbers (`-5` stays `-5`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from .jsonio import number_text
from .runtime.core import _clip, _near
from .runtime.core import _number as _dk

# Keys refused in a header line are identifiers, so `;` and `,` never occur in them.
_DELIMITERS = (";", ",")

_TRUE = frozenset({"ja", "true", "1"})
_FALSE = frozenset({"nej", "false", "0"})

# `-`? whole part (plain digits, or 1-3 digits then groups of exactly three after `.`),
# then optionally `,` and at least one decimal. Anchored with \Z: `$` would accept a "\n".
_DANISH_NUMBER = re.compile(r"(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\Z", re.ASCII)
_NUMERIC_KINDS = frozenset({"int", "amount", "percent", "number"})
_UNITS = {"amount": "kr", "percent": "%"}
# What a refused number cell should have been, with an example of the field's own kind.
_NUMBER_WORDS = {
    "amount": ("et beløb", "punktum kun mellem grupper af tre cifre, komma før øre, fx 10.469,50 eller 12.000 kr"),
    "percent": ("en procent", "hele procent, fx 75 eller 75 %"),
    "int": ("et heltal", "punktum kun mellem grupper af tre cifre, fx 3 eller 1.000"),
    "number": ("et tal", "punktum kun mellem grupper af tre cifre, komma før decimaler, fx 10.469,5"),
}

# OWASP: a cell starting with one of these is run as a formula by spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class HeaderError(ValueError):
    """The header line cannot be used (message in Danish): the whole run stops."""


class CellError(ValueError):
    """One line cannot be read as a case (message in Danish): that line is refused."""


def parse_header(text: str) -> tuple[str, list[str]]:
    """The delimiter and the column names of a header line (BOM already removed)."""
    has = [d for d in _DELIMITERS if d in text]
    if len(has) > 1:
        raise HeaderError("Overskriftslinjen i CSV-filen indeholder både «;» og «,», så skilletegnet kan ikke "
                          "afgøres. Brug ét af dem.")
    delimiter = has[0] if has else ","
    try:
        columns = next(csv.reader([text], delimiter=delimiter, strict=True))
    except (csv.Error, StopIteration) as err:
        raise HeaderError(f"Overskriftslinjen i CSV-filen kan ikke læses ({err}).") from None
    columns = [c.strip() for c in columns]
    seen: set[str] = set()
    for c in columns:
        if c and c in seen:  # a second column would silently win over the first
            raise HeaderError(f"Kolonnen «{_clip(c)}» står flere gange i CSV-filens overskrift.")
        seen.add(c)
    if not any(columns):
        raise HeaderError("CSV-filens første linje skal være en overskrift med feltnavnene, fx "
                          "«ordning;forseelse;dato».")
    return delimiter, columns


def check_columns(columns: list[str], inputs: Mapping[str, object], where: str = "i CSV-filens overskrift") -> None:
    """HeaderError for a column that is no field of the decision: every line would be
    refused for it, so the run stops at the header, naming the column (and a near name)."""
    unknown = [c for c in columns if c and c not in inputs]
    if not unknown or not inputs:
        return
    name = unknown[0]
    near = _near(name, inputs)
    hint = f" Mente du «{near}»?" if near else f" Kendte felter: {', '.join(inputs)}."
    more = f" (og {len(unknown) - 1} flere ukendte kolonner)" if len(unknown) > 1 else ""
    raise HeaderError(f"Kolonnen «{_clip(name)}» {where} er ikke et felt i sagen{more}.{hint}")


def split_line(text: str, delimiter: str) -> list[str]:
    """The cells of one line; CellError for broken quoting or an oversized cell."""
    try:
        return next(csv.reader([text], delimiter=delimiter, strict=True))
    except csv.Error as err:
        msg = str(err)
        if "field larger than field limit" in msg:
            raise CellError(f"et felt er længere end {_dk(csv.field_size_limit())} tegn") from None
        if "new-line character" in msg or "unexpected end of data" in msg or "EOF" in msg:
            raise CellError("anførselstegn er ikke lukket på linjen (en sag skal stå på én linje)") from None
        raise CellError(f"ugyldig CSV ({msg})") from None


def row_case(cells: list[str], columns: list[str], inputs: Mapping[str, Mapping[str, object]]) -> dict:
    """A case from one line's cells; CellError naming the field and the cell on a bad cell."""
    if len(cells) != len(columns):
        extra = cells[len(columns):]
        if len(cells) < len(columns) or any(c.strip() for c in extra):
            raise CellError(f"linjen har {len(cells)} {'felt' if len(cells) == 1 else 'felter'}, men overskriften har "
                            f"{len(columns)}")
    case: dict = {}
    for name, cell in zip(columns, cells, strict=False):
        text = cell.strip()
        if not text:
            continue
        if not name:
            raise CellError(f"kolonnen uden navn har værdien «{_clip(text)}»")
        spec = inputs.get(name)
        kind = str(spec.get("type", "text")) if spec else "text"
        case[name] = cell_value(name, kind, text)
    return case


def cell_value(name: str, kind: str, text: str) -> object:
    """A stripped, non-empty cell as the value the evaluator expects for a field of this kind."""
    if kind == "bool":
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise CellError(f"feltet «{name}» skal være ja eller nej (ja/nej, true/false, 1/0); fik «{_clip(text)}»")
    if kind in _NUMERIC_KINDS:
        return parse_number(name, kind, text)
    return text


def parse_number(name: str, kind: str, text: str) -> int | Decimal:
    """A number in the Danish notation of the module docstring, or CellError."""
    raw = text
    unit = _UNITS.get(kind)
    if unit and raw.lower().endswith(unit):
        raw = raw[: -len(unit)].rstrip(" ")
    m = _DANISH_NUMBER.match(raw)
    if m is None:
        what, example = _NUMBER_WORDS.get(kind, _NUMBER_WORDS["number"])
        raise CellError(f"feltet «{name}» skal være {what} i dansk notation ({example}); fik «{_clip(text)}»")
    sign, whole, frac = m.groups()
    digits = whole.replace(".", "")
    if frac is None:
        return int(sign + digits) if len(digits) <= 18 else Decimal(sign + digits)
    return Decimal(f"{sign}{digits}.{frac}")


def neutralise(text: str) -> str:
    """A text cell a spreadsheet will show as text, never run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def out_cell(value: object) -> str:
    """A result value as a CSV cell: numbers as numbers, ja/nej, lists space-separated,
    and any text neutralised (see the module docstring)."""
    text = _plain(value)
    # Only text can start a formula by accident; a number's "-" is its sign and stays.
    return text if value is None or isinstance(value, (bool, int, Decimal, date)) else neutralise(text)


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return " ".join(_plain(v) for v in value)
    return str(value)


__all__ = ["CellError", "HeaderError", "cell_value", "check_columns", "neutralise", "out_cell", "parse_header",
           "parse_number", "row_case", "split_line"]
