"""What each name in a module is, and where it is written: definitions from the
syntax trees the loader read, references from the token stream of each file.

Types, fields, values and tables share one namespace in regel (E101), a result
column's name is unique in its module, and enum values are names of their own;
so a word resolves by name, enum values last. A word is a reference only where
the grammar's lexer calls it a NAME (`dato` in `felt dato: dato` is a name,
then the type keyword); a file that does not lex falls back to a word scan that
skips strings and comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..source import SourceFile, Span
from ..syntax import ast
from ..syntax.tokens import lex
from .project import ModuleState, real

# Kinds, in the order a name resolves (the first kind with the name wins).
KINDS = ("felt", "værdi", "resultat", "tabel", "type", "beslutning", "opremsningsværdi")

# A name: a letter, then letters, digits or `_`; strings and comments are skipped (as loader._WORDS).
_WORDS = re.compile(r'"""[\s\S]*?"""|"[^"\r\n]*"|#[^\r\n]*|([^\W\d]\w*)')


@dataclass(frozen=True)
class Symbol:
    name: str
    kind: str  # one of KINDS, or "fil"
    span: Span  # where the name is written in its definition
    node: object = field(compare=False)  # the AST node that defines it
    owner: object = field(default=None, compare=False)  # enum value: its TypeDecl; result: its TableDecl


@dataclass(frozen=True)
class Include:
    """An `inkluder "…"` or `brug …` line and the file it names (None if it is not there)."""

    span: Span
    target: Path | None


@dataclass
class Index:
    defs: dict[str, list[Symbol]] = field(default_factory=dict)
    words: dict[Path, list[tuple[str, int, int]]] = field(default_factory=dict)  # file -> (name, start, end)
    sources: dict[Path, SourceFile] = field(default_factory=dict)
    includes: dict[Path, list[Include]] = field(default_factory=dict)
    programs: dict[Path, ast.Program] = field(default_factory=dict)

    def resolve(self, name: str, prefer: str | None = None) -> list[Symbol]:
        """The definitions a name means: those of kind `prefer` if any, else of the first
        kind (in KINDS order) that has the name."""
        syms = self.defs.get(name, [])
        if prefer is not None and any(s.kind == prefer for s in syms):
            return [s for s in syms if s.kind == prefer]
        for kind in KINDS:
            hit = [s for s in syms if s.kind == kind]
            if hit:
                return hit
        return []

    def word_at(self, path: Path, offset: int) -> tuple[str, int, int] | None:
        for w in self.words.get(path, ()):
            if w[1] <= offset <= w[2]:
                return w
        return None

    def references(self, name: str) -> list[tuple[Path, int, int]]:
        return [(p, s, e) for p, ws in self.words.items() for (n, s, e) in ws if n == name]

    def include_at(self, path: Path, offset: int) -> Include | None:
        for inc in self.includes.get(path, ()):
            if inc.span.start <= offset <= inc.span.end:
                return inc
        return None


def name_span(span: Span, name: str, skip: int = 0) -> Span:
    """The first place `name` stands as a whole word in `span` (after `skip` characters)."""
    m = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)").search(span.file.text, span.start + skip, span.end)
    if m is None:
        return Span(span.file, span.start, span.start)
    return Span(span.file, m.start(), m.end())


def _words(src: SourceFile) -> list[tuple[str, int, int]]:
    try:
        return [(text, s, e) for kind, text, s, e in lex(src.text) if kind == "NAME"]
    except ValueError:  # the file does not parse: any word outside strings and comments
        return [(m.group(1), m.start(1), m.end(1)) for m in _WORDS.finditer(src.text) if m.group(1)]


_WORD_CACHE: dict[str, tuple[str, list[tuple[str, int, int]]]] = {}


def _cached_words(src: SourceFile) -> list[tuple[str, int, int]]:
    hit = _WORD_CACHE.get(src.path)
    if hit is not None and hit[0] == src.sha256:
        return hit[1]
    words = _words(src)
    _WORD_CACHE[src.path] = (src.sha256, words)
    return words


def build(state: ModuleState) -> Index:
    """The index of one module (every file it reads)."""
    idx = Index()
    for path, fs in state.files.items():
        idx.sources[path] = fs.source
        idx.words[path] = _cached_words(fs.source)
        if fs.program is not None:
            idx.programs[path] = fs.program
            _definitions(idx, path, fs.program)
    return idx


def _add(idx: Index, sym: Symbol) -> None:
    idx.defs.setdefault(sym.name, []).append(sym)


def _definitions(idx: Index, path: Path, program: ast.Program) -> None:
    for st in program.statements:
        if isinstance(st, ast.TypeDecl):
            _add(idx, Symbol(st.name, "type", name_span(st.span, st.name, len("type")), st))
            for item in st.enum or ():
                _add(idx, Symbol(item.name, "opremsningsværdi", name_span(item.span, item.name), item, st))
        elif isinstance(st, ast.FieldDecl):
            _add(idx, Symbol(st.name, "felt", name_span(st.span, st.name, len("felt")), st))
        elif isinstance(st, ast.ValueDecl):
            _add(idx, Symbol(st.name, "værdi", name_span(st.span, st.name, len("værdi")), st))
        elif isinstance(st, ast.TableDecl):
            at = st.name_span if st.name_span is not None else name_span(st.span, st.name, len("tabel"))
            _add(idx, Symbol(st.name, "tabel", at, st))
            seen: set[str] = set()
            for version in st.versions:
                for cell in version.grid.outputs:
                    if cell.name not in seen and cell.name != "hjemmel":
                        seen.add(cell.name)
                        _add(idx, Symbol(cell.name, "resultat", name_span(cell.span, cell.name), cell, st))
        elif isinstance(st, ast.DecisionDecl):
            _add(idx, Symbol(st.name, "beslutning", name_span(st.span, st.name, len("beslutning")), st))
        elif isinstance(st, ast.IncludeDecl):
            target = real(path.parent / st.path)
            idx.includes.setdefault(path, []).append(Include(st.span, target if target.exists() else None))
        elif isinstance(st, ast.UseDecl):
            cands = [path.parent / f"{st.module}.regel", path.parent / f"_{st.module}.regel"]
            target = next((real(c) for c in cands if c.exists()), None)
            idx.includes.setdefault(path, []).append(Include(st.span, target))


def enclosing(program: ast.Program, offset: int) -> list[object]:
    """The chain of AST nodes around `offset`, outermost first (statements, versions,
    grids, rows and cells; expressions are not descended into)."""
    chain: list[object] = []

    def inside(node) -> bool:
        sp = getattr(node, "span", None)
        return sp is not None and sp.start <= offset <= sp.end

    for st in program.statements:
        if not inside(st):
            continue
        chain.append(st)
        if isinstance(st, ast.TableDecl):
            for v in st.versions:
                if inside(v):
                    chain.append(v)
                    grid = v.grid
                    if inside(grid):
                        chain.append(grid)
                        for cell in grid.inputs + grid.outputs:
                            if inside(cell):
                                chain.append(cell)
                        for row in grid.rows:
                            if inside(row):
                                chain.append(row)
                                for cell in row.inputs + row.outputs:
                                    if inside(cell):
                                        chain.append(cell)
        break
    return chain
