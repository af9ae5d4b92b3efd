"""The token stream of a `.regel` file, for tools that work below the AST
(the formatter, editor support). Tokens are plain tuples so that callers need
not import lark.

The stream comes from a real parse with the grammar's contextual lexer, so a
word is a keyword exactly where the parser treats it as one (`dato` in
`felt dato: dato` is first a NAME, then the type keyword).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from lark import Lark, Token
from lark.exceptions import LarkError

# (kind, text, start, end) with offsets into the text given to `lex`.
Tok = tuple[str, str, int, int]

# Named terminals of the grammar, mapped to the kind tools see; every other
# terminal is an anonymous literal and becomes KEYWORD (a word) or PUNCT.
_KINDS = {
    "NAME": "NAME", "STRING": "STRING", "NUMBER": "NUMBER", "DATE": "DATE", "KR": "KR",
    "BOOL_TYPE": "BOOL_TYPE", "AGGREGATOR": "AGGREGATOR", "ANY": "ANY", "CMP": "CMP",
    "BRACKET": "BRACKET", "_BAR": "BAR", "_DBAR": "DBAR", "_END_BAR": "END_BAR", "_NL": "NL",
}

_COMMENT = re.compile(r"#[^\r\n]*")


class _Collect:
    """A Lark post-lexer that records every token the parser consumes."""

    always_accept = ()

    def __init__(self) -> None:
        self.seen: list[Token] = []

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        for tok in stream:
            self.seen.append(tok)
            yield tok


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _parser() -> tuple[Lark, _Collect]:
    # Building the LALR tables is slow, so one parser and its post-lexer are
    # kept; the lock keeps concurrent callers from sharing `seen`.
    grammar = resources.files("regel.grammar").joinpath("regel.lark").read_text("utf-8")
    collector = _Collect()
    return Lark(grammar, parser="lalr", lexer="contextual", postlex=collector), collector


def _kind(tok: Token) -> str:
    kind = _KINDS.get(tok.type)
    if kind is not None:
        return kind
    return "KEYWORD" if str(tok)[:1].isalpha() else "PUNCT"


def lex(text: str) -> list[Tok]:
    """All tokens of `text` in order, including NL (newlines with any blank and
    whole-line comment lines they swallow) and COMMENT (a comment the lexer
    skipped). Raises ValueError if the text does not parse."""
    parser, collector = _parser()
    with _LOCK:
        collector.seen = []
        try:
            parser.parse(text + "\n")
        except LarkError as err:
            raise ValueError(str(err)) from err
        seen, collector.seen = collector.seen, []
    out: list[Tok] = []
    pos = 0
    for tok in seen:
        start = tok.start_pos if tok.start_pos is not None else pos
        end = tok.end_pos if tok.end_pos is not None else start
        # Comments the lexer ignored sit in the gaps between tokens.
        for m in _COMMENT.finditer(text, pos, start):
            out.append(("COMMENT", m.group(), m.start(), m.end()))
        out.append((_kind(tok), str(tok), start, end))
        pos = end
    for m in _COMMENT.finditer(text, min(pos, len(text))):
        out.append(("COMMENT", m.group(), m.start(), m.end()))
    return out
