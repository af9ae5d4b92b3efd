"""Relations between printed rates: `relation sats = afrund(fuld * pct) hvor
fuld er sats ved pct = 100 %`.

For every row whose relation column holds one value v other than the base,
the sibling row (same version, same other input cells, column = base) gives
the base output; the row's printed output must equal the relation evaluated
with the alias bound to that base and the column to v. This is how a damaged
"302" in a scanned rate table is caught: the rule says 392.
"""

from __future__ import annotations

from .. import diagnostics as dg
from ..model import ir
from ..model.types import format_unit, from_unit
from .evaluate import NotConstantError, evaluate, same_value, show, show_value
from .wording import cap, rule_name, version_key, version_suffix

_Key = tuple[tuple[tuple[int, int], ...], ...]


def _single(cond: ir.Cond | None) -> int | None:
    if cond is not None and len(cond.intervals) == 1 and cond.intervals[0][0] == cond.intervals[0][1]:
        return cond.intervals[0][0]
    return None


def _others(table: ir.Table, rule: ir.Rule, k: int) -> _Key:
    """The rule's cells except column k; `-` and a cell naming the whole domain are the same."""
    key = []
    for i, (col, cond) in enumerate(zip(table.inputs, rule.conditions, strict=True)):
        if i == k:
            continue
        key.append((col.type.domain,) if cond is None else cond.intervals)
    return tuple(key)


def _context(table: ir.Table, rule: ir.Rule, k: int) -> str:
    """`for forsørger ` from the row's other written cells."""
    texts = [c.text for i, c in enumerate(rule.conditions) if i != k and c is not None]
    return f"for {', '.join(texts)} " if texts else ""


def _constant(e: ir.Expr) -> object:
    if isinstance(e, (ir.Refuse, ir.NoValue)):
        raise NotConstantError("no value")
    return evaluate(e, {})


def check_relations(table: ir.Table) -> list[dg.Diagnostic]:
    out: list[dg.Diagnostic] = []
    names = [c.name for c in table.inputs]
    for rel in table.relations:
        if rel.alias is None:
            out.extend(_within_rows(table, rel))
            continue
        if rel.column not in names:
            continue  # lowering reported it
        k = names.index(rel.column)
        col = table.inputs[k]
        oi, bi = table.output_index(rel.output), table.output_index(rel.base_output)
        out_t, base_t = table.outputs[oi].type, table.outputs[bi].type
        for version in table.versions:
            bases: dict[_Key, ir.Rule] = {}
            for r in version.rules:
                if _single(r.conditions[k]) == rel.base_unit:
                    bases.setdefault(_others(table, r, k), r)
            for r in version.rules:
                v = _single(r.conditions[k])
                if v is None or v == rel.base_unit:
                    continue
                try:
                    printed = _constant(r.outputs[oi])
                except NotConstantError:
                    continue  # afvis or a computed cell: nothing printed to check
                sibling = bases.get(_others(table, r, k))
                if sibling is None:
                    out.append(_missing(table, version, rel, r, k, v))
                    continue
                if isinstance(sibling.outputs[bi], (ir.Refuse, ir.NoValue)):
                    # The base row gives no number (afvis): a printed value resting on it can no
                    # longer be checked, which must be said (walkthrough: a gap fixed with an afvis
                    # row at 100 % silently ended the check of the 75 % and 50 % rates).
                    out.append(_missing(table, version, rel, r, k, v, sibling))
                    continue
                try:
                    base = _constant(sibling.outputs[bi])
                    env = {rel.alias: base, rel.column: from_unit(col.type, v)}
                    expected = evaluate(rel.expr, env)
                except NotConstantError:
                    continue
                if same_value(printed, expected):
                    continue
                shown_env = {rel.alias: (base_t, base), rel.column: (col.type, from_unit(col.type, v))}
                msg = (f"Trykt {rel.output} {show_value(out_t, printed)} {_context(table, r, k)}"
                       f"ved {format_unit(col.type, v)} svarer ikke til relationen: "
                       f"{show(rel.expr, shown_env)} = {show_value(out_t, expected)}"
                       f"{version_suffix(table, version)}")
                hint = (f"Ret cellen til {show_value(out_t, expected)}, eller ret relationen "
                        f"hvis den ikke gælder her.")
                labels = (dg.Label(sibling.span, f"grundlaget: {rel.alias} = {show_value(base_t, base)}"),) \
                    if sibling.span is not None else ()
                data = {"tabel": table.name, "version": version_key(version), "regel": r.id,
                        "trykt": printed, "beregnet": expected,
                        "grundlag": sibling.id}
                span = r.outputs[oi].span or r.span
                out.append(dg.error("E205", msg, span, hint, labels=labels, data=data))
    return out


