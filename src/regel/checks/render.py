"""A plain-text rendering of diagnostics, for golden files and simple logs.

The CLI has its own rich rendering; this one is stable and dependency free:

    path:line:col: fejl[E201]: message
      hjælp: hint
      path:line:col: label message
"""

from __future__ import annotations

from .. import diagnostics as dg


def format_plain(diag: dg.Diagnostic, base: str | None = None) -> str:
    """The diagnostic as text; `base` is stripped from the front of paths."""

    def where(span) -> str:
        path = span.path
        if base and path.startswith(base):
            path = path[len(base):].lstrip("/\\")
        return f"{path}:{span.line}:{span.column}"

    head = f"{diag.severity.value}[{diag.code}]: {diag.message}"
    lines = [f"{where(diag.span)}: {head}" if diag.span is not None else head]
    if diag.hint:
        lines.append(f"  hjælp: {diag.hint}")
    for label in diag.labels:
        lines.append(f"  {where(label.span)}: {label.message}")
    return "\n".join(lines)
