"""The injection boundary and the naming of generated identifiers."""

from __future__ import annotations

import ast
import io
import tokenize
from datetime import date
from decimal import Decimal

import pytest
from example_counts import example_counts
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from regel.codegen.literals import WIDTH, comment, docstring, lit, render, text_width
from regel.codegen.naming import Namer, ascii_name, identifier, module_filename

EXAMPLES = example_counts(300, 5000, suppress_health_check=[HealthCheck.too_slow])  # slow only under load


def test_transliteration() -> None:
    assert ascii_name("Målgruppeafgørelse") == "Maalgruppeafgoerelse"
    assert identifier("Målgruppeafgørelse") == "maalgruppeafgoerelse"
    assert identifier("ÆRØ") == "aeroe"
    assert identifier("café olé") == "cafe_ole"
    assert identifier("日本", "tabel") == "tabel"
    assert identifier("2024") == "x_2024"
    assert identifier("class") == "class_" and identifier("match") == "match_"
    assert module_filename("Månedlig ydelse") == "maanedlig_ydelse.py"
    assert module_filename("re") == "re_regel.py"


def test_namer_is_stable_and_disambiguates() -> None:
    n = Namer({"_taken"})
    assert n.name(("a",), "_taken") == "_taken_2"
    assert n.name(("b",), "_x") == "_x" and n.name(("c",), "_x") == "_x_2" and n.name(("b",), "_x") == "_x"


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.dates()
    | st.decimals(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4).map(tuple) | st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=30), inner, max_size=4),
    max_leaves=12)


@pytest.mark.parametrize("examples", EXAMPLES)
def test_literals_round_trip_within_line_length(examples) -> None:
    @examples
    @given(value=_VALUES, indent=st.sampled_from([0, 4, 8, 40]))
    def check(value: object, indent: int) -> None:
        code = render(lit(value), indent)
        assert eval(code, {"Decimal": Decimal, "date": date}) == value  # noqa: S307 - the point of the test
        for line in code.splitlines()[1:] if indent else code.splitlines():
            assert text_width(line) <= WIDTH or _unsplittable(line), line

    check()


def _unsplittable(line: str) -> bool:
    """A single number or Decimal literal longer than a line cannot be broken."""
    stripped = line.strip().rstrip(",")
    return " " not in stripped


@pytest.mark.parametrize("examples", EXAMPLES)
def test_comments_cannot_escape(examples) -> None:
    @examples
    @given(text=st.text(), indent=st.sampled_from([0, 4, 8]))
    def check(text: str, indent: int) -> None:
        out = comment(text, indent)
        code = " " * indent + out + "\n"
        kinds = {t.type for t in tokenize.generate_tokens(io.StringIO(code).readline)}
        assert kinds <= {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENDMARKER, tokenize.INDENT,
                         tokenize.DEDENT}
        for line in code.splitlines():
            assert line.strip().startswith("#") and text_width(line) <= WIDTH
            assert all(ch.isprintable() for ch in line)

    check()


@pytest.mark.parametrize("examples", EXAMPLES)
def test_docstrings_cannot_escape(examples) -> None:
    @examples
    @given(text=st.text())
    def check(text: str) -> None:
        doc = docstring(text, 4)
        tree = ast.parse(f"def f():\n    {doc}\n    return 1\n")
        func = tree.body[0]
        assert isinstance(func, ast.FunctionDef) and len(func.body) == 2
        value = ast.get_docstring(func, clean=False)
        assert value is not None
        words = [w for w in "".join(c if c.isprintable() else " " for c in text).split() if w.isalnum()]
        for w in words[:5]:
            assert w in value.replace("\n", " ").replace(" ", "") or w in value
        for line in doc.splitlines():
            assert text_width("    " + line) <= WIDTH

    check()
