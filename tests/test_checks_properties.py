"""The sweep against a brute-force enumerator on small random tables.

Every verdict is compared in both directions: the same uncovered points, the
same number of connected holes, the same overlapping pairs, the same dead
rules and masking rules. `pytest -m slow` runs many more examples.
"""

from __future__ import annotations

import itertools
from collections import deque
from contextlib import contextmanager

import pytest
from example_counts import example_counts
from hypothesis import given
from hypothesis import strategies as st

from regel.checks import (
    analyse,
    connected_regions,
    find_dead_rules,
    find_gaps,
    find_overlaps,
    overlap_groups,
    partition,
    sweep,
)
from regel.checks.sweep import members, normalise_cell

EXAMPLES = example_counts(200, 3000, deadline=None)
HALF = example_counts(100, 1500, deadline=None)


# ---- random small tables ------------------------------------------------------------------


@st.composite
def tables(draw):
    ncols = draw(st.integers(2, 4))
    columns = []
    for _ in range(ncols):
        lo = draw(st.integers(-3, 3))
        columns.append((lo, lo + draw(st.integers(0, 5))))
    nrules = draw(st.integers(1, 8))
    rules = []
    for _ in range(nrules):
        rule = []
        for lo, hi in columns:
            kind = draw(st.integers(0, 9))
            if kind < 3:
                rule.append(None)
            elif kind == 3:
                rule.append(())  # an empty cell
            else:
                # 1-3 random intervals, possibly reaching outside the domain or
                # overlapping each other: the sweep must clip and merge.
                ivs = []
                for _ in range(draw(st.integers(1, 3))):
                    a = draw(st.integers(lo - 1, hi + 1))
                    b = draw(st.integers(a, hi + 2))
                    ivs.append((a, b))
                rule.append(tuple(sorted(ivs)))
        rules.append(tuple(rule))
    ranks = draw(st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=nrules, max_size=nrules))
    return columns, rules, ranks


# ---- the oracle -------------------------------------------------------------------------------


def matches(rule, point) -> bool:
    return all(cell is None or any(a <= x <= b for a, b in cell) for cell, x in zip(rule, point, strict=True))


def points(columns):
    return itertools.product(*(range(lo, hi + 1) for lo, hi in columns))


def brute(columns, rules):
    """For each point, the rules that match it."""
    return {pt: [r for r, rule in enumerate(rules) if matches(rule, pt)] for pt in points(columns)}


def components(cells: set) -> int:
    """Connected components of points under ±1 in one coordinate."""
    left, count = set(cells), 0
    while left:
        count += 1
        todo = deque([left.pop()])
        while todo:
            p = todo.popleft()
            for d in range(len(p)):
                for step in (-1, 1):
                    q = p[:d] + (p[d] + step,) + p[d + 1:]
                    if q in left:
                        left.remove(q)
                        todo.append(q)
    return count


def empty_cells(rules, columns) -> set[int]:
    return {r for r, rule in enumerate(rules)
            if any(normalise_cell(c, d) == () for c, d in zip(rule, columns, strict=True))}


def covers(rules, maskers, r, hit) -> bool:
    """Every point of rule r is matched by one of `maskers`."""
    return all(any(s in rs for s in maskers) for rs in hit.values() if r in rs)


def box_points(box):
    return set(itertools.product(*(range(lo, hi + 1) for lo, hi in box)))


def meet(rules, r, s, columns) -> bool:
    return any(matches(rules[r], pt) and matches(rules[s], pt) for pt in points(columns))


# ---- switches between the analyses' internal paths ------------------------------------------------


@contextmanager
def small_columns(limit: int):
    """Columns with at most `limit` values are cut by value sets, the rest at
    thresholds: 0 forces the threshold path, 3 mixes both on one table."""
    old = partition.SMALL
    partition.SMALL = limit
    try:
        yield
    finally:
        partition.SMALL = old


@contextmanager
def pairwise_limits(small: int, budget: int):
    """Move the switch between partition and direct pair tests, so that the
    small random tables exercise each path."""
    old = sweep.PAIRWISE_SMALL, sweep.PAIRWISE_BUDGET
    sweep.PAIRWISE_SMALL, sweep.PAIRWISE_BUDGET = small, budget
    try:
        yield
    finally:
        sweep.PAIRWISE_SMALL, sweep.PAIRWISE_BUDGET = old


# ---- properties -----------------------------------------------------------------------------------


@pytest.mark.parametrize("small", [64, 3, 0], ids=["sets", "mixed", "thresholds"])
@pytest.mark.parametrize("examples", EXAMPLES)
def test_gaps_equal_brute_force(small, examples):
    @examples
    @given(table=tables())
    def check(table):
        columns, rules, _ = table
        hit = brute(columns, rules)
        uncovered = {pt for pt, rs in hit.items() if not rs}
        with small_columns(small):
            boxes = find_gaps(columns, rules)
        covered_by_boxes: set = set()
        for b in boxes:
            pts = box_points(b)
            assert pts, f"empty gap box {b}"
            assert not pts & covered_by_boxes, "gap boxes must be disjoint"
            covered_by_boxes |= pts
        assert covered_by_boxes == uncovered
        regions = connected_regions(boxes)
        assert len(regions) == components(uncovered)
        for region in regions:  # each region is itself connected
            pts = set().union(*(box_points(b) for b in region))
            assert components(pts) == 1

    check()


