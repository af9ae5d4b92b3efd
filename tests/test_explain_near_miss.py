"""The caseworker's explanation: the rule that fired, the facts it used and the near misses
(rules whose conditions all hold but one). The trace counts every failed condition of a
rule that did not fire (`ikke_opfyldt`), not only the first; `--json` keeps every key it had.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from regel.codegen import generate
from regel.explain import render_trace
from regel.explain_words import wanted
from regel.interp import _Failure, _Run, _specs
from regel.jsonio import load_case
from regel.model import load
from regel.runtime.core import RegelFejl, _check_case
from regel.testing import import_generated

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

TABLE = """felt x: heltal fra 0 til 9
felt y: heltal fra 0 til 9
felt z: heltal fra 0 til 9
tabel T
  hjemmel "§ 1"
  politik første
  | id | x | y | z || r: heltal |
  | a  | 1 | 1 | - || 1         |
  | b  | 2 | 1 | - || 2         |
  | c  | - | 2 | 5 || 3         |
  | d  | 2 | 2 | - || 4         |
  | e  | - | - | - || 5         |
beslutning b
  r
"""


def _render(trace: dict, alle: bool = False, width: int = 110) -> str:
    console = Console(record=True, width=width, color_system=None, force_terminal=False)
    render_trace(console, trace, alle=alle)
    return console.export_text()


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    from generated_loader import import_source

    d = tmp_path_factory.mktemp("nærved")
    (d / "m.regel").write_text(TABLE, encoding="utf-8")
    (module,), diags = load([d / "m.regel"])
    assert not [x for x in diags if x.is_error]
    return import_source(generate(module), d, "naer_ved_gen")


def test_every_failed_condition_is_counted_not_only_the_first(small):
    trace = small.explain({"x": 2, "y": 2, "z": 3}, "b")
    (tb,) = trace["tabeller"]
    assert tb["regel"] == "d"
    assert tb["betingelser"] == [{"kolonne": "x", "celle": "2", "værdi": "2"},
                                 {"kolonne": "y", "celle": "2", "værdi": "2"}]
    missed = {m["regel"]: m for m in tb["ikke_valgt"]}
    # a fails on x and on y: the old keys still name the first, ikke_opfyldt names both
    assert (missed["a"]["kolonne"], missed["a"]["celle"], missed["a"]["værdi"]) == ("x", "1", "2")
    assert [c["kolonne"] for c in missed["a"]["ikke_opfyldt"]] == ["x", "y"]
    assert missed["b"]["ikke_opfyldt"] == [{"kolonne": "y", "celle": "1", "værdi": "2"}]
    assert missed["c"]["ikke_opfyldt"] == [{"kolonne": "z", "celle": "5", "værdi": "3"}]
    assert missed["e"]["ikke_opfyldt"] == [] and "forud" in missed["e"]["grund"]
    for m in missed.values():  # the first failed condition is the one the old keys describe
        if m["ikke_opfyldt"]:
            assert m["ikke_opfyldt"][0] == {k: m[k] for k in ("kolonne", "celle", "værdi")}
    json.dumps(trace)


def test_the_default_shows_near_misses_and_counts_the_rest(small):
    trace = small.explain({"x": 2, "y": 2, "z": 3}, "b")
    text = _render(trace)
    assert "Regel der ramte: d (række 4, m.regel linje 11)" in text  # a module spans files: the line names its file
    assert "Oplysninger reglen brugte: x er 2; y er 2" in text
    assert "b linje 9  y var 1" in text and "c linje 10 z var 5 (sagen: 3)" in text
    assert "e linje 12 en tidligere regel går forud (politik første)." in text
    assert "1 anden regel ramte ikke; --alle viser den, og hvorfor." in text
    assert " a " not in text.replace("│", " ")  # two conditions off: not a near miss
    full = _render(trace, alle=True)
    assert "x er 2, reglen kræver 1" in full and "Regler der ikke ramte" in full


def test_a_rule_that_would_refuse_is_no_near_miss(tmp_path):
    """A rule one condition away that gives no answer (`afvis`) is no alternative outcome for the
    caseworker: counted with the rest, shown by --alle, marked `afviser` in the JSON."""
    from generated_loader import import_source

    (tmp_path / "m.regel").write_text(TABLE.replace("| c  | - | 2 | 5 || 3         |",
                                                    '| c  | - | 2 | 5 || afvis "Ingen regel for z = 5" |'),
                                      encoding="utf-8")
    (module,), diags = load([tmp_path / "m.regel"])
    assert not [x for x in diags if x.is_error]
    mod = import_source(generate(module), tmp_path, "naer_ved_afvis_gen")
    trace = mod.explain({"x": 2, "y": 2, "z": 3}, "b")
    missed = {m["regel"]: m for m in trace["tabeller"][0]["ikke_valgt"]}
    assert missed["c"]["afviser"] is True and "afviser" not in missed["b"]
    text = _render(trace)
    assert "b linje 9 y var 1" in text and "z var 5" not in text
    assert "2 andre regler ramte ikke" in text
    assert "z er 3, reglen kræver 5" in _render(trace, alle=True)


def test_a_rule_with_the_same_result_is_no_near_miss(tmp_path):
    """Walkthrough: in a case without sanction, «u4 would have fired if barsel were ja» changes
    nothing — a rule whose result cells equal the fired rule's is counted with the rest."""
    from generated_loader import import_source

    same = TABLE.replace("| b  | 2 | 1 | - || 2         |", "| b  | 2 | 1 | - || 4         |")
    (tmp_path / "m.regel").write_text(same, encoding="utf-8")
    (module,), diags = load([tmp_path / "m.regel"])
    assert not [x for x in diags if x.is_error]
    mod = import_source(generate(module), tmp_path, "naer_ved_samme_gen")
    trace = mod.explain({"x": 2, "y": 2, "z": 3}, "b")
    missed = {m["regel"]: m for m in trace["tabeller"][0]["ikke_valgt"]}
    assert missed["b"].get("samme_resultat") is True and "samme_resultat" not in missed["c"]
    text = _render(trace)
    assert "y var 1" not in text and "c linje 10 z var 5" in text


