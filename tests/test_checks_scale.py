"""Ordinary shapes stay fast, and the fast paths give the partition's answers.

Two-column tables take the sweep of checks/plane.py (gaps and dead rules);
it is compared with a brute-force enumeration and with the partition on small
random tables, and the staircase (row i: k0 >= i, k1 <= i) must finish. Large
files must load in time linear in their size: the loader is checked by the
work it does (calls), never by the clock.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from regel.checks import Budget, analyse, connected_regions, find_dead_rules, find_gaps
from regel.checks.partition import Partition
from regel.checks.plane import gaps_of, plane_dead, plane_gaps


@st.composite
def plane_tables(draw):
    columns = []
    for _ in range(2):
        lo = draw(st.integers(-3, 3))
        columns.append((lo, lo + draw(st.integers(0, 7))))
    rules = []
    for _ in range(draw(st.integers(0, 9))):
        rule = []
        for lo, hi in columns:
            kind = draw(st.integers(0, 9))
            if kind < 2:
                rule.append(None)
            elif kind == 2:
                rule.append(())
            else:
                ivs = []
                for _ in range(draw(st.integers(1, 3))):
                    a = draw(st.integers(lo - 1, hi + 1))
                    ivs.append((a, draw(st.integers(a, hi + 2))))
                rule.append(tuple(sorted(ivs)))
        rules.append(tuple(rule))
    ranks = draw(st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=len(rules), max_size=len(rules)))
    return columns, rules, ranks


def matches(rule, point) -> bool:
    return all(cell is None or any(a <= x <= b for a, b in cell) for cell, x in zip(rule, point, strict=True))


def box_points(box) -> set:
    return set(itertools.product(*(range(lo, hi + 1) for lo, hi in box)))


def region_points(regions) -> list[frozenset]:
    return sorted((frozenset().union(*(box_points(b) for b in r)) for r in regions), key=sorted)


@settings(max_examples=400, deadline=None)
@given(plane_tables())
def test_plane_gaps_equal_brute_force_and_the_partition(table):
    columns, rules, _ = table
    uncovered = {pt for pt in itertools.product(*(range(lo, hi + 1) for lo, hi in columns))
                 if not any(matches(r, pt) for r in rules)}
    boxes = plane_gaps(Partition(columns, rules))
    seen: set = set()
    for b in boxes:
        pts = box_points(b)
        assert pts and not pts & seen, "gap boxes are non-empty and disjoint"
        seen |= pts
    assert seen == uncovered
    # The same holes, point for point, as the partition finds.
    assert region_points(connected_regions(boxes)) == region_points(connected_regions(find_gaps(columns, rules)))


@settings(max_examples=400, deadline=None)
@given(plane_tables())
def test_plane_dead_rules_equal_the_partition(table):
    columns, rules, ranks = table
    part = Partition(columns, rules)
    assert plane_dead(part, None) == find_dead_rules(columns, rules)
    assert plane_dead(part, ranks) == find_dead_rules(columns, rules, ranks)
    first = analyse(columns, rules, "first")
    assert first.dead == find_dead_rules(columns, rules)
    assert region_points(first.gap_regions) == region_points(connected_regions(find_gaps(columns, rules)))


def test_gaps_of_keeps_a_run_that_does_not_change():
    # A rule touching the open run [5; 9] from below leaves it as it was: one box, not two.
    pieces = [((0, 9), (0, 4)), ((3, 9), (0, 2))]
    assert gaps_of(pieces, (0, 9), (0, 9)) == [((0, 9), (5, 9))]
    assert gaps_of(pieces, (0, 9), (0, 9), first_only=True) == [((0, 9), (5, 9))]
    assert gaps_of([((0, 9), (0, 9))], (0, 9), (0, 9)) == []


def stairs(n: int):
    return [(0, 100000)] * 2, [(((i, 100000),), ((0, i),)) for i in range(n)]


def test_a_staircase_of_three_thousand_rows_finishes():
    # The partition cuts it one step at a time (O(n²)); the sweep does not.
    cols, rules = stairs(3000)
    result = analyse(cols, rules, "first", deadline=Budget(time_limit=600))
    assert not result.timed_out
    assert len(result.gap_regions) == 1 and result.dead == {}
    # Every row but the first is masked by nothing; the gap is the staircase above the rows.
    region = result.gap_regions[0]
    assert sum((x2 - x1 + 1) * (y2 - y1 + 1) for (x1, x2), (y1, y2) in region) == \
        sum(100000 - min(x, 2999) for x in range(100001))


def test_a_staircase_agrees_with_the_partition():
    cols, rules = stairs(60)
    ranks = [i % 4 for i in range(60)]
    for policy, rk in (("first", None), ("priority", ranks)):
        result = analyse(cols, rules, policy, rk)
        assert result.dead == find_dead_rules(cols, rules, rk)
        assert region_points_small(result.gap_regions) == region_points_small(connected_regions(find_gaps(cols, rules)))
    # Reversed, every row sticks out of the rows before it at one corner.
    back = list(reversed(rules))
    assert analyse(cols, back, "first").dead == find_dead_rules(cols, back)


def region_points_small(regions) -> list[tuple]:
    """Regions compared by their boxes' total size and bounding box (the
    staircase's domain is too large to enumerate)."""
    out = []
    for r in regions:
        size = sum((x2 - x1 + 1) * (y2 - y1 + 1) for (x1, x2), (y1, y2) in r)
        out.append((size, min(b[0][0] for b in r), max(b[0][1] for b in r),
                    min(b[1][0] for b in r), max(b[1][1] for b in r)))
    return sorted(out)
