"""The abstract syntax tree: what the editor wrote, with spans, before typing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..source import Span


@dataclass(frozen=True)
class Node:
    span: Span = field(compare=False, repr=False)


# ---- literals and expressions -------------------------------------------------
@dataclass(frozen=True)
class Number(Node):
    value: Decimal
    unit: str = ""  # "", "kr" or "%"


@dataclass(frozen=True)
class DateLit(Node):
    value: date


@dataclass(frozen=True)
class Bool(Node):
    value: bool


@dataclass(frozen=True)
class Text(Node):
    value: str


@dataclass(frozen=True)
class Name(Node):
    name: str


Literal = Number | DateLit | Bool | Text | Name


@dataclass(frozen=True)
class BinOp(Node):
    op: str  # + - * /
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Neg(Node):
    operand: Expr


@dataclass(frozen=True)
class Call(Node):
    func: str
    args: tuple[Expr, ...]


@dataclass(frozen=True)
class Refuse(Node):
    """`afvis "…"`: the law gives no answer here; evaluation must refuse."""

    message: str


@dataclass(frozen=True)
class NoValue(Node):
    """`-` in an output cell: no value (for `hjemmel`: inherit the table's)."""


Expr = Number | DateLit | Bool | Text | Name | BinOp | Neg | Call


# ---- types ----------------------------------------------------------------------
@dataclass(frozen=True)
class TypeRef(Node):
    kind: str  # bool, int, amount, percent, date, text, named
    name: str = ""
    low: Literal | None = None
    high: Literal | None = None


@dataclass(frozen=True)
class EnumItem(Node):
    name: str
    description: str | None = None


@dataclass(frozen=True)
class TypeDecl(Node):
    name: str
    enum: tuple[EnumItem, ...] | None
    ref: TypeRef | None


# ---- cells ------------------------------------------------------------------------
@dataclass(frozen=True)
class Eq(Node):
    value: Literal


@dataclass(frozen=True)
class Cmp(Node):
    op: str  # < <= > >=
    value: Literal


@dataclass(frozen=True)
class Interval(Node):
    low: Literal
    high: Literal
    low_closed: bool
    high_closed: bool


Condition = Eq | Cmp | Interval


@dataclass(frozen=True)
class AnyCell(Node):
    pass


@dataclass(frozen=True)
class CondCell(Node):
    conditions: tuple[Condition, ...]
    negated: bool = False


InCell = AnyCell | CondCell
OutCell = Expr | Refuse | NoValue


@dataclass(frozen=True)
class HeaderCell(Node):
    name: str
    type: TypeRef | None = None


@dataclass(frozen=True)
class Row(Node):
    inputs: tuple[InCell, ...]
    outputs: tuple[OutCell, ...]


@dataclass(frozen=True)
class Grid(Node):
    inputs: tuple[HeaderCell, ...]
    outputs: tuple[HeaderCell, ...]
    rows: tuple[Row, ...]


# ---- table clauses -----------------------------------------------------------------
@dataclass(frozen=True)
class Citation(Node):
    text: str


@dataclass(frozen=True)
class Source(Node):
    """`kilde "…"`: where the rules come from (a document's section, an editorial decision),
    for reviewers; unlike `hjemmel`, never shown to a citizen."""

    text: str


@dataclass(frozen=True)
class Validity(Node):
    start: date
    end: date | None


@dataclass(frozen=True)
class Policy(Node):
    kind: str  # unique, first, priority, collect
    aggregator: str | None = None  # sum, min, maks, antal


@dataclass(frozen=True)
class Rounding(Node):
    mode: str  # kroner, oere, kroner_down, none


@dataclass(frozen=True)
class Description(Node):
    text: str


@dataclass(frozen=True)
class Relation(Node):
    """`relation sats = afrund(grund * p) hvor grund er sats ved p = 100 %` (against a
    base row), or `relation kvartal = årlig / 4` (within every row: alias etc. None)."""

    output: str
    expr: Expr
    alias: str | None
    base_output: str | None
    column: str | None
    base_value: Literal | None


@dataclass(frozen=True)
class Letter(Node):
    """`brev "…"` (the table's or version's letter text) or `brev for r1 "…"` (one row's):
    the reason a rule gives, in the citizen's words, for `regel brev`."""

    text: str
    rule: str | None = None
    # `brev når sanktion = ingen "…"`: the decision's sentence for cases with this result.
    when: tuple[str, Expr] | None = None


Clause = Citation | Source | Validity | Policy | Rounding | Description | Relation | Letter


@dataclass(frozen=True)
class Version(Node):
    label: str | None
    clauses: tuple[Clause, ...]
    grid: Grid


@dataclass(frozen=True)
class TableDecl(Node):
    name: str
    title: str | None
    clauses: tuple[Clause, ...]
    versions: tuple[Version, ...]  # a single-grid table is one unlabelled version
    name_span: Span = field(compare=False, repr=False, default=None)  # type: ignore[assignment]


# ---- other statements ----------------------------------------------------------------
@dataclass(frozen=True)
class ModuleDecl(Node):
    name: str


@dataclass(frozen=True)
class IncludeDecl(Node):
    path: str


@dataclass(frozen=True)
class UseDecl(Node):
    module: str


@dataclass(frozen=True)
class CutoffDecl(Node):
    field_name: str


@dataclass(frozen=True)
class FieldDecl(Node):
    name: str
    type: TypeRef
    default: Literal | None = None
    description: str | None = None
    letter_label: str | None = None  # `brev "Din ordning"`: the field's label in a decision letter


@dataclass(frozen=True)
class ValueDecl(Node):
    name: str
    type: TypeRef | None
    expr: Expr
    description: str | None = None


@dataclass(frozen=True)
class DecisionItem(Node):
    name: str
    expr: Expr | None


@dataclass(frozen=True)
class DecisionDecl(Node):
    name: str
    title: str | None
    items: tuple[DecisionItem, ...]
    letter: Letter | None = None  # `brev "Du får et fradrag på {beløb} …"`: the afgørelse sentence
    cases: tuple[Letter, ...] = ()  # `brev når sanktion = ingen "…"`: the sentence for one outcome


@dataclass(frozen=True)
class ComplaintDecl(Node):
    """`klagevejledning "…"` (often triple-quoted, over several lines): how and when to
    complain, for every letter of the module."""

    text: str


@dataclass(frozen=True)
class AbbreviationDecl(Node):
    """`forkortelse "LAS" "lov om aktiv socialpolitik"`: a short name used in citations."""

    short: str
    full: str


@dataclass(frozen=True)
class Assignment(Node):
    name: str
    value: Expr


@dataclass(frozen=True)
class ExampleDecl(Node):
    title: str
    decision: str | None
    given: tuple[Assignment, ...]
    expected: tuple[Assignment, ...]
    expect_error: bool = False
    error_text: str | None = None


Statement = (
    ModuleDecl | IncludeDecl | UseDecl | CutoffDecl | TypeDecl | FieldDecl | ValueDecl
    | TableDecl | DecisionDecl | ExampleDecl | ComplaintDecl | AbbreviationDecl
)


@dataclass(frozen=True)
class Program(Node):
    statements: tuple[Statement, ...]
