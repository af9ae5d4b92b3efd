"""Lowering: the AST of one module (its file plus includes) becomes a typed Module.

This file holds the pipeline (`Lowerer.run`), declarations and types; the
Lowerer's table and module halves live in lower_tables.py and lower_module.py."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .. import diagnostics as dg
from ..source import Span
from ..syntax import ast
from . import ir
from .cells import python_value, unit_of_literal
from .common import ROUNDING_DEFAULT, SPECIAL_OUT, assignable, rounded
from .expressions import ExprLowerer, did_you_mean
from .lower_module import ModuleLowering
from .lower_tables import TableLowering
from .odd import OddCells
from .types import AMOUNT, BOOL, DATE, INT, NUMBER, PERCENT, TEXT, Kind, Type, format_unit, format_value, to_unit

BUILTIN = {"bool": BOOL, "int": INT, "amount": AMOUNT, "percent": PERCENT, "date": DATE, "text": TEXT}


@dataclass
class _Decls:
    types: dict[str, ast.TypeDecl]
    fields: dict[str, ast.FieldDecl]
    values: dict[str, ast.ValueDecl]
    tables: dict[str, ast.TableDecl]
    decisions: dict[str, ast.DecisionDecl]
    examples: list[ast.ExampleDecl]
    cutoffs: list[ast.CutoffDecl]
    complaint: ast.ComplaintDecl | None = None
    abbreviations: list[ast.AbbreviationDecl] = field(default_factory=list)


class Lowerer(TableLowering, ModuleLowering, OddCells):
    """Declarations and types here; tables in lower_tables.py, decisions, order and
    examples in lower_module.py."""

    def __init__(self, name: str, path: str, statements: list[ast.Statement]) -> None:
        self.name = name
        self.path = path
        self.statements = statements
        self.diags: list[dg.Diagnostic] = []
        self.types: dict[str, Type] = {}
        self.symbols: dict[str, Type] = {}
        self.out_owner: dict[str, str] = {}
        # Derived columns of conditions that compare with a name (`indkomst − bundfradrag`).
        self.derived_values: dict[str, ir.Value] = {}
        # Names whose type could not be determined (one error said so): references to them
        # are follow-on errors and are not reported again.
        self.untyped: set[str] = set()
        self.reported: set[str] = set()
        # Result columns typed by most of their cells: the types of the cells that disagree.
        self.dissent: dict[str, list[Type]] = {}
        # (enum type, value) pairs a result cell uses although the type has no such value;
        # reported once at that cell, quiet wherever else they are written.
        self.bad_values: set[tuple[str, str]] = set()
        # Decision items whose expression had errors (reported there): an example expecting
        # one is not told it is no item of the decision.
        self.failed_items: dict[str, set[str]] = {}

    # -- helpers -------------------------------------------------------------------------
    def err(self, code: str, msg: str, span: Span | None, hint: str | None = None, **kw) -> None:
        self.diags.append(dg.error(code, msg, span, hint, **kw))

    def collect(self) -> _Decls:
        d = _Decls({}, {}, {}, {}, {}, [], [])
        seen: dict[str, tuple[str, Span]] = {}

        def claim(kind: str, name: str, span: Span) -> bool:
            if name in seen:
                other_kind, other = seen[name]
                self.err("E101", f"Navnet «{name}» er allerede brugt ({other_kind}, linje {other.line}).", span,
                         "Giv den ene et andet navn.", labels=(dg.Label(other, "først brugt her"),))
                return False
            seen[name] = (kind, span)
            return True

        for st in self.statements:
            if isinstance(st, ast.TypeDecl) and claim("type", st.name, st.span):
                d.types[st.name] = st
            elif isinstance(st, ast.FieldDecl) and claim("felt", st.name, st.span):
                d.fields[st.name] = st
            elif isinstance(st, ast.ValueDecl) and claim("værdi", st.name, st.span):
                d.values[st.name] = st
            elif isinstance(st, ast.TableDecl) and claim("tabel", st.name, st.span):
                d.tables[st.name] = st
            elif isinstance(st, ast.DecisionDecl):
                if st.name in d.decisions:
                    self.err("E101", f"Beslutningen «{st.name}» findes allerede.", st.span)
                else:
                    d.decisions[st.name] = st
            elif isinstance(st, ast.ExampleDecl):
                d.examples.append(st)
            elif isinstance(st, ast.CutoffDecl):
                d.cutoffs.append(st)
            elif isinstance(st, ast.AbbreviationDecl):
                earlier = next((a for a in d.abbreviations if a.short == st.short), None)
                if earlier is not None:
                    self.err("E101", f"Forkortelsen «{st.short}» er allerede forklaret.", st.span,
                             labels=(dg.Label(earlier.span, "den første"),))
                else:
                    d.abbreviations.append(st)
            elif isinstance(st, ast.ComplaintDecl):
                if d.complaint is not None:
                    self.err("E101", "Modulet har allerede en klagevejledning.", st.span,
                             "Skriv hele klagevejledningen i én blok («klagevejledning \"\"\"…\"\"\"»).",
                             labels=(dg.Label(d.complaint.span, "den første"),))
                else:
                    d.complaint = st
        return d

    def resolve_type(self, ref: ast.TypeRef) -> Type | None:
        if ref.kind == "named":
            if ref.name in self.types:
                return self.types[ref.name]
            # The built-in type words are suggested too: `heltall` is a typo of `heltal`.
            pool = [*self.types, "heltal", "beløb", "procent", "dato", "tekst", "ja/nej"]
            self.err("E103", f"Ukendt type «{ref.name}».", ref.span,
                     did_you_mean(ref.name, pool) or "Erklær typen med «type … er …».")
            return None
        base = BUILTIN[ref.kind]
        if ref.low is None and ref.high is None:
            return base
        lo = unit_of_literal(base, ref.low, self.diags) if ref.low is not None else None
        hi = unit_of_literal(base, ref.high, self.diags) if ref.high is not None else None
        if lo is not None and hi is not None and lo > hi:
            self.err("E105", "Typens nedre grænse er større end den øvre.", ref.span)
        return Type(base.kind, "", (), lo, hi)

    def _located(self, table: str, version: str | None, lower, *args):
        """Run a lowering step; every finding it adds names the table (and version) it is
        about, for `regel check --format json` and tools that group findings by table."""
        before = len(self.diags)
        try:
            return lower(*args)
        finally:
            where = {"tabel": table} | ({"version": version} if version is not None else {})
            self.diags[before:] = [d if "tabel" in d.data else replace(d, data=where | d.data)
                                   for d in self.diags[before:]]

    # -- the pipeline ------------------------------------------------------------------------
    def run(self) -> ir.Module | None:
        d = self.collect()
        for name, td in d.types.items():
            if td.enum is not None:
                names = [i.name for i in td.enum]
                dup = {n for n in names if names.count(n) > 1}
                for item in td.enum:
                    if item.name in dup:
                        self.err("E101", f"Værdien «{item.name}» står flere gange i {name}.", item.span,
                                 "Fjern den ene; hver værdi nævnes én gang.")
                        dup.discard(item.name)
                labels = tuple((i.name, i.description) for i in td.enum if i.description)
                self.types[name] = Type(Kind.ENUM, name, tuple(dict.fromkeys(names)), labels=labels)
        for name, td in d.types.items():
            if td.ref is not None:
                t = self.resolve_type(td.ref)
                if t is not None:
                    self.types[name] = Type(t.kind, name, t.values, t.low, t.high)
        fields = self.lower_fields(d)
        self.symbols.update({n: f.type for n, f in fields.items()})
        self.infer_outputs(d)
        values = self.lower_values(d)
        tables = {n: t for n, td in d.tables.items() if (t := self._located(td.name, None, self.lower_table, td))}
        values.update(self.derived_values)
        decisions = {n: dd for n, dec in d.decisions.items() if (dd := self.lower_decision(dec, tables)) is not None}
        cutoff = self.lower_cutoff(d, fields, tables)
        order = self.dependency_order(fields, values, tables)
        self.check_version_coverage(tables)
        examples = self.lower_examples(d, fields, decisions)
        if any(x.is_error for x in self.diags):
            return None
        files = sorted({st.span.path for st in self.statements if st.span is not None} | {self.path})
        complaint = ir.Letter(d.complaint.text, d.complaint.span) if d.complaint is not None else None
        return ir.Module(self.name, self.path, tuple(files), "", self.types, fields, values, tables,
                         decisions, tuple(examples), cutoff, order, complaint=complaint,
                         abbreviations=tuple((a.short, a.full) for a in d.abbreviations))

    def lower_fields(self, d: _Decls) -> dict[str, ir.Field]:
        out = {}
        for name, fd in d.fields.items():
            t = self.resolve_type(fd.type)
            if t is None:
                # Its type is unknown (E103, reported): the field exists, so every use of it stays
                # quiet instead of saying «er ikke et felt» (walkthrough: one typo, 90 errors).
                self.untyped.add(name)
                continue
            default, has = None, fd.default is not None
            if fd.default is not None:
                default = python_value(t, fd.default, self.diags)
                self._check_default(name, t, default, fd.default.span)
            out[name] = ir.Field(name, t, default, has, fd.description, fd.span, fd.letter_label)
        return out

    def _check_default(self, name: str, t: Type, default: object, span: Span) -> None:
        """A default the field's own type refuses: a case that leaves the field out would be
        decided with a value no case may give (and every target shows it differently)."""
        bounded = t.low is not None or t.high is not None
        if default is None or t.kind not in (Kind.INT, Kind.AMOUNT, Kind.PERCENT) or not bounded:
            return
        u = to_unit(t, default)
        if (t.low is not None and u < t.low) or (t.high is not None and u > t.high):
            if t.low is None:
                area = f"højst {format_unit(t, t.high)}"  # type: ignore[arg-type]
            elif t.high is None:
                area = f"mindst {format_unit(t, t.low)}"
            else:
                area = f"fra {format_unit(t, t.low)} til {format_unit(t, t.high)}"
            self.err("E117", f"Standardværdien {format_value(t, default)} for «{name}» ligger uden for feltets "
                     f"område ({area}).", span, "Ret standardværdien, eller udvid feltets område.")

    def _lowerer(self, diags: list[dg.Diagnostic] | None = None, own: set[str] = frozenset(),
                 scope: dict[str, Type] | None = None) -> ExprLowerer:
        """An expression lowerer over the module's names; `own` hides names (a table's own
        results), `scope` adds some (a decision's earlier items)."""
        enums = {n: t for n, t in self.types.items() if t.kind is Kind.ENUM}
        extra = scope or {}

        def lookup(name: str) -> Type | None:
            return None if name in own else extra.get(name) or self.symbols.get(name)

        el = ExprLowerer(lookup, enums, set(self.table_names), self.diags if diags is None else diags)
        el.known_names = list(self.symbols)  # type: ignore[attr-defined]
        el.own_names = set(own)  # type: ignore[attr-defined]
        el.untyped = self.untyped
        return el

    def infer_outputs(self, d: _Decls) -> None:
        """Give every table output and value a type, iterating until references settle."""
        self.table_names = list(d.tables)
        pending: dict[str, tuple[ast.TableDecl | ast.ValueDecl, int]] = {}
        for tname, td in d.tables.items():
            grid = td.versions[0].grid
            for i, h in enumerate(grid.outputs):
                if h.name == SPECIAL_OUT:
                    continue
                if h.name in self.out_owner or h.name in d.fields or h.name in d.values:
                    self.err("E101", f"Resultatet «{h.name}» findes allerede.", h.span,
                             "Hvert resultat skal have sit eget navn i modulet.")
                    continue
                self.out_owner[h.name] = tname
                if h.type is not None:
                    t = self.resolve_type(h.type)
                    if t is not None:
                        self.symbols[h.name] = t
                else:
                    pending[h.name] = (td, i)
        for vname, vd in d.values.items():
            if vd.type is not None:
                t = self.resolve_type(vd.type)
                if t is not None:
                    self.symbols[vname] = t
            else:
                pending[vname] = (vd, -1)
        # First only columns whose every cell can be typed now; when that stalls, also
        # columns with some cells still waiting on names typed later (or never).
        for complete in (True, False):
            for _ in range(len(pending) + 1):
                progress = False
                for name, (decl, i) in list(pending.items()):
                    t = self._infer(name, decl, i, complete)
                    if t is not None:
                        self.symbols[name] = t
                        del pending[name]
                        progress = True
                if not progress:
                    break
        # A column of undeclared values only: typed by the opremsning they are close to, or one error.
        for name, (decl, i) in list(pending.items()):
            if i >= 0 and self.undeclared_column(name, self._cells(decl, i), set(pending)) and name in self.symbols:
                del pending[name]
        self.note_bad_values([(h.name, self._cells(td, i)) for td in d.tables.values()
                              for i, h in enumerate(td.versions[0].grid.outputs) if h.name != SPECIAL_OUT])
        # What stays untyped is reported once; anything that refers to it stays quiet.
        self.untyped |= set(pending)
        for name, (decl, i) in pending.items():
            if name in self.reported:
                continue
            before = len(self.diags)
            # Say which name or value is wrong rather than that the type is unknown.
            for e in self._cells(decl, i):
                self._lowerer().lower(e)
            if len(self.diags) > before:
                continue
            self.err("E113", f"Typen af «{name}» kan ikke bestemmes.", self._head_span(decl, i),
                     "Angiv typen i kolonneoverskriften, fx «sats: beløb», eller ret en kreds af henvisninger.")

    @staticmethod
    def _head_span(decl, i: int) -> Span:
        """Where a value is declared, or a result column's header cell."""
        return decl.span if i < 0 else decl.versions[0].grid.outputs[i].span

    @staticmethod
    def _cells(decl, i: int) -> list[ast.Expr]:
        """The expressions that give a value or a result column its type (not `afvis`, `-`)."""
        exprs = [decl.expr] if i < 0 else [r.outputs[i] for v in decl.versions for r in v.grid.rows
                                           if i < len(r.outputs)]
        return [e for e in exprs if not isinstance(e, (ast.Refuse, ast.NoValue))]

    def _infer(self, name: str, decl, i: int, complete: bool) -> Type | None:
        """The type of a value or an undeclared result column. A column takes the type most
        of its cells have (so one odd cell is the error, not the rows around it); bare
        names count for the one enum type that has them all. On a tie the kind the other
        cells lean to wins (bare numbers lean to beløb or procent: `18.984` is an amount
        without `kr`), then a declared type (an opremsning, a named type) beats a built-in
        one, a kind with a unit (`756 kr`) a bare number, and otherwise the earlier row
        wins. The types of the cells that lost are remembered (`dissent`): each such cell
        is one error, and a use of the column elsewhere that fits one of them is not
        reported again (model/odd.py)."""
        scratch: list[dg.Diagnostic] = []
        el = self._lowerer(scratch)
        votes: dict[tuple, list] = {}
        first: dict[tuple, int] = {}
        names: list[tuple[int, str]] = []
        waiting = False
        for n, e in enumerate(self._cells(decl, i)):
            if isinstance(e, ast.Name) and self.symbols.get(e.name) is None and e.name not in self.untyped and \
                    e.name not in self.out_owner and el.enum_of_value(e.name, unique=False):
                names.append((n, e.name))
                continue
            scratch.clear()
            low = el.lower(e)
            if low is None or scratch:
                waiting = True
                continue
            k = low.type.kind
            key = ("tal",) if k in (Kind.INT, Kind.NUMBER) else (k, low.type.name)
            votes.setdefault(key, []).append(low.type)
            first.setdefault(key, n)
        if names:
            first_name = names[0][0]
            names_only = [n for _row, n in names]
            enums = [t for t in self.types.values() if t.kind is Kind.ENUM and all(n in t.values for n in names_only)]
            if len(enums) > 1 and not votes:
                self.reported.add(name)
                self.err("E113", f"Typen af «{name}» kan ikke bestemmes: værdierne findes i flere opremsninger "
                         f"({', '.join(t.name for t in enums)}).", self._head_span(decl, i),
                         f"Angiv typen i kolonneoverskriften, fx «{name}: {enums[0].name}».")
                return None
            if not enums:  # no one type has them all: the type that has most of them, if one does
                counts = {t.name: sum(n in t.values for n in names_only) for t in self.types.values()
                          if t.kind is Kind.ENUM}
                top = max(counts.values(), default=0)
                enums = [self.types[n] for n, c in counts.items() if c == top and top > 0][:2]
            if len(enums) == 1:
                key = (Kind.ENUM, enums[0].name)
                votes.setdefault(key, []).extend([enums[0]] * len(names))
                first[key] = min(first.get(key, first_name), first_name)
            else:
                waiting = True
        if not votes or (waiting and complete):
            return None
        bare = len(votes.get(("tal",), ()))

        def rank(k: tuple) -> tuple:
            own = len(votes[k])
            kin = own + (bare if k[0] in (Kind.AMOUNT, Kind.PERCENT) else 0)  # `18.984` is a beløb without kr
            return own, kin, k[0] is Kind.ENUM or bool(votes[k][0].name), k != ("tal",), -first[k]

        best_key = max(votes, key=rank)
        best = votes[best_key]
        others = [ts[0] for k, ts in votes.items() if k != best_key]
        others += [t for n in {n for _row, n in names} if not (best[0].kind is Kind.ENUM and n in best[0].values)
                   for t in self.types.values() if t.kind is Kind.ENUM and n in t.values]
        if others and i >= 0:
            self.dissent[name] = list(dict.fromkeys(others))
        if best[0].kind in (Kind.INT, Kind.NUMBER):
            return NUMBER if any(t.kind is Kind.NUMBER for t in best) else INT
        return best[0]

    def lower_values(self, d: _Decls) -> dict[str, ir.Value]:
        out = {}
        for name, vd in d.values.items():
            t = self.symbols.get(name)
            if t is None:
                continue
            e = self._lowerer().lower(vd.expr, t)
            if e is None:
                continue
            if not assignable(e.type, t):
                self.err("E113", f"«{name}» er {t.display}, men udtrykket giver {e.type.display}.", vd.expr.span)
                continue
            out[name] = ir.Value(name, t, rounded(e, t, ROUNDING_DEFAULT), vd.description, vd.span)
        return out


__all__ = ["Lowerer"]
