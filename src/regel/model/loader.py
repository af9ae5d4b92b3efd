"""From paths on disk to typed Modules: reading, `inkluder`/`brug`, lowering.

A `.regel` file is a module; files whose name starts with `_` are fragments that
only exist to be included. `inkluder "fil.regel"` and `brug navn` both merge the
other file's declarations into the module (brug finds `navn.regel` or
`_navn.regel` beside the file); cycles and missing files are diagnostics.
"""

from __future__ import annotations

import errno
import hashlib
from dataclasses import replace
from pathlib import Path

from .. import diagnostics as dg
from ..source import SourceFile, Span, decode
from ..syntax import ast, parse
from . import ir
from .lower import Lowerer

# The parser refuses more than half a million characters anyway; reading stops
# here so a huge or endless file (`inkluder "/dev/zero"`) never fills memory.
MAX_FILE_BYTES = 8 * 1024 * 1024

_OS_PROBLEMS = {
    errno.ENOENT: "findes ikke", errno.EACCES: "må ikke læses (adgang nægtet)", errno.EPERM: "må ikke læses",
    errno.EISDIR: "er en mappe, ikke en fil", errno.ENAMETOOLONG: "har et for langt navn",
    errno.ENOTDIR: "findes ikke (en del af stien er ikke en mappe)", errno.ELOOP: "er en løkke af genveje",
}


def _os_problem(err: OSError) -> str:
    """An OS error as Danish words that complete «Filen … »."""
    return _OS_PROBLEMS.get(err.errno or 0, f"kan ikke læses (fejlkode {err.errno})")


def _exists(p: Path) -> bool:
    try:
        return p.exists()
    except (OSError, ValueError):  # a name too long or with a NUL byte: treat as missing
        return False


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
            if path.is_dir():
                return None, None, [dg.error("E011", f"Stien {path} er en mappe, ikke en fil.", None)]
            with path.open("rb") as fh:  # not stat(): devices and pipes report size 0
                data = fh.read(MAX_FILE_BYTES + 1)
        except (OSError, ValueError) as err:
            problem = _os_problem(err) if isinstance(err, OSError) else "har et ugyldigt navn"
            return None, None, [dg.error("E011", f"Filen {path} {problem}.", None)]
        if len(data) > MAX_FILE_BYTES:
            return None, None, [dg.error("E010", f"Filen {path} er for stor (over {MAX_FILE_BYTES} bytes).", None,
                                         "Del reglerne op i flere filer.")]
        src, problem = decode(str(path), data)
        diags: list[dg.Diagnostic] = []
        if problem:
            # Point at the first replacement character: that is where the bad bytes were.
            at = src.text.find("\ufffd")
            span = Span(src, at, at + 1) if at >= 0 else Span(src, 0, 0)
            diags.append(dg.error("E009", f"{problem[:1].upper()}{problem[1:]}.", span, "Gem filen som UTF-8."))
        program, pdiags = parse(src)
        if problem:
            # The parser reports each replacement character it trips over; the
            # one E009 already points at needs no second message.
            pdiags = [d for d in pdiags if not (d.code == "E004" and d.span is not None and diags[0].span
                                                 and d.span.start == diags[0].span.start)]
        return src, program, diags + pdiags


def load_module(path: Path, reader: _Reader | None = None) -> tuple[ir.Module | None, list[dg.Diagnostic]]:
    reader = reader or _Reader()
    diags: list[dg.Diagnostic] = []
    statements: list[ast.Statement] = []
    sources: dict[str, SourceFile] = {}
    name = path.stem

    def visit(p: Path, stack: list[Path], at: Span | None, shown: str) -> None:
        nonlocal name
        if not _exists(p):
            diags.append(dg.error("E011", f"Filen «{shown}» findes ikke.", at,
                                  "Stien regnes fra den fil, der inkluderer."))
            return
        key = p.resolve()
        if key in stack:
            chain = " → ".join(q.name for q in stack[stack.index(key):] + [key])
            diags.append(dg.error("E012", f"Filer inkluderer hinanden i ring: {chain}.", at,
                                  "Fjern en af «inkluder»/«brug»-linjerne."))
            return
        if str(key) in sources:
            return  # included twice along different paths: merge once
        src, program, fdiags = reader.read(p)
        # A file that cannot be read is reported at the line that includes it.
        diags.extend(replace(d, span=at) if d.span is None and at is not None else d for d in fdiags)
        if src is None or program is None:
            return
        sources[str(key)] = src
        for st in program.statements:
            if isinstance(st, ast.IncludeDecl):
                visit(p.parent / st.path, stack + [key], st.span, st.path)
            elif isinstance(st, ast.UseDecl):
                cand = [p.parent / f"{st.module}.regel", p.parent / f"_{st.module}.regel"]
                target = next((c for c in cand if _exists(c)), None)
                if target is None:
                    diags.append(dg.error("E011", f"Modulet «{st.module}» findes ikke ved siden af {p.name}.",
                                          st.span, f"Forventede filen {cand[0].name}."))
                else:
                    visit(target, stack + [key], st.span, target.name)
            elif isinstance(st, ast.ModuleDecl):
                if key == path.resolve():
                    name = st.name
            else:
                statements.append(st)

    visit(path, [], None, str(path))
    if dg.has_errors(diags):
        return None, diags
    lowerer = Lowerer(name, str(path), statements)
    try:
        module = lowerer.run()
    except RecursionError:  # the parser's depth limit should make this unreachable
        module = None
        lowerer.diags.append(dg.error("E008", "Et udtryk er for dybt indlejret til at blive oversat.", None,
                                      "Del udtrykket op i flere «værdi»-linjer."))
    diags.extend(lowerer.diags)
    if module is None:
        return None, diags
    h = hashlib.sha256()
    for k in sorted(sources):
        h.update(sources[k].text.encode("utf-8"))
    return replace(module, source_hash=h.hexdigest()), diags


def load(paths: list[str | Path]) -> tuple[list[ir.Module], list[dg.Diagnostic]]:
    reader = _Reader()
    modules, diags = [], []
    missing = [p for p in map(Path, paths) if not p.exists()]
    for p in missing:
        diags.append(dg.error("E011", f"Stien «{p}» findes ikke.", None,
                              "Angiv en .regel-fil eller en mappe med .regel-filer."))
    files = [f for f in discover(paths) if f.exists()]
    if not files and not missing:
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
