"""Lowering of what ties a module together: decisions, the cutoff date, the
dependency order of tables and values, and the examples."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .. import diagnostics as dg
from ..syntax import ast
from . import ir
from .cells import python_value
from .common import ROUNDING_DEFAULT, rounded
from .expressions import did_you_mean
from .types import Kind, Type

if TYPE_CHECKING:
    from .lower import _Decls


class ModuleLowering:
    """The module half of Lowerer (a mixin: it shares the Lowerer's symbols and diagnostics)."""

    def lower_decision(self, dd: ast.DecisionDecl, tables) -> ir.Decision | None:
        items = []
        for it in dd.items:
            if it.name == "regler":  # the result lists the fired rules under this key
                self.err("E101", "«regler» er reserveret til listen over regler, der ramte.", it.span,
                         "Giv resultatet et andet navn.")
                continue
            failed = self.failed_items.setdefault(dd.name, set())
            if it.expr is None:
                t = self.symbols.get(it.name)
                if t is None and it.name in self.untyped:
                    failed.add(it.name)
                    continue  # its type could not be determined; that error is reported already
                if t is None:
                    self.err("E102", f"Ukendt navn «{it.name}».", it.span, did_you_mean(it.name, list(self.symbols)))
                    failed.add(it.name)
                    continue
                items.append((it.name, ir.Ref(it.name, t, it.span)))
            else:
                # An item may use the decision's earlier items by name (`udbetaling =
                # (årlig - nedsættelse) / 4`); they are computed in place, as written above.
                earlier = {n: x for n, x in items if n not in self.symbols}
                el = self._lowerer(scope={n: x.type for n, x in earlier.items()})
                el.later_names = {later.name for later in dd.items[dd.items.index(it) + 1:]}  # type: ignore[attr-defined]
                e = el.lower(it.expr)
                if e is None:
                    failed.add(it.name)
                else:
                    e = ir.substitute(e, earlier) if earlier else e
                    items.append((it.name, rounded(e, e.type, ROUNDING_DEFAULT)))
        letter = ir.Letter(dd.letter.text, dd.letter.span) if dd.letter is not None else None
        return ir.Decision(dd.name, dd.title, tuple(items), dd.span, letter, self.lower_letter_cases(dd, items))

    def lower_letter_cases(self, dd: ast.DecisionDecl, items) -> tuple[ir.LetterCase, ...]:
        """`brev når item = værdi "…"`: the item must be one of the decision's own results and
        the value a constant of its type (E134), so the sentence can be chosen exactly."""
        types = {n: e.type for n, e in items}
        out = []
        for case in dd.cases:
            assert case.when is not None
            name, lit = case.when
            t = types.get(name)
            if t is None:
                if name not in self.failed_items.get(dd.name, set()):
                    self.err("E134", f"«brev når {name} = …»: {name} er ikke et af beslutningens resultater.",
                             case.span, did_you_mean(name, list(types)))
                continue
            value = self._lowerer().lower(lit, t)
            if not isinstance(value, ir.Const) or value.type.kind is not t.kind or (
                    t.kind is Kind.ENUM and value.type != t):
                if value is not None:
                    self.err("E134", f"«brev når {name} = …» skal sammenligne med en fast værdi af typen "
                             f"{t.display}.", case.span,
                             f"Mulige værdier: {', '.join(t.values)}" if t.kind is Kind.ENUM
                             else "Skriv ja eller nej." if t.kind is Kind.BOOL
                             else f"Skriv fx «brev når {name} = 0 kr \"…\"»." if t.kind is Kind.AMOUNT
                             else "Skriv en fast værdi af resultatets type.")
                continue
            out.append(ir.LetterCase(name, value, ir.Letter(case.text, case.span)))
        return tuple(out)

    def lower_cutoff(self, d: _Decls, fields, tables) -> str | None:
        cutoff = None
        for c in d.cutoffs:
            f = fields.get(c.field_name)
            if f is None or f.type.kind is not Kind.DATE:
                self.err("E109", f"Skæringsdatoen «{c.field_name}» skal være et felt af typen dato.", c.span)
            else:
                cutoff = c.field_name
        if cutoff is None and any(t.versioned for t in tables.values()):
            span = next(t.span for t in tables.values() if t.versioned)
            self.err("E109", "Tabellen har gyldighedsperioder, men modulet har ingen skæringsdato.", span,
                     "Skriv fx «skæringsdato dato» øverst, hvor «dato» er et felt af typen dato.")
        return cutoff

    def _table_deps(self, t: ir.Table) -> set[str]:
        """The nodes («tabel:…», «værdi:…») a table reads directly: its condition columns
        and the names in its result cells."""
        used: set[str] = {c.name for c in t.inputs}
        for ver in t.versions:
            for r in ver.rules:
                for e in r.outputs:
                    used |= ir.refs(e)
        return self._node_deps(used)

    def dependency_order(self, fields, values, tables) -> tuple[str, ...]:
        deps: dict[str, set[str]] = {}
        for name, v in values.items():
            deps["værdi:" + name] = self._node_deps(ir.refs(v.expr))
        for name, t in tables.items():
            deps["tabel:" + name] = self._table_deps(t)
        order: list[str] = []
        state: dict[str, int] = {}

        def visit(node: str, path: list[str]) -> None:
            if state.get(node) == 2 or node not in deps:
                return
            if state.get(node) == 1:
                cyc = path[path.index(node):] + [node]
                pretty = " → ".join(n.split(":", 1)[1] for n in cyc)
                span = tables[node[6:]].span if node.startswith("tabel:") else values[node[6:]].span
                self.err("E107", f"Kredsløb mellem tabeller og værdier: {pretty}.", span,
                         "En tabel kan ikke, direkte eller indirekte, afhænge af sit eget resultat.")
                return
            state[node] = 1
            for dep in sorted(deps[node]):
                visit(dep, path + [node])
            state[node] = 2
            order.append(node.split(":", 1)[1])

        for node in sorted(deps):
            visit(node, [])
        return tuple(order)

    def check_version_coverage(self, tables: dict[str, ir.Table]) -> None:
        """W121: a dated table with a version in force on days where a dated table it
        reads directly has none (both are keyed by the module's cutoff date)."""
        for name, t in tables.items():
            if not t.versioned:
                continue
            for dep in sorted(self._table_deps(t)):
                d = tables.get(dep[6:]) if dep.startswith("tabel:") else None
                if d is None or d is t or not d.versioned:
                    continue
                # A hole between d's own versions is E108 already: compare with d's whole span.
                theirs = _coverage(d)
                for lo, hi in _minus(_coverage(t), [(theirs[0][0], theirs[-1][1])]):
                    where = next((v for v in t.versions if v.in_force(date.fromordinal(lo))), t.versions[0])
                    self.diags.append(dg.warning(
                        "W121", f"Tabellen {name} har en version, der gælder {_period(lo, hi)}, men tabellen "
                        f"{d.name}, som den bruger, har ingen version i den periode.", where.span or t.span,
                        f"Giv tabellen {d.name} en version for perioden, eller ret «gælder fra … til …», så de "
                        "to tabeller dækker de samme dage; ellers afvises enhver sag i perioden.",
                        labels=((dg.Label(d.span, f"tabellen {d.name}"),) if d.span is not None else ()),
                        data={"tabel": name}))

    def _node_deps(self, names: set[str]) -> set[str]:
        out = set()
        for n in names:
            if n.startswith("@"):
                out.add("tabel:" + n[1:])
            elif n in self.out_owner:
                out.add("tabel:" + self.out_owner[n])
            elif n in self.symbols and n not in self.out_owner:
                out.add("værdi:" + n)
        return out

    def lower_examples(self, d: _Decls, fields, decisions) -> list[ir.Example]:
        out = []
        for ex in d.examples:
            dec = ex.decision or (next(iter(decisions)) if len(decisions) == 1 else None)
            if dec is None or dec not in decisions:
                self.err("E115", "Eksemplet skal nævne en beslutning: «eksempel \"…\" for navn».", ex.span,
                         did_you_mean(ex.decision or "", list(decisions)))
                continue
            given = []
            for a in ex.given:
                f = fields.get(a.name)
                if f is None:
                    if a.name not in self.untyped:  # a field whose type is unknown is reported already
                        self.err("E115", f"«{a.name}» er ikke et felt.", a.span, did_you_mean(a.name, list(fields)))
                    continue
                v = _example_value(f.type, a.value, self.diags)
                if v is not _BAD:
                    given.append((a.name, v))
            expected = []
            result_names = {n for n, _ in decisions[dec].items}
            for a in ex.expected:
                # Any decision item may be expected, also one defined by an expression.
                if a.name not in result_names:
                    if a.name in self.failed_items.get(dec, ()):
                        continue  # the item itself has an error, reported at the decision
                    self.err("E115", f"«{a.name}» er ikke et resultat af beslutningen «{dec}».", a.span,
                             did_you_mean(a.name, sorted(result_names)))
                    continue
                item = next(e for n, e in decisions[dec].items if n == a.name)
                item_t = item.type
                scratch: list[dg.Diagnostic] = []
                v = _example_value(item_t, a.value, scratch)
                if scratch and isinstance(item, ir.Ref) and self.follow_on(
                        item.name, item_t, lambda t, ds, a=a: _example_value(t, a.value, ds), [a.value]):
                    continue  # the value fits what an odd result cell of the column says: reported there
                self.diags.extend(scratch)
                if v is not _BAD:
                    expected.append((a.name, v, item_t))
            out.append(ir.Example(ex.title, dec, tuple(given), tuple(expected), ex.expect_error, ex.error_text,
                                  ex.span))
        return out


_BAD = object()
_OPEN_LO, _OPEN_HI = date.min.toordinal(), date.max.toordinal()


def _coverage(t: ir.Table) -> list[tuple[int, int]]:
    """The days a dated table has a version for, as sorted ordinal intervals."""
    spans = sorted((_OPEN_LO if v.valid_from is None else v.valid_from.toordinal(),
                    _OPEN_HI if v.valid_to is None else v.valid_to.toordinal()) for v in t.versions)
    out: list[list[int]] = []
    for lo, hi in spans:
        if out and lo <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(a, b) for a, b in out]


