"""Overlapping rules grouped into findings.

The analysis gives, for each rule, the rules it overlaps (a bitmask). An
editor wants one finding per thing to fix, not one per pair: 1.000 rows that
all overlap are 499.500 pairs but one problem. Two shapes of finding:

* a star: one rule (the hub) and the rules it overlaps that share one output
  class: a catch-all row meeting twenty rules is one finding per output;
* a region: three or more rules that all match one common point (their cells
  intersect in every column), covering every pair among them.

Hubs are taken greedily by most pairs left to report; a hub's region is grown
from the rules it meets, and is used when it covers more pairs than the
hub's stars would. Every pair is reported exactly once (in its category), and
the work is bounded by the number of pairs times the columns.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .partition import Cell, intersect_cells, members


@dataclass(frozen=True)
class Group:
    hub: int
    others: tuple[int, ...]  # star: the hub's partners (one output class); region: the other members
    region: tuple[Cell, ...] | None = None  # the common cells when the group is a region


def group_overlaps(meets: Sequence[int], pair_ok: Callable[[int], int], classes: Sequence[int],
                   cells: Sequence[Sequence[Cell]], tick: Callable[[int], None], any_class: bool) -> list[Group]:
    """Cover the pairs (r, x) with x in meets[r] & pair_ok(r) by groups.

    `pair_ok(r)` is the mask of rules whose pair with r belongs to this
    category (a different output class for conflicts, the same for W203);
    `cells[r]` are rule r's normalised cells, used to grow regions, which
    may take in any rule the hub meets when `any_class` (conflicts: a region
    of five outputs is still one conflict)."""
    todo = [m & pair_ok(r) for r, m in enumerate(meets)]
    heap = [(-m.bit_count(), r) for r, m in enumerate(todo) if m]
    heapq.heapify(heap)
    groups: list[Group] = []
    while heap:
        neg, hub = heapq.heappop(heap)
        deg = todo[hub].bit_count()
        if deg == 0:
            continue
        if deg != -neg:  # stale entry: its pairs were reported by another group
            heapq.heappush(heap, (-deg, hub))
            continue
        partners = members(todo[hub])
        tick(1 + len(partners))
        pool = meets[hub] if any_class else meets[hub] & pair_ok(hub)
        region, clique = _region(hub, todo[hub], pool, cells, tick)
        if len(clique) >= 3:
            cmask = sum(1 << r for r in clique)
            covered = sum((todo[r] & cmask).bit_count() for r in clique) // 2
            if covered > deg:
                for r in clique:
                    if todo[r] & cmask:
                        todo[r] &= ~cmask
                        heapq.heappush(heap, (-todo[r].bit_count(), r))
                groups.append(Group(hub, tuple(r for r in clique if r != hub), region))
                continue
        by_class: dict[int, list[int]] = {}
        for x in partners:
            by_class.setdefault(classes[x], []).append(x)
        groups.extend(Group(hub, tuple(xs)) for xs in by_class.values())
        todo[hub] = 0
        bit = 1 << hub
        for x in partners:
            todo[x] &= ~bit
            heapq.heappush(heap, (-todo[x].bit_count(), x))
    return sorted(groups, key=lambda g: (min((g.hub,) + g.others), g.hub, g.others))


def _region(hub: int, first: int, candidates: int, cells: Sequence[Sequence[Cell]],
            tick: Callable[[int], None]) -> tuple[tuple[Cell, ...], list[int]]:
    """Grow a set of rules with a common point from `hub`: the rules in
    `first` (pairs still to report) are tried before the rest of `candidates`,
    each kept when the common cells stay non-empty."""
    common = tuple(cells[hub])
    clique = [hub]
    for pool in (first, candidates & ~first):
        # The second pool only widens a region (its pairs are reported
        # already), so it is tried as far as the first, to keep a star's cost
        # proportional to the pairs it reports.
        xs = members(pool & ~(1 << hub))[:max(64, 2 * len(clique))] if pool != first else members(pool)
        tick(len(xs))
        for x in xs:
            new = tuple(intersect_cells(a, b) for a, b in zip(common, cells[x], strict=True))
            if all(c is None or c for c in new):
                common = new
                clique.append(x)
    return common, sorted(clique)
