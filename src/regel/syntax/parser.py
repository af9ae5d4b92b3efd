"""Parse `.regel` text with Lark and transform the parse tree into the AST.

Lark errors never escape: they become Diagnostics with a span, a Danish message
and a hint. After an error the parser blanks the broken statement and resumes
at the next top-level keyword, so one run reports several independent errors.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from .. import diagnostics as dg
from ..source import SourceFile, Span
from . import ast

MAX_ERRORS = 20

STATEMENT_KEYWORDS = (
    "modul", "inkluder", "brug", "skæringsdato", "type", "felt", "værdi",
    "tabel", "beslutning", "eksempel",
)
ALL_KEYWORDS = STATEMENT_KEYWORDS + (
    "er", "en", "af", "standard", "hjemmel", "gælder", "fra", "til", "politik",
    "afrunding", "beskrivelse", "relation", "hvor", "ved", "version", "unik",
    "første", "prioritet", "samling", "givet", "forvent", "fejl", "ikke", "afvis",
    "heltal", "beløb", "procent", "dato", "tekst", "ja", "nej", "kr", "hele", "kroner",
)

# How a terminal is described to a legal editor.
TOKEN_NAMES = {
    "NAME": "et navn", "STRING": "en tekst i anførselstegn", "NUMBER": "et tal",
    "DATE": "en dato (ÅÅÅÅ-MM-DD)", "_NL": "linjeskift", "_BAR": "«|»", "_DBAR": "«||»",
    "_END_BAR": "«|» ved rækkens slutning",
    "ANY": "«-»", "CMP": "en sammenligning (<, <=, >, >=)", "BRACKET": "«[» eller «]»",
    "KR": "«kr»", "$END": "filens slutning", "_SEP": "komma eller linjeskift",
    "AGGREGATOR": "sum, min, maks eller antal", "BOOL_TYPE": "«ja/nej»",
}


@lru_cache(maxsize=1)
def _parser() -> Lark:
    text = resources.files("regel.grammar").joinpath("regel.lark").read_text("utf-8")
    return Lark(text, parser="lalr", lexer="contextual", propagate_positions=True,
                maybe_placeholders=True, cache=False)


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

    def __init__(self, source: SourceFile) -> None:
        super().__init__()
        self.source = source

    def _span(self, meta) -> Span:
        if getattr(meta, "empty", True):
            return Span(self.source, 0, 0)
        return Span(self.source, meta.start_pos, meta.end_pos)

    def _tspan(self, tok: Token) -> Span:
        return Span(self.source, tok.start_pos, tok.end_pos)

    # literals
    @v_args(meta=True)
    def number(self, meta, c):
        return ast.Number(self._span(meta), parse_number(c[0]))

    @v_args(meta=True)
    def amount(self, meta, c):
        return ast.Number(self._span(meta), parse_number(c[0]), "kr")

    @v_args(meta=True)
    def percent(self, meta, c):
        return ast.Number(self._span(meta), parse_number(c[0]), "%")

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
        name, tref, default, desc = c
        return ast.FieldDecl(self._span(meta), _norm(name), tref, default,
                             parse_string(desc) if desc else None)

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

    @v_args(meta=True)
    def relation(self, meta, c):
        out, expr, alias, base_out, col, val = c
        return ast.Relation(self._span(meta), _norm(out), expr, _norm(alias), _norm(base_out), _norm(col), val)

    @v_args(meta=True)
    def header_cell(self, meta, c):
        return ast.HeaderCell(self._span(meta), _norm(c[0]), c[1])

    def header(self, c):
        return c

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
        return ast.DecisionDecl(self._span(meta), _norm(c[0]), parse_string(c[1]) if c[1] else None,
                                tuple(c[2:]))

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


def _parse_date(tok: str) -> date:
    y, m, d = (int(x) for x in str(tok).split("-"))
    return date(y, m, d)  # ValueError is turned into a diagnostic by the caller


def _make_grid(span: Span, header: list, rows: list) -> ast.Grid:
    ins, outs = header
    built = []
    for _tag, rspan, (rin, rout) in rows:
        built.append(ast.Row(rspan, tuple(rin), tuple(rout)))
    return ast.Grid(span, tuple(ins), tuple(outs), tuple(built))


def _describe(tok_type: str) -> str:
    if tok_type in TOKEN_NAMES:
        return TOKEN_NAMES[tok_type]
    try:
        pattern = _parser().get_terminal(tok_type).pattern
        if pattern.type == "str":
            return f"«{pattern.value}»"
    except (KeyError, AttributeError):
        pass
    return tok_type.lower()


def _expected_text(expected: set[str]) -> str:
    names = sorted({_describe(e) for e in expected if not e.startswith("__")})
    if len(names) > 6:
        names = names[:6] + ["…"]
    return ", ".join(names)


def _keyword_hint(word: str, expected: set[str]) -> str | None:
    """'mente du …?' for a misspelt keyword among those the parser wanted."""
    wanted = []
    for e in expected:
        d = _describe(e)
        if d.startswith("«") and d[1:-1].isalpha():
            wanted.append(d[1:-1])
    pool = wanted or list(ALL_KEYWORDS)
    match = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f"Mente du «{match[0]}»?" if match else None


def _error_diagnostic(source: SourceFile, err: UnexpectedInput) -> dg.Diagnostic:
    pos = getattr(err, "pos_in_stream", None)
    if isinstance(err, UnexpectedToken) and err.token is not None:
        tok = err.token
        if tok.type == "$END":
            pos = len(source.text)
            span = Span(source, pos, pos)
            return dg.error("E001", "Filen slutter midt i en sætning.", span,
                            f"Der mangler {_expected_text(err.expected)}.")
        start = tok.start_pos if tok.start_pos is not None else 0
        end = tok.end_pos if tok.end_pos is not None else start + len(str(tok))
        span = Span(source, start, max(end, start + 1) if start < len(source.text) else start)
        shown = "linjeskift" if tok.type in ("_NL", "_SEP") and str(tok).strip(", ") == "" else str(tok)
        hint = None
        if tok.type == "NAME":
            hint = _keyword_hint(str(tok), err.expected)
        if hint is None and tok.type == "_BAR":
            hint = "Tjek antallet af «|» i rækken: hver celle står mellem to lodrette streger."
        if hint is None and tok.type == "_NL" and "_END_BAR" in err.expected:
            hint = "En række i tabellen skal slutte med «|»."
        if hint is None:
            hint = f"Her forventes {_expected_text(err.expected)}."
        return dg.error("E002", f"Uventet «{shown.strip()}» her.", span, hint,
                        data={"forventet": sorted(err.expected)})
    if isinstance(err, UnexpectedCharacters):
        pos = err.pos_in_stream
        ch = source.text[pos] if pos < len(source.text) else ""
        span = Span(source, pos, min(pos + 1, len(source.text)))
        if ch == '"':
            return dg.error("E003", "Teksten er ikke afsluttet.", span,
                            'Afslut teksten med et « " » på samme linje, eller brug """ … """ til flere linjer.')
        shown = repr(ch)[1:-1] if not ch.isprintable() else ch
        allowed = _expected_text(set(err.allowed or ()))
        return dg.error("E004", f"Tegnet «{shown}» kan ikke stå her.", span,
                        f"Her forventes {allowed}." if allowed else None)
    if isinstance(err, UnexpectedEOF):
        pos = len(source.text)
        return dg.error("E001", "Filen slutter midt i en sætning.", Span(source, pos, pos),
                        f"Der mangler {_expected_text(set(err.expected))}.")
    pos = pos or 0
    return dg.error("E002", "Syntaksfejl.", Span(source, pos, pos))


_STMT_START = re.compile(r"^(?:" + "|".join(STATEMENT_KEYWORDS) + r")\b", re.MULTILINE)


def _blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] with spaces, keeping line breaks (and offsets)."""
    middle = "".join(ch if ch in "\r\n" else " " for ch in text[start:end])
    return text[:start] + middle + text[end:]