def _minus(have: list[tuple[int, int]], other: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The days of `have` outside `other` (both sorted, disjoint)."""
    out = []
    for lo, hi in have:
        cur = lo
        for a, b in other:
            if b < cur or a > hi:
                continue
            if a > cur:
                out.append((cur, a - 1))
            cur = max(cur, b + 1)
        if cur <= hi:
            out.append((cur, hi))
    return out


def _period(lo: int, hi: int) -> str:
    if lo <= _OPEN_LO and hi >= _OPEN_HI:
        return "altid"
    if lo <= _OPEN_LO:
        return f"til og med {date.fromordinal(hi)}"
    if hi >= _OPEN_HI:
        return f"fra {date.fromordinal(lo)}"
    return f"{date.fromordinal(lo)} – {date.fromordinal(hi)}"


def _example_value(t: Type, e: ast.Expr, diags) -> object:
    if t.kind is Kind.NUMBER and isinstance(e, ast.Number):
        return e.value
    if t.kind is Kind.INT and isinstance(e, ast.Number) and not e.unit and e.value != e.value.to_integral_value():
        return e.value  # let the runtime reject it
    if isinstance(e, ast.Neg) and isinstance(e.operand, ast.Number):
        return -e.operand.value if t.kind is not Kind.INT else -int(e.operand.value)
    if not isinstance(e, (ast.Number, ast.DateLit, ast.Bool, ast.Text, ast.Name)):
        diags.append(dg.error("E115", "Eksempler skal bruge faste værdier.", e.span))
        return _BAD
    before = len(diags)
    v = python_value(t, e, diags)
    return _BAD if len(diags) > before else v
