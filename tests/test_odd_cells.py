"""One mistake, one error (issue 11, A4 and the items after it): an undeclared value in a
result column, and the type a column without a declared type takes when its cells disagree.
The golden file tests/golden/diagnostics/odd_result_cells.txt shows the messages; these
tests pin the rules behind them."""

from __future__ import annotations

import pytest

from regel.model import load

HEAD = """\
type Form er en af: fradrag, nedsættelse, ingen
type Udbetaling er en af: måned, kvartal
felt alder: heltal fra 0 til 130
"""


def _errors(tmp_path, body: str) -> list:
    (tmp_path / "m.regel").write_text(HEAD + body, encoding="utf-8")
    modules, diags = load([tmp_path / "m.regel"])
    errors = [d for d in diags if d.is_error]
    assert not modules or not errors
    return errors


def _table(cells: list[str], head: str = "x") -> str:
    rows = "".join(f"  | {lo} || {c} |\n" for lo, c in zip(("< 18", "[18 ; 60]", "> 60"), cells, strict=False))
    return f'tabel T\n  hjemmel "§ 1"\n  | alder || {head} |\n{rows}'


TAIL = """
tabel U
  hjemmel "§ 2"
  | x || y: beløb |
  | {use} || 1 kr |
  | - || 2 kr |

beslutning b
  x
  y

eksempel "e" for b:
  givet alder = 10
  forvent x = {use}
"""


@pytest.mark.parametrize(("cells", "use", "message"), [
    # An undeclared value (a typo): one error naming the type, its values and the close one.
    (["fradrag", "nedsætelse", "ingen"], "nedsætelse", "«nedsætelse» er ikke en værdi af Form (kolonnen «x»)."),
    # Tie of an opremsning and a beløb: the declared type wins, the beløb is the odd cell.
    (["fradrag", "100 kr"], "fradrag", "Kolonnen «x» er Form, men cellen er beløb."),
    # Most cells are beløb: the opremsning value is the odd cell, said as such (not «Ukendt navn»).
    (["100 kr", "200 kr", "fradrag"], "fradrag", "Kolonnen «x» er beløb, men «fradrag» er en værdi af Form."),
    # Tie of two built-in kinds: the earlier row.
    (["100 kr", "2024-01-01"], "2024-01-01", "Kolonnen «x» er beløb, men cellen er dato."),
    (["2024-01-01", "100 kr"], "100 kr", "Kolonnen «x» er dato, men cellen er beløb."),
    # A bare number leans to beløb: `18.984` is a beløb without kr, so beløb beats the opremsning.
    (["18.984", "100 kr", "fradrag"], "fradrag", "«18.984» mangler «kr»: kolonnen «x» er beløb."),
])
def test_one_odd_cell_is_one_error(tmp_path, cells, use, message):
    """The use of the odd value in another table's condition and in an example is the same
    mistake: not reported again."""
    errors = _errors(tmp_path, _table(cells) + TAIL.format(use=use))
    assert errors[0].message == message
    odd = [e for e in errors if e.data.get("tabel") == "T"]
    assert len(errors) == len(odd), [e.message for e in errors]
    assert len(odd) == (2 if "18.984" in cells else 1)


def test_a_close_value_is_suggested_and_all_values_listed(tmp_path):
    (e,) = _errors(tmp_path, _table(["fradrag", "nedsætelse"]) + "beslutning b\n  x\n")
    assert e.code == "E104" and e.hint == "Mente du «nedsættelse»? Værdierne er: fradrag, nedsættelse, ingen."


def test_a_new_value_says_where_to_declare_it(tmp_path):
    (e,) = _errors(tmp_path, _table(["fradrag", "advarsel"], "x: Form") + "beslutning b\n  x\n")
    assert e.code == "E104" and "tilføj den i «type Form er en af: …»" in e.hint


def test_a_column_of_undeclared_values_is_one_error_and_the_example_is_quiet(tmp_path):
    body = _table(["godkendt", "afvist"]) + 'beslutning b\n  x\neksempel "e" for b:\n  givet alder = 1\n' \
        "  forvent x = godkendt\n"
    (e,) = _errors(tmp_path, body)
    assert e.code == "E113" and "«x» har ingen type" in e.message
    assert "type X er en af: godkendt, afvist" in e.hint


def test_misspelt_values_only_take_the_type_they_are_close_to(tmp_path):
    """Every value misspelt: the column is Form, and each cell says what it should be."""
    errors = _errors(tmp_path, _table(["fradrg", "nedsætelse"]) + "beslutning b\n  x\n")
    assert [e.hint.split("?")[0] for e in errors] == ["Mente du «fradrag»", "Mente du «nedsættelse»"]


def test_an_independent_mistake_in_a_use_is_still_reported(tmp_path):
    """Only what the odd cell explains is quiet: another typo in a condition is its own mistake."""
    errors = _errors(tmp_path, _table(["fradrag", "100 kr"]) + TAIL.format(use="nedsættese"))
    assert [e.code for e in errors] == ["E105", "E104", "E104"]
    assert all("nedsættese" in e.message for e in errors[1:])


def test_an_example_for_an_item_with_an_error_is_not_told_it_is_no_item(tmp_path):
    body = (_table(["1 kr", "2 kr"]) + "beslutning b\n  x\n  z = x * ukendt\n"
            'eksempel "e" for b:\n  givet alder = 1\n  forvent z = 2 kr\n')
    (e,) = _errors(tmp_path, body)
    assert e.code == "E102" and "ukendt" in e.message
