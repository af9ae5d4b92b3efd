"""One decision of a Module as a plan of SQL steps (CTEs), rendered by templates/decision.sql.j2.

The Python evaluator is lazy and stops at the first refusal; SQL computes every column
for every row. The two agree because in the evaluator a name's value or refusal does not
depend on when it is asked (names, table selections and units are remembered, failures
too). So each name becomes a value column and an error column (NULL: no error), each
table a version, a hit (one chain of tests, or per-rule states where a column cannot be
read: tables.py), a selection error and the hit's result cells; a decision's `fejl` is the first error
of its items in order. The rules that fired (`regler`) are listed in the order the lazy
evaluator selects tables: `trace.py` unrolls that order with the conditions under which
each table is reached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..codegen.spec import input_spec, item_type
from ..model import ir
from ..model.types import Kind
from ..runtime.core import RegelFejl, _aggregate, _derived_parts
from . import messages as msg
from .display import q, show
from .exprs import NO_ERROR, NULL_TEXT, NUMERIC, Sql, Unsupported, compile_expr, dec, first_error, literal

ROW_ID = "rad_id"
RELATION = "sager"
RULES = "regler"
ERROR = "fejl"
RULE_SEPARATOR = ", "
SCALE_SUFFIX = "__skala"

_TYPES = {"amount": "DECIMAL(38, 2)", "int": "BIGINT", "percent": "BIGINT", "number": "DECIMAL(38, 10)",
          "date": "DATE", "bool": "BOOLEAN", "enum": "VARCHAR", "text": "VARCHAR"}


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def input_type(kind: str) -> str:
    return _TYPES[kind]


# The names the generated query gives its own columns (SQL compares names without case): a field
# may not be called so, or the query would read the field where it means its own column.
_GENERATED = re.compile(r"[vexcdfln]\d+|t\d+_\w+|gyldig|fejl_|__\w*", re.IGNORECASE)


@dataclass
class Step:
    """One CTE: its name, (alias, sql) columns and comment lines."""

    name: str
    columns: list[tuple[str, str]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass
class Sym:
    v: str
    e: str
    kind: str
    mx: int
    ex: int | str | None
    values: tuple[str, ...] = ()
    field: bool = False  # a field: its error is set exactly when its value is NULL


@dataclass
class TableInfo:
    t: ir.Table
    n: int
    rules: list[tuple[int, ir.Version, int, ir.Rule]]  # (global number, version, version index, rule)
    columns: dict[int, list[int]]  # version index -> constrained input columns


class Compiler:
    def __init__(self, module: ir.Module, decision: str, engine: bool = False,
                 field_order: list[str] | None = None, passthrough: tuple[str, ...] = ()) -> None:
        if decision not in module.decisions:
            raise Unsupported(f"modulet {module.name} har ingen beslutning «{decision}»")
        self.m = module
        self.d = module.decisions[decision]
        self.engine = engine
        self.passthrough = passthrough  # engine only: input columns the result keeps (unordered)
        self.spec = input_spec(module)
        self.field_order = [f for f in (field_order or []) if f in module.fields] + [
            f for f in module.fields if f not in (field_order or [])]
        self.steps: list[Step] = []
        self.syms: dict[str, Sym] = {}
        self.tables: dict[str, TableInfo] = {}
        self.counter = 0
        self.messages: dict[str, int] = {}  # message SQL -> its error code
        self.digit_columns: dict[str, str] = {}  # a shown number's whole digits (SQL) -> its column
        self.shown_columns: dict[str, str] = {}  # a value's Danish text (SQL) -> its column
        self.listings: dict[str, str] = {}  # a list a message names (facts, rule ids; SQL) -> its column
        for name in module.fields:
            if name in (ROW_ID, RULES, ERROR) or name.endswith(SCALE_SUFFIX) or _GENERATED.fullmatch(name):
                raise Unsupported(f"feltet «{name}» har et navn, som SQL-målet bruger selv (omdøb feltet for at "
                                  "bruge SQL; Python-evaluatoren kan bruge det)")

    # ---- names ------------------------------------------------------------------------------
    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def code(self, message: str) -> str:
        """The error code of a refusal message (SQL of its text over the row's columns): rows
        carry the code, and only the last step builds the text of the first error (`decode`)."""
        return str(self.messages.setdefault(message, len(self.messages) + 1))

    def shown(self, kind: str, x: str, scale: int) -> str:
        """A value as a message shows it (display.show): a column of the last step, computed
        only for refused rows, so a message naming a value does not repeat its formatting."""
        sql = show(kind, x, scale, self._digits)
        if len(sql) <= 40:
            return sql
        return self.shown_columns.setdefault(sql, f"d{len(self.shown_columns) + 1}")

    def _digits(self, sql: str) -> str:
        """A shown number's digits as a column of its own step (display.number's `hoist`): the
        grouping names it many times, and DuckDB's planning time follows the query's length."""
        return self.digit_columns.setdefault(sql, f"n{len(self.digit_columns) + 1}")

    def listing(self, sql: str) -> str:
        """A list a refusal names (the case's facts, the rules that met): a column of its own
        step, computed only for refused rows, so the messages of one table (no rule, several
        rules, each `afvis` rule) share it instead of each repeating it."""
        if len(sql) <= 60:
            return sql
        return self.listings.setdefault(sql, f"l{len(self.listings) + 1}")

    def _naming(self, column: str) -> str:
        """Whether the row's refusal is one whose message names `column`, itself or through the
        columns built from it (digits → shown values → listings)."""
        names = [column]
        for sql, col in [*self.shown_columns.items(), *self.listings.items()]:
            if re.search(r"\b(?:" + "|".join(names) + r")\b", sql):
                names.append(col)
        pattern = re.compile(r"\b(?:" + "|".join(names) + r")\b")
        codes = [k for sql, k in self.messages.items() if pattern.search(sql)]
        return among("fejl_", codes) if codes else "FALSE"

    def decode(self, code: str) -> str:
        """The message of the error code `code`, evaluated with every column of the last step."""
        if not self.messages:
            return NULL_TEXT
        return f"CASE WHEN {code} IS NULL THEN {NULL_TEXT} ELSE {_tree(code, list(self.messages), 1)} END"

    def needed(self) -> list[str]:
        """Tables and values the decision can reach, in dependency order."""
        seen: set[str] = set()
        todo = [n for _, e in self.d.items for n in ir.refs(e)]
        while todo:
            n = todo.pop()
            key = n[1:] if n.startswith("@") else n
            t = self.m.tables.get(key) if n.startswith("@") else self.m.producer(n)
            if t is not None:
                if t.name in seen:
                    continue
                seen.add(t.name)
                todo.extend(c.name for c in t.inputs)
                if t.versioned and self.m.cutoff:
                    todo.append(self.m.cutoff)
                for v in t.versions:
                    for r in v.rules:
                        for o in r.outputs:
                            todo.extend(ir.refs(o))
            elif n in self.m.values and n not in seen:
                seen.add(n)
                todo.extend(ir.refs(self.m.values[n].expr))
        return [n for n in self.m.order if n in seen]

    def ref(self, name: str, top: bool) -> Sql:
        s = self.syms[name]
        if top:
            return Sql(s.v, s.e, s.kind, s.mx, s.ex)
        # a name used in a calculation must have a value (core._no_value)
        none = self.code(q(msg.no_value(name, self._is_list(name))))
        err = first_error(s.e, f"CASE WHEN {s.v} IS NULL THEN {none} END")
        return Sql(s.v, err, s.kind, s.mx, s.ex)

    def _is_list(self, name: str) -> bool:
        t = self.m.producer(name)
        return t is not None and t.policy == "collect" and t.aggregator is None

    def readable(self, name: str) -> str:
        """SQL that is true when `unit_error(name)` is NULL (the name has a value and no error)."""
        s = self.syms[name]
        return f"{s.v} IS NOT NULL" if s.e == NO_ERROR or s.field else f"({s.e} IS NULL AND {s.v} IS NOT NULL)"

    def unreadable(self, name: str) -> str:
        """NOT readable(name), written out (a shorter query is planned faster)."""
        s = self.syms[name]
        return f"{s.v} IS NULL" if s.e == NO_ERROR or s.field else f"({s.e} IS NOT NULL OR {s.v} IS NULL)"

    def unit_error(self, name: str) -> str:
        """The error of a name that cannot be read: never NULL where unreadable(name) holds
        (`e`, else the NULL of `v`) — tables.version_error's COALESCE relies on it."""
        s = self.syms[name]
        return first_error(s.e, f"CASE WHEN {s.v} IS NULL THEN {self.code(q(msg.no_unit(name)))} END")

    def citation(self, table: str) -> Sql:
        info = self.tables[table]
        return Sql(f"c{info.n}", f"t{info.n}_sel", "text")

    # ---- fields -------------------------------------------------------------------------------
    def fields_step(self) -> None:
        step = Step("felter", comments=["Sagens felter: standardværdier og felter, der mangler."])
        checks: list[str] = []
        for name in self.m.fields:
            spec = self.spec[name]
            kind = str(spec["type"])
            col = ident(name)
            # whole numbers stay BIGINT (compared and cast where they are used); amounts DECIMAL(38, 2)
            plain = kind in ("enum", "text", "bool", "date", "int", "percent")
            typed = col if plain else dec(col, 2 if kind == "amount" else 0)
            mx = 2 if kind == "amount" else 0
            v, e = self.fresh("v"), self.fresh("e")
            if spec["has_default"]:
                default = literal(spec["default"], kind)
                dv = default.v
                if kind in ("int", "percent") and isinstance(spec["default"], int) and abs(spec["default"]) < 10**18:
                    dv = str(spec["default"])
                step.columns.append((v, f"CASE WHEN {col} IS NULL THEN {dv} ELSE {typed} END"))
                step.columns.append((e, NO_ERROR))
                dex = default.ex
            else:
                step.columns.append((v, typed))
                step.columns.append((e, f"CASE WHEN {col} IS NULL THEN {self.code(q(msg.missing(name, spec)))} END"))
                dex = 0
            ex: int | str | None = 0
            if kind == "amount":
                if self.engine:
                    x = self.fresh("x")
                    given = ident(name + SCALE_SUFFIX)
                    step.columns.append((x, f"CASE WHEN {col} IS NULL THEN {dex} ELSE {given} END"))
                    ex = x
                else:
                    ex = None
            values = tuple(spec["domain"]) if kind == "enum" else ()  # type: ignore[arg-type]
            self.syms[name] = Sym(v, e, kind, mx, ex, values, field=True)
            if not self.engine:
                checks.append(self._validation(name, spec, col))
        if checks:
            ordered = [self._validation(n, self.spec[n], ident(n)) for n in self.field_order]
            step.columns.append(("gyldig", first_error(*[c for c in ordered if c != NO_ERROR])))
        else:
            step.columns.append(("gyldig", NO_ERROR))
        self.steps.append(step)

    def _validation(self, name: str, spec: dict, col: str) -> str:
        """The refusal of a present value outside the field's type (core._check_value)."""
        kind = str(spec["type"])
        domain = spec["domain"]
        arms = []
        if kind == "enum":
            tpl = msg.enum_invalid(name, spec)
            arms.append(f"WHEN NOT {one_of(col, [q(v) for v in domain])} THEN {self.code(tpl.fill(q, col))}")
        elif kind in ("amount", "int", "percent") and isinstance(domain, tuple):
            lo, hi = domain
            s = 2 if kind == "amount" else 0
            shown = self.shown(kind, col, s)
            if lo is not None:
                arms.append(f"WHEN {dec(col, s)} < {literal(lo, kind).v} THEN "
                            f"{self.code(msg.out_of_range(name, spec, True).fill(q, shown))}")
            if hi is not None:
                arms.append(f"WHEN {dec(col, s)} > {literal(hi, kind).v} THEN "
                            f"{self.code(msg.out_of_range(name, spec, False).fill(q, shown))}")
        if not arms:
            return NO_ERROR
        return f"CASE {' '.join(arms)} END"

    # ---- values -------------------------------------------------------------------------------
    def value_step(self, name: str) -> None:
        val = self.m.values[name]
        c = compile_expr(val.expr, self.ref, self.citation, self.code, top=True)
        v, e = self.fresh("v"), self.fresh("e")
        step = Step(self.fresh("s"), comments=[f"Værdien {name}."])
        step.columns += [(v, c.v), (e, c.e)]
        ex = c.ex
        if isinstance(ex, str):
            x = self.fresh("x")
            step.columns.append((x, ex))
            ex = x
        self.syms[name] = Sym(v, e, str(val.type.kind), c.mx, ex, val.type.values)
        self.steps.append(step)

    # ---- tables -------------------------------------------------------------------------------
    def table_steps(self, t: ir.Table) -> None:
        from .tables import TableCompiler

        TableCompiler(self, t).compile()

    # ---- the decision ---------------------------------------------------------------------------
    def compile(self) -> dict:
        self.fields_step()
        for name in self.needed():
            if name in self.m.tables:
                self.table_steps(self.m.tables[name])
            else:
                self.value_step(name)
        items: list[tuple[str, Sql, str]] = []
        for name, e in self.d.items:
            t = item_type(self.m, e)
            if t.kind is Kind.LIST:
                raise Unsupported(f"posten «{name}» er en samling af værdier; SQL-målet giver kun enkeltværdier")
            c = compile_expr(e, self.ref, self.citation, self.code, top=True)
            items.append((name, c, str(t.kind)))
        from .trace import rules_fired

        errors = first_error("gyldig", *(c.e for _, c, _ in items))
        last = Step("afgoerelse", comments=["Beslutningens fejl: den første post, der ikke kan afgøres."])
        last.columns.append(("fejl_", errors))
        self.steps.append(last)
        outputs: list[tuple[str, str]] = [(ident(ROW_ID), ident(ROW_ID))]
        for name, c, kind in items:
            value = c.v
            if kind in NUMERIC:
                value = dec(value, c.mx)
            outputs.append((ident(name), f"CASE WHEN fejl_ IS NULL THEN {value} END"))
        outputs.append((ident(RULES), f"CASE WHEN fejl_ IS NULL THEN {rules_fired(self, items)} END"))
        outputs.append((ident(ERROR), self.decode("fejl_")))
        scales: dict[str, int] = {}
        shapes: list[tuple[str, str, int]] = []  # (item, kind, static scale of its column)
        if self.engine:
            for name, c, kind in items:
                shapes.append((name, kind, c.mx))
                if kind not in NUMERIC:
                    continue
                if c.ex is None:
                    raise Unsupported(f"antallet af decimaler i posten «{name}» afhænger af sagen på en måde, "
                                      "SQL-målet ikke følger")
                if isinstance(c.ex, int):
                    scales[name] = c.ex
                else:
                    outputs.append((ident(name + SCALE_SUFFIX), f"CAST({c.ex} AS INTEGER)"))
            outputs += [(ident(p), ident(p)) for p in self.passthrough]
        if self.digit_columns:
            self.steps.append(Step("cifre", [(col, f"CASE WHEN {self._naming(col)} THEN {sql} END")
                                             for sql, col in self.digit_columns.items()],
                                   ["Cifrene i de tal, som afvisningerne nævner (kun for de afviste sager)."]))
        if self.shown_columns:
            self.steps.append(Step("visning", [(col, f"CASE WHEN {self._naming(col)} THEN {sql} END")
                                               for sql, col in self.shown_columns.items()],
                                   ["Værdierne, som afvisningerne nævner, på dansk (kun for de afviste sager)."]))
        if self.listings:
            self.steps.append(Step("tekster", [(col, f"CASE WHEN {self._naming(col)} THEN {sql} END")
                                               for sql, col in self.listings.items()],
                                   ["Sagens oplysninger og reglerne, som afvisningerne nævner (kun for de afviste "
                                    "sager)."]))
        inputs = [(name, input_type(str(self.spec[name]["type"]))) for name in self.m.fields]
        if self.engine:
            self.steps = merge_levels(self.steps)
        return {
            "module": self.m.name,
            "decision": self.d.name,
            "title": self.d.title,
            "relation": RELATION,
            "row_id": ROW_ID,
            "inputs": inputs,
            "steps": self.steps,
            "outputs": outputs,
            "scales": scales,
            "shapes": shapes,
            "engine": self.engine,
            "ordered": not self.passthrough,
        }


_WORD = re.compile(r"\w+")


def merge_levels(steps: list[Step]) -> list[Step]:
    """The same columns with each one in the first step after every column it reads: one
    SELECT per level instead of one per table stage (the engine only: DuckDB plans sanktion's
    ~15 levels in about 2/3 of the time of its ~45 steps; a reviewer reads the portable SQL,
    which keeps a step per stage next to the table's grid). A column reads another when the
    other's name occurs in it as a word; a literal that happens to hold such a word only
    places the column later, never earlier."""
    if not steps:
        return steps
    level = {alias: 0 for alias, _sql in steps[0].columns}
    levels: list[Step] = []
    for step in steps[1:]:
        first = True
        for alias, sql in step.columns:
            at = 1 + max((level[w] for w in _WORD.findall(sql) if w in level), default=0)
            while len(levels) < at:
                levels.append(Step(f"lag{len(levels) + 1}"))
            levels[at - 1].columns.append((alias, sql))
            if first:  # the stage's comments (a table's grid) where its first column lands
                levels[at - 1].comments += step.comments
                first = False
            level[alias] = at
    return [steps[0], *(s for s in levels if s.columns)]


def conjunction(tests: list[str]) -> str:
    """The tests joined by AND, a test with an OR in parentheses (AND binds tighter than OR)."""
    return " AND ".join(f"({x})" if " OR " in x else x for x in tests) or "TRUE"


def among(x: str, values: list[int]) -> str:
    """`x` is one of the ascending whole numbers `values`, as = and BETWEEN tests (never
    `IN (…)`, which DuckDB may plan as a join that does not keep the rows' order)."""
    runs: list[list[int]] = []
    for k in values:
        if runs and k == runs[-1][1] + 1:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    tests = [f"{x} = {a}" if a == b else f"{x} BETWEEN {a} AND {b}" for a, b in runs]
    return tests[0] if len(tests) == 1 else "(" + " OR ".join(tests) + ")"


def _tree(code: str, texts: list[str], first: int) -> str:
    """texts[i] for code = first + i, as a balanced tree of `<=` tests (a row passes
    ~log2(len) tests, not a chain of one arm per message)."""
    if len(texts) == 1:
        return texts[0]
    mid = len(texts) // 2
    return (f"CASE WHEN {code} < {first + mid} THEN {_tree(code, texts[:mid], first)} "
            f"ELSE {_tree(code, texts[mid:], first + mid)} END")


def materialize_steps(tree) -> None:
    """Every `WITH` step of a parsed query (sqlglot) `AS MATERIALIZED`, for PostgreSQL: since
    version 12 it inlines a CTE used once, and the steps of a decision each select `*` from the
    one before, so inlined every step's expressions are copied into the next and the planner
    does not finish (sanktion, boerneydelse, folkepension); materialized, each step is planned
    once (< 1 s). Rows are the same either way: no step has side effects."""
    from sqlglot import exp

    for cte in tree.find_all(exp.CTE):
        cte.set("materialized", True)


def dateadd_steps(tree) -> None:
    """T-SQL has no `date + integer`: each date step the compiler writes (exprs.add_days: a date
    plus CAST(CAST(days AS BIGINT) AS INTEGER), a shape no other sum has) becomes sqlglot's
    DateAdd, which T-SQL writes as DATEADD(DAY, days, date)."""
    from sqlglot import exp

    def is_days(node) -> bool:
        inner = node.this.unnest() if isinstance(node, exp.Cast) else None
        return (isinstance(node, exp.Cast) and node.to.this == exp.DataType.Type.INT
                and isinstance(inner, exp.Cast) and inner.to.this == exp.DataType.Type.BIGINT)

    for add in list(tree.find_all(exp.Add)):
        if is_days(add.expression):
            add.replace(exp.DateAdd(this=add.this, expression=add.expression, unit=exp.var("DAY")))


# ---- helpers shared with tables.py ----------------------------------------------------------------
def condition(kind: str, v: str, cond: ir.Cond, values: tuple[str, ...], scale: int = 2) -> str:
    """SQL for `value in cond` (a union of closed unit intervals); `scale`: the decimals of an
    amount column `v`, compared with bounds in øre."""
    arms = []
    if kind == "amount" and scale < 2:
        # Spark compared a DECIMAL(38, 0) with 0.01 in DECIMAL(38, 0) (0 >= 0.01 was true; a review):
        # the column in øre first, so every engine compares at the bounds' scale
        v = f"CAST({v} AS DECIMAL(38, 2))"
    if kind == "enum":
        chosen = [values[i] for lo, hi in cond.intervals for i in range(max(lo, 0), min(hi, len(values) - 1) + 1)]
        if not chosen:
            return "FALSE"
        return one_of(v, [q(c) for c in chosen])
    if kind == "bool":
        truth = {u for lo, hi in cond.intervals for u in (0, 1) if lo <= u <= hi}
        if truth == {0, 1}:
            return "TRUE"
        if not truth:
            return "FALSE"
        return v if 1 in truth else f"NOT {v}"
    for lo, hi in cond.intervals:
        if kind == "date":
            parts = []
            if lo > date.max.toordinal():
                arms.append("FALSE")  # after the calendar's last day (`> 9999-12-31`): no date is there
                continue
            if lo > 1:
                parts.append(f"{v} >= CAST({q(date.fromordinal(lo).isoformat())} AS DATE)")
            if hi < date.max.toordinal():
                if hi < 1:
                    parts.append("FALSE")
                else:
                    parts.append(f"{v} <= CAST({q(date.fromordinal(hi).isoformat())} AS DATE)")
            arms.append(" AND ".join(parts) if parts else "TRUE")
            continue
        if kind == "text":
            raise Unsupported("betingelser på tekstfelter findes ikke i SQL-målet")
        # both bounds always, NEG_INF/POS_INF included: the evaluator compares with them too
        if lo == hi:
            arms.append(f"{v} = {_bound(lo, kind)}")
            continue
        parts = [f"{v} >= {_bound(lo, kind)}", f"{v} <= {_bound(hi, kind)}"]
        arms.append("(" + " AND ".join(parts) + ")")
    if not arms:
        return "FALSE"
    return arms[0] if len(arms) == 1 else "(" + " OR ".join(arms) + ")"


def one_of(v: str, literals: list[str]) -> str:
    """`v IN (…)` for up to four values; as `=` tests joined by OR beyond that: DuckDB plans a longer
    IN list as a join, which is slower here and does not keep the rows' order (the stream needs it)."""
    if len(literals) == 1:
        return f"{v} = {literals[0]}"
    if len(literals) <= 4:
        return f"{v} IN ({', '.join(literals)})"
    return "(" + " OR ".join(f"{v} = {lit}" for lit in literals) + ")"


def _bound(u: int, kind: str) -> str:
    """A unit (øre for amounts) as a literal of the column's values: a plain number (DuckDB
    compares it exactly, without casting the column) up to 18 digits, else a DECIMAL cast."""
    value = Decimal(u).scaleb(-2) if kind == "amount" else Decimal(u)
    text = format(value, "f")
    if len(text.lstrip("-").replace(".", "")) <= 18:
        return text
    return literal(value, kind).v


def fact_names(columns: list[str]) -> list[tuple[str, list[str]]]:
    """(column, the names it shows) per column: a derived column shows its two names."""
    out = []
    for c in columns:
        parts = _derived_parts(c)
        out.append((c, list(parts) if parts else [c]))
    return out


__all__ = ["Compiler", "ERROR", "RELATION", "ROW_ID", "RULES", "RULE_SEPARATOR", "SCALE_SUFFIX", "Step",
           "Unsupported", "_aggregate", "RegelFejl"]
