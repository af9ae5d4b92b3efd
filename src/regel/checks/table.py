"""Findings of one table as Danish diagnostics: gaps, overlaps, dead rules."""

from __future__ import annotations

from datetime import date

from .. import diagnostics as dg
from ..model import ir
from ..model.types import Kind
from .analysis import Analysis, analyse, overlap_groups
from .regions import bounding_box, cell_point, point_of, representative
from .sweep import Box, PlainRule, intersect_cells, normalise_cell
from .wording import (
    box_dict,
    box_text,
    cap,
    outputs_text,
    point_dict,
    point_text,
    rule_list,
    rule_name,
    version_key,
    version_suffix,
)

GAP_HINT = ("Tilføj en række der dækker tilfældet, eller en række med «afvis \"…\"» "
            "hvis loven ikke giver svar.")
OVERLAP_HINT = "Gør betingelserne disjunkte, eller brug «politik første» hvis rækkefølgen afgør det."
SAME_HINT = "Fjern den overflødige række, eller gør betingelserne disjunkte."
_DATE_MAX = date.max.toordinal()
_UNIT_WORDS = {Kind.INT: "hele tal", Kind.AMOUNT: "hele øre", Kind.PERCENT: "hele procent",
               Kind.DATE: "hele dage"}
# How many masking rules a dead-rule message names before it says "og N flere".
MAX_NAMED = 6


def plain_rules(version: ir.Version) -> list[PlainRule]:
    return [tuple(None if c is None else c.intervals for c in r.conditions) for r in version.rules]


def priority_ranks(table: ir.Table, version: ir.Version) -> list[int | None]:
    """The enum index of each rule's first output; None when it is not a
    written enum value (afvis, a reference), which then neither masks nor is masked."""
    t = table.outputs[0].type
    ranks: list[int | None] = []
    for r in version.rules:
        e = r.outputs[0]
        ok = isinstance(e, ir.Const) and t.kind is Kind.ENUM and e.value in t.values
        ranks.append(t.values.index(e.value) if ok else None)  # type: ignore[arg-type]
    return ranks


def analyse_version(table: ir.Table, version: ir.Version, deadline: float | None) -> Analysis:
    columns = [c.type.domain for c in table.inputs]
    ranks = priority_ranks(table, version) if table.policy == "priority" else None
    return analyse(columns, plain_rules(version), table.policy, ranks, deadline)


def version_diagnostics(table: ir.Table, version: ir.Version, result: Analysis) -> list[dg.Diagnostic]:
    out: list[dg.Diagnostic] = []
    for region in result.gap_regions or ():
        out.append(_gap(table, version, region))
    if result.overlaps:
        out.extend(_overlaps(table, version, result.overlaps))
    dead = result.dead if result.dead is not None else {r: () for r in result.empty}
    for r, maskers in dead.items():
        out.append(_dead(table, version, r, maskers))
    return out


def _shown(columns: tuple[ir.Column, ...], point: tuple[int, ...]) -> tuple[int, ...]:
    """A point whose values can be printed: a date column with no bounds has
    the sentinels for its domain, and a value picked there must be a real date."""
    return tuple(min(max(u, 1), _DATE_MAX) if col.type.kind is Kind.DATE else u
                 for col, u in zip(columns, point, strict=True))


def _base(table: ir.Table, version: ir.Version) -> dict:
    return {"tabel": table.name, "version": version_key(version)}


def _gap(table: ir.Table, version: ir.Version, region: list[Box]) -> dg.Diagnostic:
    cols = table.inputs
    domains = [c.type.domain for c in cols]
    rep = representative(region, domains)
    point = _shown(cols, point_of(rep))
    bbox = bounding_box(region)
    where = point_text(cols, point, rep)
    if where:
        msg = f"Ingen regel dækker: {where}{version_suffix(table, version)}"
    else:
        msg = f"Ingen regel dækker noget tilfælde{version_suffix(table, version)}"
    extent = box_text(cols, bbox)
    if extent and len(region) == 1:
        hint = f"Hele det udækkede område: {extent}. {GAP_HINT}"
    elif extent:
        hint = f"Det udækkede område ligger inden for: {extent}. {GAP_HINT}"
    else:
        hint = GAP_HINT
    data = _base(table, version) | {"eksempel": point_dict(cols, point), "område": box_dict(cols, bbox),
                                    "kasser": len(region)}
    return dg.error("E201", msg, version.span or table.span, hint, data=data)


def _meeting_point(table: ir.Table, a: ir.Rule, b: ir.Rule) -> tuple[tuple[int, ...], Box]:
    """A readable point both rules match, and the box of their intersection's
    first intervals (to leave open columns out of the message)."""
    point, box = [], []
    for i, col in enumerate(table.inputs):
        dom = col.type.domain
        ca = normalise_cell(None if a.conditions[i] is None else a.conditions[i].intervals, dom)  # type: ignore[union-attr]
        cb = normalise_cell(None if b.conditions[i] is None else b.conditions[i].intervals, dom)  # type: ignore[union-attr]
        cell = intersect_cells(ca, cb)
        point.append(cell_point(cell, dom))
        box.append(dom if cell is None else cell[0])
    return _shown(table.inputs, tuple(point)), tuple(box)


