"""The space partition behind the gap, overlap and dead-rule analyses.

Works on plain data so benchmarks and the brute-force test oracle can call it
without a Module: `columns` is a list of domains `(lo, hi)` in integer units and
each rule is a tuple with one cell per column, a cell being a sorted union of
closed intervals or None for "any value".

The method grows out of the column-by-column boundary sweep of Calvanese et
al., "Semantics and analysis of DMN decision tables" (BPM 2016). A node is a box
of the input space plus the set of rules that meet it (a bitset in a Python
int), and for each column the rules that are *constrained* there, i.e. do not
accept the box's whole extent in that column. A column nobody constrains is
finished: every active rule accepts all of it, so the search leaves it behind
exactly as the sweep leaves a column once its elementary segments are fixed;
results are memoised on (active set, box of the unfinished columns), the
paper's (column, active set) memo generalised.

Where the paper cuts a column at every boundary of every active rule at once,
a node here makes one two-way cut, chosen so that as few rules as possible
land on both sides (then for balance): a threshold at a rule boundary on a
wide column, or one of the rules' own value sets on a small column (an enum
split {a, c} | {b, d} has no clean threshold). On a decision-tree shaped table
this finds the tree's own splits instead of slicing every branch at every
other branch's thresholds. Measured on the benchmark's 1.500 x 15 table: the
plain sweep (with per-node column choice) took 60 s on one seed and 7 s on
another; this takes 0,2 s; 10.000 x 15 takes about 3 s. The cartesian product
of the domains is never enumerated.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import repeat
from operator import sub

from .budget import AnalysisTimeoutError, Budget

Interval = tuple[int, int]
Cell = tuple[Interval, ...] | None
PlainRule = tuple[Cell, ...]
Box = tuple[Interval, ...]
# A box whose finished columns are still to be filled in by an ancestor.
# Box entries are intervals for wide columns and value bitmasks for small ones.
OpenBox = tuple[object, ...]
Node = tuple[int, tuple[object, ...], tuple[int, ...]]  # active rules, box, constrained rules per column

# Columns with at most this many values are held as value bitmasks and cut by value sets.
SMALL = 64

__all__ = ["AnalysisTimeoutError", "Budget", "Partition", "members"]


def members(mask: int) -> list[int]:
    """The indices of the set bits of `mask`, ascending.

    Scans the binary text with str.find, which stays fast for the wide but
    sparse masks that deep nodes of a large table have; the mask is shifted
    down to its lowest member first, so a node holding rules 40.000-40.010
    reads eleven digits, not forty thousand."""
    if not mask:
        return []
    low = (mask & -mask).bit_length() - 1
    s = bin(mask >> low)[:1:-1]
    out = []
    i = s.find("1")
    while i >= 0:
        out.append(i + low)
        i = s.find("1", i + 1)
    return out


def normalise_cell(cell: Cell, dom: Interval) -> Cell:
    """Clip and merge a cell; None when it accepts the whole domain, () when nothing."""
    if cell is None:
        return None
    lo, hi = dom
    if len(cell) == 1:  # the common case, without the sort
        a, b = cell[0]
        a, b = max(a, lo), min(b, hi)
        if a > b:
            return ()
        return None if a == lo and b == hi else ((a, b),)
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
    """Normalised cells of one table version and the node operations.

    A column whose domain has at most SMALL values (enums, ja/nej, short
    ranges) is held as bitmasks of values, so a node can be cut by any value
    set, e.g. {a, c} | {b, d}; wider columns are held as intervals and cut at
    a threshold. A node's box holds a mask or an interval per column."""

    def __init__(self, columns: Sequence[Interval], rules: Sequence[PlainRule],
                 budget: Budget | float | None = None) -> None:
        self.domains: Box = tuple((int(d[0]), int(d[1])) for d in columns)
        self.ncols = len(self.domains)
        self.nrules = len(rules)
        self.budget = Budget.of(budget)  # a bare float is a deadline (the old API)
        self.tick = self.budget.tick
        # Estimated bytes of one node kept in a memo: the active set, the key
        # tuple and its box (intervals are mostly shared with the parent).
        self.node_bytes = self.nrules // 8 + 120 + 16 * self.ncols
        # ... and of one box of gaps (a tuple of ncols entries).
        self.box_bytes = 56 + 8 * self.ncols
        self.small = tuple(hi - lo + 1 <= SMALL for lo, hi in self.domains)
        # cells[c][r]: None (any value) or a non-empty tuple of intervals;
        # masks[c][r]: the same as a value bitmask for small columns.
        self.cells: list[list[Cell]] = [[None] * self.nrules for _ in range(self.ncols)]
        self.masks: list[list[int]] = [[0] * self.nrules if sm else [] for sm in self.small]
        cons = [0] * self.ncols
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
                    cons[c] |= 1 << r
                    if self.small[c]:
                        base = self.domains[c][0]
                        self.masks[c][r] = sum(((1 << (b - a + 1)) - 1) << (a - base) for a, b in norm)
        self.live = ((1 << self.nrules) - 1) & ~self.empty
        self.cons = tuple(m & self.live for m in cons)
        self.root_box: tuple[object, ...] = tuple(
            (1 << (hi - lo + 1)) - 1 if sm else (lo, hi) for (lo, hi), sm in zip(self.domains, self.small, strict=True))

    def root(self, active: int | None = None) -> Node:
        s = self.live if active is None else active & self.live
        return s, self.root_box, tuple(m & s for m in self.cons)

    @staticmethod
    def key(node: Node) -> tuple[int, int, OpenBox]:
        # bit_length is in the key for its hash: an int hashes modulo 2**61 - 1,
        # so the masks 1 << r and 1 << (r + 61) collide, and a memo of one-rule
        # leaves degrades to a list scan.
        s, box, cons = node
        return s, s.bit_length(), tuple(iv if m else None for iv, m in zip(box, cons, strict=True))

    @staticmethod
    def constrained(node: Node) -> int:
        """Rules constrained in some column: the others accept the whole box."""
        out = 0
        for m in node[2]:
            out |= m
        return out

    @staticmethod
    def narrow(node: Node, active: int) -> Node:
        """The same box with fewer active rules."""
        return active, node[1], tuple(m & active for m in node[2])

    def intervals(self, c: int, part: object) -> list[Interval]:
        """A box entry of column c as sorted unit intervals."""
        if not self.small[c]:
            return [part]  # type: ignore[list-item]
        base = self.domains[c][0]
        out: list[Interval] = []
        bits = part  # type: int
        v = 0
        while bits:  # type: ignore[operator]
            if bits & 1:  # type: ignore[operator]
                if out and out[-1][1] == base + v - 1:
                    out[-1] = (out[-1][0], base + v)
                else:
                    out.append((base + v, base + v))
            bits >>= 1  # type: ignore[operator]
            v += 1
        return out

    def meet_in_box(self, r: int, x: int, box: tuple[object, ...]) -> bool:
        """Do rules r and x match a common point of the box? (Both are known
        to meet the box; the question is whether they meet each other there.)"""
        for c in range(self.ncols):
            cr, cx = self.cells[c][r], self.cells[c][x]
            if cr is None or cx is None:
                continue
            if self.small[c]:
                if not self.masks[c][r] & self.masks[c][x] & box[c]:  # type: ignore[operator]
                    return False
                continue
            blo, bhi = box[c]  # type: ignore[misc]
            if not any(max(a, p, blo) <= min(b, q, bhi) for a, b in cr for p, q in cx):
                return False
        return True

    # -- choosing and making a cut ------------------------------------------------------------
    def expand(self, node: Node) -> tuple[int, Node, Node]:
        """Cut the node's box in two along one column: `(column, low, high)`."""
        _dup, c, at = self.choose(node)
        low, high = self.cut(node, c, at)
        return c, low, high

    def choose(self, node: Node) -> tuple[int, int, object]:
        """The best cut of a node: `(rules landing on both sides, column, cut)`.

        The cut is the one that puts fewest rules on both sides (rules open
        in the column always go to both), then the one whose larger side is
        smallest. Candidates are the thresholds at rule boundaries for wide
        columns and the rules' own value sets for small columns, so the
        splits a table was written with are found first."""
        s, box, cons = node
        best: tuple[int, int, int, object] | None = None  # (dup, larger side, column, cut)
        for c, cm in enumerate(cons):
            if not cm:
                continue
            self.tick()
            both = (s & ~cm).bit_count()
            if best is not None and both > best[0]:
                continue  # every cut of this column repeats more rules than the best so far
            found = self._best_set(c, cm, box[c]) if self.small[c] else self._best_threshold(c, cm, box[c])
            score = (both + found[0], found[1] + both, c, found[2])
            if best is None or score[:3] < best[:3]:
                best = score
        assert best is not None, "a node with constrained rules has a boundary inside its box"
        return best[0], best[2], best[3]

    def _best_threshold(self, c: int, cm: int, part: object) -> tuple[int, int, object]:
        blo, bhi = part  # type: ignore[misc]
        cells = self.cells[c]
        los: list[int] = []
        his: list[int] = []
        cands: set[int] = set()
        # Counted per interval, not per rule: a cell like «ikke 50 %» has a
        # piece on each side of 50, and a cut between its pieces is clean.
        for r in members(cm):
            for a, b in cells[r]:  # type: ignore[union-attr]
                if b < blo or a > bhi:
                    continue
                los.append(a if a > blo else blo)
                his.append(b if b < bhi else bhi)
                if a > blo:
                    cands.add(a)
                if b < bhi:
                    cands.add(b + 1)
        los.sort()
        his.sort()
        n = len(los)
        # Score every candidate v by (intervals on both sides, larger side, v)
        # with map() instead of a Python loop: a deep node of a nested table
        # has thousands of candidates, and this is where such tables spend
        # their time.
        cs = list(cands)
        left = list(map(bisect_left, repeat(los), cs))  # intervals starting before v
        ended = list(map(bisect_left, repeat(his), cs))  # intervals ending before v
        return min(zip(map(sub, left, ended), map(max, left, map(sub, repeat(n), ended)), cs, strict=True))

    def _best_set(self, c: int, cm: int, part: object) -> tuple[int, int, object]:
        box = part  # type: int
        masks = self.masks[c]
        count: dict[int, int] = {}
        for r in members(cm):
            m = masks[r] & box  # type: ignore[operator]
            count[m] = count.get(m, 0) + 1
        best = None
        for cand in count:
            if cand == box:
                continue
            rest = box & ~cand  # type: ignore[operator]
            both = low = high = 0
            for m, k in count.items():
                if m & cand:
                    low += k
                    if m & rest:
                        both += k
                        high += k
                elif m & rest:
                    high += k
            score = (both, max(low, high), cand)
            if best is None or score < best:
                best = score
        assert best is not None, "a constrained small column has a cell that is not the whole box"
        return best

    def cut(self, node: Node, c: int, at: object) -> tuple[Node, Node]:
        """The two parts of a node's box in column c, with their rules: below
        and from threshold `at` for a wide column, inside and outside value
        set `at` for a small one."""
        s, box, cons = node
        cm = cons[c]
        open_rules = s & ~cm
        in_l = in_r = open_rules
        cons_l = cons_r = 0
        if self.small[c]:
            part_l = box[c] & at  # type: ignore[operator]
            part_r = box[c] & ~at  # type: ignore[operator]
            masks = self.masks[c]
            for r in members(cm):
                bit = 1 << r
                m = masks[r]
                if m & part_l:
                    in_l |= bit
                    if part_l & ~m:
                        cons_l |= bit
                if m & part_r:
                    in_r |= bit
                    if part_r & ~m:
                        cons_r |= bit
        else:
            blo, bhi = box[c]  # type: ignore[misc]
            v = at  # type: int
            part_l, part_r = (blo, v - 1), (v, bhi)  # type: ignore[operator]
            cells = self.cells[c]
            for r in members(cm):
                bit = 1 << r
                meets_l = meets_r = covers_l = covers_r = False
                for a, b in cells[r]:  # type: ignore[union-attr]
                    if a < v and b >= blo:  # type: ignore[operator]
                        meets_l = True
                        covers_l = covers_l or (a <= blo and b >= v - 1)  # type: ignore[operator]
                    if b >= v and a <= bhi:  # type: ignore[operator]
                        meets_r = True
                        covers_r = covers_r or (a <= v and b >= bhi)  # type: ignore[operator]
                if meets_l:
                    in_l |= bit
                    if not covers_l:
                        cons_l |= bit
                if meets_r:
                    in_r |= bit
                    if not covers_r:
                        cons_r |= bit
        box_l = box[:c] + (part_l,) + box[c + 1:]
        box_r = box[:c] + (part_r,) + box[c + 1:]
        low = (in_l, box_l, tuple(cons_l if k == c else m & in_l for k, m in enumerate(cons)))
        high = (in_r, box_r, tuple(cons_r if k == c else m & in_r for k, m in enumerate(cons)))
        return low, high


def fill(sub: Sequence[OpenBox], parent: Node, child: Node) -> list[OpenBox]:
    """Boxes found below `child`, with the columns that were open at the parent
    but are finished at the child filled in from the child's box."""
    pcons, (_, cbox, ccons) = parent[2], child
    todo = [k for k, (pm, cm) in enumerate(zip(pcons, ccons, strict=True)) if pm and not cm]
    if not todo:
        return list(sub)
    out = []
    for b in sub:
        nb = list(b)
        for k in todo:
            nb[k] = cbox[k]
        out.append(tuple(nb))
    return out


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


def rules_meet(p: Partition, r: int, s: int) -> bool:
    """Do two live rules match a common point?"""
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
