"""Plain Danish for the caseworker's explanation: a rule's condition as words («over
10.469 kr og højst 14.245 kr», «udeblevet_tilbud eller afvist_tilbud»), the facts a rule
that fired used, and the near misses («regel r3 ville have passet, hvis forsørger var nej»).

It reads the condition entries of a trace (`kolonne`, `celle`, `værdi`, and for a
comparison with a name `navn`, `navneværdi`); a cell it cannot read as words is shown
as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rich.text import Text

_NUMBER_WORDS = {"<": "under", "<=": "højst", ">": "over", ">=": "mindst"}
_DATE_WORDS = {"<": "før", "<=": "senest", ">": "efter", ">=": "tidligst"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COMPARISON = re.compile(r"(<=|>=|<|>)\s*(.+)")
_INTERVAL = re.compile(r"([\[\]])\s*(.+?)\s*;\s*(.+?)\s*([\[\]])")
# A list's comma; a decimal comma (`10.469,50 kr`, `7,5 %`) has a digit right after it.
_LIST_COMMA = re.compile(r",(?!\d)")
_MATCHED_TOO = re.compile(r"^Reglen passer( også)?(, men| og) ")


def _shown(v: object) -> str:
    if isinstance(v, str) and len(v) >= 2 and v[0] == v[-1] == '"':
        return v[1:-1]  # text values are quoted in traces; a reader wants the words
    if isinstance(v, bool):
        return "ja" if v else "nej"
    if isinstance(v, (list, tuple)):
        return ", ".join(_shown(x) for x in v)
    return str(v)


def _one(part: str, dates: bool) -> str:
    words = _DATE_WORDS if dates else _NUMBER_WORDS
    m = _INTERVAL.fullmatch(part)
    if m:
        low = ">=" if m.group(1) == "[" else ">"
        high = "<=" if m.group(4) == "]" else "<"
        return f"{words[low]} {m.group(2)} og {words[high]} {m.group(3)}"
    m = _COMPARISON.fullmatch(part)
    if m:
        return f"{words[m.group(1)]} {m.group(2)}"
    return part


def wanted(cond: dict) -> tuple[bool, str]:
    """What a condition asks for, in words: (negated, words). `ikke 100 %` is (True,
    `100 %`); `< 25` is (False, `under 25`); a list reads `a, b eller c` (`ikke a, b` is
    `hverken a eller b`); a name stays a name (`<= bundfradrag` is `højst bundfradrag`; its value is a note)."""
    cell = str(cond.get("celle", "")).strip()
    negated = cell.startswith("ikke ")
    if negated:
        cell = cell[len("ikke "):].strip()
    if cell.count('"'):
        return negated, cell  # a text with a comma in it: as written
    dates = bool(_DATE.fullmatch(str(cond.get("værdi", ""))) or _DATE.search(cell))
    parts = [_one(p.strip(), dates) for p in _LIST_COMMA.split(cell) if p.strip()]
    if len(parts) == 1:
        return negated, parts[0]
    words = ", ".join(parts[:-1]) + " eller " + parts[-1]
    return (False, "hverken " + words) if negated else (False, words)


def _name_note(cond: dict) -> list[str]:
    """`bundfradrag er 882.700 kr` for a condition that compares with a name."""
    name = cond.get("navn")
    return [] if name is None else [f"{name} er {_shown(cond.get('navneværdi'))}"]


def fact(cond: dict) -> Text:
    """`forseelse er udeblevet_samtale (reglen kræver udeblevet_samtale eller …)`; the
    requirement only when it says more than the value."""
    value = _shown(cond.get("værdi"))
    negated, words = wanted(cond)
    line = Text()
    line.append(str(cond.get("kolonne")), style="bold")
    line.append(" er ")
    line.append(value, style="cyan")
    if negated or words != value:
        notes = "".join(f", {n}" for n in _name_note(cond))
        line.append(f" (reglen kræver {'ikke ' if negated else ''}{words}{notes})", style="dim")
    return line


def near_misses(table: Mapping[str, object]) -> list[dict]:
    """The rules of a trace's table entry that failed on exactly one condition and would have
    given another answer — not a rule that would refuse (`afviser`) or give the fired rule's
    result (`samme_resultat`). The explainer lists them; a letter counts their one condition
    as a fact given weight."""
    return [m for m in table.get("ikke_valgt") or []  # type: ignore[union-attr]
            if len(m.get("ikke_opfyldt") or ()) == 1 and not m.get("afviser") and not m.get("samme_resultat")]


def near_miss(entry: dict, shown: set[str] | frozenset[str] = frozenset()) -> Text:
    """What a rule that failed on one condition needed, to finish «regel u1 ville have
    passet, hvis …»: `rimelig_grund var ja`, `uarbejdsdygtighed ikke var 100 %`, `alder
    var kendt og under 25`. The case's value follows (`sagen: …`) unless the column is in
    `shown` (the facts listed above) or the value is ja/nej. A rule that matched too but
    was not chosen says why."""
    failed = entry.get("ikke_opfyldt") or []
    if not failed:  # under «Passer også, men blev ikke valgt:» the reason alone
        return Text(_MATCHED_TOO.sub("", str(entry.get("grund") or "")) or "ikke valgt")
    cond = failed[0]
    value = _shown(cond.get("værdi"))
    negated, words = wanted(cond)
    column = str(cond.get("kolonne"))
    line = Text()
    line.append(column, style="bold")
    if value == "ukendt":  # the column could not be read: it would have to be known, too
        line.append(f" var kendt og {'ikke ' if negated else ''}")
    else:
        line.append(f" {'ikke ' if negated else ''}var ")
    line.append(words, style="cyan")
    notes = _name_note(cond)
    if column not in shown and value != "ukendt" and not {value, words} <= {"ja", "nej"}:
        notes.append(f"sagen: {value}")
    if notes:
        line.append(f" ({'; '.join(notes)})", style="dim")
    return line


def others(count: int, shown: bool) -> str:
    """`26 andre regler ramte ikke; --alle viser dem, og hvorfor.`"""
    if count == 1:
        noun = "1 anden regel" if shown else "1 regel"
        return f"{noun} ramte ikke; --alle viser den, og hvorfor."
    return f"{count} {'andre ' if shown else ''}regler ramte ikke; --alle viser dem, og hvorfor."
