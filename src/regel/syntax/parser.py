"""Parse `.regel` text with Lark and transform the parse tree into the AST.

Lark errors never escape: they become Diagnostics with a span, a Danish message
and a hint (see messages.py). After an error every top-level statement is parsed
on its own (recovery.py), so one run reports several independent errors.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from lark import Lark, Token, Transformer, Tree, v_args
from lark.exceptions import LarkError, UnexpectedInput, VisitError
from lark.lexer import PatternRE, TerminalDef

from .. import diagnostics as dg
from ..source import SourceFile, Span
from . import ast
from .messages import KEYWORD_TERMINALS, TERMINAL_TEXT, error_diagnostic, error_pos
from .recovery import MAX_ERRORS, PieceError, parse_statement, statement_starts

# Lark parses some 100 kB of dense grid per second (real files, with comments
# and long texts, several times that); past this size a file is refused at
# once rather than keeping an editor waiting. All of tables/ is under 60 kB.
MAX_SOURCE_CHARS = 2_000_000  # ~20 s of parsing at worst; tables of 10.000+ rows fit

_WORD = re.compile(r"\w+")


def word_bounded_keywords(term: TerminalDef) -> None:
    """Make a keyword match only a whole word (Lark `edit_terminals` hook).

    Lark matches a string terminal as a prefix, so where only keywords can
    follow, `tabell` lexed as `tabel` + `l` and `felta: heltal` as `felt a:
    heltal`. As a regex with `(?!\\w)` the keyword needs a word boundary; the
    higher priority keeps it ahead of NAME where both are allowed, which is
    what Lark's keyword-vs-name rule did before. Valid programs lex the same.
    """
    pat = term.pattern
    if pat.type == "str":
        TERMINAL_TEXT[term.name] = pat.value
    if pat.type == "str" and _WORD.fullmatch(pat.value):
        KEYWORD_TERMINALS[term.name] = pat.value
        term.pattern = PatternRE(re.escape(pat.value) + r"(?!\w)", pat.flags)
        term.priority = 1
    elif term.name == "AGGREGATOR":
        term.pattern = PatternRE(f"(?:{pat.value})(?!\\w)", pat.flags)


@lru_cache(maxsize=1)
def _parser() -> Lark:
    text = resources.files("regel.grammar").joinpath("regel.lark").read_text("utf-8")
    return Lark(text, parser="lalr", lexer="contextual", propagate_positions=True,
                maybe_placeholders=True, cache=False, edit_terminals=word_bounded_keywords)


def _norm(name: str) -> str:
    return unicodedata.normalize("NFC", str(name))


def parse_number(text: str) -> Decimal:
    """Danish notation: `1.964` is 1964, `10.469,50` is 10469.50."""
    return Decimal(text.replace(".", "").replace(",", "."))


def parse_string(text: str) -> str:
    if text.startswith('"""'):
        body = text[3:-3]
        lines = body.replace("\r\n", "\n").split("\n")
        if lines and not lines[0].strip():
            lines = lines[1:]
        indents = [len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()]
        cut = min(indents, default=0)
        return "\n".join(ln[cut:] for ln in lines).strip()
    body = text[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


class _Builder(Transformer):
    """One method per tree shape; each returns an AST node with its span."""

    def __init__(self, source: SourceFile, offset: int = 0, end: int | None = None) -> None:
        super().__init__()
        self.source = source
        self.offset = offset  # where the parsed piece starts in the file
        # Where it ends: the newline the parser appends must not stretch a span
        # past the file (or into the next statement).
        self.end = len(source.text) if end is None else end

    def _pos(self, pos: int) -> int:
        p = self.offset + pos  # a hot path: plain comparison, not min()
        return p if p < self.end else self.end

    def _span(self, meta) -> Span:
        if getattr(meta, "empty", True):
            return Span(self.source, self.offset, self.offset)
        return Span(self.source, self._pos(meta.start_pos), self._pos(meta.end_pos))

    def _tspan(self, tok: Token) -> Span:
        return Span(self.source, self._pos(tok.start_pos), self._pos(tok.end_pos))

    # literals
    @v_args(meta=True)
    def number(self, meta, c):
        return ast.Number(self._span(meta), _checked_number(c[0]))

    @v_args(meta=True)
    def amount(self, meta, c):
        return ast.Number(self._span(meta), _checked_number(c[0]), "kr")

    @v_args(meta=True)
    def percent(self, meta, c):
        return ast.Number(self._span(meta), _checked_number(c[0]), "%")

    @v_args(meta=True)
    def date(self, meta, c):
        return ast.DateLit(self._span(meta), _parse_date(c[0]))

    @v_args(meta=True)
    def true(self, meta, c):
        return ast.Bool(self._span(meta), True)

    @v_args(meta=True)
    def false(self, meta, c):
        return ast.Bool(self._span(meta), False)

    @v_args(meta=True)
    def text(self, meta, c):
        return ast.Text(self._span(meta), parse_string(c[0]))

    @v_args(meta=True)
    def name(self, meta, c):
        return ast.Name(self._span(meta), _norm(c[0]))

    # expressions
    def _bin(op):  # noqa: N805 - a small factory for the four operators
        @v_args(meta=True)
        def build(self, meta, c):
            left, right = c[0], c[-1]
            return ast.BinOp(self._span(meta), op, left, right)
        return build

    add, sub, mul, div = _bin("+"), _bin("-"), _bin("*"), _bin("/")

    @v_args(meta=True)
    def neg(self, meta, c):
        return ast.Neg(self._span(meta), c[-1])

    @v_args(meta=True)
    def call(self, meta, c):
        args = tuple(a for a in c[1:] if a is not None)
        return ast.Call(self._span(meta), _norm(c[0]), args)

    @v_args(meta=True)
    def no_value(self, meta, c):
        return ast.NoValue(self._tspan(c[0]))

    @v_args(meta=True)
    def refuse(self, meta, c):
        return ast.Refuse(self._span(meta), parse_string(c[0]))

    # types
    def _typed(kind):  # noqa: N805
        @v_args(meta=True)
        def build(self, meta, c):
            low = high = None
            if c and isinstance(c[0], tuple):
                low, high = c[0]
            return ast.TypeRef(self._span(meta), kind, low=low, high=high)
        return build

    int_type, amount_type, percent_type = _typed("int"), _typed("amount"), _typed("percent")
    date_type, text_type = _typed("date"), _typed("text")

    @v_args(meta=True)
    def bool_type(self, meta, c):
        return ast.TypeRef(self._span(meta), "bool")

    @v_args(meta=True)
    def named_type(self, meta, c):
        return ast.TypeRef(self._span(meta), "named", _norm(c[0]))

    def bounds(self, c):
        return (c[0], c[1])

    def upper_bound(self, c):
        return (None, c[0])

    @v_args(meta=True)
    def enum_item(self, meta, c):
        return ast.EnumItem(self._span(meta), _norm(c[0]), parse_string(c[1]) if c[1] else None)

    def enum_body(self, c):
        return tuple(c)

    @v_args(meta=True)
    def type_decl(self, meta, c):
        body = c[1]
        if isinstance(body, tuple):
            return ast.TypeDecl(self._span(meta), _norm(c[0]), body, None)
        return ast.TypeDecl(self._span(meta), _norm(c[0]), None, body)

    # fields and values
    def default(self, c):
        return c[0]

    @v_args(meta=True)
    def field_decl(self, meta, c):
        name, tref, default, desc, letter = c
        return ast.FieldDecl(self._span(meta), _norm(name), tref, default,
                             parse_string(desc) if desc else None, parse_string(letter) if letter else None)

    @v_args(meta=True)
    def value_decl(self, meta, c):
        name, tref, expr, desc = c
        return ast.ValueDecl(self._span(meta), _norm(name), tref, expr,
                             parse_string(desc) if desc else None)

    # tables
    @v_args(meta=True)
    def citation(self, meta, c):
        return ast.Citation(self._span(meta), parse_string(c[0]))

    @v_args(meta=True)
    def description(self, meta, c):
        return ast.Description(self._span(meta), parse_string(c[0]))

    @v_args(meta=True)
    def validity(self, meta, c):
        return ast.Validity(self._span(meta), _parse_date(c[0]), _parse_date(c[1]) if c[1] else None)

    @v_args(meta=True)
    def policy(self, meta, c):
        return c[0].__class__(self._span(meta), c[0].kind, c[0].aggregator)

    @v_args(meta=True)
    def unique(self, meta, c):
        return ast.Policy(self._span(meta), "unique")

    @v_args(meta=True)
    def first(self, meta, c):
        return ast.Policy(self._span(meta), "first")

    @v_args(meta=True)
    def priority(self, meta, c):
        return ast.Policy(self._span(meta), "priority")

    @v_args(meta=True)
    def collect(self, meta, c):
        return ast.Policy(self._span(meta), "collect", str(c[0]) if c[0] else None)

    @v_args(meta=True)
    def rounding(self, meta, c):
        return ast.Rounding(self._span(meta), c[0])

    def round_kroner(self, c):
        return "kroner"

    def round_oere(self, c):
        return "oere"

    def round_kroner_down(self, c):
        return "kroner_down"

    def round_none(self, c):
        return "none"

    def round_kroner_up(self, c):
        return "kroner_up"

    # Rounding to a multiple of an amount: the mode names the direction and the step in kr
    # (runtime.core._round reads it: `til:half_up:100`).
    def round_to_nearest(self, c):
        return f"til:half_up:{_checked_number(c[0])}"

    def round_up_to(self, c):
        return f"til:up:{_checked_number(c[0])}"

    def round_down_to(self, c):
        return f"til:down:{_checked_number(c[0])}"

    @v_args(meta=True)
    def relation(self, meta, c):
        out, expr, alias, base_out, col, val = c
        return ast.Relation(self._span(meta), _norm(out), expr, _norm(alias), _norm(base_out), _norm(col), val)

    @v_args(meta=True)
    def row_relation(self, meta, c):
        out, expr = c
        return ast.Relation(self._span(meta), _norm(out), expr, None, None, None, None)

    @v_args(meta=True)
    def header_cell(self, meta, c):
        return ast.HeaderCell(self._span(meta), _norm(c[0]), c[1])

    def header(self, c):
        return c

    def constant_header(self, c):
        return [(), c[0]]

    def headers(self, c):
        return tuple(c)

    def in_cells(self, c):
        return tuple(c)

    def out_cells(self, c):
        return tuple(c)

    @v_args(meta=True)
    def any_cell(self, meta, c):
        return ast.AnyCell(self._tspan(c[0]))

    @v_args(meta=True)
    def conditions(self, meta, c):
        return ast.CondCell(self._span(meta), tuple(c))

    @v_args(meta=True)
    def negated(self, meta, c):
        return ast.CondCell(self._span(meta), c[0].conditions, True)

    @v_args(meta=True)
    def eq(self, meta, c):
        return ast.Eq(self._span(meta), c[0])

    @v_args(meta=True)
    def cmp(self, meta, c):
        return ast.Cmp(self._span(meta), str(c[0]), c[1])

    @v_args(meta=True)
    def interval(self, meta, c):
        return ast.Interval(self._span(meta), c[1], c[2], c[0] == "[", c[3] == "]")

    @v_args(meta=True)
    def row(self, meta, c):
        return ("row", self._span(meta), c)

    @v_args(meta=True)
    def constant_row(self, meta, c):
        return ("row", self._span(meta), ((), c[0]))

    @v_args(meta=True)
    def grid(self, meta, c):
        header, rows = c[0], c[1:]
        return _make_grid(self._span(meta), header, rows)

    @v_args(meta=True)
    def version(self, meta, c):
        label = parse_string(c[0]) if c[0] else None
        return ast.Version(self._span(meta), label, tuple(c[1:-1]), c[-1])

    @v_args(meta=True)
    def table_decl(self, meta, c):
        name, title = c[0], c[1]
        rest = c[2:]
        clauses = tuple(x for x in rest if not isinstance(x, (ast.Grid, ast.Version)))
        bodies = [x for x in rest if isinstance(x, (ast.Grid, ast.Version))]
        if len(bodies) == 1 and isinstance(bodies[0], ast.Grid):
            g = bodies[0]
            versions = (ast.Version(g.span, None, (), g),)
        else:
            versions = tuple(bodies)
        return ast.TableDecl(self._span(meta), _norm(name), parse_string(title) if title else None,
                             clauses, versions, self._tspan(name))

    # statements
    @v_args(meta=True)
    def module_decl(self, meta, c):
        return ast.ModuleDecl(self._span(meta), _norm(c[0]))

    @v_args(meta=True)
    def include_decl(self, meta, c):
        return ast.IncludeDecl(self._span(meta), parse_string(c[0]))

    @v_args(meta=True)
    def use_decl(self, meta, c):
        return ast.UseDecl(self._span(meta), _norm(c[0]))

    @v_args(meta=True)
    def cutoff_decl(self, meta, c):
        return ast.CutoffDecl(self._span(meta), _norm(c[0]))

    @v_args(meta=True)
    def decision_item(self, meta, c):
        return ast.DecisionItem(self._span(meta), _norm(c[0]), c[1])

    @v_args(meta=True)
    def decision_decl(self, meta, c):
        items = tuple(x for x in c[2:] if isinstance(x, ast.DecisionItem))
        letters = [x for x in c[2:] if isinstance(x, ast.Letter) and x.when is None]
        cases = tuple(x for x in c[2:] if isinstance(x, ast.Letter) and x.when is not None)
        return ast.DecisionDecl(self._span(meta), _norm(c[0]), parse_string(c[1]) if c[1] else None,
                                items, letters[-1] if letters else None, cases)

    @v_args(meta=True)
    def decision_letter(self, meta, c):
        return ast.Letter(self._span(meta), parse_string(c[0]))

    @v_args(meta=True)
    def decision_letter_when(self, meta, c):
        return ast.Letter(self._span(meta), parse_string(c[2]), when=(_norm(c[0]), c[1]))

    @v_args(meta=True)
    def source_clause(self, meta, c):
        return ast.Source(self._span(meta), parse_string(c[0]))

    @v_args(meta=True)
    def letter(self, meta, c):
        return ast.Letter(self._span(meta), parse_string(c[0]))

    @v_args(meta=True)
    def row_letter(self, meta, c):
        return ast.Letter(self._span(meta), parse_string(c[1]), str(c[0]))

    @v_args(meta=True)
    def abbreviation_decl(self, meta, c):
        return ast.AbbreviationDecl(self._span(meta), parse_string(c[0]), parse_string(c[1]))

    @v_args(meta=True)
    def complaint_decl(self, meta, c):
        return ast.ComplaintDecl(self._span(meta), parse_string(c[0]))

    @v_args(meta=True)
    def assignment(self, meta, c):
        return ast.Assignment(self._span(meta), _norm(c[0]), c[1])

    def assignments(self, c):
        return tuple(c)

    def expect_error(self, c):
        return ("fejl", parse_string(c[0]) if c[0] else None)

    @v_args(meta=True)
    def example_decl(self, meta, c):
        title, decision, given, expected = c
        span = self._span(meta)
        if isinstance(expected, tuple) and expected and expected[0] == "fejl":
            return ast.ExampleDecl(span, parse_string(title), _norm(decision) if decision else None,
                                   given, (), True, expected[1])
        return ast.ExampleDecl(span, parse_string(title), _norm(decision) if decision else None,
                               given, expected)

    @v_args(meta=True)
    def start(self, meta, c):
        return ast.Program(self._span(meta), tuple(c))


# Limits on a written number: 15 digits keep every amount inside Decimal's 28
# digits of exact arithmetic (and the analysis' unit range); longer numbers are
# no legal figures and made lowering quadratic (a 900,000-digit number: 90 s).
MAX_WHOLE_DIGITS = 15
MAX_DECIMALS = 10


class BadNumberError(ValueError):
    """A NUMBER token with too many digits; carries the token."""

    def __init__(self, tok: Token) -> None:
        super().__init__(str(tok)[:40])
        self.token = tok


def _checked_number(tok: Token) -> Decimal:
    whole, _, frac = str(tok).replace(".", "").partition(",")
    if len(whole.lstrip("0")) > MAX_WHOLE_DIGITS or len(frac) > MAX_DECIMALS:
        raise BadNumberError(tok)
    return parse_number(tok)


class BadDateError(ValueError):
    """A DATE token that is no calendar date (2024-02-30); carries the token."""

    def __init__(self, tok: Token) -> None:
        super().__init__(str(tok))
        self.token = tok


def _parse_date(tok: Token) -> date:
    y, m, d = (int(x) for x in str(tok).split("-"))
    try:
        return date(y, m, d)
    except ValueError:
        raise BadDateError(tok) from None  # turned into a diagnostic by the caller


def _make_grid(span: Span, header: list, rows: list) -> ast.Grid:
    ins, outs = header
    built = []
    for _tag, rspan, (rin, rout) in rows:
        built.append(ast.Row(rspan, tuple(rin), tuple(rout)))
    return ast.Grid(span, tuple(ins), tuple(outs), tuple(built))


# ---- one parse of a piece of text ---------------------------------------------------
# Lowering, code generation and Python itself recurse over expressions; a
# parse tree deeper than this (an expression nested ~100 levels) is refused
# here with a message instead of failing later with RecursionError.
MAX_TREE_DEPTH = 110


def _too_deep(tree: Tree) -> Tree | None:
    """The top-level statement holding a branch deeper than MAX_TREE_DEPTH, if any."""
    stack = [(tree, 0, tree)]
    while stack:
        node, depth, top = stack.pop()
        if depth > MAX_TREE_DEPTH:
            return top
        stack.extend((c, depth + 1, c if depth == 0 else top) for c in node.children if isinstance(c, Tree))
    return None


def _meta_span(source: SourceFile, offset: int, node, end: int) -> Span:
    """The span of a parse-tree node, cut at `end` (the parser sees an extra newline)."""
    meta = getattr(node, "meta", None)
    if meta is None or meta.empty:
        return Span(source, offset, offset)
    return Span(source, min(offset + meta.start_pos, end), min(offset + meta.end_pos, end))


_TOO_DEEP = "Udtrykket er for dybt indlejret."
_SPLIT_IT = "Del udtrykket op i flere «værdi»-linjer."


def _attempt(source: SourceFile, piece: str, offset: int, last: bool) -> ast.Program:
    """Parse and build `piece` (which starts at `offset` in the file); raises PieceError."""
    end = offset + len(piece)
    try:
        tree = _parser().parse(piece + "\n")
    except UnexpectedInput as err:
        raise PieceError(error_diagnostic(source, piece, offset, err, last), error_pos(err)) from None
    except (LarkError, RecursionError) as err:  # defensive: never a traceback
        raise PieceError(dg.error("E006", f"Filen kunne ikke læses ({type(err).__name__}).",
                                   Span(source, offset, offset)), None) from None
    deep = _too_deep(tree)
    if deep is not None:
        raise PieceError(dg.error("E008", _TOO_DEEP, _meta_span(source, offset, deep, end), _SPLIT_IT), None)
    try:
        return _Builder(source, offset, end).transform(tree)
    except VisitError as err:
        orig = err.orig_exc
        if isinstance(orig, BadDateError):
            tok = orig.token
            span = Span(source, offset + tok.start_pos, offset + tok.end_pos)
            diag = dg.error("E007", f"Datoen «{tok}» findes ikke.", span,
                            "Datoer skrives ÅÅÅÅ-MM-DD med en måned fra 01 til 12 og en dag, der findes i måneden.")
        elif isinstance(orig, BadNumberError):
            tok = orig.token
            shown = str(tok) if len(tok) <= 30 else str(tok)[:20] + "…"
            diag = dg.error("E007", f"Tallet «{shown}» har for mange cifre.",
                            Span(source, offset + tok.start_pos, offset + tok.end_pos),
                            f"Et tal har højst {MAX_WHOLE_DIGITS} cifre før kommaet og {MAX_DECIMALS} efter.")
        elif isinstance(orig, RecursionError):
            diag = dg.error("E008", _TOO_DEEP, _meta_span(source, offset, err.obj, end), _SPLIT_IT)
        else:
            diag = dg.error("E006", f"Intern fejl i oversætteren ({type(orig).__name__}).",
                            _meta_span(source, offset, err.obj, end), "Meld venligst fejlen med filen.")
        raise PieceError(diag, None) from None
    except RecursionError:
        raise PieceError(dg.error("E008", _TOO_DEEP, Span(source, offset, offset), _SPLIT_IT), None) from None


def parse(source: SourceFile) -> tuple[ast.Program | None, list[dg.Diagnostic]]:
    """Parse one file. Returns the AST of what parsed and all syntax diagnostics."""
    diags: list[dg.Diagnostic] = []
    text = source.text
    if len(text) > MAX_SOURCE_CHARS:
        return None, [dg.error("E010", f"Filen er for stor ({len(text)} tegn).", Span(source, 0, 0),
                               f"Højst {MAX_SOURCE_CHARS} tegn pr. fil; del reglerne op i flere filer.")]
    if "\x00" in text:
        pos = text.index("\x00")
        diags.append(dg.error("E005", "Filen indeholder et NUL-tegn.", Span(source, pos, pos + 1),
                              "Gem filen igen som almindelig tekst (UTF-8)."))
        text = text.replace("\x00", " ")
    try:
        return _attempt(source, text, 0, True), diags
    except PieceError as fail:
        first = fail.diag
    statements: list[ast.Statement] = []
    errors: list[dg.Diagnostic] = []
    # Characters the recovery may parse in all, so it stays linear in the file.
    budget = [3 * len(text) + 10_000]
    bounds = [0, *statement_starts(text), len(text)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        if len(errors) > MAX_ERRORS or budget[0] <= 0:
            break
        if a < b:
            got, errs = parse_statement(source, text, a, b, b == len(text), budget,
                                        MAX_ERRORS + 1 - len(errors), _attempt)
            statements += got
            errors += errs
    if len(errors) > MAX_ERRORS:
        cut = errors[MAX_ERRORS].span
        at = cut.start if cut is not None else len(source.text)
        errors = errors[:MAX_ERRORS] + [dg.Diagnostic(
            dg.Severity.NOTE, "E014", f"Der er mere end {MAX_ERRORS} syntaksfejl; resten af filen er ikke undersøgt.",
            Span(source, at, at))]
    # Parsed alone, every statement may pass where the whole file did not
    # (a split inside something unusual): the first error still stands.
    diags += errors or [first]
    return ast.Program(Span(source, 0, len(source.text)), tuple(statements)), diags
