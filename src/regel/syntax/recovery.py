"""Error recovery: after a syntax error, parse the file statement by statement.

The file is cut into top-level statements (a statement keyword in column 1,
outside strings and comments) and each is parsed on its own, so one broken
statement costs one report and the total work stays linear in the file's size.
Inside a statement, a broken grid row is blanked and the statement parsed
again, and a misspelt keyword in column 1 (`tabell`) is skipped to the next
line that starts in column 1, so several errors are reported in one run.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import diagnostics as dg
from ..source import SourceFile
from . import ast
from .messages import STATEMENT_KEYWORDS, line_bounds

MAX_ERRORS = 20


class PieceError(Exception):
    """A piece did not parse: the diagnostic and where (in the piece) it broke."""

    def __init__(self, diag: dg.Diagnostic, pos: int | None) -> None:
        super().__init__(diag.message)
        self.diag = diag
        self.pos = pos


Attempt = Callable[[SourceFile, str, int, bool], ast.Program]

_STATEMENT_START = re.compile(
    r'"""[\s\S]*?"""|"(?:[^"\\\r\n]|\\.)*"|#[^\r\n]*'
    r"|(?:(?<=[\r\n])|\A)(" + "|".join(STATEMENT_KEYWORDS) + r")(?!\w)")
_ROW_LINE = re.compile(r"[ \t\f\v]*\|")
# A line that starts with a word in column 1 (outside strings and comments).
_LINE_START = re.compile(r'"""[\s\S]*?"""|"(?:[^"\\\r\n]|\\.)*"|#[^\r\n]*|(?<=[\r\n])([^\W\d])')
MAX_ROW_RETRIES = MAX_ERRORS  # the budget bounds the cost


def statement_starts(text: str) -> list[int]:
    return [m.start(1) for m in _STATEMENT_START.finditer(text) if m.group(1)]


def _blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] with spaces, keeping line breaks (and offsets)."""
    return text[:start] + re.sub(r"[^\r\n]", " ", text[start:end]) + text[end:]


def _lines_around(piece: str, pos: int) -> tuple[int | None, int | None]:
    """Starts of the last column-1 word line in (0, pos] and of the first after pos."""
    before = None
    for m in _LINE_START.finditer(piece):
        i = m.start(1)
        if m.group(1) is None:
            continue
        if i > pos:
            return before, i
        before = i if i > 0 else before
    return before, None


def parse_statement(source: SourceFile, text: str, start: int, end: int, last: bool, budget: list[int],
                    max_errors: int, attempt: Attempt) -> tuple[list[ast.Statement], list[dg.Diagnostic]]:
    """Parse text[start:end] (one statement, or several when a keyword was
    misspelt), recovering inside it where a broken line can be skipped.
    `attempt(source, piece, offset, last)` is one parse; it raises PieceError."""
    piece = text[start:end]
    statements: list[ast.Statement] = []
    diags: list[dg.Diagnostic] = []
    retries = 0
    while piece.strip() and len(diags) < max_errors and budget[0] > 0:
        try:
            statements += attempt(source, piece, start, last).statements
            break
        except PieceError as fail:
            diags.append(fail.diag)
            pos = fail.pos
            # Lark stops at the error, so a failed attempt cost about `pos`.
            budget[0] -= len(piece) if pos is None else pos
            if pos is None or pos >= len(piece):
                break
        line_start, line_end = line_bounds(piece, pos)
        # A data row below the header is blanked and the statement parsed
        # again (a header is not: without it the grid fails confusingly).
        if _ROW_LINE.match(piece, line_start) and "|" in piece[:line_start] and retries < MAX_ROW_RETRIES:
            piece, retries = _blank(piece, line_start, line_end), retries + 1
            continue
        # A word in column 1 that does not continue the statement (`felta`,
        # `tabell`): keep what came before it, go on from the next such line.
        before, after = _lines_around(piece, pos)
        if before is not None:
            budget[0] -= before
            try:
                statements += attempt(source, piece[:before], start, False).statements
            except PieceError:
                pass  # unfinished where the bad line begins: the error above says why
        if after is None:
            break
        piece, start, retries = piece[after:], start + after, 0
    return statements, diags
