"""Connected gap regions: the bucketed sweep against a naive pairwise join."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from regel.checks import connected_regions, find_gaps
from regel.checks.regions import bounding_box, nice_point, representative
from regel.model.types import NEG_INF, POS_INF


def naive_regions(boxes) -> set[frozenset]:
    parent = list(range(len(boxes)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    def touch(a, b) -> bool:
        for d in range(len(a)):
            if a[d][1] + 1 == b[d][0] or b[d][1] + 1 == a[d][0]:
                if all(a[k][0] <= b[k][1] and b[k][0] <= a[k][1] for k in range(len(a)) if k != d):
                    return True
        return False

    for i in range(len(boxes)):
        for j in range(i):
            if touch(boxes[i], boxes[j]):
                parent[find(i)] = find(j)
    out: dict[int, set] = {}
    for i, b in enumerate(boxes):
        out.setdefault(find(i), set()).add(b)
    return {frozenset(v) for v in out.values()}


def as_sets(regions) -> set[frozenset]:
    return {frozenset(r) for r in regions}


def test_tiles_use_the_sweep_and_find_every_region():
    # 20 x 20 unit tiles with column 10 and row 5 removed: four regions, and
    # each bucket holds about 20 x 20 candidate pairs, so the sweep path runs.
    tiles = [((i, i), (j, j), (0, 3)) for i in range(20) for j in range(20) if i != 10 and j != 5]
    random.Random(7).shuffle(tiles)
    regions = connected_regions(tiles)
    assert len(regions) == 4
    assert as_sets(regions) == naive_regions(tiles)
    sizes = sorted(len(r) for r in regions)
    assert sizes == sorted([10 * 5, 9 * 5, 10 * 14, 9 * 14])


def test_diagonal_neighbours_are_not_connected():
    boxes = [((0, 0), (0, 0)), ((1, 1), (1, 1))]
    assert len(connected_regions(boxes)) == 2


@st.composite
def wide_tables(draw):
    ncols = draw(st.integers(2, 4))
    columns = [(0, draw(st.integers(5, 40))) for _ in range(ncols)]
    rules = []
    for _ in range(draw(st.integers(5, 30))):
        rule = []
        for lo, hi in columns:
            if draw(st.booleans()):
                rule.append(None)
            else:
                a = draw(st.integers(lo, hi))
                rule.append(((a, min(hi, a + draw(st.integers(0, 8)))),))
        rules.append(tuple(rule))
    return columns, rules


@settings(max_examples=60, deadline=None)
@given(wide_tables())
def test_regions_equal_naive_join(table):
    columns, rules = table
    boxes = find_gaps(columns, rules)
    assert as_sets(connected_regions(boxes)) == naive_regions(boxes)


def test_representative_prefers_open_columns_and_nice_points():
    doms = [(0, 9), (0, 9)]
    region = [((0, 0), (0, 9)), ((1, 2), (0, 0))]
    assert representative(region, doms) == ((0, 0), (0, 9))
    assert bounding_box(region) == ((0, 2), (0, 9))
    assert nice_point(NEG_INF, 5) == 5
    assert nice_point(NEG_INF, POS_INF) == 0
    assert nice_point(3, POS_INF) == 3
