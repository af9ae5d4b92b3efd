"""The Rich explainer: one case, every table consulted, why, and the arithmetic.

It renders the trace that the *generated* module's `explain()` returns, so it
shows what the deployed code did, not what the source says it should do.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text


def _shown(v: object) -> str:
    if isinstance(v, str) and len(v) >= 2 and v[0] == v[-1] == '"':
        return v[1:-1]  # text values are quoted in traces; a reader wants the words
    if isinstance(v, bool):
        return "ja" if v else "nej"
    if isinstance(v, (list, tuple)):
        return ", ".join(_shown(x) for x in v)
    return str(v)


def _source_line(table: dict) -> Syntax | Text:
    code = table.get("kilde") or ""
    line = table.get("linje") or 1
    try:
        return Syntax(code, "regel", line_numbers=True, start_line=line, word_wrap=True,
                      theme="ansi_dark", background_color="default")
    except Exception:  # noqa: BLE001 - highlighting is a nicety; plain text is fine
        return Text(f"{line} | {code}")


def _name_value(missed: dict) -> str:
    """`882.700 kr` after `<= bundfradrag`; `øvre = 5` in a cell that names more than the one
    name (`[nedre ; øvre]`), so the reader sees which value is meant."""
    name, value = str(missed.get("navn")), _shown(missed.get("navneværdi"))
    words = str(missed.get("celle", "")).split()
    return value if words and words[-1] == name and len(words) <= 2 else f"{name} = {value}"


def _calculations(rows: list[dict]) -> Table:
    t = Table.grid(padding=(0, 1))
    for c in rows:
        line = Text()
        line.append(f"{c.get('navn')}", style="bold")
        line.append(" = ")
        line.append(str(c.get("udtryk", "")), style="cyan")
        if c.get("indsat") and c.get("indsat") != c.get("værdi"):
            line.append(" = ")
            line.append(str(c["indsat"]))
        line.append(" = ")
        line.append(str(c.get("værdi", "")), style="bold green")
        t.add_row(line)
    return t


def _table_panel(tb: dict) -> Panel:
    parts: list = []
    head = Text()
    if tb.get("version"):
        head.append(f"version {tb['version']}", style="magenta")
    period = [p for p in (tb.get("gælder") or []) if p]
    if period:
        fra, til = (list(tb["gælder"]) + [None, None])[:2]
        head.append(f"  gælder {fra or '…'} – {til or '…'}", style="magenta")
    if tb.get("politik"):
        head.append(f"  politik {tb['politik']}", style="dim")  # already Danish in the trace
    if head:
        parts.append(head)
    if tb.get("regel") is not None:
        fired = Text()
        fired.append("Regel der ramte: ", style="bold")
        fired.append(f"{tb['regel']} (række {tb.get('række')})", style="bold green")
        if tb.get("hjemmel"):
            fired.append("   hjemmel: ", style="bold")
            fired.append(str(tb["hjemmel"]), style="yellow")
        parts.append(fired)
        parts.append(_source_line(tb))
    res = tb.get("resultat") or {}
    if res:
        parts.append(Text("Resultat: " + ", ".join(f"{k} = {_shown(v)}" for k, v in res.items()), style="green"))
    if tb.get("beregninger"):
        parts.append(_calculations(tb["beregninger"]))
    missed = tb.get("ikke_valgt") or []
    if missed:
        grid = Table(show_header=True, header_style="dim", box=None, padding=(0, 1))
        grid.add_column("regel", style="dim")
        grid.add_column("linje", style="dim", justify="right")
        grid.add_column("hvorfor ikke")
        for m in missed:
            why = Text()
            if m.get("kolonne") is None:  # the rule matched too, but did not win: the trace says why
                why.append(str(m.get("grund") or "Reglen passer også, men blev ikke valgt."))
            else:
                why.append(f"{m.get('kolonne')}", style="bold")
                why.append(" er ")
                why.append(_shown(m.get("værdi")), style="cyan")
                why.append(", reglen kræver ")
                why.append(str(m.get("celle")), style="cyan")
                if m.get("navn") is not None:
                    why.append(f" ({_name_value(m)})")
            grid.add_row(Text(str(m.get("regel"))), Text(str(m.get("linje", ""))), why)
        parts.append(Text("Regler der ikke ramte:", style="dim"))
        parts.append(grid)
    title = Text(str(tb.get("tabel")), style="bold")
    if tb.get("titel"):
        title.append(f" — {tb['titel']}", style="")
    return Panel(Group(*parts), title=title, title_align="left", border_style="blue")


def render_trace(console: Console, trace: dict) -> None:
    console.rule(Text(f"Forklaring: {trace.get('beslutning')}", style="bold"))
    # Every value is a Text, never a str: Rich reads markup in a str, and a case's «[/]»
    # or «[link=…]» must be shown as written, not interpreted.
    inputs = Table(title="Sagens oplysninger", show_header=True, header_style="bold", title_justify="left")
    inputs.add_column("felt")
    inputs.add_column("værdi")
    for k, v in (trace.get("input") or {}).items():
        inputs.add_row(Text(k), Text(_shown(v)))
    console.print(inputs)
    for tb in trace.get("tabeller") or []:
        console.print(_table_panel(tb))
    # A difference a comparison with a name is read through (`indkomst − bundfradrag`) is
    # explained at the rule that compares; the data keeps it (`"afledt": true`).
    calcs = [c for c in trace.get("beregninger") or [] if not c.get("afledt")]
    if calcs:
        console.print(Panel(_calculations(calcs), title="Beregning", title_align="left", border_style="cyan"))
    if trace.get("fejl"):
        console.print(Panel(Text(str(trace["fejl"])), title="Ingen afgørelse", title_align="left",
                            border_style="red"))
        return
    result = trace.get("resultat") or {}
    res = Table.grid(padding=(0, 2))
    for k, v in result.items():
        res.add_row(Text(k, style="bold"), Text(_shown(v), style="bold green"))
    console.print(Panel(res, title="Resultat", title_align="left", border_style="green"))


def render_result(console: Console, decision: str, result: dict) -> None:
    t = Table(title=Text(f"Resultat: {decision}"), show_header=False, title_justify="left")
    t.add_column(style="bold")
    t.add_column()
    for k, v in result.items():
        t.add_row(Text(k), Text(_shown(v)))
    console.print(t)
