"""`regel diff` output: Rich for a person, JSON for a program (docs/diff.md)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Console
from rich.text import Text

from ..checks.wording import constraint, count, json_range
from ..model.types import Kind, format_range
from ..runtime.core import _show
from .compare import Report
from .engine import Answer, DecisionDiff, Region, json_number
from .rows import TableRows

MAX_REGIONS = 20  # per decision in the terminal; JSON lists every region
MAX_PARTS = 3  # boxes of one region spelled out in the terminal


def _box_text(d: DecisionDiff, box: tuple) -> str:
    """`gruppe = enlig; indkomst i [300.000,01 kr ; 310.000 kr]`: the axes the box narrows
    (an axis left at its whole domain — any date, any text — is not named)."""
    parts = [constraint(ax.name, format_range(ax.type, lo, hi)) for ax, (lo, hi) in zip(d.axes, box, strict=True)
             if ax.kind is not Kind.TEXT and (lo, hi) != ax.domain]
    return "; ".join(parts) or "alle sager"


def _box_json(d: DecisionDiff, box: tuple) -> dict[str, object]:
    return {ax.name: json_range(ax.type, lo, hi) for ax, (lo, hi) in zip(d.axes, box, strict=True)
            if ax.kind is not Kind.TEXT and (lo, hi) != ax.domain}


def _case(region: Region, d: DecisionDiff, side: int) -> dict[str, object]:
    case = {a.name: region.example[a.name] for a in d.axes if a.sides[side] is not None}
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in case.items()}


def _answer_json(a: Answer, kinds: dict[str, str]) -> dict[str, object]:
    if a.refusal is not None:
        return {"afvist": a.refusal}
    return {"resultat": {k: json_number(v, kinds.get(k)) for k, v in (a.values or {}).items()}}


def _rules_json(a: Answer) -> list[dict[str, object]]:
    return [{"regel": r, "hjemmel": c} for r, c in a.rules]


def _region_json(region: Region, d: DecisionDiff) -> dict[str, object]:
    after_case, before_case = _case(region, d, 1), _case(region, d, 0)
    out: dict[str, object] = {
        "beslutning": d.decision, "modul": d.module, "art": region.art, "overalt": region.everywhere,
        "område": [_box_json(d, b) for b in region.boxes], "eksempel": after_case,
        "i_eksemplet": sorted(region.varies),
    }
    if before_case != after_case:
        out["eksempel_før"] = before_case
    out.update({"før": _answer_json(region.before, d.kinds), "efter": _answer_json(region.after, d.kinds),
                "regler_før": _rules_json(region.before), "regler_efter": _rules_json(region.after)})
    return out


def _table_json(t: TableRows) -> dict[str, object]:
    return {"modul": t.module, "tabel": t.table, "status": t.status, "overskrift_ændret": t.header,
            "versioner": [{"version": v.version, "status": v.status, "tilføjet": v.added, "fjernet": v.removed,
                           "ændret": [{"før": a, "efter": b} for a, b in v.changed]} for v in t.versions]}


def as_json(report: Report) -> dict[str, object]:
    out: dict[str, object] = {
        "før": report.before, "efter": report.after,
        "beslutninger": [{"modul": d.module, "beslutning": d.decision, "status": d.status,
                          "områder": len(d.regions), "uafklarede": d.unsettled,
                          **({"fejl": d.note} if d.note else {})} for d in report.decisions],
        "moduler": [{"modul": m, "status": s} for m, s in report.modules],
        "områder": [_region_json(r, d) for d in report.decisions for r in d.regions],
        "tabeller": [_table_json(t) for t in report.tables],
        "tjek": [{"side": label, "fejl": n} for label, n in report.checks.items()],
    }
    if report.impact is not None:
        out["sager"] = report.impact.as_json()  # type: ignore[attr-defined]
    return out


# ---- plain facts (the review site's change page) --------------------------------------------


def region_facts(region: Region, d: DecisionDiff) -> dict[str, object]:
    """A region as plain strings: where, what changes, which rules, the example."""
    from ..jsonio import dumps

    a, b = region.before, region.after
    if a.refusal is not None or b.refusal is not None:
        changes = [("svar", _answer_text(a, d.kinds).plain, _answer_text(b, d.kinds).plain)]
    else:
        changes = [(k, before, after + (" (i eksemplet)" if varies else ""))
                   for k, before, after, varies in _item_changes(region, d.kinds)]
    return {
        "art": region.art, "everywhere": region.everywhere,
        "where": [_box_text(d, bx) for bx in region.boxes],
        "changes": changes,
        "rules_before": _rule_text([r for r in a.rules if r not in b.rules]),
        "rules_after": _rule_text([r for r in b.rules if r not in a.rules]),
        "example": dumps(_case(region, d, 1), indent=None),
    }


def table_facts(t: TableRows) -> str:
    """One line for a table's row changes (the same words as the terminal)."""
    return _table_line(t)


