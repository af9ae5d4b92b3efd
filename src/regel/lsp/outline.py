"""Document symbols: the outline of one file (tables with their versions, decisions,
and the declarations an editor looks for: types, fields, values, examples)."""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types as lsp

from ..syntax import ast
from .hover import declared_type
from .index import name_span

Ranger = Callable[[int, int], lsp.Range]


def _end(span) -> int:
    return span.start + len(span.text.rstrip())


def outline(program: ast.Program, rng: Ranger) -> list[lsp.DocumentSymbol]:
    out: list[lsp.DocumentSymbol] = []

    def sym(name: str, kind: lsp.SymbolKind, node, sel, detail: str | None = None, children=None) -> lsp.DocumentSymbol:
        return lsp.DocumentSymbol(name=name, kind=kind, range=rng(node.span.start, _end(node.span)),
                                selection_range=rng(sel.start, sel.end), detail=detail, children=children)

    for st in program.statements:
        if isinstance(st, ast.TableDecl):
            versions = [sym(f"version «{v.label}»" if v.label else "version", lsp.SymbolKind.Namespace, v, v.span,
                            detail=f"{len(v.grid.rows)} regler")
                        for v in st.versions if v.label is not None or len(st.versions) > 1]
            at = st.name_span or name_span(st.span, st.name, len("tabel"))
            out.append(sym(st.name, lsp.SymbolKind.Struct, st, at, st.title, versions or None))
        elif isinstance(st, ast.DecisionDecl):
            out.append(sym(st.name, lsp.SymbolKind.Function, st, name_span(st.span, st.name, len("beslutning")),
                           st.title))
        elif isinstance(st, ast.TypeDecl):
            out.append(sym(st.name, lsp.SymbolKind.Enum if st.enum is not None else lsp.SymbolKind.Class, st,
                           name_span(st.span, st.name, len("type"))))
        elif isinstance(st, ast.FieldDecl):
            out.append(sym(st.name, lsp.SymbolKind.Field, st, name_span(st.span, st.name, len("felt")),
                           declared_type(st.type)))
        elif isinstance(st, ast.ValueDecl):
            out.append(sym(st.name, lsp.SymbolKind.Constant, st, name_span(st.span, st.name, len("værdi"))))
        elif isinstance(st, ast.ExampleDecl):
            out.append(sym(st.title or "eksempel", lsp.SymbolKind.Event, st, st.span, st.decision))
    return out
