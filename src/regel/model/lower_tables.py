"""Lowering of tables: columns, versions, rows, cells, periods and relations."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from .. import diagnostics as dg
from ..source import Span
from ..syntax import ast
from . import ir
from .bounds import NamedBounds
from .cells import lower_cell, unit_of_literal
from .common import ROUNDING_DEFAULT, SPECIAL_IN, SPECIAL_OUT, assignable, rounded
from .expressions import ExprLowerer, did_you_mean
from .odd import cell_literals
from .types import Kind, Type


class TableLowering:
    """The table half of Lowerer (a mixin: it shares the Lowerer's symbols and diagnostics)."""

    def lower_table(self, td: ast.TableDecl) -> ir.Table | None:
        policy, aggregator, rounding = "unique", None, ROUNDING_DEFAULT
        citation = description = source = None
        relations_ast: list[ast.Relation] = []
        for c in td.clauses:
            if isinstance(c, ast.Policy):
                policy, aggregator = c.kind, c.aggregator
            elif isinstance(c, ast.Rounding):
                rounding = c.mode
            elif isinstance(c, ast.Citation):
                citation = c.text
            elif isinstance(c, ast.Source):
                source = c.text
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
            if t is None and h.name in self.untyped:
                return None  # its type could not be determined; that error is reported already
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
        # Cells that compare with a name (`<= bundfradrag`) read derived columns (model/bounds.py).
        named = NamedBounds(inputs, self.symbols.get, self.diags)
        columns = inputs
        versions = []
        for v in td.versions:
            lv = self._located(td.name, v.label, self.lower_version, td, v, inputs, outputs, citation, rounding,
                               named)
            if lv is not None:
                versions.append(lv)
        if named.columns:
            columns = inputs + named.columns
            versions = [replace(v, rules=tuple(replace(r, conditions=r.conditions + (None,) * (
                len(columns) - len(r.conditions))) for r in v.rules)) for v in versions]
            for value in named.values:
                self.derived_values[value.name] = value
                self.symbols[value.name] = value.type
        self.check_periods(td, versions)
        self.check_citations(td, versions)
        self.check_letter_ids(td, versions)
        relations = self.lower_relations(relations_ast, inputs, outputs)
        return ir.Table(td.name, td.title, policy, aggregator, tuple(columns), tuple(outputs), tuple(versions),
                        citation, description, tuple(relations), td.span, source)

    def lower_version(self, td, v: ast.Version, inputs, outputs, table_citation, rounding,
                      named: NamedBounds | None = None) -> ir.Version | None:
        valid_from = valid_to = None
        citation = table_citation
        source = None
        for c in v.clauses:
            if isinstance(c, ast.Validity):
                valid_from, valid_to = c.start, c.end
                if c.end is not None and c.end < c.start:
                    self.err("E108", "Perioden slutter før den begynder.", c.span)
            elif isinstance(c, ast.Citation):
                citation = c.text
            elif isinstance(c, ast.Source):
                source = c.text
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
            own_cite = cit_col is not None and len(row.outputs) == 2 and cit_col == len(heads_out) - 1
            if (len(row.outputs) == 1 < len(heads_out) or own_cite and len(heads_out) > 2) and isinstance(
                    row.outputs[0], ast.Refuse):
                # `|| afvis "…" |` once refuses the whole row: every result. The citation inherits,
                # or is the row's own when the table's last column is `hjemmel` (`|| afvis "…" | "§ 5" |`).
                refusal = row.outputs[0]
                cite = row.outputs[1] if len(row.outputs) == 2 else ast.NoValue(refusal.span)
                row = replace(row, outputs=tuple(cite if h == SPECIAL_OUT else refusal for h in heads_out))
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
            derived: dict[int, ir.Cond] = {}
            ok = True
            ci = 0
            for j, cell in enumerate(row.inputs):
                if j == id_col:
                    continue
                if named is not None and named.uses_names(ci, cell):
                    lowered = named.lower(ci, cell)  # type: ignore[arg-type]
                    c = False if lowered is None else lowered[0]
                    if lowered is not None:
                        derived.update(lowered[1])
                else:
                    c = self._condition(inputs[ci], cell)
                ci += 1
                if c is False:
                    ok = False
                conds.append(c if c is not False else None)
            # Conditions on derived columns follow the table's own (a rule made before a later
            # row introduced another derived column is padded with «-» when the table is built).
            conds += [derived.get(k) for k in range(len(named.columns))] if named is not None else []
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
                if isinstance(cell, ast.Number) and not cell.unit and col.type.kind in (Kind.AMOUNT, Kind.PERCENT):
                    unit = "kr" if col.type.kind is Kind.AMOUNT else "%"
                    self.err("E105", f"«{cell.span.text.strip()}» mangler «{unit}»: kolonnen «{col.name}» er "
                             f"{col.type.display}.", cell.span, f"Skriv {cell.span.text.strip()} {unit}.")
                    ok = False
                    continue
                if self.odd_result_cell(col, cell, set(heads_out)):
                    ok = False
                    continue
                e = self._lowerer(own=set(heads_out)).lower(cell, col.type)
                if e is None:
                    ok = False
                    continue
                if not isinstance(e, (ir.Refuse, ir.NoValue)) and not assignable(e.type, col.type):
                    hint = (f"Kolonnens type er udledt af dens celler (flest; ved lige mange en erklæret type). Ret "
                            f"cellen, eller skriv typen i overskriften, fx «{col.name}: {e.type.display}»."
                            if col.name in self.dissent else None)
                    self.err("E105", f"Kolonnen «{col.name}» er {col.type.display}, men cellen er {e.type.display}.",
                             cell.span, hint)
                    ok = False
                    continue
                outs.append(rounded(e, col.type, rounding))
            if ok:
                rules.append(ir.Rule(rid, n, tuple(conds), tuple(outs), rule_cit, row.span))
        rules = self.attach_letters(td, v, rules)
        return ir.Version(v.label, valid_from, valid_to, tuple(rules), v.span, source)

    def attach_letters(self, td: ast.TableDecl, v: ast.Version, rules: list[ir.Rule]) -> list[ir.Rule]:
        """Each rule's letter text: `brev for id` of the version, then of the table; else the
        version's `brev`, else the table's. An id no row has is an error (with «mente du»)."""
        general: ir.Letter | None = None
        by_id: dict[str, ir.Letter] = {}
        ids = [r.id for r in rules]
        for clauses, own in ((td.clauses, False), (v.clauses, True)):
            for c in clauses:
                if not isinstance(c, ast.Letter):
                    continue
                letter = ir.Letter(c.text, c.span)
                if c.rule is None:
                    general = letter
                elif c.rule in ids:
                    by_id[c.rule] = letter
                elif own:  # a table-level `brev for` is checked against every version (check_letter_ids)
                    self.err("E130", f"Ingen regel med id «{c.rule}» i {td.name}"
                             + (f" version {v.label}" if v.label else "") + ".", c.span,
                             did_you_mean(c.rule, ids) or f"Reglerne hedder: {', '.join(ids[:12])}.")
        return [replace(r, letter=by_id.get(r.id, general)) for r in rules]

    def check_letter_ids(self, td: ast.TableDecl, versions: list[ir.Version]) -> None:
        ids = list(dict.fromkeys(r.id for v in versions for r in v.rules))
        for c in td.clauses:
            if isinstance(c, ast.Letter) and c.rule is not None and c.rule not in ids:
                self.err("E130", f"Ingen regel med id «{c.rule}» i {td.name}.", c.span,
                         did_you_mean(c.rule, ids) or f"Reglerne hedder: {', '.join(ids[:12])}.")

    def _condition(self, col: ir.Column, cell: ast.InCell) -> ir.Cond | None | bool:
        """A condition cell; an error that only echoes an odd result cell of the column's
        producer (model/odd.py) is not reported again."""
        scratch: list[dg.Diagnostic] = []
        c = lower_cell(cell, col.type, scratch)
        if scratch and self.follow_on(col.name, col.type, lambda t, ds: lower_cell(cell, t, ds), cell_literals(cell)):
            return False
        self.diags.extend(scratch)
        return c

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
            elif a.valid_to + timedelta(days=1) < b.valid_from:
                start, end = a.valid_to + timedelta(days=1), b.valid_from - timedelta(days=1)
                self.err("E108", f"Ingen version af {td.name} gælder {start} – {end}.", b.span,
                         "Versionerne skal følge lige efter hinanden: lad den forrige slutte dagen før den næste "
                         "begynder, eller skriv en version for perioden. Før den første og efter den sidste "
                         "version må der gerne være åbent.",
                         labels=(dg.Label(a.span, "versionen før hullet"),))

    def check_citations(self, td: ast.TableDecl, versions: list[ir.Version]) -> None:
        """Every rule needs a citation after inheritance (row, version, table); a table
        missing some gets one error at its first such row. A row that refuses (`afvis`)
        cites too: the source that leaves the case unanswered is what a reviewer checks."""
        for v in versions:
            for r in v.rules:
                if r.citation is None or not r.citation.strip():
                    where = f" (version «{v.label}»)" if v.label else ""
                    self.err("E120", f"Regel {r.id} i tabellen {td.name}{where} har ingen hjemmel.", r.span,
                             "Hver regel skal have en hjemmel: skriv «hjemmel \"…\"» under tabellens navn "
                             "(arves af alle rækker), i versionen eller i rækkens «hjemmel»-kolonne.",
                             data={"regel": r.id})
                    return

    def lower_relations(self, rels: list[ast.Relation], inputs, outputs) -> list[ir.Relation]:
        out = []
        names_out = {c.name: c for c in outputs}
        names_in = {c.name: c for c in inputs}
        for r in rels:
            if r.alias is None:  # within every row
                if r.output not in names_out:
                    self.err("E116", "En relation skal nævne et af tabellens resultater.", r.span)
                    continue
                row_scope = {c.name: c.type for c in outputs} | {c.name: c.type for c in inputs}

                def row_lookup(name: str, scope=row_scope) -> Type | None:
                    return scope.get(name, self.symbols.get(name))

                e = ExprLowerer(row_lookup, {}, set(), self.diags).lower(r.expr)
                if e is not None:
                    out.append(ir.Relation(r.output, rounded(e, names_out[r.output].type, "none"), None, None,
                                           None, None, r.span))
                continue
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
            out.append(ir.Relation(r.output, rounded(e, names_out[r.output].type, "none"), r.alias,
                                   r.base_output, r.column, unit, r.span))
        return out


def _cells(n_in: int, n_out: int) -> str:
    """`2 celler før «||» og 1 efter`: a row's or header's cell counts in words."""
    return f"{n_in} {'celle' if n_in == 1 else 'celler'} før «||» og {n_out} efter"
