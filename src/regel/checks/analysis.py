"""One table version analysed on plain data: the stages a policy asks for.

Kept free of the model so the benchmark can time exactly what check_module
runs. A stage cut short by the deadline leaves its field None and sets
`timed_out`; finished stages keep their (sound) results.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from .partition import SMALL
from .regions import connected_regions
from .sweep import (
    AnalysisTimeoutError,
    Box,
    Budget,
    Interval,
    Partition,
    PlainRule,
    find_dead_rules,
    find_gaps,
    members,
    overlap_masks,
)

POLICIES = ("unique", "first", "priority", "collect")


@dataclass(frozen=True)
class Analysis:
    gap_regions: list[list[Box]] | None  # connected regions of uncovered points
    meets: list[int] | None  # unique only: meets[r] = bitmask of the rules r overlaps
    dead: dict[int, tuple[int, ...]] | None  # dead rule -> the rules that mask it
    empty: tuple[int, ...]  # rules with a cell that accepts nothing
    timed_out: bool = False
    stopped_by: str | None = None  # "tid" or "hukommelse" when timed_out
    _pairs: list[frozenset[tuple[int, int]]] = field(default_factory=list, repr=False, compare=False)

    @property
    def overlaps(self) -> frozenset[tuple[int, int]] | None:
        """The overlapping rule pairs (i, j), i < j: made on demand, since a
        dense table has n² / 2 of them and the report works on `meets`."""
        if self.meets is None:
            return None
        if not self._pairs:
            self._pairs.append(frozenset((r, x) for r, m in enumerate(self.meets)
                                         for x in members(m >> (r + 1) << (r + 1))))
        return self._pairs[0]


def empty_rules(columns: Sequence[Interval], rules: Sequence[PlainRule]) -> tuple[int, ...]:
    """Rules with a cell that accepts no value of its column."""
    return tuple(members(Partition(columns, rules).empty)) if rules else ()


def analyse(columns: Sequence[Interval], rules: Sequence[PlainRule], policy: str,
            ranks: Sequence[int | None] | None = None, deadline: Budget | float | None = None) -> Analysis:
    """Run the analyses `policy` calls for. `ranks` is only used by priority
    (the enum index of each rule's first output; None where unknown).
    `deadline` is a Budget (time and memory) or a time.monotonic() deadline."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}")
    budget = Budget.of(deadline)
    part = Partition(columns, rules, budget)
    empty = tuple(members(part.empty))
    if policy == "collect":
        # Collect tables sum whatever matches: no match is a valid empty sum
        # and several matches are the point, so only empty cells are findings.
        return Analysis(None, None, {r: () for r in empty}, empty)
    regions: list[list[Box]] | None = None
    meets: list[int] | None = None
    dead: dict[int, tuple[int, ...]] | None = None
    try:
        budget.start()
        if part.ncols == 1:
            # One column is a sort and a sweep (line.py); the partition would
            # cut it in two n times over and cost O(n²).
            from .line import analyse_line

            regions, meets, dead = analyse_line(part, policy, ranks)
        elif part.ncols == 2:
            # Two columns are a sweep along the first (plane.py): a
            # staircase of rows is cut one step at a time by the partition.
            from .plane import analyse_plane

            boxes, dead = analyse_plane(part, policy, ranks)
            regions = connected_regions(boxes, budget)
            part.tick()
            if policy == "unique":
                with deep_recursion(part):
                    meets = overlap_masks(columns, rules, part=part)
                dead = {r: () for r in empty}
        else:
            with deep_recursion(part):
                regions = connected_regions(find_gaps(columns, rules, part=part), budget)
                part.tick()
                if policy == "unique":
                    meets = overlap_masks(columns, rules, part=part)
                    dead = {r: () for r in empty}
                elif policy == "first":
                    dead = find_dead_rules(columns, rules, None, part=part)
                else:
                    dead = find_dead_rules(columns, rules, ranks, part=part)
    except AnalysisTimeoutError:
        return Analysis(regions, meets, dead, empty, timed_out=True, stopped_by=budget.exceeded or "tid")
    return Analysis(regions, meets, dead, empty)


@contextmanager
def deep_recursion(part: Partition) -> Iterator[None]:
    """Allow the partition's recursion to go as deep as a box can be cut.

    Every cut shrinks a box at a rule boundary, so the depth is bounded by
    the boundaries; most tables stay far below that, but nested intervals
    (every row inside the previous one) reach it. Since Python 3.11 calls
    between Python functions do not use the C stack, a higher limit is safe."""
    bounds = sum(len(cell) for column in part.cells for cell in column if cell is not None)
    need = 2 * bounds + SMALL * part.ncols + 1000
    old = sys.getrecursionlimit()
    if need > old:
        sys.setrecursionlimit(need)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def overlap_groups(pairs: Sequence[tuple[int, int]] | frozenset[tuple[int, int]],
                   output_class: Sequence[object]) -> list[tuple[int, tuple[int, ...]]]:
    """Group overlapping pairs for reporting: `(hub, partners)` where every
    partner overlaps the hub and all partners share one output class. Hubs are
    taken greedily by most remaining partners, so a catch-all row that meets
    twenty rules gives one finding per distinct output, not twenty."""
    adj: dict[int, set[int]] = {}
    for a, b in pairs:
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    groups: list[tuple[int, tuple[int, ...]]] = []
    while adj:
        hub = min(adj, key=lambda r: (-len(adj[r]), r))
        by_class: dict[object, list[int]] = {}
        for other in sorted(adj[hub]):
            by_class.setdefault(output_class[other], []).append(other)
        for partners in by_class.values():
            groups.append((hub, tuple(partners)))
        for other in adj.pop(hub):
            adj[other].discard(hub)
            if not adj[other]:
                del adj[other]
    return sorted(groups, key=lambda g: (min((g[0],) + g[1]), g))
