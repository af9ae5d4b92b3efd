"""The evaluation engine of generated modules (embedded after the EMBED marker).

Semantics, shared with the reference interpreter (regel.interp):
- A name is computed when first needed and remembered, failures included, so a
  table runs only when one of its results is needed and at most once.
- A table first picks its version by the module's cutoff date, then reads the
  columns that some rule of that version constrains, in column order. A column
  that cannot be read (missing field, upstream refusal) is an error only if a
  rule's conditions, checked left to right in row order, actually need it.
- Policies: unik (no match or differing matches is an error), første, prioritet
  (the first result's enum order, ties by row), samling (sum/min/maks/antal/list).
- A selected rule's result cells are computed per column on demand.
The per-version `select` functions are generated matchers over the units of the
columns (dict, bisect or an inline scan); `_scan` is the data-driven path used
when a column cannot be read or a unit is a fraction. The fast paths' helpers
live in fast.py, explanations in trace.py.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .core import (
    RegelFejl,
    _aggregate,
    _check_case,
    _fact_names,
    _missing,
    _no_match,
    _no_value,
    _no_version,
    _overlap,
    _refused,
    _show,
    _unit,
    _unknown_decision,
)

if TYPE_CHECKING:
    from .trace import _Trace

# ---- EMBED: everything below is copied into generated modules ----

_NOTHING = object()

# The engine's records are namedtuples, not dataclasses: importing dataclasses (and the
# inspect module it loads) cost every generated module ~20 ms at import. Fields by comment.


# A remembered failure: asking again raises the same error.
#   error: RegelFejl
_Failed = namedtuple("_Failed", "error")


# A computed cell, value or decision item: its code, its text as written and a tree the
# explanation fills in with the case's values.
#   fn: Callable[[_Ctx], object]
#   source: str
#   tree: tuple[object, ...]
_Calc = namedtuple("_Calc", "fn source tree")


# An `afvis "…"` cell.
#   message: str
_Refuse = namedtuple("_Refuse", "message")


# A rule (a row) of a table version.
#   id: str
#   ref: str — as listed under "regler": Tabel/id or Tabel@version/id
#   row: int
#   line: int | None
#   source: str | None
#   citation: str | None
#   conds: tuple[tuple[tuple[int, int], ...] | None, ...] — per read column; None = any
#   texts: tuple[str, ...] — the cells as written, per read column
#   outputs: tuple[object, ...] — a value, None (no value), _Calc or _Refuse per result column
#   same: int — rules with equal result cells share this number (unik tolerates them together)
#   rank: int | None — prioritet rank when the first result is a constant, else None
_Rule = namedtuple("_Rule", "id ref row line source citation conds texts outputs same rank")


# A table version; `select` is its generated matcher.
#   label: str | None
#   valid_from: date | None
#   valid_to: date | None
#   columns: tuple[str, ...] — the columns some rule of this version constrains
#   rules: tuple[_Rule, ...]
#   select: Callable[[tuple[object, ...]], tuple[int, ...] | None] — units -> hits (None: scan)
_Version = namedtuple("_Version", "label valid_from valid_to columns rules select")


# A table.
#   name: str
#   title: str | None
#   citation: str | None
#   policy: str
#   aggregator: str | None
#   outputs: tuple[str, ...]
#   kinds: tuple[str, ...]
#   priority: tuple[str, ...] — enum order of the first result (prioritet)
#   versioned: bool
#   versions: tuple[_Version, ...]
#   file: str | None — the file the table is written in (its name only: a module spans fragments)
_Table = namedtuple("_Table", "name title citation policy aggregator outputs kinds priority versioned versions file",
                    defaults=(None,))


# A decision item: a table result or value by name (`ref`), or computed (`calc`).
#   name: str
#   kind: str
#   ref: str | None
#   calc: _Calc | None
_Item = namedtuple("_Item", "name kind ref calc")


# A generated module's tables, values and decisions.
#   inputs: Mapping[str, Mapping[str, object]]
#   symbols: Mapping[str, tuple[str, Mapping[str, int] | None]]
#   tables: Mapping[str, _Table]
#   producers: Mapping[str, tuple[str, int]] — table result -> (table, column)
#   values: Mapping[str, _Calc]
#   decisions: Mapping[str, tuple[_Item, ...]]
#   cutoff: str | None
#   order: tuple[str, ...] — tables in dependency order (explanations list them so)
_Module = namedtuple("_Module", "inputs symbols tables producers values decisions cutoff order")


class _Ctx:
    """One case being decided: memoised names, units, selections and result cells."""

    __slots__ = ("m", "memo", "units", "sel", "cells", "fired", "trace")

    def __init__(self, m: _Module, values: dict[str, object], units: dict[str, object],
                 trace: _Trace | None) -> None:
        self.m = m
        self.memo = values
        self.units = units
        self.sel: dict[str, object] = {}
        self.cells: dict[tuple[str, int, int], object] = {}
        self.fired: list[str] = []
        self.trace = trace

    def get(self, name: str) -> object:
        v = self.memo.get(name, _NOTHING)
        if v is _NOTHING:
            try:
                v = self._produce(name)
            except RegelFejl as e:
                self.memo[name] = _Failed(e)
                raise
            self.memo[name] = v
        elif type(v) is _Failed:
            raise v.error
        return v

    def val(self, name: str) -> object:
        """A name used in arithmetic: it must have a value."""
        v = self.get(name)
        if v is None or type(v) is list:
            raise _no_value(name, v is not None)
        return v

    def _produce(self, name: str) -> object:
        m = self.m
        where = m.producers.get(name)
        if where is not None:
            return self.output(*where)
        calc = m.values.get(name)
        if calc is not None:
            v = calc.fn(self)
            if self.trace is not None:
                self.trace.calc(self, name, m.symbols[name][0], calc, v)
            return v
        spec = m.inputs[name]
        if spec["has_default"]:
            return spec["default"]
        raise _missing(name, spec)

    def unit(self, name: str) -> object:
        u = self.units.get(name, _NOTHING)
        if u is _NOTHING:
            try:
                kind, index = self.m.symbols[name]
                u = _unit(name, kind, self.get(name), index)
            except RegelFejl as e:
                self.units[name] = _Failed(e)
                raise
            self.units[name] = u
        elif type(u) is _Failed:
            raise u.error
        return u

    def fetch(self, version: _Version) -> tuple[object, ...] | None:
        """The units of the version's columns, or None if any cannot be read (all
        are still attempted, in order, so every implementation reads the same)."""
        out = []
        ok = True
        for name in version.columns:
            try:
                out.append(self.unit(name))
            except RegelFejl:
                ok = False
        return tuple(out) if ok else None

    # -- tables ---------------------------------------------------------------------------
    def select(self, tname: str) -> tuple[_Version, tuple[int, ...]]:
        s = self.sel.get(tname)
        if s is None:
            t = self.m.tables[tname]
            version = None
            try:
                version = self._version(t)
                units = self.fetch(version)
                hits = version.select(units) if units is not None else None
                if hits is None:  # a column could not be read, or a fraction of a unit: scan exactly
                    hits = _scan(self, version, t.policy == "first")
                hits = self._resolve(t, version, hits)
            except RegelFejl as e:
                self.sel[tname] = _Failed(e)
                if self.trace is not None:
                    self.trace.table(self, t, version, None, e)
                raise
            self.sel[tname] = (version, hits)
            for h in hits:
                self.fired.append(version.rules[h].ref)
            if self.trace is not None:
                self.trace.table(self, t, version, hits, None)
            return version, hits
        if type(s) is _Failed:
            raise s.error
        return s  # type: ignore[return-value]

    def _version(self, t: _Table) -> _Version:
        if not t.versioned:
            return t.versions[0]
        day = self.get(self.m.cutoff)  # type: ignore[arg-type]
        for v in t.versions:
            if (v.valid_from is None or v.valid_from <= day) and (v.valid_to is None or day <= v.valid_to):  # type: ignore[operator]
                return v
        raise _no_version(t.name, day, [(v.valid_from, v.valid_to) for v in t.versions])  # type: ignore[arg-type]

    def shown(self, version: _Version) -> list[tuple[str, str]]:
        """The case's values for the version's readable columns, for messages, listed by
        _fact_names (a derived `indkomst − bundfradrag` as its two names, each computed
        before the difference could be)."""
        readable = []
        for name in version.columns:
            u = self.units.get(name, _NOTHING)
            if u is not _NOTHING and type(u) is not _Failed:
                readable.append(name)
        return [(name, _show(self.m.symbols[name][0], self.memo[name])) for name in _fact_names(readable)]

    def _resolve(self, t: _Table, version: _Version, hits: tuple[int, ...]) -> tuple[int, ...]:
        if t.policy == "collect":
            return hits
        if not hits:
            raise _no_match(t.name, version.label, self.shown(version))
        if t.policy == "first" or len(hits) == 1:
            return hits[:1]
        rules = version.rules
        if t.policy == "unique":
            if any(rules[h].same != rules[hits[0]].same for h in hits):
                raise _overlap(t.name, version.label, [rules[h].id for h in hits], self.shown(version))
            return hits[:1]
        best: tuple[int, int] | None = None
        for pos, h in enumerate(hits):
            rank = rules[h].rank
            if rank is None:
                v = self.cell(t, version, h, 0)
                rank = t.priority.index(v) if v in t.priority else len(t.priority)  # type: ignore[arg-type]
            if best is None or rank < best[0]:
                best = (rank, pos)
        assert best is not None
        return (hits[best[1]],)

    def cell(self, t: _Table, version: _Version, h: int, col: int) -> object:
        out = version.rules[h].outputs[col]
        if type(out) is _Calc:
            key = (t.name, h, col)
            v = self.cells.get(key, _NOTHING)
            if v is _NOTHING:
                v = self.cells[key] = out.fn(self)
            return v
        if type(out) is _Refuse:
            raise _refused(out.message, t.name, version.label, version.rules[h].id, self.shown(version))
        return out

    def output(self, tname: str, col: int) -> object:
        t = self.m.tables[tname]
        version, hits = self.select(tname)
        try:
            if t.policy != "collect":
                v = self.cell(t, version, hits[0], col)
            else:
                values = []
                for h in hits:
                    x = self.cell(t, version, h, col)
                    if x is not None:
                        values.append(x)
                v = _aggregate(t.aggregator, t.kinds[col], values, len(hits), t.name, t.outputs[col])
        except RegelFejl as e:
            if self.trace is not None:
                self.trace.tables[t.name].setdefault("fejl", e.besked)
            raise
        if self.trace is not None:
            self.trace.output(self, t, version, hits, col, v)
        return v

    def citation(self, tname: str) -> str | None:
        version, hits = self.select(tname)
        return _cites([version.rules[h] for h in hits])


def _cites(rules: list[_Rule] | tuple[_Rule, ...]) -> str | None:
    """`hjemmel(Tabel)`: the citations of the rules that fired, each once, in order."""
    cites = list(dict.fromkeys(r.citation for r in rules if r.citation is not None))
    return "; ".join(cites) if cites else None


def _scan(ctx: _Ctx, version: _Version, first: bool) -> tuple[int, ...]:
    """Rules in row order, conditions left to right; a condition on an unreadable
    column raises that column's error."""
    units: list[object] = []
    for name in version.columns:
        try:
            units.append(ctx.unit(name))
        except RegelFejl as e:
            units.append(_Failed(e))
    hits = []
    for i, rule in enumerate(version.rules):
        for u, cond in zip(units, rule.conds, strict=True):
            if cond is None:
                continue
            if type(u) is _Failed:
                raise u.error
            if not any(lo <= u <= hi for lo, hi in cond):  # type: ignore[operator]
                break
        else:
            hits.append(i)
            if first:
                break
    return tuple(hits)


# ---- decisions -------------------------------------------------------------------------------


def _items(m: _Module, decision: str | None) -> tuple[str, tuple[_Item, ...]]:
    if decision is None:
        if not m.decisions:
            raise _unknown_decision("", ())
        decision = next(iter(m.decisions))
    items = m.decisions.get(decision) if isinstance(decision, str) else None
    if items is None:
        raise _unknown_decision(decision, tuple(m.decisions))
    return decision, items


def _evaluate(m: _Module, case: Mapping[str, object], decision: str | None) -> dict[str, object]:
    _, items = _items(m, decision)
    values, units = _check_case(case, m.inputs)
    ctx = _Ctx(m, values, units, None)
    out: dict[str, object] = {}
    for item in items:
        out[item.name] = ctx.get(item.ref) if item.calc is None else item.calc.fn(ctx)  # type: ignore[arg-type]
    out["regler"] = ctx.fired
    return out
