"""The reference interpreter's semantics, each checked against generated code too,
and the real rule set in tables/ through both."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from generated_loader import NO_RUFF, RUFF, load_generated_module

from regel import interp
from regel.codegen import generate, module_filename
from regel.model import load

ROOT = Path(__file__).resolve().parent.parent
_counter = iter(range(10**6))


def compile_both(text: str, tmp: Path):
    """The module from `text`, and a function deciding a case with interpreter and
    generated code that insists they agree (returns the result or the RegelFejl message)."""
    n = next(_counter)
    src = tmp / f"m{n}.regel"
    src.write_text(text, encoding="utf-8")
    modules, diags = load([src])
    assert not [d for d in diags if d.is_error], [d.message for d in diags]
    model = modules[0]
    path = tmp / f"regel_interp_gen_{n}.py"
    path.write_text(generate(model), encoding="utf-8")
    gen = load_generated_module(path)

    def decide(case: dict, decision: str | None = None) -> object:
        try:
            ref: object = interp.evaluate(model, decision, case)
        except interp.RegelFejl as e:
            ref = ("fejl", str(e), e.felt, e.tabel)
        try:
            got: object = gen.evaluate(case, decision)
        except gen.RegelFejl as e:
            got = ("fejl", str(e), e.felt, e.tabel)
        assert got == ref
        return got

    return model, decide


def test_unreadable_column_matters_only_when_a_rule_needs_it(tmp_path) -> None:
    # b is checked before n in every row: a ja case never needs n.
    _, decide = compile_both("felt b: ja/nej\nfelt n: heltal\ntabel T\n  hjemmel \"Lov\"\n  | b | n || z |\n"
                             "  | ja | - || 1 |\n  | nej | > 5 || 2 |\n  | nej | <= 5 || 3 |\nbeslutning d\n  z\n",
                             tmp_path)
    assert decide({"b": True})["z"] == 1
    assert decide({"b": False})[2] == "n"
    # With n first, the unique policy reads every row, and row 2 needs n.
    _, decide = compile_both("felt b: ja/nej\nfelt n: heltal\ntabel T\n  hjemmel \"Lov\"\n  | n | b || z |\n"
                             "  | - | ja || 1 |\n  | > 5 | nej || 2 |\n  | <= 5 | nej || 3 |\nbeslutning d\n  z\n",
                             tmp_path)
    assert decide({"b": True})[2] == "n"
    # …but the first policy stops at the first match.
    _, decide = compile_both("felt b: ja/nej\nfelt n: heltal\ntabel T\n  hjemmel \"Lov\"\n"
                             "  politik første\n  | n | b || z |\n"
                             "  | - | ja || 1 |\n  | > 5 | nej || 2 |\nbeslutning d\n  z\n", tmp_path)
    assert decide({"b": True}) == {"z": 1, "regler": ["T/1"]}


def test_chained_tables_and_refusal_upstream(tmp_path) -> None:
    text = ("type F er en af: x, y\nfelt b: ja/nej\nfelt k: heltal\n"
            "tabel A\n  hjemmel \"Lov\"\n  | b || f: F |\n  | ja || x |\n  | nej || afvis \"A kan ikke\" |\n"
            "tabel B\n  hjemmel \"Lov\"\n  politik første\n"
            "  | k | f || g |\n  | > 0 | - || 10 |\n  | - | x || 20 |\n  | - | - || 30 |\n"
            "beslutning d\n  g\n")
    _, decide = compile_both(text, tmp_path)
    assert decide({"b": True, "k": 1}) == {"g": 10, "regler": ["A/1", "B/1"]}  # A ran when B fetched f
    assert decide({"b": False, "k": 1}) == {"g": 10, "regler": ["A/2", "B/1"]}  # A's refusal not needed
    assert decide({"b": False, "k": 0})[1] == "A kan ikke (tabellen A, regel 2; b = nej)"
    assert decide({"b": True, "k": 0}) == {"g": 20, "regler": ["A/1", "B/2"]}


def test_expressions(tmp_path) -> None:
    text = ("felt a: beløb\nfelt start: dato\nfelt slut: dato\nfelt n: heltal standard 0\n"
            "tabel T\n  hjemmel \"Lov\"\n  | n || s | t |\n  | 0 || 10 kr | - |\n  | ikke 0 || 20 kr | 5 kr |\n"
            "værdi frist = start + uger(2) - 1\n"
            "beslutning d\n  dage = slut - start\n  frist\n  lav = min(a, s, 15 kr)\n  høj = maks(a, s)\n"
            "  brøk = a / 3 kr\n  neg = -a\n"
            "beslutning med_t\n  t\n  sum = s + t\n"
            "beslutning nul\n  x = a / 0\n")
    _, decide = compile_both(text, tmp_path)
    r = decide({"a": Decimal("12.50"), "start": "2024-01-30", "slut": date(2024, 3, 1)})
    assert r["dage"] == 31 and r["frist"] == date(2024, 2, 12)
    # Computed amounts in a decision are rounded half up to whole kroner (away from zero).
    assert r["lav"] == Decimal(10) and r["høj"] == Decimal(13) and r["neg"] == Decimal(-13)
    assert r["brøk"] == Decimal("4.1" + "6" * 57 + "7")  # 60 significant digits, whatever the context
    assert decide({"a": 1, "n": 1}, "med_t") == {"t": Decimal(5), "sum": Decimal(25), "regler": ["T/2"]}
    refused = decide({"a": 1}, "med_t")  # t is `-` for n = 0, and sum needs it
    assert refused[1] == "«t» har ingen værdi, men bruges i en beregning."
    assert decide({"a": 1}, "nul")[1] == "En beregning dividerer med nul."


def test_collect_aggregators(tmp_path) -> None:
    rows = "  | n || v |\n  | > 0 || 5 kr |\n  | > 1 || 7 kr |\n  | > 2 || - |\n"
    results = {}
    for agg in ("sum", "min", "maks", "antal", ""):
        _, decide = compile_both(f"felt n: heltal\ntabel T\n  hjemmel \"Lov\"\n"
                                 f"  politik samling {agg}\n{rows}beslutning d\n  v\n",
                                 tmp_path)
        results[agg] = [decide({"n": n}) for n in (0, 1, 3)]
    assert [r["v"] for r in results["sum"]] == [0, 5, 12]
    assert results["min"][0][1].startswith("Ingen regel i tabellen T gav en værdi for «v»")
    assert [r["v"] for r in results["min"][1:]] == [5, 5]
    assert [r["v"] for r in results["maks"][1:]] == [5, 7]
    assert [r["v"] for r in results["antal"]] == [0, 1, 3]
    assert [r["v"] for r in results[""]] == [[], [5], [5, 7]]
    assert results[""][2]["regler"] == ["T/1", "T/2", "T/3"]


def test_unknown_and_missing_decisions(tmp_path) -> None:
    model, decide = compile_both("felt n: heltal\ntabel T\n  hjemmel \"Lov\"\n  | n || v |\n  | - || 1 |\n", tmp_path)
    assert decide({"n": 1})[1] == "Modulet har ingen beslutninger."
    with pytest.raises(interp.RegelFejl):
        interp.evaluate(model, "x", {})


# ---- the real rule set ---------------------------------------------------------------------------------


def _tables():
    modules, diags = load([ROOT / "tables"])
    errors = [d.message for d in diags if d.is_error]
    assert modules and not errors, errors
    return modules


def test_tables_examples_through_interpreter_and_generated_code(tmp_path) -> None:
    modules = _tables()
    checked = 0
    for m in modules:
        path = tmp_path / module_filename(m)
        path.write_text(generate(m), encoding="utf-8")
        gen = load_generated_module(path, f"regel_tables_{path.stem}")
        for ex in m.examples:
            case = dict(ex.given)
            try:
                ref: object = interp.evaluate(m, ex.decision, case)
            except interp.RegelFejl as e:
                ref = str(e)
            try:
                got: object = gen.evaluate(case, ex.decision)
            except gen.RegelFejl as e:
                got = str(e)
            assert got == ref, ex.title
            if ex.expect_error:
                assert isinstance(got, str) and (ex.error_text or "") in got, ex.title
            else:
                assert isinstance(got, dict), (ex.title, got)
                for item, value, _t in ex.expected:
                    assert got[item] == value, (ex.title, item)
            explained = gen.explain(case, ex.decision)
            assert ("fejl" in explained) == isinstance(got, str)
            json.dumps(explained)
            checked += 1
    assert checked > 0


@pytest.mark.skipif(RUFF is None, reason=NO_RUFF)
def test_tables_generate_ruff_clean(tmp_path) -> None:
    for m in _tables():
        (tmp_path / module_filename(m)).write_text(generate(m), encoding="utf-8")
    done = subprocess.run([RUFF, "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
