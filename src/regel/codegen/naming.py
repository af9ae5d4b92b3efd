"""ASCII identifiers for generated code.

Editors name things in Danish (`Målgruppeafgørelse`, `månedlig_ydelse`); the
generated module uses those names as string keys, and only needs identifiers for
its own functions and constants. Identifiers are transliterated (æ→ae, ø→oe,
å→aa; accents dropped), made valid and non-keyword, and collisions are
disambiguated by numbering in first-come order, which is deterministic because
generation walks the module in a fixed order.
"""

from __future__ import annotations

from ..model.ir import Module
from ..names import ascii_name, identifier, module_stem
from ..names import module_filename as _filename

__all__ = ["Namer", "ascii_name", "identifier", "module_filename", "module_stem"]


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


def module_filename(module: Module | str) -> str:
    """`sanktion.py` for module `sanktion` (accepts an ir.Module or its name)."""
    return _filename(module if isinstance(module, str) else module.name)
