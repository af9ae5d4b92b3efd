"""Explanations: a JSON-friendly trace in Danish of how a decision was reached
(embedded after the EMBED marker). The Rich explainer renders it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from .core import _POLICY_NAMES, RegelFejl, _check_case, _show
from .engine import _NOTHING, _Calc, _Ctx, _Failed, _items, _Module, _Refuse, _Rule, _Table, _Version

# ---- EMBED: everything below is copied into generated modules ----

# ---- explanations ------------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


class _Trace:
    """Collects a JSON-friendly account of a decision while it is evaluated."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, object]] = {}
        self.calcs: list[dict[str, object]] = []

    def calc(self, ctx: _Ctx, name: str, kind: str, calc: _Calc, value: object) -> None:
        entry = _calc_entry(ctx, name, kind, calc, value)
        if _derived(ctx.m, name) is not None:
            entry["afledt"] = True  # a comparison with a name computes it; explained at the rule
        self.calcs.append(entry)

    def table(self, ctx: _Ctx, t: _Table, version: _Version | None, hits: tuple[int, ...] | None,
              error: RegelFejl | None) -> None:
        policy = _POLICY_NAMES[t.policy] + (f" {t.aggregator}" if t.aggregator else "")
        entry: dict[str, object] = {
            "tabel": t.name, "titel": t.title, "version": version.label if version else None,
            "gælder": [_iso(version.valid_from), _iso(version.valid_to)] if version else [None, None],
            "politik": policy, "regel": None, "række": None, "fil": t.file, "linje": None, "kilde": None,
            "hjemmel": t.citation, "resultat": {}, "ikke_valgt": [], "beregninger": [],
            "betingelser": [],
        }
        chosen = hits or ()
        if version is not None and hits is not None:
            picked = [version.rules[h] for h in hits]
            if t.policy != "collect" and picked:
                r = picked[0]
                entry.update({"regel": r.id, "række": r.row, "linje": r.line, "kilde": r.source,
                              "hjemmel": r.citation, "betingelser": _used(ctx, version, r)})
            else:
                entry["hjemmel"] = ctx.citation(t.name)
                entry["ramte"] = [{"regel": r.id, "række": r.row, "linje": r.line, "kilde": r.source,
                                   "hjemmel": r.citation, "betingelser": _used(ctx, version, r)}
                                  for r in picked]
        if version is not None:
            entry["ikke_valgt"] = [_not_chosen(ctx, t, version, i, hits)
                                   for i in range(len(version.rules)) if i not in chosen]
        if error is not None:
            entry["fejl"] = error.besked
        self.tables[t.name] = entry

    def output(self, ctx: _Ctx, t: _Table, version: _Version, hits: tuple[int, ...], col: int,
               value: object) -> None:
        entry = self.tables[t.name]
        entry["resultat"][t.outputs[col]] = _show(t.kinds[col], value)  # type: ignore[index]
        for h in hits:
            out = version.rules[h].outputs[col]
            if type(out) is _Calc:
                v = ctx.cells[(t.name, h, col)]
                entry["beregninger"].append(_calc_entry(ctx, t.outputs[col], t.kinds[col], out, v))  # type: ignore[attr-defined]


def _derived(m: _Module, name: str) -> tuple[str, str] | None:
    """(`indkomst`, `bundfradrag`) for the column a condition like `<= bundfradrag` is
    read through, `indkomst − bundfradrag` (the typographic minus is in no name)."""
    column, sep, other = name.partition(" − ")
    if sep and column in m.symbols and other in m.symbols and name in m.values:
        return column, other
    return None


def _known(ctx: _Ctx, name: str) -> str:
    """A name's value as shown, or «ukendt» when it was not computed or failed."""
    v = ctx.memo.get(name, _NOTHING)
    return "ukendt" if v is _NOTHING or type(v) is _Failed else _show(ctx.m.symbols[name][0], v)


def _condition(ctx: _Ctx, name: str, text: str, shown: str) -> dict[str, object]:
    """A rule's cell for the case: the column, the cell and the case's value. A
    comparison with a name shows the column and the name's value (`indkomst` er
    999.900 kr, reglen kræver `<= bundfradrag` (882.700 kr)); the derived difference
    it is analysed through stays in the data."""
    parts = _derived(ctx.m, name)
    if parts is None:
        return {"kolonne": name, "celle": text, "værdi": shown}
    column, other = parts
    return {"kolonne": column, "celle": text, "værdi": _known(ctx, column), "navn": other,
            "navneværdi": _known(ctx, other), "afledt": {"kolonne": name, "værdi": shown}}


def _conditions(ctx: _Ctx, version: _Version, rule: _Rule) -> list[tuple[bool, dict[str, object]]]:
    """Every condition of the rule, in column order, with whether the case meets it. A
    table reads all its version's columns before it selects (`_Ctx.fetch`), so each is
    known or failed (`ukendt`, not met); the answer is exact, not the first miss."""
    out = []
    for name, cond, text in zip(version.columns, rule.conds, rule.texts, strict=True):
        if cond is None:
            continue
        u = ctx.units.get(name, _NOTHING)
        if u is _NOTHING or type(u) is _Failed:
            out.append((False, _condition(ctx, name, text, "ukendt")))
        else:
            ok = any(lo <= u <= hi for lo, hi in cond)  # type: ignore[operator]
            out.append((ok, _condition(ctx, name, text, _show(ctx.m.symbols[name][0], ctx.memo[name]))))
    return out


