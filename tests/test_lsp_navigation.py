"""Hover, go-to-definition and find references through a real LSP client, across the
fixture module and the fragment it includes."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient
from test_lsp_support import MODULE, client_fixture, close_file, diagnostics, open_file, pos, uri

client = client_fixture()
pytestmark = pytest.mark.asyncio(loop_scope="module")

HOVED = MODULE / "hoved.regel"
SATSER = MODULE / "_satser.regel"
H_TEXT = HOVED.read_text(encoding="utf-8")
S_TEXT = SATSER.read_text(encoding="utf-8")


async def _open_both(client: LanguageClient) -> tuple[str, str]:
    h, s = open_file(client, HOVED), open_file(client, SATSER)
    await diagnostics(client, h)
    await diagnostics(client, s)
    return h, s


async def hover(client: LanguageClient, u: str, p: lsp.Position) -> str:
    got = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(u), p))
    assert got is not None, f"intet svar ved {p}"
    assert isinstance(got.contents, lsp.MarkupContent) and got.contents.kind == lsp.MarkupKind.Markdown
    return got.contents.value


async def test_hover(client: LanguageClient):
    h, s = await _open_both(client)
    # A field (from a grid header in the fragment): type with its domain, label.
    text = await hover(client, s, pos(S_TEXT, "målgruppe", 0, 2))
    assert "**felt** `målgruppe`: Målgruppe (en af: forsørger, ikke_forsørger, ung)" in text
    assert "«Borgerens målgruppe»" in text
    # A field with bounds and a default.
    text = await hover(client, h, pos(H_TEXT, "felt alder", 0, 6))
    assert "heltal" in text and "130" in text and "standard: 40" in text and "«Alder på dagen for forseelsen»" in text
    # ... shown as declared, not as a range over its own domain (walkthrough: «heltal -»).
    assert "**felt** `alder`: heltal fra 0 til 130\n" in text
    text = await hover(client, h, pos(H_TEXT, "felt dage", 0, 6))
    assert "**felt** `dage`: heltal fra 1\n" in text
    # A type and an enum value (its label) in a condition cell.
    text = await hover(client, h, pos(H_TEXT, "Målgruppe", 1))
    assert "**type** `Målgruppe` er en af" in text and "- `ung` — Under 25 år" in text
    text = await hover(client, s, pos(S_TEXT, "| ung", 0, 3))
    assert "**værdi** `ung` af typen `Målgruppe`" in text and "«Under 25 år»" in text
    # A table: title, policy, citation, versions with their periods.
    text = await hover(client, s, pos(S_TEXT, "tabel Sats", 0, 7))
    assert "**tabel** `Sats` — Sats pr. dag" in text and "politik: unik" in text and "hjemmel: LAS § 69 c" in text
    assert "«2024»: 2024-01-01 – 2024-12-31, 4 regler" in text
    # A rule's row: its citation, outputs and whether examples cover it.
    text = await hover(client, s, pos(S_TEXT, "756 kr", 0, 1))
    assert "**regel** `f` i tabel `Sats` (version «2024»), række 1" in text
    assert "hjemmel: LAS § 69 c" in text and "`sats` = 756 kr" in text and "dækket af 1 eksempel" in text
    text = await hover(client, s, pos(S_TEXT, "177 kr", 0, 1))
    assert "**regel** `u`" in text and "ingen eksempler rammer reglen" in text
    # A name in an expression: its definition.
    text = await hover(client, h, pos(H_TEXT, "sats * dage", 0, 1))
    assert "**resultat** `sats`: beløb — fra tabel `Sats`" in text and "_satser.regel, linje 7" in text
    text = await hover(client, h, pos(H_TEXT, "sats * dage", 0, 8))
    assert "**felt** `dage`" in text and "standard: 1" in text
    text = await hover(client, h, pos(H_TEXT, "= samlet", 0, 3))
    assert "**værdi** `samlet`: beløb" in text and "«Det samlede fradrag»" in text
    # An included file.
    text = await hover(client, h, pos(H_TEXT, "inkluder", 0, 2))
    assert "**fil** `_satser.regel`" in text
    got = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(h),
                                                                 pos(H_TEXT, "inkluder", 0, 2)))
    line = pos(H_TEXT, "inkluder").line  # the line, not the blank line after it
    assert got.range == lsp.Range(lsp.Position(line, 0), lsp.Position(line, len('inkluder "_satser.regel"')))
    close_file(client, h)
    close_file(client, s)


async def definition(client: LanguageClient, u: str, p: lsp.Position) -> list[tuple[str, int]]:
    got = await client.text_document_definition_async(lsp.DefinitionParams(lsp.TextDocumentIdentifier(u), p))
    assert isinstance(got, list)
    return [(loc.uri, loc.range.start.line) for loc in got]


async def test_definition(client: LanguageClient):
    h, s = await _open_both(client)
    at = H_TEXT.splitlines()
    felt_maal = next(i for i, t in enumerate(at) if t.startswith("felt målgruppe"))
    type_line = next(i for i, t in enumerate(at) if t.startswith("type Målgruppe"))
    value_line = next(i for i, t in enumerate(at) if t.startswith("værdi samlet"))
    # A field, from the fragment's header to the module.
    assert await definition(client, s, pos(S_TEXT, "målgruppe", 0, 2)) == [(h, felt_maal)]
    # A result column, from an expression in the module to the fragment's header.
    assert await definition(client, h, pos(H_TEXT, "sats * dage", 0, 1)) == [(s, 6)]
    # A type, an enum value in a cell, a value, a table.
    assert await definition(client, h, pos(H_TEXT, "Målgruppe", 1, 1)) == [(h, type_line)]
    assert await definition(client, s, pos(S_TEXT, "| ung", 0, 3)) == [(h, type_line)]
    assert await definition(client, h, pos(H_TEXT, "= samlet", 0, 3)) == [(h, value_line)]
    assert await definition(client, h, pos(H_TEXT, "hjemmel(Sats)", 0, 9)) == [(s, 1)]
    # An included file.
    assert await definition(client, h, pos(H_TEXT, '"_satser.regel"', 0, 3)) == [(uri(SATSER), 0)]
    close_file(client, h)
    close_file(client, s)


async def references(client: LanguageClient, u: str, p: lsp.Position, decl: bool = True) -> list[tuple[str, int]]:
    got = await client.text_document_references_async(lsp.ReferenceParams(
        text_document=lsp.TextDocumentIdentifier(u), position=p,
        context=lsp.ReferenceContext(include_declaration=decl)))
    assert got is not None
    return sorted((loc.uri, loc.range.start.line) for loc in got)


async def test_references(client: LanguageClient):
    h, s = await _open_both(client)
    at = H_TEXT.splitlines()

    def line(prefix: str) -> int:
        return next(i for i, t in enumerate(at) if t.lstrip().startswith(prefix))

    # A field: its declaration, the example that gives it, the fragment's header.
    assert await references(client, s, pos(S_TEXT, "målgruppe", 0, 2)) == sorted(
        [(h, line("felt målgruppe")), (h, line("givet")), (s, 6)])
    assert await references(client, s, pos(S_TEXT, "målgruppe", 0, 2), decl=False) == sorted(
        [(h, line("givet")), (s, 6)])
    # An enum value: the declaration and the two cells.
    assert await references(client, h, pos(H_TEXT, ", ung", 0, 3)) == sorted(
        [(h, line("type Målgruppe")), (s, 9), (s, 10)])
    # A result column, a table, a value.
    assert await references(client, s, pos(S_TEXT, "sats ", 0, 1)) == sorted(
        [(s, 6), (h, line("værdi samlet")), (h, line("sats")), (h, line("forvent"))])
    assert await references(client, s, pos(S_TEXT, "tabel Sats", 0, 7)) == sorted([(s, 1), (h, line("hjemmel ="))])
    assert await references(client, h, pos(H_TEXT, "= samlet", 0, 3)) == sorted(
        [(h, line("værdi samlet")), (h, line("beløb = samlet"))])
    # An included file: the lines that include it.
    assert await references(client, h, pos(H_TEXT, "inkluder", 0, 1)) == [(h, line("inkluder"))]
    close_file(client, h)
    close_file(client, s)
