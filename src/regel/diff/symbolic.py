"""One side of a diff, evaluated over a whole box of cases at once.

The evaluator follows the reference interpreter (interp.py) step by step — lazy
names, version by cut-off date, columns read left to right, policies, refusals —
but a value is a *term*: a constant where the box fixes it, the field itself where
it does not, or an arithmetic term over those. When a table condition is true on
part of the box and false on the rest, evaluation stops with `Split` (the axis
and the last unit of the first half) and the caller evaluates both halves. A
condition on a field shifted by a constant (`indkomst − bundfradrag`, with the
bundfradrag of the version in force) is a condition on the field. Anything else a
box cannot decide raises `Unsure` and the caller falls back to single points.

Terms are tuples, equal exactly when the two sides compute the same thing:
`("k", value)`, `("f", field)`, `("op", op, kinds…, a, b)`, …; refusals are
`Failure(term)` with the message itself once it is constant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..checks.evaluate import result_key
from ..codegen.spec import input_spec, symbol_kinds
from ..model import ir
from ..model.types import Kind
from ..runtime import ops
from ..runtime.core import (
    RegelFejl,
    _aggregate,
    _check_value,
    _fact_names,
    _neg,
    _no_match,
    _no_value,
    _no_version,
    _overlap,
    _refused,
    _show,
    _unit,
)
from .space import Axis, Box

Term = tuple


class Split(Exception):  # noqa: N818 - control flow, not an error
    def __init__(self, axis: int, cut: int) -> None:
        super().__init__(axis, cut)
        self.axis = axis
        self.cut = cut  # the first half ends here


class Unsure(Exception):  # noqa: N818 - control flow, not an error
    """The box cannot decide something symbolically; the caller decides point by point."""


class Failure(Exception):  # noqa: N818 - a refusal as a term
    def __init__(self, term: Term) -> None:
        super().__init__(term)
        self.term = term


def const(v: object) -> Term:
    return ("k", tuple(v) if isinstance(v, list) else v)


def is_const(t: Term) -> bool:
    return t[0] == "k"


def _value(t: Term) -> object:
    v = t[1]
    return list(v) if isinstance(v, tuple) else v


def _fail_const(err: RegelFejl) -> Failure:
    return Failure(("fejl", str(err), err.felt, err.tabel, err.regel))


class Side:
    """What one side is: its module, the pinned fields (`--dato`), and the axes."""

    def __init__(self, module: ir.Module, axes: Sequence[Axis], index: int,
                 pinned: Mapping[str, object] | None = None) -> None:
        self.module = module
        self.axes = axes
        self.index = index
        self.pinned = dict(pinned or {})
        self.kinds = symbol_kinds(module)
        self.inputs = input_spec(module)
        self.axis_of = {a.name: i for i, a in enumerate(axes)}
        # (table, version index) -> the rules that can match in the box being explored
        # (candidates.active_rules); None: every rule.
        self.active: dict[tuple[str, int], tuple[int, ...]] | None = None


class Outcome:
    """A side's answer on a box: item terms or a failure term, and the rules that fired."""

    __slots__ = ("failure", "fired", "items", "names")

    def __init__(self, items: tuple[Term, ...] | None, failure: Term | None, fired: tuple[str, ...],
                 names: tuple[str, ...] = ()) -> None:
        self.items = items
        self.names = names
        self.failure = failure
        self.fired = fired

    def key(self) -> Term:
        """Equal keys: the same answer on every case of the box (items by name, as a case sees them)."""
        return ("fejl", self.failure) if self.failure is not None else ("ok", self.names, self.items)

    def constant(self) -> bool:
        if self.failure is not None:
            return self.failure[0] == "fejl"
        return all(is_const(t) for t in self.items or ())


def evaluate(side: Side, decision: str, box: Box) -> Outcome:
    """The side's outcome on the box; raises Split or Unsure."""
    run = _Run(side, box)
    d = side.module.decisions[decision]
    try:
        run.check_case()
        items = tuple(run.eval(e, top=True) for _name, e in d.items)
    except Failure as f:
        return Outcome(None, f.term, tuple(run.fired))
    return Outcome(items, None, tuple(run.fired), tuple(name for name, _e in d.items))


