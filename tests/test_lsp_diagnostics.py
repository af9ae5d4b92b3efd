"""Diagnostics through a real LSP client: the same findings as `regel check`, on open and
on change, cleared when fixed, a fragment checked through the module that includes it,
and the checker's W207 when a round's time budget runs out."""

from __future__ import annotations

import asyncio
import shutil

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient
from test_lsp_support import MODULE, TABLES, change, client_fixture, close_file, diagnostics, open_file, uri

from regel.checks import check_module
from regel.model import load

client = client_fixture()
pytestmark = pytest.mark.asyncio(loop_scope="module")
GAP = "    | u2 | ung            | >= 25 || 569 kr |\n"


def check_like_cli(tmp_path, fragment_text: str):
    """What `regel check` says about the fixture module with the fragment's text replaced."""
    folder = tmp_path / "modul"
    shutil.copytree(MODULE, folder)
    (folder / "_satser.regel").write_text(fragment_text, encoding="utf-8")
    modules, diags = load([str(folder)])
    for m in modules:
        diags += check_module(m)
    return diags


async def test_a_change_that_makes_a_gap_and_the_fix_that_clears_it(client: LanguageClient, tmp_path):
    """Editing the fragment (while its module is open) reports the gap exactly as `regel
    check` does — code, message with the hint, severity and line — and the fix clears it."""
    open_file(client, MODULE / "hoved.regel")
    frag = MODULE / "_satser.regel"
    text = frag.read_text(encoding="utf-8")
    u = open_file(client, frag)
    assert list(await diagnostics(client, u)) == []

    broken = text.replace(GAP, "")
    change(client, u, broken)
    got = await diagnostics(client, u, lambda ds: len(ds) > 0)
    expected = [d for d in check_like_cli(tmp_path, broken)
                if d.span is not None and d.span.path.endswith("_satser.regel")]
    assert [(d.code, d.message + f"\n{d.hint}", d.span.line - 1) for d in expected] == \
        [(g.code, g.message, g.range.start.line) for g in got]
    (gap,) = got
    assert gap.code == "E201" and gap.severity == lsp.DiagnosticSeverity.Error and gap.source == "regel"
    assert gap.message.startswith("Ingen regel dækker: målgruppe = ung, alder = 25 (version «2024»)")
    assert gap.range.end.line == 9 and gap.range.end.character > 0  # the grid, not the blank after it

    change(client, u, text, version=3)
    assert list(await diagnostics(client, u)) == []
    close_file(client, u)
    close_file(client, uri(MODULE / "hoved.regel"))


async def test_a_fragment_is_checked_through_its_module(client: LanguageClient):
    """Only the fragment is open: its enum values are declared in hoved.regel, so a
    misspelt one can only be found through the module that includes it (with «mente du»)."""
    frag = MODULE / "_satser.regel"
    text = frag.read_text(encoding="utf-8")
    u = open_file(client, frag, text.replace("| forsørger      |", "| forsøger       |"))
    (d,) = await diagnostics(client, u, lambda ds: len(ds) > 0)
    assert d.code == "E104" and "forsøger" in d.message and "Mente du «forsørger»?" in d.message
    assert d.range.start.line == 7
    # The unsaved text wins over the file on disk, and the module itself is clean.
    assert list(await diagnostics(client, uri(MODULE / "hoved.regel"))) == []
    client.diagnostics.pop(u)
    close_file(client, u)  # the text on disk counts again
    assert list(await diagnostics(client, u)) == []


async def test_syntax_error_in_the_module_and_its_fix(client: LanguageClient):
    u = open_file(client, MODULE / "hoved.regel")
    text = (MODULE / "hoved.regel").read_text(encoding="utf-8")
    assert list(await diagnostics(client, u)) == []
    change(client, u, text.replace("felt dage: heltal", "felt dage: heltall"))
    (d,) = await diagnostics(client, u, lambda ds: len(ds) > 0)
    assert d.code == "E002" and "Mente du «heltal» i stedet for «heltall»?" in d.message
    change(client, u, text, version=3)
    assert list(await diagnostics(client, u)) == []
    close_file(client, u)


