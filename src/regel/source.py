"""Source files and spans: the coordinates every later stage reports in."""

from __future__ import annotations

import bisect
import errno
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .oserrors import os_problem


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


# Byte-order marks regel reads (the order matters: UTF-32-LE starts like UTF-16-LE).
BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


class UndecodableError(ValueError):
    """Bytes that are not text regel reads. `kind` is "bom" (a BOM whose bytes do not
    follow), "utf16" (no BOM, but NUL bytes as UTF-16 has them) or "utf8"; `start` is the
    byte offset of the problem, `codec` the BOM's encoding, `text` a replacement text
    for excerpts ("" for UTF-16 without BOM: nothing in it is worth parsing)."""

    def __init__(self, kind: str, start: int, text: str, codec: str = "utf-8", byte: int | None = None) -> None:
        super().__init__(kind)
        self.kind, self.start, self.text, self.codec, self.byte = kind, start, text, codec, byte

    def reason(self) -> str:
        """Danish, after «Filen er …»/«Input er …»: what the bytes are, never a guess at the text."""
        if self.kind == "bom":
            return (f"begynder som {self.codec.upper()} (BOM), men byte {self.start} passer ikke")
        if self.kind == "utf16":
            return "ikke gyldig UTF-8: den ligner UTF-16 uden BOM"
        return f"ikke gyldig UTF-8 (byte {self.start})"


