"""Syntax errors as a legal editor reads them: Lark's exceptions in, Danish
Diagnostics with a span, a message and a hint out."""

from __future__ import annotations

import difflib
import re

from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from .. import diagnostics as dg
from ..keywords import EXAMPLE_CLAUSES, KEYWORDS, STATEMENTS
from ..source import SourceFile, Span

STATEMENT_KEYWORDS = STATEMENTS
# Statement words first, so a misspelt statement start is matched to one of them on a tie.
ALL_KEYWORDS = STATEMENTS + tuple(sorted(KEYWORDS - set(STATEMENTS)))

# The text of every string terminal (`«:»`, `«tabel»`) and of the keywords
# among them, by terminal name; filled in by the parser's terminal hook while
# the grammar is built, which always happens before the first error.
TERMINAL_TEXT: dict[str, str] = {}
KEYWORD_TERMINALS: dict[str, str] = {}

# How a terminal is described to a legal editor.
TOKEN_NAMES = {
    "NAME": "et navn", "STRING": "en tekst i anførselstegn", "NUMBER": "et tal",
    "DATE": "en dato (ÅÅÅÅ-MM-DD)", "_NL": "linjeskift", "_BAR": "«|»", "_DBAR": "«||»",
    "_END_BAR": "«|» ved rækkens slutning",
    "ANY": "«-»", "CMP": "en sammenligning (<, <=, >, >=)", "BRACKET": "«[» eller «]»",
    "KR": "«kr»", "$END": "filens slutning", "_SEP": "komma eller linjeskift",
    "AGGREGATOR": "sum, min, maks eller antal", "BOOL_TYPE": "«ja/nej»",
}


def _describe(tok_type: str) -> str | None:
    """How a terminal is named to a legal editor, or None for internal ones."""
    if tok_type in TOKEN_NAMES:
        return TOKEN_NAMES[tok_type]
    if tok_type in KEYWORD_TERMINALS:
        return f"«{KEYWORD_TERMINALS[tok_type]}»"
    if tok_type in TERMINAL_TEXT:
        return f"«{TERMINAL_TEXT[tok_type]}»"
    return None


def _expected_text(expected: set[str]) -> str:
    names = sorted({d for e in expected if (d := _describe(e)) is not None})
    if len(names) > 6:
        names = names[:6] + ["…"]
    return ", ".join(names)


