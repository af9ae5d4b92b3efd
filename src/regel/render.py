"""Rendering of Diagnostics: Rich (caret excerpts), GNU one-liners and JSON.

This and cli.py are the only modules that know how diagnostics look on screen.
"""

from __future__ import annotations

import json
import os

from rich.console import Console
from rich.text import Text

from .diagnostics import Diagnostic, Label, Severity
from .source import Span

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.NOTE: "bold cyan"}


def _rel(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return rel if not rel.startswith("..") else path


def location(span: Span | None) -> str:
    if span is None:
        return ""
    return f"{_rel(span.path)}:{span.line}:{span.column}"


def gnu(d: Diagnostic) -> str:
    """`file:line:col: severity: message [code]`, the format editors and CI annotate."""
    loc = location(d.span) or "regel"
    return f"{loc}: {d.severity.value}: {d.message} [{d.code}]"


def format_plain(diag: Diagnostic, base: str | None = None) -> str:
    """One line per place, stable and colourless, for golden files and logs:
    `path:line:col: fejl[E201]: message`, then `  hjælp: …` and the labels;
    `base` is stripped from the front of paths."""

    def where(span: Span) -> str:
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


def plain(d: Diagnostic) -> str:
    """A caret excerpt in plain text (also what golden tests compare)."""
    lines = [f"{d.severity.value}[{d.code}]: {d.message}"]
    if d.span is not None:
        lines += _excerpt(d.span, None)
    for lab in d.labels:
        lines += _excerpt(lab.span, lab.message)
    if d.hint:
        lines.append(f"   = hjælp: {d.hint}")
    return "\n".join(lines)


def _excerpt(span: Span, label: str | None) -> list[str]:
    line = span.line
    text = span.file.line_text(line).replace("\t", " ")
    end_line, end_col = span.end_line_col
    start_col = span.column
    stop = end_col if end_line == line else len(text) + 1
    width = max(1, min(stop, len(text) + 1) - start_col)
    gutter = " " * len(str(line))
    out = [f"{gutter}--> {location(span)}", f"{gutter} |", f"{line} | {text}"]
    marker = " " * (start_col - 1) + ("^" if label is None else "-") * width
    out.append(f"{gutter} | {marker}" + (f" {label}" if label else ""))
    return out


def to_json(d: Diagnostic) -> dict:
    out: dict = {"alvor": d.severity.value, "kode": d.code, "besked": d.message}
    if d.span is not None:
        out.update(fil=_rel(d.span.path), linje=d.span.line, kolonne=d.span.column)
    if d.hint:
        out["hjælp"] = d.hint
    if d.labels:
        out["steder"] = [{"fil": _rel(lb.span.path), "linje": lb.span.line, "kolonne": lb.span.column,
                          "besked": lb.message} for lb in d.labels]
    if d.data:
        out["data"] = d.data
    return out


def rich(console: Console, d: Diagnostic) -> None:
    head = Text()
    head.append(f"{d.severity.value}[{d.code}]", style=STYLE[d.severity])
    head.append(f": {d.message}", style="bold")
    console.print(head)
    spans: list[tuple[Span, str | None]] = []
    if d.span is not None:
        spans.append((d.span, None))
    spans += [(lb.span, lb.message) for lb in d.labels if isinstance(lb, Label)]
    for span, label in spans:
        for i, line in enumerate(_excerpt(span, label)):
            style = "blue" if i < 2 else ("" if i == 2 else STYLE[d.severity] if label is None else "cyan")
            if i == 2:
                n, _, rest = line.partition(" | ")
                t = Text(f"{n} | ", style="blue")
                t.append(rest)
                console.print(t, soft_wrap=True)
            elif i == 3:
                g, _, rest = line.partition(" | ")
                t = Text(f"{g} | ", style="blue")
                t.append(rest, style=style)
                console.print(t, soft_wrap=True)
            else:
                console.print(Text(line, style=style), soft_wrap=True)
    if d.hint:
        t = Text("   = ", style="blue")
        t.append("hjælp: ", style="bold")
        t.append(d.hint)
        console.print(t)
    console.print()


def summary(diags: list[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diags)
    warnings = sum(d.severity is Severity.WARNING for d in diags)
    return f"{errors} fejl, {warnings} {'advarsel' if warnings == 1 else 'advarsler'}"


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)
