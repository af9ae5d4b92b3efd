"""The checker on small hand-written tables, through the whole front end."""

from __future__ import annotations

import textwrap
import time
from decimal import Decimal

import pytest

from regel import diagnostics as dg
from regel.checks import analyse, check_module
from regel.model import load
from regel.render import format_plain


def module_of(tmp_path, text: str, name: str = "t.regel"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    modules, diags = load([path])
    assert not dg.has_errors(diags), [format_plain(d) for d in diags]
    assert len(modules) == 1
    return modules[0]


def codes(diags) -> list[str]:
    return [d.code for d in diags]


def only(diags, code: str) -> list[dg.Diagnostic]:
    return [d for d in diags if d.code == code]


BRACKETS = """
    felt ydelse: {type} fra 0
    tabel Sats "Sanktionssats efter månedlig ydelse"
      hjemmel "Lov"
      | ydelse            || sats: beløb |
      | < 5.935           || 100 kr      |
      | [5.935 ; 10.469]  || 200 kr      |
      | [10.470 ; 14.245] || 300 kr      |
      | > 14.245          || 400 kr      |
"""


def test_amount_brackets_leave_an_oere_gap(tmp_path):
    m = module_of(tmp_path, BRACKETS.format(type="beløb"))
    diags = check_module(m)
    assert codes(diags) == ["E201"]
    d = diags[0]
    assert d.severity is dg.Severity.ERROR
    assert d.message == "Ingen regel dækker: ydelse = 10.469,01 kr"
    assert d.data["eksempel"] == {"ydelse": Decimal("10469.01")}  # data: JSON values, amounts in kr
    assert d.data["område"] == {"ydelse": {"fra": Decimal("10469.01"), "til": Decimal("10469.99"),
                                           "fra_med": True, "til_med": True}}
    assert d.data["frie"] == []
    assert "[10.469,01 kr ; 10.469,99 kr]" in d.hint and "afvis" in d.hint
    assert d.span is not None and d.span.line == 5  # the grid


def test_whole_number_brackets_have_no_gap(tmp_path):
    m = module_of(tmp_path, BRACKETS.format(type="heltal"))
    assert check_module(m) == []


def test_gap_message_names_enum_and_percent(tmp_path):
    m = module_of(tmp_path, """
        type Målgruppe er en af: forsørger, ikke_forsørger, under_25_hjemmeboende
        felt målgruppe: Målgruppe
        felt uarbejdsdygtighed: procent fra 0 % til 100 %
        tabel Dagssats
          hjemmel "Lov"
          | målgruppe                 | uarbejdsdygtighed || dagssats: beløb |
          | forsørger, ikke_forsørger | -                 || 700 kr          |
          | under_25_hjemmeboende     | <= 50 %           || 300 kr          |
          | under_25_hjemmeboende     | > 75 %            || 400 kr          |
    """)
    (d,) = check_module(m)
    assert d.code == "E201"
    assert d.message == "Ingen regel dækker: målgruppe = under_25_hjemmeboende, uarbejdsdygtighed = 51 %"
    assert d.data["område"] == {"målgruppe": {"værdier": ["under_25_hjemmeboende"]},
                                "uarbejdsdygtighed": {"fra": 51, "til": 75, "fra_med": True, "til_med": True}}
    assert d.data["tabel"] == "Dagssats" and d.data["version"] is None


def test_one_diagnostic_per_connected_hole(tmp_path):
    # The hole is L-shaped (x = 0 with any y, and x in [1;2] with y = 0): the
    # sweep cuts it into two boxes, the editor gets one message.
    m = module_of(tmp_path, """
        felt x: heltal fra 0 til 5
        felt y: heltal fra 0 til 5
        tabel T
          hjemmel "Lov"
          | x      | y     || t: heltal |
          | > 2    | -     || 1         |
          | [1;2]  | > 0   || 2         |
    """)
    diags = check_module(m)
    assert codes(diags) == ["E201"]
    d = diags[0]
    assert "kasser" not in d.data  # no internal counters in findings
    assert d.data["område"] == {"x": {"fra": 0, "til": 2, "fra_med": True, "til_med": True},
                                "y": {"fra": 0, "til": 5, "fra_med": True, "til_med": True}}
    assert d.data["frie"] == ["y"]
    # The most general box (x = 0, any y) is the example; y is left out.
    assert d.message == "Ingen regel dækker: x = 0"
    assert d.hint.startswith("Det udækkede område ligger inden for: x <= 2.")


def test_two_separate_holes_two_diagnostics(tmp_path):
    m = module_of(tmp_path, """
        felt x: heltal fra 0 til 9
        tabel T
          hjemmel "Lov"
          politik første
          | x      || t: heltal |
          | [2;4]  || 1         |
          | >= 6   || 2         |
    """)
    diags = check_module(m)
    assert [d.data["eksempel"]["x"] for d in diags] == [0, 5]


def test_refuse_rows_count_as_covering(tmp_path):
    m = module_of(tmp_path, """
        felt x: heltal fra 0 til 9
        tabel T
          hjemmel "Lov"
          | x     || t: heltal               |
          | < 5   || 1                       |
          | >= 5  || afvis "Loven siger intet" |
    """)
    assert check_module(m) == []


def test_overlap_with_different_outputs_is_an_error(tmp_path):
    m = module_of(tmp_path, """
        type Form er en af: fradrag, nedsættelse
        felt forseelse: ja/nej
        felt dage: heltal fra 0 til 10
        tabel Sanktionsform
          hjemmel "Lov"
          | id | forseelse | dage  || form: Form  |
          | a  | ja        | -     || fradrag     |
          | b  | ja        | >= 5  || nedsættelse |
          | c  | nej       | -     || fradrag     |
    """)
    (d,) = check_module(m)
    assert d.code == "E202" and d.severity is dg.Severity.ERROR
    assert d.message == ("Regel a (linje 8) og regel b (linje 9) overlapper med forskellige resultater: "
                         "ved forseelse = ja, dage = 5 giver regel a form = fradrag, "
                         "men regel b form = nedsættelse")
    assert d.hint.startswith("Gør betingelserne disjunkte")
    assert [lab.span.line for lab in d.labels] == [9]
    assert d.data["regler"] == ["a", "b"]
    assert d.data["eksempel"] == {"forseelse": True, "dage": 5}


def test_overlap_with_same_output_is_a_warning(tmp_path):
    m = module_of(tmp_path, """
        felt dage: heltal fra 0 til 10
        tabel T
          hjemmel "Lov"
          | dage   || t: heltal |
          | <= 5   || 1         |
          | >= 5   || 1         |
    """)
    (d,) = check_module(m)
    assert d.code == "W203" and d.severity is dg.Severity.WARNING
    assert "dage = 5" in d.message


def test_catch_all_overlaps_are_grouped_by_output(tmp_path):
    m = module_of(tmp_path, """
        felt x: heltal fra 0 til 9
        tabel T
          hjemmel "Lov"
          | id | x     || t: heltal |
          | alt| -     || 0         |
          | a  | 1     || 1         |
          | b  | 2     || 1         |
          | c  | 3     || 2         |
    """)
    diags = check_module(m)
    assert codes(diags) == ["E202", "E202"]
    assert [d.data["regler"] for d in diags] == [["alt", "a", "b"], ["alt", "c"]]
    assert len(diags[0].labels) == 2


def test_first_policy_dead_rule_names_the_masking_rules(tmp_path):
    m = module_of(tmp_path, """
        felt alder: heltal fra 0 til 130
        tabel T
          hjemmel "Lov"
          politik første
          | alder   || t: heltal |
          | < 25    || 1         |
          | >= 25   || 2         |
          | 30      || 3         |
          | -       || 4         |
    """)
    diags = check_module(m)
    assert codes(diags) == ["W204", "W204"]
    assert diags[0].message == ("Regel 3 (linje 9) kan aldrig bruges: alle tilfælde den dækker, "
                                "fanges først af regel 2 (linje 8)")
    assert diags[1].data["skygges_af"] == ["1", "2"]
    assert [lab.span.line for lab in diags[1].labels] == [7, 8]


def test_priority_policy_dead_rule(tmp_path):
    m = module_of(tmp_path, """
        type Form er en af: fradrag, nedsættelse, ingen
        felt dage: heltal fra 0 til 10
        tabel T
          hjemmel "Lov"
          politik prioritet
          | dage   || form: Form  |
          | >= 3   || fradrag     |
          | >= 5   || nedsættelse |
          | -      || ingen       |
          | 4      || fradrag     |
    """)
    diags = check_module(m)
    # Row 2 loses to row 1 everywhere; row 4 ties with row 1 (same priority), and a tie goes
    # to the earlier row (as the generated code resolves it), so it is dead too.
    assert codes(diags) == ["W204", "W204"]
    assert diags[0].data == {"tabel": "T", "version": None, "regel": "2", "skygges_af": ["1"]}
    assert "højere prioritet" in diags[0].message
    assert diags[1].data == {"tabel": "T", "version": None, "regel": "4", "skygges_af": ["1"]}
    assert "giver samme form og står før" in diags[1].hint


@pytest.mark.parametrize("policy", ["unik", "første", "prioritet", "samling sum"])
def test_empty_condition_is_dead_in_every_policy(tmp_path, policy):
    out = "t: Form" if policy == "prioritet" else "t: heltal"
    vals = ("a", "b") if policy == "prioritet" else ("1", "2")
    m = module_of(tmp_path, f"""
        type Form er en af: a, b
        felt x: heltal fra 0 til 10
        tabel T
          hjemmel "Lov"
          politik {policy}
          | x        || {out} |
          | ]5 ; 6[  || {vals[0]} |
          | -        || {vals[1]} |
    """)
    diags = check_module(m)
    assert codes(diags) == ["W204"]
    assert diags[0].message == "Regel 1 (linje 8) kan aldrig bruges: betingelsen «]5 ; 6[» for x indeholder ingen værdi"
    assert diags[0].span.text.strip() == "]5 ; 6["


def test_collect_tables_have_no_gap_or_overlap_errors(tmp_path):
    m = module_of(tmp_path, """
        felt x: heltal fra 0 til 10
        tabel T
          hjemmel "Lov"
          politik samling sum
          | x      || t: beløb |
          | < 3    || 10 kr    |
          | < 5    || 20 kr    |
    """)
    assert check_module(m) == []


def test_versions_are_checked_separately(tmp_path):
    m = module_of(tmp_path, """
        skæringsdato dato
        felt dato: dato
        felt x: heltal fra 0 til 10
        tabel T
          hjemmel "Lov"
          version "2024"
            gælder fra 2024-01-01 til 2024-12-31
            | x    || t: heltal |
            | -    || 1         |
          version "2025"
            gælder fra 2025-01-01 til 2025-12-31
            | x    || t: heltal |
            | < 5  || 1         |
    """)
    (d,) = check_module(m)
    assert d.code == "E201"
    assert d.message == "Ingen regel dækker: x = 5 (version «2025»)"
    assert d.data["version"] == "2025"
    assert d.span.line == 11  # the 2025 version


RELATION = """
    type Målgruppe er en af: forsørger, ikke_forsørger
    felt målgruppe: Målgruppe
    felt uarbejdsdygtighed: procent fra 0 % til 100 %
    tabel Sats
      hjemmel "Lov"
      politik første
      relation sats = afrund(fuld * uarbejdsdygtighed) hvor fuld er sats ved uarbejdsdygtighed = 100 %
      | målgruppe      | uarbejdsdygtighed || sats: beløb |
      | forsørger      | 100 %             || 783 kr      |
      | forsørger      | 75 %              || 587 kr      |
      | forsørger      | 50 %              || 302 kr      |
      | ikke_forsørger | 100 %             || 569 kr      |
      | ikke_forsørger | 50 %              || 285 kr      |
      | -              | 75 %              || 427 kr      |
      | -              | -                 || afvis "Ingen sats" |
"""


def test_relation_catches_a_damaged_rate(tmp_path):
    m = module_of(tmp_path, RELATION)
    e205 = only(check_module(m), "E205")
    assert len(e205) == 1
    d = e205[0]
    assert d.message == ("Trykt sats 302 kr for forsørger ved 50 % svarer ikke til relationen: "
                         "afrund(783 kr × 50 %) = 392 kr")
    assert d.span.text == "302 kr"
    assert d.data["beregnet"] == 392 and d.data["grundlag"] == "1"
    assert d.labels[0].span.line == 10
    # 569 × 50 % = 284,50 rounds half up to 285: no finding for that row.


def test_relation_row_without_base_sibling(tmp_path):
    m = module_of(tmp_path, RELATION)
    e206 = only(check_module(m), "E206")
    assert [d.data["regel"] for d in e206] == ["6"]  # `-` at 75 % has no `-` at 100 %
    assert "uarbejdsdygtighed = 100 %" in e206[0].message


def test_relation_on_a_base_row_that_refuses_is_said(tmp_path):
    """Walkthrough: a base row turned into `afvis` (say, to close a gap) silently ended the check of
    the rates resting on it; now E206 names the base row that gives no number."""
    text = RELATION.replace("| ikke_forsørger | 100 %             || 569 kr      |",
                            '| ikke_forsørger | 100 %             || afvis "Ukendt" |')
    e206 = only(check_module(module_of(tmp_path, text)), "E206")
    hit = [d for d in e206 if d.data.get("grundlag") == "4"]
    assert [d.data["regel"] for d in hit] == ["5"]
    assert "som ikke giver et tal for sats (afvis)" in hit[0].message


def test_relation_rounding_is_half_up_not_bankers(tmp_path):
    # 569 × 50 % = 284,5: Python's round() would give 284.
    text = RELATION.replace("285 kr", "284 kr")
    e205 = only(check_module(module_of(tmp_path, text)), "E205")
    assert sorted(d.data["trykt"] for d in e205) == [284, 302]


def test_time_limit_gives_a_warning_and_still_checks_relations(tmp_path):
    m = module_of(tmp_path, RELATION)
    diags = check_module(m, time_limit=0)
    w = only(diags, "W207")
    assert len(w) == 1
    assert w[0].message == "Analysen af tabel Sats blev afbrudt efter 0 s; tabellen er ikke bevist fuldstændig."
    assert only(diags, "E205")  # the cheap checks still ran


def test_time_limit_applies_per_table(tmp_path):
    text = RELATION + """
    felt ydelse: beløb fra 0 kr
    tabel Trin
      hjemmel "Lov"
      | ydelse  || trin: heltal |
      | < 5.935 || 1            |
    """
    m = module_of(tmp_path, text)
    timed = check_module(m, time_limit=0)
    assert sorted(d.data["tabel"] for d in only(timed, "W207")) == ["Sats", "Trin"]
    relaxed = check_module(m, time_limit=60)
    assert not only(relaxed, "W207")
    assert codes(relaxed) == codes(check_module(m))
    assert "E201" in codes(relaxed)  # Trin leaves amounts from 5.935 kr uncovered


def test_deadline_interrupts_a_long_sweep():
    # A diagonal-ish table with many narrow rules keeps the sweep busy long
    # enough to pass many clock checks.
    cols = [(0, 999)] * 3
    rules = [tuple(((i * 7 + k * 13) % 990, (i * 7 + k * 13) % 990 + 5) for k in range(3)) for i in range(400)]
    rules = [tuple((iv,) for iv in r) for r in rules]
    result = analyse(cols, rules, "unique", deadline=time.monotonic() - 1)
    assert result.timed_out
    assert analyse(cols, rules[:20], "unique").timed_out is False


def test_format_plain(tmp_path):
    m = module_of(tmp_path, BRACKETS.format(type="beløb"))
    (d,) = check_module(m)
    text = format_plain(d, base=str(tmp_path))
    assert text.splitlines()[0] == "t.regel:5:3: fejl[E201]: Ingen regel dækker: ydelse = 10.469,01 kr"
    assert text.splitlines()[1].startswith("  hjælp: Hele det udækkede område")


def test_unbounded_date_column_and_pairs_in_row_order(tmp_path):
    m = module_of(tmp_path, """
        felt dato: dato
        felt x: heltal fra 0 til 3
        tabel D
          hjemmel "Lov"
          | dato          | x   || d: heltal |
          | -             | < 2 || 1         |
          | >= 2024-01-01 | 1   || 2         |
    """)
    diags = check_module(m)
    assert codes(diags) == ["E201", "E202"]
    gap, overlap = diags
    assert gap.message == "Ingen regel dækker: x = 2"  # the open date column is left out
    assert gap.data["eksempel"]["dato"] == "0001-01-01"  # still a real date
    assert overlap.message.startswith("Regel 1 (linje 7) og regel 2 (linje 8) overlapper")
    assert overlap.data["eksempel"] == {"dato": "2024-01-01", "x": 1}


def test_many_holes_are_shown_in_column_order(tmp_path):
    """The 20 holes shown are the lowest, in numeric order (they once sorted as text: 1, 11, 13 …)."""
    rows = "".join(f"  | {2 * i} || 1 |\n" for i in range(500))
    m = module_of(tmp_path, "felt n: heltal fra 0 til 1000\ntabel T\n  hjemmel \"Lov\"\n  politik første\n"
                            "  | n || t: heltal |\n" + rows)
    gaps = [d for d in check_module(m) if d.code == "E201"]
    assert [d.data["eksempel"]["n"] for d in gaps] == list(range(1, 40, 2))
    from regel.diagnostics import Diagnostic

    assert sorted(gaps, key=Diagnostic.sort_key) == gaps  # the CLI's sort keeps that order


def test_gap_gives_the_cells_of_a_row_that_fills_it(tmp_path):
    """E201's data has the condition cells of a row covering part of the gap and nothing
    else (the language server's quick fix inserts it); the row really closes the gap."""
    text = BRACKETS.format(type="beløb")
    m = module_of(tmp_path, text)
    (d,) = check_module(m)
    assert d.data["række"] == {"ydelse": "[10.469,01 kr ; 10.469,99 kr]"}
    fixed = text.rstrip("\n") + '\n      | [10.469,01 kr ; 10.469,99 kr] || afvis "…" |\n'
    assert check_module(module_of(tmp_path, fixed)) == []
