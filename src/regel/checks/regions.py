"""Gap boxes merged into connected regions, and representative points.

The sweep cuts one hole in the rule set into many boxes (wherever some rule's
boundary passes through it); an editor wants one message per hole. Two boxes
belong to the same region when they share a face: their intervals overlap in
every dimension but one, where they touch (hi + 1 == lo). Enum and ja/nej
indices count as ordinal here, like the other units.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model.types import NEG_INF, POS_INF
from .sweep import Box, Cell, Interval


def _overlap(a: Interval, b: Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def connected_regions(boxes: Sequence[Box]) -> list[list[Box]]:
    """Group disjoint boxes into connected regions, in order of first box.

    Neighbours are found by a hash join per dimension (boxes keyed by where they
    start) rather than by comparing every pair."""
    n = len(boxes)
    if n == 0:
        return []
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ndim = len(boxes[0])
    for d in range(ndim):
        starts: dict[int, list[int]] = {}
        for i, b in enumerate(boxes):
            starts.setdefault(b[d][0], []).append(i)
        for i, a in enumerate(boxes):
            for j in starts.get(a[d][1] + 1, ()):
                b = boxes[j]
                if all(_overlap(a[k], b[k]) for k in range(ndim) if k != d):
                    ri, rj = find(i), find(j)
                    if ri != rj:
                        parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[Box]] = {}
    for i, b in enumerate(boxes):
        groups.setdefault(find(i), []).append(b)
    return list(groups.values())


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