def _looks_like_utf16(data: bytes) -> bool:
    """NUL bytes at every other position (ASCII and Latin letters saved as UTF-16 without a
    BOM); a stray NUL in a text does not count."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs == 0 or b"\x00" not in sample:
        return False
    return max(sample[0::2].count(0), sample[1::2].count(0)) * 2 >= pairs + 1


def decode_text(data: bytes) -> str:
    """Bytes as text: UTF-8 (with or without BOM), or UTF-16/32 with a BOM, as Windows
    tools save it. Anything else raises UndecodableError naming what it looks like; the
    encoding is never guessed (a misread «ø» would silently change a name or a value).
    Used for .regel files and for cases alike."""
    skip = 0
    for bom, codec in BOMS:
        if data.startswith(bom):
            skip = len(bom)
            if codec == "utf-8":
                break
            try:
                return data[skip:].decode(codec)
            except UnicodeDecodeError as err:
                raise UndecodableError("bom", err.start + skip, data[skip:].decode(codec, errors="replace"),
                                       codec) from None
    body = data[skip:] if skip else data
    if _looks_like_utf16(body):
        raise UndecodableError("utf16", skip + body.index(0), "")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise UndecodableError("utf8", err.start, body.decode("utf-8", errors="replace"),
                               byte=body[err.start]) from None


def decode(path: str, data: bytes) -> tuple[SourceFile, str | None]:
    """Decode bytes as decode_text does; on failure return a replacement text plus a
    Danish reason, so the caller can report instead of crashing.

    The text is normalised to NFC before anything indexes it: macOS saves `å`
    as `a` + combining ring (NFD), and both spellings must be the same name.
    Spans index the normalised text, so they stay consistent with it."""
    try:
        text = decode_text(data)
        problem = None
    except UndecodableError as err:
        text = err.text
        problem = f"filen {'er ' if err.kind != 'bom' else ''}{err.reason()}"
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return SourceFile.from_text(path, text), problem


# ---- reading files safely ---------------------------------------------------------------------
# A file's text ends up in diagnostics and review pages, so regel reads only
# regular `.regel` files (inside the folder being checked, for includes), and
# decides that from the path before opening anything: `/proc/self/environ`
# would print the environment, a FIFO would hang, `/dev/zero` never ends.

SUFFIX = ".regel"
# The parser refuses more than two million characters anyway; reading stops here.
MAX_FILE_BYTES = 8 * 1024 * 1024

_MISSING = {errno.ENOENT, errno.ENAMETOOLONG, errno.ENOTDIR}


class FileRefusedError(OSError):
    """regel will not read this path. `code`, the message and `hint` form a
    Danish diagnostic; `missing` says the file simply is not there."""

    def __init__(self, code: str, message: str, hint: str | None = None, missing: bool = False) -> None:
        super().__init__(message)
        self.code, self.message, self.hint, self.missing = code, message, hint, missing


@dataclass(frozen=True)
class Admitted:
    """A path that passed the checks: where it really is and what it was."""

    path: Path  # as given (diagnostics name it)
    real: Path  # symlinks and `..` resolved
    dev: int
    ino: int


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "et navngivet rør (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhed"
    if stat.S_ISSOCK(mode):
        return "en sokkel"
    return "en særlig fil"


def admit(path: Path, shown: str | None = None, root: Path | None = None) -> Admitted:
    """Check `path` without opening it: it must exist, be a regular file named
    `*.regel` (also after resolving symlinks) and, given a `root`, lie inside
    it once resolved. Raises FileRefusedError with the Danish reason."""
    shown = str(path) if shown is None else shown
    try:
        st = os.stat(path)  # follows symlinks: a link to a FIFO is a FIFO
    except ValueError:  # a NUL byte in the name
        raise FileRefusedError("E011", f"Filen «{shown}» findes ikke.", missing=True) from None
    except OSError as err:
        if err.errno in _MISSING:
            raise FileRefusedError("E011", f"Filen «{shown}» findes ikke.", missing=True) from None
        raise FileRefusedError("E011", f"Filen «{shown}» kan ikke læses: {os_problem(err)}.") from None
    if stat.S_ISDIR(st.st_mode):
        raise FileRefusedError("E011", f"Filen «{shown}» er en mappe, ikke en fil.")
    real = Path(os.path.realpath(path))
    if not (path.name.endswith(SUFFIX) and real.name.endswith(SUFFIX)):
        raise FileRefusedError("E015", f"Filen «{shown}» er ikke en .regel-fil og læses ikke.",
                          "Kun .regel-filer læses og inkluderes; andre filers indhold vises aldrig.")
    if root is not None and not real.is_relative_to(os.path.realpath(root)):
        raise FileRefusedError("E015", f"Filen «{shown}» ligger uden for mappen {root} og læses ikke.",
                          "Inkluder kun .regel-filer i samme mappe eller en undermappe; hverken «..» "
                          "eller genveje må føre ud af mappen.")
    if not stat.S_ISREG(st.st_mode):
        raise FileRefusedError("E015", f"Filen «{shown}» er ikke en almindelig fil, men {_special(st.st_mode)}, "
                                  "og læses ikke.")
    return Admitted(path, real, st.st_dev, st.st_ino)


def read_admitted(adm: Admitted, limit: int = MAX_FILE_BYTES) -> bytes:
    """At most `limit` + 1 bytes of an admitted file. Opened non-blocking (a FIFO
    swapped in after the check cannot hang us) and checked again on the open
    descriptor, so a file replaced in between is refused, not read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(adm.real, flags)
    except OSError as err:
        raise FileRefusedError("E011", f"Filen «{adm.path}» kan ikke læses: {os_problem(err)}.") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) != (adm.dev, adm.ino):
            raise FileRefusedError("E015", f"Filen «{adm.path}» blev skiftet ud, mens den blev læst, og læses ikke.",
                              "Kør kommandoen igen.")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_regel(path: Path | str, root: Path | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The whole of a `.regel` file (see `admit`); raises FileRefusedError, also
    (E010) when it is over `limit` bytes, so a cut-off text is never used."""
    data = read_admitted(admit(Path(path), root=root), limit)
    if len(data) > limit:
        raise FileRefusedError("E010", f"Filen «{path}» er for stor (over {limit} bytes).",
                               "Del reglerne op i flere filer.")
    return data


def read_source(path: Path | str) -> tuple[SourceFile, str | None]:
    """A `.regel` file decoded; refuses what `admit` refuses (FileRefusedError is an OSError)."""
    p = Path(path)
    return decode(str(p), read_regel(p))
