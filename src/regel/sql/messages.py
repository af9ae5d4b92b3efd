"""Refusal wording for SQL, derived from the Python evaluator's own message builders.

The SQL target must refuse with exactly the words `regel eval` uses. Rather than
retyping them, every message is obtained by calling the builder in
`regel.runtime.core` with marker strings where the case's values go, and cutting
the result at the markers: a change of wording there changes the SQL too.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..runtime.core import (
    _DERIVED,
    RegelFejl,
    _add_days,
    _check_value,
    _missing,
    _no_match,
    _no_value,
    _no_version,
    _overlap,
    _refused,
    _show,
)

# Markers: private-use characters no name, label or message written in a .regel file contains.
_A, _B, _C = "\ue000", "\ue001", "\ue002"


class Template:
    """A message as literal pieces with slots between them: pieces[0] slot pieces[1] …"""

    def __init__(self, text: str, markers: tuple[str, ...]) -> None:
        self.pieces: list[str] = []
        self.slots: list[int] = []
        rest = text
        while True:
            found = [(rest.find(m), i) for i, m in enumerate(markers) if rest.find(m) >= 0]
            if not found:
                self.pieces.append(rest)
                return
            pos, i = min(found)
            self.pieces.append(rest[:pos])
            self.slots.append(i)
            rest = rest[pos + len(markers[i]):]

    def fill(self, quote, *values: str) -> str:
        """The SQL concatenation of the pieces (quoted by `quote`) and the given slot SQL."""
        parts: list[str] = []
        for k, piece in enumerate(self.pieces):
            if piece:
                parts.append(quote(piece))
            if k < len(self.slots):
                parts.append(values[self.slots[k]])
        return " || ".join(parts) if parts else quote("")


def _message(err: RegelFejl) -> str:
    return err.besked


def fact_separators() -> tuple[str, str]:
    """(' = ', ', '): how a refusal lists its facts, read off `_no_match` itself."""
    text = _message(_no_match("T", None, [(_A, _B), (_A, _C)]))
    inner = text[text.index(_A):text.rindex(_C)]
    eq = inner[len(_A):inner.index(_B)]
    sep = inner[inner.index(_B) + len(_B):inner.rindex(_A)]
    return eq, sep


def no_match(table: str, label: str | None) -> tuple[Template, Template]:
    """(without facts, with facts in slot 0)."""
    bare = Template(_message(_no_match(table, label, [])), ())
    return bare, Template(_message(_no_match(table, label, [(_A, _B)])).replace(f"{_A}{fact_separators()[0]}{_B}", _A),
                          (_A,))


def overlap(table: str, label: str | None) -> tuple[str, Template, Template]:
    """(the joiner of rule ids, without facts, with facts): slot 0 the ids, slot 1 the facts."""
    two = _message(_overlap(table, label, [_A, _B], []))
    joiner = two[two.index(_A) + 1:two.index(_B)]
    bare = Template(_message(_overlap(table, label, [_A], [])), (_A,))
    eq = fact_separators()[0]
    full = _message(_overlap(table, label, [_A], [(_B, _C)])).replace(f"{_B}{eq}{_C}", _B)
    return joiner, bare, Template(full, (_A, _B))


def refused(message: str, table: str, label: str | None, rule: str) -> tuple[Template, Template]:
    bare = Template(_message(_refused(message, table, label, rule, [])), ())
    eq = fact_separators()[0]
    full = _message(_refused(message, table, label, rule, [(_A, _B)])).replace(f"{_A}{eq}{_B}", _A)
    return bare, Template(full, (_A,))


class _Day:
    """Stands in for the cut-off date: prints as a marker."""

    def isoformat(self) -> str:
        return _A


def no_version(table: str, periods: list[tuple[date | None, date | None]]) -> Template:
    return Template(_message(_no_version(table, _Day(), periods)), (_A,))  # type: ignore[arg-type]


def missing(name: str, spec: dict) -> str:
    return _message(_missing(name, spec))


def no_value(name: str, is_list: bool = False) -> str:
    return _message(_no_value(name, is_list))


def no_unit(name: str) -> str:
    """`_unit`'s refusal for a column whose value is none."""
    from ..runtime.core import _unit

    try:
        _unit(name, "int", None, None)
    except RegelFejl as err:
        return err.besked
    raise AssertionError("unreachable")


def out_of_range(name: str, spec: dict, low: bool) -> Template:
    """«Feltet «x» skal være mindst 0 kr; fik …» with the case's value in slot 0."""
    kind = str(spec["type"])
    lo, hi = spec["domain"]  # type: ignore[misc]
    bound = lo if low else hi
    probe: object = bound - 1 if low else bound + 1  # type: ignore[operator]
    if kind == "amount":
        probe = Decimal(probe) + (Decimal("-0.37") if low else Decimal("0.37"))
    try:
        _check_value(name, spec, probe)
    except RegelFejl as err:
        shown = _show(kind, probe if kind == "amount" else probe)
        return Template(err.besked.replace(shown, _A), (_A,))
    raise AssertionError("a value outside the domain was accepted")


def enum_invalid(name: str, spec: dict) -> Template:
    """An enum value the type does not have. The Python evaluator may add «Mente du …?»
    (difflib, which SQL cannot do); SQL always lists the values instead (docs/sql.md)."""
    values = spec["domain"]
    probe = _A + _B  # near nothing: gives the «Mulige værdier» variant
    try:
        _check_value(name, spec, probe)
    except RegelFejl as err:
        assert values is not None
        return Template(err.besked.replace(probe, _A), (_A,))
    raise AssertionError("unreachable")


def show_suffix(kind: str) -> str:
    """What `_show` puts after a number of this kind (' kr', ' %' or '')."""
    return _show(kind, 7)[1:]


DERIVED = _DERIVED


def date_overflow() -> Template:
    """«Datoen … plus … dage ligger uden for kalenderen.»: slot 0 the date, slot 1 the days."""
    day, days = date(9999, 12, 31), 987654
    try:
        _add_days(day, days)
    except RegelFejl as err:
        return Template(err.besked.replace(day.isoformat(), _A).replace(str(days), _B), (_A, _B))
    raise AssertionError("unreachable")
