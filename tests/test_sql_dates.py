"""Date arithmetic in the SQL target at the calendar's edges (found by a review): a date plus
or minus days outside years 1–9999 is refused with the Python evaluator's words («Datoen …
plus … dage ligger uden for kalenderen.»), never written as year 10000; steps too large for
SQL's INTEGER are refused too instead of stopping the query."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from test_codegen_differential import build

from regel.batch import encode, python_results

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from regel.sql.duck import DuckEngine, evaluate_cases  # noqa: E402

MODULE = """felt d: dato
felt n: heltal
felt m: heltal standard 1
værdi frem = d + n
værdi tilbage = d - n
værdi frist = d + uger(4)
værdi gange = d + n * m
værdi kæde = d + n + n - n + n
beslutning frem
  frem
beslutning tilbage
  tilbage
beslutning frist
  frist
beslutning gange
  gange
beslutning kæde
  kæde
"""
DECISIONS = ["frem", "tilbage", "frist", "gange", "kæde"]

DAYS = ["0001-01-01", "0001-01-29", "0001-02-01", "2024-02-29", "9999-12-03", "9999-12-04", "9999-12-31"]
STEPS = [0, 1, -1, 27, 28, 29, 3652058, -3652058, 3652059, 2**31, -(2**31) - 1, 10**15]


def edge_cases() -> list[dict]:
    """Every date next to the calendar's ends with every step; a computed step beyond BIGINT
    (n × m = 10^19, which stopped the whole query); a date or a step missing."""
    return ([{"d": d, "n": n} for d, n in itertools.product(DAYS, STEPS)]
            + [{"d": "2024-01-01", "n": 10**9, "m": 10**10}, {"d": "2024-01-01", "n": -(10**9), "m": 10**10},
               {"d": "2024-01-01", "n": 3000, "m": -1000}, {"n": 1}, {"d": "2024-01-01"}])


@pytest.mark.parametrize("decision", DECISIONS)
def test_date_plus_days_at_the_edges_equal_python(tmp_path: Path, decision: str) -> None:
    module, gen = build(MODULE, tmp_path)
    engine = DuckEngine(module, gen, decision, python_results(gen, decision))
    assert engine.why_not is None
    cases = edge_cases()
    got = [encode(r if p is None else {"fejl": p}) for r, p in evaluate_cases(module, gen, decision, cases, engine)]
    want = [encode(r if p is None else {"fejl": p})
            for r, p in python_results(gen, decision)(iter([(dict(c), None) for c in cases]))]
    huge = sum(abs(c.get("n", 0)) >= 10**13 for c in cases)  # beyond the engine's numbers: Python's
    assert engine.by_sql == len(cases) - huge
    diffs = [(c, g, w) for c, g, w in zip(cases, got, want, strict=True) if g != w]
    assert not diffs, diffs[:5]
    assert any("ligger uden for kalenderen" in w for w in want)
    assert not any("10000-" in g for g in got)


def test_tsql_adds_days_with_dateadd(tmp_path: Path) -> None:
    """SQL Server has no `date + integer` (Operand type clash): a date step is DATEADD there, and
    the other dialects keep `+`, which they have (DuckDB, Spark, PostgreSQL run it in the tests)."""
    sqlglot = pytest.importorskip("sqlglot")
    from regel.sql import decision_sql

    types = sqlglot.exp.DataType.Type

    def is_days(x) -> bool:  # a date step as the compiler writes it: CAST(CAST(… AS BIGINT) AS INTEGER)
        return (isinstance(x, sqlglot.exp.Cast) and x.to.this == types.INT
                and isinstance(x.this, sqlglot.exp.Cast) and x.this.to.this == types.BIGINT)

    module, _gen = build(MODULE, tmp_path)
    for decision in DECISIONS:
        tsql = decision_sql(module, decision, "tsql")
        assert "DATEADD(" in tsql
        tree = sqlglot.parse_one(tsql, read="tsql")
        dated = [a for a in tree.find_all(sqlglot.exp.Add) if is_days(a.expression)]
        assert not dated, dated[0].sql("tsql")[:200]
        assert "DATEADD(" not in decision_sql(module, decision, "postgres")


def test_chained_date_steps_grow_the_sql_linearly(tmp_path: Path) -> None:
    """Each step named its date five times, so `d + n + n + …` doubled the SQL per step (a review:
    5, 11 and 69 kB for one, three and six steps); now the date occurs once in the value (each
    step's refusal still names the steps before it: the growth is at most quadratic)."""
    from regel.sql import decision_sql

    sizes = []
    for k in (1, 3, 6):
        text = f"felt d: dato\nfelt n: heltal\nværdi x = d{' + n' * k}\nbeslutning b\n  x\n"
        (tmp_path / f"k{k}").mkdir()
        module, _gen = build(text, tmp_path / f"k{k}")
        sizes.append(len(decision_sql(module, "b", "duckdb")))
    per_step_early, per_step_late = (sizes[1] - sizes[0]) / 2, (sizes[2] - sizes[1]) / 3
    assert per_step_late <= 3 * per_step_early and sizes[2] < 20_000, sizes
