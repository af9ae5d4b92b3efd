"""A small Decimal evaluator and printer for model expressions over constants.

Only what the relation check needs: constants, names bound by the caller,
arithmetic, legal rounding, min/maks/uger. It is not the interpreter; anything
else (table outputs, hjemmel(), afvis) makes the expression "not constant" and
the caller skips the row.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import ir
from ..model.show import expr_text
from ..model.types import Kind, Type, format_value
from ..runtime import ops
from ..runtime.core import RegelFejl


class NotConstantError(Exception):
    """The expression depends on something the checker cannot know."""


def _num(v: object) -> Decimal:
    if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
        raise NotConstantError(v)
    return Decimal(v)


def evaluate(e: ir.Expr, env: dict[str, object]) -> object:
    """The value of `e`, computed by the runtime's own primitives (regel.runtime.ops), so a
    relation is checked with exactly the arithmetic and rounding the generated code uses;
    percent-typed results stay in whole percent (as written)."""
    if isinstance(e, ir.Const):
        return e.value
    if isinstance(e, ir.Ref):
        if e.name not in env:
            raise NotConstantError(e.name)
        return env[e.name]
    try:
        if isinstance(e, ir.Neg):
            return ops.PRIMITIVES["_neg"](_num(evaluate(e.operand, env)))
        if isinstance(e, ir.Op):
            a, b = evaluate(e.left, env), evaluate(e.right, env)
            for v, t in ((a, e.left.type), (b, e.right.type)):
                if t.kind is not Kind.DATE:
                    _num(v)
            return ops.apply(e.op, e.left.type.kind.value, e.right.type.kind.value, a, b)
        if isinstance(e, ir.Round):
            return ops.round_value(_num(evaluate(e.operand, env)), e.mode, e.type.kind.value)
        if isinstance(e, ir.Call) and e.func in ops.FUNCTIONS:
            return ops.call(e.func, [evaluate(a, env) for a in e.args])
    except RegelFejl as err:  # division by zero, a date beyond the calendar
        raise NotConstantError(err.besked) from None
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


def result_key(outputs: tuple[ir.Expr, ...]) -> tuple[object, ...]:
    """How a rule's result cells compare with another rule's: by value where a cell is
    constant (`100 kr` and `2 * 50 kr` are the same result), else by expression. One
    rule for the checker (W203 vs E202), generated code and the interpreter (`unik`
    tolerates matching rules with the same result)."""
    key: list[object] = []
    for e in outputs:
        try:
            v = evaluate(e, {}) if not isinstance(e, (ir.Refuse, ir.NoValue)) else None
        except NotConstantError:
            v = None
        if v is None:
            key.append(("udtryk", e))
        else:
            key.append(("værdi", e.type.kind, Decimal(v) if isinstance(v, int) and not isinstance(v, bool) else v))
    return tuple(key)

