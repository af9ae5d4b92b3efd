"""A decision table as SQL steps: version by cut-off date, rule selection, result cells.

Step A: the version (`t{n}_ver`) and whether every column a version constrains can be read
(`t{n}_ok`). Step R: for the rows where one cannot, each rule's state `t{n}_r{g}` (0 no match,
1 match, 2 + j stopped at column j that cannot be read), checked left to right as
`engine._scan` does. Step B: the hit `t{n}_hit` — one chain of tests for the readable rows,
the states for the others. Step S: the selection error `t{n}_sel` (no version, a stop — the
stopping column's error —, no match, overlap). Step C: every result column, the citation
`c{n}` and the rule reference `f{n}` for `regler`, each one CASE on the hit with the rules of
equal result in one arm. (`samling` keeps the states for every row: it has no single hit.)

Speed (docs/sql.md): whether a column can be read is a test of NULLs, not a message;
errors are codes, and their texts are built only for the refused rows (Compiler.code).
"""

from __future__ import annotations

import re
from collections import namedtuple

from ..checks.evaluate import result_key
from ..model import ir
from ..runtime.core import _POLICY_NAMES, RegelFejl, _aggregate
from ..runtime.engine import _cites
from . import messages as msg
from .compiler import RULE_SEPARATOR, Compiler, Step, Sym, TableInfo, among, condition, conjunction, fact_names
from .display import q
from .exprs import NO_ERROR, NULL_TEXT, NUMERIC, Sql, Unsupported, compile_expr, dec, first_error

_Cited = namedtuple("_Cited", "citation")


def cite_joiner() -> str:
    """How hjemmel() joins the citations of several rules, read off engine._cites."""
    text = _cites([_Cited("\ue000"), _Cited("\ue001")])
    assert text is not None
    return text[1:-1]


def rule_ref(t: ir.Table, v: ir.Version, r: ir.Rule) -> str:
    return f"{t.name}@{v.label}/{r.id}" if v.label else f"{t.name}/{r.id}"


