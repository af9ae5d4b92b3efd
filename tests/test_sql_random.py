"""Random tables through both targets: each random module (the generators of
tests/test_codegen_differential.py and tests/test_checks_precision.py, imported, not copied)
is compiled to Python and to SQL, and DuckDB must give the Python module's answer for every
case — outputs digit for digit, rule ids in order, refusals word for word — for the policies
første, unik, prioritet and samling with and without sum/min/maks/antal, versions on the
cut-off date at the calendar's ends, and tables fed by other tables.

Where the SQL target says `Unsupported` the module is counted and the count printed; more than
UNSUPPORTED_BY_POLICY of a policy's modules unsupported fails the test (samling without an
aggregator, a list, is refused by design and not drawn). Differences found are set aside with
an xfail(strict=True) test each (end of file) until the SQL generator is fixed.
The default runs use fixed draws; `pytest -m slow` draws many more at random."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_checks_precision import PERIODS, dated_modules, fed_modules
from test_codegen_differential import MISSING, build, cases, source, specs

from regel import jsonio
from regel.batch import encode, python_results
from regel.csvio import out_cell

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from regel.sql.duck import DuckEngine, evaluate_cases  # noqa: E402

# What the SQL target refuses (docs/sql.md «Hvad er eksakt»), measured over 600 modules drawn at
# random (-m slow): prioritet with computed results ~14 %, samling without aggregator (a list)
# ~5 %, an amount whose decimals depend on the case in a way the engine does not follow (a * 50 %
# unrounded next to constants) ~5 %: ~23 % in all. Limits per policy below.
_SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
# The default runs draw a fixed set of modules (the fraction unsupported varies a lot between
# small random draws); `-m slow` draws many, at random.
_FIXED = {**_SETTINGS, "derandomize": True, "database": None}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("sqlrandom")


def line(pair) -> str:
    result, problem = pair
    return encode(result if problem is None else {"fejl": problem})


def differences(module, gen, decision: str, given_cases: list[dict], tally: Counter) -> list[tuple]:
    """Every case through the Python module and through DuckDB: the cases whose JSON line differs.
    Counts the module as unsupported (and compares nothing) when the SQL target refuses it."""
    engine = DuckEngine(module, gen, decision, python_results(gen, decision))
    if engine.why_not is not None:
        tally["unsupported"] += 1
        tally[f"unsupported: {engine.why_not}"] += 1
        return []
    tally["compared"] += 1
    want = [line(p) for p in python_results(gen, decision)((dict(c), None) for c in given_cases)]
    got = [line(p) for p in evaluate_cases(module, gen, decision, given_cases, engine)]
    tally["cases"] += len(given_cases)
    tally["by_sql"] += engine.by_sql
    return [(c, w, g) for c, w, g in zip(given_cases, want, got, strict=True) if w != g]


def _report(text: str, diff: list[tuple]) -> str:
    c, w, g = diff[0]
    return f"{len(diff)} forskelle, fx sag {c}\n python {w}\n duckdb {g}\n{text}"


def _check_tally(tally: Counter, limit: float = 0.0) -> None:
    drawn = tally["compared"] + tally["unsupported"]
    assert drawn, tally
    reasons = {k: v for k, v in tally.items() if k.startswith("unsupported: ")}
    print({k: v for k, v in tally.items() if k.startswith(("policy", "set aside"))})
    print(f"\nSQL-målet: {tally['compared']} af {drawn} moduler sammenlignet ({tally['cases']} sager, "
          f"{tally['by_sql']} afgjort i SQL); {tally['unsupported']} ikke understøttet: {reasons}")
    assert tally["unsupported"] <= limit * drawn, (tally["unsupported"], drawn, reasons)
    # most valid cases must be SQL's own answers, not the Python fallback's
    assert tally["by_sql"] >= 0.3 * tally["cases"], tally


# Per policy: at most this fraction of its drawn modules may be unsupported (measured with the
# fixed draws: prioritet with computed results and samling without aggregator are refused by design).
UNSUPPORTED_BY_POLICY = {"first": 0.25, "unique": 0.25, "priority": 0.7, "collect": 0.45}


@pytest.mark.parametrize("policy", list(UNSUPPORTED_BY_POLICY))
@pytest.mark.parametrize(("examples", "cases_each"), [
    pytest.param(settings(max_examples=20, **_FIXED), 150, id="20"),
    pytest.param(settings(max_examples=200, **_SETTINGS), 600, id="200", marks=pytest.mark.slow)])
def test_random_tables_duckdb_equals_python(workdir: Path, examples, cases_each: int, policy: str) -> None:
    tally: Counter = Counter()

    @examples
    # samling without aggregator gives a list, which the SQL target refuses by design: not drawn
    @given(drawn=specs().filter(lambda d: d[0].policy == policy and (policy != "collect" or d[0].aggregator)),
           seed=st.integers(0, 2**32))
    def check(drawn, seed: int) -> None:
        spec, consts = drawn
        text = source(spec)
        module, gen = build(text, workdir)
        given_cases = [{k: v for k, v in c.items() if v is not MISSING} for c in cases(spec, consts, seed, cases_each)]
        tally[f"policy {spec.policy} {spec.aggregator or ''}".strip()] += 1
        diff = differences(module, gen, "d", given_cases, tally)
        assert not diff, _report(text, diff)

    check()
    _check_tally(tally, UNSUPPORTED_BY_POLICY[policy])
    if policy == "collect":  # the aggregators were drawn
        assert len([k for k in tally if k.startswith("policy collect ")]) >= 3, tally


def _dated_cases() -> list[dict]:
    out = []
    for _label, lo, hi in PERIODS:
        days = [lo + timedelta(days=k) for k in range(4)] + [hi - timedelta(days=k) for k in range(4)]
        out += [{"dato": d.isoformat(), "x": x} for d in days for x in (0, 1, 2)]
    return out + [{"x": 0}, {"dato": "2024-02-30", "x": 1}]


@pytest.mark.parametrize("examples", [
    pytest.param(settings(max_examples=25, **_FIXED), id="25"),
    pytest.param(settings(max_examples=300, **_SETTINGS), id="300", marks=pytest.mark.slow)])
def test_random_versions_at_the_calendar_ends(workdir: Path, examples) -> None:
    """Versions chosen on the cut-off date, periods at year 1 and year 9999."""
    tally: Counter = Counter()

    @examples
    @given(dated_modules())
    def check(text: str) -> None:
        module, gen = build(text, workdir)
        diff = differences(module, gen, "d", _dated_cases(), tally)
        assert not diff, _report(text, diff)

    check()
    _check_tally(tally)


@pytest.mark.parametrize("examples", [
    pytest.param(settings(max_examples=25, **_FIXED), id="25"),
    pytest.param(settings(max_examples=300, **_SETTINGS), id="300", marks=pytest.mark.slow)])
def test_random_fed_tables(workdir: Path, examples) -> None:
    """A table whose column is another table's result (or a value of min/maks over it)."""
    tally: Counter = Counter()
    grid = [{k: v for k, v in zip("ab", combo, strict=True) if v is not MISSING}
            for combo in itertools.product([-1, 0, 1, 2, 3, 4, MISSING], [0, 1, 2, MISSING])]

    @examples
    @given(fed_modules())
    def check(drawn) -> None:
        text, _numeric, _col = drawn
        module, gen = build(text, workdir)
        for decision in ("d", "e"):
            diff = differences(module, gen, decision, grid, tally)
            assert not diff, _report(text, diff)

    check()
    _check_tally(tally)


