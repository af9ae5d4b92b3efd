"""Exact JSON for cases and results: numbers are read as Decimal and written
back digit for digit, so no float ever touches an amount."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import date
from decimal import Decimal


class CaseError(ValueError):
    """The input is not a JSON object of a case (message in Danish)."""


def _reject_constant(name: str) -> object:
    raise CaseError(f"JSON-værdien {name} er ikke et gyldigt tal.")


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:  # the last one would silently win; a case decides money
            raise CaseError(f"Feltet «{key}» står flere gange i input.")
        seen[key] = value
    return seen


def load_case(text: str) -> dict:
    try:
        obj = json.loads(text, parse_float=Decimal, parse_int=int, parse_constant=_reject_constant,
                         object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as err:
        raise CaseError(f"Input er ikke gyldig JSON (linje {err.lineno}, kolonne {err.colno}).") from None
    if not isinstance(obj, dict):
        raise CaseError("Input skal være ét JSON-objekt med sagens felter, fx {\"ordning\": \"ressourceforløb\"}.")
    return obj


def _scalar(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, Decimal):
        if not v.is_finite():
            raise ValueError("ikke-endeligt tal")
        return format(v, "f")
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
