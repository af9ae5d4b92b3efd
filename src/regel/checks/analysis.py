"""One table version analysed on plain data: the stages a policy asks for.

Kept free of the model so the benchmark can time exactly what check_module
runs. A stage cut short by the deadline leaves its field None and sets
`timed_out`; finished stages keep their (sound) results.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from .partition import SMALL
from .regions import connected_regions
from .sweep import (
    AnalysisTimeoutError,
    Box,
    Interval,
    Partition,
    PlainRule,
    find_dead_rules,
    find_gaps,
    find_overlaps,
    members,
)

POLICIES = ("unique", "first", "priority", "collect")


@dataclass(frozen=True)
class Analysis:
    gap_regions: list[list[Box]] | None  # connected regions of uncovered points
    overlaps: frozenset[tuple[int, int]] | None  # unique only: rule pairs that meet
    dead: dict[int, tuple[int, ...]] | None  # dead rule -> the rules that mask it
    empty: tuple[int, ...]  # rules with a cell that accepts nothing
    timed_out: bool = False


def empty_rules(columns: Sequence[Interval], rules: Sequence[PlainRule]) -> tuple[int, ...]:
    """Rules with a cell that accepts no value of its column."""
    return tuple(members(Partition(columns, rules).empty)) if rules else ()


def analyse(columns: Sequence[Interval], rules: Sequence[PlainRule], policy: str,
            ranks: Sequence[int | None] | None = None, deadline: float | None = None) -> Analysis:
    """Run the analyses `policy` calls for. `ranks` is only used by priority
    (the enum index of each rule's first output; None where unknown)."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}")
    part = Partition(columns, rules, deadline)
    empty = tuple(members(part.empty))
    if policy == "collect":
        # Collect tables sum whatever matches: no match is a valid empty sum
        # and several matches are the point, so only empty cells are findings.
        return Analysis(None, None, {r: () for r in empty}, empty)
    regions: list[list[Box]] | None = None
    overlaps: frozenset[tuple[int, int]] | None = None
    dead: dict[int, tuple[int, ...]] | None = None
    try:
        with deep_recursion(part):
            regions = connected_regions(find_gaps(columns, rules, part=part))
            part.tick()
            if policy == "unique":
                overlaps = frozenset(find_overlaps(columns, rules, part=part))
                dead = {r: () for r in empty}
            elif policy == "first":
                dead = find_dead_rules(columns, rules, None, part=part)
            else:
                dead = find_dead_rules(columns, rules, ranks, part=part)
    except AnalysisTimeoutError:
        return Analysis(regions, overlaps, dead, empty, timed_out=True)
    return Analysis(regions, overlaps, dead, empty)


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
