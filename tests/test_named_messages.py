"""Refusal messages list a comparison with a name by the column and the name, each with its
own value («topskattegrundlag = 999.900 kr, bundfradrag = 882.700 kr»), never the derived
column `topskattegrundlag − bundfradrag` the condition is read through, and a name once.

The same in the generated fast path, the generated engine, the interpreter and `regel diff`'s
symbolic evaluation (whose refusal terms must fold to the interpreter's message)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from generated_loader import import_source, load_generated_module
from outcomes import outcome

from regel import interp
from regel.codegen import generate
from regel.diff import diff_decision
from regel.diff.space import axes, whole
from regel.diff.symbolic import Side, Split, Unsure, evaluate, fold_failure
from regel.model import load
from regel.runtime.core import _fact_names

ROOT = Path(__file__).resolve().parent.parent


def test_fact_names_lists_the_column_and_the_name_once() -> None:
    assert _fact_names(["topskattegrundlag − bundfradrag"]) == ["topskattegrundlag", "bundfradrag"]
    assert _fact_names(("alder", "indkomst", "indkomst − grænse", "dato − frist")) == [
        "alder", "indkomst", "grænse", "dato", "frist"]
    assert _fact_names(["indkomst − grænse", "indkomst", "grænse"]) == ["indkomst", "grænse"]
    assert _fact_names(["a-b", "x"]) == ["a-b", "x"]  # an ASCII hyphen is no derived column


def _three_ways(model, gen, decision: str, case: dict) -> tuple:
    """The outcome through the generated fast path, the generated engine and the interpreter:
    all three must agree exactly (message, field, table, rule)."""
    fast = outcome(lambda c: gen.evaluate(c, decision), case)
    engine = outcome(lambda c: gen._evaluate(gen._M, c, decision), case)
    ref = outcome(lambda c: interp.evaluate(model, decision, c), case)
    assert fast == engine == ref, (fast, engine, ref)
    return ref


# ---- børne- og ungeydelse (tables/, committed generated code) ----------------------------------


@pytest.fixture(scope="module")
def boern():
    loaded, diags = load([ROOT / "tables"])
    assert not [d for d in diags if d.is_error]
    (model,) = [m for m in loaded if m.name == "boerne_og_ungeydelse"]
    gen = load_generated_module(ROOT / "generated" / "boerne_og_ungeydelse.py", "regel_named_messages_bu")
    return model, gen


def test_ungeydelse_refusal_shows_income_and_bundfradrag(boern) -> None:
    model, gen = boern
    case = {"dato": "2024-04-01", "aldersgruppe": "år_15_17", "delt": False, "topskattegrundlag": 999900}
    got = _three_ways(model, gen, "boerneydelse", case)
    assert got[0] == "RegelFejl"
    assert got[1].endswith("(tabellen Nedsættelse, regel m1; periode = måned, "
                           "topskattegrundlag = 999.900 kr, bundfradrag = 882.700 kr)"), got[1]
    assert "−" not in got[1]
    assert got[3:] == ("Nedsættelse", "m1")


# ---- a small module: no match, overlap, refusal, dates, a name not readable -------------------------

TILLAEG = """\
felt indkomst: beløb fra 0 kr
felt alder: heltal fra 0 til 130
felt dato: dato
felt frist: dato

tabel Grænse "Indkomstgrænse"
  hjemmel "L § 1"
  || grænse |
  || {graense} |

tabel T "Tillæg"
  hjemmel "L § 2"
  | id | alder | indkomst        | dato     || tillæg: beløb |
  | a  | < 18  | -               | -        || 0 kr          |
  | b  | >= 18 | < grænse        | < frist  || 1.000 kr      |
  | c  | >= 18 | < grænse        | >= frist || afvis "Fristen er overskredet" |
  | d  | >= 18 | > grænse        | -        || 500 kr        |
  | e  | >= 18 | >= 1.000.000 kr | -        || 0 kr          |

beslutning b
  tillæg
