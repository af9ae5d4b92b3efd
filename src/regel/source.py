"""Source files and spans: the coordinates every later stage reports in."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SourceFile:
    """A decoded source text with its origin; offsets in spans index `text`."""

    path: str
    text: str
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        # `SourceFile(path, text)` must work as well as `from_text`: without line
        # starts every span lookup would fail.
        if not self._line_starts:
            object.__setattr__(self, "_line_starts", _line_starts(self.text))

    @classmethod
    def from_text(cls, path: str, text: str) -> SourceFile:
        return cls(path, text, _line_starts(text))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        if not 1 <= line <= len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> tuple[int, ...]:
    # A lone \r ends a line too (old Mac files, mixed endings), as in the
    # grammar's newline token, so reported lines match what editors show.
    return (0, *(m.end() for m in _LINE_BREAK.finditer(text)))


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in one source file."""

    file: SourceFile = field(compare=False, repr=False)
    start: int
    end: int

    @property
    def path(self) -> str:
        return self.file.path

    @property
    def line(self) -> int:
        return self.file.line_col(self.start)[0]

    @property
    def column(self) -> int:
        return self.file.line_col(self.start)[1]

    @property
    def end_line_col(self) -> tuple[int, int]:
        return self.file.line_col(self.end)

    @property
    def text(self) -> str:
        return self.file.text[self.start:self.end]

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def cover(self, other: Span) -> Span:
        return Span(self.file, min(self.start, other.start), max(self.end, other.end))


def decode(path: str, data: bytes) -> tuple[SourceFile, str | None]:
    """Decode bytes as UTF-8 (BOM tolerated); on failure return a replacement
    text plus a Danish reason, so the caller can report instead of crashing."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
        problem = None
    except UnicodeDecodeError as err:
        text = data.decode("utf-8", errors="replace")
        problem = f"filen er ikke gyldig UTF-8 (byte {err.start})"
    return SourceFile.from_text(path, text), problem


def read_source(path: Path | str) -> tuple[SourceFile, str | None]:
    p = Path(path)
    return decode(str(p), p.read_bytes())