def _statement_bounds(text: str, pos: int) -> tuple[int, int]:
    """The top-level statement around `pos`: from the last line starting with a
    statement keyword (column 1) before it, to the next one after it."""
    start = 0
    for m in _STMT_START.finditer(text, 0, pos + 1):
        if m.start() <= pos:
            start = m.start()
    nxt = _STMT_START.search(text, pos + 1)
    end = nxt.start() if nxt else len(text)
    if end <= start:
        end = len(text)
    return start, end


def parse(source: SourceFile) -> tuple[ast.Program | None, list[dg.Diagnostic]]:
    """Parse one file. Returns the AST of what parsed and all syntax diagnostics."""
    diags: list[dg.Diagnostic] = []
    text = source.text
    if "\x00" in text:
        pos = text.index("\x00")
        diags.append(dg.error("E005", "Filen indeholder et NUL-tegn.", Span(source, pos, pos + 1),
                              "Gem filen igen som almindelig tekst (UTF-8)."))
        text = text.replace("\x00", " ")
    for _ in range(MAX_ERRORS):
        try:
            tree = _parser().parse(text + "\n")
        except UnexpectedInput as err:
            diags.append(_error_diagnostic(source, err))
            pos = getattr(err, "pos_in_stream", None)
            if isinstance(err, UnexpectedToken) and err.token is not None and err.token.start_pos is not None:
                pos = err.token.start_pos
            if pos is None or pos >= len(text):
                return None, diags
            start, end = _statement_bounds(text, pos)
            text = _blank(text, start, end)
            continue
        except (LarkError, RecursionError) as err:  # defensive: never a traceback
            diags.append(dg.error("E006", f"Filen kunne ikke læses: {type(err).__name__}.",
                                  Span(source, 0, 0)))
            return None, diags
        try:
            program = _Builder(source).transform(tree)
        except VisitError as err:
            orig = err.orig_exc
            tok = getattr(err.obj, "meta", None)
            span = Span(source, tok.start_pos, tok.end_pos) if tok is not None and not tok.empty else Span(source, 0, 0)
            if isinstance(orig, ValueError):
                diags.append(dg.error("E007", f"Ugyldig værdi: {orig}.", span,
                                      "Datoer skrives ÅÅÅÅ-MM-DD, fx 2024-01-01."))
            else:
                diags.append(dg.error("E006", f"Intern fejl i oversætteren: {orig!r}.", span))
            return None, diags
        except RecursionError:
            diags.append(dg.error("E008", "Udtrykket er for dybt indlejret.", Span(source, 0, 0),
                                  "Del udtrykket op i flere værdier."))
            return None, diags
        return program, diags
    return None, diags
