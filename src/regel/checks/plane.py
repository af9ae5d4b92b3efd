"""The analyses of a two-column table: a sweep along the first column.

With two columns every rule is a union of rectangles. The sweep moves along
column 0 and keeps, for column 1, how many rules cover each elementary
segment (a segment tree over the rules' boundaries). Gaps are the runs of
uncovered segments: a run is opened where it appears and closed, as one box,
where it changes, and only the runs next to a changed interval are looked at,
so a staircase of n rows costs O(n log n) where the partition, which can only
cut it one step at a time, costs O(n²).

Dead rules (policy first and priority) are found in two steps. A witness
first: a corner of one of the rule's rectangles where no better-ranked rule
matches proves the rule alive (one offline sweep answers all corners, with
a segment tree of heaps for "best rule over this point"). A rule without a
witness is then checked exactly: each of its rectangles against the gaps of
the better rules clipped to it. Overlaps (policy unique) stay with the
partition, whose output is the pairs themselves.

The tests compare every answer with a brute-force enumeration and with the
partition (tests/test_checks_scale.py).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from .analysis import deep_recursion
from .line import mask_of
from .partition import Box, Interval, Partition, members
from .sweep import find_dead_rules

Rect = tuple[Interval, Interval]

__all__ = ["analyse_plane", "plane_dead", "plane_gaps"]


def _no_tick(n: int = 1) -> None:
    return None


class _Cover:
    """Cover counts over the elementary segments 0..m-1 of column 1.

    cnt[v] counts the intervals whose canonical nodes include v; full[v] says
    every segment below v is covered, some[v] that one is. The uncovered runs
    of a range are found by descending only into nodes that are neither."""

    def __init__(self, m: int) -> None:
        self.m = m
        size = 4 * max(m, 1)
        self.cnt = [0] * size
        self.full = [False] * size
        self.some = [False] * size

    def update(self, lo: int, hi: int, delta: int) -> None:
        """Add delta to the segments lo..hi-1."""
        cnt, full, some = self.cnt, self.full, self.some

        def go(v: int, nlo: int, nhi: int) -> None:
            if hi <= nlo or nhi <= lo:
                return
            if lo <= nlo and nhi <= hi:
                cnt[v] += delta
            else:
                mid = (nlo + nhi) // 2
                go(2 * v, nlo, mid)
                go(2 * v + 1, mid, nhi)
            if cnt[v] > 0:
                full[v] = some[v] = True
            elif nhi - nlo == 1:
                full[v] = some[v] = False
            else:
                full[v] = full[2 * v] and full[2 * v + 1]
                some[v] = some[2 * v] or some[2 * v + 1]

        go(1, 0, self.m)

    def uncovered(self, lo: int, hi: int) -> list[list[int]]:
        """The maximal uncovered runs of segments within lo..hi-1, as [first, last + 1]."""
        out: list[list[int]] = []
        full, some = self.full, self.some

        def go(v: int, nlo: int, nhi: int) -> None:
            if hi <= nlo or nhi <= lo or full[v]:
                return
            if not some[v]:
                a, b = max(nlo, lo), min(nhi, hi)
                if out and out[-1][1] == a:
                    out[-1][1] = b
                else:
                    out.append([a, b])
                return
            mid = (nlo + nhi) // 2
            go(2 * v, nlo, mid)
            go(2 * v + 1, mid, nhi)

        go(1, 0, self.m)
        return out


def gaps_of(pieces: Sequence[Rect], dom_x: Interval, dom_y: Interval, tick: Callable[..., None] = _no_tick,
            first_only: bool = False) -> list[Box]:
    """Disjoint boxes whose union is exactly the part of dom_x × dom_y that
    no piece covers (pieces lie inside the domain). With first_only, stop
    at the first box."""
    ys = sorted({dom_y[0], dom_y[1] + 1} | {p[1][0] for p in pieces} | {p[1][1] + 1 for p in pieces})
    index = {v: i for i, v in enumerate(ys)}
    tree = _Cover(len(ys) - 1)
    events: dict[int, list[tuple[int, int, int]]] = {}  # x -> (delta, y1, y2)
    for (x1, x2), (y1, y2) in pieces:
        events.setdefault(x1, []).append((1, y1, y2))
        if x2 < dom_x[1]:
            events.setdefault(x2 + 1, []).append((-1, y1, y2))
    tick(len(pieces))
    # The open runs: maximal uncovered intervals of column 1 at the current
    # x, sorted, with the x where each began.
    starts: list[int] = [dom_y[0]]
    ends: list[int] = [dom_y[1]]
    since: list[int] = [dom_x[0]]
    out: list[Box] = []
    for x in sorted(events):
        batch = events[x]
        tick(len(batch))
        for delta, y1, y2 in batch:
            tree.update(index[y1], index[y2 + 1], delta)
        closed: dict[Interval, int] = {}
        spans: list[list[int]] = []
        for _d, a, b in sorted(batch, key=lambda e: e[1]):
            # The runs inside or touching a changed interval may change;
            # the others cannot.
            i = bisect_left(ends, a - 1)
            j = bisect_right(starts, b + 1)
            if i < j:
                a, b = min(a, starts[i]), max(b, ends[j - 1])
                for k in range(i, j):
                    closed[(starts[k], ends[k])] = since[k]
                del starts[i:j], ends[i:j], since[i:j]
            if spans and a <= spans[-1][1] + 1:
                spans[-1][0] = min(spans[-1][0], a)
                spans[-1][1] = max(spans[-1][1], b)
            else:
                spans.append([a, b])
        for a, b in spans:
            runs = tree.uncovered(index[a], index[b + 1])
            tick(1 + len(runs))
            at = bisect_left(starts, a)
            new_s = [ys[p] for p, _q in runs]
            new_e = [ys[q] - 1 for _p, q in runs]
            # A run that comes back unchanged keeps its beginning.
            new_x = [closed.pop((s, e), x) for s, e in zip(new_s, new_e, strict=True)]
            starts[at:at] = new_s
            ends[at:at] = new_e
            since[at:at] = new_x
        for (s, e), x0 in closed.items():
            if x0 <= x - 1:
                out.append(((x0, x - 1), (s, e)))
        if first_only and out:
            return out[:1]
    for s, e, x0 in zip(starts, ends, since, strict=True):
        out.append(((x0, dom_x[1]), (s, e)))
        if first_only:
            break
    return out


def _pieces(part: Partition, r: int) -> list[Rect]:
    cx = part.cells[0][r] or (part.domains[0],)
    cy = part.cells[1][r] or (part.domains[1],)
    return [(a, b) for a in cx for b in cy]


def plane_gaps(part: Partition) -> list[Box]:
    """The gap boxes of a two-column partition's live rules."""
    pieces = [pc for r in members(part.live) for pc in _pieces(part, r)]
    part.budget.charge(len(pieces) * 200)
    boxes = gaps_of(pieces, part.domains[0], part.domains[1], part.tick)
    part.budget.charge(len(boxes) * part.box_bytes)
    return boxes


