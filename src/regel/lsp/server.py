"""`regel lsp`: the Language Server Protocol server over stdio, on pygls.

The event loop only answers requests and schedules work; loading and checking
(`Project.analyse`), formatting and running examples happen on one worker
thread, so an editor is never frozen and rounds never overlap. A change waits
`forsinkelse` seconds (debounce) for the next keystroke, then one round checks
every module the file belongs to under the `tidsgrænse` budget; a table whose
analysis does not finish in time gets the checker's own W207.

Settings (initializationOptions, or `regel` in workspace/didChangeConfiguration):
`tidsgrænse` (seconds per round, default 0.25), `hukommelse` (MB per table,
default 2048), `forsinkelse` (seconds of debounce, default 0.05). A value that is not
a number in range gets a warning (window/showMessage) and the default.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from .. import diagnostics as dg
from ..checks import DEFAULT_MEMORY_MB
from ..fmt import FormatFejl, format_source
from ..syntax import ast
from . import actions as act
from . import complete as comp
from . import hover as hov
from . import index as ix
from .outline import outline
from .positions import Lines
from .project import DEFAULT_TIME_LIMIT, Project, real

log = logging.getLogger(__name__)

DEFAULT_DEBOUNCE = 0.05
_SEVERITY = {dg.Severity.ERROR: lsp.DiagnosticSeverity.Error, dg.Severity.WARNING: lsp.DiagnosticSeverity.Warning,
             dg.Severity.NOTE: lsp.DiagnosticSeverity.Information}
_ITEM_KIND = {"keyword": lsp.CompletionItemKind.Keyword, "field": lsp.CompletionItemKind.Field,
              "value": lsp.CompletionItemKind.Constant, "result": lsp.CompletionItemKind.Value,
              "table": lsp.CompletionItemKind.Struct, "type": lsp.CompletionItemKind.Class,
              "enum": lsp.CompletionItemKind.EnumMember, "function": lsp.CompletionItemKind.Function,
              "snippet": lsp.CompletionItemKind.Snippet}


# The settings (key, attribute, on the project or the server, default, may it be 0?).
SETTINGS = (("tidsgrænse", "time_limit", "project", DEFAULT_TIME_LIMIT, False),
            ("hukommelse", "memory_mb", "project", DEFAULT_MEMORY_MB, False),
            ("forsinkelse", "debounce", "server", DEFAULT_DEBOUNCE, True))
_UNIT = {"tidsgrænse": "sekunder", "hukommelse": "MB", "forsinkelse": "sekunder"}


def _number(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _explain(key: str, zero_ok: bool) -> str:
    return f"skal være et tal {'0 eller derover' if zero_ok else 'over 0'}, i {_UNIT[key]}"


# `regel check`'s W207 tells the terminal user which option gives more; in the editor it is a setting.
_EDITOR_HINTS = (("med --tidsgrænse", "med indstillingen regel.tidsgrænse"),
                 ("med --hukommelse", "med indstillingen regel.hukommelse"))


def editor_hint(d: dg.Diagnostic) -> str | None:
    hint = d.hint
    if hint and d.code == "W207":
        for cli, editor in _EDITOR_HINTS:
            hint = hint.replace(cli, editor)
    return hint


class RegelServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("regel", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.project = Project()
        self.debounce = DEFAULT_DEBOUNCE
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="regel-tjek")
        self.indexes: dict[Path, ix.Index] = {}
        self._pending: set[Path] = set()
        self._timer: asyncio.Task | None = None
        self._lines: dict[int, tuple[str, Lines]] = {}

    # ---- settings ---------------------------------------------------------------------------
    def configure(self, options: object) -> None:
        """Take the settings that are given; a value that is not a number in range is not
        ignored in silence: the editor shows a warning and the default is used."""
        if not isinstance(options, dict):
            return
        options = options.get("regel", options)
        if not isinstance(options, dict):
            return
        bad: list[str] = []
        for key, attr, target, default, zero_ok in SETTINGS:
            target = self.project if target == "project" else self
            if key not in options or options[key] is None:
                continue
            value = options[key]
            if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
                    and (value > 0 or (zero_ok and value == 0)):
                setattr(target, attr, float(value))
            else:
                setattr(target, attr, float(default))
                bad.append(f"«{key}» = {json.dumps(value, ensure_ascii=False)} ({_explain(key, zero_ok)}; "
                           f"standarden {_number(default)} bruges)")
        if bad:
            self.window_show_message(lsp.ShowMessageParams(
                lsp.MessageType.Warning, "Regel: ugyldig indstilling " + "; ".join(bad) + "."))

    # ---- positions ---------------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        enc = self.workspace.position_encoding
        return str(getattr(enc, "value", enc) or "utf-16")

    def lines(self, text: str) -> Lines:
        hit = self._lines.get(id(text))
        if hit is not None and hit[0] is text:
            return hit[1]
        if len(self._lines) > 64:
            self._lines.clear()
        out = Lines(text, self.encoding)
        self._lines[id(text)] = (text, out)
        return out

    def range_of(self, text: str, start: int, end: int) -> lsp.Range:
        lines = self.lines(text)
        a, b = lines.position(start), lines.position(end)
        return lsp.Range(lsp.Position(*a), lsp.Position(*b))

    def location(self, text: str, path: Path | str, start: int, end: int) -> lsp.Location:
        return lsp.Location(from_fs_path(str(path)), self.range_of(text, start, end))

    # ---- diagnostics ---------------------------------------------------------------------------
    def schedule(self, path: Path, delay: float | None = None) -> None:
        self._pending.add(path)
        if self._timer is not None and not self._timer.done():
            self._timer.cancel()
        self._timer = asyncio.get_running_loop().create_task(self._round(self.debounce if delay is None else delay))

    async def _round(self, delay: float) -> None:
        await asyncio.sleep(delay)
        paths, self._pending = sorted(self._pending), set()
        loop = asyncio.get_running_loop()
        try:
            affected = await loop.run_in_executor(self.worker, self._analyse, paths)
        except Exception:  # noqa: BLE001 - a crash in one round must not stop the server
            log.exception("regel: tjekket fejlede")
            return
        for path in sorted(affected):
            self.publish(path)
        # The index (names and where they are written) after the diagnostics: it lexes the
        # changed files once more, and the editor waits for the diagnostics, not for it.
        await loop.run_in_executor(self.worker, self._reindex, affected)

    def _analyse(self, paths: list[Path]) -> set[Path]:
        return self.project.analyse(paths)

    def _reindex(self, affected: set[Path]) -> None:
        for m, st in list(self.project.modules.items()):
            if any(p in st.files for p in affected) or m not in self.indexes:
                self.indexes[m] = ix.build(st)

    def convert(self, d: dg.Diagnostic) -> lsp.Diagnostic:
        if d.span is not None:  # without the line break and indentation a span may end with
            end = max(d.span.start, d.span.start + len(d.span.text.rstrip()))
            rng = self.range_of(d.span.file.text, d.span.start, end)
        else:
            rng = lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
        hint = editor_hint(d)
        message = d.message + (f"\n{hint}" if hint else "")
        related = [lsp.DiagnosticRelatedInformation(self.location(lb.span.file.text, real(lb.span.path),
                                                                lb.span.start, lb.span.end), lb.message)
                   for lb in d.labels]
        return lsp.Diagnostic(rng, message, severity=_SEVERITY[d.severity], code=d.code or None, source="regel",
                            related_information=related or None)

    def publish(self, path: Path) -> None:
        diags = self.project.diagnostics(path)
        out = [self.convert(d) for d in diags]
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(from_fs_path(str(path)), out,
                                                                            self.project.version(path)))

    # ---- lookups ---------------------------------------------------------------------------------
    def context(self, uri: str):
        """(path, module state, file state, index, model) for a document, or Nones."""
        path = real(to_fs_path(uri) or uri)
        st, fs = self.project.state_of(path)
        idx = self.indexes.get(st.path) if st is not None else None
        return path, st, fs, idx, self.project.model_of(st)

    def offset(self, text: str, pos: lsp.Position) -> int:
        return self.lines(text).offset(pos.line, pos.character)


server = RegelServer()


def _fs(uri: str) -> Path:
    return real(to_fs_path(uri) or uri)


@server.feature(lsp.INITIALIZE)
def _initialize(ls: RegelServer, params: lsp.InitializeParams) -> None:
    ls.configure(params.initialization_options)
    root = params.root_uri or (params.workspace_folders[0].uri if params.workspace_folders else None)
    if root:
        ls.project.root = _fs(root)


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
def _configuration(ls: RegelServer, params: lsp.DidChangeConfigurationParams) -> None:
    ls.configure(params.settings)


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: RegelServer, params: lsp.DidOpenTextDocumentParams) -> None:
    path = _fs(params.text_document.uri)
    ls.project.set_text(path, params.text_document.text, params.text_document.version)
    ls.schedule(path, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: RegelServer, params: lsp.DidChangeTextDocumentParams) -> None:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    path = _fs(params.text_document.uri)
    ls.project.set_text(path, doc.source, params.text_document.version)
    ls.schedule(path)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def _did_save(ls: RegelServer, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.schedule(_fs(params.text_document.uri))


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: RegelServer, params: lsp.DidCloseTextDocumentParams) -> None:
    path = _fs(params.text_document.uri)
    ls.project.drop_text(path)  # the file on disk counts again
    ls.schedule(path)


async def _on_worker(ls: RegelServer, fn, *args):
    """Run a lookup on the worker thread: after the round and the index it may wait for, and
    off the event loop (a row's hover runs the module's examples)."""
    return await asyncio.get_running_loop().run_in_executor(ls.worker, fn, ls, *args)


def _hover_now(ls: RegelServer, params: lsp.HoverParams) -> lsp.Hover | None:
    path, st, fs, idx, model = ls.context(params.text_document.uri)
    if fs is None or idx is None:
        return None
    text = fs.source.text
    found = hov.hover(idx, model, path, ls.offset(text, params.position), hov.coverage)
    if found is None:
        return None
    md, start, end = found
    return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, md), ls.range_of(text, start, end))


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
async def _hover(ls: RegelServer, params: lsp.HoverParams) -> lsp.Hover | None:
    return await _on_worker(ls, _hover_now, params)


def _definitions(ls: RegelServer, uri: str, position: lsp.Position) -> list[lsp.Location]:
    path, st, fs, idx, model = ls.context(uri)
    if fs is None or idx is None:
        return []
    offset = ls.offset(fs.source.text, position)
    inc = idx.include_at(path, offset)
    if inc is not None:
        return [lsp.Location(from_fs_path(str(inc.target)), lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)))] \
            if inc.target is not None else []
    word = idx.word_at(path, offset)
    if word is None:
        return []
    program = idx.programs.get(path)
    chain = ix.enclosing(program, offset) if program is not None else []
    prefer = "opremsningsværdi" if any(isinstance(n, ast.Row) for n in chain) else None
    return [ls.location(s.span.file.text, real(s.span.path), s.span.start, s.span.end)
            for s in idx.resolve(word[0], prefer)]


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
async def _definition(ls: RegelServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
    return await _on_worker(ls, _definitions, params.text_document.uri, params.position)


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
async def _references(ls: RegelServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
    return await _on_worker(ls, _references_now, params)


def _references_now(ls: RegelServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
    path, st, fs, idx, model = ls.context(params.text_document.uri)
    if fs is None or idx is None:
        return []
    offset = ls.offset(fs.source.text, params.position)
    indexes = [ls.indexes[m] for m, s in ls.project.modules.items() if path in s.files and m in ls.indexes]
    out: dict[tuple, lsp.Location] = {}
    inc = idx.include_at(path, offset)
    if inc is not None:  # an included file: every line that includes it
        for i in indexes:
            for f, incs in i.includes.items():
                for other in incs:
                    if other.target == inc.target:
                        out[(f, other.span.start)] = ls.location(other.span.file.text, f, other.span.start,
                                                                 other.span.end)
        return list(out.values())
    word = idx.word_at(path, offset)
    if word is None:
        return []
    defs = {(real(s.span.path), s.span.start) for s in idx.resolve(word[0])}
    for i in indexes:
        for f, s, e in i.references(word[0]):
            if not params.context.include_declaration and (f, s) in defs:
                continue
            out[(f, s)] = ls.location(i.sources[f].text, f, s, e)
    return sorted(out.values(), key=lambda loc: (loc.uri, loc.range.start.line, loc.range.start.character))


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=["|", " "]))
async def _completion(ls: RegelServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    return await _on_worker(ls, _completion_now, params)


def _completion_now(ls: RegelServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    path, st, fs, idx, model = ls.context(params.text_document.uri)
    doc = ls.workspace.get_text_document(params.text_document.uri)
    text = doc.source
    lines = ls.lines(text)
    offset = lines.offset(params.position.line, params.position.character)
    prefix = text[lines.starts[min(params.position.line, len(lines.starts) - 1)]:offset]
    items = comp.complete(text, params.position.line, prefix, idx or ix.Index(), model)
    start = offset - len(prefix) + comp.replaced_from(prefix)
    return lsp.CompletionList(is_incomplete=False, items=completion_items(
        items, ls.range_of(text, start, offset), snippets(ls.client_capabilities)))


def snippets(caps: lsp.ClientCapabilities | None) -> bool:
    """Does the client take snippets in completion items?"""
    td = caps.text_document if caps is not None else None
    item = td.completion.completion_item if td is not None and td.completion is not None else None
    return bool(item is not None and item.snippet_support)


def completion_items(items: list[comp.Item], where: lsp.Range, snippet_ok: bool) -> list[lsp.CompletionItem]:
    """Each item replaces the word being typed (`where`); a snippet is one only where the
    client takes snippets, else its plain text."""
    out = []
    for it in items:
        snippet = it.snippet if snippet_ok else None
        new = snippet or it.insert or it.label
        out.append(lsp.CompletionItem(
            it.label, kind=_ITEM_KIND.get(it.kind), detail=it.detail or None, text_edit=lsp.TextEdit(where, new),
            insert_text_format=lsp.InsertTextFormat.Snippet if snippet else lsp.InsertTextFormat.PlainText,
            filter_text=it.label))
    return out


@server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
async def _formatting(ls: RegelServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit] | None:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    text = doc.source
    loop = asyncio.get_running_loop()
    try:
        new = await loop.run_in_executor(ls.worker, format_source, text)
    except FormatFejl as err:
        ls.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Warning, str(err)))
        return None
    if new == text:
        return []
    return [lsp.TextEdit(ls.range_of(text, 0, len(text)), new)]


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def _symbols(ls: RegelServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
    path, st, fs, idx, model = ls.context(params.text_document.uri)
    if fs is None or fs.program is None:
        return []
    return outline(fs.program, lambda s, e: ls.range_of(fs.source.text, s, e))


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
async def _code_action(ls: RegelServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    return await _on_worker(ls, _code_action_now, params)  # a fix formats its table: off the event loop


def _code_action_now(ls: RegelServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    path, st, fs, idx, model = ls.context(params.text_document.uri)
    if fs is None:
        return []
    doc = ls.workspace.get_text_document(params.text_document.uri)
    text = fs.source.text
    if doc.source != text:  # not checked since the last keystroke: no fix on stale offsets
        return []
    lines = ls.lines(text)
    lo = lines.offset(params.range.start.line, params.range.start.character)
    hi = lines.offset(params.range.end.line, params.range.end.character)
    diags = [d for d in ls.project.diagnostics(path)
             if d.span is not None and d.span.start <= hi and lo <= max(d.span.end, d.span.start)]
    out = []
    for a in act.actions(diags, fs.program, fs.source):
        edits = [lsp.TextEdit(ls.range_of(text, s, e), new) for s, e, new in a.edits]
        out.append(lsp.CodeAction(a.title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[ls.convert(a.diagnostic)],
                                edit=lsp.WorkspaceEdit(changes={params.text_document.uri: edits}),
                                is_preferred=a.preferred or None))
    return out


def serve() -> int:
    """Talk LSP over standard input/output until the client says exit.

    The protocol gets its own copies of the descriptors (pygls closes them at exit), and
    anything else printed meanwhile goes to standard error, never into the protocol."""
    import os
    import sys

    stdin = os.fdopen(os.dup(sys.stdin.fileno()), "rb")
    stdout = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    saved, sys.stdout = sys.stdout, sys.stderr
    try:
        server.start_io(stdin, stdout)
    finally:
        sys.stdout = saved
        server.worker.shutdown(wait=False, cancel_futures=True)
    return 0
