"""Behaviour of generated modules and the interpreter on the codegen fixtures:
examples, validation, rounding, versions, laziness, refusal, explanations.

Every check runs against both the generated module and the interpreter, which
must give the same result or the same Danish error.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from generated_loader import NO_RUFF, RUFF, import_source

from regel import interp
from regel.codegen import generate, module_filename
from regel.model import load

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/fixtures/codegen"


class Both:
    """A module as (model, generated code); `run` decides with both and insists they agree."""

    def __init__(self, model, gen: ModuleType) -> None:
        self.model = model
        self.gen = gen

    def run(self, case: dict, decision: str | None = None) -> dict:
        got = ref = None
        try:
            got = self.gen.evaluate(case, decision)
        except self.gen.RegelFejl as e:
            got = e
        try:
            ref = interp.evaluate(self.model, decision, case)
        except interp.RegelFejl as e:
            ref = e
        if isinstance(got, Exception) or isinstance(ref, Exception):
            assert type(got).__name__ == type(ref).__name__ == "RegelFejl", (got, ref)
            assert (str(got), got.felt, got.tabel) == (str(ref), ref.felt, ref.tabel)
            raise got
        assert got == ref
        return got

    def fails(self, case: dict, decision: str | None = None):
        with pytest.raises(Exception) as info:
            self.run(case, decision)
        assert type(info.value).__name__ == "RegelFejl", info.value
        return info.value


def _both(name: str, tmp_path_factory) -> Both:
    modules, diags = load([FIXTURES / f"{name}.regel"])
    assert not [d for d in diags if d.is_error]
    gen = import_source(generate(modules[0]), tmp_path_factory.mktemp(name), f"regel_beh_{name}")
    return Both(modules[0], gen)


@pytest.fixture(scope="module")
def sanktion(tmp_path_factory) -> Both:
    return _both("sanktion", tmp_path_factory)


@pytest.fixture(scope="module")
def funktioner(tmp_path_factory) -> Both:
    return _both("funktioner", tmp_path_factory)


# ---- examples and shape -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sanktion", "funktioner"])
def test_examples_hold(name: str, request) -> None:
    both = request.getfixturevalue(name)
    assert both.model.examples
    for ex in both.model.examples:
        if ex.expect_error:
            err = both.fails(dict(ex.given), ex.decision)
            assert (ex.error_text or "") in str(err)
        else:
            result = both.run(dict(ex.given), ex.decision)
            for item, value, _t in ex.expected:
                assert result[item] == value, (ex.title, item)


def test_public_surface(funktioner: Both) -> None:
    g = funktioner.gen
    assert g.MODULE == "funktioner" and g.DECISIONS == ("samlet", "niveau_alene")
    assert g.SOURCE_SHA256 == funktioner.model.source_hash
    assert g.INPUTS["antal"] == {"type": "int", "type_name": "heltal", "domain": (0, 100), "default": 0,
                                 "has_default": True, "description": None}
    assert g.INPUTS["art"]["domain"] == ("a", "b", "c")
    assert g.INPUTS["indtægt"]["domain"] == (Decimal(0), None)
    assert g.OUTPUTS["samlet"]["mærke"]["type"] == "list"
    assert g.OUTPUTS["samlet"]["sats"]["type"] == "amount"
    err = g.RegelFejl("besked", felt="x", tabel="T")
    assert (str(err), err.besked, err.felt, err.tabel) == ("besked", "besked", "x", "T")
    assert module_filename(funktioner.model) == "funktioner.py"


def test_result_values_and_types(funktioner: Both) -> None:
    r = funktioner.run({"dato": "2023-06-01", "art": "a", "antal": 30, "indtægt": Decimal("1000"),
                        "modtaget": date(2023, 6, 1), "flag": True})
    assert r == {"niveau": "høj", "tillæg": Decimal("151.50"), "mærke": ["top", "mange"],
                 "sats": Decimal("75"), "kilde": "Bek. 2023", "frist": date(2023, 6, 29),
                 "total": Decimal("226"),
                 "regler": ["Niveauvalg/p2", "Tillæg/1", "Tillæg/2", "Tillæg/3", "Mærker/1", "Mærker/2",
                            "Sats@2023/2"]}


def test_decision_default_and_unknown(funktioner: Both) -> None:
    assert funktioner.fails({"art": "c"}).felt == "dato"  # the default is the first decision, samlet
    assert funktioner.run({"art": "c"}, "niveau_alene") == {"niveau": "lav", "regler": ["Niveauvalg/p4"]}
    err = funktioner.fails({"art": "c"}, "niveau_alen")
    assert str(err) == "Ukendt beslutning «niveau_alen». Mente du «niveau_alene»?"


# ---- policies -------------------------------------------------------------------------------------------


def test_priority_picks_enum_order_then_row(funktioner: Both) -> None:
    # p1 (lav) and p2 (høj) and p3 (mellem) all match: høj is first in the enum.
    assert funktioner.run({"art": "a", "antal": 60}, "niveau_alene")["niveau"] == "høj"
    assert funktioner.run({"art": "b", "antal": 60}, "niveau_alene")["niveau"] == "mellem"
    assert funktioner.run({"art": "b", "antal": 0}, "niveau_alene")["regler"] == ["Niveauvalg/p1"]


def test_collect_sum_list_and_empty(funktioner: Both) -> None:
    base = {"dato": "2024-06-01", "indtægt": 1000, "modtaget": "2024-06-01"}
    low = funktioner.run(base | {"art": "c", "antal": 0})
    assert low["tillæg"] == Decimal(1) and low["mærke"] == []  # `-` cells give no list item


def test_unique_no_match_and_overlap(tmp_path) -> None:
    src = tmp_path / "u.regel"
    src.write_text(
        "felt x: heltal fra 0 til 10\nfelt y: ja/nej\n"
        "tabel T\n  hjemmel \"Lov\"\n  | x | y || z |\n  | < 3 | - || 1 |\n  | 2, 3 | ja || 2 |\n  | 2 | nej || 1 |\n"
        "beslutning d\n  z\n", encoding="utf-8")
    modules, diags = load([src])
    assert not [d for d in diags if d.is_error]
    both = Both(modules[0], import_source(generate(modules[0]), tmp_path, "regel_beh_unique"))
    assert both.run({"x": 2, "y": False})["z"] == 1  # rules 1 and 3 overlap but agree
    err = both.fails({"x": 2, "y": True})
    assert str(err) == ("Flere regler i tabellen T passer på sagen og giver forskellige resultater: 1 og 2 "
                        "(x = 2, y = ja).")
    err = both.fails({"x": 7, "y": True})
    assert str(err) == "Ingen regel i tabellen T passer på sagen (x = 7, y = ja)."
    assert err.tabel == "T"


# ---- versions, laziness, refusal --------------------------------------------------------------------------


def test_versions_by_cutoff(funktioner: Both) -> None:
    base = {"art": "a", "indtægt": 1000, "modtaget": "2024-01-01"}
    assert funktioner.run(base | {"dato": "2023-12-31"})["regler"][-1] == "Sats@2023/2"
    assert funktioner.run(base | {"dato": "2024-01-01"})["regler"][-1] == "Sats@2024/2"
    assert funktioner.run(base | {"dato": "2099-01-01"})["kilde"] == "Bek. 2024"  # open-ended
    err = funktioner.fails(base | {"dato": "2022-12-31"})
    assert str(err) == ("Ingen version af tabellen Sats gælder den 2022-12-31 "
                        "(der findes 2023-01-01–2023-12-31, fra 2024-01-01).")
    assert err.tabel == "Sats"


def test_laziness(sanktion: Both, funktioner: Both) -> None:
    # forsørger = ja decides the target group before age is needed.
    r = sanktion.run({"dato": "2024-03-01", "forsørger": True, "dage": 2})
    assert r["beløb"] == Decimal(1512)
    # …but a non-forsørger needs age, and the error names the field.
    err = sanktion.fails({"dato": "2024-03-01", "forsørger": False})
    assert err.felt == "alder" and "«alder»" in str(err)
    # Only the tables a decision needs run: no date, income or receipt date here.
    assert funktioner.run({"art": "c"}, "niveau_alene")["regler"] == ["Niveauvalg/p4"]
    err = funktioner.fails({"art": "c"})
    assert err.felt == "dato"


def test_refusal(sanktion: Both) -> None:
    err = sanktion.fails({"dato": "2024-03-01", "forsørger": False, "alder": 40, "uarbejdsdygtighed": 40})
    assert str(err) == ("Ingen sats (tabellen Dagssats version 2024, regel 2; målgruppe = ikke_forsørger, "
                        "uarbejdsdygtighed = 40 %)")
    assert (err.tabel, err.regel) == ("Dagssats", "2")
    err = sanktion.fails({"dato": "2024-03-01", "forsørger": False, "alder": 40, "uarbejdsdygtighed": 60})
    assert str(err).startswith("Flere regler i tabellen Dagssats version 2024 passer på sagen og giver "
                               "forskellige resultater: 2 og 3")
    err = sanktion.fails({"dato": "2024-03-01", "forsørger": False, "alder": 20})
    assert str(err) == ("Ingen regel i tabellen Dagssats version 2024 passer på sagen "
                        "(målgruppe = under_25_hjemmeboende, uarbejdsdygtighed = 100 %).")


# ---- validation ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("case", "felt", "message"), [
    ({"alderr": 3}, "alderr", "Ukendt felt «alderr» i sagen. Mente du «alder»?"),
    ({"alder": True}, "alder", "Feltet «alder» skal være et helt tal; fik true."),
    ({"alder": "30"}, "alder", "Feltet «alder» skal være et helt tal; fik \"30\"."),
    ({"alder": 30.0}, "alder", "Feltet «alder» er et kommatal (float), som ikke er eksakt."),
    ({"alder": Decimal("30.5")}, "alder", "Feltet «alder» skal angives i hele tal; fik 30.5."),
    ({"alder": 131}, "alder", "Feltet «alder» må højst være 131"[:-3]),
    ({"alder": -1}, "alder", "Feltet «alder» skal være mindst 0; fik -1."),
    ({"forsørger": 1}, "forsørger", "Feltet «forsørger» skal være ja/nej (true eller false); fik 1."),
    ({"månedlig_ydelse": Decimal("NaN")}, "månedlig_ydelse", "Feltet «månedlig_ydelse» skal være et endeligt tal"),
    ({"månedlig_ydelse": Decimal("Infinity")}, "månedlig_ydelse", "skal være et endeligt tal"),
    ({"månedlig_ydelse": float("nan")}, "månedlig_ydelse", "skal være et endeligt tal; fik nan."),
    ({"månedlig_ydelse": 10.5}, "månedlig_ydelse", "parse_float=Decimal"),
    ({"månedlig_ydelse": Decimal("10.005")}, "månedlig_ydelse", "brøkdele af en øre"),
    ({"månedlig_ydelse": Decimal("1" + "0" * 70 + "1E-70")}, "månedlig_ydelse", "har for mange cifre"),
    ({"månedlig_ydelse": Decimal("10.0000000001")}, "månedlig_ydelse", "brøkdele af en øre"),
    ({"månedlig_ydelse": Decimal("-0.01")}, "månedlig_ydelse", "skal være mindst 0 kr; fik -0,01 kr."),
    ({"månedlig_ydelse": 10**20}, "månedlig_ydelse", "er for stort"),
    ({"uarbejdsdygtighed": Decimal("37.5")}, "uarbejdsdygtighed", "skal angives i hele procent"),
    ({"dato": "2024-02-30"}, "dato", "Feltet «dato»: 2024-02-30 er ikke en gyldig dato."),
    ({"dato": "20240101"}, "dato", "tekst på formen ÅÅÅÅ-MM-DD"),
    ({"dato": datetime(2024, 1, 1, 12)}, "dato", "uden klokkeslæt"),
    ({"dato": 20240101}, "dato", "skal være en dato"),
])
def test_validation_messages(sanktion: Both, case: dict, felt: str, message: str) -> None:
    err = sanktion.fails(case | {})
    assert message in str(err)
    assert err.felt == felt


def test_validation_of_enums_and_case_shape(tmp_path) -> None:
    src = tmp_path / "e.regel"
    src.write_text("type M er en af: forsørger, ikke_forsørger\nfelt m: M\n"
                   "tabel T\n  hjemmel \"Lov\"\n"
                   "  | m || z |\n  | forsørger || 1 |\n  | ikke_forsørger || 2 |\nbeslutning d\n  z\n",
                   encoding="utf-8")
    modules, _ = load([src])
    both = Both(modules[0], import_source(generate(modules[0]), tmp_path, "regel_beh_enum"))
    assert str(both.fails({"m": "forsøger"})) == ("«forsøger» er ikke en gyldig værdi for feltet «m». "
                                                  "Mente du «forsørger»?")
    assert "skal være en af: forsørger, ikke_forsørger" in str(both.fails({"m": 0}))
    assert "ordbog" in str(both.fails([("m", "forsørger")]))  # type: ignore[arg-type]
    assert "Feltnavne skal være tekst" in str(both.fails({1: "x"}))
    assert both.run({"m": "ikke_forsørger"})["z"] == 2


def test_present_fields_are_validated_even_when_unused(sanktion: Both) -> None:
    """A bad value is an error even if the decision never reads the field."""
    err = sanktion.fails({"dato": "2024-03-01", "forsørger": True, "månedlig_ydelse": 1.5})
    assert err.felt == "månedlig_ydelse"


def test_accepted_input_forms(sanktion: Both) -> None:
    base = {"forsørger": False, "alder": Decimal("30"), "dage": 3, "uarbejdsdygtighed": Decimal("100")}
    a = sanktion.run(base | {"dato": "2024-03-01"})
    b = sanktion.run(base | {"dato": date(2024, 3, 1), "månedlig_ydelse": Decimal("10469.50")})
    assert a == b and a["beløb"] == Decimal(17682)


def test_changing_inputs_does_not_change_validation(sanktion: Both) -> None:
    sanktion.gen.INPUTS["alder"]["domain"] = (0, 1000)
    try:
        assert sanktion.fails({"alder": 500}).felt == "alder"
    finally:
        sanktion.gen.INPUTS["alder"]["domain"] = (0, 130)


def test_json_with_decimal_parsing_round_trip(sanktion: Both) -> None:
    case = json.loads('{"dato": "2024-03-01", "forsørger": true, "månedlig_ydelse": 10469.50}',
                      parse_float=Decimal)
    assert sanktion.run(case)["dagssats"] == Decimal(756)


# ---- rounding ----------------------------------------------------------------------------------------------

_ROUNDING_SRC = (
    "felt x: beløb\nfelt p: procent standard 50 %\n"
    "tabel Ned\n  hjemmel \"Lov\"\n  | p || ned |\n  | - || afrund_ned(x * p) |\n"
    "beslutning d\n  hel = afrund(x)\n  halv = x * p\n  ned\n  tal = afrund(x / 2 kr)\n  forhold = x / 7 kr\n")


def _rounding_model(tmp: Path, mode: str | None = None):
    src = tmp / "r.regel"
    src.write_text(_ROUNDING_SRC, encoding="utf-8")
    modules, diags = load([src])
    assert not [d for d in diags if d.is_error], [d.message for d in diags]
    m = modules[0]
    if mode is not None:
        # Swap the table's rounding mode in the model (the parser does not yet deliver
        # `afrunding` clauses, see the report) to exercise every mode end to end.
        t = m.tables["Ned"]
        v = t.versions[0]
        rule = v.rules[0]
        out = replace(rule.outputs[0], mode=mode)
        t = replace(t, versions=(replace(v, rules=(replace(rule, outputs=(out,)),)),))
        m = replace(m, tables={"Ned": t})
    return m


@pytest.fixture(scope="module")
def rounding(tmp_path_factory) -> Both:
    tmp = tmp_path_factory.mktemp("rounding")
    m = _rounding_model(tmp)
    return Both(m, import_source(generate(m), tmp, "regel_beh_rounding"))


@pytest.mark.parametrize(("x", "hel", "halv", "ned", "tal"), [
    ("2.50", 3, 1, 1, 1),
    ("3.50", 4, 2, 1, 2),
    ("5", 5, 3, 2, 3),
    ("7", 7, 4, 3, 4),
    ("0.01", 0, 0, 0, 0),
    ("-2.50", -3, -1, -2, -1),
])
def test_rounding_is_half_up_never_bankers(rounding: Both, x, hel, halv, ned, tal) -> None:
    r = rounding.run({"x": Decimal(x)})
    assert (r["hel"], r["halv"], r["ned"]) == (Decimal(hel), Decimal(halv), Decimal(ned))
    assert r["tal"] == tal and type(r["tal"]) is int


@pytest.mark.parametrize(("mode", "x", "want"), [
    ("oere", "2.01", "1.01"), ("oere", "2.03", "1.02"), ("oere", "-2.01", "-1.01"),
    ("kroner", "5", "3"), ("kroner", "3", "2"), ("kroner_down", "3", "1"), ("kroner_down", "-3", "-2"),
])
def test_every_rounding_mode(tmp_path, mode: str, x: str, want: str) -> None:
    m = _rounding_model(tmp_path, mode)
    both = Both(m, import_source(generate(m), tmp_path, f"regel_beh_round_{mode}_{x.replace('.', '_')[-4:]}"))
    assert both.run({"x": Decimal(x)})["ned"] == Decimal(want)


def test_arithmetic_ignores_the_callers_decimal_context(rounding: Both) -> None:
    import decimal

    with decimal.localcontext() as ctx:
        ctx.prec = 2
        ctx.rounding = decimal.ROUND_DOWN
        r = rounding.run({"x": Decimal("12345.67"), "p": 33})
    assert r["halv"] == Decimal(4074)
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        assert r["forhold"] == Decimal("12345.67") / Decimal(7)


# ---- explain -------------------------------------------------------------------------------------------------


def test_explain_trace(sanktion: Both) -> None:
    e = sanktion.gen.explain({"dato": "2024-03-01", "forsørger": False, "alder": 30, "dage": 3})
    json.dumps(e)  # JSON-friendly, nothing but str/int/list/dict/None
    assert e["beslutning"] == "sanktion"
    assert e["input"] == {"dato": "2024-03-01", "forsørger": "nej", "alder": "30", "dage": "3",
                          "uarbejdsdygtighed": "100 %"}
    assert [t["tabel"] for t in e["tabeller"]] == ["Målgruppeafgørelse", "Dagssats"]
    first, rate = e["tabeller"]
    assert first["regel"] == "r" and first["politik"] == "første" and first["hjemmel"] == "x"
    assert first["ikke_valgt"][1] == {"regel": "u", "række": 2, "linje": 22, "kolonne": "alder",
                                      "celle": "< 25", "værdi": "30",
                                      "ikke_opfyldt": [{"kolonne": "alder", "celle": "< 25", "værdi": "30"}]}
    assert rate["version"] == "2024" and rate["gælder"] == ["2024-01-01", "2024-12-31"]
    assert rate["linje"] == 34 and rate["kilde"].startswith("| ikke_forsørger | >= 50 %")
    assert rate["beregninger"] == [{"navn": "dagssats", "udtryk": "1.964,50 kr * 3",
                                    "indsat": "1.964,50 kr × 3", "værdi": "5.894 kr"}]
    assert e["beregninger"] == [{"navn": "beløb", "udtryk": "dagssats * dage", "indsat": "5.894 kr × 3",
                                 "værdi": "17.682 kr"}]
    assert e["resultat"] == {"dagssats": "5.894 kr", "beløb": "17.682 kr"}
    assert "fejl" not in e


def test_explain_does_not_raise(sanktion: Both) -> None:
    refused = sanktion.gen.explain({"dato": "2024-03-01", "forsørger": False, "alder": 40,
                                    "uarbejdsdygtighed": 40})
    assert refused["fejl"] == ("Ingen sats (tabellen Dagssats version 2024, regel 2; målgruppe = ikke_forsørger, "
                               "uarbejdsdygtighed = 40 %)")
    assert refused["tabeller"][1]["fejl"] == refused["fejl"]
    no_rule = sanktion.gen.explain({"dato": "2024-03-01", "forsørger": False, "alder": 20})
    assert no_rule["tabeller"][1]["regel"] is None
    assert {r["regel"] for r in no_rule["tabeller"][1]["ikke_valgt"]} == {"1", "2", "3"}
    bad = sanktion.gen.explain({"alderr": 1})
    assert bad["fejl"].startswith("Ukendt felt") and bad["tabeller"] == []
    json.dumps([refused, no_rule, bad])


def test_explain_computation_with_percent_and_collect(funktioner: Both) -> None:
    e = funktioner.gen.explain({"dato": "2024-06-01", "art": "c", "antal": 60, "indtægt": 1000,
                                "modtaget": "2023-06-01", "pct": 75})
    sats = next(t for t in e["tabeller"] if t["tabel"] == "Sats")
    assert sats["beregninger"][0]["indsat"] == "afrund(1.000 kr × 75 %)"
    collect = next(t for t in e["tabeller"] if t["tabel"] == "Tillæg")
    assert collect["regel"] is None and [r["regel"] for r in collect["ramte"]] == ["1", "3"]
    assert e["resultat"]["total"] == "850 kr"


# ---- lint ------------------------------------------------------------------------------------------------------


@pytest.mark.skipif(RUFF is None, reason=NO_RUFF)
def test_generated_code_is_ruff_clean(tmp_path) -> None:
    modules, _ = load([FIXTURES])
    for m in modules:
        (tmp_path / module_filename(m)).write_text(generate(m), encoding="utf-8")
    done = subprocess.run([RUFF, "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
