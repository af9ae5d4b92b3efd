"""The SQL target through DuckDB gives the Python evaluator's answers: the same JSON line
for every case (outputs, amounts digit for digit, rule ids and order, refusal words)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from generated_loader import load_generated_module
from sql_cases import boundaries, random_case

from regel.batch import encode, python_results
from regel.codegen import generate
from regel.model import load

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from regel.sql.duck import DuckEngine, evaluate_cases  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    modules, _diags = load([str(ROOT / "tables")])
    out = {}
    tmp = tmp_path_factory.mktemp("sqlgen")
    for m in modules:
        path = tmp / f"sqlref_{m.name}.py"
        path.write_text(generate(m), encoding="utf-8")
        out[m.name] = (m, load_generated_module(path))
    return out


def lines(pairs) -> list[str]:
    return [encode(result if problem is None else {"fejl": problem}) for result, problem in pairs]


def differences(module, mod, decision: str, cases: list[dict]) -> list[tuple[dict, str, str]]:
    want = lines(python_results(mod, decision)((dict(c), None) for c in cases))
    engine = DuckEngine(module, mod, decision, python_results(mod, decision))
    assert engine.why_not is None, engine.why_not
    got = lines(evaluate_cases(module, mod, decision, cases, engine))
    assert len(want) == len(got)
    # the comparison is only worth something when DuckDB, not the fallback, decided most cases
    assert engine.by_sql >= 0.5 * len(cases), (engine.by_sql, engine.by_python)
    return [(c, w, g) for c, w, g in zip(cases, want, got, strict=True) if w != g]


def decisions(tables_):
    return [(name, d) for name, (m, _mod) in tables_.items() for d in m.decisions]


def run_random(tables_, n_each: int, seed: int) -> int:
    total = 0
    for name, (m, mod) in tables_.items():
        bounds = boundaries(m)
        for d in m.decisions:
            rng = random.Random(f"{seed}/{name}/{d}")
            cases = [random_case(m, rng, bounds) for _ in range(n_each)]
            diff = differences(m, mod, d, cases)
            assert not diff, f"{d}: {len(diff)} forskelle, fx {diff[:3]}"
            total += len(cases)
    return total


def test_every_decision_in_tables_agrees(tables):
    assert run_random(tables, 4000, seed=1) >= 16_000


@pytest.mark.slow
def test_every_decision_in_tables_agrees_many(tables):
    assert run_random(tables, 30_000, seed=2) >= 120_000
