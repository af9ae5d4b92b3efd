"""One mistake, one error: result cells that do not fit their column, said once and clearly.

A bare name in a result column that no declared type has as a value (`advarsel` where
`type Form er en af: fradrag, nedsættelse, ingen`) is one error at that cell naming the
column, its type and its values (with «mente du …?» when one is close), not «Ukendt
navn» plus follow-on errors wherever the value or the column is used. A column whose
every value is undeclared gets one error, at its first cell. And where a column's type
was chosen by most of its cells (model/lower.py, `_infer`), a use of the column elsewhere
that fits the type of the odd cell is a consequence of that cell, not a second mistake.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from .. import diagnostics as dg
from ..syntax import ast
from . import ir
from .expressions import did_you_mean
from .types import Kind, Type


class OddCells:
    """A mixin of the Lowerer (it shares its symbols, types and diagnostics)."""

    # -- before tables are lowered -----------------------------------------------------------------
    def _unknown_name(self, e: ast.Expr, pending: set[str] = frozenset()) -> bool:
        """A bare name that is nothing the module declares: no field, value, result, table
        or value of any opremsning."""
        if not isinstance(e, ast.Name):
            return False
        n = e.name
        return (self.symbols.get(n) is None and n not in self.out_owner and n not in self.untyped
                and n not in pending and n not in getattr(self, "table_names", ())
                and not any(n in t.values for t in self.types.values() if t.kind is Kind.ENUM))

    def undeclared_column(self, name: str, cells: list[ast.Expr], pending: set[str]) -> bool:
        """A result column left untyped whose cells are only undeclared names: typed by the
        opremsning the names are close to (each cell then reports its own «mente du»), or
        one error at the first cell. True when handled here."""
        if not cells or not all(self._unknown_name(e, pending) for e in cells):
            return False
        words = [e.name for e in cells]
        enums = [t for t in self.types.values() if t.kind is Kind.ENUM]
        close = {t.name: sum(bool(difflib.get_close_matches(w, t.values, n=1, cutoff=0.6)) for w in words)
                 for t in enums}
        top = max(close.values(), default=0)
        best = [n for n, c in close.items() if c == top]
        if top > 0 and len(best) == 1:
            t = self.types[best[0]]
            self.symbols[name] = t
            self.bad_values.update((t.name, w) for w in words)
            return True
        first = cells[0]
        values = ", ".join(dict.fromkeys(words))
        suggestion = name[:1].upper() + name[1:]
        self.err("E113", f"«{words[0]}» er ikke en værdi af nogen erklæret opremsning, så resultatkolonnen "
                 f"«{name}» har ingen type.", first.span,
                 f"Erklær værdierne som en type, fx «type {suggestion} er en af: {values}», eller ret cellerne.")
        self.reported.add(name)
        return True

    def note_bad_values(self, columns: list[tuple[str, list[ast.Expr]]]) -> None:
        """Record the undeclared values of typed opremsning columns (before any table is
        lowered, so a condition or example using one anywhere is known to be a follow-on)."""
        for name, cells in columns:
            t = self.symbols.get(name)
            if t is None or t.kind is not Kind.ENUM:
                continue
            for e in cells:
                if isinstance(e, ast.Name) and e.name not in t.values and self.symbols.get(e.name) is None \
                        and e.name not in self.untyped and e.name not in self.out_owner:
                    self.bad_values.add((t.name, e.name))

    # -- while lowering a row ------------------------------------------------------------------------
    def odd_result_cell(self, col: ir.Column, cell: ast.Expr, own: set[str]) -> bool:
        """Report a bare name that is no value of the column's type, once, at the cell.
        True when reported (the row is then left out)."""
        if not isinstance(cell, ast.Name) or cell.name in own or self.symbols.get(cell.name) is not None \
                or cell.name in self.untyped or cell.name in self.out_owner:
            return False
        t, n = col.type, cell.name
        holders = [x for x in self.types.values() if x.kind is Kind.ENUM and n in x.values]
        if t.kind is Kind.ENUM:
            if n in t.values:
                return False
            close = did_you_mean(n, t.values)
            hint = f"Værdierne er: {', '.join(t.values)}."
            if holders:
                hint = f"«{n}» er en værdi af {holders[0].display}. {hint}"
            elif not close:
                hint += f" Er det en ny værdi, så tilføj den i «type {t.display} er en af: …»."
            self.err("E104", f"«{n}» er ikke en værdi af {t.display} (kolonnen «{col.name}»).",
                     cell.span, f"{close} {hint}" if close else hint)
            self.bad_values.add((t.name, n))
            return True
        if holders:
            self.err("E105", f"Kolonnen «{col.name}» er {t.display}, men «{n}» er en værdi af "
                     f"{holders[0].display}.", cell.span,
                     f"Ret cellen, eller skriv typen i overskriften («{col.name}: {holders[0].display}»), hvis "
                     "kolonnen skal give en af opremsningens værdier.")
            return True
        return False

    def follow_on(self, column: str, t: Type, lower: Callable[[Type, list[dg.Diagnostic]], object],
                  literals: list[ast.Expr]) -> bool:
        """Is an error in a use of `column` (a condition cell, an expected value) only the
        echo of an odd result cell? Yes when the use fits the type of the cells that lost
        the vote for the column's type, or names a value reported as undeclared."""
        for other in self.dissent.get(column, ()):
            scratch: list[dg.Diagnostic] = []
            lower(other, scratch)
            if not scratch:
                return True
        names = [e.name for e in literals if isinstance(e, ast.Name) and e.name not in t.values]
        return bool(names) and all((t.name, n) in self.bad_values for n in names)


def cell_literals(cell: ast.InCell) -> list[ast.Expr]:
    """The literals a condition cell compares with."""
    if not isinstance(cell, ast.CondCell):
        return []
    out: list[ast.Expr] = []
    for c in cell.conditions:
        out += [c.low, c.high] if isinstance(c, ast.Interval) else [c.value]
    return out