# ---- the terminal ----------------------------------------------------------------------------


def _change_lines(region: Region, kinds_of: dict[str, str]) -> list[Text]:
    a, b = region.before, region.after
    if a.refusal is not None or b.refusal is not None:
        return [Text.assemble(("  før:   ", "dim"), _answer_text(a, kinds_of)),
                Text.assemble(("  efter: ", "dim"), _answer_text(b, kinds_of))]
    out = []
    for k, before, after, varies in _item_changes(region, kinds_of):
        note = "  (i eksemplet; afhænger af sagen)" if varies else ""
        out.append(Text.assemble(f"  {k}: ", (before, "red"), " → ", (after, "green"), (note, "dim")))
    return out


def _item_changes(region: Region, kinds_of: dict[str, str]) -> list[tuple[str, str, str, bool]]:
    """(item, before, after, varies within the region) for each item whose answer differs
    (or exists on one side only), both sides answering."""
    a, b = region.before.values or {}, region.after.values or {}
    out = []
    for k in dict.fromkeys([*a, *b]):
        if k in a and k in b and a[k] == b[k]:
            continue
        kind = kinds_of.get(k, "text")
        out.append((k, _show(kind, a[k]) if k in a else "(findes ikke)",
                    _show(kind, b[k]) if k in b else "(findes ikke)", k in region.varies))
    return out


def _answer_text(a: Answer, kinds_of: dict[str, str]) -> Text:
    if a.refusal is not None:
        return Text("afvist: " + a.refusal, style="yellow")
    return Text(", ".join(f"{k} = {_show(kinds_of.get(k, 'text'), v)}" for k, v in a.values.items()))  # type: ignore[union-attr]


def _rule_text(rules: Sequence[tuple[str, str | None]]) -> str:
    return ", ".join(f"{r} ({c})" if c else r for r, c in rules) or "ingen"


def _where(region: Region, d: DecisionDiff) -> str:
    parts = [_box_text(d, b) for b in region.boxes[:MAX_PARTS]]
    more = len(region.boxes) - MAX_PARTS
    text = " eller ".join(f"({p})" if len(region.boxes) > 1 else p for p in parts)
    return text + (f" … og {count(more)} dele mere" if more > 0 else "")


def render(report: Report, console: Console) -> None:
    console.print(Text.assemble(("Forskelle fra ", "bold"), (report.before, "bold cyan"),
                                (" til ", "bold"), (report.after, "bold cyan")))
    for name, status in report.modules:
        console.print(Text(f"Modulet {name} er {status}.", style="bold"))
    for d in report.decisions:
        _render_decision(d, console)
    if report.tables:
        console.print()
        console.print(Text("Rækker i tabellerne", style="bold"))
        for t in report.tables:
            _render_table(t, console)
    if report.impact is not None:
        report.impact.render(console)  # type: ignore[attr-defined]
    if not report.differs and not report.incomplete:
        console.print(Text("Ingen forskelle: de to udgaver giver samme svar og samme hjemmel for alle sager.",
                           style="green"))


