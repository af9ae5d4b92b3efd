"""The fast path of a generated module: one straight-line function per decision.

`evaluate` first tries `_fast_<decision>(case)`. It validates the case with
inline checks and decides it with local variables instead of the engine's memo
dicts, asking for names in exactly the engine's order, so "regler" lists the
same rules in the same order. It handles only the usual case: when anything is
unusual (an invalid or missing field, an input form other than the plain JSON
ones, no version in force, no or several matching rules, a refusal, a name
without value in arithmetic) it returns None, and `evaluate` asks the engine,
which decides the case from scratch and words any error. Evaluation is pure, so
abandoning a half-done fast path is always safe: the fast path only ever gives
an answer the engine gives too (the differential tests compare them).

Laziness is decided while generating: a name is computed where the engine would
first ask for it. The generator tracks which names are certainly computed
(`known`) or perhaps computed (`maybe`: guarded by `if v is _NOTHING`) at each
point, including what each branch of an earlier result dispatch on the same
table computed, so most names are computed once with no run-time check at all.
"""

from __future__ import annotations

import builtins
import keyword
from collections.abc import Callable, Generator
from dataclasses import dataclass, field, replace
from datetime import date

from ..model import ir
from ..model.types import Kind
from ..runtime.core import _LIMIT, _POLICY_NAMES, _fact_names, _unit
from . import dispatch, exprs
from .literals import Atom, Group, Node, Pair, Str, call, comment, lit, render
from .naming import Namer, identifier

MAX_LINES = 3000  # a decision whose fast path would be longer is left to the engine

Record = tuple[str, tuple[tuple[frozenset[int], frozenset[str]], ...]]


# The generator follows the engine's lazy order by walking the dependencies depth
# first. A chain of 500 values or 200 tables is deeper than Python's stack, so the
# walk is written as generators: `st = yield self.value(...)` hands the sub-walk
# to `_drive`, which runs it on an explicit stack and sends its State back.
Steps = Generator["Steps", "State", "State"]


def _drive(steps: Steps) -> State:
    """Run a walk to its end without recursion; exceptions reach the walk that
    asked for the failing step, as a plain call would have raised them there."""
    stack: list[Steps] = [steps]
    sent: State | None = None
    error: BaseException | None = None
    while True:
        top = stack[-1]
        try:
            sub = top.throw(error) if error is not None else top.send(sent)  # type: ignore[arg-type]
        except StopIteration as done:
            stack.pop()
            sent, error = done.value, None
            if not stack:
                return sent  # type: ignore[return-value]
            continue
        except BaseException as err:  # noqa: BLE001 - handed on to the asking walk
            stack.pop()
            if not stack:
                raise
            sent, error = None, err
            continue
        stack.append(sub)
        sent, error = None, None


def _now(st: State) -> Steps:
    """A walk that is already done (for steps that need no sub-walk)."""
    return st
    yield  # a generator, so `_drive` can run it like any other step


class UnsupportedError(Exception):
    """This decision gets no fast path (the engine decides every case)."""


@dataclass(frozen=True)
class VersionCode:
    """What the generator emitted for one table version."""

    data: str  # the _Version constant
    select: str  # its matcher function (units -> hits)
    plan: dispatch.Plan
    keys: str | None  # the dict of a `dict` plan, the segments of a `bisect` plan


@dataclass(frozen=True)
class State:
    known: frozenset[str] = frozenset()  # "v:name", "u:name", "t:Tabel" computed on every path here
    maybe: frozenset[str] = frozenset()  # ... computed on some path here
    records: tuple[Record, ...] = ()  # per earlier result dispatch: (table, ((rule numbers, computed), ...))

    def plus(self, *keys: str) -> State:
        return replace(self, known=self.known | set(keys))


def _merge(before: State, branches: list[State]) -> State:
    if not branches:
        return before
    known = frozenset.intersection(*(b.known for b in branches))
    maybe = before.maybe.union(*(b.known | b.maybe for b in branches)) - known
    return State(known, maybe, before.records)


