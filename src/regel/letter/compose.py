"""Compose a letter from a generated module's explanation of one case.

The sections follow forvaltningsloven §§ 22–25: the afgørelse (the decision's `brev`
sentence), the begrundelse (the retsregler — every hjemmel of the rules that fired,
once, in order —, the facts the decision used with their labels, each rule's own
text, and the calculation) and the klagevejledning (the module's block; with the
deadline from the `klagefrist` decision when the case gives what it needs).
A text's `{navn}` is filled with the case's value as a citizen reads it (`2.268 kr`,
`4. marts 2024`); a paragraph whose value is unknown for this case is left out and
named in `udeladt`, never printed with a hole.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from types import ModuleType

from ..explain_words import near_misses
from ..model.letters import abbreviations_in, fill_text, placeholders
from ..runtime.core import _show

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december")
_NAME = re.compile(r"[^\W\d]\w*")


class LetterError(Exception):
    """No letter for this case (a refusal or bad input): the Danish message says why."""


def long_date(d: date) -> str:
    """`4. marts 2024`, as a letter writes a date."""
    return f"{d.day}. {_MONTHS[d.month - 1]} {d.year}"


def citizen(shown: str, labels: Mapping[str, str] | None = None, inline: bool = False) -> str:
    """A value as the explanation shows it (`2.268 kr`, `2024-03-04`, `"tekst"`,
    `udeblevet_samtale`) as a letter writes it: an enum value by its declared Danish label
    (lower-cased at the start inside a sentence), a date in words."""
    m = _ISO.fullmatch(shown)
    if m:
        return long_date(date(int(m[1]), int(m[2]), int(m[3])))
    if len(shown) >= 2 and shown[0] == shown[-1] == '"':
        return shown[1:-1]
    label = (labels or {}).get(shown)
    if label:
        return label[0].lower() + label[1:] if inline and label[1:2].islower() else label
    if _NAME.fullmatch(shown) and "_" in shown:
        return shown.replace("_", " ")
    return shown


def fill(text: str, values: Mapping[str, str]) -> tuple[str, list[str]]:
    """The text with `{navn}` replaced; paragraphs naming an unknown value are left out
    (their names are returned)."""
    kept, missing = [], []
    for para in text.split("\n"):
        unknown = [name for name in placeholders(para) if name is not None and name not in values]
        if unknown:
            missing += unknown
            continue
        kept.append(fill_text(para, values))
    return "\n".join(kept).strip(), missing


def _values(trace: Mapping[str, object], results: Mapping[str, object], labels: Mapping[str, str]) -> dict[str, str]:
    out = {k: citizen(str(v), labels, True) for k, v in trace.get("input", {}).items()}  # type: ignore[union-attr]
    for t in trace.get("tabeller", []):  # type: ignore[union-attr]
        out.update((k, citizen(str(v), labels, True)) for k, v in t.get("resultat", {}).items())
    out.update((k, citizen(str(v), labels, True)) for k, v in results.items())
    return out


def _ref(t: Mapping[str, object], rule: object) -> str:
    return f"{t['tabel']}@{t['version']}/{rule}" if t.get("version") else f"{t['tabel']}/{rule}"


def _fired(trace: Mapping[str, object]) -> list[tuple[Mapping[str, object], Mapping[str, object]]]:
    """(table entry, rule entry) for every rule that fired, in evaluation order."""
    out = []
    for t in trace.get("tabeller", []):  # type: ignore[union-attr]
        if t.get("ramte"):
            out += [(t, r) for r in t["ramte"]]
        elif t.get("regel") is not None:
            out.append((t, t))
    return out


def _facts(mod: ModuleType, trace: Mapping[str, object], fired, case: Mapping[str, object],
           labels: Mapping[str, str]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The facts given weight: fields of the case that a rule that fired tested, that decided a
    near miss (a rule that would have applied but for that one fact — «rimelig grund: nej»),
    that chose the version (the date), or that a calculation used. Only what the case gives:
    a default the caseworker never entered is not presented as a fact; never a field the
    decision did not read."""
    inputs = mod.INPUTS
    letter_labels = getattr(mod, "LETTERS", {}).get("felter", {})
    used: list[str] = []
    cutoff = getattr(mod, "CUTOFF", None)
    for t in trace.get("tabeller", []):  # type: ignore[union-attr]
        if cutoff and t.get("version"):
            used.append(cutoff)
        for miss in near_misses(t):  # the one condition that kept another answer away
            column = miss["ikke_opfyldt"][0].get("kolonne")
            if column in inputs:
                used.append(column)
    for _t, r in fired:
        used += [c.get("kolonne") for c in r.get("betingelser", []) if c.get("kolonne") in inputs]
        used += [c.get("navn") for c in r.get("betingelser", []) if c.get("navn") in inputs]
    calcs = list(trace.get("beregninger", []))
    calcs += [c for t in trace.get("tabeller", []) for c in t.get("beregninger", [])]
    for c in calcs:
        used += [w for w in _NAME.findall(str(c.get("udtryk", ""))) if w in inputs]
    shown = trace.get("input", {})
    out, assumed = [], []
    for name in sorted(dict.fromkeys(used), key=list(inputs).index):
        if name in shown:  # type: ignore[operator]
            label = (letter_labels.get(name) or inputs[name].get("description")  # type: ignore[union-attr]
                     or name.replace("_", " "))
            fact = {"felt": name, "betegnelse": label, "værdi": citizen(str(shown[name]), labels)}  # type: ignore[index]
            # A default the caseworker never entered is no fact given weight, but the decision
            # rests on it: named apart (`antaget`), so regel brev can warn (walkthrough).
            (out if name in case else assumed).append(fact)
    return out, assumed


