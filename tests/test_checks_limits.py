"""`regel check` never claims success it did not earn, and stays bounded.

One budget (time and memory) bounds a whole run; a check cut short (W207)
exits 1 and compile writes nothing; dense overlaps are grouped, and at most
MAX_PER_TABLE findings are rendered per table; one-column tables take the
sort-and-sweep path, which must agree with the partition. No test here
asserts a time: "finished" means no W207 under a generous limit.
"""

from __future__ import annotations

import itertools
import textwrap
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regel import diagnostics as dg
from regel.checks import (
    MAX_PER_TABLE,
    AnalysisTimeoutError,
    Budget,
    analyse,
    check_module,
    connected_regions,
    find_dead_rules,
    find_gaps,
    find_overlaps,
)
from regel.checks import table as table_mod
from regel.checks.groups import group_overlaps
from regel.checks.partition import normalise_cell
from regel.cli import main
from regel.model import load
from regel.render import format_plain


def module_of(tmp_path, text: str, name: str = "t.regel"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    modules, diags = load([path])
    assert not dg.has_errors(diags), [format_plain(d) for d in diags]
    return modules[0]


def codes(diags) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in diags:
        out[d.code] = out.get(d.code, 0) + 1
    return out


def write(tmp_path, text: str, name: str = "t.regel"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GAP = """
    felt x: heltal fra 0 til 100
    tabel T
      hjemmel "Lov"
      | x    || k: heltal |
      | < 50 || 1         |
"""


def dense(n: int) -> str:
    rows = "\n".join(f"  | - || {i} |" for i in range(n))
    return f"felt x: heltal fra 0 til 100\ntabel T\n  hjemmel \"Lov\"\n  | x || k: heltal |\n{rows}\n"


# ---- 1. usage errors and the exit code of an unfinished check ------------------------------


@pytest.mark.parametrize("command", ["check", "compile"])
@pytest.mark.parametrize("option, value", [("--tidsgrænse", "0"), ("--tidsgrænse", "-1"), ("--tidsgrænse", "nan"),
                                           ("--tidsgrænse", "inf"), ("--tidsgrænse", "abc"),
                                           ("--hukommelse", "0"), ("--hukommelse", "nan")])
def test_non_positive_or_non_finite_limits_are_usage_errors(tmp_path, capsys, command, option, value):
    path = write(tmp_path, GAP)
    try:
        code = main([command, str(path), f"{option}={value}"])
    except SystemExit as exc:  # argparse's own exit, where main does not catch it
        code = exc.code
    assert code == 2
    assert "skal være et endeligt tal større end 0" in capsys.readouterr().err


def test_a_check_cut_short_exits_1_and_says_so(tmp_path, capsys):
    path = write(tmp_path, GAP.replace("| < 50 || 1         |", "| -    || 1         |"))  # a clean table
    assert main(["check", str(path)]) == 0
    capsys.readouterr()
    assert main(["check", str(path), "--tidsgrænse", "1e-9"]) == 1
    err = capsys.readouterr().err
    assert "W207" in err and "afbrudt" in err.split("Tjekkede")[-1]
    assert main(["check", str(path), "--tidsgrænse", "1e-9", "--format", "gnu"]) == 1


def test_compile_refuses_to_write_when_the_check_was_cut_short(tmp_path, capsys):
    path = write(tmp_path, GAP.replace("| < 50 || 1         |", "| -    || 1         |"))
    out = tmp_path / "gen"
    assert main(["compile", str(path), "--out", str(out), "--tidsgrænse", "1e-9"]) == 1
    err = capsys.readouterr().err
    assert "Intet er skrevet" in err and "--tidsgrænse" in err
    assert not out.exists() or not any(out.iterdir())
    assert main(["compile", str(path), "--out", str(out)]) == 0  # the default limit is ample


# ---- 2. dense overlaps are grouped; findings per table are capped -----------------------------


def test_a_thousand_rows_that_all_overlap_are_one_finding(tmp_path):
    m = module_of(tmp_path, dense(1000))
    diags = check_module(m, time_limit=60)
    assert codes(diags) == {"E202": 1}
    (d,) = diags
    assert len(d.data["regler"]) == 1000
    assert "og 994 flere (1.000 regler i alt) overlapper alle" in d.message
    assert len(d.labels) < 10


def test_a_lone_pair_keeps_its_wording(tmp_path):
    m = module_of(tmp_path, dense(2))
    (d,) = check_module(m)
    assert d.message.startswith("Regel 1 (linje 5) og regel 2 (linje 6) overlapper med forskellige resultater")


def test_findings_are_capped_per_table(tmp_path):
    rows = "\n".join(f"  | {2 * i} || 1 |" for i in range(50))  # holes at every odd number below 100
    m = module_of(tmp_path, f"felt x: heltal fra 0 til 99\ntabel T\n  hjemmel \"Lov\"\n  | x || k: heltal |\n{rows}\n")
    diags = check_module(m)
    assert codes(diags) == {"E201": MAX_PER_TABLE, "E208": 1}
    more = diags[-1]
    assert more.data == {"tabel": "T", "skjulte": 30, "fejl": 30, "advarsler": 0}
    assert more.message.startswith("… og 30 fund mere i tabel T")
    assert len(check_module(m, max_findings=None)) == 50


def test_hidden_warnings_only_give_a_warning(tmp_path):
    rows = "\n".join("  | - || 1 |" for _ in range(30))
    m = module_of(tmp_path, f"felt x: heltal fra 0 til 9\ntabel T\n  hjemmel \"Lov\"\n  politik første\n"
                            f"  | x || k: heltal |\n{rows}\n")
    diags = check_module(m)
    assert codes(diags) == {"W204": MAX_PER_TABLE, "W208": 1}
    assert not dg.has_errors(diags)


# ---- 3. one budget for the whole run, checked in every long loop --------------------------------


def test_one_deadline_bounds_all_versions(tmp_path, monkeypatch):
    versions = "".join(f'  version "v{v}"\n    gælder fra {2000 + v}-01-01 til {2000 + v}-12-31\n'
                       "    | x || k: heltal |\n    | < 5 || 1 |\n    | >= 4 || 2 |\n" for v in range(200))
    m = module_of(tmp_path, "skæringsdato dato\nfelt dato: dato\nfelt x: heltal fra 0 til 100\n"
                  f"tabel T\n  hjemmel \"Lov\"\n{versions}")
    calls = []
    real = table_mod.analyse_version
    monkeypatch.setattr("regel.checks.analyse_version", lambda *a: calls.append(1) or real(*a))
    budget = Budget(time_limit=60)
    budget.deadline = time.monotonic() - 1  # spent before the first version
    diags = check_module(m, budget=budget)
    assert calls == []
    assert codes(diags) == {"W207": 1}
    assert len(check_module(m, time_limit=60)) == MAX_PER_TABLE + 1  # 200 overlaps, capped


def test_the_budget_is_shared_by_modules(tmp_path):
    a = module_of(tmp_path, GAP, "a.regel")
    b = module_of(tmp_path, GAP, "b.regel")
    budget = Budget(time_limit=60)
    assert codes(check_module(a, budget=budget)) == {"E201": 1}
    budget.deadline = time.monotonic() - 1
    assert codes(check_module(b, budget=budget)) == {"W207": 1}


def test_region_join_checks_the_deadline():
    boxes = [((i, i), (0, 0)) for i in range(0, 4000, 2)]
    assert len(connected_regions(boxes)) == 2000
    with pytest.raises(AnalysisTimeoutError):
        connected_regions(boxes, Budget.until(time.monotonic() - 1))


def enum_table(nrows: int, ncols: int) -> str:
    head = "type V er en af: a, b, c, d\n" + "".join(f"felt c{j}: V\n" for j in range(ncols))
    grid = "  | " + " | ".join(f"c{j}" for j in range(ncols)) + " || k: heltal |\n"
    rows = []
    for i in range(nrows):
        cells = ["a, c" if (i + j) % 3 == 0 else "-" if (i + j) % 3 == 1 else "b, d" for j in range(ncols)]
        rows.append("  | " + " | ".join(cells) + f" || {i % 3} |")
    return head + "tabel T\n  hjemmel \"Lov\"\n" + grid + "\n".join(rows) + "\n"


def test_twenty_enum_columns_stop_at_the_memory_budget(tmp_path):
    m = module_of(tmp_path, enum_table(50, 20))
    diags = check_module(m, budget=Budget(time_limit=120, memory_mb=20))
    w = [d for d in diags if d.code == "W207"]
    assert len(w) == 1 and w[0].data["grund"] == "hukommelse"
    assert "hukommelsesgrænsen på 20 MB" in w[0].message


def test_memory_budget_is_per_table(tmp_path):
    other = textwrap.dedent(GAP).replace("tabel T", "tabel U").replace("k: heltal", "u: heltal")
    m = module_of(tmp_path, enum_table(50, 20) + other)
    diags = check_module(m, budget=Budget(time_limit=120, memory_mb=20))
    assert [d.data["tabel"] for d in diags if d.code == "W207"] == ["T"]
    assert any(d.code == "E201" and d.data["tabel"] == "U" for d in diags)


def test_memory_budget_counts_deterministically():
    cols = [(0, 999)] * 3
    rules = [tuple(((i * 7 + k * 13) % 990, (i * 7 + k * 13) % 990 + 5) for k in range(3)) for i in range(400)]
    rules = [tuple((iv,) for iv in r) for r in rules]
    runs = []
    for _ in range(2):
        b = Budget(memory_mb=0.05)
        b._rss_base = 1 << 60  # count only what the analysis charges
        result = analyse(cols, rules, "unique", deadline=b)
        runs.append((result.timed_out, result.stopped_by, b.used))
    assert runs[0] == runs[1] and runs[0][:2] == (True, "hukommelse")


# ---- 6. ordinary shapes: one column is a sort ---------------------------------------------------------


def test_fifty_thousand_disjoint_intervals_finish():
    n = 50_000
    rules = [(((2 * i, 2 * i),),) for i in range(n)]
    result = analyse([(0, 2 * n)], rules, "unique", deadline=Budget(time_limit=120))
    assert not result.timed_out
    assert len(result.gap_regions) == n and not any(result.meets)
    first = analyse([(0, 2 * n)], rules, "first", deadline=Budget(time_limit=120))
    assert not first.timed_out and first.dead == {}


@st.composite
def line_tables(draw):
    lo = draw(st.integers(-3, 3))
    dom = (lo, lo + draw(st.integers(0, 12)))
    rules = []
    for _ in range(draw(st.integers(0, 9))):
        kind = draw(st.integers(0, 9))
        if kind < 2:
            rules.append((None,))
        elif kind == 2:
            rules.append(((),))
        else:
            ivs = []
            for _ in range(draw(st.integers(1, 3))):
                a = draw(st.integers(dom[0] - 1, dom[1] + 1))
                ivs.append((a, draw(st.integers(a, dom[1] + 2))))
            rules.append((tuple(sorted(ivs)),))
    ranks = draw(st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=len(rules), max_size=len(rules)))
    return [dom], rules, ranks


def as_sets(regions) -> list[frozenset]:
    return sorted((frozenset(r) for r in regions), key=sorted)


@settings(max_examples=300, deadline=None)
@given(line_tables())
def test_one_column_sweep_equals_the_partition(table):
    columns, rules, ranks = table
    gaps = as_sets(connected_regions(find_gaps(columns, rules)))
    unique = analyse(columns, rules, "unique")
    assert sorted(unique.overlaps) == sorted(find_overlaps(columns, rules))
    # The same points in the same regions (the sweep gives one box per region).
    points = [frozenset(x for b in r for x in range(b[0][0], b[0][1] + 1)) for r in unique.gap_regions]
    assert sorted(points, key=sorted) == sorted(
        (frozenset(x for b in r for x in range(b[0][0], b[0][1] + 1)) for r in gaps), key=sorted)
    assert analyse(columns, rules, "first").dead == find_dead_rules(columns, rules)
    assert analyse(columns, rules, "priority", ranks).dead == find_dead_rules(columns, rules, ranks)


# ---- groups: every pair reported, every region real ------------------------------------------


@st.composite
def small_tables(draw):
    ncols = draw(st.integers(1, 3))
    columns = [(0, draw(st.integers(0, 4))) for _ in range(ncols)]
    rules = []
    for _ in range(draw(st.integers(2, 9))):
        rule = []
        for lo, hi in columns:
            if draw(st.booleans()):
                rule.append(None)
            else:
                a = draw(st.integers(lo, hi))
                rule.append(((a, draw(st.integers(a, hi))),))
        rules.append(tuple(rule))
    classes = draw(st.lists(st.integers(0, 2), min_size=len(rules), max_size=len(rules)))
    return columns, rules, classes


@settings(max_examples=300, deadline=None)
@given(small_tables())
def test_overlap_groups_report_every_pair_and_only_real_regions(table):
    columns, rules, classes = table
    meets = analyse(columns, rules, "unique").meets
    cells = [tuple(normalise_cell(c, d) for c, d in zip(r, columns, strict=True)) for r in rules]
    pts = list(itertools.product(*(range(lo, hi + 1) for lo, hi in columns)))

    def matches(r, p):
        return all(c is None or any(a <= x <= b for a, b in c) for c, x in zip(rules[r], p, strict=True))

    same = [sum(1 << i for i, k in enumerate(classes) if k == c) for c in classes]
    for conflict in (True, False):
        want = {(r, x) for r in range(len(rules)) for x in range(r + 1, len(rules))
                if meets[r] >> x & 1 and (classes[r] != classes[x]) == conflict}
        ok = (lambda r: ~same[r]) if conflict else (lambda r: same[r])  # noqa: B023 (used at once)
        got = set()
        for g in group_overlaps(meets, ok, classes, cells, lambda n=1: None, any_class=conflict):
            group = (g.hub,) + g.others
            if g.region is None:
                got |= {(min(g.hub, x), max(g.hub, x)) for x in g.others}
                assert len({classes[x] for x in g.others}) == 1
            else:
                assert len(group) >= 3
                assert any(all(matches(r, p) for r in group) for p in pts), "a region has a common point"
                got |= {(a, b) for a, b in itertools.combinations(sorted(group), 2)
                        if (classes[a] != classes[b]) == conflict}
        assert got == want
