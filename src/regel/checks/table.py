"""Findings of one table as Danish diagnostics: gaps, overlaps, dead rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .. import diagnostics as dg
from ..model import ir
from ..model.types import Kind, format_unit
from .analysis import Analysis, analyse
from .evaluate import result_key
from .groups import Group, group_overlaps
from .named import NamedPoints
from .regions import bounding_box, cell_point, point_of, representative
from .sweep import (
    AnalysisTimeoutError,
    Box,
    Budget,
    Cell,
    PlainRule,
    find_dead_rules,
    intersect_cells,
    normalise_cell,
)
from .wording import (
    box_dict,
    cap,
    free_columns,
    outputs_text,
    point_dict,
    range_text,
    rule_list_capped,
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
    """Each rule's place in the order `prioritet` picks a winner in, as the runtime
    resolves it (engine `_resolve`): a matching `afvis` row always refuses the case
    (the first such row's message), then the rule whose first result stands earliest in
    the enumeration, ties by row; no value ranks after every value. The ranks are
    distinct, so an equal first result masks a later row. None where the rank is only
    known at run time (a reference, a calculation): such a rule masks nothing and is
    masked only by `afvis` rows (see `unknown_rank_ranks`)."""
    values = table.outputs[0].type.values
    n = len(version.rules)
    ranks: list[int | None] = []
    for i, r in enumerate(version.rules):
        e = r.outputs[0]
        if isinstance(e, ir.Refuse):
            ranks.append(i)
        elif isinstance(e, ir.Const) and e.value in values:
            ranks.append(n + values.index(e.value) * n + i)  # type: ignore[arg-type]
        elif isinstance(e, ir.NoValue):
            ranks.append(n + len(values) * n + i)
        else:
            ranks.append(None)
    return ranks


def unknown_rank_ranks(version: ir.Version, ranks: list[int | None]) -> list[int | None] | None:
    """Ranks for the second look at the rules whose rank is known only at run time:
    `afvis` rows (in row order) beat them, and they tie with each other; every other
    rule is left out. None when there is nothing to look at."""
    unknown = [i for i, k in enumerate(ranks) if k is None]
    refuse = [i for i, r in enumerate(version.rules) if isinstance(r.outputs[0], ir.Refuse)]
    if not unknown or not refuse:
        return None
    n = len(version.rules)
    out: list[int | None] = [None] * n
    for i in refuse:
        out[i] = i
    for i in unknown:
        out[i] = n
    return out


def analyse_version(table: ir.Table, version: ir.Version, deadline: Budget | float | None) -> Analysis:
    columns = [c.type.domain for c in table.inputs]
    if table.policy != "priority":
        return analyse(columns, plain_rules(version), table.policy, None, deadline)
    ranks = priority_ranks(table, version)
    rules = plain_rules(version)
    result = analyse(columns, rules, table.policy, ranks, deadline)
    second = unknown_rank_ranks(version, ranks)
    if second is None or result.dead is None or result.timed_out:
        return result
    try:
        more = find_dead_rules(columns, rules, second, Budget.of(deadline))  # type: ignore[arg-type]
    except AnalysisTimeoutError:
        budget = Budget.of(deadline)
        return replace(result, dead=None, timed_out=True, stopped_by=budget.exceeded or "tid")
    dead = dict(result.dead)
    dead.update((r, m) for r, m in more.items() if ranks[r] is None)
    return replace(result, dead=dict(sorted(dead.items())))


def version_diagnostics(table: ir.Table, version: ir.Version, result: Analysis, room: int | None = None,
                        budget: Budget | None = None, module: ir.Module | None = None
                        ) -> tuple[list[dg.Diagnostic], int, int]:
    """The findings of one version, at most `room` of them rendered:
    `(shown, hidden errors, hidden warnings)`. Hidden findings are counted,
    never rendered, so a table with 50.000 holes costs 50.000 counts. With the
    `module`, a point at a comparison with a name gives the name's value there."""
    out: list[dg.Diagnostic] = []
    named = NamedPoints(module, table, version)
    hidden = [0, 0]

    def emit(is_error: bool, make) -> None:
        if room is None or len(out) < room:
            out.append(make())
        else:
            hidden[0 if is_error else 1] += 1

    # Holes in the order of their lowest corner, so the first shown are the first in each
    # column's order (1, 3, 5 …, not 1, 11, 13 … as their messages would sort).
    regions = sorted(result.gap_regions or (), key=lambda reg: min(tuple(lo for lo, _hi in box) for box in reg))
    for region in regions:
        emit(True, lambda region=region: _gap(table, version, region, named))
    if result.meets is not None and any(result.meets):
        tick = budget.tick if budget is not None else (lambda n=1: None)
        for conflict, group in _overlap_groups(table, version, result.meets, tick):
            emit(conflict, lambda c=conflict, g=group: _overlap(table, version, g, c, named))
    dead = result.dead if result.dead is not None else {r: () for r in result.empty}
    for r, maskers in dead.items():
        emit(False, lambda r=r, m=maskers: _dead(table, version, r, m))
    return out, hidden[0], hidden[1]


def _shown(columns: tuple[ir.Column, ...], point: tuple[int, ...]) -> tuple[int, ...]:
    """A point whose values can be printed: a date column with no bounds has
    the sentinels for its domain, and a value picked there must be a real date."""
    return tuple(min(max(u, 1), _DATE_MAX) if col.type.kind is Kind.DATE else u
                 for col, u in zip(columns, point, strict=True))


def _base(table: ir.Table, version: ir.Version) -> dict:
    return {"tabel": table.name, "version": version_key(version)}


def _gap(table: ir.Table, version: ir.Version, region: list[Box], named: NamedPoints) -> dg.Diagnostic:
    cols = table.inputs
    domains = [c.type.domain for c in cols]
    rep = representative(region, domains)
    point = _shown(cols, point_of(rep))
    bbox = bounding_box(region)
    where = named.point_text(cols, point, rep)
    if where:
        msg = f"Ingen regel dækker: {where}{version_suffix(table, version)}"
    else:
        msg = f"Ingen regel dækker noget tilfælde{version_suffix(table, version)}"
    extent = named.box_text(cols, bbox)
    if extent and len(region) == 1:
        hint = f"Hele det udækkede område: {extent}. {GAP_HINT}"
    elif extent:
        hint = f"Det udækkede område ligger inden for: {extent}. {GAP_HINT}"
    else:
        hint = GAP_HINT
    example = point_dict(cols, point) | named.concrete(cols, point, rep)
    data = _base(table, version) | {"eksempel": example, "område": box_dict(cols, bbox),
                                    "frie": free_columns(cols, bbox)}
    if not named.derived:
        data["række"] = row_cells(cols, rep)
    return dg.error("E201", msg, version.span or table.span, hint, data=data)


def row_cells(columns: tuple[ir.Column, ...], box: Box) -> dict[str, str]:
    """Condition cells, as an editor writes them, of a row covering exactly `box` (a box of
    a gap, so the row covers only uncovered cases): `-` for a column left open,
    `forsørger, ikke_forsørger`, `>= 131`, `[10.469,01 kr ; 10.469,99 kr]`. The language
    server inserts such a row for a gap (the quick fix)."""
    return {col.name: "-" if tuple(iv) == tuple(col.type.domain) else range_text(col, iv)
            for col, iv in zip(columns, box, strict=True)}


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


def _overlap_groups(table: ir.Table, version: ir.Version, meets: list[int], tick
                    ) -> list[tuple[bool, Group]]:
    """(conflict, group) for every overlap finding: conflicts (different
    results) first, then overlaps with the same result."""
    rules = version.rules
    # Output classes as the runtime compares results: constants by value, the rest by expression.
    classes: list[int] = []
    seen: dict[tuple[object, ...], int] = {}
    for r in rules:
        classes.append(seen.setdefault(result_key(r.outputs), len(seen)))
    same = [0] * len(seen)
    for i, k in enumerate(classes):
        same[k] |= 1 << i
    domains = [c.type.domain for c in table.inputs]
    cells = [tuple(normalise_cell(None if c is None else c.intervals, dom)
                   for c, dom in zip(r.conditions, domains, strict=True)) for r in rules]
    out: list[tuple[bool, Group]] = []
    for conflict, ok in ((True, lambda r: ~same[classes[r]]), (False, lambda r: same[classes[r]])):
        for g in group_overlaps(meets, ok, classes, cells, tick, any_class=conflict):
            if g.region is None and len(g.others) == 1 and g.others[0] < g.hub:
                g = Group(g.others[0], (g.hub,))  # a lone pair reads in row order
            out.append((conflict, g))
    return out


def _overlap(table: ir.Table, version: ir.Version, group: Group, conflict: bool,
             named: NamedPoints) -> dg.Diagnostic:
    if group.region is not None:
        return _overlap_region(table, version, group, conflict, named)
    rules = version.rules
    hub, partners = rules[group.hub], [rules[i] for i in group.others]
    first = partners[0]
    point, box = _meeting_point(table, hub, first)
    where = named.point_text(table.inputs, point, box)
    where = f"ved {where}" if where else "i alle tilfælde"
    suffix = version_suffix(table, version)
    data = _base(table, version) | {"regler": [hub.id] + [p.id for p in partners],
                                    "eksempel": point_dict(table.inputs, point)}
    named = partners[:MAX_NAMED]
    names = rule_list_capped(partners, MAX_NAMED)
    if conflict:
        differ = [i for i in range(len(table.outputs)) if hub.outputs[i] != first.outputs[i]]
        if len(partners) == 1:
            head = f"{cap(rule_name(hub))} og {rule_name(first)} overlapper med forskellige resultater"
        else:
            head = (f"{cap(rule_name(hub))} overlapper med {names}, "
                    f"som giver et andet resultat")
        msg = (f"{head}{suffix}: {where} giver regel {hub.id} {outputs_text(table, hub, differ)}, "
               f"men regel {first.id} {outputs_text(table, first, differ)}")
        labels = tuple(dg.Label(p.span, f"regel {p.id} giver {outputs_text(table, p, differ)}")
                       for p in named if p.span is not None)
        return dg.error("E202", msg, hub.span or version.span, OVERLAP_HINT, labels=labels, data=data)
    if len(partners) == 1:
        head = f"{cap(rule_name(hub))} og {rule_name(first)} overlapper"
    else:
        head = f"{cap(rule_name(hub))} overlapper med {names}"
    msg = f"{head}{suffix}, men giver samme resultat (fx {where})"
    labels = tuple(dg.Label(p.span, f"regel {p.id} overlapper her") for p in named if p.span is not None)
    return dg.warning("W203", msg, hub.span or version.span, SAME_HINT, labels=labels, data=data)


def _overlap_region(table: ir.Table, version: ir.Version, group: Group, conflict: bool,
                    named: NamedPoints) -> dg.Diagnostic:
    """Three or more rules matching one common point: one finding for all
    their pairs, naming the first few rules and counting the rest."""
    members = sorted((group.hub,) + group.others)
    rules = [version.rules[i] for i in members]
    region = group.region
    assert region is not None
    point, box = _region_point(table, region)
    where = named.point_text(table.inputs, point, box)
    where = f"ved {where}" if where else "i alle tilfælde"
    suffix = version_suffix(table, version)
    named = rules[:MAX_NAMED]
    rest = len(rules) - len(named)
    names = rule_list_capped(rules, MAX_NAMED)
    data = _base(table, version) | {"regler": [r.id for r in rules], "eksempel": point_dict(table.inputs, point)}
    if conflict:
        differ = [i for i in range(len(table.outputs)) if len({r.outputs[i] for r in rules}) > 1]
        results = ", ".join(f"regel {r.id} {outputs_text(table, r, differ)}" for r in named)
        msg = (f"{cap(names)} overlapper alle{suffix} med forskellige resultater: {where} giver {results}"
               + (" …" if rest else ""))
        labels = tuple(dg.Label(r.span, f"regel {r.id} giver {outputs_text(table, r, differ)}")
                       for r in named[1:] if r.span is not None)
        return dg.error("E202", msg, rules[0].span or version.span, OVERLAP_HINT, labels=labels, data=data)
    msg = f"{cap(names)} overlapper alle{suffix}, men giver samme resultat (fx {where})"
    labels = tuple(dg.Label(r.span, f"regel {r.id} overlapper her") for r in named[1:] if r.span is not None)
    return dg.warning("W203", msg, rules[0].span or version.span, SAME_HINT, labels=labels, data=data)


def _region_point(table: ir.Table, region: tuple[Cell, ...]) -> tuple[tuple[int, ...], Box]:
    point, box = [], []
    for col, cell in zip(table.inputs, region, strict=True):
        dom = col.type.domain
        point.append(cell_point(cell, dom))
        box.append(dom if cell is None else cell[0])
    return _shown(table.inputs, tuple(point)), tuple(box)


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
    if not maskers:
        outside = _outside(table, rule)
        if outside is not None:
            return _never_seen(table, version, rule, outside, data)
    named = [version.rules[m] for m in maskers[:MAX_NAMED]]
    names = rule_list_capped([version.rules[m] for m in maskers], MAX_NAMED)
    if table.policy == "priority":
        msg, hint = _priority_dead(table, version, rule, maskers, names, suffix)
    else:
        msg = (f"{cap(rule_name(rule))} kan aldrig bruges{suffix}: alle tilfælde den dækker, "
               f"fanges først af {names}")
        hint = "Fjern rækken, eller flyt den op før de rækker der skygger for den."
    labels = tuple(dg.Label(m.span, f"skygger for regel {rule.id}") for m in named if m.span is not None)
    return dg.warning("W204", msg, rule.span or version.span, hint, labels=labels, data=data)


def _priority_dead(table: ir.Table, version: ir.Version, rule: ir.Rule, maskers: tuple[int, ...], names: str,
                   suffix: str) -> tuple[str, str]:
    """The W204 message under `prioritet`: say why the masking rules win (a better first
    result, the same one on an earlier row, or `afvis`)."""
    rules = version.rules
    refuse = [rules[m] for m in maskers if isinstance(rules[m].outputs[0], ir.Refuse)]
    same = [rules[m] for m in maskers if not isinstance(rules[m].outputs[0], ir.Refuse)
            and rules[m].outputs[0] == rule.outputs[0]]
    fix = "Fjern rækken, eller ret dens betingelser eller resultat."
    if not refuse and not same:
        return (f"{cap(rule_name(rule))} kan aldrig vælges{suffix}: {names} har højere "
                f"prioritet og dækker alle dens tilfælde", fix)
    why = []
    if same:
        ids = rule_list_capped(same, MAX_NAMED)
        why.append(f"{ids} giver samme {table.outputs[0].name} og står før, og ved lige prioritet "
                   "vælges den første række")
    if refuse:
        ids = rule_list_capped(refuse, MAX_NAMED)
        why.append(f"{ids} afviser sagen, og en passende række med «afvis» stopper evalueringen "
                   "uanset prioritet")
    msg = f"{cap(rule_name(rule))} kan aldrig vælges{suffix}: alle dens tilfælde fanges af {names}"
    return msg, f"{cap('; '.join(why))}. {fix}"


def _outside(table: ir.Table, rule: ir.Rule) -> int | None:
    """The first column whose cell takes no value the column can have here (the
    table is the version's view, whose column types are narrowed to what can occur)."""
    for i, (col, cond) in enumerate(zip(table.inputs, rule.conditions, strict=True)):
        if cond is not None and normalise_cell(cond.intervals, col.type.domain) == ():
            return i
    return None


def _never_seen(table: ir.Table, version: ir.Version, rule: ir.Rule, i: int, data: dict) -> dg.Diagnostic:
    col = table.inputs[i]
    cond = rule.conditions[i]
    assert cond is not None
    lo, hi = col.type.domain
    where = format_unit(col.type, lo) if lo == hi else f"[{format_unit(col.type, lo)} ; {format_unit(col.type, hi)}]"
    msg = (f"{cap(rule_name(rule))} kan aldrig bruges{version_suffix(table, version)}: betingelsen "
           f"«{cond.text}» for {col.name} dækker ingen værdi, som {col.name} kan have her")
    hint = f"Her ligger {col.name} altid i {where}. Fjern rækken, eller ret betingelsen."
    return dg.warning("W204", msg, cond.span or rule.span, hint, data=data)
