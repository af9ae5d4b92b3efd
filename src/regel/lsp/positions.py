"""Character offsets (what spans index) to LSP positions and back.

A span indexes the decoded text in code points; LSP counts columns in the
negotiated encoding (UTF-16 code units unless the client offers another), so
`æ` is one unit either way but an emoji is two in UTF-16.
"""

from __future__ import annotations

import bisect
import re

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Lines:
    """Line starts of one text, and conversions in one position encoding
    ("utf-16", "utf-8" or "utf-32")."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.starts = (0, *(m.end() for m in _LINE_BREAK.finditer(text)))

    def _units(self, s: str) -> int:
        if self.encoding == "utf-32" or s.isascii():
            return len(s)
        if self.encoding == "utf-8":
            return len(s.encode("utf-8"))
        return len(s.encode("utf-16-le")) // 2

    def line_end(self, line: int) -> int:
        """The offset where a 0-based line's text ends (before its line break)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            while end > self.starts[line] and self.text[end - 1] in "\r\n":
                end -= 1
            return end
        return len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) of an offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, self._units(self.text[self.starts[line]:offset])

    def offset(self, line: int, character: int) -> int:
        """The offset of a 0-based (line, character); past the end clamps."""
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(max(line, 0))
        if self.encoding == "utf-32":
            return min(start + character, end)
        units = 0
        for i in range(start, end):
            if units >= character:
                return i
            units += self._units(self.text[i])
        return end
