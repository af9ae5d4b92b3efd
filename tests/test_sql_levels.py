"""The DuckDB engine's plan puts each column in the first step after the columns it reads
(compiler.merge_levels), and refusal messages share the lists they name (Compiler.listing).

Both only move SQL around; the answers are proven elsewhere against the Python evaluator
(test_sql_duckdb.py, test_sql_random.py). Here: the shape, and the same answers from the
merged and the unmerged plan on cases that reach every kind of refusal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from regel.model import load
from regel.sql import plan, render
from regel.sql.compiler import Step, merge_levels

duckdb = pytest.importorskip("duckdb", reason="duckdb er ikke installeret (pip install 'regel[sql]')")

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\w+")


def _modules():
    modules, _ = load([str(ROOT / "tables")])
    return {m.name: m for m in modules}


DECISIONS = [(m, d) for m, mod in _modules().items() for d in mod.decisions]


@pytest.mark.parametrize(("module", "decision"), DECISIONS)
def test_every_column_comes_after_what_it_reads(module: str, decision: str, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    import regel.sql.compiler as comp

    mod = _modules()[module]
    engine = plan(mod, decision, engine=True)["steps"]
    monkeypatch.setattr(comp, "merge_levels", lambda steps: steps)
    stages = plan(mod, decision, engine=True)["steps"]
    assert len(engine) <= len(stages)
    before = sorted(a for s in stages for a, _ in s.columns)
    after = sorted(a for s in engine for a, _ in s.columns)
    assert before == after  # the same columns, each once
    defined: dict[str, int] = {}
    for k, step in enumerate(engine):
        for alias, _sql in step.columns:
            defined[alias] = k
    for k, step in enumerate(engine):
        for alias, sql in step.columns:
            code = re.sub(r"'(?:[^']|'')*'", "''", sql)  # a word in a literal (a rule id n1) is not a read
            read = [defined[w] for w in WORD.findall(code) if w in defined and w != alias]
            assert all(j < k for j in read), (alias, sql[:200])


def test_a_word_in_a_literal_only_places_a_column_later() -> None:
    steps = [Step("felter", [("v1", '"x"')]),
             Step("a", [("v2", "v1 + 1")]),
             Step("b", [("v3", "'v2 er et ord her'")]),  # names v2 only inside a literal
             Step("c", [("v4", "v1 * 2")])]
    merged = merge_levels(steps)
    where = {a: k for k, s in enumerate(merged) for a, _ in s.columns}
    assert where == {"v1": 0, "v2": 1, "v3": 2, "v4": 1}


def test_merged_and_unmerged_plans_answer_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """sanktion's engine plan with and without the merge, over cases that are refused in every
    way these values allow (missing fields, values out of range, no rule, no version)."""
    import random

    import regel.sql.compiler as comp
    from regel.sql import input_columns

    mod = _modules()["sanktion"]
    merged = plan(mod, "sanktion", engine=True)
    monkeypatch.setattr(comp, "merge_levels", lambda steps: steps)
    unmerged = plan(mod, "sanktion", engine=True)
    assert len(unmerged["steps"]) > len(merged["steps"])
    values = {
        "ordning": ["ressourceforløb", "jobafklaringsforløb", "sh_o_ydelse", "x", None],
        "forseelse": ["udeblevet_samtale", "afvist_tilbud", "ophør_arbejde", "stop_uddannelse", None],
        "dato": ["2024-03-01", "2025-06-30", "2023-01-01", None],
        "dage": ["1", "3", "0", None],
        "rimelig_grund": ["true", "false", None],
        "barsel": ["false", "true", None],
        "fremmer_rådighed": ["true", "false", None],
        "forsørger": ["true", "false", None],
        "alder": ["20", "30", "131", "-1", None],
        "hjemmeboende": ["true", "false", None],
        "bidragspligt": ["true", "false", None],
        "uarbejdsdygtighed": ["100", "75", "50", "60", "101", None],
        "månedlig_ydelse": ["4000.00", "12000.50", "-1.00", None],
        "afgørelse_modtaget": ["2024-03-05", None],
    }
    rng = random.Random(14)
    con = duckdb.connect()
    con.execute("CREATE TABLE raw (rad_id BIGINT, " + ", ".join(f'"{n}" VARCHAR' for n in values) + ")")
    con.executemany(f"INSERT INTO raw VALUES ({', '.join('?' * (len(values) + 1))})",
                    [(i, *[rng.choice(v) for v in values.values()]) for i in range(3000)])
    types = dict(input_columns(mod))
    typed = ", ".join(f'CAST("{n}" AS {types[n]}) AS "{n}"' for n in values)
    con.execute(f'CREATE TABLE sager AS SELECT rad_id, {typed}, CASE WHEN "månedlig_ydelse" IS NOT NULL '
                'THEN 2 END AS "månedlig_ydelse__skala" FROM raw')
    a = con.execute(render(merged)).fetchall()
    b = con.execute(render(unmerged)).fetchall()
    assert a == b
    kinds = {r[-1].split(" ")[0] for r in a if r[-1] is not None}
    assert len(kinds) >= 4, kinds  # several kinds of refusal were reached