"""


@pytest.fixture(scope="module")
def tillaeg(tmp_path_factory):
    d = tmp_path_factory.mktemp("named_messages")
    (d / "tillaeg.regel").write_text(TILLAEG.format(graense="300.000 kr"), encoding="utf-8")
    (model,), _ = load([d / "tillaeg.regel"])
    return model, import_source(generate(model), d, "regel_named_messages_tillaeg")


@pytest.mark.parametrize(("case", "message"), [
    # no rule: income equal to the limit; `indkomst` is read directly (rule e) and through
    # `indkomst − grænse`, and is listed once; `dato − frist` is not read by then
    ({"alder": 40, "indkomst": 300000, "dato": "2024-05-01", "frist": "2024-04-01"},
     "Ingen regel i tabellen T passer på sagen (alder = 40, indkomst = 300.000 kr, grænse = 300.000 kr, "
     "dato = 2024-05-01, frist = 2024-04-01)."),
    # the same without a deadline: `dato − frist` cannot be read, so neither date is listed
    ({"alder": 40, "indkomst": 300000, "dato": "2024-05-01"},
     "Ingen regel i tabellen T passer på sagen (alder = 40, indkomst = 300.000 kr, grænse = 300.000 kr)."),
    # two rules with different results
    ({"alder": 40, "indkomst": 1200000, "dato": "2024-05-01", "frist": "2024-04-01"},
     "Flere regler i tabellen T passer på sagen og giver forskellige resultater: d og e (alder = 40, "
     "indkomst = 1.200.000 kr, grænse = 300.000 kr, dato = 2024-05-01, frist = 2024-04-01)."),
    # `afvis`: the dates are listed as dates, not as a number of days
    ({"alder": 40, "indkomst": 200000, "dato": "2024-05-01", "frist": "2024-04-01"},
     "Fristen er overskredet (tabellen T, regel c; alder = 40, indkomst = 200.000 kr, grænse = 300.000 kr, "
     "dato = 2024-05-01, frist = 2024-04-01)"),
])
def test_messages_list_the_column_and_the_name(tillaeg, case, message) -> None:
    model, gen = tillaeg
    got = _three_ways(model, gen, "b", case)
    assert got[:2] == ("RegelFejl", message)


def test_the_fast_path_words_the_refusal_itself(tillaeg) -> None:
    """The refusal above is the fast path's own answer (not a fall back to the engine): it is
    handed the values of the column and of the name."""
    _model, gen = tillaeg
    case = {"alder": 40, "indkomst": 200000, "dato": "2024-05-01", "frist": "2024-04-01"}
    err = gen._FAST["b"](case)
    assert isinstance(err, gen.RegelFejl) and "indkomst = 200.000 kr, grænse = 300.000 kr" in err.besked


# ---- regel diff: the symbolic refusals fold to the interpreter's messages ----------------------------

# Every comparison here is a field shifted by a constant, so the symbolic evaluation decides
# whole boxes: no rule (indkomst = grænse), `afvis` (c) and an overlap (c and d).
AFVIS = """\
felt indkomst: beløb fra 0 kr til 10.000.000 kr
felt alder: heltal fra 0 til 130

tabel Grænse "Indkomstgrænse"
  hjemmel "L § 1"
  || grænse |
  || {graense} |

tabel T "Tillæg"
  hjemmel "L § 2"
  | id | alder | indkomst        || tillæg: beløb |
  | a  | < 18  | -               || 0 kr          |
  | b  | >= 18 | < grænse        || 1.000 kr      |
  | c  | >= 18 | > grænse        || afvis "Over grænsen" |
  | d  | >= 18 | >= 1.000.000 kr || 0 kr          |

beslutning b
  tillæg
"""


def _afvis(directory: Path, graense: str):
    (directory / "afvis.regel").write_text(AFVIS.format(graense=graense), encoding="utf-8")
    (model,), _ = load([directory / "afvis.regel"])
    return model


def _leaves(side: Side, decision: str, box):
    """Every box the symbolic evaluation decides in one piece, with its outcome."""
    stack = [box]
    while stack:
        b = stack.pop()
        try:
            yield b, evaluate(side, decision, b)
        except Split as s:
            lo, hi = b[s.axis]
            stack += [b[:s.axis] + ((lo, s.cut),) + b[s.axis + 1:], b[:s.axis] + ((s.cut + 1, hi),) + b[s.axis + 1:]]
        except Unsure:
            raise AssertionError(f"undecided box {b}") from None


def test_symbolic_refusals_fold_to_the_interpreters_message(tmp_path) -> None:
    model = _afvis(tmp_path, "300.000 kr")
    ax = axes((model, model), "b")
    side = Side(model, ax, 0)
    seen = set()
    for box, out in _leaves(side, "b", whole(ax)):
        if out.failure is None:
            continue
        for point in itertools.product(*({lo, hi, (lo + hi) // 2} for lo, hi in box)):
            case = {a.name: a.value(u) for a, u in zip(ax, point, strict=True)}
            want = outcome(lambda c: interp.evaluate(model, "b", c), case)
            assert want[0] == "RegelFejl", (case, want)
            assert fold_failure(out.failure, case) == want[1], case
            assert "grænse = 300.000 kr" in want[1] and "−" not in want[1], want[1]
            seen.add(want[1].split(" (")[0].split(":")[0])
    assert seen == {"Ingen regel i tabellen T passer på sagen", "Over grænsen",
                    "Flere regler i tabellen T passer på sagen og giver forskellige resultater"}, seen


def test_diff_examples_show_the_limit_of_each_side(tmp_path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    result = diff_decision(_afvis(tmp_path / "a", "300.000 kr"), _afvis(tmp_path / "b", "310.000 kr"), "b")
    both = [r for r in result.regions if r.before.refusal and r.after.refusal and "Over grænsen" in r.before.refusal]
    assert both
    for region in both:
        assert region.before.refusal.startswith("Over grænsen (tabellen T, regel c; alder = ")
        assert "grænse = 300.000 kr" in region.before.refusal and "grænse = 310.000 kr" in region.after.refusal
        assert "−" not in region.before.refusal + region.after.refusal
