"""Conditions that compare with a name: `<= bundfradrag`, `> grænse`, `[nedre ; øvre]`.

A name in a cell of an ordered column (heltal, beløb, procent, dato) is a field, a
`værdi` or another table's result of the same type. Such a comparison is lowered to
a condition on a derived column, the difference `indkomst − bundfradrag` (in days
for dates), compared with 0: `<= bundfradrag` is `indkomst − bundfradrag <= 0`.
Everything after lowering — the checker's region analysis, generated matchers, the
interpreter, explanations — then works on an ordinary column, so `<= x` / `> x` is
proved complete and `< x` / `> x` leaves the gap `indkomst − bundfradrag = 0`.

The derived column is a `værdi` of the module (its expression `indkomst - bundfradrag`),
computed lazily like any other. A cell with a name holds that one comparison (a list
or `ikke` with a name would mix «or» across columns, which the grid cannot say).
"""

from __future__ import annotations

from collections.abc import Callable

from .. import diagnostics as dg
from ..runtime.core import _DERIVED, _derived_parts
from ..syntax import ast
from . import ir
from .cells import unit_of_literal
from .types import AMOUNT, INT, NEG_INF, PERCENT, POS_INF, Kind, Type

_ORDERED = (Kind.INT, Kind.AMOUNT, Kind.PERCENT, Kind.DATE)
# The type of `column − name`: a difference of dates is a number of days.
_DIFFERENCE = {Kind.INT: INT, Kind.AMOUNT: AMOUNT, Kind.PERCENT: PERCENT, Kind.DATE: INT}
MINUS = _DERIVED.strip()  # the derived column is named `indkomst − bundfradrag` (typographic minus: no clash)


def _name_of(lit: object) -> str | None:
    return lit.name if isinstance(lit, ast.Name) else None


class NamedBounds:
    """The derived columns one table needs, and each named cell's conditions on them."""

    def __init__(self, inputs: list[ir.Column], lookup: Callable[[str], Type | None],
                 diags: list[dg.Diagnostic]) -> None:
        self.inputs = inputs
        self.lookup = lookup
        self.diags = diags
        self.columns: list[ir.Column] = []
        self.values: list[ir.Value] = []
        self._index: dict[tuple[str, str], int] = {}

    def uses_names(self, ci: int, cell: ast.InCell) -> bool:
        """Whether the cell compares column `ci` with a name (not an enum value or a typo:
        an unknown name is left to the ordinary cell lowering, which reports it)."""
        if not isinstance(cell, ast.CondCell) or self.inputs[ci].type.kind not in _ORDERED:
            return False
        return any(self.lookup(n) is not None for n in self._names(cell))

    @staticmethod
    def _names(cell: ast.CondCell) -> list[str]:
        out = []
        for c in cell.conditions:
            parts = (c.low, c.high) if isinstance(c, ast.Interval) else (c.value,)
            out += [n for n in map(_name_of, parts) if n is not None]
        return out

    def _column(self, ci: int, name: str, span) -> int | None:
        col = self.inputs[ci]
        t = self.lookup(name)
        if t is None or t.kind is not col.type.kind:
            what = t.display if t is not None else "ukendt"
            self.diags.append(dg.error("E105", f"«{name}» er {what}, men kolonnen «{col.name}» er {col.type.display}.",
                                       span, "En betingelse kan sammenligne med et navn af samme type."))
            return None
        key = (col.name, name)
        if key not in self._index:
            derived = f"{col.name}{_DERIVED}{name}"
            dt = _DIFFERENCE[col.type.kind]
            # No span: explanations then print the expression itself, not the cell it came from.
            expr = ir.Op("-", ir.Ref(col.name, col.type), ir.Ref(name, t), dt)
            self._index[key] = len(self.columns)
            self.columns.append(ir.Column(derived, dt, span))
            self.values.append(ir.Value(derived, dt, expr, f"{col.name} sammenlignet med {name}", span))
        return self._index[key]

    def lower(self, ci: int, cell: ast.CondCell) -> tuple[ir.Cond | None, dict[int, ir.Cond]] | None:
        """The cell as (condition on column `ci` itself or None, {derived column: condition}),
        or None when it cannot be said (reported)."""
        if cell.negated or len(cell.conditions) != 1:
            self.diags.append(dg.error("E105", "En betingelse med et navn skal stå alene i cellen.", cell.span,
                                       "Skriv fx «<= bundfradrag» eller «[nedre ; øvre]»; del en liste op i flere "
                                       "rækker."))
            return None
        c = cell.conditions[0]
        text = cell.span.text.strip()
        col = self.inputs[ci]
        lo, hi = col.type.domain
        derived: dict[int, ir.Cond] = {}
        own: tuple[int, int] | None = None
        if isinstance(c, (ast.Eq, ast.Cmp)):
            k = self._column(ci, c.value.name, c.span)
            if k is None:
                return None
            op = "=" if isinstance(c, ast.Eq) else c.op
            iv = {"=": (0, 0), "<": (NEG_INF, -1), "<=": (NEG_INF, 0), ">": (1, POS_INF), ">=": (0, POS_INF)}[op]
            derived[k] = ir.Cond((iv,), text, cell.span)
            return None, derived
        low_name, high_name = _name_of(c.low), _name_of(c.high)
        a, b = lo, hi
        for name, is_low in ((low_name, True), (high_name, False)):
            if name is None or self.lookup(name) is None:
                lit = c.low if is_low else c.high
                u = unit_of_literal(col.type, lit, self.diags)
                if u is None:
                    return None
                closed = c.low_closed if is_low else c.high_closed
                if is_low:
                    a = u if closed else u + 1
                else:
                    b = u if closed else u - 1
                continue
            k = self._column(ci, name, c.span)
            if k is None:
                return None
            closed = c.low_closed if is_low else c.high_closed
            iv = ((0 if closed else 1), POS_INF) if is_low else (NEG_INF, (0 if closed else -1))
            derived[k] = ir.Cond((iv,), text, cell.span)
        if (a, b) != (lo, hi):
            own = (max(a, lo), min(b, hi))
        return (ir.Cond((own,) if own[0] <= own[1] else (), text, cell.span) if own else None), derived


def derived_parts(name: str) -> tuple[str, str] | None:
    """(`indkomst`, `bundfradrag`) for the derived column `indkomst − bundfradrag`, else None
    (the typographic minus cannot occur in a name the editor writes)."""
    return _derived_parts(name)