def test_a_condition_on_a_column_that_could_not_be_read_is_not_met(small):
    """y is missing: the table cannot decide; a rule that needs only y to be 1 is a near miss
    that needs y to be known, and a rule that also fails on x is not."""
    trace = small.explain({"x": 2, "z": 3}, "b")
    (tb,) = trace["tabeller"]
    assert tb["regel"] is None and "«y»" in tb["fejl"]
    counts = {m["regel"]: len(m["ikke_opfyldt"]) for m in tb["ikke_valgt"]}
    assert counts == {"a": 2, "b": 1, "c": 2, "d": 1, "e": 0}
    text = _render(trace)
    assert "Tabellen kunne ikke afgøre sagen: Sagen mangler feltet «y»" in text
    assert "b linje 9  y var kendt og 1" in text and "d linje 11 y var kendt og 2" in text
    assert "2 regler ramte ikke; --alle viser dem, og hvorfor." not in text  # e passed: «andre»
    assert "2 andre regler ramte ikke" in text


@pytest.mark.parametrize("cell, value, words", [
    ("nej", "ja", (False, "nej")),
    ("ikke 100 %", "100 %", (True, "100 %")),
    ("udeblevet_tilbud, afvist_tilbud", "x", (False, "udeblevet_tilbud eller afvist_tilbud")),
    ("a,b, c", "x", (False, "a, b eller c")),
    ("ikke a, b", "a", (False, "hverken a eller b")),
    ("< 25", "30", (False, "under 25")),
    (">= 7,5 %", "5 %", (False, "mindst 7,5 %")),
    ("]10.469 kr ; 14.245 kr]", "1 kr", (False, "over 10.469 kr og højst 14.245 kr")),
    ("[0 % ; 50 %[", "75 %", (False, "mindst 0 % og under 50 %")),
    ("10.469,50 kr, 12,25 kr", "1 kr", (False, "10.469,50 kr eller 12,25 kr")),
    ("<= 2024-01-01", "2024-03-01", (False, "senest 2024-01-01")),
    ("]2024-01-01 ; 2024-12-31[", "2025-01-01", (False, "efter 2024-01-01 og før 2024-12-31")),
    ("<= bundfradrag", "999.900 kr", (False, "højst bundfradrag")),
])
def test_a_condition_in_plain_words(cell, value, words):
    assert wanted({"kolonne": "k", "celle": cell, "værdi": value}) == words


