"""Model expressions as generated Python, as explanation trees and as text.

The Python calls the shared runtime primitives (`_add`, `_mul`, `_round`, …), so
arithmetic is exact Decimal in a private context and rounding is legal rounding.
Which primitive applies is decided here from the static types, exactly as the
interpreter decides it from the same types.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import ir, show
from ..model.types import Kind
from ..runtime import ops
from ..runtime.core import _show
from .literals import Atom, Node, Str, call, lit


def code(e: ir.Expr, top: bool = True, local: Mapping[str, str] | None = None) -> Node:
    """Python for `e`. A top-level name may be without value (`-`); a name inside
    arithmetic must have one, so it is read with `ctx.val` which says which.
    With `local` (name or "@Tabel" -> Python expression), names are read from
    those expressions instead of the engine (the fast path checks them first)."""
    if isinstance(e, ir.Const):
        return lit(e.value)
    if isinstance(e, ir.Ref):
        if local is not None:
            return Atom(local[e.name])
        return call("ctx.get" if top else "ctx.val", Str(e.name))
    if isinstance(e, ir.CitationOf):
        if local is not None:
            return Atom(local["@" + e.table])
        return call("ctx.citation", Str(e.table))
    if isinstance(e, ir.Neg):
        return call("_neg", code(e.operand, False, local))
    if isinstance(e, ir.Round):
        whole = e.type.kind in (Kind.INT, Kind.PERCENT)  # as ops.round_value decides
        return call("_round", code(e.operand, False, local), Str(e.mode), Atom(repr(whole)))
    if isinstance(e, ir.Call):
        return call(ops.FUNCTIONS[e.func], *(code(a, False, local) for a in e.args))
    if isinstance(e, ir.Op):
        return _op(e, local)
    raise TypeError(f"{type(e).__name__} is not a computable expression")


def leaves(e: ir.Expr, top: bool = True) -> list[tuple[ir.Ref | ir.CitationOf, bool]]:
    """The names and citations `e` reads, in the order its code reads them, each
    with whether it is read at the top (where a name may be without value)."""
    if isinstance(e, (ir.Ref, ir.CitationOf)):
        return [(e, top)]
    if isinstance(e, (ir.Neg, ir.Round)):
        return leaves(e.operand, False)
    if isinstance(e, ir.Call):
        return [x for a in e.args for x in leaves(a, False)]
    if isinstance(e, ir.Op):
        return leaves(e.left, False) + leaves(e.right, False)
    return []


def _op(e: ir.Op, local: Mapping[str, str] | None) -> Node:
    name, frac_left, frac_right, negate_right = ops.plan(e.op, e.left.type.kind.value, e.right.type.kind.value)
    left, right = code(e.left, False, local), code(e.right, False, local)
    if frac_left:
        left = call("_frac", left)
    if frac_right:
        right = call("_frac", right)
    if negate_right:
        right = call("_neg", right)
    return call(name, left, right)


def tree(e: ir.Expr, items: Mapping[int, tuple[str, str]] | None = None) -> tuple[object, ...]:
    """A data tree the explanation fills in with the case's values (see trace._render).
    `items` maps the expression objects of a decision's earlier items (by id) to their
    name and kind: such a subtree is shown as the item's value (`("i", name, kind)`)."""
    if items and id(e) in items:
        name, kind = items[id(e)]
        return ("i", name, kind)
    if isinstance(e, ir.Const):
        return ("k", _show(str(e.type.kind), e.value))
    if isinstance(e, ir.Ref):
        return ("r", e.name)
    if isinstance(e, ir.CitationOf):
        return ("h", e.table)
    if isinstance(e, ir.Neg):
        return ("n", tree(e.operand, items))
    if isinstance(e, ir.Round):
        label = "" if show.is_implicit_round(e) else show.round_name(e.mode)
        return ("a", label, tree(e.operand, items))
    if isinstance(e, ir.Call):
        return ("f", e.func, *(tree(a, items) for a in e.args))
    if isinstance(e, ir.Op):
        return ("o", show.PROSE[e.op], tree(e.left, items), tree(e.right, items))
    raise TypeError(f"{type(e).__name__} has no explanation tree")


def source(e: ir.Expr) -> str:
    """The expression as the editor wrote it (whitespace normalised)."""
    span = getattr(e, "span", None)
    if span is not None:
        return " ".join(span.text.split())
    return show.expr_text(e, symbols=show.WRITTEN, implicit_rounds=False)


def is_computed(e: ir.Expr) -> bool:
    return not isinstance(e, (ir.Const, ir.Refuse, ir.NoValue))
