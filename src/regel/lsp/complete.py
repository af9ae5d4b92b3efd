"""Completion: what may be written where the cursor is.

Keywords come from `regel.keywords` (the one word list the grammar is tested
against); names from the module's index; an enum column's values from the
model (or, while the module has an error, its last good model).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import keywords
from ..model import ir
from ..model.types import Kind
from .index import Index

# What a table or version may say on its own line (the clauses that begin a line).
TABLE_CLAUSES = tuple(w for w in ("hjemmel", "politik", "afrunding", "beskrivelse", "relation", "brev", "kilde",
                                  "version", "gælder") if w in keywords.KEYWORDS)


def _spoken(phrase: str) -> bool:
    """Is every word of the phrase a keyword (or a number, or `kr`)?"""
    return all(w in keywords.KEYWORDS or w[0].isdigit() for w in phrase.split())


# The rounding modes of `afrunding …` (docs/sprog.md «Afrunding»), kept only while their words
# are the language's (keywords.ROUNDING_WORDS).
ROUNDING_MODES = tuple(p for p in ("hele kroner", "nedad hele kroner", "opad hele kroner", "øre",
                                   "til nærmeste 100 kr", "opad til 50 kr", "nedad til 1.000 kr", "ingen")
                       if _spoken(p))


@dataclass(frozen=True)
class Item:
    label: str
    kind: str  # keyword, field, value, result, table, type, enum, function, snippet
    detail: str = ""


_GRID_LINE = re.compile(r"^\s*\|")


def _cells(line: str) -> tuple[list[str], list[str]]:
    """The condition and result cells of a grid line, as written (stripped)."""
    body = line.strip()
    if "||" in body:
        left, right = body.split("||", 1)
    else:
        left, right = body, ""
    conds = [c.strip() for c in left.strip().strip("|").split("|")] if left.strip().strip("|").strip() else []
    results = [c.strip() for c in right.strip().strip("|").split("|")] if right.strip() else []
    return conds, results


def _header_line(lines: list[str], line: int) -> int:
    """The first line of the grid that holds `line` (its header)."""
    while line > 0 and _GRID_LINE.match(lines[line - 1]):
        line -= 1
    return line


def _names(idx: Index, kinds: tuple[str, ...]) -> list[Item]:
    out = []
    for name, syms in sorted(idx.defs.items()):
        for s in syms:
            if s.kind in kinds:
                out.append(Item(name, _KIND.get(s.kind, "value"), s.kind))
                break
    return out


_KIND = {"felt": "field", "værdi": "value", "resultat": "result", "tabel": "table", "type": "type",
         "beslutning": "value", "opremsningsværdi": "enum"}


def _column_type(name: str, idx: Index, model: ir.Module | None):
    if model is not None:
        t = model.symbol_type(name)
        if t is not None:
            return t
        if name in model.types:
            return model.types[name]
    return None


def complete(text: str, line: int, prefix: str, idx: Index, model: ir.Module | None) -> list[Item]:
    """Completions at 0-based `line` where `prefix` is the line's text before the cursor."""
    lines = text.splitlines() or [""]
    stripped = prefix.strip()
    # After `politik` / `politik samling` / `afrunding`.
    m = re.match(r"^\s*politik\s+samling\s+\w*$", prefix)
    if m:
        return [Item(a, "keyword", "samling") for a in keywords.AGGREGATORS]
    if re.match(r"^\s*politik\s+\w*$", prefix):
        return [Item(p, "keyword", "politik") for p in keywords.POLICIES]
    if re.match(r"^\s*afrunding\s+[\w ]*$", prefix):
        return [Item(r, "keyword", "afrunding") for r in ROUNDING_MODES]
    if _GRID_LINE.match(prefix):
        return _grid(lines, line, prefix, idx, model)
    if re.fullmatch(r"\w*", stripped):
        if not prefix[:1].isspace():
            return [Item(k, "keyword", "erklæring") for k in keywords.STATEMENTS]
        clauses = [Item(k, "keyword", "tabel") for k in TABLE_CLAUSES]
        return clauses + _names(idx, ("felt", "værdi", "resultat"))
    if re.search(r":\s*\w*$", prefix) and re.match(r"^\s*(felt|værdi)\b", prefix):
        types = [Item(t, "keyword", "type") for t in (*keywords.TYPES, keywords.BOOL_TYPE)]
        return types + _names(idx, ("type",))
    # Inside an expression or an example: names and functions.
    return (_names(idx, ("felt", "værdi", "resultat", "tabel")) +
            [Item(f, "function", "funktion") for f in keywords.FUNCTIONS])


def _grid(lines: list[str], line: int, prefix: str, idx: Index, model: ir.Module | None) -> list[Item]:
    head = _header_line(lines, line)
    if head == line:  # the header: condition columns are fields, values or other tables' results
        if "||" in prefix:
            return [Item("hjemmel", "keyword", "regelens hjemmel")] + _names(idx, ("resultat",))
        return [Item("id", "keyword", "regelens id")] + _names(idx, ("felt", "værdi", "resultat", "tabel"))
    conds, _results = _cells(lines[head])
    if "||" in prefix:  # a result cell: an expression or afvis
        return ([Item('afvis "…"', "snippet", "loven giver intet svar"), Item("-", "keyword", "ingen værdi")]
                + _names(idx, ("felt", "værdi", "resultat")))
    col = prefix.count("|") - 1
    name = conds[col].split(":")[0].strip() if 0 <= col < len(conds) else ""
    out = [Item("-", "keyword", "alle værdier"), Item("ikke", "keyword", "alt andet end")]
    t = _column_type(name, idx, model)
    if t is not None and t.kind is Kind.ENUM:
        labels = dict(t.labels)
        out += [Item(v, "enum", labels.get(v, t.name)) for v in t.values]
    elif t is not None and t.kind is Kind.BOOL:
        out += [Item(c, "keyword", "ja/nej") for c in keywords.CONSTANTS]
    elif name == "id":
        return []
    return out
