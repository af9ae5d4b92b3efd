"""Lowering: the AST of one module (its file plus includes) becomes a typed Module."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import diagnostics as dg
from ..source import Span
from ..syntax import ast
from . import ir
from .cells import lower_cell, python_value, unit_of_literal
from .expressions import ExprLowerer, did_you_mean
from .types import AMOUNT, BOOL, DATE, INT, NUMBER, PERCENT, TEXT, Kind, Type, to_unit

BUILTIN = {"bool": BOOL, "int": INT, "amount": AMOUNT, "percent": PERCENT, "date": DATE, "text": TEXT}
SPECIAL_IN = "id"
SPECIAL_OUT = "hjemmel"
ROUNDING_DEFAULT = "kroner"


@dataclass
class _Decls:
    types: dict[str, ast.TypeDecl]
    fields: dict[str, ast.FieldDecl]
    values: dict[str, ast.ValueDecl]
    tables: dict[str, ast.TableDecl]
    decisions: dict[str, ast.DecisionDecl]
    examples: list[ast.ExampleDecl]
    cutoffs: list[ast.CutoffDecl]


class Lowerer:
    def __init__(self, name: str, path: str, statements: list[ast.Statement]) -> None:
        self.name = name
        self.path = path
        self.statements = statements
        self.diags: list[dg.Diagnostic] = []
        self.types: dict[str, Type] = {}
        self.symbols: dict[str, Type] = {}
        self.out_owner: dict[str, str] = {}

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
                self.types[name] = Type(Kind.ENUM, name, tuple(dict.fromkeys(names)))
        for name, td in d.types.items():
            if td.ref is not None:
                t = self.resolve_type(td.ref)
                if t is not None:
                    self.types[name] = Type(t.kind, name, t.values, t.low, t.high)
        fields = self.lower_fields(d)
        self.symbols.update({n: f.type for n, f in fields.items()})
        self.infer_outputs(d)
        values = self.lower_values(d)
        tables = {n: t for n, td in d.tables.items() if (t := self.lower_table(td)) is not None}
        decisions = {n: dd for n, dec in d.decisions.items() if (dd := self.lower_decision(dec, tables)) is not None}
        cutoff = self.lower_cutoff(d, fields, tables)
        order = self.dependency_order(fields, values, tables)
        examples = self.lower_examples(d, fields, decisions)
        if any(x.is_error for x in self.diags):
            return None
        files = sorted({st.span.path for st in self.statements if st.span is not None} | {self.path})
        return ir.Module(self.name, self.path, tuple(files), "", self.types, fields, values, tables,
                         decisions, tuple(examples), cutoff, order)

    def lower_fields(self, d: _Decls) -> dict[str, ir.Field]:
        out = {}
        for name, fd in d.fields.items():
            t = self.resolve_type(fd.type)
            if t is None:
                continue
            default, has = None, fd.default is not None
            if fd.default is not None:
                default = python_value(t, fd.default, self.diags)
            out[name] = ir.Field(name, t, default, has, fd.description, fd.span)
        return out

    def _lowerer(self, diags: list[dg.Diagnostic] | None = None, own: set[str] = frozenset()) -> ExprLowerer:
        enums = {n: t for n, t in self.types.items() if t.kind is Kind.ENUM}

        def lookup(name: str) -> Type | None:
            return None if name in own else self.symbols.get(name)

        el = ExprLowerer(lookup, enums, set(self.table_names), self.diags if diags is None else diags)
        el.known_names = list(self.symbols)  # type: ignore[attr-defined]
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
        for _ in range(len(pending) + 1):
            progress = False
            for name, (decl, i) in list(pending.items()):
                t = self._infer(decl, i)
                if t is not None:
                    self.symbols[name] = t
                    del pending[name]
                    progress = True
            if not progress:
                break
        for name, (decl, i) in pending.items():
            before = len(self.diags)
            # Say which name or value is wrong rather than that the type is unknown.
            exprs = [decl.expr] if i < 0 else [r.outputs[i] for v in decl.versions for r in v.grid.rows
                                               if i < len(r.outputs)]
            for e in exprs:
                if not isinstance(e, (ast.Refuse, ast.NoValue)):
                    self._lowerer().lower(e)
            if len(self.diags) > before:
                continue
            self.err("E113", f"Typen af «{name}» kan ikke bestemmes.", decl.span,
                     "Angiv typen i kolonneoverskriften, fx «sats: beløb», eller ret en kreds af henvisninger.")

    def _infer(self, decl, i: int) -> Type | None:
        scratch: list[dg.Diagnostic] = []
        el = self._lowerer(scratch)
        exprs = [decl.expr] if i < 0 else [r.outputs[i] for v in decl.versions for r in v.grid.rows
                                           if i < len(r.outputs)]
        for e in exprs:
            if isinstance(e, (ast.Refuse, ast.NoValue)):
                continue
            scratch.clear()
            low = el.lower(e)
            if low is not None and not scratch:
                return low.type if low.type.kind is not Kind.INT or i < 0 else NUMBER_OR_INT(low)
        return None

    def lower_values(self, d: _Decls) -> dict[str, ir.Value]:
        out = {}
        for name, vd in d.values.items():
            t = self.symbols.get(name)
            if t is None:
                continue
            e = self._lowerer().lower(vd.expr, t)
            if e is None:
                continue
            if not _assignable(e.type, t):
                self.err("E113", f"«{name}» er {t.display}, men udtrykket giver {e.type.display}.", vd.expr.span)
                continue
            out[name] = ir.Value(name, t, _rounded(e, t, ROUNDING_DEFAULT), vd.description, vd.span)
        return out

    # -- tables --------------------------------------------------------------------------------
    def lower_table(self, td: ast.TableDecl) -> ir.Table | None:
        policy, aggregator, rounding = "unique", None, ROUNDING_DEFAULT
        citation = description = None
        relations_ast: list[ast.Relation] = []
        for c in td.clauses:
            if isinstance(c, ast.Policy):
                policy, aggregator = c.kind, c.aggregator
            elif isinstance(c, ast.Rounding):
                rounding = c.mode
            elif isinstance(c, ast.Citation):
                citation = c.text
            elif isinstance(c, ast.Description):
                description = c.text
            elif isinstance(c, ast.Relation):
                relations_ast.append(c)
            elif isinstance(c, ast.Validity) and len(td.versions) > 1:
                self.err("E108", "«gælder» skal stå i hver version, når tabellen har flere versioner.", c.span)
        first = td.versions[0].grid
        in_heads = [h.name for h in first.inputs]
        out_heads = [h.name for h in first.outputs]
        for v in td.versions[1:]:
            if [h.name for h in v.grid.inputs] != in_heads or [h.name for h in v.grid.outputs] != out_heads:
                self.err("E110", "Alle versioner af en tabel skal have de samme kolonner.", v.grid.span,
                         f"Kolonnerne er: {' | '.join(in_heads)} || {' | '.join(out_heads)}")
                return None
        own_outputs = {h for h in out_heads if h != SPECIAL_OUT}
        inputs: list[ir.Column] = []
        for h in first.inputs:
            if h.name == SPECIAL_IN:
                continue
            t = self.symbols.get(h.name)
            if h.name in own_outputs:
                self.err("E106", f"«{h.name}» er et resultat af tabellen selv og kan ikke være en betingelse.", h.span)
                return None
            if t is None:
                self.err("E106", f"Kolonnen «{h.name}» er hverken et felt, en værdi eller en anden tabels resultat.",
                         h.span, did_you_mean(h.name, list(self.symbols)) or "Erklær feltet med «felt …: …».")
                return None
            if h.type is not None:
                self.err("E106", "En betingelseskolonne har sin type fra feltet; skriv kun navnet.", h.type.span)
            inputs.append(ir.Column(h.name, t, h.span))
        outputs = [ir.Column(h.name, self.symbols[h.name], h.span) for h in first.outputs
                   if h.name != SPECIAL_OUT and h.name in self.symbols]
        if len(outputs) != len(own_outputs):
            return None
        if not outputs:
            self.err("E110", "Tabellen har intet resultat efter «||».", first.span)
            return None
        if policy == "priority" and outputs[0].type.kind is not Kind.ENUM:
            self.err("E119", "«politik prioritet» kræver at første resultat er en opremsning; "
                     "rækkefølgen af dens værdier er prioriteten.", td.span)
        if policy == "collect" and aggregator in ("sum", "min", "maks") and outputs[0].type.kind not in (
                Kind.AMOUNT, Kind.INT, Kind.NUMBER, Kind.PERCENT):
            self.err("E119", f"«samling {aggregator}» kræver et talresultat.", td.span)
        versions = []
        for v in td.versions:
            lv = self.lower_version(td, v, inputs, outputs, citation, rounding)
            if lv is not None:
                versions.append(lv)
        self.check_periods(td, versions)
        relations = self.lower_relations(relations_ast, inputs, outputs)
        return ir.Table(td.name, td.title, policy, aggregator, tuple(inputs), tuple(outputs), tuple(versions),
                        citation, description, tuple(relations), td.span)

    def lower_version(self, td, v: ast.Version, inputs, outputs, table_citation, rounding) -> ir.Version | None:
        valid_from = valid_to = None
        citation = table_citation
        for c in v.clauses:
            if isinstance(c, ast.Validity):
                valid_from, valid_to = c.start, c.end
                if c.end is not None and c.end < c.start:
                    self.err("E108", "Perioden slutter før den begynder.", c.span)
            elif isinstance(c, ast.Citation):
                citation = c.text
            elif isinstance(c, (ast.Policy, ast.Relation, ast.Rounding)):
                self.err("E110", "Politik, afrunding og relationer gælder hele tabellen; skriv dem før versionerne.",
                         c.span)
        if valid_from is None:
            for c in td.clauses:
                if isinstance(c, ast.Validity):
                    valid_from, valid_to = c.start, c.end
        heads_in = [h.name for h in v.grid.inputs]
        heads_out = [h.name for h in v.grid.outputs]
        id_col = heads_in.index(SPECIAL_IN) if SPECIAL_IN in heads_in else None
        cit_col = heads_out.index(SPECIAL_OUT) if SPECIAL_OUT in heads_out else None
        rules: list[ir.Rule] = []
        ids: dict[str, Span] = {}
        for n, row in enumerate(v.grid.rows, start=1):
            if len(row.inputs) != len(heads_in) or len(row.outputs) != len(heads_out):
                self.err("E110", f"Rækken har {_cells(len(row.inputs), len(row.outputs))}, men overskriften har "
                         f"{_cells(len(heads_in), len(heads_out))}.", row.span,
                         "Hver række skal have en celle under hver kolonne; brug «-» for «alle værdier».")
                continue
            rid = str(n)
            if id_col is not None:
                cell = row.inputs[id_col]
                if isinstance(cell, ast.CondCell) and len(cell.conditions) == 1 and isinstance(
                        cell.conditions[0], ast.Eq) and isinstance(cell.conditions[0].value, (ast.Name, ast.Number)):
                    rid = cell.span.text.strip()
                elif not isinstance(cell, ast.AnyCell):
                    self.err("E118", "Et regel-id skal være et navn eller et tal.", cell.span)
            if rid in ids:
                self.err("E118", f"Regel-id «{rid}» bruges allerede i linje {ids[rid].line}.", row.span)
            ids[rid] = row.span
            conds: list[ir.Cond | None] = []
            ok = True
            ci = 0
            for j, cell in enumerate(row.inputs):
                if j == id_col:
                    continue
                c = lower_cell(cell, inputs[ci].type, self.diags)
                ci += 1
                if c is False:
                    ok = False
                conds.append(c if c is not False else None)
            outs: list[ir.Expr] = []
            rule_cit = citation
            oi = 0
            for j, cell in enumerate(row.outputs):
                if j == cit_col:
                    if isinstance(cell, ast.Text):
                        rule_cit = cell.value
                    elif not isinstance(cell, ast.NoValue):
                        self.err("E105", "Hjemmel skrives som tekst i anførselstegn, eller «-».", cell.span)
                    continue
                col = outputs[oi]
                oi += 1
                e = self._lowerer(own=set(heads_out)).lower(cell, col.type)
                if e is None:
                    ok = False
                    continue
                if not isinstance(e, (ir.Refuse, ir.NoValue)) and not _assignable(e.type, col.type):
                    self.err("E105", f"Kolonnen «{col.name}» er {col.type.display}, men cellen er {e.type.display}.",
                             cell.span)
                    ok = False
                    continue
                outs.append(_rounded(e, col.type, rounding))
            if ok:
                rules.append(ir.Rule(rid, n, tuple(conds), tuple(outs), rule_cit, row.span))
        return ir.Version(v.label, valid_from, valid_to, tuple(rules), v.span)

    def check_periods(self, td: ast.TableDecl, versions: list[ir.Version]) -> None:
        if len(versions) < 2:
            return
        for v in versions:
            if v.valid_from is None:
                self.err("E108", "En version uden «gælder fra …» i en tabel med flere versioner.", v.span)
                return
        ordered = sorted(versions, key=lambda v: v.valid_from)
        for a, b in zip(ordered, ordered[1:], strict=False):
            if a.valid_to is None or a.valid_to >= b.valid_from:
                self.err("E108", f"Perioderne for to versioner af {td.name} overlapper fra {b.valid_from}.", b.span,
                         "En dato må kun være dækket af én version; ret «gælder fra … til …».",
                         labels=(dg.Label(a.span, "den anden version"),))

    def lower_relations(self, rels: list[ast.Relation], inputs, outputs) -> list[ir.Relation]:
        out = []
        names_out = {c.name: c for c in outputs}
        names_in = {c.name: c for c in inputs}
        for r in rels:
            if r.output not in names_out or r.base_output not in names_out:
                self.err("E116", "En relation skal nævne et af tabellens resultater.", r.span)
                continue
            if r.column not in names_in:
                self.err("E116", f"«{r.column}» er ikke en betingelseskolonne i tabellen.", r.span)
                continue
            col = names_in[r.column]
            unit = unit_of_literal(col.type, r.base_value, self.diags)
            if unit is None:
                continue
            scope = {r.alias: names_out[r.base_output].type, r.column: col.type}

            def lookup(name: str, scope=scope) -> Type | None:
                return scope.get(name, self.symbols.get(name))

            el = ExprLowerer(lookup, {}, set(), self.diags)
            e = el.lower(r.expr)
            if e is None:
                continue
            out.append(ir.Relation(r.output, _rounded(e, names_out[r.output].type, "none"), r.alias,
                                   r.base_output, r.column, unit, r.span))
        return out

    # -- decisions, cutoff, order, examples ---------------------------------------------------
    def lower_decision(self, dd: ast.DecisionDecl, tables) -> ir.Decision | None:
        items = []
        for it in dd.items:
            if it.name == "regler":  # the result lists the fired rules under this key
                self.err("E101", "«regler» er reserveret til listen over regler, der ramte.", it.span,
                         "Giv resultatet et andet navn.")
                continue
            if it.expr is None:
                t = self.symbols.get(it.name)
                if t is None:
                    self.err("E102", f"Ukendt navn «{it.name}».", it.span, did_you_mean(it.name, list(self.symbols)))
                    continue
                items.append((it.name, ir.Ref(it.name, t, it.span)))
            else:
                e = self._lowerer().lower(it.expr)
                if e is not None:
                    items.append((it.name, _rounded(e, e.type, ROUNDING_DEFAULT)))
        return ir.Decision(dd.name, dd.title, tuple(items), dd.span)

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

    def dependency_order(self, fields, values, tables) -> tuple[str, ...]:
        deps: dict[str, set[str]] = {}
        for name, v in values.items():
            deps["værdi:" + name] = self._node_deps(ir.refs(v.expr))
        for name, t in tables.items():
            used: set[str] = {c.name for c in t.inputs}
            for ver in t.versions:
                for r in ver.rules:
                    for e in r.outputs:
                        used |= ir.refs(e)
            deps["tabel:" + name] = self._node_deps(used)
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
                    self.err("E115", f"«{a.name}» er ikke et resultat af beslutningen «{dec}».", a.span,
                             did_you_mean(a.name, sorted(result_names)))
                    continue
                item_t = next(e.type for n, e in decisions[dec].items if n == a.name)
                v = _example_value(item_t, a.value, self.diags)
                if v is not _BAD:
                    expected.append((a.name, v, item_t))
            out.append(ir.Example(ex.title, dec, tuple(given), tuple(expected), ex.expect_error, ex.error_text,
                                  ex.span))
        return out


_BAD = object()


def _cells(n_in: int, n_out: int) -> str:
    """`2 celler før «||» og 1 efter`: a row's or header's cell counts in words."""
    return f"{n_in} {'celle' if n_in == 1 else 'celler'} før «||» og {n_out} efter"


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


def NUMBER_OR_INT(e: ir.Expr) -> Type:
    """Whole-number output cells may mix with decimals across rows; keep INT."""
    return e.type


def _assignable(src: Type, dst: Type) -> bool:
    if src.same_values(dst):
        return True
    return dst.kind is Kind.NUMBER and src.kind in (Kind.INT, Kind.NUMBER)


def _rounded(e: ir.Expr, t: Type, mode: str) -> ir.Expr:
    """Computed amounts are rounded by the table's rule (half up to whole kroner
    by default); constants and explicit roundings are left as written."""
    if mode == "none" or t.kind is not Kind.AMOUNT or isinstance(e, (ir.Const, ir.Ref, ir.Round, ir.Refuse,
                                                                      ir.NoValue, ir.CitationOf)):
        return e
    return ir.Round(e, mode, t, e.span)


def to_units(t: Type, v: object) -> int:
    return to_unit(t, v)


__all__ = ["Lowerer", "Decimal", "NUMBER"]
