"""The two states `regel diff` compares: paths, a Git revision of the same paths, or
one state on two dates."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .space import DiffError


def _git(args: Sequence[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120)
    except FileNotFoundError:
        raise DiffError("--fra-git kræver programmet git, som ikke findes på maskinen.") from None
    except subprocess.TimeoutExpired:
        raise DiffError("git svarede ikke inden for 120 s.") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(f"git {' '.join(args[:2])} fejlede: {why[-1] if why else 'ukendt fejl'}")
    return done.stdout


def checkout(paths: Sequence[str], rev: str) -> tuple[tempfile.TemporaryDirectory, list[str]]:
    """The same paths as they were at Git revision `rev`, unpacked into a temporary folder
    (kept alive by the returned handle). Paths outside the repository are refused."""
    if rev.startswith("-"):
        raise DiffError(f"«{rev}» er ikke en Git-revision (den må ikke begynde med «-»).")
    first = Path(paths[0]).resolve()
    start = first if first.is_dir() else first.parent
    if not start.is_dir():
        raise DiffError(f"«{paths[0]}» findes ikke.")
    try:
        root = Path(_git(["rev-parse", "--show-toplevel"], start).decode().strip())
    except DiffError:
        raise DiffError(f"«{paths[0]}» ligger ikke i et Git-arkiv, så --fra-git har intet at sammenligne med.") \
            from None
    rels, folders = [], []
    for p in paths:
        full = Path(p).resolve()
        try:
            rel = full.relative_to(root).as_posix() or "."
        except ValueError:
            raise DiffError(f"«{p}» ligger ikke i Git-arkivet {root}.") from None
        rels.append(rel)
        # A module file brings its folder: the fragments it includes come from the same revision.
        folders.append(rel if full.is_dir() else (Path(rel).parent.as_posix() or "."))
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root)
    except DiffError:
        raise DiffError(f"Git kender ikke revisionen «{rev}» (fx HEAD, HEAD~1, et commit-id eller en gren).") \
            from None
    try:
        data = _git(["archive", "--format=tar", rev, "--", *dict.fromkeys(folders)], root)
    except DiffError:
        raise DiffError(f"{', '.join(paths)} fandtes ikke i revision {rev}.") from None
    tmp = tempfile.TemporaryDirectory(prefix="regel-diff-")
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(tmp.name, filter="data")
    out = [str(Path(tmp.name) / r) for r in rels]
    missing = [p for p, o in zip(paths, out, strict=True) if not Path(o).exists()]
    if missing:
        raise DiffError(f"{', '.join(missing)} fandtes ikke i revision {rev}.")
    return tmp, out
