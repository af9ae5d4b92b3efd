"""The second law (børne- og ungeydelse) without workarounds, and a clean check an editor
can trust: citations on every rule, no holes between versions, one mistake one error,
tables without condition columns, enum results without annotations, one `afvis` for a
whole row, and parser hints that point at the real mistake."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from test_interp import compile_both

from regel.checks import check_module
from regel.model import load


def lower(tmp_path: Path, text: str):
    f = tmp_path / "m.regel"
    f.write_text(text, encoding="utf-8")
    modules, diags = load([f])
    return (modules[0] if modules else None), diags


def codes(diags) -> list[str]:
    return [d.code for d in diags]


AGE = "felt alder: heltal fra 0 til 130\n"


# ---- A1: every rule has a citation -------------------------------------------------------------
def test_a_table_without_citation_is_one_error_at_its_first_row(tmp_path):
    m, diags = lower(tmp_path, AGE + "tabel Sats\n  | alder || sats |\n  | < 18 || 1 kr |\n  | >= 18 || 2 kr |\n")
    assert m is None and codes(diags) == ["E120"]
    (d,) = diags
    assert d.message == "Regel 1 i tabellen Sats har ingen hjemmel."
    assert d.span.line == 4 and d.data["tabel"] == "Sats"


def test_citation_is_inherited_from_table_version_or_row(tmp_path):
    text = AGE + ("skæringsdato dato\nfelt dato: dato\n"
                  "tabel Sats\n"
                  '  version "a"\n    gælder fra 2024-01-01 til 2024-12-31\n    hjemmel "V"\n'
                  "    | alder || sats | hjemmel |\n    | - || 1 kr | - |\n"
                  '  version "b"\n    gælder fra 2025-01-01\n'
                  "    | alder || sats | hjemmel |\n    | < 18 || 1 kr | \"R\" |\n    | >= 18 || 2 kr | - |\n")
    m, diags = lower(tmp_path, text)
    assert codes(diags) == ["E120"]
    assert diags[0].message == "Regel 2 i tabellen Sats (version «b») har ingen hjemmel."


def test_a_row_that_refuses_cites_too(tmp_path):
    """Every rule cites, a refusal too: its citation is the source that gives no answer."""
    text = AGE + ('tabel Sats\n  | alder || sats | hjemmel |\n  | < 18 || 1 kr | "§ 1" |\n'
                  '  | >= 18 || afvis "Loven siger intet" | - |\n')
    m, diags = lower(tmp_path, text)
    assert m is None and codes(diags) == ["E120"]
    cited = text.replace('afvis "Loven siger intet" | - |', 'afvis "Loven siger intet" | "§ 1 (siger intet)" |')
    m, diags = lower(tmp_path, cited)
    assert m is not None and not diags


# ---- A2: holes between versions, and tables that outlive what they read ------------------------
DATED = "skæringsdato dato\nfelt dato: dato\n" + AGE


def test_a_hole_between_versions_names_the_missing_days(tmp_path):
    text = DATED + ('tabel Grænse\n  hjemmel "L"\n'
                    '  version "a"\n    gælder fra 2024-01-01 til 2024-02-28\n    | alder || g |\n    | - || 1 kr |\n'
                    '  version "b"\n    gælder fra 2024-03-01\n    | alder || g |\n    | - || 2 kr |\n')
    m, diags = lower(tmp_path, text)
    assert m is None and codes(diags) == ["E108"]
    assert diags[0].message == "Ingen version af Grænse gælder 2024-02-29 – 2024-02-29."


def test_versions_sorted_by_start_and_open_ends_are_fine(tmp_path):
    text = DATED + ('tabel Grænse\n  hjemmel "L"\n'
                    '  version "b"\n    gælder fra 2025-01-01\n    | alder || g |\n    | - || 2 kr |\n'
                    '  version "a"\n    gælder fra 2024-01-01 til 2024-12-31\n    | alder || g |\n    | - || 1 kr |\n')
    m, diags = lower(tmp_path, text)
    assert m is not None and not diags


def test_a_table_in_force_where_what_it_reads_is_not_is_a_warning(tmp_path):
    text = DATED + ('tabel Grænse\n  hjemmel "L"\n'
                    '  version "2024"\n    gælder fra 2024-01-01 til 2024-12-31\n'
                    "    | alder || g |\n    | - || 1 kr |\n"
                    'tabel Sats\n  hjemmel "L"\n'
                    '  version "2024"\n    gælder fra 2024-01-01 til 2025-12-31\n'
                    "    | alder || s |\n    | - || g * 2 |\n"
                    "beslutning d\n  s\n")
    m, diags = lower(tmp_path, text)
    assert m is not None and codes(diags) == ["W121"]
    assert diags[0].message == ("Tabellen Sats har en version, der gælder 2025-01-01 – 2025-12-31, men tabellen "
                                "Grænse, som den bruger, har ingen version i den periode.")


def test_an_undated_table_reading_a_dated_one_is_no_warning(tmp_path):
    text = DATED + ('tabel Grænse\n  hjemmel "L"\n  gælder fra 2024-01-01 til 2024-12-31\n'
                    "  | alder || g |\n  | - || 1 kr |\n"
                    'tabel Sats\n  hjemmel "L"\n  | g || s |\n  | - || 1 kr |\nbeslutning d\n  s\n')
    m, diags = lower(tmp_path, text)
    assert m is not None and not diags


# ---- A4: one mistake, one error ---------------------------------------------------------------
def test_an_amount_without_kr_is_one_error_at_that_cell(tmp_path):
    text = AGE + ('tabel Sats\n  hjemmel "L"\n  | alder || sats |\n'
                  "  | < 18 || 756 kr |\n  | [18 ; 60] || 18.984 |\n  | > 60 || 900 kr |\n"
                  "beslutning d\n  sats\n  dobbelt = sats * 2\n")
    m, diags = lower(tmp_path, text)
    assert codes(diags) == ["E105"]
    (d,) = diags
    assert d.message == "«18.984» mangler «kr»: kolonnen «sats» er beløb." and d.hint == "Skriv 18.984 kr."
    assert d.span.line == 6


def test_the_first_cell_does_not_decide_the_column_type(tmp_path):
    text = AGE + ('tabel Sats\n  hjemmel "L"\n  | alder || sats |\n'
                  "  | < 18 || 18.984 |\n  | [18 ; 60] || 756 kr |\n  | > 60 || 900 kr |\n")
    _, diags = lower(tmp_path, text)
    assert codes(diags) == ["E105"] and diags[0].span.line == 5


def test_a_declared_type_still_decides(tmp_path):
    text = AGE + 'tabel Sats\n  hjemmel "L"\n  | alder || sats: heltal |\n  | < 18 || 1 |\n  | >= 18 || 2 kr |\n'
    _, diags = lower(tmp_path, text)
    assert codes(diags) == ["E105"] and diags[0].span.line == 6


def test_references_to_an_untyped_column_are_not_reported_again(tmp_path):
    text = AGE + ("type A er en af: x, y\ntype B er en af: y, z\n"
                  'tabel T\n  hjemmel "L"\n  | alder || u |\n  | < 18 || y |\n  | >= 18 || y |\n'
                  'tabel V\n  hjemmel "L"\n  | u || v |\n  | - || 1 |\n'
                  "beslutning d\n  u\n  v\n")
    _, diags = lower(tmp_path, text)
    assert codes(diags) == ["E113"]


def test_fractional_percent_in_a_calculation_is_exact(tmp_path):
    _, decide = compile_both("felt i: beløb fra 0 kr\n"
                             'tabel T\n  hjemmel "L"\n  afrunding øre\n  | i || s |\n  | - || i * 2,5 % |\n'
                             "beslutning d\n  s\n", tmp_path)
    assert decide({"i": 1000})["s"] == Decimal("25")


def test_fractional_percent_in_a_condition_is_refused_clearly(tmp_path):
    text = ("felt p: procent\n"
            'tabel T\n  hjemmel "L"\n  | p || s |\n  | 2,5 % || 1 |\n  | ikke 2,5 % || 2 |\n')
    _, diags = lower(tmp_path, text)
    assert codes(diags) == ["E112", "E112"]
    assert diags[0].message == "Værdien 2,5 % kan ikke skrives i hele procent."


# ---- B7: tables without condition columns -----------------------------------------------------
CONSTANT = """\
skæringsdato dato
felt dato: dato
felt indkomst: beløb fra 0 kr

