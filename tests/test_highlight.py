"""The Pygments lexer: token kinds of a sample, no Error tokens on real files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pygments import lex
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Error, Keyword, Literal, Name, Number, Operator, Punctuation, String, Token

from regel.highlight import KEYWORDS, RegelLexer

ROOT = Path(__file__).resolve().parent.parent


def _tokens(text: str) -> list[tuple[object, str]]:
    return [(t, v) for t, v in lex(text, RegelLexer()) if v.strip()]


def _grammar_keywords() -> set[str]:
    grammar = (ROOT / "grammar" / "regel.lark").read_text("utf-8")
    return set(re.findall(r'"([^\W\d]\w*)"', grammar))


def test_sample_tokens() -> None:
    sample = (
        'felt månedlig_ydelse: beløb fra 0 kr "Ydelse før skat"  # kommentar\n'
        "tabel Dagssats\n  hjemmel \"Lov\"\n"
        "  politik samling sum\n"
        "  afrunding ingen\n"
        "  | id | målgruppe | dato || sats |\n"
        "  | a  | ikke ingen | [2024-01-01 ; 2024-12-31[ || 10.469,50 kr * 75 % |\n"
        '  | b  | -          | >= 2025-01-01             || afvis "Ingen sats"  |\n'
        'værdi x = maks(a, 1.964 kr) - 3 """to\nlinjer"""\n'
    )
    toks = _tokens(sample)
    assert (Keyword.Declaration, "felt") in toks
    assert (Name.Variable, "månedlig_ydelse") in toks
    assert (Keyword.Type, "beløb") in toks
    assert (Keyword.Type, "kr") in toks
    assert (String.Double, '"Ydelse før skat"') in toks
    assert (Token.Comment.Single, "# kommentar") in toks
    assert (Name.Class, "Dagssats") in toks
    assert (Keyword.Pseudo, "samling") in toks and (Keyword.Pseudo, "sum") in toks
    assert (Keyword.Pseudo, "ingen") in toks  # a keyword after `afrunding` …
    assert (Name, "ingen") in toks  # … and a value's name in a cell
    assert (Punctuation.Marker, "||") in toks and (Punctuation, "|") in toks
    assert (Keyword, "ikke") in toks
    assert (Literal.Date, "2024-01-01") in toks
    assert (Number, "10.469,50") in toks and (Number, "75") in toks and (Keyword.Type, "%") in toks
    assert (Operator, ">=") in toks and (Operator, "*") in toks
    assert (Keyword, "afvis") in toks
    assert (Name.Builtin, "maks") in toks
    assert (Number, "1.964") in toks
    assert "".join(v for t, v in toks if t in String).count('"""') == 2
    assert not [v for t, v in toks if t is Error]


def test_keyword_after_declaration_is_a_name() -> None:
    toks = _tokens("felt dato: dato\nbeslutning b\n  beløb = 5 kr\n")
    assert toks[:4] == [(Keyword.Declaration, "felt"), (Name.Variable, "dato"), (Punctuation, ":"),
                        (Keyword.Type, "dato")]
    assert (Name.Variable, "beløb") in toks


def test_every_grammar_keyword_is_known() -> None:
    missing = _grammar_keywords() - KEYWORDS
    assert not missing, missing


def test_every_grammar_keyword_is_coloured_as_keyword_somewhere() -> None:
    # Some words are keywords only in context; try them where the grammar puts them.
    contexts = ["{kw}", "politik {kw}", "politik samling {kw}", "afrunding {kw}",
                "afrunding hele kroner", "afrunding nedad hele kroner", "afrunding opad hele kroner",
                "afrunding til nærmeste 100 kr"]
    for kw in _grammar_keywords():
        kinds = set()
        for ctx in contexts:
            kinds |= {t for t, v in _tokens(ctx.format(kw=kw)) if kw in v.split()}
        assert any(k in Keyword for k in kinds), (kw, kinds)


def test_registered_with_pygments() -> None:
    assert isinstance(get_lexer_by_name("regel"), RegelLexer)
    assert isinstance(get_lexer_for_filename("sanktion.regel"), RegelLexer)


def _regel_files() -> list[Path]:
    return sorted((ROOT / "tables").rglob("*.regel")) if (ROOT / "tables").is_dir() else []


@pytest.mark.parametrize("path", _regel_files(), ids=lambda p: p.name)
def test_no_error_tokens_in_tables(path: Path) -> None:
    errors = [v for t, v in lex(path.read_text("utf-8"), RegelLexer()) if t in Error]
    assert not errors


def test_no_error_tokens_in_the_language_reference() -> None:
    doc = (ROOT / "docs" / "sprog.md").read_text("utf-8")
    blocks = re.findall(r"```(?:regel)?[ \t]*\n(.*?)```", doc, re.S)
    assert blocks
    for block in blocks:
        errors = [v for t, v in lex(block, RegelLexer()) if t in Error]
        assert not errors, block


def test_text_round_trips() -> None:
    text = (ROOT / "tests" / "golden" / "fmt" / "versions.regel.out").read_text("utf-8")
    assert "".join(v for _, v in lex(text, RegelLexer())) == text
