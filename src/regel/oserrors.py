"""Operating-system errors in Danish: the one place that turns an errno into words.

Every message about a file or a stream uses `os_problem` (never `strerror`, which
is English), and a closed pipe is reported with `BROKEN_PIPE` by every command."""

from __future__ import annotations

import errno

# What `regel … | head` says when the reader goes away (exit 2).
BROKEN_PIPE = "udskriften blev afbrudt (modtageren lukkede røret)."

_PROBLEMS = {
    errno.ENOENT: "filen findes ikke",
    errno.ENOTDIR: "en del af stien er ikke en mappe",
    errno.ENAMETOOLONG: "navnet er for langt",
    errno.EACCES: "adgang nægtet",
    errno.EPERM: "handlingen er ikke tilladt",
    errno.EISDIR: "det er en mappe",
    errno.ELOOP: "en løkke af genveje (symbolske links)",
    errno.ENOSPC: "disken er fuld",
    errno.EDQUOT: "diskkvoten er opbrugt",
    errno.EROFS: "filsystemet er skrivebeskyttet",
    errno.EFBIG: "filen er for stor",
    errno.EPIPE: "modtageren lukkede røret",
    errno.EIO: "ind-/udlæsningsfejl på enheden",
    errno.EMFILE: "for mange åbne filer",
    errno.ENFILE: "for mange åbne filer i systemet",
    errno.EBUSY: "filen er i brug",
    errno.ETXTBSY: "filen er i brug",
    errno.ENXIO: "enheden findes ikke",
    errno.ENODEV: "enheden findes ikke",
    errno.EAGAIN: "filen er ikke klar (prøv igen)",
    errno.EXDEV: "filen ligger på et andet filsystem",
}


def os_problem(err: BaseException | int | None) -> str:
    """Danish words for an OSError (or an errno): «filen findes ikke», «adgang nægtet», …
    Lower case, no full stop; an errno without words is named by its symbol, never in English."""
    code = err if isinstance(err, int) else getattr(err, "errno", None)
    if isinstance(err, ValueError):  # open() with a NUL byte in the name
        return "ugyldigt filnavn"
    if not code:
        return "ukendt systemfejl"
    words = _PROBLEMS.get(code)
    if words is not None:
        return words
    return f"systemfejl {errno.errorcode.get(code, '')} (fejlkode {code})".replace("  ", " ")


__all__ = ["BROKEN_PIPE", "os_problem"]