def _keyword_hint(word: str, expected: set[str]) -> str | None:
    """'mente du …?' for a misspelt keyword among those the parser wanted (Lark's expected
    terminals) — only those: after `politik unik` a line break is wanted, and «for» (close to
    «foo») could not stand there. Where the parser wants no keyword, no guess."""
    wanted = sorted(KEYWORD_TERMINALS[e] for e in expected if e in KEYWORD_TERMINALS)
    if "AGGREGATOR" in expected:
        wanted += ["sum", "min", "maks", "antal"]
    if "BOOL_TYPE" in expected:
        wanted.append("ja/nej")
    match = difflib.get_close_matches(word, wanted, n=1, cutoff=0.6)
    return f"Mente du «{match[0]}»?" if match else None


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end (before the line break) of the line holding `pos`."""
    start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
    ends = [i for i in (text.find("\n", pos), text.find("\r", pos)) if i >= 0]
    return start, min(ends, default=len(text))


def _unexpected_token(source: SourceFile, piece: str, offset: int, err: UnexpectedToken,
                      last: bool) -> dg.Diagnostic:
    tok = err.token
    expected = set(err.expected)
    wanted = f"Der mangler {_expected_text(expected)}."
    if tok.type == "$END":
        # The piece ends inside a statement: point just after its last text.
        pos = offset + len(piece.rstrip())
        span = Span(source, pos, pos)
        if "_BAR" in expected and piece.lstrip().startswith("tabel"):
            wanted = "En tabel skal have et gitter: en overskrift «| … || … |» og rækkerne under den."
        if last:
            return dg.error("E001", "Filen slutter midt i en sætning.", span, wanted)
        return dg.error("E001", "Sætningen er ikke færdig, før den næste begynder.", span, wanted)
    start = tok.start_pos or 0
    end = max(tok.end_pos or start, start + 1)
    span = Span(source, offset + start, min(offset + end, len(source.text)))
    data = {"forventet": sorted({d for e in expected if (d := _describe(e)) is not None})}
    here = f"Her forventes {_expected_text(expected)}."
    line_start, _ = line_bounds(piece, start)
    line_before = piece[line_start:start]
    before = line_before.split()
    if len(before) == 1 and before[0] in STATEMENT_KEYWORDS and piece[line_start] in " \t\f\v":
        # An indented statement keyword with nothing after it: most likely an
        # item of a decision named like a keyword, which starts a new statement.
        kw = before[0]
        kw_at = offset + piece.index(kw, line_start)
        return dg.error("E002", f"«{kw}» begynder en ny erklæring her.", Span(source, kw_at, kw_at + len(kw)),
                        f"Skulle «{kw}» være et navn (fx et resultat i en beslutning), så giv det et andet "
                        "navn: nøgleord kan ikke bruges som navne her.", data=data)
    slip = _slip(source, piece, offset, tok, line_before, data)
    if slip is not None:
        return slip
    if re.search(r"(?<!\w)ikke\s*$", piece[:start]):
        return dg.error("E002", "«ikke» skal efterfølges af en eller flere værdier.", span,
                        "«ikke x» betyder alt andet end x. Hedder en værdi «ikke», så giv den et andet navn.",
                        data=data)
    if tok.type == "_NL":
        if "_END_BAR" in expected:
            return dg.error("E002", "Rækken slutter ikke med «|».", span,
                            "En række i tabellen skal slutte med «|».", data=data)
        if last and not piece[start:].strip():
            return dg.error("E001", "Filen slutter midt i en sætning.", span, wanted, data=data)
        return dg.error("E002", "Linjen slutter for tidligt.", span, wanted, data=data)
    grid = _grid_error(source, piece, tok, span, expected, data)
    if grid is not None:
        return grid
    if tok.type == "NAME":
        hint = _keyword_hint(str(tok), expected)
        if hint is not None and "NAME" not in expected:
            return dg.error("E002", f"Ukendt nøgleord «{tok}».", span, hint, data=data)
        return dg.error("E002", f"Uventet «{tok}» her.", span, hint or here, data=data)
    # `heltall fra 0` fails at `fra`: the misspelt keyword is the word before.
    prev = re.search(r"(\w+)[ \t\f\v]*$", line_before)
    if prev and prev.group(1) not in ALL_KEYWORDS:
        match = difflib.get_close_matches(prev.group(1), ALL_KEYWORDS, n=1, cutoff=0.8)
        if match:
            here = f"Mente du «{match[0]}» i stedet for «{prev.group(1)}»?"
    return dg.error("E002", f"Uventet «{str(tok).strip()}» her.", span, here, data=data)


_NUMBER_BEFORE = re.compile(r"(?<![\w.,])(\d[\d.,]*)[ \t\f\v]*$")
_GROUPS_BEFORE = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})*)[ \t\f\v]+$")


def _slip(source: SourceFile, piece: str, offset: int, tok, line_before: str,
          data: dict) -> dg.Diagnostic | None:
    """Classic slips whose error shows up one token late: `forventet` for `forvent` in an
    example, `2 pct.` for `2 %`, and `18 984 kr` with a space between the thousands."""
    start = tok.start_pos or 0
    span = Span(source, offset + start, min(offset + max(tok.end_pos or start, start + 1), len(source.text)))
    words = line_before.split()
    if len(words) == 1 and words[0] not in ALL_KEYWORDS and piece.lstrip().startswith("eksempel"):
        match = difflib.get_close_matches(words[0], EXAMPLE_CLAUSES, n=1, cutoff=0.7)
        if match:
            at = offset + start - len(line_before) + line_before.index(words[0])
            return dg.error("E002", f"Ukendt nøgleord «{words[0]}».", Span(source, at, at + len(words[0])),
                            f"Mente du «{match[0]}»?", data=data)
    text = str(tok)
    number = _NUMBER_BEFORE.search(line_before)
    if number and text.lower().rstrip(".") in ("pct", "procent"):
        return dg.error("E002", f"Uventet «{text}» her.", span, f"Skriv procent som «{number.group(1)} %».",
                        data=data)
    groups = _GROUPS_BEFORE.search(line_before)
    if groups and tok.type == "NUMBER" and re.fullmatch(r"\d{3}([.,]\d+)?", text):
        rest = piece[tok.end_pos or start:]
        unit = " kr" if re.match(r"[ \t]*kr\b", rest) else " %" if re.match(r"[ \t]*%", rest) else ""
        return dg.error("E002", f"Uventet «{text}» her.", span,
                        f"Tusindtalsseparatoren er «.»: skriv {groups.group(1)}.{text}{unit}.", data=data)
    return None


def _grid_error(source: SourceFile, piece: str, tok, span: Span, expected: set[str],
                data: dict) -> dg.Diagnostic | None:
    """The classic slips in a grid row, by the bars around the error."""
    start = tok.start_pos or 0
    line_start, _ = line_bounds(piece, start)
    line_before = piece[line_start:start]
    if tok.type in ("_BAR", "_DBAR", "_END_BAR"):
        if line_before.rstrip(" \t\f\v").endswith("|"):
            return dg.error("E002", "Cellen er tom.", span,
                            "Skriv «-» i cellen: alle værdier (betingelse) eller ingen værdi (resultat).", data=data)
        if tok.type == "_DBAR" and "||" in line_before:
            return dg.error("E002", "«||» står flere gange i rækken.", span,
                            "«||» skiller betingelserne fra resultaterne og står kun én gang i en række.", data=data)
        if "_DBAR" in expected and "||" not in line_before:
            return dg.error("E002", "Rækken mangler «||».", span,
                            "«||» skiller betingelserne fra resultaterne, ligesom i overskriften.", data=data)
        return dg.error("E002", "Uventet «|» her.", span,
                        "Tjek antallet af «|» i rækken: hver celle står mellem to lodrette streger.", data=data)
    _, line_end = line_bounds(piece, start)
    if "_BAR" in expected and "|" in piece[start:line_end]:
        if not line_before.strip():
            return dg.error("E002", "Rækken begynder ikke med «|».", span,
                            "En række i tabellen skal begynde og slutte med «|».", data=data)
        if line_before.lstrip().startswith("|"):
            hint = "Mangler der et «|» mellem to celler?"
            if "_DBAR" in expected and "||" not in line_before:
                hint = "Mangler der et «|» mellem to celler, eller «||» mellem betingelser og resultater?"
            return dg.error("E002", f"Uventet «{str(tok).strip()}» her.", span, hint, data=data)
    return None


def _unexpected_chars(source: SourceFile, piece: str, offset: int, err: UnexpectedCharacters) -> dg.Diagnostic:
    pos = err.pos_in_stream
    ch = piece[pos] if pos < len(piece) else ""
    at = min(offset + pos, len(source.text))
    span = Span(source, at, min(at + 1, len(source.text)))
    if ch == '"':
        if piece[max(pos - 2, 0):pos] == '""':  # `"""` was read as `""` + `"`
            return dg.error("E003", "Teksten i «\"\"\"» er ikke afsluttet.", Span(source, at - 2, at + 1),
                            'Afslut teksten med «"""».')
        return dg.error("E003", "Teksten er ikke afsluttet.", span,
                        'Afslut teksten med et « " » på samme linje, eller brug """ … """ til flere linjer.')
    if ch == "\ufffd":
        return dg.error("E004", "Ugyldigt tegn: filen er ikke gyldig UTF-8 her.", span, "Gem filen som UTF-8.")
    shown = ch if ch.isprintable() else f"U+{ord(ch):04X}" if ch else "?"
    allowed = _expected_text(set(err.allowed or ()))
    return dg.error("E004", f"Tegnet «{shown}» kan ikke stå her.", span,
                    f"Her forventes {allowed}." if allowed else None)


def error_diagnostic(source: SourceFile, piece: str, offset: int, err: UnexpectedInput,
                      last: bool = True) -> dg.Diagnostic:
    if isinstance(err, UnexpectedToken) and err.token is not None:
        return _unexpected_token(source, piece, offset, err, last)
    if isinstance(err, UnexpectedCharacters):
        return _unexpected_chars(source, piece, offset, err)
    pos = offset + len(piece.rstrip())
    expected = set(getattr(err, "expected", ()) or ())
    return dg.error("E001", "Filen slutter midt i en sætning.", Span(source, pos, pos),
                    f"Der mangler {_expected_text(expected)}." if expected else None)


def error_pos(err: UnexpectedInput) -> int | None:
    """Where in the piece the parser gave up; None at its end."""
    if isinstance(err, UnexpectedToken):
        tok = err.token
        return None if tok is None or tok.type == "$END" else tok.start_pos
    return getattr(err, "pos_in_stream", None)
