"""Conditions that compare with a name (`<= bundfradrag`, `> grænse`, `[nedre ; øvre]`):
proved complete by the checker, equal in generated code and the interpreter, and a
clean check is never wrong (brute force over small domains)."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from generated_loader import import_source
from hypothesis import given, settings
from hypothesis import strategies as st
from outcomes import outcome

from regel import interp
from regel.checks import check_module
from regel.codegen import generate
from regel.model import load


def _load(tmp_path, text: str, name: str = "m.regel"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    modules, diags = load([tmp_path / name])
    assert modules, [d.message for d in diags]
    return modules[0]


AFTRAPNING = """\
felt indkomst: beløb fra 0 kr
felt bundfradrag: beløb fra 0 kr

tabel Aftrapning "Aftrapning af børne- og ungeydelsen"
  hjemmel "BUL § 1 a"
  | indkomst        || nedsættelse: beløb             |
  | <= bundfradrag  || 0 kr                           |
  | > bundfradrag   || (indkomst - bundfradrag) * 2 % |

beslutning b
  nedsættelse

eksempel "over grænsen" for b:
  givet indkomst = 900.000 kr, bundfradrag = 882.700 kr
  forvent nedsættelse = 346 kr
"""


def test_le_and_gt_are_complete(tmp_path):
    m = _load(tmp_path, AFTRAPNING)
    assert [d.code for d in check_module(m)] == []


def test_lt_and_gt_leave_the_equal_case(tmp_path):
    m = _load(tmp_path, AFTRAPNING.replace("<= bundfradrag ", "< bundfradrag  "))
    (d,) = check_module(m)
    assert d.code == "E201" and d.message == "Ingen regel dækker: indkomst = bundfradrag"  # a field: no value


def test_mixed_list_is_refused(tmp_path):
    text = AFTRAPNING.replace("| <= bundfradrag  |", "| 0 kr, < bundfradrag |")
    (tmp_path / "m.regel").write_text(text, encoding="utf-8")
    modules, diags = load([tmp_path / "m.regel"])
    assert not modules and any("skal stå alene" in d.message for d in diags)


def test_a_name_of_another_type_is_refused(tmp_path):
    text = AFTRAPNING.replace("felt bundfradrag: beløb fra 0 kr", "felt bundfradrag: dato")
    (tmp_path / "m.regel").write_text(text, encoding="utf-8")
    modules, diags = load([tmp_path / "m.regel"])
    assert not modules and any("«bundfradrag» er dato, men kolonnen «indkomst» er beløb" in d.message
                               for d in diags)


MIXED = """\
felt x: heltal fra 0 til 6
felt g: heltal fra 0 til 6
felt frist: dato
felt dato: dato

tabel T "Navne og tal"
  hjemmel "Testlov § 1"
  politik første
  | x          | dato      || t: heltal |
  | < g        | >= frist  || 1         |
  | [2 ; g]    | -         || 2         |
  | g          | < frist   || 3         |
  | ]g ; 5]    | -         || 4         |
  | -          | -         || 5         |

beslutning b
  t
"""


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    d = tmp_path_factory.mktemp("navne")
    m = _load(d, MIXED)
    return m, import_source(generate(m), d, "navne_gen")


@settings(max_examples=300, deadline=None)
@given(st.integers(-1, 7), st.integers(-1, 7), st.dates(date(2023, 12, 25), date(2024, 1, 5)),
       st.dates(date(2023, 12, 25), date(2024, 1, 5)))
def test_generated_equals_interpreter(mixed, x, g, frist, dag):
    m, gen = mixed
    case = {"x": x, "g": g, "frist": frist.isoformat(), "dato": dag.isoformat()}
    assert outcome(lambda c: gen.evaluate(c, "b"), case) == outcome(lambda c: interp.evaluate(m, "b", c), case)


def _brute_rule(x: int, g: int, conds: list[str]) -> bool:
    """A row's conditions on (x, g) evaluated directly from the text the editor wrote."""
    for c in conds:
        if c == "-":
            continue
        if c.startswith("<="):
            ok = x <= g
        elif c.startswith("<"):
            ok = x < g
        elif c.startswith(">="):
            ok = x >= g
        elif c.startswith(">"):
            ok = x > g
        elif c == "g":
            ok = x == g
        else:
            lo, hi = (int(v) for v in c.strip("[]").split(";"))
            ok = lo <= x <= hi
        if not ok:
            return False
    return True


CELLS = ["-", "< g", "<= g", "> g", ">= g", "g", "[0 ; 2]", "[3 ; 6]", "[1 ; 4]"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(CELLS), min_size=1, max_size=4))
def test_a_clean_check_is_never_wrong(tmp_path_factory, cells):
    """No gap reported ⇒ every (x, g) of the small domains is covered (brute force). The derived
    column x − g is analysed over all integers, so a reported gap may lie where g's domain
    cannot reach; a missed gap never happens."""
    rows = "".join(f"  | {c} || {i} |\n" for i, c in enumerate(cells))
    text = (f"felt x: heltal fra 0 til 6\nfelt g: heltal fra 0 til 6\ntabel T\n  hjemmel \"L\"\n  politik første\n"
            f"  | x || t: heltal |\n{rows}beslutning b\n  t\n")
    m = _load(tmp_path_factory.mktemp("b"), text)
    gaps = [d for d in check_module(m) if d.code == "E201"]
    truly = [(x, g) for x, g in itertools.product(range(7), range(7))
             if not any(_brute_rule(x, g, [c]) for c in cells)]
    if not gaps:
        assert not truly, truly
    if truly:
        assert gaps


def test_examples_in_the_language(tmp_path, capsys):
    from regel.cli import main

    (tmp_path / "a.regel").write_text(AFTRAPNING, encoding="utf-8")
    assert main(["test", str(tmp_path)]) == 0, capsys.readouterr()
    assert Decimal("346") == Decimal((900_000 - 882_700) * 2 / 100).quantize(Decimal(1))


def test_equal_results_by_value_are_one_result(tmp_path):
    """`100 kr` and `2 * 50 kr` are the same result: W203 (not E202) in the checker, and the
    generated code and the interpreter both answer 100 kr where the rules overlap."""
    m = _load(tmp_path, 'felt x: heltal fra 0 til 9\ntabel T\n  hjemmel "L"\n  | x   || t: beløb   |\n'
                        '  | < 5 || 100 kr     |\n  | < 7 || 2 * 50 kr  |\n  | >= 7 || 1 kr      |\n'
                        'beslutning b\n  t\n')
    assert [d.code for d in check_module(m)] == ["W203"]
    gen = import_source(generate(m), tmp_path, "vaerdi_gen")
    assert gen.evaluate({"x": 3}, "b")["t"] == 100
    assert interp.evaluate(m, "b", {"x": 3})["t"] == 100
