"""The typed decision-table model: what checks, the interpreter and codegen consume.

Everything here is resolved and typed: names point at fields, values or table
outputs; cells are unions of closed integer intervals in the column's units.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from ..source import Span
from .types import Type

# ---- expressions ----------------------------------------------------------------


@dataclass(frozen=True)
class Const:
    value: object  # Decimal (amount in kr, number, percent), int, bool, str, date
    type: Type
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Ref:
    name: str
    type: Type
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Op:
    """Binary arithmetic. Percent operands act as fractions (75 % = 0,75)."""

    op: str  # + - * /
    left: Expr
    right: Expr
    type: Type
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Neg:
    operand: Expr
    type: Type
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Round:
    """Legal rounding: `kroner` (half up to whole kroner), `oere`, `kroner_down`;
    for non-amounts `kroner` means half up to a whole number."""

    operand: Expr
    mode: str
    type: Type
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Call:
    """min, maks, uger (weeks as days)."""

    func: str
    args: tuple[Expr, ...]
    type: Type
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class CitationOf:
    """`hjemmel(Tabel)`: the citation of the rule that fired in a table."""

    table: str
    type: Type
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Refuse:
    """`afvis "…"`: the law gives no answer; evaluation stops with this message."""

    message: str
    type: Type
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class NoValue:
    type: Type
    span: Span | None = field(default=None, compare=False, repr=False)


Expr = Const | Ref | Op | Neg | Round | Call | CitationOf | Refuse | NoValue


def refs(e: Expr) -> set[str]:
    """The names an expression reads (tables via hjemmel() are named with a '@')."""
    if isinstance(e, Ref):
        return {e.name}
    if isinstance(e, CitationOf):
        return {"@" + e.table}
    if isinstance(e, Op):
        return refs(e.left) | refs(e.right)
    if isinstance(e, (Neg, Round)):
        return refs(e.operand)
    if isinstance(e, Call):
        out: set[str] = set()
        for a in e.args:
            out |= refs(a)
        return out
    return set()


def substitute(e: Expr, names: dict[str, Expr]) -> Expr:
    """`e` with each Ref to a name in `names` replaced by that expression (a decision
    item that uses an earlier item computes it the same way, not a second time by name)."""
    if isinstance(e, Ref):
        return names.get(e.name, e)
    if isinstance(e, Op):
        return replace(e, left=substitute(e.left, names), right=substitute(e.right, names))
    if isinstance(e, (Neg, Round)):
        return replace(e, operand=substitute(e.operand, names))
    if isinstance(e, Call):
        return replace(e, args=tuple(substitute(a, names) for a in e.args))
    return e


# ---- tables --------------------------------------------------------------------------


@dataclass(frozen=True)
class Cond:
    """A cell: the union of closed unit intervals it accepts, within the domain."""

    intervals: tuple[tuple[int, int], ...]
    text: str  # as written, for explanations
    span: Span | None = field(default=None, compare=False, repr=False)

    def contains(self, unit: int) -> bool:
        return any(lo <= unit <= hi for lo, hi in self.intervals)


@dataclass(frozen=True)
class Column:
    name: str
    type: Type
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Letter:
    """A text for the decision letter (`brev "…"`, `klagevejledning "…"`), as written:
    `{navn}` is the value of a field, `værdi`, table result or decision item."""

    text: str
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Rule:
    id: str
    row: int  # 1-based row number within its version
    conditions: tuple[Cond | None, ...]  # one per input column; None means any
    outputs: tuple[Expr, ...]  # one per output column
    citation: str | None  # the row's own hjemmel, else the version's, else the table's
    span: Span | None = field(default=None, compare=False, repr=False)
    # The reason the rule gives in a letter: `brev for id` (version, then table), else the
    # version's `brev`, else the table's.
    letter: Letter | None = None


@dataclass(frozen=True)
class Version:
    label: str | None
    valid_from: date | None
    valid_to: date | None
    rules: tuple[Rule, ...]
    span: Span | None = field(default=None, compare=False, repr=False)
    # `kilde "…"`: the provenance a reviewer reads (document, editorial decision); not law,
    # never in a letter, and not part of what the rules decide (so not compared).
    source: str | None = field(default=None, compare=False)

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Relation:
    """`relation out = expr hvor alias er base ved column = value`: for every row
    whose `column` cell is one value, `out` must equal `expr` evaluated with
    `alias` bound to the sibling row's `base` (same other cells, column = value).
    Without `hvor` (alias None), `out` must equal `expr` within every row, with the
    row's other results and its single-valued condition cells as the names."""

    output: str
    expr: Expr
    alias: str | None
    base_output: str | None
    column: str | None
    base_unit: int | None
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Table:
    name: str
    title: str | None
    policy: str  # unique, first, priority, collect
    aggregator: str | None  # sum, min, maks, antal (collect only)
    inputs: tuple[Column, ...]
    outputs: tuple[Column, ...]
    versions: tuple[Version, ...]
    citation: str | None = None
    description: str | None = None
    relations: tuple[Relation, ...] = ()
    span: Span | None = field(default=None, compare=False, repr=False)
    source: str | None = field(default=None, compare=False)  # `kilde "…"` (see Version.source)

    @property
    def versioned(self) -> bool:
        return any(v.valid_from is not None for v in self.versions)

    def output_index(self, name: str) -> int:
        return [c.name for c in self.outputs].index(name)


