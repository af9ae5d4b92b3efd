"""Where two computed answers agree, when they depend on one field linearly.

`783 kr × dage` before and `790 kr × dage` after differ for every `dage` except
where the two lines cross. A term built only from the field, constants, `+`, `−`
and multiplication or division by a constant is `α·u + β` in the field's unit u;
two such terms are equal everywhere, nowhere, or at one unit. Anything else
(rounding, min/maks, a second field) is not settled here.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, DivisionByZero, InvalidOperation

from .space import Axis
from .symbolic import Term, Unsure, _lift, is_const

Affine = tuple[Decimal, Decimal]  # (α, β): the value at unit u is α·u + β


def _linear(term: Term, field: str) -> bool:
    tag = term[0]
    if tag in ("k", "f"):
        return tag == "k" or term[1] == field
    if tag == "neg":
        return _linear(term[2], field)
    if tag == "op":
        op, a, b = term[1], term[4], term[5]
        if op in "+-":
            return _linear(a, field) and _linear(b, field)
        if op == "*":
            return (is_const(a) and _linear(b, field)) or (is_const(b) and _linear(a, field))
        return op == "/" and is_const(b) and _linear(a, field)
    return False


def _at(term: Term, field: str, value: object) -> Decimal:
    tag = term[0]
    if tag == "k":
        return _num(term[1])
    if tag == "f":
        return _num(value)
    if tag == "neg":
        return -_at(term[2], field, value)
    a, b = _at(term[4], field, value), _at(term[5], field, value)
    folded = _lift("op", term[1:4], ("k", a), ("k", b))  # the runtime's own arithmetic (percent as fraction)
    return _num(folded[1])


def _num(v: object) -> Decimal:
    if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
        raise Unsure
    return Decimal(v)


def form(term: Term, ax: Axis) -> Affine | None:
    """(α, β) of a term linear in the axis' field, else None."""
    if not _linear(term, ax.name):
        return None
    try:
        v0, v1 = _at(term, ax.name, ax.value(0)), _at(term, ax.name, ax.value(1))
    except (Unsure, InvalidOperation, DivisionByZero, ArithmeticError, ValueError):
        return None
    return v1 - v0, v0


def equal_units(items: Sequence[tuple[Term, Term]], ax: Axis, lo: int, hi: int) -> list[int] | None:
    """The units in [lo, hi] where every pair of terms agrees (at most one), or None
    when some pair is not linear in the field (then nothing is proved)."""
    candidates: set[int] | None = None
    for a, b in items:
        if a == b:
            continue
        fa, fb = form(a, ax), form(b, ax)
        if fa is None or fb is None:
            return None
        (a1, b1), (a2, b2) = fa, fb
        if a1 == a2:
            if b1 == b2:
                return None  # equal forms but different terms: leave it to the cases
            return []
        root = (b2 - b1) / (a1 - a2)
        if root != root.to_integral_value() or not lo <= root <= hi:
            return []
        here = {int(root)}
        candidates = here if candidates is None else candidates & here
        if not candidates:
            return []
    return sorted(candidates) if candidates is not None else None
