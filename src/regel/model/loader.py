"""From paths on disk to typed Modules: reading, `inkluder`/`brug`, lowering.

A `.regel` file is a module; files whose name starts with `_` are fragments that
only exist to be included. `inkluder "fil.regel"` and `brug navn` both merge the
other file's declarations into the module (brug finds `navn.regel` or
`_navn.regel` beside the file); cycles and missing files are diagnostics.

Includes are confined like Jinja2's FileSystemLoader: the resolved path must be
a regular `.regel` file inside the root (the folder given to `regel check`, or
the folder of the module file given). Everything else is refused by its path
before it is opened (`source.admit`), so no other file's text ever reaches a
diagnostic or a review page.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from .. import diagnostics as dg
from ..names import module_filename
from ..source import MAX_FILE_BYTES, Admitted, FileRefusedError, SourceFile, Span, admit, decode, read_admitted
from ..syntax import ast, parse
from . import ir
from .lower import Lowerer

__all__ = ["MAX_FILE_BYTES", "discover", "discover_roots", "load", "load_module"]


def _exists(p: Path) -> bool:
    try:
        return p.exists()
    except (OSError, ValueError):  # a name too long or with a NUL byte: treat as missing
        return False


def discover_roots(paths: list[str | Path], fragments: bool = False) -> list[tuple[Path, Path | None]]:
    """(module file, root) for every module file under `paths`: files in a
    directory argument have that directory (resolved) as root; a file given
    explicitly has None (its own folder bounds its includes). `fragments` adds
    the `_*.regel` files of directory arguments (for `regel fmt`)."""
    found: dict[Path, Path | None] = {}
    for p in map(Path, paths):
        if p.is_dir():
            root = Path(os.path.realpath(p))
            for q in sorted(p.rglob("*.regel")):
                if fragments or not q.name.startswith("_"):
                    found.setdefault(q, root)
        else:
            found.setdefault(p, None)
    return sorted(found.items())


def discover(paths: list[str | Path]) -> list[Path]:
    """The module files under `paths` (directories are searched recursively)."""
    return [p for p, _ in discover_roots(paths)]


Read = tuple[SourceFile | None, ast.Program | None, list[dg.Diagnostic]]


class _Reader:
    def __init__(self) -> None:
        self.cache: dict[Path, Read] = {}

    def read(self, adm: Admitted) -> Read:
        if adm.real not in self.cache:
            self.cache[adm.real] = self._read(adm)
        return self.cache[adm.real]

    def _read(self, adm: Admitted) -> Read:
        try:
            data = read_admitted(adm, MAX_FILE_BYTES)
        except FileRefusedError as err:
            return None, None, [dg.error(err.code, err.message, None, err.hint)]
        return self.parse(adm, data)

    def parse(self, adm: Admitted, data: bytes) -> Read:
        """Decode and parse a file's bytes (a subclass may take them from elsewhere:
        the language server reads an editor's unsaved text)."""
        path = adm.path
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


def load_module(path: Path, reader: _Reader | None = None,
                root: Path | None = None) -> tuple[ir.Module | None, list[dg.Diagnostic]]:
    """Load the module in `path`. Includes must stay inside `root` (default:
    the folder of `path`); `path` itself must be inside it when `root` is given."""
    reader = reader or _Reader()
    diags: list[dg.Diagnostic] = []
    statements: list[ast.Statement] = []
    sources: dict[str, SourceFile] = {}
    name = path.stem
    top_root = root
    root = Path(os.path.realpath(root if root is not None else path.parent))

    def visit(p: Path, stack: list[Path], at: Span | None, shown: str) -> None:
        nonlocal name
        try:
            adm = admit(p, shown, root if at is not None or top_root is not None else None)
        except FileRefusedError as err:
            hint = err.hint
            if err.missing:
                hint = "Stien regnes fra den fil, der inkluderer." if at is not None else \
                    "Angiv en .regel-fil eller en mappe med .regel-filer."
            diags.append(dg.error(err.code, err.message, at, hint))
            return
        key = adm.real
        if key in stack:
            chain = " → ".join(q.name for q in stack[stack.index(key):] + [key])
            diags.append(dg.error("E012", f"Filer inkluderer hinanden i ring: {chain}.", at,
                                  "Fjern en af «inkluder»/«brug»-linjerne."))
            return
        if str(key) in sources:
            return  # included twice along different paths: merge once
        src, program, fdiags = reader.read(adm)
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
                if not stack:
                    name = st.name
            else:
                statements.append(st)

    visit(path, [], None, str(path))
    diags.extend(_lookalikes(list(sources.values())))
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
    digests = tuple(sorted((src.path, src.sha256) for src in sources.values()))
    return replace(module, source_hash=h.hexdigest(), source_digests=digests), diags