class _Best:
    """The best (lowest) rank over a point of column 1 among the pieces
    inserted and not removed: a segment tree whose nodes hold heaps of the
    pieces canonically covering them, removed pieces dropped lazily."""

    def __init__(self, m: int) -> None:
        self.m = m
        self.heaps: list[list[tuple[int, int]]] = [[] for _ in range(4 * max(m, 1))]
        self.gone: set[int] = set()

    def insert(self, lo: int, hi: int, item: tuple[int, int]) -> None:
        heaps = self.heaps

        def go(v: int, nlo: int, nhi: int) -> None:
            if hi <= nlo or nhi <= lo:
                return
            if lo <= nlo and nhi <= hi:
                heapq.heappush(heaps[v], item)
                return
            mid = (nlo + nhi) // 2
            go(2 * v, nlo, mid)
            go(2 * v + 1, mid, nhi)

        go(1, 0, self.m)

    def best(self, leaf: int) -> int | None:
        v, nlo, nhi = 1, 0, self.m
        out = None
        gone = self.gone
        while True:
            h = self.heaps[v]
            while h and h[0][1] in gone:
                heapq.heappop(h)
            if h and (out is None or h[0][0] < out):
                out = h[0][0]
            if nhi - nlo == 1:
                return out
            mid = (nlo + nhi) // 2
            if leaf < mid:
                v, nhi = 2 * v, mid
            else:
                v, nlo = 2 * v + 1, mid


def _witnessed(part: Partition, rank: Sequence[int | None], rules: list[int]) -> set[int]:
    """The rules (of `rules`) with a corner where no better-ranked rule matches."""
    pieces: list[tuple[int, Rect]] = [(r, pc) for r in rules for pc in _pieces(part, r)]
    ys = sorted({y for _r, (_x, (y1, y2)) in pieces for y in (y1, y2 + 1)})
    index = {v: i for i, v in enumerate(ys)}
    tree = _Best(max(len(ys) - 1, 1))
    # At each x: removals (pieces ending before x), insertions, then queries.
    events: dict[int, list[tuple[int, int, int]]] = {}  # x -> (kind 0 remove / 1 insert / 2 query, piece, y)
    for pid, (_r, ((x1, x2), (y1, y2))) in enumerate(pieces):
        ev = events.setdefault(x1, [])
        ev.append((1, pid, 0))
        events.setdefault(x2 + 1, []).append((0, pid, 0))
        ev.append((2, pid, y1))
        ev.append((2, pid, y2))
        if x2 != x1:
            last = events.setdefault(x2, [])
            last.append((2, pid, y1))
            last.append((2, pid, y2))
    part.budget.charge(len(pieces) * 400)
    part.tick(len(pieces))
    alive: set[int] = set()
    for x in sorted(events):
        batch = sorted(events[x])
        part.tick(len(batch))
        for kind, pid, y in batch:
            r, (_xs, (y1, y2)) = pieces[pid]
            if kind == 0:
                tree.gone.add(pid)
            elif kind == 1:
                tree.insert(index[y1], index[y2 + 1], (rank[r], pid))  # type: ignore[arg-type]
            elif r not in alive and tree.best(bisect_right(ys, y) - 1) == rank[r]:
                alive.add(r)
    return alive


def plane_dead(part: Partition, ranks: Sequence[int | None] | None) -> dict[int, tuple[int, ...]]:
    """Dead rules of a two-column partition with their maskers, as
    find_dead_rules gives them (it does the rest): the rules with a witness
    are known to be alive, so the partition searches only the boxes where
    a rule without one is active."""
    rank = list(range(part.nrules)) if ranks is None else list(ranks)
    known = [r for r in members(part.live) if rank[r] is not None]
    alive = mask_of(sorted(_witnessed(part, rank, known)), part.nrules)
    with deep_recursion(part):
        return find_dead_rules(part.domains, (), ranks, part=part, alive=alive)


def analyse_plane(part: Partition, policy: str, ranks: Sequence[int | None] | None
                  ) -> tuple[list[Box], dict[int, tuple[int, ...]] | None]:
    """(gap boxes, dead rules or None for policy unique) of a two-column partition."""
    boxes = plane_gaps(part)
    if policy == "unique":
        return boxes, None
    return boxes, plane_dead(part, None if policy == "first" else ranks)
