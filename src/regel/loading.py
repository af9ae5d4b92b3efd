"""The generated modules the commands run, and a case's input: finding a decision's module
in generated/ (without importing the others) and reading a single case from a file or
standard input. (cli.ensure_current refuses a module whose sources changed since compile.)"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from .jsonio import CaseError, decode_input
from .oserrors import os_problem


class UsageError(Exception):
    """Bad usage or bad input: exit 2 with a Danish message."""


def _generated_paths(directory: Path) -> list[Path]:
    from .build import is_generated

    return [p for p in sorted(directory.glob("*.py")) if not p.name.startswith("_") and is_generated(p)]


def _load_one(path: Path) -> ModuleType | None:
    name = f"regel_generated_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        return None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def load_generated(directory: Path) -> list[ModuleType]:
    return [m for m in map(_load_one, _generated_paths(directory)) if m is not None]


def _declared_decisions(path: Path) -> tuple[str, ...] | None:
    """The `DECISIONS: tuple[str, ...] = (…)` literal a generated module declares near its top
    (the generator writes it there), or None when it is not found as such."""
    import ast

    try:
        with path.open(encoding="utf-8") as fh:
            for _ in range(400):
                line = fh.readline()
                if not line:
                    return None
                if line.startswith("DECISIONS"):
                    value = ast.literal_eval(line.split("=", 1)[1].strip())
                    ok = isinstance(value, tuple) and all(isinstance(d, str) for d in value)
                    return value if ok else None
    except (OSError, UnicodeDecodeError, ValueError, SyntaxError, IndexError, MemoryError, RecursionError):
        return None
    return None


def find_decision(name: str, directory: Path) -> ModuleType:
    if not directory.is_dir():
        raise UsageError(f"Mappen {directory}/ findes ikke. Kør først «regel compile», eller sig, hvor de "
                         "genererede moduler er: --generated MAPPE.")
    # The first module (in name order) with the decision; a module that declares other
    # decisions only is not imported (~20-40 ms each). Not found: all are, to name the known ones.
    for path in _generated_paths(directory):
        declared = _declared_decisions(path)
        if declared is not None and name not in declared:
            continue
        mod = _load_one(path)
        if mod is not None and name in getattr(mod, "DECISIONS", ()):
            return mod
    mods = load_generated(directory)
    for m in mods:
        if name in getattr(m, "DECISIONS", ()):
            return m
    known = sorted(d for m in mods for d in getattr(m, "DECISIONS", ()))
    hint = near_decision(name, known) or (
        f" Kendte beslutninger: {', '.join(known)}." if known else
        " Der er ingen beslutninger: et modul skal have en «beslutning …» for at kunne evalueres, "
        "og «regel compile» skal være kørt.")
    raise UsageError(f"Ukendt beslutning «{name}» i {directory}/.{hint}")


def near_decision(name: str, known: list[str]) -> str:
    """« Mente du «x»?» for the known decision closest to a misspelt name, or ''."""
    import difflib

    near = difflib.get_close_matches(name, known, n=1)
    return f" Mente du «{near[0]}»?" if near else ""


# A single case file larger than this is no case: refuse before reading it all.
MAX_CASE_BYTES = 16 * 1024 * 1024


def read_input(spec: str) -> str:
    """The text of a single case: a file or standard input (`-`), read as bytes and
    decoded by jsonio.decode_input (UTF-8, or UTF-16/32 with a BOM; never guessed)."""
    if spec == "-":
        if sys.stdin is None:  # closed (`<&-`)
            raise UsageError("Standard input er lukket; der er ingen sag at læse.")
        stream = getattr(sys.stdin, "buffer", None)  # a test's StringIO has no bytes below it
        data = stream.read(MAX_CASE_BYTES + 1) if stream is not None else sys.stdin.read().encode("utf-8")
        where = "Standard input"
    else:
        path = Path(spec)
        try:
            if path.is_dir():
                raise UsageError(f"Kan ikke læse {spec}: det er en mappe, ikke en fil.")
            with path.open("rb") as fh:
                data = fh.read(MAX_CASE_BYTES + 1)
        except OSError as err:
            raise UsageError(f"Kan ikke læse {spec}: {os_problem(err)}.") from None
        except ValueError:  # a NUL byte in the name
            raise UsageError(f"Kan ikke læse {spec!r}: ugyldigt filnavn.") from None
        where = f"Filen {spec}"
    if len(data) > MAX_CASE_BYTES:
        raise UsageError(f"{where} er for stor til at være én sag (over {MAX_CASE_BYTES // (1024 * 1024)} MB). "
                         "Mange sager skrives som .jsonl eller .csv med --out.")
    try:
        return decode_input(data, where)
    except CaseError as err:
        raise UsageError(str(err)) from None
