"""Pieces every part of lowering shares: the special column names, the default
rounding, and when a value may stand in a column of a type."""

from __future__ import annotations

from . import ir
from .types import Kind, Type

SPECIAL_IN = "id"  # a condition column naming the rule
SPECIAL_OUT = "hjemmel"  # a result column giving the rule its own citation
ROUNDING_DEFAULT = "kroner"


def assignable(src: Type, dst: Type) -> bool:
    if src.same_values(dst):
        return True
    return dst.kind is Kind.NUMBER and src.kind in (Kind.INT, Kind.NUMBER)


def rounded(e: ir.Expr, t: Type, mode: str) -> ir.Expr:
    """Computed amounts are rounded by the table's rule (half up to whole kroner
    by default); constants and explicit roundings are left as written."""
    if mode == "none" or t.kind is not Kind.AMOUNT or isinstance(e, (ir.Const, ir.Ref, ir.Round, ir.Refuse,
                                                                      ir.NoValue, ir.CitationOf)):
        return e
    return ir.Round(e, mode, t, e.span)
