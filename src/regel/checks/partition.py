"""The space partition behind the gap, overlap and dead-rule analyses.

Works on plain data so benchmarks and the brute-force test oracle can call it
without a Module: `columns` is a list of domains `(lo, hi)` in integer units and
each rule is a tuple with one cell per column, a cell being a sorted union of
closed intervals or None for "any value".

The method grows out of the column-by-column boundary sweep of Calvanese et
al., "Semantics and analysis of DMN decision tables" (BPM 2016). A node is a box
of the input space plus the set of rules that meet it (a bitset in a Python
int), and for each column the rules that are *constrained* there, i.e. do not
accept the box's whole interval. A column nobody constrains is finished: every
active rule accepts all of it, so it can be left out of the search exactly as
the sweep leaves a column behind once its elementary segments are fixed; the
results are memoised on (active set, box of the unfinished columns), which is
the paper's (column, active set) memo generalised.

Where the paper cuts a column at every boundary of every active rule at once,
a node here cuts one column at one boundary, chosen so that as few rules as
possible fall on both sides (then for balance). On an enum or ja/nej column
that quickly reaches the same elementary segments; on a numeric column of a
decision-tree shaped table it finds the tree's own split first instead of
slicing every branch at every other branch's thresholds, which is what made the
plain sweep blow up on large tables (measured: 60 s against 1 s on 1.500 rows
by 15 columns). The cartesian product of the domains is never enumerated.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Sequence

Interval = tuple[int, int]
Cell = tuple[Interval, ...] | None
PlainRule = tuple[Cell, ...]
Box = tuple[Interval, ...]
# A box whose finished columns are still to be filled in by an ancestor.
OpenBox = tuple[Interval | None, ...]
Node = tuple[int, Box, tuple[int, ...]]  # active rules, box, constrained rules per column

# How many steps to take between two looks at the clock.
_CLOCK_EVERY = 64
# Columns with at most this many boundaries in a box may be cut at all of them at once.
_ELEMENTARY_MAX = 16


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
    """Normalised cells of one table version and the node operations."""

    def __init__(self, columns: Sequence[Interval], rules: Sequence[PlainRule],
                 deadline: float | None = None) -> None:
        self.domains: Box = tuple((int(d[0]), int(d[1])) for d in columns)
        self.ncols = len(self.domains)
        self.nrules = len(rules)
        self.deadline = deadline
        self._ticks = 0
        # cells[c][r]: None (any value) or a non-empty tuple of intervals.
        self.cells: list[list[Cell]] = [[None] * self.nrules for _ in range(self.ncols)]
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
        self.live = ((1 << self.nrules) - 1) & ~self.empty
        self.cons = tuple(m & self.live for m in cons)

    def tick(self) -> None:
        self._ticks += 1
        if self.deadline is not None and self._ticks % _CLOCK_EVERY == 0 and time.monotonic() > self.deadline:
            raise AnalysisTimeoutError

    def root(self, active: int | None = None) -> Node:
        s = self.live if active is None else active & self.live
        return s, self.domains, tuple(m & s for m in self.cons)

    @staticmethod
    def key(node: Node) -> tuple[int, OpenBox]:
        s, box, cons = node
        return s, tuple(iv if m else None for iv, m in zip(box, cons, strict=True))

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

    # -- choosing and making a cut ------------------------------------------------------------
    def expand(self, node: Node) -> list[tuple[int, Node]]:
        """Cut the node's box in one column. Returns `(column, child)` pairs
        whose boxes partition the box; children may repeat (same rules, same
        open box), which the callers' memo absorbs.

        Two kinds of cut are weighed per column, by how many rules end up in
        more than one distinct child (then by the largest child):
        * one threshold v (`< v` and `>= v`), the threshold found by bisecting
          sorted bounds; this follows the splits of numeric columns;
        * all boundaries at once (the paper's elementary segments), for
          columns with few boundaries in the box; this is what separates an
          enum column split into non-adjacent value sets, like {a, c} | {b, d}."""
        s, box, cons = node
        best: tuple[int, int, int, int] | None = None  # (dup, largest child, column, v)
        best_runs: tuple[int, int, int, list[tuple[int, int, int]]] | None = None
        for c, cm in enumerate(cons):
            if not cm:
                continue
            self.tick()
            both = (s & ~cm).bit_count()
            floor = min(best[0] if best else both + 1, best_runs[0] if best_runs else both + 1)
            if both > floor:
                continue  # every cut of this column repeats more rules than the best so far
            blo, bhi = box[c]
            cells = self.cells[c]
            los: list[int] = []
            his: list[int] = []
            cands: set[int] = set()
            for r in members(cm):
                cell = cells[r]
                first, last = cell[0][0], cell[-1][1]  # type: ignore[index]
                los.append(first if first > blo else blo)
                his.append(last if last < bhi else bhi)
                for a, b in cell:  # type: ignore[union-attr]
                    if blo < a <= bhi:
                        cands.add(a)
                    if blo <= b < bhi:
                        cands.add(b + 1)
            los.sort()
            his.sort()
            n = len(los)
            for v in cands:
                left = bisect_left(los, v)  # rules starting before v
                ended = bisect_left(his, v)  # rules ending before v
                score = (both + left - ended, max(left, n - ended), c, v)
                if best is None or score < best:
                    best = score
            if len(cands) <= _ELEMENTARY_MAX:
                runs = self.segments(node, c, sorted(cands))
                distinct = {m for _, _, m in runs}
                dup = sum(m.bit_count() for m in distinct) - s.bit_count()
                largest = max(m.bit_count() for m in distinct)
                if best_runs is None or (dup, largest) < best_runs[:2]:
                    best_runs = (dup, largest, c, runs)
        if best_runs is not None and (best is None or best_runs[:2] <= best[:2]):
            _, _, c, runs = best_runs
            out = []
            for lo, hi, m in runs:
                cbox = box[:c] + ((lo, hi),) + box[c + 1:]
                out.append((c, (m, cbox, tuple(0 if k == c else x & m for k, x in enumerate(cons)))))
            return out
        assert best is not None, "a node with constrained rules has a boundary inside its box"
        c, v = best[2], best[3]
        return [(c, child) for child in self.cut(node, c, v)]

    def segments(self, node: Node, c: int, points: list[int]) -> list[tuple[int, int, int]]:
        """Column c of the box cut at every boundary: maximal runs `(lo, hi,
        active rules)`; every rule active in a run accepts all of it."""
        s, box, cons = node
        blo, bhi = box[c]
        cells = self.cells[c]
        # A rule's intervals are disjoint and non-adjacent, so at each boundary
        # it either starts or stops: XOR toggles it exactly.
        delta: dict[int, int] = {}
        cur = s & ~cons[c]
        for r in members(cons[c]):
            bit = 1 << r
            for a, b in cells[r]:  # type: ignore[union-attr]
                if b < blo or a > bhi:
                    continue
                if a <= blo:
                    cur |= bit
                else:
                    delta[a] = delta.get(a, 0) ^ bit
                if b < bhi:
                    delta[b + 1] = delta.get(b + 1, 0) ^ bit
        runs: list[tuple[int, int, int]] = []
        prev = blo
        for v in points:
            if runs and runs[-1][2] == cur:
                runs[-1] = (runs[-1][0], v - 1, cur)
            else:
                runs.append((prev, v - 1, cur))
            cur ^= delta.get(v, 0)
            prev = v
        if runs and runs[-1][2] == cur:
            runs[-1] = (runs[-1][0], bhi, cur)
        else:
            runs.append((prev, bhi, cur))
        return runs

    def cut(self, node: Node, c: int, v: int) -> tuple[Node, Node]:
        """The two halves of a node's box at `v` in column c, with their rules."""
        s, box, cons = node
        blo, bhi = box[c]
        cm = cons[c]
        open_rules = s & ~cm
        in_l = in_r = open_rules
        cons_l = cons_r = 0
        cells = self.cells[c]
        for r in members(cm):
            bit = 1 << r
            meets_l = meets_r = covers_l = covers_r = False
            for a, b in cells[r]:  # type: ignore[union-attr]
                if a < v and b >= blo:
                    meets_l = True
                    covers_l = covers_l or (a <= blo and b >= v - 1)
                if b >= v and a <= bhi:
                    meets_r = True
                    covers_r = covers_r or (a <= v and b >= bhi)
            if meets_l:
                in_l |= bit
                if not covers_l:
                    cons_l |= bit
            if meets_r:
                in_r |= bit
                if not covers_r:
                    cons_r |= bit
        box_l = box[:c] + ((blo, v - 1),) + box[c + 1:]
        box_r = box[:c] + ((v, bhi),) + box[c + 1:]
        left = (in_l, box_l, tuple(cons_l if k == c else m & in_l for k, m in enumerate(cons)))
        right = (in_r, box_r, tuple(cons_r if k == c else m & in_r for k, m in enumerate(cons)))
        return left, right


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
