"""Node operations of the partition, checked on hand-made boxes."""

from __future__ import annotations

import inspect
import sys

from regel.checks import analyse, find_gaps
from regel.checks.partition import Partition, members


def test_threshold_cut_tracks_which_rules_cover_each_half():
    # One wide column 0..100: A = [0;48], B = [50;100], C = [0;100] written as two pieces.
    p = Partition([(0, 100)], [(((0, 48),),), (((50, 100),),), (((0, 30), (31, 100)),)])
    root = p.root()
    assert members(root[2][0]) == [0, 1]  # C merges into "any value": not constrained
    low, high = p.cut(root, 0, 50)
    assert low[1] == ((0, 49),) and high[1] == ((50, 100),)
    assert members(low[0]) == [0, 2] and members(high[0]) == [1, 2]
    # A stops at 48, so it does not cover [0;49]; B covers all of [50;100].
    assert members(low[2][0]) == [0]
    assert high[2][0] == 0
    low2, _ = p.cut(root, 0, 49)
    assert low2[2][0] == 0  # A covers [0;48] exactly


def test_value_set_cut_on_an_enum_column():
    # Enum of four values; rules accept {0,2} and {1,3}: one set cut separates them.
    p = Partition([(0, 3)], [(((0, 0), (2, 2)),), (((1, 1), (3, 3)),)])
    root = p.root()
    dup, c, at = p.choose(root)
    assert dup == 0 and c == 0 and at in (0b0101, 0b1010)
    low, high = p.cut(root, c, at)
    assert {low[0], high[0]} == {0b01, 0b10}
    assert low[2][0] == 0 and high[2][0] == 0  # each side is covered by its rule
    assert sorted(p.intervals(0, 0b0101)) == [(0, 0), (2, 2)]


def test_choose_prefers_the_clean_split():
    # Column 0 splits the rules cleanly at 10; column 1 would copy rule 2 to both sides.
    rules = [(((0, 9),), ((0, 5),)), (((10, 20),), ((0, 20),)), (((0, 9),), ((3, 20),))]
    p = Partition([(0, 200), (0, 200)], rules)  # wide columns: threshold cuts
    dup, c, at = p.choose(p.root())
    assert (dup, c, at) == (0, 0, 10)


def test_meet_in_box_is_local_to_the_box():
    p = Partition([(0, 100)], [(((0, 10),),), (((5, 20),),)])
    assert p.meet_in_box(0, 1, ((0, 100),))
    assert not p.meet_in_box(0, 1, ((11, 100),))


def test_deep_partitions_do_not_hit_the_recursion_limit():
    # A staircase (rule i: x >= i and y <= i) can only be cut one step at a
    # time, so the partition is as deep as the table is long.
    n = 300
    cols = [(0, 100000), (0, 100000)]
    stairs = [(((i, 100000),), ((0, i),)) for i in range(n)]
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 150)  # well below the depth needed
    try:
        try:
            find_gaps(cols, stairs)
            raised = False
        except RecursionError:
            raised = True
        result = analyse(cols, stairs, "first")
    finally:
        sys.setrecursionlimit(old)
    assert raised, "the staircase should be deeper than the lowered limit"
    assert not result.timed_out and len(result.gap_regions) == 1 and result.dead == {}