def _calculations(trace: Mapping[str, object], said: list[str]) -> list[str]:
    """`756 kr × 3 = 2.268 kr` for each computed value — unless the rules' texts (`said`)
    already state that calculation, inputs and result alike (a citizen reads it once)."""
    calcs = [c for t in trace.get("tabeller", []) for c in t.get("beregninger", [])]  # type: ignore[union-attr]
    calcs += list(trace.get("beregninger", []))  # type: ignore[arg-type]
    out = []
    for c in calcs:
        shown, value = str(c.get("indsat", "")), str(c.get("værdi", ""))
        if c.get("afledt") or shown == value or value.startswith('"'):
            continue  # a derived comparison, a value merely passed on, or a text: no calculation to show
        line = f"{shown} = {citizen(value)}"
        numbers = _AMOUNTS.findall(line)
        if any(all(n in text for n in numbers) for text in said):
            continue
        if line not in out:
            out.append(line)
    return out


# The numbers of a calculation line (`756 kr`, `3`, `2.268 kr`), to see whether a text states them.
_AMOUNTS = re.compile(r"\d[\d.]*(?:,\d+)?(?: kr| %)?")


def _sentence(letters: Mapping[str, object], decision: str, results: Mapping[str, object]) -> str | None:
    """The afgørelse sentence: the first `brev når item = værdi` whose item has that value in
    this case (compared as the evaluator shows values: `0 kr`, `ingen`, `ja`), else `brev`."""
    for item, kind, shown, text in letters.get("beslutninger_når", {}).get(decision, []):  # type: ignore[union-attr]
        value = results.get(item)
        if value is not None and _show(kind, value) == shown:
            return text
    return letters["beslutninger"].get(decision)  # type: ignore[index]


def compose(mod: ModuleType, decision: str, case: Mapping[str, object]) -> dict[str, object]:
    """The letter for one case as data: afgørelse, begrundelse, klagevejledning."""
    trace = mod.explain(case, decision)
    if trace.get("fejl"):
        raise LetterError(str(trace["fejl"]))
    results = mod.evaluate(case, decision)
    letters = getattr(mod, "LETTERS", {"klagevejledning": None, "beslutninger": {}, "regler": {}})
    labels = letters.get("betegnelser", {})
    values = _values(trace, {k: v for k, v in trace.get("resultat", {}).items()}, labels)
    omitted: list[str] = []
    fired = _fired(trace)
    text = _sentence(letters, decision, results)
    if text:
        decision_text, miss = fill(text, values)
        omitted += miss
    else:  # no sentence for this outcome (W135): the results as a list, and regel brev warns
        decision_text = "; ".join(f"{k.replace('_', ' ')}: {citizen(str(v), labels)}"
                                  for k, v in trace.get("resultat", {}).items() if k != "regler")
    # A rule whose letter text is empty (`brev for id ""`) has, by the editor's choice, nothing
    # to say in the letter: neither a reason nor a retsregel.
    silent = {(t["tabel"], r.get("regel")) for t, r in fired if letters["regler"].get(_ref(t, r.get("regel"))) == ""}
    citations = list(dict.fromkeys(str(r.get("hjemmel")) for t, r in fired
                                   if r.get("hjemmel") and (t["tabel"], r.get("regel")) not in silent))
    reasons = []
    for t, r in fired:
        rule_text = letters["regler"].get(_ref(t, r.get("regel")))
        if rule_text:
            filled, miss = fill(rule_text, values)
            omitted += miss
            if filled and filled not in reasons:
                reasons.append(filled)
    complaint = None
    why_not: str | None = None  # why the klagefrist decision gave no deadline for this case
    if letters.get("klagevejledning"):
        deadline: dict[str, str] = {}
        if "klagefrist" in getattr(mod, "DECISIONS", ()) and decision != "klagefrist":
            try:
                answer = mod.explain(case, "klagefrist")
                if answer.get("fejl"):
                    mod.evaluate(case, "klagefrist")  # only to raise the refusal, which names the missing field
                deadline = {k: citizen(str(v)) for k, v in answer.get("resultat", {}).items()}
            except mod.RegelFejl as err:  # no deadline for this case: the text's own words stand
                deadline = {}
                field = getattr(err, "felt", None)
                why_not = (f"sagen ikke har «{field}»" if field else str(err).rstrip("."))
        complaint, miss = fill(letters["klagevejledning"], {**values, **deadline})
        omitted += miss
    facts, assumed = _facts(mod, trace, fired, case, labels)
    return {
        "beslutning": decision,
        "afgørelse": decision_text,
        "afgørelse_uden_tekst": not text,
        "begrundelse": {
            "retsregler": citations,
            # the short names the citations use, as the module explains them (`forkortelse`)
            "forkortelser": [f"{short} = {full}" for short in dict.fromkeys(
                a for c in citations for a in abbreviations_in(c))
                if (full := letters.get("forkortelser", {}).get(short))],
            "fakta": facts,
            "regler": reasons,
            "beregning": _calculations(trace, reasons),
        },
        "klagevejledning": complaint,
        "udeladt": sorted(set(omitted)),
        "klagefrist_mangler": why_not if omitted else None,
        "antaget": assumed,
        "resultat": {k: v for k, v in results.items() if k != "regler"},
        "regler": results.get("regler", []),
    }
