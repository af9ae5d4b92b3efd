"""The partition sweep behind the gap, overlap and dead-rule analyses.

Works on plain data so benchmarks and the brute-force test oracle can call it
without a Module: `columns` is a list of domains `(lo, hi)` in integer units and
each rule is a tuple with one cell per column, a cell being a sorted union of
closed intervals or None for "any value".

The method is the column-by-column boundary sweep of Calvanese et al.,
"Semantics and analysis of DMN decision tables" (BPM 2016): at a node we know the
set of rules active on the region fixed so far (a bitset held in a Python int);
we cut one remaining column into elementary segments at the active rules'
boundaries, group adjacent segments with the same active set and recurse with
that set on the remaining columns. Nodes are memoised on (remaining columns,
active set). Two refinements make decision-tree shaped tables cheap:

* the column to cut next is chosen per node (the one constraining most active
  rules), which recovers the split structure of a tree instead of following the
  written column order;
* a rule that is unconstrained in every remaining column covers the whole node,
  so gap search stops there and dead-rule search keeps only rules that could
  still win against it.

The cartesian product of the domains is never enumerated.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

Interval = tuple[int, int]
Cell = tuple[Interval, ...] | None
PlainRule = tuple[Cell, ...]
Box = tuple[Interval, ...]

# How many nodes to visit between two looks at the clock.
_CLOCK_EVERY = 64


class AnalysisTimeoutError(Exception):
    """The deadline passed during an analysis; its partial result is unsound."""


def members(mask: int) -> list[int]:
    """The indices of the set bits of `mask`, ascending.

    Scans the binary text with str.find, which stays fast for the wide but
    sparse masks that deep nodes of a large table have."""
    s = bin(mask)[:1:-1]
    out = []
    i = s.find("1")
    while i >= 0:
        out.append(i)
        i = s.find("1", i + 1)
    return out


def normalise_cell(cell: Cell, dom: Interval) -> Cell:
    """Clip and merge a cell; None when it accepts the whole domain, () when nothing."""
    if cell is None:
        return None
    lo, hi = dom
    out: list[list[int]] = []
    for a, b in sorted((max(a, lo), min(b, hi)) for a, b in cell):
        if a > b:
            continue
        if out and a <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    if len(out) == 1 and out[0][0] == lo and out[0][1] == hi:
        return None
    return tuple((a, b) for a, b in out)


class Partition:
    """Shared state for the analyses of one table version: normalised cells,
    per-column masks of constraining rules and the memoised segment splits."""

    def __init__(self, columns: Sequence[Interval], rules: Sequence[PlainRule],
                 deadline: float | None = None) -> None:
        self.domains = [tuple(d) for d in columns]
        self.ncols = len(self.domains)
        self.nrules = len(rules)
        self.deadline = deadline
        self._ticks = 0
        # cells[c][r]: None (any value) or a non-empty tuple of intervals.
        self.cells: list[list[Cell]] = [[None] * self.nrules for _ in range(self.ncols)]
        self.cons = [0] * self.ncols  # rules that constrain column c
        self.empty = 0  # rules with a cell that accepts nothing: they never match
        for r, rule in enumerate(rules):
            if len(rule) != self.ncols:
                raise ValueError(f"rule {r} has {len(rule)} cells, expected {self.ncols}")
            for c, cell in enumerate(rule):
                norm = normalise_cell(cell, self.domains[c])
                if norm == ():
                    self.empty |= 1 << r
                elif norm is not None:
                    self.cells[c][r] = norm
                    self.cons[c] |= 1 << r
        self.live = ((1 << self.nrules) - 1) & ~self.empty
        for c in range(self.ncols):
            self.cons[c] &= self.live
        self.all_columns = (1 << self.ncols) - 1
        self._split_cache: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        self._cons_cache: dict[int, int] = {}
        self._cols_cache: dict[int, list[int]] = {}

    # -- primitives ------------------------------------------------------------------------
    def tick(self) -> None:
        self._ticks += 1
        if self.deadline is not None and self._ticks % _CLOCK_EVERY == 0 and time.monotonic() > self.deadline:
            raise AnalysisTimeoutError

    def columns_of(self, rem: int) -> list[int]:
        cols = self._cols_cache.get(rem)
        if cols is None:
            cols = self._cols_cache[rem] = members(rem)
        return cols

    def constrained(self, rem: int) -> int:
        """Rules constraining at least one of the columns in `rem`."""
        m = self._cons_cache.get(rem)
        if m is None:
            m = 0
            for c in self.columns_of(rem):
                m |= self.cons[c]
            self._cons_cache[rem] = m
        return m

    def choose(self, rem: int, active: int) -> int:
        """The remaining column that constrains most active rules: cutting it
        first follows the natural split structure of the table."""
        best, best_n = -1, 0
        for c in self.columns_of(rem):
            n = (active & self.cons[c]).bit_count()
            if n > best_n:
                best, best_n = c, n
        return best

    def split(self, c: int, active: int) -> list[tuple[int, int, int]]:
        """Column c cut into maximal runs `(lo, hi, rules active there)`, covering
        the whole domain, for the rules in `active`."""
        key = (c, active)
        hit = self._split_cache.get(key)
        if hit is not None:
            return hit
        self.tick()
        cells = self.cells[c]
        # Each rule's intervals are disjoint and non-adjacent, so at every
        # boundary a rule either starts or stops: XOR toggles it exactly.
        delta: dict[int, int] = {}
        for r in members(active & self.cons[c]):
            bit = 1 << r
            for lo, hi in cells[r]:  # type: ignore[union-attr]
                delta[lo] = delta.get(lo, 0) ^ bit
                delta[hi + 1] = delta.get(hi + 1, 0) ^ bit
        dlo, dhi = self.domains[c]
        cur = active & ~self.cons[c]
        prev = dlo
        runs: list[tuple[int, int, int]] = []
        for p in sorted(delta):
            if p > prev:
                if runs and runs[-1][2] == cur:
                    runs[-1] = (runs[-1][0], p - 1, cur)
                else:
                    runs.append((prev, p - 1, cur))
            cur ^= delta[p]
            prev = p
        if prev <= dhi:
            if runs and runs[-1][2] == cur:
                runs[-1] = (runs[-1][0], dhi, cur)
            else:
                runs.append((prev, dhi, cur))
        self._split_cache[key] = runs
        return runs

    def full_box(self) -> Box:
        return tuple(self.domains)


# ---- gaps ----------------------------------------------------------------------------------


def find_gaps(columns: Sequence[Interval], rules: Sequence[PlainRule], deadline: float | None = None,
              part: Partition | None = None) -> list[Box]:
    """Disjoint boxes whose union is exactly the set of points no rule covers."""
    p = part or Partition(columns, rules, deadline)
    memo: dict[tuple[int, int], list[Box]] = {}
    domains = p.domains

    def visit(rem: int, active: int) -> list[Box]:
        key = (rem, active)
        hit = memo.get(key)
        if hit is not None:
            return hit
        p.tick()
        if active == 0:
            out = [tuple(domains[c] if rem >> c & 1 else (0, -1) for c in range(p.ncols))]
        elif active & ~p.constrained(rem):
            out = []  # some active rule accepts anything in the remaining columns
        else:
            c = p.choose(rem, active)
            rem2 = rem & ~(1 << c)
            out = []
            # A sub-box found in consecutive runs is one box over their union.
            open_: dict[Box, int] = {}
            for lo, _hi, sub_active in p.split(c, active):
                nxt: dict[Box, int] = {}
                for b in visit(rem2, sub_active):
                    nxt[b] = open_.pop(b, lo)
                for b, start in open_.items():
                    out.append(b[:c] + ((start, lo - 1),) + b[c + 1:])
                open_ = nxt
            dhi = domains[c][1]
            for b, start in open_.items():
                out.append(b[:c] + ((start, dhi),) + b[c + 1:])
        memo[key] = out
        return out

    return visit(p.all_columns, p.live)


# ---- overlaps ---------------------------------------------------------------------------------


def find_overlaps(columns: Sequence[Interval], rules: Sequence[PlainRule], deadline: float | None = None,
                  part: Partition | None = None) -> set[tuple[int, int]]:
    """All pairs (i, j), i < j, of rules that both match some point."""
    p = part or Partition(columns, rules, deadline)
    seen: set[tuple[int, int]] = set()
    pairs: set[tuple[int, int]] = set()

    def visit(rem: int, active: int) -> None:
        if active.bit_count() < 2 or (rem, active) in seen:
            return
        seen.add((rem, active))
        p.tick()
        cons = p.constrained(rem)
        full = active & ~cons
        if full:
            # A rule open in every remaining column meets every other active
            # rule here (no live rule has an empty cell).
            everyone = members(active)
            for r in members(full):
                p.tick()
                pairs.update((r, s) if r < s else (s, r) for s in everyone if s != r)
            active &= cons
            if active.bit_count() < 2:
                return
        c = p.choose(rem, active)
        rem2 = rem & ~(1 << c)
        for _lo, _hi, sub in p.split(c, active):
            visit(rem2, sub)

    visit(p.all_columns, p.live)
    return pairs


# ---- dead rules --------------------------------------------------------------------------------


def find_dead_rules(columns: Sequence[Interval], rules: Sequence[PlainRule],
                    ranks: Sequence[int | None] | None = None, deadline: float | None = None,
                    part: Partition | None = None) -> dict[int, tuple[int, ...]]:
    """Rules that can never be chosen, each with the live rules that mask it.

    `ranks` is the winning order: lower wins. None means policy first (the
    rank is the row). For policy priority pass the enum index of each rule's
    first output; a rule with rank None neither masks nor is masked. A rule
    with an empty cell is always dead, masked by nobody."""
    p = part or Partition(columns, rules, deadline)
    n = p.nrules
    rank = list(range(n)) if ranks is None else list(ranks)
    known = 0
    by_rank: dict[int, int] = {}
    for r, k in enumerate(rank):
        if k is not None:
            known |= 1 << r
            by_rank[k] = by_rank.get(k, 0) | 1 << r
    levels = sorted(by_rank)
    at_most: dict[int, int] = {}  # rank -> rules with that rank or better
    acc = 0
    for k in levels:
        acc |= by_rank[k]
        at_most[k] = acc
    alive = 0
    seen: set[tuple[int, int]] = set()

    def best_rank(mask: int) -> int:
        for k in levels:
            if mask & by_rank[k]:
                return k
        raise AssertionError("empty mask")

    def visit(rem: int, active: int) -> None:
        nonlocal alive
        if active == 0 or (rem, active) in seen:
            return
        seen.add((rem, active))
        p.tick()
        cons = p.constrained(rem)
        full = active & ~cons
        if full:
            # The best rule open in all remaining columns wins wherever no
            # better rule matches; worse rules cannot win anywhere below.
            q = best_rank(full)
            active &= at_most[q]
            if not active & cons:
                alive |= active & by_rank[q]
                return
        c = p.choose(rem, active)
        rem2 = rem & ~(1 << c)
        for _lo, _hi, sub in p.split(c, active):
            visit(rem2, sub)

    visit(p.all_columns, p.live & known)
    dead: dict[int, tuple[int, ...]] = {r: () for r in members(p.empty)}
    # The maskers of a dead rule are the live better-ranked rules it meets: a
    # dead rule it meets is itself covered by better live rules, so naming
    # only live ones still accounts for every point and does not mislead.
    alive_rules = members(alive)
    for r in members(p.live & known & ~alive):
        maskers = tuple(s for s in alive_rules
                        if rank[s] < rank[r] and _rules_meet(p, r, s))  # type: ignore[operator]
        dead[r] = maskers
    return dict(sorted(dead.items()))


def _cells_meet(a: Cell, b: Cell) -> bool:
    if a is None or b is None:
        return True
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][1] < b[j][0]:
            i += 1
        elif b[j][1] < a[i][0]:
            j += 1
        else:
            return True
    return False


def _rules_meet(p: Partition, r: int, s: int) -> bool:
    return all(_cells_meet(p.cells[c][r], p.cells[c][s]) for c in range(p.ncols))


def intersect_cells(a: Cell, b: Cell) -> Cell:
    """The intersection of two normalised cells (None = any)."""
    if a is None:
        return b
    if b is None:
        return a
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)
