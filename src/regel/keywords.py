"""The words of the language, in one place.

The grammar (`grammar/regel.lark`) spells each keyword as a literal; everything
else that needs to know the words — the parser's «mente du …?» hints and error
recovery, the Pygments lexer, the formatter, the TextMate grammar's test —
takes them from here. `tests/test_keywords.py` checks that this list and the
grammar's literals are the same set, so a new keyword cannot reach one tool and
not another.

Pure data, no imports: every layer may use it.
"""

from __future__ import annotations

# Words that begin a top-level statement (the formatter and error recovery resync on them).
STATEMENTS = ("modul", "inkluder", "brug", "skæringsdato", "type", "felt", "værdi", "tabel", "beslutning",
              "eksempel", "klagevejledning", "forkortelse")
# Declarations the highlighter colours as such (statements plus a table's `version`).
DECLARATIONS = STATEMENTS + ("version",)
# Words inside statements.
CLAUSES = ("er", "en", "af", "fra", "til", "standard", "hjemmel", "gælder", "politik", "afrunding",
           "beskrivelse", "relation", "hvor", "ved", "givet", "forvent", "fejl", "afvis", "ikke", "for", "brev",
           "kilde", "når")
EXAMPLE_CLAUSES = ("givet", "forvent")
TYPES = ("heltal", "beløb", "procent", "dato", "tekst")
BOOL_TYPE = "ja/nej"
CONSTANTS = ("ja", "nej")
POLICIES = ("unik", "første", "prioritet", "samling")
AGGREGATORS = ("sum", "min", "maks", "antal")
# The words of `afrunding …` clauses (`hele kroner`, `øre`, `nedad hele kroner`, `ingen`).
ROUNDING_WORDS = ("hele", "kroner", "øre", "nedad", "opad", "nærmeste", "ingen")
UNITS = ("kr",)
# Functions callable in expressions (names, not keywords: `min` is also an aggregator).
FUNCTIONS = ("afrund", "afrund_ned", "afrund_op", "min", "maks", "uger", "hjemmel")
# The rounding functions and the rounding mode each applies (half up, down, up to whole kroner).
ROUNDING_FUNCTIONS = {"afrund": "kroner", "afrund_ned": "kroner_down", "afrund_op": "kroner_up"}

# Every keyword of the language: the grammar's word literals, exactly.
KEYWORDS = frozenset(DECLARATIONS + CLAUSES + TYPES + CONSTANTS + POLICIES + AGGREGATORS + ROUNDING_WORDS
                     + UNITS)

__all__ = ["AGGREGATORS", "BOOL_TYPE", "CLAUSES", "CONSTANTS", "DECLARATIONS", "EXAMPLE_CLAUSES", "FUNCTIONS",
           "KEYWORDS", "POLICIES", "ROUNDING_FUNCTIONS", "ROUNDING_WORDS", "STATEMENTS", "TYPES", "UNITS"]
