"""Shared set-up of the language-server tests: a real LSP client (pytest-lsp) talking to
`python -m regel lsp` in a subprocess over stdio, and helpers to open files and wait for
diagnostics. The other test_lsp_*.py files import from here."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "lsp"
MODULE = FIXTURES / "modul"
TABLES = ROOT / "tables"

CONFIG = ClientServerConfig(server_command=[sys.executable, "-m", "regel", "lsp", "--stdio"])


async def _session(lsp_client: LanguageClient):
    """A client with an initialised session, its workspace the repository."""
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=ROOT.as_uri(),
        initialization_options={"forsinkelse": 0.05}))
    yield
    await lsp_client.shutdown_session()


def client_fixture():
    """The `client` fixture, for a test module to assign: `client = client_fixture()`. One
    server per test module (starting one costs seconds: lsprotocol is big); its tests run on
    the module's event loop (`pytestmark`) and close the files they open."""
    return pytest_lsp.fixture(config=CONFIG, name="client", scope="module")(_session)


client = client_fixture()


def uri(path: Path) -> str:
    return path.resolve().as_uri()


def open_file(client: LanguageClient, path: Path, text: str | None = None) -> str:
    text = path.read_text(encoding="utf-8") if text is None else text
    u = uri(path)
    client.diagnostics.pop(u, None)  # a wait sees the answer to this opening, not an older one
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(u, "regel", 1, text)))
    return u


def close_file(client: LanguageClient, u: str) -> None:
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(u)))


def change(client: LanguageClient, u: str, text: str, version: int = 2) -> None:
    """Replace the whole text of an open document (and forget its last diagnostics, so a
    wait sees the answer to this change)."""
    client.diagnostics.pop(u, None)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(version=version, uri=u),
        [lsp.TextDocumentContentChangeWholeDocument(text)]))


async def diagnostics(client: LanguageClient, u: str, pred=lambda ds: True, timeout: float = 30.0):
    """The diagnostics of `u` once a publication satisfies `pred`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        ds = client.diagnostics.get(u)
        if ds is not None and pred(ds):
            return ds
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise AssertionError(f"ingen diagnostik for {u} som ønsket; sidst: {ds}")
        try:
            await asyncio.wait_for(client.wait_for_notification("textDocument/publishDiagnostics"), remaining)
        except TimeoutError:
            pass


def pos(text: str, needle: str, nth: int = 0, delta: int = 0) -> lsp.Position:
    """The LSP position of the `nth` occurrence of `needle` in `text` (plus `delta` characters)."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += delta
    line = text.count("\n", 0, at)
    col = at - (text.rfind("\n", 0, at) + 1)
    return lsp.Position(line, col)


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply text edits (positions in UTF-16 units; the fixtures are in the BMP)."""
    lines = text.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)

    def off(p: lsp.Position) -> int:
        return starts[p.line] + p.character if p.line < len(starts) else len(text)

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:off(e.range.start)] + e.new_text + text[off(e.range.end):]
    return text


@pytest.mark.asyncio(loop_scope="module")
async def test_server_starts_and_answers_over_stdio(client: LanguageClient):
    """The server runs as `python -m regel lsp --stdio` and says what it can do."""
    u = open_file(client, MODULE / "hoved.regel")
    assert list(await diagnostics(client, u)) == []
    close_file(client, u)


def test_core_imports_without_pygls():
    """pygls is an extra: regel's core (and the server's pygls-free parts) never import it."""
    import subprocess

    code = ("import sys; import regel.cli, regel.checks, regel.fmt, regel.lsp.project, regel.lsp.index, "
            "regel.lsp.hover, regel.lsp.complete, regel.lsp.actions; "
            "assert not {'pygls', 'lsprotocol'} & set(sys.modules), sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)
