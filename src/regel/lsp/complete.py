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
from ..syntax import ast
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
    insert: str | None = None  # the text written, when it is not the label
    snippet: str | None = None  # the same as an LSP snippet, for a client that takes snippets


REFUSE = Item('afvis "…"', "snippet", "loven giver intet svar", insert='afvis "…"', snippet='afvis "${1:besked}"')

_GRID_LINE = re.compile(r"^\s*\|")
_WORD = re.compile(r"\w*$")


def replaced_from(prefix: str) -> int:
    """Where, in the line, the text an item replaces begins: the word being typed (after
    `afrunding`, the whole mode: `nedad hele kr` is replaced by `nedad hele kroner`)."""
    m = re.match(r"^\s*afrunding\s+", prefix)
    if m and re.fullmatch(r"[\w ]*", prefix[m.end():]):
        return m.end()
    return _WORD.search(prefix).start()  # type: ignore[union-attr]


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


def _statement(lines: list[str], line: int) -> tuple[int, str]:
    """The line and text of the statement that holds `line` (the nearest line above it, or it,
    that begins in the first column and is not a comment)."""
    for i in range(min(line, len(lines) - 1), -1, -1):
        ln = lines[i]
        if ln[:1] and not ln[:1].isspace() and not ln.startswith("#"):
            return i, ln
    return -1, ""


def _names(idx: Index, kinds: tuple[str, ...], skip: set[str] = frozenset(),  # type: ignore[assignment]
           keep=lambda s: True) -> list[Item]:
    out = []
    for name, syms in sorted(idx.defs.items()):
        if name in skip:
            continue
        for s in syms:
            if s.kind in kinds and keep(s):
                out.append(Item(name, _KIND.get(s.kind, "value"), s.kind))
                break
    return out


_KIND = {"felt": "field", "værdi": "value", "resultat": "result", "tabel": "table", "type": "type",
         "beslutning": "value", "opremsningsværdi": "enum"}


def _values(name: str, idx: Index, model: ir.Module | None) -> list[Item] | None:
    """The values a name of an enum or ja/nej type can have (None for other types): from the
    model, else (a module that does not load yet) from the declarations as written."""
    t = None
    if model is not None:
        t = model.symbol_type(name) or model.types.get(name)
    if t is not None:
        if t.kind is Kind.ENUM:
            labels = dict(t.labels)
            return [Item(v, "enum", labels.get(v, t.name)) for v in t.values]
        if t.kind is Kind.BOOL:
            return [Item(c, "keyword", "ja/nej") for c in keywords.CONSTANTS]
        return None
    for sym in idx.resolve(name):
        ref = getattr(sym.node, "type", None) if sym.kind in ("felt", "værdi") else None
        if ref is None:
            continue
        if ref.kind == "bool":
            return [Item(c, "keyword", "ja/nej") for c in keywords.CONSTANTS]
        if ref.kind == "named":
            for td in idx.resolve(ref.name, "type"):
                if isinstance(td.node, ast.TypeDecl) and td.node.enum is not None:
                    return [Item(i.name, "enum", i.description or td.name) for i in td.node.enum]
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
    at, head = _statement(lines, line)
    kind = head.split(maxsplit=1)[0] if head.strip() else ""
    if re.fullmatch(r"\w*", stripped) and not prefix[:1].isspace():
        return [Item(k, "keyword", "erklæring") for k in keywords.STATEMENTS]
    if kind == "eksempel" and at < line:
        return _example(lines, at, line, prefix, head, idx, model)
    if re.fullmatch(r"\w*", stripped):  # an indented line of a statement, at its first word
        if kind == "tabel":
            return [Item(k, "keyword", "tabel") for k in TABLE_CLAUSES]
        if kind == "beslutning":  # a post: a result or a value as it is, or a new name = …
            return ([Item(k, "keyword", "beslutning") for k in ("brev",) if k in keywords.KEYWORDS]
                    + _names(idx, ("resultat", "værdi", "felt")))
        return []
    if re.search(r":\s*\w*$", prefix) and re.match(r"^\s*(felt|værdi)\b", prefix):
        types = [Item(t, "keyword", "type") for t in (*keywords.TYPES, keywords.BOOL_TYPE)]
        return types + _names(idx, ("type",))
    # Inside an expression: names and functions.
    return (_names(idx, ("felt", "værdi", "resultat", "tabel")) +
            [Item(f, "function", "funktion") for f in keywords.FUNCTIONS])


