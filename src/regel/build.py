"""`regel compile`: write generated modules atomically; detect stale output."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `regel eval` imports this module for is_generated(): keep it light
    from .model.ir import Module

MARKER = "GENERERET AF regel"


def is_generated(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            head = fh.read(2000)
    except OSError:
        return False
    return MARKER in head


def render(modules: list[Module]) -> dict[str, str]:
    """File name → text for every module (deterministic)."""
    from .codegen import generate, module_filename

    out: dict[str, str] = {}
    for m in sorted(modules, key=lambda m: m.name):
        out[module_filename(m)] = generate(m)
    return out


def _umask() -> int:
    """The process umask, read without changing it where the OS allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and restore (not thread-safe, but regel is single-threaded)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file in the same directory, then rename over the
    target: readers see the old or the new module, never half of one.

    A symlink is written through (its target is replaced, the link stays), and
    the new file gets the mode of the file it replaces, or 0666 minus the umask
    like any new file (mkstemp alone would make it 0600)."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(files: dict[str, str], out_dir: Path) -> list[Path]:
    """Write changed files; returns the paths written. Files regel did not
    generate are never touched."""
    written = []
    for name, text in files.items():
        target = out_dir / name
        if target.exists() and not is_generated(target):
            raise FileExistsError(f"{target} findes og er ikke genereret af regel; den overskrives ikke.")
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        write_atomic(target, text)
        written.append(target)
    return written


def stale(files: dict[str, str], out_dir: Path) -> list[str]:
    """Names of files that are missing or differ from what would be generated."""
    out = []
    for name, text in files.items():
        target = out_dir / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            out.append(name)
    return out


def changed_sources(digests: dict[str, str], bases: list[Path]) -> list[str] | None:
    """The source files (as listed in a generated module's SOURCE_DIGESTS) whose text
    differs from the one compiled, or that are gone; None when none of them can be found
    (a module deployed without its sources cannot be checked and is trusted). Paths are
    tried as given and relative to each of `bases` (the working directory, the folder
    above generated/). Texts are decoded as the loader decodes them (BOM, NFC)."""
    import hashlib

    from .source import decode

    found = 0
    out: list[str] = []
    for name, digest in digests.items():
        path = next((b / name for b in [Path(), *bases] if (b / name).is_file()), None)
        if path is None:
            out.append(name)
            continue
        found += 1
        try:
            src, _problem = decode(str(path), path.read_bytes())
        except OSError:
            out.append(name)
            continue
        if hashlib.sha256(src.text.encode("utf-8")).hexdigest() != digest:
            out.append(name)
    return out if found else None