def _used(ctx: _Ctx, version: _Version, rule: _Rule) -> list[dict[str, object]]:
    """The facts a rule that fired used: its conditions with the case's values."""
    return [c for _, c in _conditions(ctx, version, rule)]


def _not_chosen(ctx: _Ctx, t: _Table, version: _Version, i: int,
                hits: tuple[int, ...] | None) -> dict[str, object]:
    """Why a rule did not fire: the first condition it failed (`kolonne`, `celle`, `værdi`)
    and every condition it failed (`ikke_opfyldt`, in column order; one is a near miss),
    or, when it matched too, why it was not chosen (`grund`, `ikke_opfyldt` empty)."""
    rule = version.rules[i]
    entry: dict[str, object] = {"regel": rule.id, "række": rule.row, "linje": rule.line}
    failed = [c for ok, c in _conditions(ctx, version, rule) if not ok]
    if failed:
        entry.update(failed[0])
    elif hits is None:
        entry["grund"] = "Reglen passer, men tabellen kunne ikke vælge (se fejl)."
    elif t.policy == "first":
        entry["grund"] = "Reglen passer også, men en tidligere regel går forud (politik første)."
    elif t.policy == "priority":
        entry["grund"] = "Reglen passer også, men en anden regel har højere prioritet."
    else:
        entry["grund"] = "Reglen passer også og giver samme resultat som den valgte regel."
    entry["ikke_opfyldt"] = failed
    if any(type(o) is _Refuse for o in rule.outputs):
        entry["afviser"] = True  # the rule gives no answer (`afvis`): not a near miss worth showing
    elif hits and t.policy != "collect" and rule.same == version.rules[hits[0]].same:
        entry["samme_resultat"] = True  # its result cells equal the chosen rule's: same answer either way
    return entry


def _calc_entry(ctx: _Ctx, name: str, kind: str, calc: _Calc, value: object) -> dict[str, object]:
    return {"navn": name, "udtryk": calc.source, "indsat": _render(ctx, calc.tree, 0),
            "værdi": _show(kind, value)}


def _render(ctx: _Ctx, node: tuple[object, ...], parent: int) -> str:
    """An explanation tree with the case's values put in: `783 kr × 3`."""
    tag = node[0]
    if tag == "k":
        return str(node[1])
    if tag == "r":
        name = str(node[1])
        v = ctx.memo.get(name, _NOTHING)
        return "?" if v is _NOTHING or type(v) is _Failed else _show(ctx.m.symbols[name][0], v)
    if tag == "i":  # an earlier item of the decision, by its value
        v = ctx.memo.get("#" + str(node[1]), _NOTHING)
        return "?" if v is _NOTHING else _show(str(node[2]), v)
    if tag == "h":
        try:
            return f'"{ctx.citation(str(node[1]))}"'
        except RegelFejl:
            return "?"
    if tag == "n":
        return "-" + _render(ctx, node[1], 3)  # type: ignore[arg-type]
    if tag == "a":
        inner = _render(ctx, node[2], 0)  # type: ignore[arg-type]
        return f"{node[1]}({inner})" if node[1] else _render(ctx, node[2], parent)  # type: ignore[arg-type]
    if tag == "f":
        return f"{node[1]}({', '.join(_render(ctx, a, 0) for a in node[2:])})"  # type: ignore[arg-type]
    op = str(node[1])
    prec = 1 if op in "+-−" else 2  # − is the typographic minus explanations show
    left = _render(ctx, node[2], prec)  # type: ignore[arg-type]
    right = _render(ctx, node[3], prec + (1 if op in "-−/" else 0))  # type: ignore[arg-type]
    text = f"{left} {op} {right}"
    return f"({text})" if prec < parent else text


def _explain(m: _Module, case: Mapping[str, object], decision: str | None) -> dict[str, object]:
    trace = _Trace()
    result: dict[str, object] = {"beslutning": decision, "input": {}, "tabeller": [],
                                 "beregninger": trace.calcs, "resultat": {}, "regler": []}
    shown: dict[str, str] = {}
    ctx: _Ctx | None = None
    try:
        result["beslutning"], items = _items(m, decision)
        values, units = _check_case(case, m.inputs)
        ctx = _Ctx(m, values, units, trace)
        for item in items:
            if item.calc is None:
                v = ctx.get(item.ref)  # type: ignore[arg-type]
            else:
                v = item.calc.fn(ctx)
                trace.calc(ctx, item.name, item.kind, item.calc, v)
            ctx.memo["#" + item.name] = v  # for later items that use this one
            shown[item.name] = _show(item.kind, v)
    except RegelFejl as e:
        result["fejl"] = e.besked
    result["resultat"] = shown
    if ctx is not None:
        result["input"] = {name: _show(str(spec["type"]), ctx.memo[name]) for name, spec in m.inputs.items()
                           if name in ctx.memo and type(ctx.memo[name]) is not _Failed}
        result["regler"] = list(ctx.fired)
    result["tabeller"] = [trace.tables[n] for n in m.order if n in trace.tables]
    return result
