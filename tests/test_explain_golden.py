"""Golden output of the Rich explainer for one case of each regime.

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


@pytest.mark.parametrize("name", CASES)
def test_explainer_output(sanktion, name):
    case = load_case((ROOT / "examples" / f"{name}.json").read_text(encoding="utf-8"))
    trace = sanktion.explain(case, "sanktion")
    json.dumps(trace, ensure_ascii=False, default=str)  # the trace is data
    console = Console(record=True, width=110, color_system=None, force_terminal=False)
    render_trace(console, trace)
    text = console.export_text()
    golden = GOLDEN / f"{name}.txt"
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


def test_no_python_spelling_in_any_explanation():
    """A rule that matched but did not win once read «None er None, reglen kræver None»."""
    for name in CASES:
        text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
        assert "None" not in text and "True" not in text and "False" not in text, name