class _Run:
    def __init__(self, side: Side, box: Box) -> None:
        self.side = side
        self.m = side.module
        self.box = box
        self.memo: dict[str, object] = {}
        self.selected: dict[str, object] = {}
        self.fired: list[str] = []

    # -- the case -----------------------------------------------------------------------------
    def check_case(self) -> None:
        """Values a side does not accept fail as the interpreter's case check does (the
        first invalid field in axis order, as the example case lists them)."""
        for i, ax in enumerate(self.side.axes):
            if ax.sides[self.side.index] is None:
                continue
            lo, hi = self.box[i]
            ok_lo = ax.valid(self.side.index, lo)
            if ax.kind is Kind.ENUM:
                for u in range(lo + 1, hi + 1):
                    if ax.valid(self.side.index, u) != ok_lo:
                        raise Split(i, u - 1)
            else:
                t = ax.sides[self.side.index]
                assert t is not None
                tlo, thi = t.domain
                for cut in (tlo - 1, thi):
                    if lo <= cut < hi:
                        raise Split(i, cut)
            if not ok_lo:
                if lo != hi:
                    raise Unsure
                try:
                    _check_value(ax.name, self.side.inputs[ax.name], ax.value(lo))
                except RegelFejl as e:
                    raise _fail_const(e) from None

    # -- names --------------------------------------------------------------------------------
    def get(self, name: str) -> Term:
        if name not in self.memo:
            try:
                self.memo[name] = self._produce(name)
            except Failure as f:
                self.memo[name] = f
        v = self.memo[name]
        if isinstance(v, Failure):
            raise v
        return v  # type: ignore[return-value]

    def _produce(self, name: str) -> Term:
        if name in self.side.pinned:
            return const(self.side.pinned[name])
        i = self.side.axis_of.get(name)
        if i is not None:
            lo, hi = self.box[i]
            ax = self.side.axes[i]
            return const(ax.value(lo)) if lo == hi and ax.kind is not Kind.TEXT else ("f", name)
        table = self.m.producer(name)
        if table is not None:
            return self.output(table, table.output_index(name))
        if name in self.m.values:
            return self.eval(self.m.values[name].expr, top=True)
        spec = self.side.inputs[name]
        if spec["has_default"]:
            return const(spec["default"])
        raise Unsure  # an input that is not an axis: the decision cannot read it

    # -- conditions ---------------------------------------------------------------------------
    def status(self, name: str, cond: ir.Cond) -> bool:
        """Whether `cond` holds on the whole box (True), nowhere (False); else Split/Unsure."""
        term = self.get(name)
        kind, values = self.side.kinds[name]
        if is_const(term):
            index = {v: k for k, v in enumerate(values)} if kind == "enum" else None
            try:
                return cond.contains(_unit(name, kind, _value(term), index))  # type: ignore[arg-type]
            except RegelFejl as e:
                raise _fail_const(e) from None
        field, shift = self._affine(term, name, kind)
        i = self.side.axis_of[field]
        ax = self.side.axes[i]
        lo, hi = self.box[i]
        if ax.kind in (Kind.ENUM, Kind.BOOL):
            first = cond.contains(ax.side_unit(self.side.index, lo))
            for u in range(lo + 1, hi + 1):
                if cond.contains(ax.side_unit(self.side.index, u)) != first:
                    raise Split(i, u - 1)
            return first
        first = cond.contains(lo + shift)
        for a, b in cond.intervals:  # the field's unit u is accepted when a <= u + shift <= b
            for cut in (a - shift - 1, b - shift):
                if lo <= cut < hi:
                    raise Split(i, cut)
        return first

    def _affine(self, term: Term, name: str, kind: str) -> tuple[str, int]:
        """(field, shift) when the column's unit is the field's unit plus a constant:
        the field itself, `field ± constant` or `constant + field`."""
        if term[0] == "f":
            return term[1], 0
        if term[0] == "op" and term[1] in "+-":
            a, b = term[4], term[5]
            if a[0] == "f" and is_const(b):
                return self._shift(term, a[1], name, kind)
            if term[1] == "+" and b[0] == "f" and is_const(a):
                return self._shift(term, b[1], name, kind)
        raise Unsure

    def _shift(self, term: Term, field: str, name: str, kind: str) -> tuple[str, int]:
        i = self.side.axis_of[field]
        ax = self.side.axes[i]
        if ax.kind in (Kind.ENUM, Kind.BOOL):
            raise Unsure
        lo, hi = self.box[i]
        shifts = set()
        for u in (lo, hi):
            v = _substitute(term, field, ax.value(u))
            try:
                cu = _unit(name, kind, _value(v), None)
            except RegelFejl:
                raise Unsure from None
            if not isinstance(cu, int):
                raise Unsure
            shifts.add(cu - u)
        if len(shifts) != 1:
            raise Unsure
        return field, shifts.pop()

    # -- tables -------------------------------------------------------------------------------
    def select(self, t: ir.Table) -> tuple[ir.Version, list[int]]:
        if t.name not in self.selected:
            try:
                self.selected[t.name] = self._select(t)
            except Failure as f:
                self.selected[t.name] = f
        s = self.selected[t.name]
        if isinstance(s, Failure):
            raise s
        return s  # type: ignore[return-value]

    def _version(self, t: ir.Table) -> ir.Version:
        if not t.versioned:
            return t.versions[0]
        cutoff = self.m.cutoff
        assert cutoff is not None
        term = self.get(cutoff)
        if not is_const(term):
            i = self.side.axis_of[cutoff]
            lo, hi = self.box[i]
            for v in t.versions:
                cuts = ([v.valid_from.toordinal() - 1] if v.valid_from else []) + \
                    ([v.valid_to.toordinal()] if v.valid_to else [])
                for cut in cuts:
                    if lo <= cut < hi:
                        raise Split(i, cut)
            term = const(self.side.axes[i].value(lo))
        day = _value(term)
        for v in t.versions:
            if v.in_force(day):  # type: ignore[arg-type]
                return v
        raise _fail_const(_no_version(t.name, day, [(v.valid_from, v.valid_to) for v in t.versions]))  # type: ignore[arg-type]

    def _select(self, t: ir.Table) -> tuple[ir.Version, list[int]]:
        version = self._version(t)
        read = [j for j in range(len(t.inputs)) if any(r.conditions[j] is not None for r in version.rules)]
        failed: dict[int, Failure] = {}
        for j in read:
            try:
                self.get(t.inputs[j].name)
            except Failure as f:
                failed[j] = f
        hits: list[int] = []
        active = self.side.active
        rows = range(len(version.rules)) if active is None else active[(t.name, t.versions.index(version))]
        for i in rows:
            rule = version.rules[i]
            if self._matches(t, rule, read, failed):
                hits.append(i)
                if t.policy == "first":
                    break
        hits = self._resolve(t, version, hits, read, failed)
        for i in hits:
            rid = version.rules[i].id
            ref = f"{t.name}@{version.label}/{rid}" if version.label else f"{t.name}/{rid}"
            self.fired.append((ref, version.rules[i].citation))
        return version, hits

    def _matches(self, t: ir.Table, rule: ir.Rule, read: list[int], failed: dict[int, Failure]) -> bool:
        for j in read:
            cond = rule.conditions[j]
            if cond is None:
                continue
            if j in failed:
                raise failed[j]
            if not self.status(t.inputs[j].name, cond):
                return False
        return True

    def _shown(self, t: ir.Table, read: list[int], failed: Mapping[int, Failure]) -> Term:
        """The facts a message lists, as the interpreter's `_shown` lists them (_fact_names):
        a derived `indkomst − bundfradrag` as the terms of the column and of the name."""
        usable = []
        for j in read:
            name = t.inputs[j].name
            v = self.memo.get(name)
            unusable = not isinstance(v, tuple) or (is_const(v) and (v[1] is None or isinstance(v[1], tuple)))
            if j not in failed and not unusable:
                usable.append(name)
        return tuple((name, self.side.kinds[name][0], self.memo[name]) for name in _fact_names(usable))

    def _fail(self, make, *args, shown: Term) -> Failure:
        """A refusal: its exact message when every shown value is constant, else a term."""
        args = tuple(tuple(a) if isinstance(a, list) else a for a in args)  # terms are hashable
        if all(is_const(v) for _n, _k, v in shown):  # type: ignore[misc]
            facts = [(n, _show(k, _value(v))) for n, k, v in shown]  # type: ignore[misc]
            return _fail_const(make(*args, facts))
        return Failure(("afvist", make.__name__, args, shown))

    def _resolve(self, t: ir.Table, version: ir.Version, hits: list[int], read: list[int],
                 failed: dict[int, Failure]) -> list[int]:
        if t.policy == "collect":
            return hits
        if not hits:
            raise self._fail(_no_match, t.name, version.label, shown=self._shown(t, read, failed))
        if len(hits) == 1 or t.policy == "first":
            return hits[:1]
        if t.policy == "unique":
            first = result_key(version.rules[hits[0]].outputs)
            if any(result_key(version.rules[i].outputs) != first for i in hits):
                raise self._fail(_overlap, t.name, version.label, [version.rules[i].id for i in hits],
                                 shown=self._shown(t, read, failed))
            return hits[:1]
        order = t.outputs[0].type.values
        ranks = []
        for i in hits:
            v = self.cell(t, version, i, 0)
            if not is_const(v):
                raise Unsure
            ranks.append(order.index(v[1]) if v[1] in order else len(order))
        best = min(range(len(hits)), key=lambda k: (ranks[k], k))
        return [hits[best]]

    def cell(self, t: ir.Table, version: ir.Version, i: int, col: int) -> Term:
        e = version.rules[i].outputs[col]
        if isinstance(e, ir.Refuse):
            read = [j for j in range(len(t.inputs)) if any(r.conditions[j] is not None for r in version.rules)]
            failed: dict[int, Failure] = {}
            raise self._fail(_refused, e.message, t.name, version.label, version.rules[i].id,
                             shown=self._shown(t, read, failed))
        if isinstance(e, ir.NoValue):
            return const(None)
        return self.eval(e, top=True)

    def output(self, t: ir.Table, col: int) -> Term:
        version, hits = self.select(t)
        if t.policy != "collect":
            return self.cell(t, version, hits[0], col)
        terms = [self.cell(t, version, i, col) for i in hits]
        kind = self.side.kinds[t.outputs[col].name][0]
        if all(is_const(v) for v in terms):
            values = [_value(v) for v in terms if _value(v) is not None]
            try:
                return const(_aggregate(t.aggregator, kind, values, len(hits), t.name, t.outputs[col].name))
            except RegelFejl as e:
                raise _fail_const(e) from None
        return ("samlet", t.aggregator, kind, tuple(terms), len(hits), t.name, t.outputs[col].name)

    def citation(self, name: str) -> Term:
        version, hits = self.select(self.m.tables[name])
        cites: list[str] = []
        for i in hits:
            c = version.rules[i].citation
            if c is not None and c not in cites:
                cites.append(c)
        return const("; ".join(cites) if cites else None)

    # -- expressions --------------------------------------------------------------------------
    def eval(self, e: ir.Expr, top: bool = False) -> Term:
        if isinstance(e, ir.Const):
            return const(e.value)
        if isinstance(e, ir.Ref):
            v = self.get(e.name)
            if not top and is_const(v) and (v[1] is None or isinstance(v[1], tuple)):
                raise _fail_const(_no_value(e.name, v[1] is not None))
            if not top and v[0] == "samlet" and v[1] is None:
                raise _fail_const(_no_value(e.name, True))
            return v
        if isinstance(e, ir.CitationOf):
            return self.citation(e.table)
        if isinstance(e, ir.Neg):
            return _lift("neg", (), self.eval(e.operand))
        if isinstance(e, ir.Round):
            return _lift("round", (e.mode, e.type.kind.value), self.eval(e.operand))
        if isinstance(e, ir.Call):
            return _lift("call", (e.func,), *(self.eval(a) for a in e.args))
        if isinstance(e, ir.Op):
            return _lift("op", (e.op, e.left.type.kind.value, e.right.type.kind.value),
                         self.eval(e.left), self.eval(e.right))
        raise TypeError(f"cannot evaluate {type(e).__name__}")