@dataclass
class Context:
    """What the rest of the generator provides: the module, its symbol kinds, the
    code of every table version and a way to add module-level constants."""

    module: ir.Module
    kinds: dict[str, tuple[str, tuple[str, ...]]]
    versions: dict[tuple[str, int], VersionCode]
    rules: dict[str, str]  # table -> its _RULES_ constant (all versions' rules, in order)
    tables: dict[str, str]  # table -> its _T_ constant
    constant: object  # callable(key, base, code) -> name of a module-level constant
    indexes: dict[tuple[str, ...], str] = field(default_factory=dict)


# Names a local must not take: the function's own locals, Python's builtins, and every
# module-level name of a generated module (imports, runtime, public API).
_RESERVED = frozenset(
    {"case", "n", "hits", "base", "fired", "day", "seg", "amount"}
    | set(dir(builtins)) | set(keyword.kwlist) | set(keyword.softkwlist)
    | {"bisect", "copy", "re", "sys", "namedtuple", "Callable", "Mapping", "date", "datetime", "timedelta",
       "Decimal", "Context", "evaluate", "explain", "annotations"})


class FastPath:
    def __init__(self, cx: Context, decision: ir.Decision, name: str) -> None:
        self.cx = cx
        self.m = cx.module
        self.d = decision
        self.name = name
        self.lines: list[str] = []
        self.local = Namer(_RESERVED)
        self.guarded: set[str] = set()
        # > 0 while emitting the reading of a table's columns: the engine catches errors there
        # (a column that cannot be read matters only if a rule needs it), so none is final.
        self.fetching = 0

    def _day(self, day: date) -> str:
        """A module-level constant holding `date(…)` (built once, not per case)."""
        return self.cx.constant(("day", day.isoformat()), f"_DATO_{day.year:04d}_{day.month:02d}_{day.day:02d}", day)

    # -- names ------------------------------------------------------------------------------------
    # Locals read as what they hold: `ordning` (a value), `ordning_unit` (its unit for
    # conditions), `rule_satsvalg` (the rule that fired in a table), `hit_satsvalg` (its number).
    def v(self, name: str) -> str:
        return self.local.name(("v", name), _short(name))

    def u(self, name: str) -> str:
        f = self.m.fields.get(name)
        if f is not None and f.type.kind in (Kind.BOOL, Kind.INT, Kind.PERCENT, Kind.TEXT):
            return self.v(name)  # the value is its own unit (True == 1 as a dict key and in comparisons)
        return self.local.name(("u", name), _short(name) + "_unit")

    def r(self, table: str) -> str:
        return self.local.name(("r", table), "rule_" + _short(table))

    def k(self, table: str) -> str:
        return self.local.name(("k", table), "hit_" + _short(table))

    def index(self, values: tuple[str, ...], base: str) -> str:
        name = self.cx.indexes.get(values)
        if name is None:
            name = self.cx.constant(("index",) + values, "_INDEX_" + _short(base).upper(),
                                    {v: i for i, v in enumerate(values)})
            self.cx.indexes[values] = name
        return name

    def emit(self, ind: int, line: str) -> None:
        self.lines.append(" " * ind + line)
        if len(self.lines) > MAX_LINES:
            raise UnsupportedError("too long")

    def code(self, ind: int, prefix: str, node: Node) -> None:
        """`prefix` followed by `node`, broken over lines where long (the body is indented by 4)."""
        self.emit(ind, prefix + render(node, ind + 4, ind + 4 + len(prefix)))

    def note(self, ind: int, text: str) -> None:
        for line in comment(text, ind + 4).split("\n"):
            self.emit(ind, line.strip())

    # -- what a name can hold ------------------------------------------------------------------
    def checkable(self, name: str) -> bool:
        """Can `name` be without value (None) or a list? Arithmetic and conditions must then check.

        A value that is just another name, or a table cell that is just another
        name, can be whatever that name can be: followed with a worklist, not
        recursion, since such chains can be long."""
        todo, seen = [name], set()
        while todo:
            n = todo.pop()
            if n in seen:
                continue
            seen.add(n)
            if n in self.m.fields:
                f = self.m.fields[n]
                if f.has_default and f.default is None:
                    return True
                continue
            if n in self.m.values:
                e = self.m.values[n].expr
                if isinstance(e, ir.Ref):
                    todo.append(e.name)
                continue
            t = self.m.producer(n)
            if t is None:
                return True
            if t.policy == "collect":
                if t.aggregator is None:
                    return True
                continue
            col = t.output_index(n)
            for v in t.versions:
                for r in v.rules:
                    cell = r.outputs[col]
                    if isinstance(cell, ir.NoValue):
                        return True
                    if isinstance(cell, ir.Ref):
                        todo.append(cell.name)
        return False

    # -- generic memo: compute once, guard where only perhaps computed --------------------------------
    def ensure(self, key: str, var: str, st: State, ind: int, produce: Callable[[State, int], Steps]) -> Steps:
        if key in st.known:
            return st
        if key in st.maybe:
            self.guarded.add(var)
            self.emit(ind, f"if {var} is _NOTHING:")
            inner = yield produce(st, ind + 4)
            return State(st.known | {key}, (st.maybe | inner.known | inner.maybe) - {key}, st.records)
        return (yield produce(st, ind)).plus(key)

    def value(self, name: str, st: State, ind: int) -> Steps:
        if name in self.m.fields:
            # Validation set every field's variable (to _NOTHING when missing): the check that it
            # is there is its own guard, and the variable must never be reset.
            return st if "v:" + name in st.known else (yield self._produce(name, st, ind)).plus("v:" + name)
        return (yield self.ensure("v:" + name, self.v(name), st, ind, lambda s, i: self._produce(name, s, i)))

    def unit(self, name: str, st: State, ind: int) -> Steps:
        st = yield self.value(name, st, ind)
        if name in self.m.fields:
            return st.plus("u:" + name)  # validation gave every present field its unit
        return (yield self.ensure("u:" + name, self.u(name), st, ind, lambda s, i: _now(self._unit(name, s, i))))

    def table(self, tname: str, st: State, ind: int) -> Steps:
        t = self.m.tables[tname]
        var = self.r(tname)
        return (yield self.ensure("t:" + tname, var, st, ind, lambda s, i: self._select(t, s, i)))

    def _produce(self, name: str, st: State, ind: int) -> Steps:
        if name in self.m.fields:
            # Present fields were validated and defaults filled in; only a missing one is left.
            self.emit(ind, f"if {self.v(name)} is _NOTHING:")
            if self.fetching:
                self.emit(ind + 4, "return None  # a missing field (read for a column: the engine decides)")
            else:
                self.code(ind + 4, "return ", call("_fast_missing", Atom("_M"), Str(name)))
            return st.plus("u:" + name)
        if name in self.m.values:
            self.note(ind, f"værdi {name}")
            return (yield self.assign(self.v(name), self.m.values[name].expr, st, ind))
        t = self.m.producer(name)
        if t is None:
            raise UnsupportedError(f"unknown name {name}")
        st = yield self.table(t.name, st, ind)
        return (yield self.result(t, t.output_index(name), st, ind))

    def _unit(self, name: str, st: State, ind: int) -> State:
        kind, values = self.cx.kinds[name]
        v, u = self.v(name), self.u(name)
        if self.checkable(name):
            self.emit(ind, f"if {v} is None or type({v}) is list:")
            self.emit(ind + 4, "return None")
        if kind == "enum":
            t = self.m.symbol_type(name)
            self.emit(ind, f"{u} = {self.index(values, t.name if t is not None and t.name else name)}[{v}]")
        elif kind == "bool":
            self.emit(ind, f"{u} = {v}")
        else:
            self.code(ind, f"{u} = ", call("_unit", Str(name), Str(kind), Atom(v), Atom("None")))
        return st

    # -- expressions --------------------------------------------------------------------------------
    def assign(self, var: str, e: ir.Expr, st: State, ind: int) -> Steps:
        local: dict[str, str] = {}
        checked: set[str] = set()
        for leaf, top in exprs.leaves(e):
            if isinstance(leaf, ir.Ref):
                st = yield self.value(leaf.name, st, ind)
                local[leaf.name] = self.v(leaf.name)
                if not top and leaf.name not in checked and self.checkable(leaf.name):
                    checked.add(leaf.name)
                    v = self.v(leaf.name)
                    self.emit(ind, f"if {v} is None or type({v}) is list:")
                    self.emit(ind + 4, "return None  # no value for arithmetic")
            else:
                st = yield self.table(leaf.table, st, ind)
                t = self.m.tables[leaf.table]
                local["@" + leaf.table] = (f"{self.r(leaf.table)}.citation" if t.policy != "collect"
                                           else f"_cites({self.r(leaf.table)})")
        self.code(ind, f"{var} = ", exprs.code(e, True, local))
        return st

    # -- tables ---------------------------------------------------------------------------------------
    def _select(self, t: ir.Table, st: State, ind: int) -> Steps:
        collect = t.policy == "collect"
        policy = _POLICY_NAMES[t.policy]
        self.note(ind, f"Tabel {t.name} (politik {policy}{' ' + t.aggregator if t.aggregator else ''})")
        many = len(t.versions) > 1
        plan = self.cx.versions[(t.name, 0)].plan
        if not t.versioned and plan.mode == "const" and t.policy != "collect" and len(plan.const) == 1:
            hits = plan.const  # no column is read: the rule is known
            k, var = self.k(t.name), self.r(t.name)
            self.emit(ind, f"{k} = {hits[0]}")
            self.emit(ind, f"{var} = {self.cx.rules[t.name]}[{k}]")
            self.emit(ind, f"fired.append({var}.ref)")
            return st
        if t.versioned:
            cutoff = self.m.cutoff
            if cutoff is None:
                raise UnsupportedError("versions without a cutoff")
            st = yield self.unit(cutoff, st, ind)
            day = self.v(cutoff)  # the cutoff is a date field: compared as a date, bounds as date(…)
            # Columns every version reads first are read before choosing (the engine reads them
            # right after choosing, and without a version in force the fast path gives up anyway).
            common = self._common_columns(t)
            self.fetching += 1
            for name in common:
                st = yield self.unit(name, st, ind)
            self.fetching -= 1
            branches: list[State] = []
            closed = False
            for n, v in enumerate(t.versions):
                lo = self._day(v.valid_from) if v.valid_from else None
                hi = self._day(v.valid_to) if v.valid_to else None
                test = " <= ".join([*([lo] if lo is not None else []), day, *([hi] if hi is not None else [])])
                if lo is None and hi is None:
                    self.emit(ind, "else:" if n else "if True:")
                    closed = True
                else:
                    self.emit(ind, ("elif " if n else "if ") + test + ":")
                self.note(ind + 4, f"version {v.label or n + 1}: {v.valid_from or '…'} – {v.valid_to or '…'}")
                branches.append((yield self._match(t, n, st, ind + 4, many)))
                if closed:
                    break
            if not closed and self.fetching:
                self.emit(ind, "else:")
                self.emit(ind + 4, "return None  # no version in force (read for a column: the engine decides)")
            elif not closed:
                self.emit(ind, "else:")
                self.note(ind + 4, "No version in force: the rules' own answer, worded as the engine words it.")
                self.code(ind + 4, "return ", call("_fast_no_version", Atom(self.cx.tables[t.name]),
                                                   Atom(self.v(cutoff))))
            st = _merge(st, branches)
        else:
            st = yield self._match(t, 0, st, ind, False)
        rules, var = self.cx.rules[t.name], self.r(t.name)
        offset = " + base" if many else ""
        if collect:
            self.emit(ind, f"{var} = tuple({rules}[h{offset}] for h in hits)")
            self.emit(ind, f"fired.extend([r.ref for r in {var}])")
            return st
        if t.policy == "first":
            self.emit(ind, "if not hits:")
        else:
            self.emit(ind, "if len(hits) != 1:  # none, or several (the engine resolves or words the error)")
        self.emit(ind + 4, "return None")
        k = self.k(t.name)
        self.emit(ind, f"{k} = hits[0]{offset}")
        self.emit(ind, f"{var} = {rules}[{k}]")
        self.emit(ind, f"fired.append({var}.ref)")
        return st

    def _common_columns(self, t: ir.Table) -> list[str]:
        lists = [[t.inputs[j].name for j in self.cx.versions[(t.name, n)].plan.columns]
                 for n in range(len(t.versions))]
        common: list[str] = []
        for names in zip(*lists, strict=False):
            if len(set(names)) != 1:
                break
            common.append(names[0])
        return common

    def _match(self, t: ir.Table, n: int, st: State, ind: int, many: bool) -> Steps:
        code = self.cx.versions[(t.name, n)]
        names = [t.inputs[j].name for j in code.plan.columns]
        self.fetching += 1
        for name in names:
            st = yield self.unit(name, st, ind)
        self.fetching -= 1
        units = Group("(", tuple(Atom(self.u(x)) for x in names), ")", one_tuple=True)
        if code.plan.mode == "const":
            self.emit(ind, f"hits = {code.plan.const!r}")
        elif code.plan.mode == "dict":
            self.code(ind, "hits = ", call(f"{code.keys}.get", units, Atom("()")))
        elif code.plan.mode == "bisect":
            key = [names[p] for p in code.plan.key]
            x = names[code.plan.ordered]
            self.code(ind, "seg = ", call(f"{code.keys}.get",
                                          Group("(", tuple(Atom(self.u(n)) for n in key), ")", one_tuple=True)))
            if x not in self.m.fields:  # validated fields have whole units; a computed value may not
                self.emit(ind, f"if type({self.u(x)}) is not int:")
                self.emit(ind + 4, "return None  # a fraction of a unit: the engine compares exactly")
            self.emit(ind, f"hits = seg[1][bisect.bisect_right(seg[0], {self.u(x)})] if seg is not None else ()")
        else:
            self.code(ind, "hits = ", call(code.select, units))
            self.emit(ind, "if hits is None:")
            self.emit(ind + 4, "return None")
        if many:
            self.emit(ind, f"base = {sum(len(x.rules) for x in t.versions[:n])}")
        return st

    def result(self, t: ir.Table, col: int, st: State, ind: int) -> Steps:
        """The selected rule's cell in column `col`, computed like the engine's `cell`."""
        name, var, r = t.outputs[col].name, self.v(t.outputs[col].name), self.r(t.name)
        cells = [rule.outputs[col] for v in t.versions for rule in v.rules]
        refuse = any(isinstance(c, ir.Refuse) for c in cells)
        computed = [exprs.is_computed(c) for c in cells]
        if t.policy == "collect":
            if any(computed):
                raise UnsupportedError("computed cells in a samling table")
            self.emit(ind, f"{var} = [r.outputs[{col}] for r in {r}]")
            if refuse:
                self.emit(ind, f"if any(type(x) is _Refuse for x in {var}):")
                self.emit(ind + 4, "return None")
            kind = self.cx.kinds[name][0]
            self.code(ind, f"{var} = ", call("_aggregate", lit(t.aggregator), Str(kind),
                                             Atom(f"[x for x in {var} if x is not None]"), Atom(f"len({r})"),
                                             Str(t.name), Str(name)))
            return st
        groups: dict[ir.Expr, list[int]] = {}
        plain: list[int] = []
        for k, c in enumerate(cells):
            (groups.setdefault(c, []) if computed[k] else plain).append(k)
        if not groups:
            return self._plain(t, var, r, col, refuse, st, ind)
        k = self.k(t.name)
        branches: list[tuple[frozenset[int], State]] = []
        refs = [f"{t.name}@{v.label}/{x.id}" if v.label else f"{t.name}/{x.id}" for v in t.versions for x in v.rules]
        items = list(groups.items())
        if len(items) == 1 and not plain:  # one computation for every rule
            e = items[0][0]
            self.note(ind, f"{name} = {exprs.source(e)}")
            return (yield self.assign(var, e, st, ind))
        for i, (e, ks) in enumerate(items):
            test = f"{k} == {ks[0]}" if len(ks) == 1 else f"{k} in ({', '.join(map(str, ks))})"
            last = i == len(items) - 1 and not plain
            self.emit(ind, "else:" if last else ("if " if i == 0 else "elif ") + test + ":")
            self.note(ind + 4, f"{', '.join(refs[x] for x in ks)}: {name} = {exprs.source(e)}")
            inner = yield self.assign(var, e, self._inside(t.name, frozenset(ks), st), ind + 4)
            branches.append((frozenset(ks), inner))
        if plain:
            self.emit(ind, "else:")
            inner = self._plain(t, var, r, col, refuse, st, ind + 4)
            branches.append((frozenset(plain), inner))
        merged = _merge(st, [b for _, b in branches])
        record = (t.name, tuple((ks, b.known - st.known) for ks, b in branches))
        return replace(merged, records=merged.records + (record,))

    def _plain(self, t: ir.Table, var: str, r: str, col: int, refuse: bool, st: State, ind: int) -> State:
        self.emit(ind, f"{var} = {r}.outputs[{col}]")
        if refuse:
            self.emit(ind, f"if type({var}) is _Refuse:")
            columns = {tuple(self.cx.versions[(t.name, n)].plan.columns) for n in range(len(t.versions))}
            # The message lists the values of _fact_names of the columns: a derived `indkomst −
            # bundfradrag` as its two names, computed where the difference was computed from them.
            names = _fact_names([t.inputs[j].name for j in next(iter(columns))])
            if len(columns) != 1 or self.fetching or any("v:" + x not in st.known | st.maybe for x in names):
                self.emit(ind + 4, "return None  # afvis: the engine decides (and words) it")
                return st
            values = Group("(", tuple(Atom(self.v(x)) for x in names), ")", one_tuple=True)
            self.note(ind + 4, "afvis: the rules' own answer, worded as the engine words it")
            self.code(ind + 4, "return ", call("_fast_refused", Atom("_M"), Str(t.name), Atom(self.k(t.name)),
                                               Atom(f"{var}.message"), values))
        return st

    def _inside(self, table: str, ks: frozenset[int], st: State) -> State:
        """The state inside a branch taken for rules `ks` of `table`: whatever an earlier
        dispatch on the same table computed in every branch those rules could have taken."""
        extra: set[str] = set()
        for tname, groups in st.records:
            if tname != table:
                continue
            hit = [known for group, known in groups if group & ks]
            if hit:
                extra |= frozenset.intersection(*hit)
        return st.plus(*extra) if extra else st

    # -- the case --------------------------------------------------------------------------------------
    def validate(self, ind: int) -> State:
        st = State()
        for name, f in self.m.fields.items():
            v, u = self.v(name), self.u(name)
            self.code(ind, f"{v} = ", call("case.get", Str(name), Atom("_NOTHING")))
            self.emit(ind, f"if {v} is not _NOTHING:")
            self.emit(ind + 4, "n += 1")
            self._check(name, f.type, v, u, ind + 4)
            if f.has_default:
                self.emit(ind, "else:")
                self.code(ind + 4, f"{v} = ", lit(f.default))
                if u != v:
                    kind, values = self.cx.kinds[name]
                    index = {x: i for i, x in enumerate(values)} if kind == "enum" else None
                    self.code(ind + 4, f"{u} = ", lit(_unit(name, kind, f.default, index)))
                st = st.plus("v:" + name, "u:" + name)
        self.emit(ind, "if n != len(case):")
        self.emit(ind + 4, "return _fast_invalid(_M, case)  # a field the module does not know")
        return st

    def _check(self, name: str, t, v: str, u: str, ind: int) -> None:
        kind = t.kind
        if kind is Kind.ENUM:
            self.emit(ind, f"if type({v}) is not str:")
            self.emit(ind + 4, "return _fast_invalid(_M, case)")
            self.emit(ind, f"{u} = {self.index(t.values, t.name or name)}.get({v})")
            self.emit(ind, f"if {u} is None:")
        elif kind is Kind.BOOL:
            self.emit(ind, f"if {v} is not True and {v} is not False:")
        elif kind in (Kind.INT, Kind.PERCENT):
            lo, hi = _bounds(t.low, t.high, 1)
            self.emit(ind, f"if type({v}) is not int or not {lo} <= {v} <= {hi}:")
        elif kind is Kind.AMOUNT:
            lo, hi = _bounds(t.low, t.high, 100)
            self.emit(ind, f"amount = _fast_amount({v})")
            self.emit(ind, f"if amount is None or not {lo} <= amount[1] <= {hi}:")
            self.emit(ind + 4, "return _fast_invalid(_M, case)  # invalid: worded by the engine's validation")
            self.emit(ind, f"{v}, {u} = amount")
            return
        elif kind is Kind.DATE:
            self.emit(ind, f"day = _DAYS.get({v}) if type({v}) is str else None")
            self.emit(ind, "if day is None:")
            self.emit(ind + 4, f"day = _fast_day({v})")
            self.emit(ind + 4, "if day is None:")
            self.emit(ind + 8, "return _fast_invalid(_M, case)")
            self.emit(ind, f"{v}, {u} = day")
            return
        elif kind is Kind.TEXT:
            self.emit(ind, f"if type({v}) is not str:")
        else:
            raise UnsupportedError(f"field kind {kind}")
        self.emit(ind + 4, "return _fast_invalid(_M, case)  # invalid: worded by the engine's validation")

    # -- the function ------------------------------------------------------------------------------------
    def function(self) -> tuple[str, str, tuple[str, ...]]:
        """(function name, docstring, body lines) of the decision's fast path."""
        st = self.validate(0)
        head = self.lines
        self.lines = []
        self.emit(0, "fired: list[str] = []")
        out: list[tuple[str, str]] = []
        for item, e in self.d.items:
            self.note(0, f"{item}")
            if isinstance(e, ir.Ref):
                st = _drive(self.value(e.name, st, 0))
                out.append((item, self.v(e.name)))
            else:
                var = self.local.name(("item", item), "i_" + identifier(item))
                st = _drive(self.assign(var, e, st, 0))
                out.append((item, var))
        result = Group("{", (*(Pair(Str(item), Atom(var)) for item, var in out), Pair(Str("regler"), Atom("fired"))),
                       "}")
        body = ["if type(case) is not dict:", "    return None", "n = 0  # fields of the case that were checked",
                *head]
        if self.guarded:
            body.append(" = ".join(sorted(self.guarded)) + " = _NOTHING")
        body += self.lines
        self.lines = []
        self.code(0, "return ", result)
        body += self.lines
        doc = (f"The fast path of decision {self.d.name!r}: the usual case, with the engine's order and "
               f"results; the RegelFejl the engine raises when the rules themselves give no answer (a "
               f"refusal, no version in force); or None when the engine must decide (anything unusual).")
        return self.name, doc, tuple(body)


def _bounds(low: int | None, high: int | None, scale: int) -> tuple[int, int]:
    """Accepted units: the type's bounds within the runtime's limit (|value| < _LIMIT // 100)."""
    limit = (_LIMIT // 100) * scale - 1 if scale == 1 else _LIMIT - 1
    lo = -limit if low is None else max(low, -limit)
    hi = limit if high is None else min(high, limit)
    return lo, hi


def _short(name: str) -> str:
    """A local identifier stem: readable, and short enough to keep lines within the limit."""
    return identifier(name)[:20].rstrip("_") or "x"
