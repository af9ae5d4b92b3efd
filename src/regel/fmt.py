"""The canonical layout of a `.regel` file (`regel fmt`).

The formatter works on the token stream of a successful parse, line by line:

* statements start in column 1; table clauses are indented 2 spaces (4 inside
  `version`), decision items and `givet`/`forvent` 2, continuation lines 4;
* grid rows are aligned: every cell is padded to the widest cell of its column
  (measured in display width, so `æøå` count 1, wide CJK 2, combining marks 0),
  with ` || ` between conditions and results; a cell longer than LONG_CELL
  columns does not widen its column but sticks out, unpadded from there on;
* the author's line breaks are kept; spacing inside a line is normalised,
  except inside grid cells, which are kept exactly as written (the model
  remembers a condition cell's text for explanations);
* strings, numbers and comments are kept verbatim; a run of blank lines becomes
  one, and a table, decision, example or multi-line statement is always
  separated from its neighbours by one blank line.

The result is checked against the input token for token before it is returned,
so formatting can never change what a file means.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import keywords
from .diagnostics import Diagnostic, has_errors
from .source import SourceFile
from .syntax import parse
from .syntax.tokens import Tok, lex

STATEMENT_KEYWORDS = frozenset(keywords.STATEMENTS)
# Statements that always stand apart from their neighbours with a blank line.
BLOCK_STATEMENTS = frozenset({"tabel", "beslutning", "eksempel"})
EXAMPLE_CLAUSES = frozenset(keywords.EXAMPLE_CLAUSES)
BAR_KINDS = frozenset({"BAR", "DBAR", "END_BAR"})
# Grid cells wider than this (display columns) do not set their column's width.
LONG_CELL = 40

_NEWLINE = re.compile(r"\r\n|\r|\n")


class FormatFejl(ValueError):  # noqa: N818 - the Danish name is the agreed public API
    """The file cannot be formatted (it does not parse); the message is Danish."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


