"""Findings at a condition that compares with a name (issue 11, B6), beyond the golden
file tests/golden/checks/navne.txt: the concrete example is a case no rule covers, the
data of `--format json` agrees with the message, and overlaps read the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from regel import interp
from regel.checks import check_module
from regel.model import load
from regel.runtime.core import RegelFejl

GOLDEN = Path(__file__).parent / "golden" / "checks" / "navne.regel"


@pytest.fixture(scope="module")
def navne():
    (module,), diags = load([GOLDEN])
    assert not [d for d in diags if d.is_error]
    return module, check_module(module)


def _finding(found, table: str):
    (d,) = [d for d in found if d.data.get("tabel") == table]
    return d


@pytest.mark.parametrize(("table", "decision_item", "given"), [
    ("Aftrapning", "nedsættelse", {"dato": "2024-06-01"}),
    ("Loft", "loft_ud", {}),
    ("Nedsættelse", "ned", {"dato": "2024-06-01"}),
])
def test_the_concrete_example_is_a_case_no_rule_covers(tmp_path, navne, table, decision_item, given):
    """The message's value is not a guess: deciding the example through the reference
    interpreter finds no rule in that table."""
    module, found = navne
    d = _finding(found, table)
    example = {k: v for k, v in d.data["eksempel"].items() if "−" not in k}
    case = {**example, **given}
    text = GOLDEN.read_text(encoding="utf-8") + f"\nbeslutning prøve_{table.lower()}\n  {decision_item}\n"
    (tmp_path / "navne.regel").write_text(text, encoding="utf-8")
    (m,), _ = load([tmp_path / "navne.regel"])
    with pytest.raises(RegelFejl) as err:
        interp.evaluate(m, f"prøve_{table.lower()}", case)
    assert "Ingen regel" in str(err.value) and table in str(err.value)


def test_json_example_gives_the_own_columns_value(navne):
    _module, found = navne
    d = _finding(found, "Aftrapning")
    assert d.data["eksempel"]["indkomst"] == 882700
    assert d.data["eksempel"]["indkomst − bundfradrag"] == 0  # the analysed column stays, for tools
    # A field has no value to give: the example is the analysis' point, as before.
    assert _finding(found, "Felt").data["eksempel"]["indkomst − grænse"] == 0


def test_a_date_compared_with_a_name_reads_in_days(tmp_path):
    (tmp_path / "d.regel").write_text(
        'felt dato: dato\nfelt frist: dato\ntabel T\n  hjemmel "§ 1"\n  | dato || t: ja/nej |\n'
        '  | < frist || nej |\n  | >= frist ||  ja |\n  | > frist || ja |\nbeslutning b\n  t\n', encoding="utf-8")
    (m,), _ = load([tmp_path / "d.regel"])
    msgs = [d.message for d in check_module(m)]
    assert any("ved dato = frist + 1 dag" in s for s in msgs), msgs  # the overlap of >= frist and > frist


def test_overlaps_read_with_the_value_too(tmp_path):
    (tmp_path / "o.regel").write_text(
        'felt indkomst: beløb fra 0 kr\nværdi grænse = 1.000 kr\ntabel T\n  hjemmel "§ 1"\n'
        '  | indkomst || t: beløb |\n  | <= grænse || 0 kr |\n  | >= grænse || 1 kr |\nbeslutning b\n  t\n',
        encoding="utf-8")
    (m,), _ = load([tmp_path / "o.regel"])
    (d,) = check_module(m)
    assert d.code == "E202" and "ved indkomst = 1.000 kr giver regel 1" in d.message, d.message
