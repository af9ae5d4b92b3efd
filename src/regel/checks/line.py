"""The analyses of a one-column table: a sort and a sweep along the line.

With one column every rule is a union of intervals, so gaps are the holes in
the union, overlaps are intervals that are open at the same time, and a rule
is dead when the union of the better-ranked rules covers it. Sorting the
interval ends answers all three in O(n log n) plus the size of the answer
(the overlapping pairs, the masking rules). The partition gets the same
answers (the tests compare them) but, cutting one boundary at a time, costs
O(n²) on 50.000 disjoint intervals.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .partition import Box, Interval, Partition, members


def analyse_line(part: Partition, policy: str, ranks: Sequence[int | None] | None
                 ) -> tuple[list[list[Box]], list[int] | None, dict[int, tuple[int, ...]]]:
    """(gap regions, overlap masks or None, dead rules with maskers) of a
    one-column partition, for policy unique, first or priority."""
    dom = part.domains[0]
    live = members(part.live)
    ivs = {r: part.cells[0][r] or (dom,) for r in live}
    part.budget.charge(len(live) * (150 + 32 * max((len(v) for v in ivs.values()), default=1)))
    regions = [[((a, b),)] for a, b in _holes(_union(ivs, live, part), dom)]
    empty = {r: () for r in members(part.empty)}
    if policy == "unique":
        return regions, _meets(part, ivs, live), empty
    rank = list(range(part.nrules)) if ranks is None else list(ranks)
    return regions, None, _dead(part, ivs, rank) | empty


def _union(ivs: dict[int, tuple[Interval, ...]], rules: Sequence[int], part: Partition) -> list[Interval]:
    """The union of the rules' intervals as sorted, disjoint, non-touching intervals."""
    pieces = sorted(iv for r in rules for iv in ivs[r])
    part.tick(len(pieces))
    out: list[list[int]] = []
    for a, b in pieces:
        if out and a <= out[-1][1] + 1:
            if b > out[-1][1]:
                out[-1][1] = b
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _holes(union: list[Interval], dom: Interval) -> list[Interval]:
    out = []
    at = dom[0]
    for a, b in union:
        if a > at:
            out.append((at, a - 1))
        at = b + 1
    if at <= dom[1]:
        out.append((at, dom[1]))
    return out


def _events(ivs: dict[int, tuple[Interval, ...]], rules: Sequence[int]) -> list[tuple[int, int, int]]:
    """(position, 0 = end / 1 = start, rule): an interval [a, b] starts at a
    and ends at b + 1, and at one position ends come first, so touching
    intervals do not meet."""
    ev = []
    for r in rules:
        for a, b in ivs[r]:
            ev.append((a, 1, r))
            ev.append((b + 1, 0, r))
    ev.sort()
    return ev


def mask_of(indices: Sequence[int], n: int) -> int:
    """The bitmask of `indices` (all < n): through a byte array when there
    are many, since each `1 << x` is itself an x-bit number."""
    if len(indices) < 64:
        m = 0
        for x in indices:
            m |= 1 << x
        return m
    buf = bytearray((n + 7) // 8)
    for x in indices:
        buf[x >> 3] |= 1 << (x & 7)
    return int.from_bytes(buf, "little")


def _meets(part: Partition, ivs: dict[int, tuple[Interval, ...]], live: list[int]) -> list[int]:
    """meets[r]: the rules r overlaps. A rule with `-` meets every live rule
    (whole rows of bits at once); the others by a sweep that records, when an
    interval opens, the rules already open, then mirrors those pairs. The
    open rules are a dict, not a bitmask: most tables have few open at once,
    and a 50.000-bit mask would cost as much to update as to hold."""
    n = part.nrules
    meets = [0] * n
    row_bytes = n // 8 + 64
    whole = [r for r in live if part.cells[0][r] is None]
    for r in whole:
        part.tick()
        part.budget.charge(row_bytes)
        meets[r] = part.live & ~(1 << r)
    wmask = mask_of(whole, n)
    rest = [r for r in live if part.cells[0][r] is not None]
    if wmask:
        for r in rest:
            meets[r] = wmask
    events = _events(ivs, rest)
    part.tick(len(events))
    active: dict[int, None] = {}
    earlier: dict[int, list[int]] = {}  # rules already open when one of r's intervals opened
    for _pos, start, r in events:
        if not start:
            del active[r]
            continue
        if active:
            part.tick(len(active))
            earlier.setdefault(r, []).extend(active)
        active[r] = None
    partners: dict[int, list[int]] = {}
    for r, xs in earlier.items():
        for x in xs:
            partners.setdefault(x, []).append(r)
        partners.setdefault(r, []).extend(xs)
    for r, xs in partners.items():
        part.tick(len(xs))
        part.budget.charge(row_bytes)
        meets[r] |= mask_of(xs, n)
    return meets


def _dead(part: Partition, ivs: dict[int, tuple[Interval, ...]], rank: list[int | None]
          ) -> dict[int, tuple[int, ...]]:
    """Rules covered by the union of strictly better-ranked rules (rank None
    neither masks nor is masked), each with the live better-ranked rules it
    meets, as find_dead_rules gives them."""
    levels: dict[int, list[int]] = {}
    for r in members(part.live):
        k = rank[r]
        if k is not None:
            levels.setdefault(k, []).append(r)
    covered: list[Interval] = []  # the union of the better levels so far
    dead: list[int] = []
    for k in sorted(levels):
        for r in levels[k]:
            part.tick(len(ivs[r]))
            if all(_inside(covered, iv) for iv in ivs[r]):
                dead.append(r)
        for r in levels[k]:
            for iv in ivs[r]:
                part.tick()
                _add(covered, iv)
    if not dead:
        return {}
    dead_set = set(dead)
    alive = [r for k in levels for r in levels[k] if r not in dead_set]
    # Which live rules each dead rule meets: the same sweep as for overlaps,
    # but only between the two groups.
    found: dict[int, int] = {r: 0 for r in dead}
    open_alive = 0
    open_dead: set[int] = set()
    for _pos, start, r in _events(ivs, dead + alive):
        part.tick(1 + len(open_dead))
        is_dead = r in dead_set
        if not start:
            if is_dead:
                open_dead.discard(r)
            else:
                open_alive &= ~(1 << r)
            continue
        if is_dead:
            found[r] |= open_alive
            open_dead.add(r)
        else:
            open_alive |= 1 << r
            for d in open_dead:
                found[d] |= 1 << r
    return {r: tuple(x for x in members(found[r]) if rank[x] < rank[r])  # type: ignore[operator]
            for r in sorted(dead)}


def _inside(covered: list[Interval], iv: Interval) -> bool:
    i = bisect_right(covered, (iv[0], float("inf"))) - 1
    return i >= 0 and covered[i][0] <= iv[0] and covered[i][1] >= iv[1]


def _add(covered: list[Interval], iv: Interval) -> None:
    """Insert into sorted, disjoint, non-touching intervals, merging neighbours."""
    a, b = iv
    i = bisect_right(covered, (a, float("inf"))) - 1
    if i >= 0 and covered[i][1] + 1 >= a:
        a = covered[i][0]
        b = max(b, covered[i][1])
    else:
        i += 1
    j = i
    while j < len(covered) and covered[j][0] <= b + 1:
        b = max(b, covered[j][1])
        j += 1
    covered[i:j] = [(a, b)]
