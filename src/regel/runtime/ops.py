"""Arithmetic by (operator, kinds) and the language's functions, once.

Which runtime primitive computes `a op b` depends only on the operands' kinds
(a percent is its fraction in products and quotients, a date plus a number
adds days, a date minus a date counts days). The reference interpreter and the
checker apply the plan to values; code generation writes it out as calls. Not
embedded in generated modules: they contain the calls it chose.
"""

from __future__ import annotations

from collections.abc import Callable

from .core import _add, _add_days, _days_between, _div, _frac, _max, _min, _mul, _neg, _round, _sub, _weeks

# name -> primitive, for the interpreters; code generation writes the names.
PRIMITIVES: dict[str, Callable[..., object]] = {
    "_add": _add, "_sub": _sub, "_mul": _mul, "_div": _div, "_neg": _neg, "_frac": _frac,
    "_add_days": _add_days, "_days_between": _days_between, "_round": _round,
    "_min": _min, "_max": _max, "_weeks": _weeks,
}
# The language's functions (regel.keywords.FUNCTIONS) other than rounding and hjemmel().
FUNCTIONS = {"min": "_min", "maks": "_max", "uger": "_weeks"}


def plan(op: str, left: str, right: str) -> tuple[str, bool, bool, bool]:
    """How `left op right` is computed from the operands' kinds (`amount`, `percent`,
    `date`, …): (primitive, left as fraction, right as fraction, negate right)."""
    if op in "+-":
        if left == "date" and right == "date":
            return "_days_between", False, False, False
        if left == "date":
            return "_add_days", False, False, op == "-"
        return ("_add" if op == "+" else "_sub"), False, False, False
    return ("_mul" if op == "*" else "_div"), left == "percent", right == "percent", False


def apply(op: str, left: str, right: str, a: object, b: object) -> object:
    """`a op b` for operands of kinds `left` and `right`, exactly as generated code computes it."""
    name, frac_a, frac_b, negate_b = plan(op, left, right)
    if frac_a:
        a = _frac(a)
    if frac_b:
        b = _frac(b)
    if negate_b:
        b = _neg(b)
    return PRIMITIVES[name](a, b)


def call(func: str, args: list[object]) -> object:
    """A function of the language (min, maks, uger) applied to values."""
    return PRIMITIVES[FUNCTIONS[func]](*args)


def round_value(v: object, mode: str, kind: str) -> object:
    """Legal rounding by mode; whole-number kinds come back as int."""
    return _round(v, mode, kind in ("int", "percent"))
