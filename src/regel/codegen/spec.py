"""Field and result descriptions derived from a Module.

The same dictionaries are emitted as `INPUTS`/`OUTPUTS` in generated modules and
used by the interpreter, so both validate a case against identical facts.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import ir
from ..model.types import Kind, Type
from ..runtime.core import _show


def kind_of(t: Type) -> str:
    return str(t.kind)


def _bound(t: Type, unit: int | None) -> object:
    if unit is None:
        return None
    if t.kind is Kind.AMOUNT:
        return Decimal(unit).scaleb(-2)
    return unit


def domain(t: Type) -> object:
    """What values a type admits, in the values a case uses: the enum values,
    (low, high) for numbers (None = unbounded), else None."""
    if t.kind is Kind.ENUM:
        return t.values
    if t.kind in (Kind.INT, Kind.AMOUNT, Kind.PERCENT):
        return (_bound(t, t.low), _bound(t, t.high))
    return None


def input_spec(module: ir.Module) -> dict[str, dict[str, object]]:
    """field -> {type, type_name, domain, default, has_default, description}, in declaration order."""
    out: dict[str, dict[str, object]] = {}
    for name, f in module.fields.items():
        default = f.default
        if f.has_default and f.type.kind is Kind.AMOUNT and default is not None:
            default = Decimal(default)  # type: ignore[arg-type]
        out[name] = {
            "type": kind_of(f.type),
            "type_name": f.type.display,
            "domain": domain(f.type),
            "default": default if f.has_default else None,
            "has_default": f.has_default,
            "description": f.description,
        }
    return out


def output_spec(module: ir.Module) -> dict[str, dict[str, dict[str, object]]]:
    """decision -> item -> {type, type_name, domain}; `regler` lists the rules that fired."""
    out: dict[str, dict[str, dict[str, object]]] = {}
    for dname, d in module.decisions.items():
        items: dict[str, dict[str, object]] = {}
        for item, e in d.items:
            t = item_type(module, e)
            items[item] = {"type": kind_of(t), "type_name": t.display, "domain": domain(t)}
        out[dname] = items
    return out


def item_type(module: ir.Module, e: ir.Expr) -> Type:
    """The type of a decision item; a collect table without aggregator yields a list."""
    if isinstance(e, ir.Ref):
        t = module.producer(e.name)
        if t is not None and t.policy == "collect" and t.aggregator is None:
            inner = t.outputs[t.output_index(e.name)].type
            return Type(Kind.LIST, inner.name, inner.values)
    return e.type


def symbol_kinds(module: ir.Module) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every name a table column or expression can read: its kind and enum values."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name, f in module.fields.items():
        out[name] = (kind_of(f.type), f.type.values)
    for name, v in module.values.items():
        out[name] = (kind_of(v.type), v.type.values)
    for t in module.tables.values():
        for c in t.outputs:
            kind = kind_of(c.type)
            if t.policy == "collect" and t.aggregator == "antal":
                kind = "int"  # antal counts rules, whatever the cells hold
            out[c.name] = (kind, c.type.values)
    return out


def letter_spec(module: ir.Module) -> dict[str, object]:
    """The letter texts for `regel brev`, as written: the module's klagevejledning, each
    decision's afgørelse sentence, and each rule's reason by the reference evaluate()
    lists it under (`Tabel@version/id`, or `Tabel/id` for an unversioned table)."""
    rules: dict[str, str] = {}
    for t in module.tables.values():
        for v in t.versions:
            for r in v.rules:
                if r.letter is not None:
                    rules[f"{t.name}@{v.label}/{r.id}" if v.label else f"{t.name}/{r.id}"] = r.letter.text
    labels: dict[str, str] = {}
    clash: set[str] = set()
    for t in module.types.values():
        for value, label in t.labels:
            if labels.get(value, label) != label:
                clash.add(value)  # two types label the same value differently: show the value itself
            labels[value] = label
    return {
        "betegnelser": {v: lab for v, lab in sorted(labels.items()) if v not in clash},
        "klagevejledning": module.complaint.text if module.complaint is not None else None,
        "forkortelser": dict(module.abbreviations),
        # a field's label in a letter (`felt … brev "Din ordning"`), else its description
        "felter": {n: f.letter_label for n, f in module.fields.items() if f.letter_label},
        "beslutninger": {n: d.letter.text for n, d in module.decisions.items() if d.letter is not None},
        # `brev når item = værdi`: [item, kind, the value as the evaluator shows it, text]; first match wins.
        "beslutninger_når": {n: [[c.item, kind_of(c.value.type), _show(kind_of(c.value.type), c.value.value),
                                  c.letter.text]
                                 for c in d.cases] for n, d in module.decisions.items() if d.cases},
        "regler": rules,
    }
