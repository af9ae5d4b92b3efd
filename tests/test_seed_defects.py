"""The source documents' defects, written literally, must be found by the checker.

Each fixture in tests/fixtures/defects/ encodes one literal reading of a damaged or
contradictory passage of the seed documents (see /work/shared/seeds/README.md, the
editorial decisions 1–3); `tables/` holds the corrected encoding, which must check clean.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from regel.checks import check_module
from regel.diagnostics import has_errors
from regel.model import load, load_module

ROOT = Path(__file__).resolve().parent.parent
DEFECTS = ROOT / "tests" / "fixtures" / "defects"


def findings(name: str):
    module, diags = load_module(DEFECTS / name)
    assert module is not None, [d.message for d in diags]
    assert not has_errors(diags), [d.message for d in diags]
    return check_module(module)


def codes(diags, code: str):
    return [d for d in diags if d.code == code]


def test_printed_302_and_962_break_the_relation():
    """(a) Beslutning 1: 001's «302» and «962» are caught by the relation, on the right rows."""
    found = findings("satser_2025_trykt.regel")
    e205 = codes(found, "E205")
    assert len(e205) == 2, [d.message for d in found]
    by_table = {d.data["tabel"]: d for d in e205}
    day, incident = by_table["Dagssats"], by_table["Hændelsessats"]
    assert (day.data["regel"], day.data["trykt"], day.data["beregnet"]) == ("b50", 302, 392)
    assert day.data["grundlag"] == "b100"
    assert (incident.data["regel"], incident.data["trykt"], incident.data["beregnet"]) == ("i50", 962, 982)
    assert incident.data["grundlag"] == "i100"
    assert "302 kr" in day.message and "392 kr" in day.message
    assert "962 kr" in incident.message and "982 kr" in incident.message
    # The diagnostics point at the damaged cells.
    assert day.span is not None and day.span.text.strip() == "302 kr"
    assert incident.span is not None and incident.span.text.strip() == "962 kr"
    # Nothing else is wrong with the literal tables.
    assert [d.code for d in found if d.is_error] == ["E205", "E205"]


def test_sickness_report_listed_as_both_fradrag_and_nedsaettelse_overlaps():
    """(b) Beslutning 2: 000 lists manglende sygemelding in 2.2 (fradrag) and 2.5 (nedsættelse)."""
    found = findings("sygemelding_ressourceforloeb_begge.regel")
    e202 = codes(found, "E202")
    assert len(e202) == 1, [d.message for d in found]
    d = e202[0]
    assert sorted(d.data["regler"]) == ["n25", "s22"]
    assert d.data["eksempel"] == {"forseelse": "manglende_sygemelding"}
    assert "s22" in d.message and "n25" in d.message
    assert "fradrag" in d.message and "nedsættelse" in d.message
    assert not codes(found, "E201")


def test_literal_sh_o_brackets_leave_the_oere_gap():
    """(c) Beslutning 3: whole-krone brackets on an amount column miss 10.469,01–10.469,99 kr."""
    found = findings("sh_o_intervaller_bogstaveligt.regel")
    e201 = codes(found, "E201")
    assert len(e201) == 1, [d.message for d in found]
    d = e201[0]
    assert d.data["eksempel"] == {"månedlig_ydelse": Decimal("10469.01")}
    assert d.data["område"] == {"månedlig_ydelse": {"fra": Decimal("10469.01"), "til": Decimal("10469.99"),
                                                    "fra_med": True, "til_med": True}}
    assert "10.469,01 kr" in d.message
    assert not codes(found, "E202")


def test_literal_sh_o_brackets_on_whole_kroner_have_no_gap():
    """(c) The same brackets on a whole-number column are complete: the gap is the øre."""
    found = findings("sh_o_intervaller_heltal.regel")
    assert not [d for d in found if d.is_error], [d.message for d in found]
    assert not found


def test_missing_under_25_incident_rate_is_a_gap():
    """(d) Beslutning 1: 001 prints no 100 % per-incident rate for under 25, hjemmeboende."""
    found = findings("haendelsessats_2025_uden_under_25.regel")
    e201 = codes(found, "E201")
    assert len(e201) == 1, [d.message for d in found]
    d = e201[0]
    assert d.data["tabel"] == "Hændelsessats" and d.data["version"] == "2025"
    assert d.data["eksempel"]["uarbejdsdygtighed"] == 100
    assert d.data["eksempel"]["målgruppe_valgt"] in ("under_25_hjemmeboende", "under_25_bidragspligt")
    assert d.data["område"] == {"målgruppe_valgt": {"værdier": ["under_25_hjemmeboende", "under_25_bidragspligt"]},
                                "uarbejdsdygtighed": {"fra": 100, "til": 100, "fra_med": True, "til_med": True}}
    # Without the base row, the printed 75 % / 50 % under-25 rates cannot be verified either.
    assert sorted(x.data["regel"] for x in codes(found, "E206")) == ["b50", "b75", "u50", "u75"]


@pytest.mark.parametrize("fixture", sorted(p.name for p in DEFECTS.glob("*.regel")))
def test_fixture_modules_load(fixture):
    module, diags = load_module(DEFECTS / fixture)
    assert module is not None and not has_errors(diags)


def test_corrected_tables_check_clean():
    """The encoding in tables/ (with the editorial decisions) has no findings at all."""
    modules, diags = load([ROOT / "tables"])
    assert not has_errors(diags), [d.message for d in diags]
    assert sorted(m.name for m in modules) == ["boerne_og_ungeydelse", "folkepension", "sanktion"]
    for m in modules:
        found = check_module(m)
        assert not found, (m.name, [f"{d.code} {d.message}" for d in found])
