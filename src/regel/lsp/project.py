"""The files an editor works on, checked the way `regel check` checks them.

`Project` keeps the editor's unsaved texts (they win over the files on disk),
loads each module with the loader of `regel check` (`model.load_module`, with a
reader that takes an open buffer's text instead of the file's) and checks it
with `checks.check_module` under one time budget per round. A fragment (a
`_*.regel` file, or any file another module includes) is checked through the
modules that include it; one nobody includes is only parsed.

Nothing here imports pygls: the server (server.py) runs `Project.analyse` in a
worker thread and publishes what it returns.
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import diagnostics as dg
from ..checks import DEFAULT_MEMORY_MB, Budget, check_module
from ..model import ir
from ..model.loader import _dedupe, _Reader, load_module
from ..source import Admitted, SourceFile, Span, decode
from ..syntax import ast, parse

# A round of checks after an edit gets this much time (seconds) before the analyses
# stop with W207; the editor gets an answer quickly either way.
DEFAULT_TIME_LIMIT = 0.25
# How many module files near a fragment are looked at to find the modules that include it.
MAX_CANDIDATES = 200


def real(path: str | Path) -> Path:
    return Path(os.path.realpath(path))


def is_fragment(path: Path) -> bool:
    return path.name.startswith("_")


@dataclass
class FileState:
    """One file as last read: its text (decoded as the loader decodes it) and syntax tree."""

    source: SourceFile
    program: ast.Program | None


@dataclass
class ModuleState:
    """The last check of one module (or of a lone fragment, `standalone`)."""

    path: Path
    files: dict[Path, FileState]  # every file read, by real path; the module first
    module: ir.Module | None
    diagnostics: list[dg.Diagnostic]
    standalone: bool = False
    seconds: float = 0.0


@dataclass
class Project:
    root: Path | None = None  # the workspace folder: bounds the search for including modules
    time_limit: float = DEFAULT_TIME_LIMIT
    memory_mb: float = DEFAULT_MEMORY_MB
    overlay: dict[Path, str] = field(default_factory=dict)  # real path -> the editor's text
    versions: dict[Path, int | None] = field(default_factory=dict)  # real path -> the editor's version
    # The versions the last round read (taken before it reads any text: never newer than it).
    checked_versions: dict[Path, int | None] = field(default_factory=dict)
    modules: dict[Path, ModuleState] = field(default_factory=dict)
    _parsed: dict[str, tuple[bytes, tuple]] = field(default_factory=dict)
    # The last good model of each module: hovers still know types while a file has an error.
    last_good: dict[Path, ir.Module] = field(default_factory=dict)

    # ---- buffers ---------------------------------------------------------------------------
    def set_text(self, path: Path, text: str, version: int | None = None) -> None:
        self.overlay[real(path)] = text
        self.versions[real(path)] = version

    def drop_text(self, path: Path) -> None:
        self.overlay.pop(real(path), None)
        self.versions.pop(real(path), None)

    def version(self, path: Path) -> int | None:
        """The editor's version of the text the diagnostics of `path` were computed from (None
        for a file read from disk)."""
        path = real(path)
        return self.checked_versions.get(path) if path in self.overlay else None

    # ---- which modules a file belongs to -----------------------------------------------------
    def owners(self, path: Path) -> list[Path]:
        """The module files whose last load read `path` (itself first when it is a module)."""
        path = real(path)
        out = [path] if not is_fragment(path) and path.exists() else []
        out += [m for m, st in self.modules.items() if not st.standalone and m != path and path in st.files]
        return out

    def _candidates(self, path: Path) -> list[Path]:
        """Module files in the folder of `path` and the folders above it, up to the workspace."""
        folders = [path.parent]
        if self.root is not None and path.is_relative_to(self.root):
            folders += [p for p in path.parent.parents if p.is_relative_to(self.root)]
        out: list[Path] = []
        for folder in folders:
            try:
                out += sorted(real(p) for p in folder.glob("*.regel") if not is_fragment(p) and p.is_file())
            except OSError:
                continue
            if len(out) >= MAX_CANDIDATES:
                break
        return out[:MAX_CANDIDATES]

    # ---- checking -------------------------------------------------------------------------
    def analyse(self, changed: list[Path]) -> set[Path]:
        """Reload and check every module `changed` files belong to (a file no loaded module
        reads makes the modules near it load first). Returns every file whose diagnostics
        may differ now: publish `diagnostics(f)` for each."""
        changed = [real(p) for p in changed]
        self.checked_versions.update(self.versions)
        before = {f for st in self.modules.values() for f in st.files}
        targets: list[Path] = []
        lone: list[Path] = []
        for p in changed:
            own = self.owners(p)
            if not own:
                for cand in self._candidates(p):
                    if cand not in self.modules:
                        self.modules[cand] = self._load(cand)
                own = self.owners(p)
            if own:
                if p in self.modules and self.modules[p].standalone:
                    del self.modules[p]  # a fragment someone includes now: checked through them
                targets += [m for m in own if m not in targets]
            else:
                lone.append(p)
        loaded = [self._load(m) for m in targets]
        # One budget for the checks of the round, made after loading (as `regel check` does):
        # the first round parses every file, and that is not the analyses' time.
        budget = Budget(self.time_limit, self.memory_mb)
        for st in loaded:
            self.modules[st.path] = self._check(st, budget)
        for p in lone:
            self.modules[p] = self._parse_alone(p)
        after = {f for m in targets + lone for f in self.modules[m].files}
        return set(changed) | after | (before - {f for st in self.modules.values() for f in st.files})

    def _check(self, st: ModuleState, budget: Budget) -> ModuleState:
        if st.module is None:
            return st
        start = time.perf_counter()
        diags = st.diagnostics + check_module(st.module, budget=budget)
        return replace(st, diagnostics=_dedupe(diags), seconds=st.seconds + time.perf_counter() - start)

    def _load(self, path: Path) -> ModuleState:
        start = time.perf_counter()
        reader = _OverlayReader(self)
        was = gc.isenabled()
        gc.disable()  # as model.load: parsing and lowering make millions of acyclic objects
        try:
            module, diags = load_module(path, reader)
        finally:
            if was:
                gc.enable()
        files = {p: FileState(src, program) for p, (src, program, _d) in
                 ((real(k), v) for k, v in reader.cache.items()) if src is not None}
        if path in files:  # the module first
            files = {path: files[path]} | files
        if module is not None:
            self.last_good[path] = module
        return ModuleState(path, files, module, _dedupe(diags), seconds=time.perf_counter() - start)

    def _parse_alone(self, path: Path) -> ModuleState:
        text = self.overlay.get(path)
        if text is None:
            try:
                data = path.read_bytes()
            except OSError:
                data = b""
        else:
            data = text.encode("utf-8")
        src, problem = decode(str(path), data)
        program, diags = parse(src)
        if problem:
            diags = [dg.error("E009", f"{problem[:1].upper()}{problem[1:]}.", Span(src, 0, 0),
                              "Gem filen som UTF-8."), *diags]
        first = src.text.split("\n", 1)[0].rstrip("\r")
        if not path.exists():
            why = ("Filen er ikke gemt endnu; kun syntaksen tjekkes.",
                   "Gem den (som et modul, eller som et fragment et modul inkluderer) for at få hele tjekket.")
        else:
            why = ("Filen inkluderes ikke af noget modul; kun syntaksen tjekkes.",
                   f"Inkluder den fra et modul (inkluder \"{path.name}\") i samme mappe eller en mappe over den "
                   "for at få hele tjekket; et fragment (en fil, hvis navn begynder med _) tjekkes gennem sit modul.")
        note = dg.Diagnostic(dg.Severity.NOTE, "", why[0], Span(src, 0, len(first)), why[1])
        return ModuleState(path, {path: FileState(src, program)}, None, [note, *diags], standalone=True)

    # ---- results ------------------------------------------------------------------------------
    def diagnostics(self, path: Path) -> list[dg.Diagnostic]:
        """Every finding in `path` from every module that reads it (a finding without a
        place belongs to its module file)."""
        path = real(path)
        out: list[dg.Diagnostic] = []
        seen: set[tuple] = set()
        for m, st in self.modules.items():
            if path not in st.files:
                continue
            for d in st.diagnostics:
                where = real(d.span.path) if d.span is not None else m
                if where != path:
                    continue
                key = (d.code, d.message, d.span.start if d.span else None)
                if key not in seen:
                    seen.add(key)
                    out.append(d)
        return sorted(out, key=lambda d: d.span.start if d.span else -1)

    def state_of(self, path: Path) -> tuple[ModuleState | None, FileState | None]:
        """The module state to answer questions about `path` with (its own module when it
        is one, else the first module that includes it), and the file's state there."""
        path = real(path)
        states = [self.modules[m] for m in ([path] if path in self.modules else []) + self.owners(path)
                  if m in self.modules]
        for st in states:
            if path in st.files:
                return st, st.files[path]
        return None, None

    def model_of(self, st: ModuleState | None) -> ir.Module | None:
        if st is None:
            return None
        return st.module or self.last_good.get(st.path)


class _OverlayReader(_Reader):
    """The loader's reader, with open buffers instead of files and parses kept between rounds
    (only the edited file is parsed again)."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project

    def _read(self, adm: Admitted):
        text = self.project.overlay.get(real(adm.real))
        if text is None:
            return super()._read(adm)
        return self.parse(adm, text.encode("utf-8"))

    def parse(self, adm: Admitted, data: bytes):
        key = str(adm.path)
        digest = hashlib.blake2b(data, digest_size=16).digest()
        hit = self.project._parsed.get(key)
        if hit is not None and hit[0] == digest:
            return hit[1]
        out = super().parse(adm, data)
        self.project._parsed[key] = (digest, out)
        return out
