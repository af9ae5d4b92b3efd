"""One list of keywords (regel.keywords): the grammar, the parser's hints, the
Pygments lexer, the formatter and the VS Code grammar all agree with it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from regel import keywords
from regel.highlight import BUILTINS, KEYWORDS
from regel.syntax import messages

ROOT = Path(__file__).resolve().parent.parent


def _grammar_words() -> set[str]:
    grammar = (ROOT / "grammar" / "regel.lark").read_text("utf-8")
    words = set(re.findall(r'"([^\W\d]\w*)"', grammar))
    # `kr` is the one keyword spelt as a terminal (KR: /kr\b\.?/, so `kr.` is accepted too).
    if re.search(r"^KR: /kr", grammar, re.M):
        words.add("kr")
    return words


def test_grammar_and_keyword_list_are_the_same_set() -> None:
    words = _grammar_words()
    assert words - keywords.KEYWORDS == set(), "ord i grammatikken mangler i regel.keywords"
    assert keywords.KEYWORDS - words == set(), "regel.keywords har ord, grammatikken ikke kender"


def test_tools_take_the_words_from_the_list() -> None:
    assert KEYWORDS is keywords.KEYWORDS
    assert set(BUILTINS) == set(keywords.FUNCTIONS)
    assert "afrund_ned" in BUILTINS  # the lexer once lacked it
    assert set(messages.ALL_KEYWORDS) == keywords.KEYWORDS
    assert messages.STATEMENT_KEYWORDS == keywords.STATEMENTS


def test_statement_words_start_statements_in_the_grammar() -> None:
    grammar = (ROOT / "grammar" / "regel.lark").read_text("utf-8")
    for word in keywords.STATEMENTS:
        assert f'"{word}"' in grammar, word


def test_vscode_grammar_knows_every_keyword() -> None:
    tm = json.loads((ROOT / "editors" / "vscode" / "syntaxes" / "regel.tmLanguage.json").read_text("utf-8"))
    text = json.dumps(tm, ensure_ascii=False)
    missing = sorted(w for w in keywords.KEYWORDS if not re.search(r"(?<![\wæøå])" + re.escape(w) + r"(?![\wæøå])",
                                                                     text))
    assert not missing, f"TextMate-grammatikken mangler {missing}"
    for fn in keywords.FUNCTIONS:
        assert fn in text, fn
