"""Name normalisation shared by the model (collision checks) and codegen.

Pure string functions with no imports from regel: the model layer must be
able to ask "which file would this module become?" without importing codegen.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def ascii_name(text: str) -> str:
    """Transliterate Danish letters, strip accents, drop any other non-ASCII and
    turn everything that cannot be in an identifier into `_`."""
    t = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text).translate(_DANISH))
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


def module_stem(module_name: str) -> str:
    """The importable module name for a regel module: lowercase ASCII, never a
    keyword and never a standard-library module it could shadow on sys.path."""
    stem = identifier(module_name, "modul")
    if stem in sys.stdlib_module_names or stem.rstrip("_") in sys.stdlib_module_names:
        stem = stem.rstrip("_") + "_regel"
    return stem


def module_filename(module_name: str) -> str:
    """`sanktion.py` for module `sanktion`, `aeble.py` for `æble`."""
    return module_stem(module_name) + ".py"
