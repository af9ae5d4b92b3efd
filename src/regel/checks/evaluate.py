"""A small Decimal evaluator and printer for model expressions over constants.

Only what the relation check needs: constants, names bound by the caller,
arithmetic, legal rounding, min/maks/uger. It is not the interpreter; anything
else (table outputs, hjemmel(), afvis) makes the expression "not constant" and
the caller skips the row.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from ..model import ir
from ..model.show import expr_text
from ..model.types import Kind, Type, format_value

_ROUND_STEP = {"kroner": (Decimal(1), ROUND_HALF_UP), "oere": (Decimal("0.01"), ROUND_HALF_UP),
               "kroner_down": (Decimal(1), ROUND_FLOOR)}


class NotConstantError(Exception):
    """The expression depends on something the checker cannot know."""


def _num(v: object) -> Decimal:
    if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
        raise NotConstantError(v)
    return Decimal(v)


def _arith_operand(e: ir.Expr, v: object) -> Decimal:
    """Percent acts as a fraction in products and quotients (75 % = 0,75)."""
    d = _num(v)
    return d / 100 if e.type.kind is Kind.PERCENT else d


def evaluate(e: ir.Expr, env: dict[str, object]) -> object:
    """The value of `e`; percent-typed results stay in whole percent (as written)."""
    if isinstance(e, ir.Const):
        return e.value
    if isinstance(e, ir.Ref):
        if e.name not in env:
            raise NotConstantError(e.name)
        return env[e.name]
    if isinstance(e, ir.Neg):
        return -_num(evaluate(e.operand, env))
    if isinstance(e, ir.Op):
        a, b = evaluate(e.left, env), evaluate(e.right, env)
        if e.op in "+-":
            if e.op == "-" and isinstance(a, date) and isinstance(b, date):
                return (a - b).days
            if isinstance(a, date):
                days = timedelta(days=int(_num(b)))
                return a + days if e.op == "+" else a - days
            return _num(a) + _num(b) if e.op == "+" else _num(a) - _num(b)
        x, y = _arith_operand(e.left, a), _arith_operand(e.right, b)
        if e.op == "*":
            return x * y
        if y == 0:
            raise NotConstantError("division by zero")
        return x / y
    if isinstance(e, ir.Round):
        step, mode = _ROUND_STEP.get(e.mode, _ROUND_STEP["kroner"])
        return _num(evaluate(e.operand, env)).quantize(step, rounding=mode)
    if isinstance(e, ir.Call):
        args = [evaluate(a, env) for a in e.args]
        if e.func == "uger":
            return int(_num(args[0])) * 7
        if e.func in ("min", "maks"):
            pick = min if e.func == "min" else max
            return pick(args)  # type: ignore[type-var]
    raise NotConstantError(type(e).__name__)


def same_value(a: object, b: object) -> bool:
    """Equality of evaluated values; numbers compare by value (756 == 756,00)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b  # ja is not the number 1
    if isinstance(a, (int, Decimal)) and isinstance(b, (int, Decimal)):
        return Decimal(a) == Decimal(b)
    return a == b


def show_value(t: Type, v: object) -> str:
    """A value in Danish notation; amounts computed exactly may carry øre."""
    return format_value(t, v)


def show(e: ir.Expr, env: dict[str, tuple[Type, object]] | None = None) -> str:
    """The expression as an editor reads it, with values from `env` filled in."""
    return expr_text(e, env)
