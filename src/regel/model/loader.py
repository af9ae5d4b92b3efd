"""From paths on disk to typed Modules: reading, `inkluder`/`brug`, lowering.

A `.regel` file is a module; files whose name starts with `_` are fragments that
only exist to be included. `inkluder "fil.regel"` and `brug navn` both merge the
other file's declarations into the module (brug finds `navn.regel` or
`_navn.regel` beside the file); cycles and missing files are diagnostics.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .. import diagnostics as dg
from ..source import SourceFile, Span, read_source
from ..syntax import ast, parse
from . import ir
from .lower import Lowerer

MAX_FILE_BYTES = 20 * 1024 * 1024


def discover(paths: list[str | Path]) -> list[Path]:
    """The module files under `paths` (directories are searched recursively)."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(q for q in p.rglob("*.regel") if not q.name.startswith("_"))
        else:
            found.append(p)
    return sorted(dict.fromkeys(found))


class _Reader:
    def __init__(self) -> None:
        self.cache: dict[Path, tuple[SourceFile | None, ast.Program | None, list[dg.Diagnostic]]] = {}

    def read(self, path: Path) -> tuple[SourceFile | None, ast.Program | None, list[dg.Diagnostic]]:
        key = path.resolve()
        if key not in self.cache:
            self.cache[key] = self._read(path)
        return self.cache[key]

    def _read(self, path: Path):
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                return None, None, [dg.error("E010", f"Filen {path} er for stor ({size} bytes).", None,
                                             f"Højst {MAX_FILE_BYTES // (1024 * 1024)} MB pr. fil.")]
            src, problem = read_source(path)
        except OSError as err:
            return None, None, [dg.error("E011", f"Filen {path} kan ikke læses: {err.strerror}.", None)]
        diags: list[dg.Diagnostic] = []
        if problem:
            diags.append(dg.error("E009", f"{path}: {problem}.", Span(src, 0, 0), "Gem filen som UTF-8."))
        program, pdiags = parse(src)
        return src, program, diags + pdiags


def load_module(path: Path, reader: _Reader | None = None) -> tuple[ir.Module | None, list[dg.Diagnostic]]:
    reader = reader or _Reader()
    diags: list[dg.Diagnostic] = []
    statements: list[ast.Statement] = []
    sources: dict[str, SourceFile] = {}
    name = path.stem

    def visit(p: Path, stack: list[Path], at: Span | None) -> None:
        nonlocal name
        key = p.resolve()
        if key in stack:
            chain = " → ".join(q.name for q in stack[stack.index(key):] + [key])
            diags.append(dg.error("E012", f"Filer inkluderer hinanden i ring: {chain}.", at,
                                  "Fjern en af «inkluder»/«brug»-linjerne."))
            return
        if str(key) in sources:
            return  # included twice along different paths: merge once
        if not p.exists():
            diags.append(dg.error("E011", f"Filen «{p}» findes ikke.", at,
                                  "Stien regnes fra den fil, der inkluderer."))
            return
        src, program, fdiags = reader.read(p)
        diags.extend(fdiags)
        if src is None or program is None:
            return
        sources[str(key)] = src
        for st in program.statements:
            if isinstance(st, ast.IncludeDecl):
                visit(p.parent / st.path, stack + [key], st.span)
            elif isinstance(st, ast.UseDecl):
                cand = [p.parent / f"{st.module}.regel", p.parent / f"_{st.module}.regel"]
                target = next((c for c in cand if c.exists()), None)
                if target is None:
                    diags.append(dg.error("E011", f"Modulet «{st.module}» findes ikke ved siden af {p.name}.",
                                          st.span, f"Forventede filen {cand[0].name}."))
                else:
                    visit(target, stack + [key], st.span)
            elif isinstance(st, ast.ModuleDecl):
                if key == path.resolve():
                    name = st.name
            else:
                statements.append(st)

    visit(path, [], None)
    if dg.has_errors(diags):
        return None, diags
    lowerer = Lowerer(name, str(path), statements)
    module = lowerer.run()
    diags.extend(lowerer.diags)
    if module is None:
        return None, diags
    h = hashlib.sha256()
    for k in sorted(sources):
        h.update(sources[k].text.encode("utf-8"))
    from dataclasses import replace
    return replace(module, source_hash=h.hexdigest()), diags


def load(paths: list[str | Path]) -> tuple[list[ir.Module], list[dg.Diagnostic]]:
    reader = _Reader()
    modules, diags = [], []
    files = discover(paths)
    if not files:
        diags.append(dg.error("E013", "Ingen .regel-filer fundet.", None,
                              f"Søgte i: {', '.join(map(str, paths)) or '(ingen stier)'}."))
    for f in files:
        m, d = load_module(f, reader)
        diags.extend(d)
        if m is not None:
            modules.append(m)
    names: dict[str, str] = {}
    for m in modules:
        if m.name in names:
            diags.append(dg.error("E101", f"To filer definerer modulet «{m.name}»: {names[m.name]} og {m.path}.",
                                  None))
        names[m.name] = m.path
    return modules, sorted(set(diags), key=dg.Diagnostic.sort_key) if False else _dedupe(diags)


def _dedupe(diags: list[dg.Diagnostic]) -> list[dg.Diagnostic]:
    seen, out = set(), []
    for d in diags:
        key = (d.code, d.message, d.span.path if d.span else None, d.span.start if d.span else None)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