async def test_tables_are_clean_and_a_spent_budget_gives_w207(client: LanguageClient):
    """tables/ checks clean in the default budget; with (almost) no time per round every
    table reports the checker's W207 instead of the editor waiting."""
    u = open_file(client, TABLES / "sanktion.regel")
    frag = uri(TABLES / "_satser_rfy.regel")
    assert list(await diagnostics(client, u)) == []
    assert list(await diagnostics(client, frag)) == []
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"regel": {"tidsgrænse": 1e-9}}))
    text = (TABLES / "sanktion.regel").read_text(encoding="utf-8")
    change(client, u, text + "\n# en ændring\n")
    ds = await diagnostics(client, frag, lambda ds: any(d.code == "W207" for d in ds))
    assert all(d.code == "W207" and d.severity == lsp.DiagnosticSeverity.Warning for d in ds)
    assert "Dagssats" in " ".join(d.message for d in ds)
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"regel": {"tidsgrænse": 60}}))
    change(client, u, text, version=3)
    assert list(await diagnostics(client, frag, lambda ds: len(ds) == 0)) == []
    close_file(client, u)


async def test_w207_names_the_editor_setting_and_an_invalid_setting_warns(client: LanguageClient):
    """In the editor, W207 says which setting gives more time (not `regel check`'s option); a
    setting that is not a number («0,25» as text) gives a Danish warning and the default."""
    h, s = open_file(client, MODULE / "hoved.regel"), open_file(client, MODULE / "_satser.regel")
    assert list(await diagnostics(client, s)) == []
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"regel": {"tidsgrænse": 1e-9, "sti": "regel", "argumenter": []}}))
    text = (MODULE / "hoved.regel").read_text(encoding="utf-8")
    change(client, h, text + "\n# en ændring\n")
    (d,) = await diagnostics(client, s, lambda ds: any(d.code == "W207" for d in ds))
    assert "Giv analysen mere tid med indstillingen regel.tidsgrænse" in d.message
    assert "--tidsgrænse" not in d.message
    client.messages.clear()
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"regel": {"tidsgrænse": "0,25"}}))
    for _ in range(100):
        if client.messages:
            break
        await asyncio.sleep(0.1)
    (msg,) = client.messages
    assert msg.type == lsp.MessageType.Warning
    assert msg.message == ('Regel: ugyldig indstilling «tidsgrænse» = "0,25" (skal være et tal over 0, i sekunder; '
                           'standarden 0,25 bruges).')
    change(client, h, text, version=3)  # the default again, not the tiny budget: the table is proved
    assert list(await diagnostics(client, s, lambda ds: not any(d.code == "W207" for d in ds))) == []
    close_file(client, h)
    close_file(client, s)


async def test_diagnostics_carry_the_document_version(client: LanguageClient):
    """Each publication says which version of the document it was computed for."""
    features = client.protocol.fm.features
    method = "textDocument/publishDiagnostics"
    seen: list[lsp.PublishDiagnosticsParams] = []
    plain = features[method]

    def record(params):
        seen.append(params)
        return plain(params)

    u = uri(MODULE / "hoved.regel")
    text = (MODULE / "hoved.regel").read_text(encoding="utf-8")
    features[method] = record
    try:
        open_file(client, MODULE / "hoved.regel")
        await diagnostics(client, u)
        change(client, u, text.replace("felt dage: heltal", "felt dage: heltall"), version=7)
        await diagnostics(client, u, lambda ds: len(ds) > 0)
        change(client, u, text, version=8)
        await diagnostics(client, u, lambda ds: len(ds) == 0)
    finally:
        features[method] = plain
    # (a round of the test before may still publish first)
    first = next(i for i, p in enumerate(seen) if p.uri == u and p.version == 1)
    mine = [(p.version, len(p.diagnostics)) for p in seen[first:] if p.uri == u]
    assert mine[0] == (1, 0) and (7, 1) in mine and mine[-1] == (8, 0), mine
    assert all(p.version is None for p in seen[first:] if p.uri != u)  # the fragment is not open: from disk
    close_file(client, u)


async def test_a_file_no_module_includes_says_it_is_only_syntax_checked(client: LanguageClient, tmp_path):
    frag = tmp_path / "_ensom.regel"
    frag.write_text((MODULE / "_satser.regel").read_text(encoding="utf-8"), encoding="utf-8")
    u = open_file(client, frag)
    (d,) = await diagnostics(client, u, lambda ds: len(ds) > 0)
    assert d.severity == lsp.DiagnosticSeverity.Information and d.range.start.line == 0
    assert d.range.end.line == 0 and d.range.end.character > 0
    assert d.message.startswith("Filen inkluderes ikke af noget modul; kun syntaksen tjekkes.\n")
    close_file(client, u)
    # A new file that is not saved yet.
    u = open_file(client, tmp_path / "ny.regel", "modul ny\n\nfelt alder: heltal\n")
    (d,) = await diagnostics(client, u, lambda ds: len(ds) > 0)
    assert d.severity == lsp.DiagnosticSeverity.Information and d.range.start.line == 0
    assert d.message.startswith("Filen er ikke gemt endnu; kun syntaksen tjekkes.\n")
    close_file(client, u)