class TableCompiler:
    def __init__(self, c: Compiler, t: ir.Table) -> None:
        self.c = c
        self.t = t
        self.n = len(c.tables) + 1
        rules = []
        g = 0
        for vi, v in enumerate(t.versions):
            for r in v.rules:
                g += 1
                rules.append((g, v, vi, r))
        cols = {vi: [j for j in range(len(t.inputs)) if any(r.conditions[j] is not None for r in v.rules)]
                for vi, v in enumerate(t.versions)}
        self.info = TableInfo(t, self.n, rules, cols)
        c.tables[t.name] = self.info
        if t.policy == "collect" and t.aggregator is None:
            raise Unsupported(f"tabellen {t.name} samler en liste af værdier; SQL-målet giver kun enkeltværdier")
        if t.policy == "priority" and not all(isinstance(r.outputs[0], ir.Const) for _, _, _, r in rules):
            raise Unsupported(f"tabellen {t.name} har politik prioritet med beregnede resultater")
        # Rows whose constrained columns can all be read (nearly all) select the rule with one
        # chain of tests; the rule states, which follow the evaluator's scan through stops, are
        # computed only for the others (measured: the states were ~3/4 of sanktion's cost).
        self.fast = t.policy != "collect"

    # ---- names ------------------------------------------------------------------------------
    def col_sym(self, j: int) -> Sym:
        return self.c.syms[self.t.inputs[j].name]

    def ok(self, j: int) -> str:
        """Whether column j can be read: `unit_error` is NULL, tested without building it."""
        return self.c.readable(self.t.inputs[j].name)

    def facts(self, vi: int) -> tuple[str, str]:
        """(facts SQL, whether there are any): the readable columns' names and values."""
        eq, sep = msg.fact_separators()
        cols = self.info.columns[vi]
        named = fact_names([self.t.inputs[j].name for j in cols])
        pieces, anyok = [], []
        for p, (j, (_col, names)) in enumerate(zip(cols, named, strict=True)):
            ok = self.ok(j)
            anyok.append(ok)
            for nm in names:
                earlier = [self.ok(cols[k]) for k in range(p) if nm in named[k][1]]
                cond = ok if not earlier else f"{ok} AND NOT ({' OR '.join(earlier)})"
                s = self.c.syms[nm]
                shown = self.c.shown(s.kind, s.v, s.mx)
                pieces.append(f"CASE WHEN {cond} THEN {q(sep + nm + eq)} || {shown} ELSE '' END")
        if not pieces:
            return "''", "FALSE"
        body = " || ".join(pieces)
        return self.c.listing(f"SUBSTRING({body}, {len(sep) + 1}, 100000)"), " OR ".join(anyok)

    def with_facts(self, vi: int, bare: msg.Template, full: msg.Template, *slots: str) -> str:
        facts, anyok = self.facts(vi)
        if anyok == "FALSE":
            return bare.fill(q, *slots)
        return f"CASE WHEN {anyok} THEN {full.fill(q, *slots, facts)} ELSE {bare.fill(q, *slots)} END"

    # ---- steps ------------------------------------------------------------------------------
    def compile(self) -> None:
        t, n = self.t, self.n
        a = Step(f"t{n}a", comments=self.grid())
        a.columns.append((f"t{n}_ver", self.version_sql()))
        if self.fast:
            a.columns.append((f"t{n}_ok", self.ok_sql()))
            self.c.steps.append(a)
            a = Step(f"t{n}r")
        for g, _v, vi, r in self.info.rules:
            arms = self.state_arms(vi, r)
            if self.fast:  # a rule's state (left to right, with stops) only where a column cannot be read
                arms.insert(0, f"WHEN t{n}_ok THEN NULL")
            a.columns.append((f"t{n}_r{g}", f"CASE {' '.join(arms)} ELSE 1 END" if arms else "1"))
        self.c.steps.append(a)
        if self.fast:
            b = Step(f"t{n}b", columns=[(f"t{n}_hit", self.hit_sql())])
            self.c.steps.append(b)
            self.c.steps.append(Step(f"t{n}s", columns=[(f"t{n}_sel", self.selection_error())]))
        else:
            self.c.steps.append(Step(f"t{n}b", columns=[(f"t{n}_sel", self.selection_error())]))
        c = Step(f"t{n}c")
        self.c.steps.append(c)
        for k, col in enumerate(t.outputs):
            sql = self.output(k)
            v, e = self.c.fresh("v"), self.c.fresh("e")
            c.columns += [(v, sql.v), (e, sql.e)]
            ex = sql.ex
            if isinstance(ex, str):
                x = self.c.fresh("x")
                c.columns.append((x, ex))
                ex = x
            kind = "int" if t.policy == "collect" and t.aggregator == "antal" else str(col.type.kind)
            self.c.syms[col.name] = Sym(v, e, kind, sql.mx, ex, col.type.values)
        c.columns.append((f"c{n}", self.citation_sql()))
        c.columns.append((f"f{n}", self.fired_sql()))

    def grid(self) -> list[str]:
        t = self.t
        lines = [f"Tabel {t.name} (politik {_POLICY_NAMES[t.policy]}{' ' + t.aggregator if t.aggregator else ''})"
                 + (f", hjemmel {t.citation}" if t.citation else "")]
        for v in t.versions:
            if v.label or v.valid_from:
                lines.append(f"  version {v.label or ''} gælder {v.valid_from or '…'} – {v.valid_to or '…'}")
            for r in v.rules:
                conds = [f"{t.inputs[j].name} {cd.text}" for j, cd in enumerate(r.conditions) if cd is not None]
                lines.append(f"  regel {r.id}: {', '.join(conds) or 'altid'}")
        return [line.replace("*/", "* /") for line in lines]

    def ok_sql(self) -> str:
        """Whether every column a version constrains can be read (then no rule can stop)."""
        cols = sorted({j for cs in self.info.columns.values() for j in cs})
        return conjunction([self.ok(j) for j in cols])

    def test(self, vi: int, r: ir.Rule) -> str:
        """Whether rule r matches, for a row whose columns can all be read."""
        tests = []
        for j in self.info.columns[vi]:
            cond = r.conditions[j]
            if cond is not None:
                s = self.col_sym(j)
                tests.append(condition(s.kind, s.v, cond, s.values, s.mx))
        return conjunction(tests)

    def matched(self, g: int, vi: int, r: ir.Rule) -> str:
        """Whether rule g matched (state 1), on either path."""
        if not self.fast:
            return f"t{self.n}_r{g} = 1"
        return f"CASE WHEN t{self.n}_ok THEN {self.test(vi, r)} ELSE t{self.n}_r{g} = 1 END"

    def version_sql(self) -> str:
        t = self.t
        if not t.versioned:
            return "1"
        day = self.c.syms[self.c.m.cutoff].v  # type: ignore[index]
        arms = []
        for vi, v in enumerate(t.versions):
            parts = []
            if v.valid_from is not None:
                parts.append(f"{day} >= CAST({q(v.valid_from.isoformat())} AS DATE)")
            if v.valid_to is not None:
                parts.append(f"{day} <= CAST({q(v.valid_to.isoformat())} AS DATE)")
            arms.append(f"WHEN {' AND '.join(parts) or 'TRUE'} THEN {vi + 1}")
        return f"CASE WHEN {day} IS NULL THEN NULL {' '.join(arms)} END"

    def state_arms(self, vi: int, r: ir.Rule) -> list[str]:
        """The arms of the rule's state: 0 no match, 1 (ELSE) match, 2 + j stopped at column j."""
        arms = []
        for j in self.info.columns[vi]:
            cond = r.conditions[j]
            if cond is None:
                continue
            s = self.col_sym(j)
            if self.ok(j) != "TRUE":
                arms.append(f"WHEN {self.c.unreadable(self.t.inputs[j].name)} THEN {2 + j}")
            arms.append(f"WHEN NOT ({condition(s.kind, s.v, cond, s.values, s.mx)}) THEN 0")
        return arms

    def can_stop(self, vi: int, r: ir.Rule) -> bool:
        """Whether the rule's scan can stop at a column that cannot be read."""
        return any(r.conditions[j] is not None and self.ok(j) != "TRUE" for j in self.info.columns[vi])

    def stop_arms(self, vi: int) -> str:
        """`WHEN state THEN error` for each column a rule's scan can stop at (state 2 + j): the
        column's error, never NULL where it cannot be read (Compiler.readable)."""
        return " ".join(f"WHEN {2 + j} THEN {self.c.unit_error(self.t.inputs[j].name)}"
                        for j in self.info.columns[vi] if self.ok(j) != "TRUE")

    def _rules_of(self, vi: int) -> list[tuple[int, ir.Rule]]:
        return [(g, r) for g, _v, i, r in self.info.rules if i == vi]

    def selection_error(self) -> str:
        t, n = self.t, self.n
        arms = []
        if t.versioned:
            cut = self.c.syms[self.c.m.cutoff]  # type: ignore[index]
            if cut.e != NO_ERROR:
                arms.append(f"WHEN {cut.e} IS NOT NULL THEN {cut.e}")
            tpl = msg.no_version(t.name, [(v.valid_from, v.valid_to) for v in t.versions])
            arms.append(f"WHEN t{n}_ver IS NULL THEN {self.c.code(tpl.fill(q, f'CAST({cut.v} AS VARCHAR)'))}")
        if self.fast:
            fast = " ".join(f"WHEN t{n}_ver = {vi + 1} THEN {self.fast_error(vi, v)}"
                            for vi, v in enumerate(t.versions))
            arms.append(f"WHEN t{n}_ok THEN CASE {fast} END")
        for vi, v in enumerate(t.versions):
            arms.append(f"WHEN t{n}_ver = {vi + 1} THEN {self.version_error(vi, v)}")
        return f"CASE {' '.join(arms)} END"

    def fast_error(self, vi: int, v: ir.Version) -> str:
        """The selection error of a row whose columns can all be read: no rule matched, or (unik)
        a later rule of another result matched too — only pairs of rules whose cells intersect
        in every column can both match, so only those are tested."""
        t, n = self.t, self.n
        bare, full = msg.no_match(t.name, v.label)
        arms = [f"WHEN t{n}_hit IS NULL THEN {self.c.code(self.with_facts(vi, bare, full))}"]
        if t.policy == "unique":
            rules = self._rules_of(vi)
            for i, (g, r) in enumerate(rules):
                later = [self.test(vi, r2) for _g2, r2 in rules[i + 1:]
                         if result_key(r2.outputs) != result_key(r.outputs) and _may_meet(r, r2)]
                if later:
                    arms.append(f"WHEN t{n}_hit = {g} AND ({' OR '.join(later)}) THEN {self.overlap_error(vi, v)}")
        return f"CASE {' '.join(arms)} END"

    def overlap_error(self, vi: int, v: ir.Version) -> str:
        joiner, obare, ofull = msg.overlap(self.t.name, v.label)
        ids = " || ".join(f"CASE WHEN {self.matched(g, vi, r)} THEN {q(joiner + r.id)} ELSE '' END"
                          for g, r in self._rules_of(vi))
        ids = self.c.listing(f"SUBSTRING({ids}, {len(joiner) + 1}, 100000)")
        return self.c.code(self.with_facts(vi, obare, ofull, ids))

    def version_error(self, vi: int, v: ir.Version) -> str:
        """The selection error from the rule states. The scan's first deciding state is picked
        once and its error written once per column (not once per rule: sanktion's query
        shrank by a fifth, and DuckDB plans in proportion to the text)."""
        t, n = self.t, self.n
        rules = self._rules_of(vi)
        stoppable = [g for g, r in rules if self.can_stop(vi, r)]
        bare, full = msg.no_match(t.name, v.label)
        none = self.c.code(self.with_facts(vi, bare, full))
        if t.policy == "first":  # the first rule that matched or stopped decides
            if not rules:
                return none
            first = first_error(*(f"NULLIF(t{n}_r{g}, 0)" for g, _r in rules))
            return f"CASE {first} WHEN 1 THEN {NO_ERROR} {self.stop_arms(vi)} ELSE {none} END"
        arms = []
        if t.policy != "collect":
            anyhit = " OR ".join(f"t{n}_r{g} = 1" for g, _r in rules) or "FALSE"
            arms.append(f"WHEN NOT ({anyhit}) THEN {none}")
        if t.policy == "unique":
            groups: dict[object, list[int]] = {}
            for g, r in rules:
                groups.setdefault(result_key(r.outputs), []).append(g)
            if len(groups) > 1:
                count = " + ".join(
                    f"CASE WHEN {' OR '.join(f't{n}_r{g} = 1' for g in gs)} THEN 1 ELSE 0 END"
                    for gs in groups.values())
                arms.append(f"WHEN {count} >= 2 THEN {self.overlap_error(vi, v)}")
        rest = f"CASE {' '.join(arms)} END" if arms else NO_ERROR
        if not stoppable:
            return rest
        # the first rule that stopped decides, before any match counts
        stopped = " ".join(f"WHEN t{n}_r{g} >= 2 THEN t{n}_r{g}" for g in stoppable)
        return first_error(f"CASE CASE {stopped} END {self.stop_arms(vi)} END", rest)

    def hit_sql(self) -> str:
        t, n = self.t, self.n
        outer = []
        for vi, _v in enumerate(t.versions):
            rules = self._rules_of(vi)
            if t.policy == "priority":
                rules = sorted(rules, key=lambda gr: _rank(t, gr))
            inner = " ".join(f"WHEN t{n}_r{g} = 1 THEN {g}" for g, _r in rules)
            chosen = f"CASE {inner} END" if inner else "NULL"
            if self.fast and rules:
                quick = " ".join(f"WHEN {self.test(vi, r)} THEN {g}" for g, r in rules)
                chosen = f"CASE WHEN t{n}_ok THEN CASE {quick} END ELSE {chosen} END"
            outer.append(f"WHEN t{n}_ver = {vi + 1} THEN {chosen}")
        return f"CASE {' '.join(outer)} END"

    def hit(self, g: int, vi: int) -> str:
        n = self.n
        if self.t.policy == "collect":
            return f"(t{n}_ver = {vi + 1} AND t{n}_r{g} = 1)"
        return f"t{n}_hit = {g}"

    def cell(self, g: int, v: ir.Version, vi: int, r: ir.Rule, k: int) -> Sql:
        e = r.outputs[k]
        kind = str(self.t.outputs[k].type.kind)
        if isinstance(e, ir.Refuse):
            bare, full = msg.refused(e.message, self.t.name, v.label, r.id)
            return Sql("NULL", self.c.code(self.with_facts(vi, bare, full)), kind)
        return compile_expr(e, self.c.ref, self.c.citation, self.c.code, top=True)

    def output(self, k: int) -> Sql:
        t, n = self.t, self.n
        kind = str(t.outputs[k].type.kind)
        cells = [(g, vi, self.cell(g, v, vi, r, k)) for g, v, vi, r in self.info.rules]
        mx = max((c.mx for _g, _vi, c in cells), default=0)
        sel = f"t{n}_sel"
        if t.policy != "collect":
            value = self.pick([(g, dec(c.v, mx) if kind in NUMERIC else c.v) for g, _vi, c in cells])
            errs = [(g, c.e) for g, _vi, c in cells if c.e != NO_ERROR]
            err = first_error(sel, self.pick(errs) if errs else NO_ERROR)
            exs = [c.ex for _g, _vi, c in cells]
            if any(x is None for x in exs) and kind in NUMERIC:
                ex: int | str | None = None
            elif len({str(x) for x in exs}) <= 1:
                ex = exs[0] if exs else 0
            else:
                ex = self.pick([(g, str(c.ex)) for g, _vi, c in cells], "0")
            return Sql(value, err, kind, mx, ex)
        return self.aggregate(k, kind, cells, mx)

    def aggregate(self, k: int, kind: str, cells: list[tuple[int, int, Sql]], mx: int) -> Sql:
        t, n = self.t, self.n
        agg = t.aggregator
        assert agg is not None
        errs = [f"WHEN {self.hit(g, vi)} AND ({c.e}) IS NOT NULL THEN {c.e}" for g, vi, c in cells if c.e != NO_ERROR]
        err = first_error(f"t{n}_sel", f"CASE {' '.join(errs)} END" if errs else NO_ERROR)
        if agg == "antal":
            count = " + ".join(f"CASE WHEN {self.hit(g, vi)} THEN 1 ELSE 0 END" for g, vi, _c in cells) or "0"
            return Sql(dec(count, 0), err, "int", 0, 0)
        try:
            _aggregate(agg, kind, [], 0, t.name, t.outputs[k].name)
            static = None
        except RegelFejl as e:
            static = e.besked
        numeric = kind in NUMERIC
        if not numeric and (agg == "sum" or kind != "date"):
            return Sql("NULL", first_error(err, self.c.code(q(static or ""))), kind)
        present = [(f"{self.hit(g, vi)} AND {c.v} IS NOT NULL", c) for g, vi, c in cells]
        if agg == "sum":
            total = " + ".join(f"CASE WHEN {p} THEN {dec(c.v, mx)} ELSE 0 END" for p, c in present) or "0"
            exs = [c.ex for _p, c in present]
            if any(x is None for x in exs):
                ex: int | str | None = None
            else:
                ex = "GREATEST(0, " + ", ".join(f"CASE WHEN {p} THEN {c.ex} ELSE 0 END" for p, c in present) + ")"
            return Sql(dec(total, mx), err, kind, mx, ex)
        empty = " AND ".join(f"NOT ({p})" for p, _c in present) or "TRUE"
        if static is not None:
            err = first_error(err, f"CASE WHEN {empty} THEN {self.c.code(q(static))} END")
        func = "LEAST" if agg == "min" else "GREATEST"
        vals = [f"CASE WHEN {p} THEN {dec(c.v, mx) if numeric else c.v} END" for p, c in present]
        value = f"{func}({', '.join(vals)})" if len(vals) > 1 else (vals[0] if vals else "NULL")
        exs = {str(c.ex) for _p, c in present}
        ex = present[0][1].ex if len(exs) == 1 and present else (0 if not present else None)
        return Sql(value, err, kind, mx, ex)

    def pick(self, arms: list[tuple[int, str]], default: str | None = None) -> str:
        """The result of the rule that hit. The DuckDB engine picks constants from a list by the
        hit (measured: 2-3x cheaper than a chain of arms); elsewhere, and for computed results
        (a list would compute every element for every row), a CASE."""
        hit = f"t{self.n}_hit"
        if not self.c.engine or len({sql for _g, sql in arms}) <= _LINEAR or not all(_constant(s) for _g, s in arms):
            return on_hit(hit, arms, default)
        by_rule = dict(arms)
        other = default if default is not None else "NULL"
        top = max(by_rule)
        pick = f"list_extract([{', '.join(by_rule.get(g, other) for g in range(1, top + 1))}], {hit})"
        return pick if default is None else f"CASE WHEN {hit} BETWEEN 1 AND {top} THEN {pick} ELSE {default} END"

    def citation_sql(self) -> str:
        t = self.t
        if t.policy != "collect":
            arms = [(g, q(r.citation)) for g, _v, _vi, r in self.info.rules if r.citation is not None]
            return self.pick(arms) if arms else NULL_TEXT
        joiner = cite_joiner()
        pieces = []
        for idx, (g, _v, vi, r) in enumerate(self.info.rules):
            if r.citation is None:
                continue
            earlier = [self.hit(g2, vi2) for g2, _v2, vi2, r2 in self.info.rules[:idx] if r2.citation == r.citation]
            cond = self.hit(g, vi) + (f" AND NOT ({' OR '.join(earlier)})" if earlier else "")
            pieces.append(f"CASE WHEN {cond} THEN {q(joiner + r.citation)} ELSE '' END")
        if not pieces:
            return NULL_TEXT
        body = " || ".join(pieces)
        return f"NULLIF(SUBSTRING({body}, {len(joiner) + 1}, 100000), '')"

    def fired_sql(self) -> str:
        """The rule references this table adds to `regler` (joined by the separator; NULL: none)."""
        sep = RULE_SEPARATOR
        for _g, v, _vi, r in self.info.rules:
            if sep in rule_ref(self.t, v, r):
                raise Unsupported(f"regel-referencen «{rule_ref(self.t, v, r)}» indeholder «{sep}»")
        if self.t.policy != "collect":
            refs = [(g, q(rule_ref(self.t, v, r))) for g, v, _vi, r in self.info.rules]
            return self.pick(refs) if refs else NULL_TEXT
        pieces = [f"CASE WHEN {self.hit(g, vi)} THEN {q(rule_ref(self.t, v, r))} END"
                  for g, v, vi, r in self.info.rules]
        return f"NULLIF(CONCAT_WS({q(sep)}, {', '.join(pieces)}), '')" if pieces else NULL_TEXT


