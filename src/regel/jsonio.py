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


def load_case(text: str) -> dict:
    try:
        obj = json.loads(text, parse_float=Decimal, parse_int=int, parse_constant=_reject_constant)
    except json.JSONDecodeError as err:
        raise CaseError(f"Input er ikke gyldig JSON (linje {err.lineno}, kolonne {err.colno}: {err.msg}).") from None
    if not isinstance(obj, dict):
        raise CaseError("Input skal være ét JSON-objekt med sagens felter, fx {\"ordning\": \"ressourceforløb\"}.")
    return obj


def _plain(v: object) -> object:
    if isinstance(v, Decimal):
        if not v.is_finite():
            raise ValueError("ikke-endeligt tal")
        return _Raw(format(v.normalize() if v == v.to_integral_value() else v, "f"))
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError("ikke-endeligt tal")
        return v
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Mapping):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v


class _Raw(str):
    """A number already formatted exactly; emitted without quotes."""


def dumps(obj: object, indent: int | None = 2) -> str:
    """JSON with Decimals written exactly (`2268`, `10469.50`), dates as ISO strings."""
    marker = "\x00RAW\x00"

    def default(o: object) -> object:
        raise TypeError(type(o).__name__)

    def mark(v: object) -> object:
        if isinstance(v, _Raw):
            return marker + str(v) + marker
        if isinstance(v, dict):
            return {k: mark(x) for k, x in v.items()}
        if isinstance(v, list):
            return [mark(x) for x in v]
        return v

    text = json.dumps(mark(_plain(obj)), ensure_ascii=False, indent=indent, default=default)
    return text.replace('"' + marker, "").replace(marker + '"', "")
