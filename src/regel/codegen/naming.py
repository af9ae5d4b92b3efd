"""ASCII identifiers for generated code.

Editors name things in Danish (`Målgruppeafgørelse`, `månedlig_ydelse`); the
generated module uses those names as string keys, and only needs identifiers for
its own functions and constants. Identifiers are transliterated (æ→ae, ø→oe,
å→aa; accents dropped), made valid and non-keyword, and collisions are
disambiguated by numbering in first-come order, which is deterministic because
generation walks the module in a fixed order.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata

from ..model.ir import Module

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def ascii_name(text: str) -> str:
    """Transliterate Danish letters, strip accents, drop any other non-ASCII and
    turn everything that cannot be in an identifier into `_`."""
    t = unicodedata.normalize("NFKD", text.translate(_DANISH))
    t = "".join(c for c in t if ord(c) < 128)
    t = re.sub(r"[^A-Za-z0-9_]+", "_", t)
    return re.sub(r"_+", "_", t).strip("_")


def identifier(text: str, fallback: str = "x") -> str:
    """A valid, non-keyword Python identifier derived from `text` (lowercase)."""
    name = ascii_name(text).lower() or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        name += "_"
    return name


class Namer:
    """Hands out unique identifiers; the same request always gets the same answer."""

    def __init__(self, reserved: set[str] | None = None) -> None:
        self.used: set[str] = set(reserved or ())
        self.given: dict[tuple[str, ...], str] = {}

    def name(self, key: tuple[str, ...], base: str) -> str:
        if key in self.given:
            return self.given[key]
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}_{n}"
        self.used.add(candidate)
        self.given[key] = candidate
        return candidate


def module_stem(module_name: str) -> str:
    """The importable module name for a regel module: lowercase ASCII, never a
    keyword and never a standard-library module it could shadow on sys.path."""
    stem = identifier(module_name, "modul")
    if stem in sys.stdlib_module_names or stem.rstrip("_") in sys.stdlib_module_names:
        stem = stem.rstrip("_") + "_regel"
    return stem


def module_filename(module: Module | str) -> str:
    """`sanktion.py` for module `sanktion` (accepts an ir.Module or its name)."""
    name = module if isinstance(module, str) else module.name
    return module_stem(name) + ".py"
