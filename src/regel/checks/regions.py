"""Gap boxes merged into connected regions, and representative points.

The sweep cuts one hole in the rule set into many boxes (wherever some rule's
boundary passes through it); an editor wants one message per hole. Two boxes
belong to the same region when they share a face: their intervals overlap in
every dimension but one, where they touch (hi + 1 == lo). Enum and ja/nej
indices count as ordinal here, like the other units.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ..model.types import NEG_INF, POS_INF
from .partition import Box, Budget, Cell, Interval


def _overlap(a: Interval, b: Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _no_tick(n: int = 1) -> None:
    return None


def connected_regions(boxes: Sequence[Box], budget: Budget | None = None) -> list[list[Box]]:
    """Group disjoint boxes into connected regions, in order of first box.

    For each dimension d and each value t, the boxes ending at t - 1 are
    matched with the boxes starting at t; a pair is joined when it overlaps
    in every other dimension. Matching sweeps a second dimension so that a
    large bucket does not compare every pair (a fragmented hole in a 15
    column table gives thousands of boxes per bucket). The budget is ticked
    per box and per pair tested, and charged for the bookkeeping."""
    n = len(boxes)
    if n == 0:
        return []
    tick = budget.tick if budget is not None else _no_tick
    if budget is not None:
        budget.charge(n * (200 + 16 * len(boxes[0])))  # comp, parts, the buckets of one dimension
    # Components by relabelling the smaller side on a join: a lookup is one
    # list index, which matters in the inner loop below.
    comp = list(range(n))
    parts: dict[int, list[int]] = {i: [i] for i in range(n)}

    def union(i: int, j: int) -> None:
        a, b = comp[i], comp[j]
        if a == b:
            return
        if len(parts[a]) < len(parts[b]):
            a, b = b, a
        for x in parts[b]:
            comp[x] = a
        parts[a].extend(parts.pop(b))

    ndim = len(boxes[0])
    for d in range(ndim):
        ends: dict[int, list[int]] = {}
        starts: dict[int, list[int]] = {}
        tick(n)
        for i, b in enumerate(boxes):
            ends.setdefault(b[d][1] + 1, []).append(i)
            starts.setdefault(b[d][0], []).append(i)
        for t, left in ends.items():
            right = starts.get(t)
            if right:
                _touching(boxes, left, right, d, comp, union, tick)
    groups: dict[int, list[Box]] = {}
    for i, b in enumerate(boxes):
        groups.setdefault(comp[i], []).append(b)
    return list(groups.values())


def _touching(boxes: Sequence[Box], left: list[int], right: list[int], d: int, comp: list[int], union,
              tick=_no_tick) -> None:
    """Join each i in left with each j in right overlapping it in every
    dimension but d, skipping pairs already known to be in one region."""
    others = [k for k in range(len(boxes[0])) if k != d]
    tick(len(left) + len(right))
    if len(left) * len(right) <= 64 or not others:
        for i in left:
            for j in right:
                if comp[i] != comp[j] and all(_overlap(boxes[i][k], boxes[j][k]) for k in others):
                    union(i, j)
        return
    # Count, per dimension, the left/right pairs overlapping there (two
    # bisections per box); sweep the most selective dimension and test the
    # others in order of selectivity, so most pairs fail on the first test.
    counts = {}
    for k in others:
        los = sorted(boxes[j][k][0] for j in right)
        his = sorted(boxes[j][k][1] for j in right)
        total = 0
        for i in left:
            lo, hi = boxes[i][k]
            total += bisect_right(los, hi) - bisect_left(his, lo)
        counts[k] = total
    order = sorted(others, key=counts.__getitem__)
    k, rest = order[0], order[1:]
    events = sorted([(boxes[i][k][0], 0, i) for i in left] + [(boxes[j][k][0], 1, j) for j in right])
    active: tuple[dict[int, None], dict[int, None]] = ({}, {})
    expiry: list[tuple[int, int, int]] = []  # (hi, side, box): leaves the sweep after hi
    for lo, side, i in events:
        while expiry and expiry[0][0] < lo:
            _, s, x = heapq.heappop(expiry)
            del active[s][x]
        bi = boxes[i]
        tick(1 + len(active[1 - side]))
        for x in active[1 - side]:
            if comp[x] == comp[i]:
                continue
            bx = boxes[x]
            for m in rest:
                p, q = bi[m], bx[m]
                if p[0] > q[1] or q[0] > p[1]:
                    break
            else:
                union(i, x)
        active[side][i] = None
        heapq.heappush(expiry, (bi[k][1], side, i))


def bounding_box(boxes: Sequence[Box]) -> Box:
    ndim = len(boxes[0])
    return tuple((min(b[d][0] for b in boxes), max(b[d][1] for b in boxes)) for d in range(ndim))


def nice_point(lo: int, hi: int) -> int:
    """A readable member of [lo, hi]: its lower end unless that is the
    stand-in for minus infinity, then the upper end, else 0 (or the bound)."""
    if lo > NEG_INF:
        return lo
    if hi < POS_INF:
        return hi
    return min(max(0, lo), hi)


def cell_point(cell: Cell, dom: Interval) -> int:
    """A readable member of a non-empty normalised cell (None = whole domain)."""
    if cell is None:
        return nice_point(*dom)
    for lo, _hi in cell:
        if lo > NEG_INF:
            return lo
    return nice_point(*cell[0])


def representative(region: Sequence[Box], domains: Sequence[Interval]) -> Box:
    """The region's most general box: the one leaving most columns open, then
    the largest; ties go to the first. Its open columns can be left out of a
    counter-example without making the statement false."""
    def score(b: Box) -> tuple[int, int]:
        open_cols = sum(1 for iv, dom in zip(b, domains, strict=True) if iv == tuple(dom))
        size = 1
        for lo, hi in b:
            size *= min(hi - lo + 1, 10**6)  # bounded: only a tie-breaker
        return open_cols, size

    return max(region, key=score)


def point_of(box: Box) -> tuple[int, ...]:
    return tuple(nice_point(lo, hi) for lo, hi in box)
