"""Typing of expressions: AST expressions in, typed model expressions out."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from decimal import Decimal

from .. import diagnostics as dg
from ..keywords import FUNCTIONS, ROUNDING_FUNCTIONS
from ..syntax import ast
from . import ir
from .types import AMOUNT, BOOL, DATE, INT, NUMBER, PERCENT, TEXT, Kind, Type

# Arithmetic result types by (op, left kind, right kind).
_NUMERIC = (Kind.INT, Kind.NUMBER, Kind.PERCENT)


def _result(op: str, a: Type, b: Type) -> Type | None:
    ka, kb = a.kind, b.kind
    if op in "+-":
        if ka is Kind.AMOUNT and kb is Kind.AMOUNT:
            return AMOUNT
        if ka is Kind.DATE and kb is Kind.INT:
            return DATE
        if op == "-" and ka is Kind.DATE and kb is Kind.DATE:
            return INT
        if ka is Kind.INT and kb is Kind.INT:
            return INT
        if ka is Kind.PERCENT and kb is Kind.PERCENT:
            return PERCENT
        if ka in (Kind.INT, Kind.NUMBER) and kb in (Kind.INT, Kind.NUMBER):
            return NUMBER
        return None
    if op == "*":
        if ka is Kind.AMOUNT and kb in _NUMERIC:
            return AMOUNT
        if kb is Kind.AMOUNT and ka in _NUMERIC:
            return AMOUNT
        if ka is Kind.INT and kb is Kind.INT:
            return INT
        if ka in _NUMERIC and kb in _NUMERIC:
            return NUMBER
        return None
    if op == "/":
        if ka is Kind.AMOUNT and kb in _NUMERIC:
            return AMOUNT
        if ka is Kind.AMOUNT and kb is Kind.AMOUNT:
            return NUMBER
        if ka in _NUMERIC and kb in _NUMERIC:
            return NUMBER
    return None


class ExprLowerer:
    """Types expressions against a symbol lookup. `lookup(name)` gives the type
    of a field, value or table output, or None; `enum_hint` lets a bare name be
    read as a value of an expected enum type."""

    def __init__(self, lookup: Callable[[str], Type | None], enums: dict[str, Type],
                 tables: set[str], diags: list[dg.Diagnostic]) -> None:
        self.lookup = lookup
        self.enums = enums
        self.tables = tables
        self.diags = diags

    # Names whose type could not be determined; a reference to one is a follow-on error.
    untyped: set[str] | frozenset[str] = frozenset()

    def enum_of_value(self, name: str, unique: bool = True) -> Type | None:
        """The enum type having `name` as a value: the only one, or (unique=False) the first."""
        hits = [t for t in self.enums.values() if name in t.values]
        return hits[0] if len(hits) == 1 or (hits and not unique) else None

    def literal(self, lit: ast.Expr, expected: Type | None = None) -> ir.Expr | None:
        if isinstance(lit, ast.Number):
            if lit.unit == "kr":
                if (lit.value * 100) != (lit.value * 100).to_integral_value():
                    self._err("E112", f"Beløbet {lit.span.text} kan ikke skrives i hele øre.", lit.span,
                              "Beløb regnes eksakt i øre; ret beløbet, eller beregn det med afrund(…).")
                    return ir.Const(Decimal(0), AMOUNT, lit.span)
                return ir.Const(lit.value, AMOUNT, lit.span)
            if lit.unit == "%":
                return ir.Const(lit.value, PERCENT, lit.span)
            if expected is not None and expected.kind in (Kind.AMOUNT, Kind.PERCENT):
                return ir.Const(lit.value, expected, lit.span)
            if lit.value == lit.value.to_integral_value():
                return ir.Const(int(lit.value), INT, lit.span)
            return ir.Const(lit.value, NUMBER, lit.span)
        if isinstance(lit, ast.DateLit):
            return ir.Const(lit.value, DATE, lit.span)
        if isinstance(lit, ast.Bool):
            return ir.Const(lit.value, BOOL, lit.span)
        if isinstance(lit, ast.Text):
            return ir.Const(lit.value, TEXT, lit.span)
        return None

    def lower(self, e: ast.Expr, expected: Type | None = None) -> ir.Expr | None:
        lit = self.literal(e, expected)
        if lit is not None:
            return lit
        if isinstance(e, ast.Refuse):
            return ir.Refuse(e.message, expected or NUMBER, e.span)
        if isinstance(e, ast.NoValue):
            return ir.NoValue(expected or NUMBER, e.span)
        if isinstance(e, ast.Name):
            return self.name(e, expected)
        if isinstance(e, ast.Neg):
            inner = self.lower(e.operand, expected)
            if inner is None:
                return None
            if inner.type.kind not in (Kind.AMOUNT, Kind.INT, Kind.NUMBER, Kind.PERCENT):
                self._err("E113", f"Kan ikke sætte minus foran en {inner.type.display}.", e.span)
                return None
            return ir.Neg(inner, inner.type, e.span)
        if isinstance(e, ast.BinOp):
            left = self.lower(e.left)
            right = self.lower(e.right)
            if left is None or right is None:
                return None
            t = _result(e.op, left.type, right.type)
            if t is None:
                self._err("E113", f"«{e.op}» kan ikke bruges mellem {left.type.display} og {right.type.display}.",
                          e.span, "Beløb kan ganges med tal og procenter og lægges til beløb; "
                          "datoer kan lægges dage til.")
                return None
            return ir.Op(e.op, left, right, t, e.span)
        if isinstance(e, ast.Call):
            return self.call(e, expected)
        self._err("E113", "Udtrykket kan ikke bruges her.", e.span)
        return None

    def name(self, e: ast.Name, expected: Type | None) -> ir.Expr | None:
        if expected is not None and expected.kind is Kind.ENUM and e.name in expected.values:
            return ir.Const(e.name, expected, e.span)
        t = self.lookup(e.name)
        if t is not None:
            return ir.Ref(e.name, t, e.span)
        if e.name in self.untyped:
            return None  # its own error is reported where its type is decided
        enum = self.enum_of_value(e.name)
        if enum is not None and (expected is None or expected.kind is Kind.ENUM):
            if expected is not None and expected.name != enum.name:
                self._err("E104", f"«{e.name}» er ikke en værdi af {expected.display}.", e.span,
                          _did_you_mean(e.name, expected.values))
                return None
            return ir.Const(e.name, enum, e.span)
        if e.name in getattr(self, "later_names", ()):
            self._err("E102", f"«{e.name}» står længere nede i beslutningen; en post kan kun bruge posterne over "
                      "den.", e.span, f"Flyt «{e.name}» op over denne linje.")
            return None
        if e.name in getattr(self, "own_names", ()):
            self._err("E102", f"«{e.name}» er et resultat af denne tabel; en celle kan ikke bruge en anden celle "
                      "i samme række.", e.span,
                      "Regn det ud fra betingelserne eller felterne, eller læg det i en anden tabel eller en «værdi». "
                      "Skal to resultater passe sammen, så skriv en «relation».")
            return None
        pool = list(expected.values) if expected is not None and expected.kind is Kind.ENUM else []
        pool += [n for n in self._names()]
        self._err("E102", f"Ukendt navn «{e.name}».", e.span,
                  _did_you_mean(e.name, pool) or "Navnet skal være et felt, en værdi eller en tabels resultat.")
        return None

    def _names(self) -> list[str]:
        names = getattr(self, "known_names", [])
        return list(names)

    def call(self, e: ast.Call, expected: Type | None) -> ir.Expr | None:
        f = e.func
        if f == "hjemmel":
            if len(e.args) != 1 or not isinstance(e.args[0], ast.Name) or e.args[0].name not in self.tables:
                self._err("E114", "hjemmel(…) skal have navnet på en tabel.", e.span,
                          _did_you_mean(e.args[0].name if e.args and isinstance(e.args[0], ast.Name) else "",
                                        sorted(self.tables)))
                return None
            return ir.CitationOf(e.args[0].name, TEXT, e.span)
        if f not in FUNCTIONS:
            self._err("E114", f"Ukendt funktion «{f}».", e.span,
                      _did_you_mean(f, FUNCTIONS) or f"Kendte funktioner: {', '.join(FUNCTIONS)}.")
            return None
        args = [self.lower(a, expected) for a in e.args]
        if any(a is None for a in args):
            return None
        typed = [a for a in args if a is not None]
        if f in ROUNDING_FUNCTIONS:
            if len(typed) != 1 or typed[0].type.kind not in (Kind.AMOUNT, Kind.INT, Kind.NUMBER, Kind.PERCENT):
                self._err("E114", f"{f}(…) tager ét tal eller beløb.", e.span)
                return None
            mode = ROUNDING_FUNCTIONS[f]
            t = typed[0].type if typed[0].type.kind is not Kind.NUMBER else INT
            return ir.Round(typed[0], mode, t, e.span)
        if f == "uger":
            if len(typed) != 1 or typed[0].type.kind is not Kind.INT:
                self._err("E114", "uger(…) tager et helt antal uger.", e.span)
                return None
            return ir.Call("uger", tuple(typed), INT, e.span)
        # min / maks
        if not typed or any(not a.type.same_values(typed[0].type) for a in typed):
            self._err("E114", f"{f}(…) tager en eller flere værdier af samme type.", e.span)
            return None
        return ir.Call(f, tuple(typed), typed[0].type, e.span)

    def _err(self, code: str, msg: str, span, hint: str | None = None) -> None:
        self.diags.append(dg.error(code, msg, span, hint))


def _did_you_mean(word: str, pool) -> str | None:
    match = difflib.get_close_matches(word, list(pool), n=1, cutoff=0.6)
    return f"Mente du «{match[0]}»?" if match else None


def did_you_mean(word: str, pool) -> str | None:
    return _did_you_mean(word, pool)


def const_value(e: ir.Expr) -> object:
    assert isinstance(e, ir.Const)
    return e.value


def to_decimal(v: object) -> Decimal:
    return v if isinstance(v, Decimal) else Decimal(v)  # type: ignore[arg-type]