def _path_problem(p: Path) -> str | None:
    """Why a command-line path cannot be used, or None."""
    try:
        os.stat(p)
    except ValueError:
        return "findes ikke"
    except OSError as err:
        return "er en løkke af genveje (symbolske links)" if err.errno == errno.ELOOP else "findes ikke"
    return None


def load(paths: list[str | Path]) -> tuple[list[ir.Module], list[dg.Diagnostic]]:
    # Parsing and lowering allocate millions of small objects without
    # cycles, and each collection walks all of them: with the collector on,
    # a 20.000-row file took 24 s to load instead of 9 s.
    was = gc.isenabled()
    gc.disable()
    try:
        return _load(paths)
    finally:
        if was:
            gc.enable()


def _load(paths: list[str | Path]) -> tuple[list[ir.Module], list[dg.Diagnostic]]:
    reader = _Reader()
    modules: list[ir.Module] = []
    diags: list[dg.Diagnostic] = []
    bad = {p: why for p in map(Path, paths) if (why := _path_problem(p)) is not None}
    for p, why in bad.items():
        diags.append(dg.error("E011", f"Stien «{p}» {why}.", None,
                              "Angiv en .regel-fil eller en mappe med .regel-filer."))
    files = [(f, root) for f, root in discover_roots([p for p in paths if Path(p) not in bad])]
    if not files and not bad:
        diags.append(dg.error("E013", "Ingen .regel-filer fundet.", None,
                              f"Søgte i: {', '.join(map(str, paths)) or '(ingen stier)'}."))
    for f, root in files:
        m, d = load_module(f, reader, root)
        diags.extend(d)
        if m is not None:
            modules.append(m)
    diags.extend(_collisions(modules))
    return modules, _dedupe(diags)


def _collisions(modules: list[ir.Module]) -> list[dg.Diagnostic]:
    """Modules that would overwrite each other in generated/: the same module
    name, the same file after name normalisation (`æble` and `aeble` both become
    aeble.py), or the same decision (`regel eval` finds decisions by name)."""
    out: list[dg.Diagnostic] = []
    names: dict[str, ir.Module] = {}
    files: dict[str, ir.Module] = {}
    decisions: dict[str, ir.Module] = {}
    for m in modules:
        if m.name in names:
            out.append(dg.error("E101", f"To filer definerer modulet «{m.name}»: {names[m.name].path} og {m.path}.",
                                None))
            continue
        names[m.name] = m
        filename = module_filename(m.name)
        other = files.setdefault(filename, m)
        if other is not m:
            out.append(dg.error(
                "E016", f"Modulerne «{other.name}» ({other.path}) og «{m.name}» ({m.path}) bliver begge til "
                        f"filen {filename}; det ene ville overskrive det andet.", None,
                "Giv et af modulerne et andet navn (omdøb filen eller skriv «modul …» øverst)."))
        for dname, d in m.decisions.items():
            first = decisions.setdefault(dname, m)
            if first is not m:
                out.append(dg.error(
                    "E017", f"Beslutningen «{dname}» findes både i modulet «{first.name}» ({first.path}) og i "
                            f"modulet «{m.name}» ({m.path}).", d.span,
                    "«regel eval» finder en beslutning ved navn blandt alle genererede moduler; giv den ene "
                    "beslutning et andet navn."))
    return out


# A name: a letter, then letters, digits or `_`; strings and comments are skipped.
_WORDS = re.compile(r'"""[\s\S]*?"""|"[^"\r\n]*"|#[^\r\n]*|([^\W\d]\w*)')


def _lookalikes(files: list[SourceFile]) -> list[dg.Diagnostic]:
    """W018 for names that are written differently but equal under NFKC
    (`ﬁx` with a ligature and `fix`, fullwidth `Ｔ` and `T`): on screen they look
    the same, to regel they are different names."""
    odd = [f for f in files if not unicodedata.is_normalized("NFKC", f.text)]
    if not odd:  # the common case: no compatibility characters anywhere
        return []
    spellings: dict[str, dict[str, Span]] = {}
    for f in files:
        for m in _WORDS.finditer(f.text):
            word = m.group(1)
            if word:
                spellings.setdefault(unicodedata.normalize("NFKC", word), {}).setdefault(
                    word, Span(f, m.start(1), m.end(1)))
    out = []
    for group in spellings.values():
        if len(group) < 2:
            continue
        (first, _), *rest = group.items()
        for word, span in rest:
            out.append(dg.warning("W018", f"Navnet «{word}» ligner «{first}», men er skrevet med andre tegn; "
                                          "regel ser dem som to forskellige navne.", span,
                                  "Skriv navnet med almindelige bogstaver (fx ingen ligaturer som «ﬁ» eller "
                                  "fuldbredde-tegn som «Ｔ»)."))
    return out


def _dedupe(diags: list[dg.Diagnostic]) -> list[dg.Diagnostic]:
    seen, out = set(), []
    for d in diags:
        key = (d.code, d.message, d.span.path if d.span else None, d.span.start if d.span else None)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
