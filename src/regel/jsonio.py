"""Exact JSON for cases and results: numbers are read as Decimal and written
back digit for digit, so no float ever touches an amount."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from .runtime.core import _MAX_FRACTION_DIGITS, _MAX_WHOLE_DIGITS, _clip
from .source import UndecodableError, decode_text


class CaseError(ValueError):
    """The input is not a JSON object of a case (message in Danish)."""


def _reject_constant(name: str) -> object:
    raise CaseError(f"JSON-værdien {name} er ikke et gyldigt tal.")


# A JSON number longer than this is kept as an exact Decimal instead of an int:
# Python refuses to turn more than 4.300 digits into an int, and the evaluator names
# the field and the digit limit (15 before, 10 after the point) for anything this long.
_INT_DIGITS = 18


def _int(text: str) -> int | Decimal:
    return int(text) if len(text) <= _INT_DIGITS else _float(text)


def _float(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:  # an exponent beyond what Decimal can hold at all
        raise CaseError(f"Tallet {_clip(text)} i input har for mange cifre; et tal må højst have "
                        f"{_MAX_WHOLE_DIGITS} cifre før og {_MAX_FRACTION_DIGITS} efter kommaet.") from None


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    seen = dict(pairs)
    if len(seen) != len(pairs):  # the last one would silently win; a case decides money
        counted: set[str] = set()
        for key, _value in pairs:
            if key in counted:
                raise CaseError(f"Feltet «{_clip(key)}» står flere gange i input.")
            counted.add(key)
    return seen


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogate(obj: object) -> bool:
    """Whether a parsed value holds a lone UTF-16 surrogate (JSON allows `"\\ud800"`,
    but such a string cannot be written as UTF-8 or compared with a name)."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


# Built once: a batch parses a million lines with them. The second one also reads
# integers through _int; it is used only when the first meets more than 4.300 digits.
_DECODER = json.JSONDecoder(parse_float=_float, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
_LONG_INT_DECODER = json.JSONDecoder(parse_float=_float, parse_int=_int, parse_constant=_reject_constant,
                                     object_pairs_hook=_no_duplicates)


def load_single_case(text: str) -> dict:
    """load_case for a command that takes one case: JSON text that is a whole case followed by
    more (JSONL piped to `regel eval … --input -` without --out, a walkthrough) is refused
    with the way to run several cases."""
    try:
        return load_case(text)
    except CaseError as err:
        rest = text.lstrip().removeprefix("\ufeff").lstrip()
        try:
            first, end = json.JSONDecoder().raw_decode(rest)
        except (ValueError, RecursionError):
            raise err from None
        if not isinstance(first, dict) or not rest[end:].strip():
            raise
        raise CaseError(f"{str(err).rstrip('.')}: efter den første sag står der mere. En sag er ét JSON-objekt; "
                        "flere sager, én pr. linje (JSONL), afgøres med regel eval BESLUTNING --input FIL "
                        "--out resultater.jsonl (--out - skriver på standard output).") from None


def load_case(text: str) -> dict:
    """One case from JSON text: numbers exact, duplicate keys, NaN, lone surrogates and
    absurd nesting refused with a Danish CaseError (never another exception)."""
    try:
        try:
            obj = _DECODER.decode(text)
        except (CaseError, json.JSONDecodeError):
            raise
        except ValueError:  # an integer past Python's 4.300 digits: keep it as an exact Decimal
            obj = _LONG_INT_DECODER.decode(text)
    except json.JSONDecodeError as err:
        raise CaseError(f"Input er ikke gyldig JSON (linje {err.lineno}, kolonne {err.colno}).") from None
    except RecursionError:
        raise CaseError("Input er for dybt indlejret til at være en sag (lister eller objekter i "
                        "hundredvis af niveauer).") from None
    if ("\\u" in text or not text.isascii() and _has_raw_surrogate(text)) and _has_surrogate(obj):
        raise CaseError("Input indeholder en ugyldig tekst (et enligt UTF-16-surrogat som \\ud800).")
    if not isinstance(obj, dict):
        raise CaseError("Input skal være ét JSON-objekt med sagens felter, fx {\"felt\": værdi}.")
    return obj


def _has_raw_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def decode_input(data: bytes, where: str = "Input") -> str:
    """Input bytes as text (source.decode_text: UTF-8 with or without BOM, or UTF-16/32
    with a BOM, as Windows tools save it). Anything else is refused with the encoding
    named, never guessed: a misread «ø» in an enum value would silently change the answer."""
    try:
        return decode_text(data)
    except UndecodableError as err:
        if err.kind == "utf8":
            why = (f"er ikke gyldig UTF-8 (byte {err.start}: 0x{err.byte:02x}); den er måske gemt som "
                   "latin-1/Windows-1252")
        else:
            why = f"{'er ' if err.kind != 'bom' else ''}{err.reason()}"
        raise CaseError(f"{where} {why}. Gem filen som UTF-8.") from None


def number_text(d: Decimal) -> str:
    """A finite Decimal as a JSON number, digit for digit (`2268`, `10469.50`). A zero is
    written without a sign: `-0` (a rounded -0,01 kr × 50 %) is no amount a person is owed,
    and SQL's DECIMAL has no negative zero, so every target writes `0`."""
    text = str(d)  # digit for digit, except that str() may use an exponent
    if "E" in text:
        text = format(d, "f")
    if text[0] == "-" and not d:
        text = text[1:]
    return text


def _scalar(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, Decimal):
        if not v.is_finite():
            raise ValueError("ikke-endeligt tal")
        return number_text(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError("ikke-endeligt tal")
        return repr(v)
    if isinstance(v, date):
        return json.dumps(v.isoformat())
    return json.dumps(str(v), ensure_ascii=False)


def dumps(obj: object, indent: int | None = 2, _level: int = 0) -> str:
    """JSON with Decimals written digit for digit (`2268`, `10469.50`) and
    dates as ISO strings; `json` itself cannot emit an exact Decimal."""
    pad = "" if indent is None else "\n" + " " * (indent * (_level + 1))
    end = "" if indent is None else "\n" + " " * (indent * _level)
    sep = ": " if indent is not None else ":"
    if isinstance(obj, Mapping):
        if not obj:
            return "{}"
        items = [pad + json.dumps(str(k), ensure_ascii=False) + sep + dumps(v, indent, _level + 1)
                 for k, v in obj.items()]
        return "{" + ",".join(items) + end + "}"
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        return "[" + ",".join(pad + dumps(v, indent, _level + 1) for v in obj) + end + "]"
    return _scalar(obj)