@pytest.mark.parametrize("small", [64, 0], ids=["sets", "thresholds"])
@pytest.mark.parametrize("limits", [None, (0, 0), (3, 0), (0, 10**6)], ids=["default", "partition", "local", "dense"])
@pytest.mark.parametrize("examples", HALF)
def test_overlaps_equal_brute_force(limits, small, examples):
    @examples
    @given(table=tables())
    def check(table):
        columns, rules, _ = table
        hit = brute(columns, rules)
        expected = {(a, b) for rs in hit.values() for a, b in itertools.combinations(rs, 2)}
        with small_columns(small):
            if limits is None:
                assert find_overlaps(columns, rules) == expected
            else:
                with pairwise_limits(*limits):
                    assert find_overlaps(columns, rules) == expected

    check()


@pytest.mark.parametrize("small", [64, 0], ids=["sets", "thresholds"])
@pytest.mark.parametrize("examples", EXAMPLES)
def test_dead_rules_first_equal_brute_force(small, examples):
    @examples
    @given(table=tables())
    def check(table):
        columns, rules, _ = table
        hit = brute(columns, rules)
        winners = {rs[0] for rs in hit.values() if rs}
        expected = set(range(len(rules))) - winners
        with small_columns(small):
            dead = find_dead_rules(columns, rules)
        assert set(dead) == expected
        for r, maskers in dead.items():
            if r in empty_cells(rules, columns):
                assert maskers == ()
            else:
                assert set(maskers) == {s for s in range(r) if s not in dead and meet(rules, r, s, columns)}
                assert covers(rules, maskers, r, hit)

    check()


@pytest.mark.parametrize("small", [64, 0], ids=["sets", "thresholds"])
@pytest.mark.parametrize("examples", EXAMPLES)
def test_dead_rules_priority_equal_brute_force(small, examples):
    @examples
    @given(table=tables())
    def check(table):
        columns, rules, ranks = table
        hit = brute(columns, rules)
        alive = set()
        for rs in hit.values():
            known = [r for r in rs if ranks[r] is not None]
            if known:
                best = min(ranks[r] for r in known)
                alive |= {r for r in known if ranks[r] == best}
            alive |= {r for r in rs if ranks[r] is None}
        expected = set(range(len(rules))) - alive
        with small_columns(small):
            dead = find_dead_rules(columns, rules, ranks)
        assert set(dead) == expected
        for r, maskers in dead.items():
            if r not in empty_cells(rules, columns):
                assert set(maskers) == {s for s in range(len(rules)) if ranks[s] is not None and s not in dead
                                        and ranks[s] < ranks[r] and meet(rules, r, s, columns)}
                assert covers(rules, maskers, r, hit)

    check()


@pytest.mark.parametrize("examples", HALF)
def test_overlap_groups_partition_the_pairs(examples):
    @examples
    @given(tables(), st.lists(st.integers(0, 2), min_size=8, max_size=8))
    def check(table, classes):
        columns, rules, _ = table
        result = analyse(columns, rules, "unique")
        assert result.overlaps is not None
        groups = overlap_groups(result.overlaps, classes)
        seen = []
        for hub, partners in groups:
            assert len({classes[p] for p in partners}) == 1
            seen += [(min(hub, p), max(hub, p)) for p in partners]
        assert sorted(seen) == sorted(result.overlaps)  # every pair exactly once

    check()


@pytest.mark.parametrize("examples", HALF)
def test_column_order_does_not_change_verdicts(examples):
    @examples
    @given(tables())
    def check(table):
        columns, rules, _ = table
        perm = list(reversed(range(len(columns))))
        cols2 = [columns[i] for i in perm]
        rules2 = [tuple(rule[i] for i in perm) for rule in rules]
        assert find_overlaps(columns, rules) == find_overlaps(cols2, rules2)
        assert len(connected_regions(find_gaps(columns, rules))) == len(connected_regions(find_gaps(cols2, rules2)))
        assert find_dead_rules(columns, rules) == find_dead_rules(cols2, rules2)

    check()


def test_members_and_normalise():
    assert members(0) == []
    assert members(0b101001) == [0, 3, 5]
    assert members(1 << 5000 | 1) == [0, 5000]
    assert normalise_cell(None, (0, 9)) is None
    assert normalise_cell(((0, 4), (5, 9)), (0, 9)) is None  # adjacent pieces fill the domain
    assert normalise_cell(((-5, 2), (4, 20)), (0, 9)) == ((0, 2), (4, 9))
    assert normalise_cell(((6, 5),), (0, 9)) == ()