def display_width(text: str) -> int:
    """Columns `text` occupies in a monospaced editor."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


@dataclass
class _Code:
    """One source line with code: its tokens (no NL/COMMENT) and trailing comment."""

    toks: list[Tok]
    comment: str | None = None
    indent: int = 0
    stmt: int = 0
    stmt_kind: str = ""
    starts_stmt: bool = False
    rendered: str = ""

    @property
    def is_row(self) -> bool:
        return self.toks[0][0] in ("BAR", "DBAR")  # `|| …` starts a row without conditions


@dataclass
class _Gap:
    """The comment lines (str) and blank lines (None) between two code lines."""

    items: list[str | None] = field(default_factory=list)


# ---- from tokens to lines -------------------------------------------------------------


def _split_lines(toks: list[Tok]) -> tuple[list[_Code], list[_Gap]]:
    """Code lines and the gaps around them: gaps[i] precedes codes[i], gaps[-1] ends the file."""
    codes: list[_Code] = []
    gaps: list[_Gap] = [_Gap()]
    cur: list[Tok] = []
    comment: str | None = None

    def flush() -> None:
        nonlocal cur, comment
        if cur:
            codes.append(_Code(cur, comment))
            gaps.append(_Gap())
        cur, comment = [], None

    for kind, text, start, end in toks:
        if kind == "COMMENT":
            if cur:
                comment = text.rstrip()
            else:
                gaps[-1].items.append(text.rstrip())
        elif kind == "NL":
            flush()
            segments = _NEWLINE.split(text)
            # segments[0] is the (empty) rest of the code line, the last one the
            # next line's indentation; those between are whole lines.
            for i, seg in enumerate(segments[1:], start=1):
                body = seg.strip(" \t\f\v")
                if body.startswith("#"):
                    gaps[-1].items.append(body.rstrip())
                elif i < len(segments) - 1:
                    gaps[-1].items.append(None)
        elif kind == "END_BAR":
            # The closing bar swallows a trailing comment: split it off again.
            cur.append(("END_BAR", "|", start, start + 1))
            rest = text[1:].strip()
            if rest:
                comment = rest
        else:
            cur.append((kind, text, start, end))
    flush()
    return codes, gaps


def _classify(codes: list[_Code]) -> None:
    """Indentation from the statement a line belongs to."""
    stmt, kind, in_version = -1, "", False
    for c in codes:
        first_kind, first = c.toks[0][0], c.toks[0][1]
        if first_kind == "KEYWORD" and first in STATEMENT_KEYWORDS:
            stmt, kind, in_version = stmt + 1, first, False
            c.starts_stmt, c.indent = True, 0
        elif kind == "tabel":
            if first_kind == "KEYWORD" and first == "version":
                in_version, c.indent = True, 2
            else:
                c.indent = 4 if in_version else 2
        elif kind == "beslutning":
            c.indent = 2
        elif kind == "eksempel":
            c.indent = 2 if first_kind == "KEYWORD" and first in EXAMPLE_CLAUSES else 4
        else:
            c.indent = 4
        c.stmt, c.stmt_kind = max(stmt, 0), kind


# ---- rendering a line -----------------------------------------------------------------


def _token_text(tok: Tok) -> str:
    kind, text = tok[0], tok[1]
    if kind == "STRING":
        return text.replace("\r\n", "\n")  # the parser reads \r\n in a string as \n
    return text


def _is_unary_minus(prev: Tok | None) -> bool:
    if prev is None:
        return True
    return prev[0] == "ANY" or (prev[0] == "PUNCT" and prev[1] in ("(", ",", "=", "+", "*", "/", ":"))


def _join(toks: list[Tok]) -> str:
    """Tokens of a non-grid line with canonical spacing."""
    out: list[str] = []
    prev: Tok | None = None
    prev_unary = False
    for tok in toks:
        kind, text = tok[0], tok[1]
        if prev is not None:
            tight = (
                (kind == "PUNCT" and text in (",", ":", ")"))
                or (prev[0] == "PUNCT" and prev[1] == "(")
                or (kind == "PUNCT" and text == "(" and prev[0] == "NAME")
                or (prev_unary and kind != "ANY")
            )
            if not tight:
                out.append(" ")
        prev_unary = kind == "ANY" and _is_unary_minus(prev)
        out.append(_token_text(tok))
        prev = tok
    return "".join(out)


def _row_cells(code: _Code, source: str) -> tuple[list[str], list[str]]:
    """The condition and result cells of a grid row, each as written (stripped)."""
    ins: list[str] = []
    outs: list[str] = []
    bars = [t for t in code.toks if t[0] in BAR_KINDS]
    side = outs if bars and bars[0][0] == "DBAR" else ins
    for left, right in zip(bars, bars[1:], strict=False):
        side.append(source[left[3]:right[2]].strip().replace("\r\n", "\n"))
        if right[0] == "DBAR":
            side = outs
    return ins, outs


def _render_grid(rows: list[_Code], source: str) -> None:
    """Pad every cell to its column's width. A long cell (a refusal text, a full
    citation) does not widen its column, or every row would trail a screenful of
    blanks; it sticks out instead, and the rest of its row is left unpadded."""
    cells = [_row_cells(r, source) for r in rows]
    aligned = not any("\n" in c or "\r" in c for ins, outs in cells for c in ins + outs)
    widths: dict[tuple[int, int], int] = {}
    for row in cells:
        for side, part in enumerate(row):
            for i, c in enumerate(part):
                w = display_width(c)
                if w <= LONG_CELL:
                    widths[side, i] = max(widths.get((side, i), 0), w)

    for r, row in zip(rows, cells, strict=True):
        padded: list[list[str]] = [[], []]
        straight = aligned
        for side, part in enumerate(row):
            for i, c in enumerate(part):
                gap = widths.get((side, i), 0) - display_width(c)
                straight = straight and gap >= 0
                padded[side].append(c + " " * gap if straight else c)
        conditions = f"| {' | '.join(padded[0])} " if padded[0] else ""
        r.rendered = f"{conditions}|| {' | '.join(padded[1])} |"


def _render(codes: list[_Code], source: str) -> None:
    i = 0
    while i < len(codes):
        if not codes[i].is_row:
            codes[i].rendered = _join(codes[i].toks)
            i += 1
            continue
        j = i
        while j < len(codes) and codes[j].is_row and codes[j].stmt == codes[i].stmt:
            j += 1
        _render_grid(codes[i:j], source)  # one grid: a header and its rows
        i = j


# ---- blank lines and comments ---------------------------------------------------------


def _blocks(codes: list[_Code]) -> dict[int, bool]:
    """For each statement: does it stand apart with blank lines around it?"""
    lines: dict[int, list[_Code]] = {}
    for c in codes:
        lines.setdefault(c.stmt, []).append(c)
    return {stmt: (ls[0].stmt_kind in BLOCK_STATEMENTS or len(ls) > 1 or "\n" in ls[0].rendered)
            for stmt, ls in lines.items()}


def _layout(codes: list[_Code], gaps: list[_Gap]) -> list[tuple[str, _Code | None]]:
    """Output lines in order: (text, code line or None for blank/comment lines)."""
    blocks = _blocks(codes)
    lines: list[tuple[str, _Code | None]] = []
    for i, gap in enumerate(gaps):
        prev = codes[i - 1] if i > 0 else None
        nxt = codes[i] if i < len(codes) else None
        boundary = nxt is None or nxt.starts_stmt
        comment_indent = 0 if boundary else nxt.indent
        items: list[str | None] = []
        for item in gap.items:
            if item is None and items and items[-1] is None:
                continue  # a run of blank lines becomes one
            items.append(item)
        if prev is None:
            while items and items[0] is None:
                items.pop(0)
        if nxt is None:
            while items and items[-1] is None:
                items.pop()
        if (prev is not None and nxt is not None and boundary and None not in items
                and (blocks[prev.stmt] or blocks[nxt.stmt])):
            items.insert(0, None)
        for item in items:
            lines.append(("", None) if item is None else (" " * comment_indent + item, None))
        if nxt is not None:
            lines.append((" " * nxt.indent + nxt.rendered, nxt))
    return lines


def _align_comments(lines: list[tuple[str, _Code | None]]) -> list[str]:
    """Trailing comments of adjacent commented lines share one column."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        text, code = lines[i]
        if code is None or code.comment is None:
            out.append(text)
            i += 1
            continue
        j = i
        while (j < len(lines) and lines[j][1] is not None and lines[j][1].comment is not None
               and (j == i or "\n" not in lines[j - 1][0]) and (j == i or "\n" not in lines[j][0])):
            j += 1
        column = max(display_width(t.rsplit("\n", 1)[-1]) for t, _ in lines[i:j]) + 2
        for t, c in lines[i:j]:
            assert c is not None and c.comment is not None
            out.append(t + " " * (column - display_width(t.rsplit("\n", 1)[-1])) + c.comment)
        i = j
    return out