# ---- differences found, left to the SQL generator (xfail until it is fixed) ------------------------------
NEGATIVE_ZERO_MODULE = """modul tilfaeldig
type E er en af: e0, e1
type L er en af: l0, l1, l2
felt e: E
felt b: ja/nej
felt n: heltal
felt a: beløb
tabel T "Tilfældig"
  hjemmel "TH"
  politik unik
  || ud: beløb | hjemmel |
  || a * 50 % | - |
beslutning d "D"
  ud
  kilde = hjemmel(T)
"""


def test_negative_zero(workdir: Path) -> None:
    """a = -0,01 kr, ud = a * 50 % rounded half up to whole kroner is Decimal("-0") in Python;
    both targets write 0 (jsonio.number_text; SQL has no negative zero). Was an xfail."""
    from decimal import Decimal

    module, gen = build(NEGATIVE_ZERO_MODULE, workdir)
    case = {"e": "e0", "b": True, "n": 0, "a": Decimal("-0.01")}
    engine = DuckEngine(module, gen, "d", python_results(gen, "d"))
    assert engine.why_not is None
    python = line(next(python_results(gen, "d")(iter([(dict(case), None)]))))
    assert '"ud":0,' in python
    assert line(evaluate_cases(module, gen, "d", [case], engine)[0]) == python
    assert jsonio.dumps({"ud": Decimal("-0.00")}, indent=None) == '{"ud":0.00}'
    assert out_cell(Decimal("-0")) == "0" and out_cell(Decimal("-0.00")) == "0.00"  # CSV too


AFTER_THE_END_MODULE = """skæringsdato dato
felt dato: dato
felt x: heltal fra 0 til 1
tabel T
  hjemmel "L"
  version "c"
    gælder fra 9999-12-26 til 9999-12-31
    | id | dato | x || y: heltal |
    | c0 | > 9999-12-31 | - || 0 |
beslutning d
  y
"""


def test_after_the_calendar_end(workdir: Path) -> None:
    """`> 9999-12-31` matches no date (SQL matched 9999-12-31 itself; found by the random test)."""
    module, gen = build(AFTER_THE_END_MODULE, workdir)
    case = {"dato": "9999-12-31", "x": 0}
    engine = DuckEngine(module, gen, "d", python_results(gen, "d"))
    assert engine.why_not is None
    assert line(evaluate_cases(module, gen, "d", [case], engine)[0]) == line(
        next(python_results(gen, "d")(iter([(dict(case), None)]))))