# ---- module-level declarations ---------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str
    type: Type
    default: object | None = None
    has_default: bool = False
    description: str | None = None
    span: Span | None = field(default=None, compare=False, repr=False)
    # `brev "Din ordning"`: the label a letter gives the field (the citizen's words); not a rule.
    letter_label: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Value:
    name: str
    type: Type
    expr: Expr
    description: str | None = None
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Decision:
    name: str
    title: str | None
    items: tuple[tuple[str, Expr], ...]
    span: Span | None = field(default=None, compare=False, repr=False)
    letter: Letter | None = None  # the afgørelse sentence of a letter
    cases: tuple[LetterCase, ...] = ()  # `brev når …`: the sentence for one outcome, before `letter`

    @property
    def letters(self) -> tuple[Letter, ...]:
        """Every afgørelse sentence: the outcomes' (`brev når`), then the general one."""
        return tuple(c.letter for c in self.cases) + ((self.letter,) if self.letter is not None else ())


@dataclass(frozen=True)
class LetterCase:
    """`brev når sanktion = ingen "…"`: the afgørelse sentence when the decision's item
    `item` has the constant `value` (compared as the evaluator shows both)."""

    item: str
    value: Const
    letter: Letter


@dataclass(frozen=True)
class Example:
    title: str
    decision: str
    given: tuple[tuple[str, object], ...]
    expected: tuple[tuple[str, object, Type], ...]
    expect_error: bool = False
    error_text: str | None = None
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Module:
    name: str
    path: str
    source_files: tuple[str, ...]
    source_hash: str
    types: dict[str, Type]
    fields: dict[str, Field]
    values: dict[str, Value]
    tables: dict[str, Table]
    decisions: dict[str, Decision]
    examples: tuple[Example, ...]
    cutoff: str | None  # the date field that selects table versions
    order: tuple[str, ...]  # tables and values in dependency order (dependencies first)
    # Every file read for the module (as its path was given) with the SHA-256 of its text:
    # a generated module can then tell whether its sources changed since it was compiled.
    source_digests: tuple[tuple[str, str], ...] = ()
    complaint: Letter | None = None  # `klagevejledning`: how and when to complain
    # `forkortelse "LAS" "lov om aktiv socialpolitik"`: short names in citations, for letters
    abbreviations: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def producer(self, name: str) -> Table | None:
        """The table whose output is `name`, if any."""
        for t in self.tables.values():
            if any(c.name == name for c in t.outputs):
                return t
        return None

    def symbol_type(self, name: str) -> Type | None:
        if name in self.fields:
            return self.fields[name].type
        if name in self.values:
            return self.values[name].type
        t = self.producer(name)
        if t is not None:
            return t.outputs[t.output_index(name)].type
        return None
