"""The Rich explainer: one case, every table consulted, why, and the arithmetic.

It renders the trace that the *generated* module's `explain()` returns, so it
shows what the deployed code did, not what the source says it should do. By default
it is written for a caseworker: per table the rule that fired, the facts it used and
the near misses (rules that failed on exactly one condition, with that condition);
`alle=True` (`regel explain --alle`) shows every rule and why each did not fire.
"""

from __future__ import annotations

import re

from rich.console import Console, Group
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from .explain_words import _shown, fact, near_miss, near_misses, others

_CITATION_ONLY = re.compile(r"hjemmel\(\s*\w+\s*\)")


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


def _head(tb: dict) -> Text:
    head = Text()
    if tb.get("version"):
        head.append(f"version {tb['version']}", style="magenta")
    period = [p for p in (tb.get("gælder") or []) if p]
    if period:
        fra, til = (list(tb["gælder"]) + [None, None])[:2]
        head.append(f"  gælder {fra or '…'} – {til or '…'}", style="magenta")
    if tb.get("politik"):
        head.append(f"  politik {tb['politik']}", style="dim")  # already Danish in the trace
    return head


def _fired(tb: dict, alle: bool = True) -> list:
    """The rule that fired (row, hjemmel, source line), the table's result and its arithmetic.
    The caseworker's view names the source line instead of showing it, and also names the
    rules a `samling` table collected."""
    parts: list = []
    rules = [] if alle else list(tb.get("ramte") or [])
    if tb.get("regel") is not None or rules:
        fired = Text()
        fired.append("Regel der ramte: " if not rules else "Regler der ramte: ", style="bold")
        where = (lambda r: f"række {r.get('række')}") if alle else (lambda r: _where(r, tb.get("fil")))
        text = ", ".join(f"{r.get('regel')} ({where(r)})" for r in rules or [tb])
        fired.append(text, style="bold green")
        if tb.get("hjemmel"):
            fired.append("   hjemmel: ", style="bold")
            fired.append(str(tb["hjemmel"]), style="yellow")
        parts.append(fired)
        if alle:
            parts.append(_source_line(tb))
    res = tb.get("resultat") or {}
    if res:
        parts.append(Text("Resultat: " + ", ".join(f"{k} = {_shown(v)}" for k, v in res.items()), style="green"))
    if tb.get("beregninger"):
        parts.append(_calculations(tb["beregninger"]))
    return parts


def _where(rule: dict, file: str | None = None) -> str:
    """`række 1, _maalgruppe.regel linje 28`: a module spans several files, so a line names its file."""
    line = rule.get("linje")
    return f"række {rule.get('række')}" + (f", {file + ' ' if file else ''}linje {line}" if line is not None else "")


def _title(tb: dict) -> Text:
    title = Text(str(tb.get("tabel")), style="bold")
    if tb.get("titel"):
        title.append(f" — {tb['titel']}", style="")
    return title


def _table_panel(tb: dict) -> Panel:
    """Every rule of the table: `regel explain --alle`."""
    head = _head(tb)
    parts: list = [head] if head else []
    parts += _fired(tb)
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
    return Panel(Group(*parts), title=_title(tb), title_align="left", border_style="blue")


def _facts(tb: dict, fired: list[dict]) -> list:
    """The facts each rule that fired used: `Oplysninger reglen brugte: forsørger er ja; …`."""
    parts: list = []
    for rule in fired:
        if not rule.get("betingelser") and not tb.get("ikke_valgt"):
            continue  # the table's only rule, without conditions: nothing to say
        line = Text("Oplysninger " + (f"regel {rule.get('regel')}" if len(fired) > 1 else "reglen") + " brugte: ",
                    style="bold")
        conds = rule.get("betingelser") or []
        if not conds:  # under første it fired because no rule before it matched
            line.append("ingen; den gælder, når ingen regel før den passer" if tb.get("politik") == "første"
                        else "ingen; reglen stiller ingen betingelser", style="dim")
        for i, c in enumerate(conds):
            line.append("; " if i else "")
            line.append_text(fact(c))
        parts.append(line)
    return parts


def _rules(heading: str, rows: list[dict], shown: set[str]) -> list:
    """A heading and one row per rule: id, line and what it needed (or why it lost)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for m in rows:
        line = m.get("linje")
        grid.add_row(Text(f" {m.get('regel')}"), Text(f"linje {line}" if line is not None else ""),
                     near_miss(m, shown))
    return [Text(heading, style="bold"), grid]


def _brief_panel(tb: dict) -> Panel:
    """The rule that fired, the facts it used, the near misses and how many others did not fire."""
    parts = _fired(tb, alle=False)
    fired = [tb] if tb.get("regel") is not None else list(tb.get("ramte") or [])
    parts += _facts(tb, fired)
    if tb.get("fejl"):
        said = "Resultatet kunne ikke beregnes" if fired else "Tabellen kunne ikke afgøre sagen"
        parts.append(Text(f"{said}: {tb['fejl']}", style="red"))
    missed = tb.get("ikke_valgt") or []
    count = [len(m["ikke_opfyldt"]) if m.get("ikke_opfyldt") is not None else None for m in missed]
    shown = {str(c.get("kolonne")) for rule in fired for c in rule.get("betingelser") or []}
    also = [m for m, n in zip(missed, count, strict=True) if n == 0]
    # A rule that would refuse (`afvis`), or give the same result as the rule that fired, is no
    # alternative outcome for the caseworker: counted with the rest (`--alle` shows it).
    close = near_misses(tb)
    if also:
        parts += _rules("Passer også, men blev ikke valgt:", also, shown)
    if close:
        parts += _rules("Tæt på — reglen ville have passet, hvis …", close, shown)
    rest = len(missed) - len(also) - len(close)
    if rest:
        parts.append(Text(others(rest, bool(close or also or fired)), style="dim"))
    head = _head(tb)
    return Panel(Group(*parts), title=_title(tb), title_align="left", border_style="blue",
                 subtitle=Text(head.plain.strip(), style="dim") if head else None, subtitle_align="right")


def render_trace(console: Console, trace: dict, alle: bool = False) -> None:
    """The explanation of one case: by default the rules that fired, the facts they used
    and the near misses; `alle` adds the case's facts and every rule that did not fire."""
    console.rule(Text(f"Forklaring: {trace.get('beslutning')}", style="bold"))
    # Every value is a Text, never a str: Rich reads markup in a str, and a case's «[/]»
    # or «[link=…]» must be shown as written, not interpreted.
    if alle:
        inputs = Table(title="Sagens oplysninger", show_header=True, header_style="bold", title_justify="left")
        inputs.add_column("felt")
        inputs.add_column("værdi")
        for k, v in (trace.get("input") or {}).items():
            inputs.add_row(Text(k), Text(_shown(v)))
        console.print(inputs)
    for tb in trace.get("tabeller") or []:
        console.print(_table_panel(tb) if alle else _brief_panel(tb))
    # A difference a comparison with a name is read through (`indkomst − bundfradrag`) is
    # explained at the rule that compares; the data keeps it (`"afledt": true`).
    calcs = [c for c in trace.get("beregninger") or [] if not c.get("afledt")]
    if not alle:  # a citation passed on (`hjemmel = hjemmel(Sanktionsform)`) is no calculation
        calcs = [c for c in calcs if not _CITATION_ONLY.fullmatch(str(c.get("udtryk", "")))]
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