def _render_decision(d: DecisionDiff, console: Console) -> None:
    console.print()
    if d.status == "fejl":
        console.print(Text(f"Beslutning {d.decision} ({d.module}) kan ikke sammenlignes: {d.note}", style="bold red"))
        return
    if d.status != "begge":
        console.print(Text(f"Beslutning {d.decision} ({d.module}) findes kun "
                           f"{'efter' if d.status == 'kun_efter' else 'før'}.", style="bold"))
        return
    answers = [r for r in d.regions if r.art == "svar"]
    cites = [r for r in d.regions if r.art == "hjemmel"]
    if not d.regions and not d.unsettled:
        console.print(Text(f"Beslutning {d.decision} ({d.module}): samme svar og samme hjemmel for alle sager.",
                           style="green"))
        return
    head = (f"Beslutning {d.decision} ({d.module}): {count(len(answers))} "
            f"{'område' if len(answers) == 1 else 'områder'} med ændrede svar, {count(len(cites))} kun med "
            f"ændret hjemmel eller regel-id")
    console.print(Text(head, style="bold"))
    if d.unsettled:
        console.print(Text(f"  {count(d.unsettled)} store områder med beregnede beløb blev afprøvet med "
                           "stikprøver uden at finde en forskel; de er ikke bevist ens.", style="yellow"))
    for title, regions in (("Ændrede svar", answers), ("Kun hjemmel eller regel-id ændret", cites)):
        if not regions:
            continue
        console.print(Text(f" {title}:", style="bold"))
        for k, region in enumerate(regions[:MAX_REGIONS], 1):
            _render_region(k, region, d, console)
        if len(regions) > MAX_REGIONS:
            console.print(Text(f"  … og {count(len(regions) - MAX_REGIONS)} områder mere (se --format json)",
                               style="dim"))


def _render_region(k: int, region: Region, d: DecisionDiff, console: Console) -> None:
    from ..jsonio import dumps

    console.print(Text.assemble((f"  {k}. Når ", "bold"), _where(region, d),
                                ("" if region.everywhere else "  (for nogle af disse sager)", "yellow")),
                  soft_wrap=True)
    for line in _change_lines(region, d.kinds):
        console.print(line, soft_wrap=True)
    if region.before.rules != region.after.rules:
        # Only the rules that differ; --format json lists every rule that fired on each side.
        gone = [r for r in region.before.rules if r not in region.after.rules]
        new = [r for r in region.after.rules if r not in region.before.rules]
        console.print(Text.assemble(("  regler: ", "dim"), _rule_text(gone), " → ", _rule_text(new)), soft_wrap=True)
    console.print(Text.assemble(("  eksempel: ", "dim"), dumps(_case(region, d, 1), indent=None)), soft_wrap=True)


def _render_table(t: TableRows, console: Console) -> None:
    console.print(Text(f"  {_table_line(t)}"))


def _ids(ids: Sequence[str]) -> str:
    return ", ".join(ids[:8]) + (", …" if len(ids) > 8 else "")


def _table_line(t: TableRows) -> str:
    if t.status != "ændret":
        return f"{t.table} ({t.module}): tabellen er {t.status}"
    parts = []
    for v in t.versions:
        name = f"version {v.version}" if v.version else "rækker"
        if v.status != "ændret":
            parts.append(f"{name} {v.status}")
            continue
        bits = []
        if v.changed:
            bits.append(f"{count(len(v.changed))} ændret ({_ids([b for _a, b in v.changed])})")
        if v.added:
            bits.append(f"{count(len(v.added))} tilføjet ({_ids(v.added)})")
        if v.removed:
            bits.append(f"{count(len(v.removed))} fjernet ({_ids(v.removed)})")
        parts.append(f"{name}: " + ("; ".join(bits) if bits else "gyldighedsperioden ændret"))
    if t.header:
        parts.append(" og ".join(t.header) + " ændret")
    return f"{t.table} ({t.module}): " + " · ".join(parts)
