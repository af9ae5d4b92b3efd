"""Reference interpreter: decides a case directly over the typed model.

It is the executable definition the generated code is tested against, so it is
written for clarity, not speed: every table is a linear scan over `ir.Rule`s
using `Cond.contains`, and expressions are walked recursively. It shares with
generated code only the runtime primitives (case validation, exact arithmetic,
legal rounding, Danish display and error wording; see runtime/core.py).

Semantics (the generated engine implements the same; see runtime/engine.py):
names are computed lazily and remembered (failures too); a table picks its
version by the module's cutoff date, reads every column some rule of that
version constrains (in column order), and a column that cannot be read is an
error only when a rule's conditions, checked left to right in row order, need
it; result cells are computed per column when needed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .checks.evaluate import result_key
from .codegen.spec import input_spec, symbol_kinds
from .model import ir
from .runtime import ops
from .runtime.core import (
    RegelFejl,
    _aggregate,
    _check_case,
    _fact_names,
    _missing,
    _neg,
    _no_match,
    _no_value,
    _no_version,
    _overlap,
    _refused,
    _show,
    _unit,
    _unknown_decision,
)

__all__ = ["RegelFejl", "evaluate"]

_NOTHING = object()


@dataclass(frozen=True)
class _Failure:
    error: RegelFejl


def evaluate(module: ir.Module, decision: str | None, case: Mapping[str, object]) -> dict[str, object]:
    """Decide `case` for `decision` (None: the module's first decision).

    Returns {item: value, …, "regler": [rule references in evaluation order]}, the
    same shape as a generated module's evaluate(); raises RegelFejl otherwise."""
    if decision is None:
        if not module.decisions:
            raise _unknown_decision("", ())
        decision = next(iter(module.decisions))
    d = module.decisions.get(decision) if isinstance(decision, str) else None
    if d is None:
        raise _unknown_decision(decision, tuple(module.decisions))
    inputs, kinds = _specs(module)
    values, units = _check_case(case, inputs)
    run = _Run(module, inputs, values, units, kinds)
    out: dict[str, object] = {}
    for name, e in d.items:
        out[name] = run.eval(e, top=True)
    out["regler"] = run.fired
    return out


# The field and symbol descriptions of the last few modules decided: a caller deciding
# thousands of cases (regel diff's examples) pays for them once. Keyed by identity, with
# the module kept alive so an id is never reused while it is cached.
_SPECS: dict[int, tuple[ir.Module, dict, dict]] = {}


def _specs(module: ir.Module) -> tuple[dict[str, dict[str, object]], dict[str, tuple[str, tuple[str, ...]]]]:
    hit = _SPECS.get(id(module))
    if hit is None or hit[0] is not module:
        if len(_SPECS) >= 16:
            _SPECS.clear()
        hit = _SPECS[id(module)] = (module, input_spec(module), symbol_kinds(module))
    return hit[1], hit[2]


class _Run:
    def __init__(self, m: ir.Module, inputs: dict[str, dict[str, object]], values: dict[str, object],
                 units: dict[str, object], kinds: dict[str, tuple[str, tuple[str, ...]]]) -> None:
        self.m = m
        self.inputs = inputs
        self.kinds = kinds
        self.memo: dict[str, object] = dict(values)
        self.units: dict[str, object] = dict(units)
        self.selected: dict[str, object] = {}
        self.fired: list[str] = []

    # -- names ----------------------------------------------------------------------------
    def get(self, name: str) -> object:
        if name not in self.memo:
            try:
                self.memo[name] = self._produce(name)
            except RegelFejl as e:
                self.memo[name] = _Failure(e)
        v = self.memo[name]
        if isinstance(v, _Failure):
            raise v.error
        return v

    def _produce(self, name: str) -> object:
        table = self.m.producer(name)
        if table is not None:
            return self.output(table, table.output_index(name))
        if name in self.m.values:
            return self.eval(self.m.values[name].expr, top=True)
        spec = self.inputs[name]
        if spec["has_default"]:
            return spec["default"]
        raise _missing(name, spec)

    def unit(self, name: str) -> object:
        if name not in self.units:
            kind, values = self.kinds[name]
            index = {v: i for i, v in enumerate(values)} if kind == "enum" else None
            try:
                self.units[name] = _unit(name, kind, self.get(name), index)
            except RegelFejl as e:
                self.units[name] = _Failure(e)
        u = self.units[name]
        if isinstance(u, _Failure):
            raise u.error
        return u

    # -- tables -------------------------------------------------------------------------------
    def select(self, t: ir.Table) -> tuple[ir.Version, list[int]]:
        if t.name not in self.selected:
            try:
                self.selected[t.name] = self._select(t)
            except RegelFejl as e:
                self.selected[t.name] = _Failure(e)
        s = self.selected[t.name]
        if isinstance(s, _Failure):
            raise s.error
        return s  # type: ignore[return-value]

    def _version(self, t: ir.Table) -> ir.Version:
        if not t.versioned:
            return t.versions[0]
        day = self.get(self.m.cutoff)  # type: ignore[arg-type]
        for v in t.versions:
            if v.in_force(day):  # type: ignore[arg-type]
                return v
        raise _no_version(t.name, day, [(v.valid_from, v.valid_to) for v in t.versions])  # type: ignore[arg-type]

    def _select(self, t: ir.Table) -> tuple[ir.Version, list[int]]:
        version = self._version(t)
        read = [j for j in range(len(t.inputs)) if any(r.conditions[j] is not None for r in version.rules)]
        units: dict[int, object] = {}
        for j in read:
            try:
                units[j] = self.unit(t.inputs[j].name)
            except RegelFejl as e:
                units[j] = _Failure(e)
        hits: list[int] = []
        for i, rule in enumerate(version.rules):
            if self._matches(rule, read, units):
                hits.append(i)
                if t.policy == "first":
                    break
        hits = self._resolve(t, version, hits, read, units)
        for i in hits:
            rid = version.rules[i].id
            self.fired.append(f"{t.name}@{version.label}/{rid}" if version.label else f"{t.name}/{rid}")
        return version, hits

    @staticmethod
    def _matches(rule: ir.Rule, read: list[int], units: dict[int, object]) -> bool:
        for j in read:
            cond = rule.conditions[j]
            if cond is None:
                continue
            u = units[j]
            if isinstance(u, _Failure):
                raise u.error  # this rule needs the column that could not be read
            if not cond.contains(u):  # type: ignore[arg-type]
                return False
        return True

    def _resolve(self, t: ir.Table, version: ir.Version, hits: list[int], read: list[int],
                 units: dict[int, object]) -> list[int]:
        if t.policy == "collect":
            return hits
        if not hits:
            raise _no_match(t.name, version.label, self._shown(t, read, units))
        if len(hits) == 1 or t.policy == "first":
            return hits[:1]
        if t.policy == "unique":
            first = result_key(version.rules[hits[0]].outputs)
            if any(result_key(version.rules[i].outputs) != first for i in hits):
                raise _overlap(t.name, version.label, [version.rules[i].id for i in hits],
                               self._shown(t, read, units))
            return hits[:1]
        order = t.outputs[0].type.values
        ranks = []
        for i in hits:
            v = self.cell(t, version, i, 0)
            ranks.append(order.index(v) if v in order else len(order))
        best = min(range(len(hits)), key=lambda k: (ranks[k], k))
        return [hits[best]]

    def _shown(self, t: ir.Table, read: list[int], units: dict[int, object]) -> list[tuple[str, str]]:
        """The facts a message lists: the readable columns' names by _fact_names, with their values."""
        readable = [t.inputs[j].name for j in read if not isinstance(units[j], _Failure)]
        return [(name, _show(self.kinds[name][0], self.memo[name])) for name in _fact_names(readable)]

    def cell(self, t: ir.Table, version: ir.Version, i: int, col: int) -> object:
        e = version.rules[i].outputs[col]
        if isinstance(e, ir.Refuse):
            read = [j for j in range(len(t.inputs)) if any(r.conditions[j] is not None for r in version.rules)]
            units = {j: self.units.get(t.inputs[j].name, _Failure(RegelFejl(""))) for j in read}
            raise _refused(e.message, t.name, version.label, version.rules[i].id, self._shown(t, read, units))
        if isinstance(e, ir.NoValue):
            return None
        return self.eval(e, top=True)

    def output(self, t: ir.Table, col: int) -> object:
        version, hits = self.select(t)
        if t.policy != "collect":
            return self.cell(t, version, hits[0], col)
        values = [v for i in hits if (v := self.cell(t, version, i, col)) is not None]
        return _aggregate(t.aggregator, self.kinds[t.outputs[col].name][0], values, len(hits), t.name,
                          t.outputs[col].name)

    def citation(self, name: str) -> str | None:
        version, hits = self.select(self.m.tables[name])
        cites: list[str] = []
        for i in hits:
            c = version.rules[i].citation
            if c is not None and c not in cites:
                cites.append(c)
        return "; ".join(cites) if cites else None

    # -- expressions ----------------------------------------------------------------------------
    def eval(self, e: ir.Expr, top: bool = False) -> object:
        if isinstance(e, ir.Const):
            return e.value
        if isinstance(e, ir.Ref):
            v = self.get(e.name)
            if not top and (v is None or isinstance(v, list)):
                raise _no_value(e.name, v is not None)
            return v
        if isinstance(e, ir.CitationOf):
            return self.citation(e.table)
        if isinstance(e, ir.Neg):
            return _neg(self.eval(e.operand))
        if isinstance(e, ir.Round):
            return ops.round_value(self.eval(e.operand), e.mode, e.type.kind.value)
        if isinstance(e, ir.Call):
            return ops.call(e.func, [self.eval(a) for a in e.args])
        if isinstance(e, ir.Op):
            return self._op(e)
        raise TypeError(f"cannot evaluate {type(e).__name__}")

    def _op(self, e: ir.Op) -> object:
        return ops.apply(e.op, e.left.type.kind.value, e.right.type.kind.value, self.eval(e.left), self.eval(e.right))