def _example(lines: list[str], at: int, line: int, prefix: str, head: str, idx: Index,
             model: ir.Module | None) -> list[Item]:
    """In an `eksempel`: `givet` fields, `forvent` the decision's posts, after `=` a value."""
    # The clause the cursor is in: its line, and the lines that continue it, up to the cursor.
    start = line
    while start > at + 1 and not re.match(r"^\s*(givet|forvent)\b", lines[start]):
        start -= 1
    clause = " ".join([*lines[start:line], prefix]) if start < line else prefix
    m = re.match(r"^\s*(givet|forvent)\b(.*)$", clause)
    if m is None:
        return [Item(k, "keyword", "eksempel") for k in keywords.EXAMPLE_CLAUSES] \
            if re.fullmatch(r"\s*\w*", prefix) else []
    word, rest = m.group(1), m.group(2)
    if rest and not rest[:1].isspace():  # `givetx`: still the keyword being typed
        return []
    parts = rest.split(",")
    current = parts[-1]
    if "=" in current:  # a value
        name = current.split("=")[0].strip()
        after = current.split("=", 1)[1]
        if re.fullmatch(r"\s*\w*", after):
            return _values(name, idx, model) or []
        return []
    written = {p.split("=")[0].strip() for p in parts[:-1]}
    if word == "givet":
        return _names(idx, ("felt",), written)
    extra = [Item("fejl", "keyword", "eksemplet afvises")] if len(parts) == 1 and "fejl".startswith(rest.strip()) \
        else []
    d = re.search(r"\bfor\s+(\w+)", head)
    posts: list[str] = []
    if d is not None:
        dec = model.decisions.get(d.group(1)) if model is not None else None
        if dec is not None:
            posts = [n for n, _e in dec.items]
        else:
            for sym in idx.resolve(d.group(1), "beslutning"):
                if isinstance(sym.node, ast.DecisionDecl):
                    posts = [i.name for i in sym.node.items]
    if not posts:
        return extra + _names(idx, ("resultat", "værdi"), written)
    return extra + [Item(n, "result", "post i beslutningen") for n in posts if n not in written]


def _grid(lines: list[str], line: int, prefix: str, idx: Index, model: ir.Module | None) -> list[Item]:
    head = _header_line(lines, line)
    if head == line:  # the header
        conds, results = _cells(lines[head])
        if "||" in prefix:  # the result side: new names, and the rule's citation
            col = prefix.split("||", 1)[1].count("|") - 1
            others = [c for i, c in enumerate(results) if i != col]
            return [] if "hjemmel" in others else [Item("hjemmel", "keyword", "regelens hjemmel")]
        # The condition side: fields, values and other tables' results (not this table's own,
        # nor a table), and `id` while the grid has none.
        col = prefix.count("|") - 1
        others = {c.split(":")[0].strip() for i, c in enumerate(conds) if i != col}
        _at, stmt = _statement(lines, line)
        m = re.match(r"^tabel\s+(\w+)", stmt)
        table = m.group(1) if m else None
        items = [] if "id" in others else [Item("id", "keyword", "regelens id")]
        return items + _names(idx, ("felt", "værdi", "resultat"), set(results),
                              keep=lambda s: not (s.kind == "resultat" and getattr(s.owner, "name", None) == table))
    conds, _results = _cells(lines[head])
    if "||" in prefix:  # a result cell: an expression or afvis
        return ([REFUSE, Item("-", "keyword", "ingen værdi")]
                + _names(idx, ("felt", "værdi", "resultat")))
    col = prefix.count("|") - 1
    name = conds[col].split(":")[0].strip() if 0 <= col < len(conds) else ""
    if name == "id":
        return []
    cell = prefix.rsplit("|", 1)[1]
    negated = re.match(r"^\s*ikke\s+", cell) is not None
    out = [] if negated else [Item("-", "keyword", "alle værdier"), Item("ikke", "keyword", "alt andet end")]
    values = _values(name, idx, model)
    return out + (values or [])