def _cases() -> list[tuple[str, dict]]:
    out = [(p.stem, load_case(p.read_text(encoding="utf-8"))) for p in sorted(EXAMPLES.glob("*.json"))
           if p.stem != "klagefrist"]
    for i, line in enumerate((EXAMPLES / "sanktion_sager.jsonl").read_text(encoding="utf-8").splitlines()):
        if line.strip():
            out.append((f"sager:{i + 1}", load_case(line)))
    return out


@pytest.fixture(scope="module")
def sanktion():
    (module,), diags = load([ROOT / "tables" / "sanktion.regel"])
    assert not [d for d in diags if d.is_error]
    return module, import_generated("regel_naer_ved_sanktion", generate(module))


def _reference_counts(module, case: dict) -> dict[tuple[str, str], int]:
    """Failed conditions per (table, rule), from the typed model and the reference
    interpreter's values: `Cond.contains` over every column the version reads."""
    inputs, kinds = _specs(module)
    values, units = _check_case(case, inputs)
    run = _Run(module, inputs, values, units, kinds)
    for _, e in module.decisions["sanktion"].items:
        try:
            run.eval(e, top=True)
        except RegelFejl:
            break
    counts = {}
    for name, sel in run.selected.items():
        if isinstance(sel, _Failure):
            continue
        t = module.tables[name]
        version = sel[0]
        read = [j for j in range(len(t.inputs)) if any(r.conditions[j] is not None for r in version.rules)]
        for rule in version.rules:
            failed = 0
            for j in read:
                cond, u = rule.conditions[j], run.units.get(t.inputs[j].name)
                if cond is not None and (u is None or isinstance(u, _Failure) or not cond.contains(u)):
                    failed += 1
            counts[(name, rule.id)] = failed
    return counts


def test_the_counts_agree_with_the_reference_interpreter(sanktion):
    """Every rule of every table of every example case: the trace's count of failed
    conditions is the model's, and a rule that fired failed none."""
    module, gen = sanktion
    checked = 0
    for name, case in _cases():
        trace = gen.explain(case, "sanktion")
        ref = _reference_counts(module, case)
        for tb in trace["tabeller"]:
            if tb.get("fejl") or tb["version"] is None and tb["regel"] is None and not tb["ikke_valgt"]:
                continue
            for m in tb["ikke_valgt"]:
                assert len(m["ikke_opfyldt"]) == ref[(tb["tabel"], m["regel"])], (name, tb["tabel"], m["regel"])
                checked += 1
            for r in [tb] if tb["regel"] is not None else tb.get("ramte", []):
                assert ref[(tb["tabel"], r["regel"])] == 0, (name, tb["tabel"])
    assert checked > 500


def test_default_output_is_much_shorter_and_names_every_fired_rule(sanktion):
    """~135 lines for one case became the rule that fired, its facts and the near misses."""
    _, gen = sanktion
    case = load_case((EXAMPLES / "ressourceforloeb_udeblevet_samtale.json").read_text(encoding="utf-8"))
    trace = gen.explain(case, "sanktion")
    for width in (80, 110):
        brief = _render(trace, width=width).splitlines()
        full = _render(trace, alle=True, width=width).splitlines()
        assert len(brief) * 3 <= len(full) * 2 and len(full) - len(brief) >= 45, (width, len(brief), len(full))
        text = "\n".join(brief)
        for tb in trace["tabeller"]:
            assert (f"Regel der ramte: {tb['regel']} (række {tb['række']}, {tb['fil']} linje {tb['linje']})"
                    in text), tb["tabel"]
        assert "Regler der ikke ramte" not in text and "Sagens oplysninger" not in text
        assert "--alle viser dem" in text
        form = next(tb for tb in trace["tabeller"] if tb["tabel"] == "Sanktionsform")
        (u1,) = [m for m in form["ikke_valgt"] if m["regel"] == "u1"]
        assert f"u1 linje {u1['linje']} rimelig_grund var ja" in text  # the exception that nearly applied