def _within_rows(table: ir.Table, rel: ir.Relation) -> list[dg.Diagnostic]:
    """`relation kvartal = årlig / 4`: on every row, the printed `kvartal` equals the
    expression over the same row's other results and single-valued condition cells.
    A row whose cells the expression needs are not constants (afvis, a computed cell,
    a range) is skipped: there is nothing printed to check."""
    out: list[dg.Diagnostic] = []
    oi = table.output_index(rel.output)
    out_t = table.outputs[oi].type
    for version in table.versions:
        for r in version.rules:
            env: dict[str, object] = {}
            shown: dict[str, tuple] = {}
            for i, col in enumerate(table.outputs):
                if i == oi:
                    continue
                try:
                    env[col.name] = _constant(r.outputs[i])
                    shown[col.name] = (col.type, env[col.name])
                except NotConstantError:
                    pass
            for col, cond in zip(table.inputs, r.conditions, strict=True):
                v = _single(cond)
                if v is not None:
                    env[col.name] = from_unit(col.type, v)
                    shown[col.name] = (col.type, env[col.name])
            try:
                printed = _constant(r.outputs[oi])
                expected = evaluate(rel.expr, env)
            except NotConstantError:
                continue
            if same_value(printed, expected):
                continue
            msg = (f"Trykt {rel.output} {show_value(out_t, printed)} i {rule_name(r)} svarer ikke til relationen: "
                   f"{show(rel.expr, shown)} = {show_value(out_t, expected)}{version_suffix(table, version)}")
            hint = f"Ret cellen til {show_value(out_t, expected)}, eller ret relationen hvis den ikke gælder her."
            data = {"tabel": table.name, "version": version_key(version), "regel": r.id,
                    "trykt": printed, "beregnet": expected}
            out.append(dg.error("E205", msg, r.outputs[oi].span or r.span, hint, data=data))
    return out


def _missing(table: ir.Table, version: ir.Version, rel: ir.Relation, rule: ir.Rule, k: int,
             v: int, refusing: ir.Rule | None = None) -> dg.Diagnostic:
    """E206: the row has no base row — or (`refusing`) its base row gives no number."""
    col = table.inputs[k]
    base = format_unit(col.type, rel.base_unit)
    if refusing is not None:
        msg = (f"{cap(rule_name(rule))} med {col.name} = {format_unit(col.type, v)} bygger på "
               f"{rule_name(refusing)} med {col.name} = {base}, som ikke giver et tal for {rel.base_output} "
               f"(afvis), så relationen for {rel.output} kan ikke tjekkes{version_suffix(table, version)}")
        hint = (f"Giv grundrækken et tal for {rel.base_output}, eller fjern {rule_name(rule)}, "
                "hvis der heller ikke er en sats her.")
    else:
        msg = (f"{cap(rule_name(rule))} med {col.name} = {format_unit(col.type, v)} har ingen række med "
               f"{col.name} = {base} og de samme øvrige betingelser, så relationen for {rel.output} "
               f"kan ikke tjekkes{version_suffix(table, version)}")
        hint = (f"Tilføj rækken med {col.name} = {base} som grundlag, eller skriv de øvrige betingelser "
                f"præcis som i den række.")
    data = {"tabel": table.name, "version": version_key(version), "regel": rule.id}
    if refusing is not None:
        data["grundlag"] = refusing.id
    return dg.error("E206", msg, rule.span or version.span, hint, data=data)
