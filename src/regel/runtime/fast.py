"""Helpers of the generated fast paths (embedded after the EMBED marker).

Each decision's generated `_fast_*` function decides the usual case in straight
lines; these helpers give it the engine's exact wording whenever it must refuse,
and read dates and amounts the way the engine's validation does.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from .core import (
    _LIMIT,
    RegelFejl,
    _check_case,
    _check_date,
    _digits_fit,
    _fact_names,
    _missing,
    _no_version,
    _refused,
    _scaled,
    _show,
)
from .engine import _Module, _Table

# ---- EMBED: everything below is copied into generated modules ----

# ---- helpers of the generated fast paths (see `_fast_*` and `evaluate`) ----------------------


def _fast_invalid(m: _Module, case: Mapping[str, object]) -> RegelFejl | None:
    """The engine's validation error for a case the fast path found invalid (None: the
    case is valid after all, in a form the fast path leaves to the engine)."""
    try:
        _check_case(case, m.inputs)
    except RegelFejl as e:
        return e
    return None


def _fast_missing(m: _Module, name: str) -> RegelFejl:
    return _missing(name, m.inputs[name])


def _fast_no_version(t: _Table, day: date) -> RegelFejl:
    return _no_version(t.name, day, [(v.valid_from, v.valid_to) for v in t.versions])


_REFUSALS: dict[tuple[object, ...], tuple[str, str]] = {}  # (table, rule number, values) -> (besked, regel)


def _fast_refused(m: _Module, tname: str, k: int, message: str, values: tuple[object, ...]) -> RegelFejl:
    """The engine's refusal for rule number `k` of a table (its versions' rules numbered on),
    given the values of the names _fact_names lists for the columns the version read. Batches
    refuse alike again and again, so the wording is remembered (up to a bound)."""
    key = (tname, k, values)
    known = _REFUSALS.get(key)
    if known is None:
        t = m.tables[tname]
        n = k
        for version in t.versions:
            if n < len(version.rules):
                break
            n -= len(version.rules)
        names = _fact_names(version.columns)
        shown = [(name, _show(m.symbols[name][0], v)) for name, v in zip(names, values, strict=True)]
        error = _refused(message, t.name, version.label, version.rules[n].id, shown)
        if len(_REFUSALS) < _DAYS_MAX:
            _REFUSALS[key] = (error.besked, version.rules[n].id)
        return error
    return RegelFejl(known[0], tabel=tname, regel=known[1])


_DAYS: dict[str, tuple[date, int]] = {}  # ISO text -> (date, ordinal), remembered for batches
_DAYS_MAX = 4096  # the bound of each remembering dict here


def _fast_day(value: object) -> tuple[date, int] | None:
    """A case's date as (date, ordinal day), or None when the engine must say what is wrong."""
    if type(value) is date:
        return value, value.toordinal()
    if type(value) is not str:
        return None
    day = _DAYS.get(value)
    if day is None:
        try:
            day = _check_date("", value)
        except RegelFejl:
            return None
        if len(_DAYS) < _DAYS_MAX:
            _DAYS[value] = day
    return day


def _fast_amount(value: object) -> tuple[Decimal, int] | None:
    """A case's amount as (Decimal kr, whole øre), or None when the engine must say what is wrong
    (the caller checks the bounds on the øre, which also keeps |value| below the runtime's limit)."""
    if type(value) is int:
        return Decimal(value), value * 100
    if type(value) is Decimal and value.is_finite() and _digits_fit(value) and abs(value) < _LIMIT // 100:
        units = _scaled(value, 2)
        if units is not None:
            return value, units
    return None
