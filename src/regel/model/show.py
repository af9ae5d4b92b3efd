"""Expressions as an editor reads them, for messages, explanations and review pages."""

from __future__ import annotations

from ..keywords import ROUNDING_FUNCTIONS
from . import ir
from .types import Type, format_value

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}
#: Typographic operators for prose (`783 kr × 50 %`); WRITTEN gives them as typed in a table.
PROSE = {"+": "+", "-": "−", "*": "×", "/": "/"}
WRITTEN = {"+": "+", "-": "-", "*": "*", "/": "/"}
#: How each rounding mode is named where an expression is shown (`afrunding øre` has no
#: function of its own in the language; `afrund_øre(…)` is how a rounding to øre reads).
ROUND_NAMES = {mode: name for name, mode in ROUNDING_FUNCTIONS.items()} | {"oere": "afrund_øre"}


def round_name(mode: str) -> str:
    """`afrund`, `afrund_ned`, …; a multiple reads `afrund_til_100` (`afrund_op_til_100` up)."""
    if mode.startswith("til:"):
        _to, how, step = mode.split(":")
        word = {"half_up": "afrund_til", "up": "afrund_op_til", "down": "afrund_ned_til"}[how]
        return f"{word}_{step}"
    return ROUND_NAMES.get(mode, "afrund")


def is_implicit_round(e: ir.Round) -> bool:
    """Lowering wraps computed amounts in the table's rounding with the operand's
    own span; an `afrund(…)` the editor wrote has the call's span."""
    return e.span is not None and e.span == getattr(e.operand, "span", None)


def expr_text(e: ir.Expr, env: dict[str, tuple[Type, object]] | None = None, symbols: dict[str, str] = PROSE,
              implicit_rounds: bool = True) -> str:
    """The expression as an editor reads it, names in `env` replaced by values:
    `afrund(783 kr × 50 %)`. With implicit_rounds=False the rounding the table adds
    by itself is left out, as the editor wrote the cell."""
    env = env or {}

    def go(x: ir.Expr, outer: int) -> str:
        if isinstance(x, ir.Const):
            return format_value(x.type, x.value)
        if isinstance(x, ir.Ref):
            if x.name in env:
                t, v = env[x.name]
                return format_value(t, v)
            return x.name
        if isinstance(x, ir.Neg):
            return "-" + go(x.operand, 3)
        if isinstance(x, ir.Op):
            prec = _PRECEDENCE[x.op]
            # The right operand of - and / binds tighter: a − (b − c).
            text = f"{go(x.left, prec)} {symbols[x.op]} {go(x.right, prec + (x.op in '-/'))}"
            return f"({text})" if prec < outer else text
        if isinstance(x, ir.Round):
            if not implicit_rounds and is_implicit_round(x):
                return go(x.operand, outer)
            return f"{round_name(x.mode)}({go(x.operand, 0)})"
        if isinstance(x, ir.Call):
            return f"{x.func}({', '.join(go(a, 0) for a in x.args)})"
        if isinstance(x, ir.CitationOf):
            return f"hjemmel({x.table})"
        if isinstance(x, ir.Refuse):
            return f'afvis "{x.message}"'
        return "-"

    return go(e, 0)
