"""The second and third rule sets in tables/ — børne- og ungeydelse and folkepension — decided
through the committed generated code and through the interpreter, which must agree, with the
amounts of the sources (docs/research/boerne_og_ungeydelse.md and kontanthjaelp_satser.md)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from generated_loader import load_generated_module
from outcomes import outcome

from regel import interp
from regel.model import load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def modules() -> dict[str, object]:
    loaded, diags = load([ROOT / "tables"])
    assert not [d for d in diags if d.is_error], [d.message for d in diags if d.is_error]
    return {m.name: m for m in loaded}


def _generated(name: str) -> ModuleType:
    return load_generated_module(ROOT / "generated" / f"{name}.py", f"regel_second_law_{name}")


@pytest.fixture(scope="module")
def boern(modules):
    return _decider(modules["boerne_og_ungeydelse"], _generated("boerne_og_ungeydelse"), "boerneydelse")


@pytest.fixture(scope="module")
def pension(modules):
    return _decider(modules["folkepension"], _generated("folkepension"), "folkepension")


def _decider(model, gen: ModuleType, decision: str):
    """Decide a case with the generated code and the interpreter; they must agree (result or
    refusal message). Returns the result dict, or the refusal message as a string."""

    def decide(**case):
        got = outcome(lambda c: gen.evaluate(c, decision), case)
        ref = outcome(lambda c: interp.evaluate(model, decision, c), case)
        if isinstance(got, tuple):  # a refusal: same message, field and table
            assert got[0] == "RegelFejl" and ref[0] == "RegelFejl", (got, ref)
            assert got[1:] == ref[1:], (got, ref)
            return got[1]
        assert got == ref
        return got

    return decide


def test_the_new_modules_are_in_tables(modules) -> None:
    assert set(modules) == {"sanktion", "boerne_og_ungeydelse", "folkepension"}
    assert set(modules["boerne_og_ungeydelse"].decisions) == {"boerneydelse"}
    assert set(modules["folkepension"].decisions) == {"folkepension"}


# ---- børne- og ungeydelse ------------------------------------------------------------------------

BASE = {"delt": False, "topskattegrundlag": 0}


@pytest.mark.parametrize(("dato", "gruppe", "delt", "udbetaling"), [
    # borger.dk, første kvartal 2023: satsen + 660 kr (330 kr delt); ungeydelse + 220 kr (110 kr delt)
    ("2023-01-20", "år_0_2", False, 5406),
    ("2023-01-20", "år_3_6", False, 4416),
    ("2023-01-20", "år_7_14", False, 3615),
    ("2023-01-20", "år_0_2", True, 2703),
    ("2023-01-20", "år_3_6", True, 2208),
    ("2023-01-20", "år_7_14", True, 1808),   # (2.955 + 660) / 2 = 1.807,50 rundet op
    ("2023-02-20", "år_15_17", False, 1205),
    ("2023-03-20", "år_15_17", True, 603),   # (985 + 220) / 2 = 602,50 rundet op
    ("2023-04-20", "år_7_14", False, 2955),  # ingen forhøjelse efter 1. kvartal
    ("2023-04-20", "år_15_17", False, 985),
    ("2023-07-20", "år_7_14", True, 1478),   # 1.477,50 rundet op (§ 4, stk. 1)
    ("2023-07-20", "år_15_17", True, 493),   # 492,50 rundet op
    # 2024: lovbemærkningernes årsbeløb / 4 og / 12; halve ydelser som hos al-bank.dk
    ("2024-04-20", "år_0_2", False, 5124),
    ("2024-04-20", "år_0_2", True, 2562),
    ("2024-04-20", "år_3_6", True, 2028),
    ("2024-04-20", "år_7_14", True, 1596),
    ("2024-04-20", "år_15_17", False, 1064),
    ("2024-04-20", "år_15_17", True, 532),
])
def test_boerneydelse_satser(boern, dato, gruppe, delt, udbetaling) -> None:
    got = boern(**{**BASE, "dato": dato, "aldersgruppe": gruppe, "delt": delt})
    assert got["udbetaling"] == udbetaling and got["nedsættelse"] == 0
    assert got["periode"] == ("måned" if gruppe == "år_15_17" else "kvartal")


def test_boerneydelse_aftrapning_borger_dk_example(boern) -> None:
    """borger.dk: 870.000 kr i 2022 (grænse 828.100 kr) → 838 kr om året, 209,50 kr pr. kvartal."""
    got = boern(dato="2022-07-20", aldersgruppe="år_0_2", delt=False, topskattegrundlag=870000)
    assert got["årlig_nedsættelse"] == 838
    assert got["nedsættelse"] == Decimal("209.50")
    assert got["udbetaling"] == Decimal("4443.50")


@pytest.mark.parametrize(("grundlag", "årlig", "kvartal", "udbetaling"), [
    (0, 0, 0, 5124),
    (882700, 0, 0, 5124),                             # lig bundfradraget: «overstiger» ikke
    (Decimal("882700.01"), 0, 0, 5124),                         # 0,01 kr × 2 % rundes til 0 øre
    (882800, 2, Decimal("0.50"), Decimal("5123.50")),
    (900000, 346, Decimal("86.50"), Decimal("5037.50")),
    (1907500, 20496, 5124, 0),                        # præcis hele ydelsen
    (2000000, 22346, 5124, 0),                        # loftet: højst hele ydelsen
])
def test_boerneydelse_aftrapning_2024(boern, grundlag, årlig, kvartal, udbetaling) -> None:
    got = boern(dato="2024-04-20", aldersgruppe="år_0_2", delt=False, topskattegrundlag=grundlag)
    assert (got["årlig_nedsættelse"], got["nedsættelse"], got["udbetaling"]) == (årlig, kvartal, udbetaling)


def test_boerneydelse_shared_half_is_reduced_by_own_income(boern) -> None:
    got = boern(dato="2023-01-20", aldersgruppe="år_7_14", delt=True, topskattegrundlag=952600)
    assert (got["ydelse_før_nedsættelse"], got["nedsættelse"], got["udbetaling"]) == (1808, 500, 1308)


def test_boerneydelse_refusals(boern) -> None:
    msg = boern(dato="2024-06-20", aldersgruppe="år_15_17", delt=False, topskattegrundlag=900000)
    assert isinstance(msg, str) and "ungeydelsens måneder" in msg and "Nedsættelse" in msg
    for dato in ("2021-12-31", "2025-01-01"):
        msg = boern(dato=dato, aldersgruppe="år_0_2", delt=False, topskattegrundlag=0)
        assert isinstance(msg, str) and "Sats" in msg, msg


def test_boerneydelse_citations(boern) -> None:
    got = boern(dato="2023-01-20", aldersgruppe="år_15_17", delt=False, topskattegrundlag=0)
    assert got["hjemmel"] == "BUL § 1, stk. 1–3 – satser 2023 (skm.dk, satser og beløbsgrænser)"
    assert got["periodehjemmel"] == "BUL § 5, stk. 4 (ungeydelsen udbetales månedligt)"
    assert got["nedsættelseshjemmel"] == "BUL § 1 a, stk. 1"


# ---- folkepension --------------------------------------------------------------------------------


def test_folkepension_aeldre_sagen_example(pension) -> None:
    """Ældre Sagen 2024, enlig: (126.000 − 93.400) × 30,9 % = 10.073 kr; 86.119 kr/år, 7.177 kr/md."""
    got = pension(dato="2024-03-01", civilstand="enlig", indtægtsgrundlag=126000)
    assert got["grundbeløb_måned"] == 6928
    assert got["fradragsbeløb"] == 93400
    assert got["tillægsnedsættelse_år"] == 10073
    assert got["pensionstillæg_år"] == 86119
    assert got["pensionstillæg_måned"] == 7177
    assert got["i_alt_måned"] == 6928 + 7177
    assert got["hjemmel"] == "PL § 31, stk. 2, nr. 1"


@pytest.mark.parametrize(("dato", "civilstand", "grundlag", "tillæg_md"), [
    ("2024-06-01", "enlig", 0, 8016),
    ("2024-06-01", "enlig", 93400, 8016),            # borger.dk: op til 93.400 kr fuldt tillæg
    ("2024-06-01", "enlig", 404701, 0),              # borger.dk: over 404.700 kr intet tillæg
    ("2024-06-01", "enlig", 500000, 0),
    ("2025-02-01", "enlig", 126000, 7551),           # 99.948 − 9.332 = 90.616; / 12
    ("2024-09-01", "par_begge_pension", 187100, 4102),
    ("2024-09-01", "par_begge_pension", 250000, 3263),  # 49.224 − 10.064 = 39.160; / 12
    ("2025-09-01", "par_begge_pension", 192000, 4262),
    ("2025-09-01", "par_begge_pension", 192100, 4261),
])
def test_folkepension_tillaeg(pension, dato, civilstand, grundlag, tillæg_md) -> None:
    got = pension(dato=dato, civilstand=civilstand, indtægtsgrundlag=grundlag)
    assert got["pensionstillæg_måned"] == tillæg_md
    assert got["grundbeløb_måned"] == (6928 if dato.startswith("2024") else 7198)  # nedsættes ikke
    assert got["pensionstillæg_år"] >= 0


def test_folkepension_refusals(pension) -> None:
    msg = pension(dato="2024-06-01", civilstand="par_ægtefælle_uden_pension", indtægtsgrundlag=250000)
    assert isinstance(msg, str) and "Fradragsbeløbet" in msg
    msg = pension(dato="2025-06-01", civilstand="samlevende_som_enlig", indtægtsgrundlag=0)
    assert isinstance(msg, str) and "betragtes som enlige" in msg
    for dato in ("2023-12-31", "2026-01-01"):
        msg = pension(dato=dato, civilstand="enlig", indtægtsgrundlag=0)
        assert isinstance(msg, str) and "Grundbeløb" in msg, msg
