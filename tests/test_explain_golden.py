"""Golden output of the Rich explainer for one case of each regime: `NAME.txt` is the
caseworker's default (the rule that fired, the facts it used, the near misses), and
`NAME.alle.txt` is `regel explain --alle` (every rule and why it did not fire).

Regenerate with REGEL_UPDATE_GOLDEN=1 after an intended change, and read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from rich.console import Console

from regel.codegen import generate
from regel.explain import render_trace
from regel.jsonio import load_case
from regel.model import load
from regel.testing import import_generated

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "explain"
CASES = ["ressourceforloeb_udeblevet_samtale", "jobafklaring_75_procent_ophoer_arbejde", "sh_o_udeblevet_tilbud",
         "ressourceforloeb_rimelig_grund"]  # the last has rules that matched but did not win


@pytest.fixture(scope="module")
def sanktion():
    (module,), diags = load([ROOT / "tables" / "sanktion.regel"])
    assert not [d for d in diags if d.is_error]
    return import_generated("regel_golden_sanktion", generate(module))


# Income-tested benefits, cases in tests/fixtures/explain: conditions that compare with a name
# (`<= bundfradrag`) read as the column and the name's value, and 30,9 % shows as written.
SECOND_LAW = {"boerneydelse_over_bundfradrag": ("boerne_og_ungeydelse", "boerneydelse"),
              "folkepension_enlig_over_fradragsbeloeb": ("folkepension", "folkepension")}


def _module(name: str):
    (module,), diags = load([ROOT / "tables" / f"{name}.regel"])
    assert not [d for d in diags if d.is_error]
    return import_generated(f"regel_golden_{name}", generate(module))


def _render(trace: dict, alle: bool = False, width: int = 110) -> str:
    json.dumps(trace, ensure_ascii=False, default=str)  # the trace is data
    console = Console(record=True, width=width, color_system=None, force_terminal=False)
    render_trace(console, trace, alle=alle)
    return console.export_text()


def _trace(sanktion, name: str) -> dict:
    if name in SECOND_LAW:
        module, decision = SECOND_LAW[name]
        case = load_case((ROOT / "tests" / "fixtures" / "explain" / f"{name}.json").read_text(encoding="utf-8"))
        return _module(module).explain(case, decision)
    case = load_case((ROOT / "examples" / f"{name}.json").read_text(encoding="utf-8"))
    return sanktion.explain(case, "sanktion")


@pytest.mark.parametrize("alle", [False, True], ids=["standard", "alle"])
@pytest.mark.parametrize("name", CASES + list(SECOND_LAW))
def test_explainer_output(sanktion, name, alle):
    text = _render(_trace(sanktion, name), alle)
    golden = GOLDEN / (f"{name}.alle.txt" if alle else f"{name}.txt")
    if os.environ.get("REGEL_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), "kør med REGEL_UPDATE_GOLDEN=1 for at lave golden-filen"
    assert text == golden.read_text(encoding="utf-8")


def test_refused_case_explains_what_is_missing(sanktion):
    case = load_case((ROOT / "examples" / "ressourceforloeb_udeblevet_samtale.json").read_text(encoding="utf-8"))
    case["dato"] = "2023-05-01"
    trace = sanktion.explain(case, "sanktion")
    console = Console(record=True, width=110, color_system=None)
    render_trace(console, trace)
    text = console.export_text()
    assert "Ingen afgørelse" in text and "2023-05-01" in text and "Dagssats" in text


def test_a_comparison_with_a_name_shows_the_column_and_the_names_value():
    """Not the derived difference «topskattegrundlag − bundfradrag er 117.200 kr», and not
    that difference under «Beregning»; the JSON keeps it, marked as derived."""
    text = (GOLDEN / "boerneydelse_over_bundfradrag.alle.txt").read_text(encoding="utf-8")
    assert "topskattegrundlag er 999.900 kr, reglen kræver <= bundfradrag (882.700 kr)" in text
    assert "topskattegrundlag − bundfradrag" not in text
    case = load_case((ROOT / "tests" / "fixtures" / "explain" / "boerneydelse_over_bundfradrag.json")
                     .read_text(encoding="utf-8"))
    trace = _module("boerne_og_ungeydelse").explain(case, "boerneydelse")
    (derived,) = [c for c in trace["beregninger"] if c.get("afledt")]
    assert derived["navn"] == "topskattegrundlag − bundfradrag" and derived["værdi"] == "117.200 kr"
    (missed,) = [m for tb in trace["tabeller"] for m in tb["ikke_valgt"] if "navn" in m]
    assert missed == {"regel": "n0", "række": 1, "linje": missed["linje"], "kolonne": "topskattegrundlag",
                      "celle": "<= bundfradrag", "værdi": "999.900 kr", "navn": "bundfradrag",
                      "navneværdi": "882.700 kr",
                      "afledt": {"kolonne": "topskattegrundlag − bundfradrag", "værdi": "117.200 kr"},
                      "ikke_opfyldt": [{k: v for k, v in missed.items()
                                        if k not in ("regel", "række", "linje", "ikke_opfyldt")}]}
    brief = _render(trace, width=200)  # the caseworker's view: the fact, and the near miss in words
    assert "topskattegrundlag er 999.900 kr (reglen kræver over bundfradrag, bundfradrag er 882.700 kr)" in brief
    assert "n0 linje 39 topskattegrundlag var højst bundfradrag (bundfradrag er 882.700 kr)" in brief


def test_a_cell_with_two_names_says_which_value_is_meant():
    from regel.explain import _name_value

    assert _name_value({"navn": "øvre", "navneværdi": "5", "celle": "[nedre ; øvre]"}) == "øvre = 5"
    assert _name_value({"navn": "grænse", "navneværdi": "7 kr", "celle": "> grænse"}) == "7 kr"
    assert _name_value({"navn": "grænse", "navneværdi": "7 kr", "celle": "grænse"}) == "7 kr"


def test_no_python_spelling_in_any_explanation():
    """A rule that matched but did not win once read «None er None, reglen kræver None»."""
    for name in CASES + list(SECOND_LAW):
        for golden in (GOLDEN / f"{name}.txt", GOLDEN / f"{name}.alle.txt"):
            text = golden.read_text(encoding="utf-8")
            assert "None" not in text and "True" not in text and "False" not in text, golden.name


def test_a_name_without_a_value_reads_ukendt(tmp_path):
    """The name could not be read (a missing field): the column's value is still shown, and
    the name's is «ukendt», never Python's None."""
    from generated_loader import import_source

    (tmp_path / "m.regel").write_text(
        'felt x: heltal fra 0 til 9\nfelt indkomst: beløb fra 0 kr\nfelt grænse: beløb fra 0 kr\n'
        'tabel T\n  hjemmel "§ 1"\n  politik første\n  | x | indkomst || r: heltal |\n'
        '  | 1 | <= grænse || 1 |\n  | - | -         || 2 |\nbeslutning b\n  r\n', encoding="utf-8")
    (module,), _ = load([tmp_path / "m.regel"])
    gen = import_source(generate(module), tmp_path, "ukendt_navn_gen")
    trace = gen.explain({"x": 1, "indkomst": 5}, "b")
    (missed,) = [m for m in trace["tabeller"][0]["ikke_valgt"] if m["regel"] == "1"]
    assert (missed["kolonne"], missed["værdi"], missed["navn"], missed["navneværdi"]) == (
        "indkomst", "5 kr", "grænse", "ukendt")
    assert "indkomst er 5 kr, reglen kræver <= grænse (ukendt)" in _render(trace, alle=True)
    assert "1 linje 8 indkomst var højst grænse (grænse er ukendt; sagen: 5 kr)" in _render(trace)
