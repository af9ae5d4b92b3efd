"""The formatter: golden layouts, idempotence, refusal of broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from regel.fmt import FormatFejl, check_formatted, display_width, format_source

GOLDEN = Path(__file__).parent / "golden" / "fmt"
CASES = sorted(p.name[: -len(".in")] for p in GOLDEN.glob("*.regel.in"))


def test_golden_cases_exist() -> None:
    assert len(CASES) >= 3


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    source = (GOLDEN / f"{name}.in").read_text("utf-8")
    expected = (GOLDEN / f"{name}.out").read_text("utf-8")
    assert format_source(source) == expected
    assert check_formatted(expected)
    assert not check_formatted(source)


@pytest.mark.parametrize("name", CASES)
def test_idempotent(name: str) -> None:
    once = format_source((GOLDEN / f"{name}.in").read_text("utf-8"))
    assert format_source(once) == once


def test_display_width() -> None:
    assert display_width("æøå") == 3
    assert display_width("王小明") == 6
    assert display_width("Cafe\u0301") == 4


def test_grid_aligned_by_display_width() -> None:
    out = format_source('felt n: tekst\ntabel T\n | n || r |\n | "王" || 1 |\n | "abcd" || 2 |\n')
    rows = [line for line in out.splitlines() if line.startswith("  |")]
    assert rows == [
        '  | n      || r |',
        '  | "王"   || 1 |',
        '  | "abcd" || 2 |',
    ]


def test_grid_cells_kept_as_written() -> None:
    # The model keeps a condition cell's text for explanations, so the inside of a cell is untouched.
    out = format_source("felt n: heltal\ntabel T\n  |n||r|\n  |<5||1|\n  |[1 ;  9]||2|\n")
    assert "| <5       || 1 |" in out
    assert "| [1 ;  9] || 2 |" in out


def test_multiline_string_in_cell_is_not_aligned_but_kept() -> None:
    src = 'felt a: heltal\n\ntabel T\n  | a || b |\n  | 1 || """to\nlinjer""" |\n  | 22 || 3 |\n'
    out = format_source(src)
    assert '"""to\nlinjer"""' in out
    assert format_source(out) == out


def test_spacing_inside_lines() -> None:
    out = format_source("felt x:heltal\nværdi v=-x+( x*2 )-  -3\nværdi w = maks (x,1,5)\n")
    assert out == "felt x: heltal\nværdi v = -x + (x * 2) - -3\nværdi w = maks(x, 1,5)\n"


def test_blank_lines() -> None:
    src = "\n\nfelt a: heltal\n\n\n\nfelt b: heltal\nfelt c: heltal\nbeslutning d\n  a\nfelt e: heltal\n\n\n"
    assert format_source(src) == (
        "felt a: heltal\n\nfelt b: heltal\nfelt c: heltal\n\nbeslutning d\n  a\n\nfelt e: heltal\n"
    )


def test_comments_kept_and_indented() -> None:
    src = ("#top\nfelt a: heltal   #  efter\n"
           "tabel T\n# før gitteret\n|a||r|  # hoved\n|1||2|\n  # slut\n")
    out = format_source(src)
    assert out == ("#top\nfelt a: heltal  #  efter\n\n"
                   "tabel T\n  # før gitteret\n  | a || r |  # hoved\n  | 1 || 2 |\n# slut\n")


def test_crlf_and_bom() -> None:
    assert format_source("\ufefffelt a: heltal\r\nfelt b: tekst\r\n") == "felt a: heltal\nfelt b: tekst\n"


def test_empty_and_comment_only() -> None:
    assert format_source("") == ""
    assert format_source("\n\n# kun\n\n\n# kommentar\n\n") == "# kun\n\n# kommentar\n"


@pytest.mark.parametrize("bad", [
    "tabel T\n  | a || b\n",
    'felt a: "x',
    "felt a heltal\n",
    "felt\x00 a: heltal\n",
])
def test_refuses_files_that_do_not_parse(bad: str) -> None:
    with pytest.raises(FormatFejl) as info:
        format_source(bad)
    assert isinstance(info.value, ValueError)
    assert "kan ikke formateres" in str(info.value)
    assert info.value.diagnostics
    with pytest.raises(FormatFejl):
        check_formatted(bad)


def test_long_cell_sticks_out_instead_of_widening_its_column() -> None:
    refusal = 'afvis "' + "x" * 50 + '"'
    out = format_source(f"felt a: heltal\ntabel T\n  | a || r | h |\n  | 1 || 2 | \"§\" |\n  | 3 || {refusal} | - |\n")
    rows = [line for line in out.splitlines() if line.startswith("  |")]
    assert rows[0] == "  | a || r | h   |"
    assert rows[1] == '  | 1 || 2 | "§" |'
    assert rows[2] == f"  | 3 || {refusal} | - |"