def _compute(tag: str, params: tuple, args: Sequence[object]) -> object:
    if tag == "neg":
        return _neg(args[0])
    if tag == "round":
        return ops.round_value(args[0], *params)
    if tag == "call":
        return ops.call(params[0], list(args))
    return ops.apply(params[0], params[1], params[2], args[0], args[1])


def _lift(tag: str, params: tuple, *args: Term) -> Term:
    """A term for `tag(args)`: its value when every argument is constant."""
    if all(is_const(a) for a in args):
        try:
            return const(_compute(tag, params, [_value(a) for a in args]))
        except RegelFejl as e:
            raise _fail_const(e) from None
    return (tag, *params, *args) if tag == "op" else (tag, params, *args)


def _substitute(term: Term, field: str, value: object) -> Term:
    """The term with the field replaced by a value, folded to a constant where it can be."""
    tag = term[0]
    if tag == "k":
        return term
    if tag == "f":
        return const(value) if term[1] == field else term
    if tag == "op":
        a, b = _substitute(term[4], field, value), _substitute(term[5], field, value)
        return _lift("op", term[1:4], a, b)
    raise Unsure


_MAKERS = {f.__name__: f for f in (_no_match, _overlap, _refused)}


def fold(term: Term, case: Mapping[str, object]) -> object:
    """A term's value at one case (its fields by name), computed by the runtime as the
    interpreter would; RegelFejl when the computation refuses there."""
    tag = term[0]
    if tag == "k":
        return _value(term)
    if tag == "f":
        return case[term[1]]
    if tag == "op":
        return _compute("op", term[1:4], [fold(term[4], case), fold(term[5], case)])
    if tag in ("neg", "round", "call"):
        return _compute(tag, term[1], [fold(a, case) for a in term[2:]])
    if tag == "samlet":
        _tag, agg, kind, terms, n, table, column = term
        values = [v for v in (fold(t, case) for t in terms) if v is not None]
        return _aggregate(agg, kind, values, n, table, column)
    raise Unsure


def fold_failure(term: Term, case: Mapping[str, object]) -> str:
    """The refusal message a failure term gives at one case."""
    if term[0] == "fejl":
        return term[1]
    _tag, name, args, shown = term
    facts = [(n, _show(k, fold(v, case))) for n, k, v in shown]
    return str(_MAKERS[name](*args, facts))
