"""Pygments lexer for `.regel` files (`pygmentize -l regel`, review pages).

A regular-expression approximation of the grammar: good enough to colour a
file, tolerant of fragments (documentation snippets) and never a judge of
validity. Words that are keywords only in one place (`ingen` after
`afrunding`, `min` after `samling`) are coloured as keywords only there, since
the same words are common names of values.
"""

from __future__ import annotations

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import (
    Comment,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Whitespace,
)

from .keywords import AGGREGATORS, CLAUSES, CONSTANTS, DECLARATIONS, KEYWORDS, POLICIES, TYPES
from .keywords import FUNCTIONS as BUILTINS

__all__ = ["RegelLexer", "KEYWORDS"]

_NAME = r"[^\W\d]\w*"
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_END = r"(?!\w)"


class RegelLexer(RegexLexer):
    """Danish decision tables: keywords, names with æøå, `1.964,50 kr`, `75 %`, dates, grids."""

    name = "regel"
    aliases = ["regel"]
    filenames = ["*.regel"]
    mimetypes = ["text/x-regel"]

    tokens = {
        "root": [
            (r"[ \t\f\v\ufeff]+", Whitespace),
            (r"\r\n|\r|\n", Whitespace),
            (r"#[^\r\n]*", Comment.Single),
            (r'"""', String.Double, "longstring"),
            (r'"(?:[^"\\\r\n]|\\.)*"', String.Double),
            (r'"[^\r\n]*', String.Double),  # an unfinished string is still text, not an error
            (r"ja/nej" + _END, Keyword.Type),
            # The name right after a declaration keyword is what it declares.
            (r"(tabel|type)(\s+)(" + _NAME + ")", bygroups(Keyword.Declaration, Whitespace, Name.Class)),
            (r"(beslutning)(\s+)(" + _NAME + ")", bygroups(Keyword.Declaration, Whitespace, Name.Function)),
            (r"(modul|brug)(\s+)(" + _NAME + ")", bygroups(Keyword.Namespace, Whitespace, Name.Namespace)),
            (r"(felt|værdi|skæringsdato)(\s+)(" + _NAME + ")",
             bygroups(Keyword.Declaration, Whitespace, Name.Variable)),
            (r"(politik)(\s+)(" + "|".join(POLICIES) + ")" + _END + r"(?:([ \t]+)(" + "|".join(AGGREGATORS) + ")"
             + _END + ")?",
             bygroups(Keyword, Whitespace, Keyword.Pseudo, Whitespace, Keyword.Pseudo)),
            (r"(afrunding)(\s+)((?:nedad|opad)[ \t]+hele[ \t]+kroner|hele[ \t]+kroner|øre|ingen"
             r"|(?:til[ \t]+nærmeste|opad[ \t]+til|nedad[ \t]+til))" + _END,
             bygroups(Keyword, Whitespace, Keyword.Pseudo)),
            # A name being given a value (`beløb = …`) is a name even if it is also a keyword.
            (r"(" + _NAME + r")([ \t]*)(=)", bygroups(Name.Variable, Whitespace, Operator)),
            (words(BUILTINS, suffix=r"(?=[ \t]*\()"), Name.Builtin),
            (r"\d{4}-\d{2}-\d{2}" + _END, Literal.Date),
            (r"(" + _NUMBER + r")([ \t]*)(kr" + _END + r"\.?|%)",
             bygroups(Number, Whitespace, Keyword.Type)),
            (_NUMBER, Number),
            (words(DECLARATIONS, suffix=_END), Keyword.Declaration),
            (words(TYPES, suffix=_END), Keyword.Type),
            (words(CONSTANTS, suffix=_END), Keyword.Constant),
            (words(POLICIES, suffix=_END), Keyword.Pseudo),
            (words(CLAUSES, suffix=_END), Keyword),
            (_NAME, Name),
            (r"\|\|", Punctuation.Marker),
            (r"\|", Punctuation),
            (r"<=|>=|<|>|=|\+|\*|/|-", Operator),
            (r"[\[\];(),:]", Punctuation),
            (r"\.\.\.|…", Punctuation),  # an elision in documentation snippets
        ],
        "longstring": [
            (r'"""', String.Double, "#pop"),
            (r'[^"]+', String.Double),
            (r'"', String.Double),
        ],
    }
