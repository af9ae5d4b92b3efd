"""`regler`: the rules that fired, in the order the lazy evaluator selects the tables.

The evaluator selects a table when a result of it is first needed: first the tables
its version's columns need (in column order), then the table itself, then what its
hit rule's result cell needs. Walking the decision's items the same way gives a list
of (table, conditions under which it is reached); a table appears in `regler` at its
first reached occurrence, if its selection succeeded. An occurrence whose conditions
include an earlier one's can never be first, so it is dropped while walking.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import ir
from .display import q
from .exprs import NO_ERROR, Sql, Unsupported, compile_expr

if TYPE_CHECKING:
    from .compiler import Compiler

_MAX_EVENTS = 4000

Path = frozenset[str]


class _Walker:
    def __init__(self, c: Compiler) -> None:
        self.c = c
        self.events: list[tuple[str, Path]] = []

    def covered(self, table: str, path: Path) -> bool:
        return any(t == table and p <= path for t, p in self.events)

    def name(self, name: str, path: Path) -> None:
        m = self.c.m
        t = m.producer(name)
        if t is not None:
            self.select(t, path)
            info = self.c.tables[t.name]
            n, k = info.n, t.output_index(name)
            ok = path | {f"t{n}_sel IS NULL"}
            for g, _v, vi, r in info.rules:
                hit = f"t{n}_hit = {g}" if t.policy != "collect" else f"(t{n}_ver = {vi + 1} AND t{n}_r{g} = 1)"
                self.expr(r.outputs[k], ok | {hit})
        elif name in m.values:
            self.expr(m.values[name].expr, path)

    def select(self, t: ir.Table, path: Path) -> None:
        if self.covered(t.name, path):
            return
        info = self.c.tables[t.name]
        for vi, _v in enumerate(t.versions):
            here = path | {f"t{info.n}_ver = {vi + 1}"} if t.versioned else path
            for j in info.columns[vi]:
                self.name(t.inputs[j].name, here)
        if not self.covered(t.name, path):
            self.events.append((t.name, path))
            if len(self.events) > _MAX_EVENTS:
                raise Unsupported("rækkefølgen af de regler, der ramte, har for mange muligheder til SQL-målet")

    def expr(self, e: ir.Expr, path: Path) -> None:
        if isinstance(e, ir.Ref):
            self.name(e.name, path)
        elif isinstance(e, ir.CitationOf):
            self.select(self.c.m.tables[e.table], path)
        elif isinstance(e, (ir.Neg, ir.Round)):
            self.expr(e.operand, path)
        elif isinstance(e, (ir.Op, ir.Call)):
            args = (e.left, e.right) if isinstance(e, ir.Op) else e.args
            for a in args:
                self.expr(a, path)
                err = self._error(a)
                if err != NO_ERROR:
                    path = path | {f"({err}) IS NULL"}

    def _error(self, e: ir.Expr) -> str:
        sql: Sql = compile_expr(e, self.c.ref, self.c.citation, self.c.code)
        return sql.e


def rules_fired(c: Compiler, items: list) -> str:
    """SQL for `regler`: the references joined by RULE_SEPARATOR, in evaluation order."""
    from .compiler import RULE_SEPARATOR

    w = _Walker(c)
    for name, _sql, _kind in items:
        e = dict(c.d.items)[name]
        w.expr(e, frozenset())
    pieces = []
    for idx, (table, path) in enumerate(w.events):
        n = c.tables[table].n
        # an earlier occurrence that cannot hold together with this one (another hit or version
        # of the same table) need not be excluded: fewer tests per row, same text
        earlier = [p for t, p in w.events[:idx] if t == table and not _exclusive(p, path)]
        conds = sorted(path) + [f"t{n}_sel IS NULL"]
        if earlier:
            conds.append("NOT (" + " OR ".join("(" + (" AND ".join(sorted(p)) or "TRUE") + ")" for p in earlier) + ")")
        pieces.append(f"CASE WHEN {' AND '.join(conds)} THEN f{n} END")
    if not pieces:
        return "''"
    # CONCAT_WS skips the NULLs: no text is built for a table that did not fire
    return f"CONCAT_WS({q(RULE_SEPARATOR)}, {', '.join(pieces)})"


_CHOICE = re.compile(r"^\(?(t\d+_(?:hit|ver)) = (\d+)")


def _choices(path: Path) -> dict[str, set[str]]:
    """The `tN_hit = g` / `tN_ver = k` a path requires (also inside `(tN_ver = k AND tN_rg = 1)`)."""
    out: dict[str, set[str]] = {}
    for cond in path:
        m = _CHOICE.match(cond)
        if m:
            out.setdefault(m.group(1), set()).add(m.group(2))
    return out


def _exclusive(a: Path, b: Path) -> bool:
    """Whether paths a and b require different values of the same hit or version column."""
    ca, cb = _choices(a), _choices(b)
    return any(ca[k] != cb[k] for k in ca.keys() & cb.keys() if len(ca[k]) == 1 and len(cb[k]) == 1)