_LINEAR = 3  # up to this many distinct results a chain of arms is as cheap as a list
_NUMBER = r"-?\d+(?:\.\d+)?"
_CAST = rf"CAST\((?:{_NUMBER}|NULL) AS [A-Z]+(?:\(\d+, \d+\))?\)"
_CONSTANT = re.compile(rf"'(?:[^']|'')*'|{_NUMBER}|NULL|TRUE|FALSE|{_CAST}")


def _constant(sql: str) -> bool:
    return _CONSTANT.fullmatch(sql) is not None


def on_hit(hit: str, arms: list[tuple[int, str]], default: str | None = None) -> str:
    """CASE on the rule that hit, one arm per distinct result, in rule order."""
    groups: dict[str, list[int]] = {}
    for g, sql in arms:
        groups.setdefault(sql, []).append(g)
    parts = [f"WHEN {among(hit, gs)} THEN {sql}" for sql, gs in groups.items()]
    return f"CASE {' '.join(parts)}{f' ELSE {default}' if default is not None else ''} END"


def _may_meet(a: ir.Rule, b: ir.Rule) -> bool:
    """Whether some row can match both rules: their cells intersect in every column."""
    for ca, cb in zip(a.conditions, b.conditions, strict=True):
        if ca is not None and cb is not None and not any(
                lo1 <= hi2 and lo2 <= hi1 for lo1, hi1 in ca.intervals for lo2, hi2 in cb.intervals):
            return False
    return True


def _rank(t: ir.Table, gr: tuple[int, ir.Rule]) -> tuple[int, int]:
    """prioritet: the first result's place in its enum (unknown values last), then the row."""
    order = t.outputs[0].type.values
    val = gr[1].outputs[0].value  # type: ignore[attr-defined]
    return (order.index(val) if val in order else len(order), gr[0])