# ---- public API -------------------------------------------------------------------------


def _significant(toks: list[Tok]) -> tuple[list[tuple[str, str]], list[str]]:
    """What formatting must preserve: the tokens (line breaks collapsed, leading
    ones dropped, closing bars without their comment) and the comment texts."""
    sig: list[tuple[str, str]] = []
    comments: list[str] = []
    for kind, text, _s, _e in toks:
        if kind == "COMMENT":
            comments.append(text.rstrip())
        elif kind == "NL":
            comments += [m.group().rstrip() for m in re.finditer(r"#[^\r\n]*", text)]
            if sig and sig[-1][0] != "NL":
                sig.append(("NL", ""))
        elif kind == "END_BAR":
            sig.append(("BAR", "|"))
            rest = text[1:].strip()
            if rest:
                comments.append(rest)
        else:
            sig.append((kind, _token_text((kind, text, 0, 0))))
    while sig and sig[-1][0] == "NL":
        sig.pop()
    return sig, comments


def _parse_or_refuse(text: str) -> None:
    program, diags = parse(SourceFile.from_text("<fmt>", text))
    if program is None or has_errors(diags):
        errors = [d for d in diags if d.is_error] or diags
        first = errors[0] if errors else None
        where = f" (linje {first.span.line}, kolonne {first.span.column})" if first and first.span else ""
        hint = f" {first.hint}" if first and first.hint else ""
        what = f": {first.message}{hint}" if first else "."
        raise FormatFejl(f"Filen kan ikke formateres, fordi den ikke kan læses{where}{what}", diags)


def format_source(text: str) -> str:
    """The canonical layout of `text`. Raises FormatFejl if the file does not parse."""
    _parse_or_refuse(text)
    toks = lex(text)
    codes, gaps = _split_lines(toks)
    _classify(codes)
    _render(codes, text)
    lines = _align_comments(_layout(codes, gaps))
    result = "".join(line + "\n" for line in lines)
    # Never hand back a file that reads differently from the one we were given.
    try:
        same = _significant(lex(result)) == _significant(toks)
    except ValueError:
        same = False
    if not same:
        raise FormatFejl("Formateringen ville ændre filens indhold, så filen formateres ikke. "
                         "Det er en fejl i regel fmt; meld den gerne.")
    return result


def check_formatted(text: str) -> bool:
    """Is `text` already in canonical layout? Raises FormatFejl if it does not parse."""
    return format_source(text) == text