def _overlaps(table: ir.Table, version: ir.Version, pairs: frozenset[tuple[int, int]]) -> list[dg.Diagnostic]:
    rules = version.rules
    # Structural output classes: expressions compare by value, spans excluded.
    classes: list[int] = []
    seen: list[tuple[ir.Expr, ...]] = []
    for r in rules:
        if r.outputs not in seen:
            seen.append(r.outputs)
        classes.append(seen.index(r.outputs))
    conflicts = [p for p in pairs if classes[p[0]] != classes[p[1]]]
    same = [p for p in pairs if classes[p[0]] == classes[p[1]]]
    out = []
    for conflict, found in ((True, conflicts), (False, same)):
        for hub, partners in overlap_groups(found, classes):
            if len(partners) == 1 and partners[0] < hub:
                hub, partners = partners[0], (hub,)  # a lone pair reads in row order
            out.append(_overlap(table, version, rules[hub], [rules[i] for i in partners], conflict))
    return out


def _overlap(table: ir.Table, version: ir.Version, hub: ir.Rule, partners: list[ir.Rule],
             conflict: bool) -> dg.Diagnostic:
    first = partners[0]
    point, box = _meeting_point(table, hub, first)
    where = point_text(table.inputs, point, box)
    where = f"ved {where}" if where else "i alle tilfælde"
    suffix = version_suffix(table, version)
    data = _base(table, version) | {"regler": [hub.id] + [p.id for p in partners],
                                    "eksempel": point_dict(table.inputs, point)}
    if conflict:
        differ = [i for i in range(len(table.outputs)) if hub.outputs[i] != first.outputs[i]]
        if len(partners) == 1:
            head = f"{cap(rule_name(hub))} og {rule_name(first)} overlapper med forskellige resultater"
        else:
            head = (f"{cap(rule_name(hub))} overlapper med {rule_list(partners)}, "
                    f"som giver et andet resultat")
        msg = (f"{head}{suffix}: {where} giver regel {hub.id} {outputs_text(table, hub, differ)}, "
               f"men regel {first.id} {outputs_text(table, first, differ)}")
        labels = tuple(dg.Label(p.span, f"regel {p.id} giver {outputs_text(table, p, differ)}")
                       for p in partners if p.span is not None)
        return dg.error("E202", msg, hub.span or version.span, OVERLAP_HINT, labels=labels, data=data)
    if len(partners) == 1:
        head = f"{cap(rule_name(hub))} og {rule_name(first)} overlapper"
    else:
        head = f"{cap(rule_name(hub))} overlapper med {rule_list(partners)}"
    msg = f"{head}{suffix}, men giver samme resultat (fx {where})"
    labels = tuple(dg.Label(p.span, f"regel {p.id} overlapper her") for p in partners if p.span is not None)
    return dg.warning("W203", msg, hub.span or version.span, SAME_HINT, labels=labels, data=data)


def _dead(table: ir.Table, version: ir.Version, index: int, maskers: tuple[int, ...]) -> dg.Diagnostic:
    rule = version.rules[index]
    suffix = version_suffix(table, version)
    data = _base(table, version) | {"regel": rule.id, "skygges_af": [version.rules[m].id for m in maskers]}
    empty_col = next((i for i, c in enumerate(rule.conditions) if c is not None and not c.intervals), None)
    if empty_col is not None:
        cond = rule.conditions[empty_col]
        assert cond is not None
        col = table.inputs[empty_col]
        msg = (f"{cap(rule_name(rule))} kan aldrig bruges{suffix}: betingelsen «{cond.text}» "
               f"for {col.name} indeholder ingen værdi")
        unit = _UNIT_WORDS.get(col.type.kind, "hele enheder")
        hint = (f"Ret betingelsen: «{col.name}» regnes i {unit}, så et åbent interval mellem to "
                f"nabo-værdier, fx «]5 ; 6[», er tomt.")
        return dg.warning("W204", msg, cond.span or rule.span, hint, data=data)
    named = [version.rules[m] for m in maskers[:MAX_NAMED]]
    more = f" og {len(maskers) - MAX_NAMED} flere" if len(maskers) > MAX_NAMED else ""
    if table.policy == "priority":
        msg = (f"{cap(rule_name(rule))} kan aldrig vælges{suffix}: {rule_list(named)}{more} har højere "
               f"prioritet og dækker alle dens tilfælde")
        hint = "Fjern rækken, eller ret dens betingelser eller resultat."
    else:
        msg = (f"{cap(rule_name(rule))} kan aldrig bruges{suffix}: alle tilfælde den dækker, "
               f"fanges først af {rule_list(named)}{more}")
        hint = "Fjern rækken, eller flyt den op før de rækker der skygger for den."
    labels = tuple(dg.Label(m.span, f"skygger for regel {rule.id}") for m in named if m.span is not None)
    return dg.warning("W204", msg, rule.span or version.span, hint, labels=labels, data=data)
