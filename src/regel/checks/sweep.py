"""Gaps, overlaps and dead rules by recursive partition of the input space.

See partition.py for the method. Each analysis walks the same kind of node
(box + active rules) and stops as early as its question allows:

* gaps: a node with no active rule is a gap; a node where some active rule
  accepts the whole box has none;
* overlaps: a rule accepting the whole box meets every other active rule there;
  the search continues only among the rest;
* dead rules: a rule accepting the whole box beats every worse-ranked rule
  there; the search continues only with rules that could still win.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from .partition import (
    AnalysisTimeoutError,
    Box,
    Budget,
    Cell,
    Interval,
    Node,
    OpenBox,
    Partition,
    PlainRule,
    fill,
    intersect_cells,
    members,
    normalise_cell,
    rules_meet,
)

# Overlaps are tested pair by pair in a box with at most this many undecided
# pairs, or, when no cut separates the rules, this many pair-column tests.
PAIRWISE_SMALL = 64
PAIRWISE_BUDGET = 2_000_000

__all__ = [
    "AnalysisTimeoutError", "Box", "Budget", "Cell", "Interval", "Partition", "PlainRule", "find_dead_rules",
    "find_gaps", "find_overlaps", "intersect_cells", "members", "normalise_cell", "overlap_masks",
]


def find_gaps(columns: Sequence[Interval], rules: Sequence[PlainRule], deadline: Budget | float | None = None,
              part: Partition | None = None) -> list[Box]:
    """Disjoint boxes whose union is exactly the set of points no rule covers.

    `deadline` is a Budget or a time.monotonic() deadline; when it runs out
    AnalysisTimeoutError is raised (the same for the other analyses)."""
    p = part or Partition(columns, rules, deadline)
    memo: dict[tuple[int, int, OpenBox], list[OpenBox]] = {}
    ncols = p.ncols
    charge = p.budget.charge

    def visit(node: Node) -> list[OpenBox]:
        key = p.key(node)
        hit = memo.get(key)
        if hit is not None:
            return hit
        p.tick()
        s = node[0]
        if s == 0:
            out: list[OpenBox] = [(None,) * ncols]
        elif s & ~p.constrained(node):
            out = []  # an active rule accepts the whole box
        else:
            c, low, high = p.expand(node)
            out = _join(fill(visit(low), node, low), fill(visit(high), node, high), c, p.small[c])
        memo[key] = out
        charge(p.node_bytes + len(out) * p.box_bytes)
        return out

    root = p.root()
    found = fill(visit(root), (0, p.root_box, (1,) * ncols), root)  # fill what the root left open
    boxes: list[Box] = []
    for b in found:
        # A value-set box is a product of runs of values, one box per
        # combination: count them before making them (20 enum columns with
        # two runs each would be a million boxes).
        parts = [p.intervals(c, part) for c, part in enumerate(b)]
        count = 1
        for runs in parts:
            count *= len(runs)
        charge(count * p.box_bytes)
        p.tick(count)
        boxes.extend(itertools.product(*parts))
    return boxes


def _join(low: list[OpenBox], high: list[OpenBox], c: int, small: bool) -> list[OpenBox]:
    """Both sides' boxes, merging boxes that agree outside column c and can be
    one box: any two for a value-set column (their sets unite), touching ones
    for an interval column."""
    if not low or not high:
        return low or high
    out = list(low)
    where: dict[OpenBox, int] = {}
    for i, b in enumerate(low):
        if b[c] is not None:
            where[b[:c] + (None,) + b[c + 1:]] = i
    for b in high:
        part = b[c]
        i = where.pop(b[:c] + (None,) + b[c + 1:], -1) if part is not None else -1
        if i >= 0:
            other = out[i][c]
            if small:
                out[i] = b[:c] + (other | part,) + b[c + 1:]  # type: ignore[operator]
                continue
            if other[1] + 1 == part[0]:  # type: ignore[index]
                out[i] = b[:c] + ((other[0], part[1]),) + b[c + 1:]  # type: ignore[index]
                continue
        out.append(b)
    return out


def find_overlaps(columns: Sequence[Interval], rules: Sequence[PlainRule], deadline: Budget | float | None = None,
                  part: Partition | None = None) -> set[tuple[int, int]]:
    """All pairs (i, j), i < j, of rules that both match some point."""
    meets = overlap_masks(columns, rules, deadline, part)
    return {(r, x) for r, m in enumerate(meets) for x in members(m >> (r + 1) << (r + 1))}


def overlap_masks(columns: Sequence[Interval], rules: Sequence[PlainRule], deadline: Budget | float | None = None,
                  part: Partition | None = None) -> list[int]:
    """For each rule, the bitmask of the other rules it meets (n² bits at
    most, where a set of pairs would be n² tuples: 1.000 rows that all
    overlap are 500.000 pairs).

    The partition finds overlaps in output-sensitive time when rules are
    well separated (a decision tree). When they are not (most cells `-`, so
    every cut sends most rules to both sides) the pairs still undecided in
    the box are tested directly instead, as long as that is affordable."""
    p = part or Partition(columns, rules, deadline)
    seen: set[tuple[int, int, OpenBox]] = set()
    meets = [0] * p.nrules
    decided = [0] * p.nrules  # decided[r]: rules known to meet r, or known not to
    charge = p.budget.charge
    row_bytes = p.nrules // 4 + 64  # a full row of `meets` and of `decided`

    def meet(r: int, x: int) -> None:
        for a, b in ((r, x), (x, r)):
            if not decided[a]:
                charge(row_bytes)
            decided[a] |= 1 << b
            meets[a] |= 1 << b

    def undecided(s: int) -> tuple[int, int]:
        """The rules of s with a partner in s not yet decided, and the number
        of such pairs. Other rules cannot take part in a new pair, so the
        search drops them (they do not change where the rest meet)."""
        keep = total = 0
        for r in members(s):
            n = (s & ~decided[r] & ~(1 << r)).bit_count()
            if n:
                keep |= 1 << r
                total += n
        return keep, total // 2

    def pairwise(s: int, box: tuple[object, ...]) -> None:
        # A pair that does not meet in this box may still meet elsewhere, so
        # only the whole domain decides "never meet".
        whole = box == p.root_box
        for r in members(s):
            xs = members(s & ~decided[r] & ~((1 << (r + 1)) - 1))
            p.tick(1 + len(xs))
            for x in xs:
                if p.meet_in_box(r, x, box):
                    meet(r, x)
                elif whole:
                    for a, b in ((r, x), (x, r)):
                        if not decided[a]:
                            charge(row_bytes)
                        decided[a] |= 1 << b

    def visit(node: Node) -> None:
        s, todo = undecided(node[0])
        if todo == 0:
            return
        if s != node[0]:
            node = p.narrow(node, s)
        key = p.key(node)
        if key in seen:
            return
        seen.add(key)
        charge(p.node_bytes)
        p.tick()
        cons = p.constrained(node)
        full = s & ~cons
        if full:
            # A rule accepting the whole box meets every other active rule
            # (each active rule meets the box, and none has an empty cell):
            # whole rows of bits at once, not pair by pair.
            for r in members(full):
                p.tick()
                new = s & ~decided[r] & ~(1 << r)
                if not new:
                    continue
                if not decided[r]:
                    charge(row_bytes)
                decided[r] |= new
                meets[r] |= new
                bit = 1 << r
                for x in members(new):
                    p.tick()
                    if not decided[x]:
                        charge(row_bytes)
                    decided[x] |= bit
                    meets[x] |= bit
            s, todo = undecided(s & cons)
            if todo == 0:
                return
            node = p.narrow(node, s)
        if todo <= PAIRWISE_SMALL:
            pairwise(s, node[1])
            return
        dup, c, at = p.choose(node)
        if 2 * dup >= s.bit_count() and todo * p.ncols <= PAIRWISE_BUDGET:
            pairwise(s, node[1])  # cutting would copy most rules to both sides
            return
        low, high = p.cut(node, c, at)
        visit(low)
        visit(high)

    visit(p.root())
    return meets


def find_dead_rules(columns: Sequence[Interval], rules: Sequence[PlainRule],
                    ranks: Sequence[int | None] | None = None, deadline: float | None = None,
                    part: Partition | None = None, alive: int = 0) -> dict[int, tuple[int, ...]]:
    """Rules that can never be chosen, each with the live rules that mask it.

    `ranks` is the winning order: lower wins. None means policy first (the
    rank is the row). For policy priority pass the enum index of each rule's
    first output; a rule with rank None neither masks nor is masked. A rule
    with an empty cell is always dead, masked by nobody.

    `alive` may name rules already known to win somewhere (plane.py finds
    witnesses for most rules of a two-column table): a box whose active
    rules are all known alive is not searched, and a box is searched only
    with the rules ranked as well as its worst undecided rule or better."""
    p = part or Partition(columns, rules, deadline)
    rank = list(range(p.nrules)) if ranks is None else list(ranks)
    known = 0
    by_rank: dict[int, int] = {}
    for r, k in enumerate(rank):
        if k is not None:
            known |= 1 << r
            by_rank[k] = by_rank.get(k, 0) | 1 << r
    levels = sorted(by_rank)
    at_most: dict[int, int] = {}  # rank -> rules with that rank or better
    acc = 0
    if ranks is not None:
        for k in levels:
            acc |= by_rank[k]
            at_most[k] = acc
    seen: set[tuple[int, int, OpenBox]] = set()

    def best(mask: int) -> tuple[int, int]:
        """(rules ranked as well as or better than the best of mask, rules
        ranked equal to it)."""
        if ranks is None:  # policy first: the lowest row wins; no ties
            low = mask & -mask
            return (low << 1) - 1, low
        for k in levels:
            if mask & by_rank[k]:
                return at_most[k], by_rank[k]
        raise AssertionError("empty mask")

    def keep(todo: int) -> int:
        """The rules that can decide whether the undecided rules `todo` win:
        those ranked as well as the worst of them, or better."""
        if ranks is None:
            return (1 << todo.bit_length()) - 1
        for k in reversed(levels):
            if todo & by_rank[k]:
                return at_most[k]
        raise AssertionError("empty mask")

    def visit(node: Node) -> None:
        nonlocal alive
        todo = node[0] & ~alive
        if todo == 0:
            return  # every rule here is known to win somewhere
        s = node[0] & keep(todo)
        if s != node[0]:
            node = p.narrow(node, s)
        key = p.key(node)
        if key in seen:
            return
        seen.add(key)
        p.budget.charge(p.node_bytes)
        p.tick()
        s = node[0]
        cons = p.constrained(node)
        full = s & ~cons
        if full:
            # The best rule accepting the whole box wins wherever no better
            # rule matches; worse rules cannot win anywhere in this box.
            as_good, equal = best(full)
            s &= as_good
            if not s & cons:
                alive |= s & equal
                return
            node = p.narrow(node, s)
        _c, low, high = p.expand(node)
        visit(low)
        visit(high)

    visit(p.root(known))
    dead: dict[int, tuple[int, ...]] = {r: () for r in members(p.empty)}
    # The maskers of a dead rule are the live better-ranked rules it meets: a
    # dead rule it meets is itself covered by better live rules, so naming
    # only live ones still accounts for every point and does not mislead.
    dead.update(maskers(p, members(p.live & known & ~alive), members(alive), rank))
    return dict(sorted(dead.items()))


def maskers(p: Partition, dead: list[int], alive: list[int], rank: Sequence[int | None]
            ) -> dict[int, tuple[int, ...]]:
    """For each dead rule, the live better-ranked rules it meets, ascending.

    Only pairs whose extents in column 0 overlap are tested (a sweep along
    column 0, as line.py does for one column): testing every dead rule
    against every live one cost seconds on a table with hundreds of each."""
    found: dict[int, list[int]] = {r: [] for r in dead}
    if not dead or not alive:
        return {r: () for r in dead}
    dom, cells = p.domains[0], p.cells[0]
    events = []
    for is_dead, group in ((1, dead), (0, alive)):
        for r in group:
            cell = cells[r]
            a, b = dom if cell is None else (cell[0][0], cell[-1][1])
            events.append((a, 1, is_dead, r))
            events.append((b + 1, 0, is_dead, r))
    events.sort()  # at one position ends come first: touching extents do not meet
    p.tick(len(events))
    open_rules: tuple[dict[int, None], dict[int, None]] = ({}, {})  # (alive, dead)
    for _pos, start, is_dead, r in events:
        if not start:
            del open_rules[is_dead][r]
            continue
        others = open_rules[1 - is_dead]
        p.tick(1 + len(others))
        for x in others:
            d, a = (r, x) if is_dead else (x, r)
            if rank[a] < rank[d] and rules_meet(p, d, a):  # type: ignore[operator]
                found[d].append(a)
        open_rules[is_dead][r] = None
    return {r: tuple(sorted(xs)) for r, xs in found.items()}
