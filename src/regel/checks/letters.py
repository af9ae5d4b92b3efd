"""Letter texts (`brev`, `klagevejledning`) for `regel brev`.

Every `{navn}` in a text must name something the letter can show: a field, a `værdi`,
a table's result, or (in a decision's `brev`) one of the decision's items; `{{` and
`}}` are literal braces. A decision with a letter text needs a text for every rule
that can fire in it — a rule without one would leave the begrundelse without its
reason — and the module needs a klagevejledning.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import diagnostics as dg
from ..model import ir
from ..model.expressions import did_you_mean
from ..model.graph import reach
from ..model.letters import abbreviations_in, placeholders
from ..model.types import Kind
from .wording import count

MAX_NAMED = 8


def _names(module: ir.Module) -> list[str]:
    outputs = [c.name for t in module.tables.values() for c in t.outputs]
    return [*module.fields, *module.values, *outputs]


def _check_text(letter: ir.Letter, known: list[str], where: str) -> Iterable[dg.Diagnostic]:
    for name in placeholders(letter.text):
        if name is None:
            yield dg.error("E131", f"En «{{» eller «}}» i brevteksten til {where} står alene.", letter.span,
                           "Skriv {navn} for en værdi, og {{ eller }} for selve tegnet.")
        elif name not in known:
            yield dg.error("E131", f"Brevteksten til {where} nævner «{{{name}}}», som ikke er et felt, en værdi "
                           "eller et resultat.", letter.span,
                           did_you_mean(name, known) or "Navnene skal være felter, værdier eller resultater.")


def check_letters(module: ir.Module) -> list[dg.Diagnostic]:
    known = _names(module)
    out: list[dg.Diagnostic] = []
    seen: set[object] = set()
    for t in module.tables.values():
        for v in t.versions:
            for r in v.rules:
                # One clause is one text, however many versions and rules it serves.
                span = r.letter.span if r.letter is not None else None
                key = (span.path, span.start) if span is not None else id(r.letter)
                if r.letter is not None and key not in seen:
                    seen.add(key)
                    out += _check_text(r.letter, known, f"tabel {t.name}")
    items = [name for d in module.decisions.values() for name, _e in d.items]
    explained = {short for short, _full in module.abbreviations}
    for d in module.decisions.values():
        if not d.letters:
            continue
        for letter in d.letters:
            out += _check_text(letter, known + [n for n, _e in d.items], f"beslutning {d.name}")
        tables = reach(module, d).tables
        out += _missing_texts(module, d, tables)
        out += _uncovered_outcomes(d)
        out += _unexplained_abbreviations(module, d, tables, explained)
        if module.complaint is None:
            out.append(dg.warning("W133", f"Beslutning {d.name} har en brevtekst, men modulet har ingen "
                                  "klagevejledning.", d.letters[-1].span,
                                  "Skriv «klagevejledning \"\"\"…\"\"\"» i modulet: hvor, hvordan og hvornår man "
                                  "kan klage (forvaltningslovens § 25)."))
    if module.complaint is not None:
        out += _check_text(module.complaint, known + items, "klagevejledningen")
    return out


def _missing_texts(module: ir.Module, d: ir.Decision, tables: Iterable[str]) -> list[dg.Diagnostic]:
    out = []
    for name in tables:
        t = module.tables[name]
        missing = list(dict.fromkeys(r.id for v in t.versions for r in v.rules if r.letter is None))
        if not missing:
            continue
        shown = ", ".join(missing[:MAX_NAMED]) + (f" og {count(len(missing) - MAX_NAMED)} flere"
                                                   if len(missing) > MAX_NAMED else "")
        out.append(dg.warning(
            "W132", f"Beslutning {d.name} har en brevtekst, men {count(len(missing))} "
            f"{'regel' if len(missing) == 1 else 'regler'} i tabel {name} har ingen: {shown}.", t.span,
            "Skriv «brev \"…\"» i tabellen (begrundelsen for alle dens regler) eller «brev for id \"…\"» for "
            "den enkelte regel.", data={"tabel": name, "regler": missing}))
    return out


def _uncovered_outcomes(d: ir.Decision) -> list[dg.Diagnostic]:
    """W135: `brev når` texts for some values of an opremsning or ja/nej, no general `brev`,
    and values left without a sentence (such a case gets the decision's results as a list)."""
    out = []
    seen: dict[tuple[str, object], ir.LetterCase] = {}
    for c in d.cases:
        key = (c.item, c.value.value)
        if key in seen:
            out.append(dg.warning("W135", f"«brev når {c.item} = …» står to gange med samme værdi i beslutning "
                                  f"{d.name}; den anden bruges aldrig.", c.letter.span, "Slet den ene.",
                                  labels=(dg.Label(seen[key].letter.span, "den første"),)))
        seen.setdefault(key, c)
    if d.letter is not None or not d.cases:
        return out
    types = dict((n, e.type) for n, e in d.items)
    gaps = []
    for item in dict.fromkeys(c.item for c in d.cases):
        t = types[item]
        values = list(t.values) if t.kind is Kind.ENUM else [True, False] if t.kind is Kind.BOOL else None
        if values is None:
            continue
        covered = {c.value.value for c in d.cases if c.item == item}
        left = [v for v in values if v not in covered]
        if not left:
            return out  # every case has a sentence through this item (whatever the other items say)
        gaps.append((item, left))
    for item, left in gaps:
        shown = ", ".join("ja" if v is True else "nej" if v is False else str(v) for v in left)
        first = next(c for c in d.cases if c.item == item)
        out.append(dg.warning("W135", f"Beslutning {d.name} har ingen afgørelsessætning, når {item} er {shown}.",
                              first.letter.span,
                              f"Skriv «brev når {item} = …» for hver værdi, eller en «brev \"…\"» for resten."))
    return out


def _unexplained_abbreviations(module: ir.Module, d: ir.Decision, tables: Iterable[str],
                               explained: set[str]) -> list[dg.Diagnostic]:
    """W136: a citation a letter of `d` can show uses a short name (`LAS`) the module does not
    explain with `forkortelse` — the citizen would read an abbreviation nobody spelled out.
    Once per short name (the explanation is marked as added to `explained`)."""
    out = []
    for name in tables:
        t = module.tables[name]
        for v in t.versions:
            for r in v.rules:
                if r.letter is not None and r.letter.text == "" or not r.citation:
                    continue  # says nothing in a letter
                for short in abbreviations_in(r.citation):
                    if short in explained:
                        continue
                    explained.add(short)
                    out.append(dg.warning(
                        "W136", f"Hjemlen «{r.citation}» i tabel {name} bruger forkortelsen «{short}», som "
                        "modulet ikke forklarer; et brev til borgeren viser hjemlen.", r.span or t.span,
                        f"Skriv fx «forkortelse \"{short}\" \"…\"» i modulet med lovens fulde navn.",
                        data={"tabel": name, "forkortelse": short}))
    return out