tabel Bundfradrag "Indkomstgrænsen"
  hjemmel "Lov om en børne- og ungeydelse § 5 a"
  version "2023"
    gælder fra 2023-01-01 til 2023-12-31
    || bundfradrag | aftrapningsprocent |
    || 852.600 kr  | 2 %                |
  version "2024"
    gælder fra 2024-01-01 til 2024-12-31
    || bundfradrag | aftrapningsprocent |
    || 882.700 kr  | 2 %                |
"""


def constant_module() -> str:
    return CONSTANT + (
        '\ntabel Aftrapning\n  hjemmel "Lov om en børne- og ungeydelse § 5 a"\n'
        "  || aftrapning |\n  || maks(afrund((indkomst - bundfradrag) * aftrapningsprocent), 0 kr) |\n"
        "beslutning d\n  bundfradrag\n  aftrapning\n")


def test_a_constant_table_checks_compiles_and_interprets(tmp_path):
    m, decide = compile_both(constant_module(), tmp_path)
    assert [c.name for c in m.tables["Bundfradrag"].inputs] == []
    assert not [d for d in check_module(m) if d.is_error]
    got = decide({"dato": "2023-06-01", "indkomst": 952600})
    assert got["bundfradrag"] == Decimal("852600") and got["aftrapning"] == Decimal("2000")
    assert got["regler"][0].startswith("Bundfradrag@2023/")
    assert decide({"dato": "2024-06-01", "indkomst": 100})["aftrapning"] == Decimal("0")
    refused = decide({"dato": "2022-06-01", "indkomst": 100})
    assert refused[0] == "fejl" and refused[3] == "Bundfradrag"


def test_two_rows_in_a_constant_table_overlap(tmp_path):
    m, diags = lower(tmp_path, 'tabel K\n  hjemmel "L"\n  || k |\n  || 1 kr |\n  || 2 kr |\nbeslutning d\n  k\n')
    assert not diags
    assert [d.code for d in check_module(m)] == ["E202"]


def test_a_constant_table_formats_and_keeps_its_meaning(tmp_path):
    from regel.fmt import format_source

    src = 'tabel K\n  hjemmel "L"\n  ||k|\n  ||1 kr|\nbeslutning d\n  k\n'
    out = format_source(src)
    assert "  || k    |\n  || 1 kr |\n" in out
    assert format_source(out) == out


# ---- B9: enum results infer their type ---------------------------------------------------------
def test_enum_result_column_infers_the_one_type_having_its_values(tmp_path):
    text = AGE + ("type A er en af: x, y\ntype B er en af: y, z\n"
                  'tabel T\n  hjemmel "L"\n  | alder || r |\n  | < 18 || y |\n  | >= 18 || x |\n'
                  "beslutning d\n  r\n")
    m, diags = lower(tmp_path, text)
    assert not diags and m.tables["T"].outputs[0].type.name == "A"


def test_ambiguous_enum_result_asks_for_the_annotation(tmp_path):
    text = AGE + ("type A er en af: x, y\ntype B er en af: y, z\n"
                  'tabel T\n  hjemmel "L"\n  | alder || r |\n  | < 18 || y |\n  | >= 18 || y |\n'
                  "beslutning d\n  r\n")
    _, diags = lower(tmp_path, text)
    assert codes(diags) == ["E113"]
    assert diags[0].message == "Typen af «r» kan ikke bestemmes: værdierne findes i flere opremsninger (A, B)."
    assert diags[0].hint == "Angiv typen i kolonneoverskriften, fx «r: A»." and diags[0].span.line == 6


def test_an_odd_enum_value_is_the_error_not_the_column(tmp_path):
    text = AGE + ("type A er en af: x, w\ntype B er en af: z\n"
                  'tabel T\n  hjemmel "L"\n  | alder || r |\n  | < 18 || x |\n  | [18 ; 60] || w |\n'
                  "  | > 60 || z |\n")
    _, diags = lower(tmp_path, text)
    assert codes(diags) == ["E104"] and diags[0].span.line == 9


# ---- B10: one `afvis` refuses the whole row ---------------------------------------------------
def test_one_refusal_refuses_every_result_of_the_row(tmp_path):
    text = AGE + ('tabel T\n  hjemmel "L"\n  | alder || a | b | hjemmel |\n  | < 18 || 1 kr | 2 kr | "X" |\n'
                  '  | >= 18 || afvis "For gammel" |\nbeslutning d\n  a\n  b\n')
    m, decide = compile_both(text, tmp_path)
    rule = m.tables["T"].versions[0].rules[1]
    assert [type(e).__name__ for e in rule.outputs] == ["Refuse", "Refuse"] and rule.citation == "L"
    assert decide({"alder": 10})["b"] == Decimal("2")
    refused = decide({"alder": 20})
    assert refused[0] == "fejl" and "For gammel" in refused[1]
    assert not [d for d in check_module(m) if d.is_error]


# ---- B13: hints that point at the real mistake ------------------------------------------------
HINT_HEAD = AGE + 'tabel T\n  hjemmel "L"\n  | alder || s |\n  | - || 1 kr |\nbeslutning d\n  s\n'


def test_forventet_is_forvent(tmp_path):
    _, diags = lower(tmp_path, HINT_HEAD + 'eksempel "e" for d:\n  givet alder = 3\n  forventet s = 1 kr\n')
    (d,) = diags
    assert d.code == "E002" and d.message == "Ukendt nøgleord «forventet»." and d.hint == "Mente du «forvent»?"
    assert d.span.text == "forventet"


def test_pct_is_written_with_a_percent_sign(tmp_path):
    _, diags = lower(tmp_path, AGE + 'tabel T\n  hjemmel "L"\n  | alder || s |\n  | - || 2 pct. |\n')
    (d,) = diags
    assert d.code == "E002" and d.hint == "Skriv procent som «2 %»."


def test_a_space_is_no_thousands_separator(tmp_path):
    _, diags = lower(tmp_path, AGE + 'tabel T\n  hjemmel "L"\n  | alder || s |\n  | - || 18 984 kr |\n')
    (d,) = diags
    assert d.code == "E002" and d.hint == "Tusindtalsseparatoren er «.»: skriv 18.984 kr."


def test_check_cli_gives_one_error_for_one_mistake(tmp_path):
    f = tmp_path / "m.regel"
    f.write_text(AGE + 'tabel Sats\n  hjemmel "L"\n  | alder || sats |\n  | < 18 || 756 kr |\n'
                 "  | >= 18 || 18.984 |\nbeslutning d\n  sats\n  dobbelt = sats * 2\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "regel", "check", str(f), "--format", "gnu"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout.strip().splitlines() == [
        "m.regel:6:14: fejl: «18.984» mangler «kr»: kolonnen «sats» er beløb. [E105]"]


def test_afvis_once_with_the_rows_own_citation(tmp_path):
    """`|| afvis "…" | "§ 2" |`: one refusal for every result, and the row cites its own source."""
    text = ('felt x: heltal fra 0 til 9\ntabel T\n  | x   || a: beløb | b: beløb | hjemmel |\n'
            '  | < 5 || 1 kr | 2 kr | "§ 1" |\n  | >= 5 || afvis "Loven er tavs" | "§ 2 (tavs)" |\n'
            'beslutning t\n  a\n  b\n')
    m, diags = lower(tmp_path, text)
    assert m is not None and not diags
    rule = m.tables["T"].versions[0].rules[1]
    assert rule.citation == "§ 2 (tavs)"
    assert all(type(e).__name__ == "Refuse" for e in rule.outputs)
