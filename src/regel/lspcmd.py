"""`regel lsp`: start the language server on standard input/output (docs/lsp.md)."""

from __future__ import annotations


def add_parser(sub) -> None:
    sp = sub.add_parser("lsp", help="start sprogserveren (Language Server Protocol) til editorer, over stdio")
    sp.add_argument("--stdio", action="store_true", help="tal over standard input/output (standard; for editorer)")
    sp.set_defaults(func=cmd_lsp)


def cmd_lsp(args) -> int:
    from .cli import UsageError

    try:
        from .lsp.server import serve
    except ImportError as err:  # pygls is an extra: say how to get it
        raise UsageError(f"sprogserveren kræver pygls ({err.name}); installér med: pip install 'regel[lsp]'") from err
    return serve()
