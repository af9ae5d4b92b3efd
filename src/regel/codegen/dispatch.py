"""How a generated table version finds its matching rules.

- `const`: no column is constrained; the hits are fixed.
- `dict`: every constrained column is enum or ja/nej; a dict keyed by the tuple
  of units gives the hits, so the cost per case does not grow with the rows.
- `bisect`: as `dict`, plus one numeric or date column; per key, sorted interval
  starts and the hits of each segment between them.
- `linear`: anything else; an inline scan in row order.

Hits are precomputed here by testing rules against representative points, and
resolved as far as the policy allows statically (`første` keeps the first hit,
`prioritet` the best-ranked when ranks are constants).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from ..model import ir
from ..model.types import Kind

MAX_KEYS = 4096  # enum/bool combinations a dict always may have ...
KEYS_PER_RULE = 4  # ... or this many per rule (a big table has many keys) ...
MAX_KEYS_ANY = 250_000  # ... but never more; beyond, a linear scan
MAX_SEGMENTS = 50_000
_KEY_KINDS = (Kind.ENUM, Kind.BOOL)
_ORDERED_KINDS = (Kind.INT, Kind.AMOUNT, Kind.PERCENT, Kind.DATE)

Hits = tuple[int, ...]


@dataclass(frozen=True)
class Plan:
    mode: str  # const, dict, bisect, linear
    columns: tuple[int, ...]  # constrained input columns (indices into table.inputs)
    key: tuple[int, ...] = ()  # positions in `columns` forming the dict key
    ordered: int | None = None  # position in `columns` of the bisect column
    const: Hits = ()
    keys: dict[tuple[int, ...], Hits] = field(default_factory=dict)
    segments: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[Hits, ...]]] = field(default_factory=dict)


def constrained(table: ir.Table, version: ir.Version) -> tuple[int, ...]:
    return tuple(j for j in range(len(table.inputs)) if any(r.conditions[j] is not None for r in version.rules))


def static_rank(table: ir.Table, rule: ir.Rule) -> int | None:
    """The prioritet rank of a rule when its first result is a constant."""
    if table.policy != "priority":
        return None
    first = rule.outputs[0]
    values = table.outputs[0].type.values
    if isinstance(first, ir.Const) and first.value in values:
        return values.index(first.value)
    if isinstance(first, ir.NoValue):
        return len(values)
    return None


def resolve_static(table: ir.Table, version: ir.Version, hits: list[int]) -> Hits:
    if table.policy == "first":
        return tuple(hits[:1])
    if table.policy == "priority" and len(hits) > 1:
        ranks = [static_rank(table, version.rules[h]) for h in hits]
        if all(r is not None for r in ranks):
            best = min(range(len(hits)), key=lambda i: (ranks[i], i))
            return (hits[best],)
    return tuple(hits)


def plan(table: ir.Table, version: ir.Version) -> Plan:
    cols = constrained(table, version)
    if not cols:
        return Plan("const", cols, const=resolve_static(table, version, list(range(len(version.rules)))))
    kinds = [table.inputs[j].type.kind for j in cols]
    key = tuple(p for p, k in enumerate(kinds) if k in _KEY_KINDS)
    rest = [p for p, k in enumerate(kinds) if k not in _KEY_KINDS]
    domains = [range(table.inputs[cols[p]].type.domain[0], table.inputs[cols[p]].type.domain[1] + 1) for p in key]
    size = 1
    for d in domains:
        size *= len(d)
    # A big table may have as many keys as rules (a 100 × 100 product has 10.000 rows and keys);
    # what must not happen is a few rules spreading over a huge product.
    limit = min(max(MAX_KEYS, KEYS_PER_RULE * len(version.rules)), MAX_KEYS_ANY)
    if size > limit or len(rest) > 1 or (rest and kinds[rest[0]] not in _ORDERED_KINDS):
        return Plan("linear", cols)
    by_key = _rules_by_key(version, [cols[p] for p in key], domains, limit)
    if by_key is None:
        return Plan("linear", cols)
    keys: dict[tuple[int, ...], Hits] = {}
    segments: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[Hits, ...]]] = {}
    total = 0
    for combo, rules in by_key.items():
        if not rest:
            hits = resolve_static(table, version, rules)
            if hits:
                keys[combo] = hits
            continue
        seg = _segments(table, version, rules, cols[rest[0]])
        if any(seg[1]):
            segments[combo] = seg
            total += len(seg[1])
            if total > MAX_SEGMENTS:
                return Plan("linear", cols)
    if not rest:
        return Plan("dict", cols, key=key, keys=keys)
    return Plan("bisect", cols, key=key, ordered=rest[0], segments=segments)


def _rules_by_key(version: ir.Version, cols: list[int], domains: list[range], limit: int
                  ) -> dict[tuple[int, ...], list[int]] | None:
    """For every combination of key units some rule accepts, the rules accepting it in row
    order (combinations in ascending order). Each rule is expanded over the values its cells
    accept, so the work follows the size of the table, not rules × combinations; None when
    the expansion would pass `limit` × 4 combinations in all."""
    acc: dict[tuple[int, ...], list[int]] = {}
    work = 0
    for i, rule in enumerate(version.rules):
        sets: list[list[int]] = []
        for j, d in zip(cols, domains, strict=True):
            cond = rule.conditions[j]
            if cond is None:
                sets.append(list(d))
            else:
                sets.append([u for lo, hi in cond.intervals for u in range(max(lo, d.start), min(hi, d.stop - 1) + 1)])
        n = 1
        for values in sets:
            n *= len(values)
        work += n
        if work > 4 * limit:
            return None
        for combo in itertools.product(*sets):
            acc.setdefault(combo, []).append(i)
    return dict(sorted(acc.items()))


def _segments(table: ir.Table, version: ir.Version, rules: list[int], j: int
              ) -> tuple[tuple[int, ...], tuple[Hits, ...]]:
    """Sorted starts s_1 < … < s_n and n+1 hit tuples: hits[0] below s_1, hits[k] on
    [s_k, s_k+1). Every interval edge is a start, so membership is constant within
    a segment; one sweep over the edges finds each segment's rules (for whole units)."""
    always = [i for i in rules if version.rules[i].conditions[j] is None]
    events: dict[int, list[tuple[int, int]]] = {}
    for i in rules:
        cond = version.rules[i].conditions[j]
        if cond is not None:
            for lo, hi in cond.intervals:
                events.setdefault(lo, []).append((i, 1))
                events.setdefault(hi + 1, []).append((i, -1))
    starts = sorted(events)
    active: dict[int, int] = {}
    hits = [resolve_static(table, version, always)]
    for s in starts:
        for i, step in events[s]:
            n = active.get(i, 0) + step
            if n:
                active[i] = n
            else:
                active.pop(i, None)
        hits.append(resolve_static(table, version, sorted(always + list(active))))
    # Merge neighbours with the same hits: fewer starts, same answers.
    out_starts: list[int] = []
    out_hits: list[Hits] = [hits[0]]
    for s, h in zip(starts, hits[1:], strict=True):
        if h != out_hits[-1]:
            out_starts.append(s)
            out_hits.append(h)
    return tuple(out_starts), tuple(out_hits)
