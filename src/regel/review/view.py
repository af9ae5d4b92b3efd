"""What a review page shows, as plain data: the templates only lay it out.

Everything an editor wrote (titles, cells, citations, messages) stays plain
text here; escaping is the templates' job (autoescape is on), so nothing in
this module builds markup except the Pygments-highlighted source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from .. import diagnostics as dg
from ..model import ir
from ..model.graph import reach
from ..model.types import Type
from . import text as tx


@dataclass
class Link:
    text: str
    href: str


@dataclass
class Finding:
    severity: str  # Danish: fejl, advarsel, note
    css: str  # error, warning, note
    code: str
    message: str
    hint: str | None
    path: str | None  # where the finding points, shown as «path, linje N»
    line: int | None
    where_href: str | None
    example: list[tuple[str, str]]
    rules: list[Link]


@dataclass
class Cell:
    text: str
    css: str = ""


@dataclass
class Row:
    id: str
    anchor: str
    conditions: list[str]
    outputs: list[Cell]
    citation: str
    line: int | None
    line_href: str | None
    css: str = ""
    letter: str | None = None  # the rule's letter text (regel brev); "" = nothing in the letter
    letter_needed: bool = False  # a decision that writes letters reaches the rule (W132 when it has none)


@dataclass
class ColumnHead:
    name: str
    type: str
    origin: str  # felt, værdi, tabel …
    link: Link | None = None


@dataclass
class VersionView:
    label: str | None
    period: str
    rows: list[Row]
    findings: list[Finding]
    citation: str | None = None  # shared by every rule (shown once, above the grid)
    show_citations: bool = True  # rules differ in their citation: a column per row
    show_letters: bool = False  # the module writes letters: each rule's text, or that it has none
    source: str | None = None  # `kilde`: where the version's rules come from (for reviewers)
    wide: bool = False  # too wide to share the row with its findings


@dataclass
class TableView:
    name: str
    anchor: str
    title: str | None
    description: str | None
    policy: str
    policy_explained: str
    citation: str | None
    inputs: list[ColumnHead]
    outputs: list[ColumnHead]
    versions: list[VersionView]
    relations: list[str]
    depends: list[Link]
    used_by: list[Link]
    findings: list[Finding]  # about the table as a whole (not one version)
    errors: int = 0
    warnings: int = 0
    rule_count: int = 0
    source: str | None = None  # `kilde`: where the table's rules come from (for reviewers)


@dataclass
class DeclView:
    name: str
    anchor: str
    kind: str  # felt or værdi
    type: str
    detail: str  # default value or expression
    description: str | None


@dataclass
class DecisionView:
    name: str
    anchor: str
    title: str | None
    items: list[tuple[str, str, Link | None]]  # name, expression (or ""), producing table
    letter: str | None = None  # the afgørelse sentence of its letters (regel brev)
    # `brev når`: (the outcome, e.g. «sanktion = ingen», its sentence), tried before `letter`
    cases: list[tuple[str, str]] = field(default_factory=list)
    complaint: str | None = None  # the module's klagevejledning, shown with each decision that writes letters


@dataclass
class ExampleView:
    title: str
    decision: Link | None
    given: list[str]
    expected: list[str]
    status: str  # bestået, fejlet, ikke kørt
    css: str  # passed, failed, notrun
    message: str


@dataclass
class SourceView:
    path: str
    anchor: str
    html: Markup


@dataclass
class ModuleView:
    name: str
    page: str
    path: str
    loaded: bool
    files: list[str] = field(default_factory=list)
    cutoff: str | None = None
    tables: list[TableView] = field(default_factory=list)
    decls: list[DeclView] = field(default_factory=list)
    decisions: list[DecisionView] = field(default_factory=list)
    examples: list[ExampleView] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # not tied to one table
    sources: list[SourceView] = field(default_factory=list)
    check_note: str | None = None  # why the checks did not run
    examples_note: str | None = None  # why the examples did not run
    errors: int = 0
    warnings: int = 0

    @property
    def examples_passed(self) -> int:
        return sum(1 for e in self.examples if e.css == "passed")

    @property
    def examples_failed(self) -> int:
        return sum(1 for e in self.examples if e.css == "failed")

    @property
    def rule_count(self) -> int:
        return sum(t.rule_count for t in self.tables)

    def all_findings(self) -> list[Finding]:
        out = list(self.findings)
        for t in self.tables:
            out += t.findings
            for v in t.versions:
                out += v.findings
        return out


class Anchors:
    """Unique ASCII anchors within one page (slugs of æøå names can collide)."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.by_key: dict[tuple[str, str], str] = {}

    def get(self, prefix: str, name: str) -> str:
        key = (prefix, name)
        if key not in self.by_key:
            base = f"{prefix}-{tx.slug(name)}"
            anchor, n = base, 2
            while anchor in self.used:
                anchor, n = f"{base}-{n}", n + 1
            self.used.add(anchor)
            self.by_key[key] = anchor
        return self.by_key[key]


# ---- findings ------------------------------------------------------------------------------


SEVERITY_CSS = {dg.Severity.ERROR: "error", dg.Severity.WARNING: "warning", dg.Severity.NOTE: "note"}


def source_href(sources: dict[str, str], span) -> str | None:
    if span is None or span.path not in sources:
        return None
    return f"#{sources[span.path]}-{span.line}"


def finding(d: dg.Diagnostic, sources: dict[str, str], rule_href=None) -> Finding:
    raw = d.data.get("eksempel") if isinstance(d.data, dict) else None
    if isinstance(raw, dict):
        example = [(str(k), str(v)) for k, v in raw.items()]
    elif raw is not None:
        example = [("", str(raw))]
    else:
        example = []
    rules = []
    for rid in rule_ids(d):
        href = rule_href(rid) if rule_href else None
        rules.append(Link(rid, href or ""))
    return Finding(d.severity.value, SEVERITY_CSS.get(d.severity, "note"), d.code, d.message, d.hint,
                   d.span.path if d.span is not None else None, d.span.line if d.span is not None else None,
                   source_href(sources, d.span), example, rules)


def rule_ids(d: dg.Diagnostic) -> list[str]:
    data = d.data if isinstance(d.data, dict) else {}
    ids: list[str] = []
    if isinstance(data.get("regel"), str):
        ids.append(data["regel"])
    if isinstance(data.get("regler"), (list, tuple)):
        ids += [str(r) for r in data["regler"]]
    return list(dict.fromkeys(ids))


def version_key(v: ir.Version) -> str | None:
    """How the checker names a version in `Diagnostic.data['version']`."""
    if v.label is not None:
        return v.label
    return v.valid_from.isoformat() if v.valid_from is not None else None


def count(findings: Iterable[Finding]) -> tuple[int, int]:
    fs = list(findings)
    return sum(f.css == "error" for f in fs), sum(f.css == "warning" for f in fs)


# ---- tables --------------------------------------------------------------------------------


def _origin(module: ir.Module, table: ir.Table, name: str, anchors: Anchors) -> tuple[str, Link | None]:
    if name in module.fields:
        return "felt", Link(name, "#" + anchors.get("felt", name))
    if name in module.values:
        return "værdi", Link(name, "#" + anchors.get("felt", name))
    producer = module.producer(name)
    if producer is not None and producer.name != table.name:
        return "tabel", Link(f"fra tabel {producer.name}", "#" + anchors.get("tabel", producer.name))
    return "", None


def _uses(table: ir.Table) -> set[str]:
    names = {c.name for c in table.inputs}
    for v in table.versions:
        for r in v.rules:
            for o in r.outputs:
                names |= ir.refs(o)
    return names


def _through_values(module: ir.Module, names: set[str]) -> set[str]:
    """`names` and every name the values among them read, transitively: a table that
    reads a `værdi` built on another table's result builds on that table too."""
    out, todo = set(names), list(names)
    while todo:
        value = module.values.get(todo.pop())
        if value is None:
            continue
        for n in ir.refs(value.expr) - out:
            out.add(n)
            todo.append(n)
    return out


# Roughly the characters of monospaced cell text that fit beside the findings
# column on a laptop screen; wider grids get the whole width and findings below.
WIDE_CHARS = 80
CELL_CAP = 36  # longer cells wrap, so they widen the grid only this much


def _text_width(inputs: list[ColumnHead], outputs: list[ColumnHead], v: VersionView) -> int:
    columns = [[c.name] + [r.conditions[i] for r in v.rows] for i, c in enumerate(inputs)]
    columns += [[c.name] + [r.outputs[i].text for r in v.rows] for i, c in enumerate(outputs)]
    columns.append([r.id for r in v.rows] + ["Regel"])
    if v.show_citations:
        columns.append([r.citation for r in v.rows])
    return sum(min(CELL_CAP, max(len(t) for t in col)) + 3 for col in columns)


def table_view(module: ir.Module, table: ir.Table, diags: list[dg.Diagnostic], sources: dict[str, str],
               anchors: Anchors) -> TableView:
    anchor = anchors.get("tabel", table.name)
    inputs = []
    for c in table.inputs:
        origin, link = _origin(module, table, c.name, anchors)
        inputs.append(ColumnHead(c.name, tx.type_text(c.type), origin, link))
    outputs = [ColumnHead(c.name, tx.type_text(c.type), "resultat") for c in table.outputs]

    own = [d for d in diags if isinstance(d.data, dict) and d.data.get("tabel") == table.name]
    lettered = {t for d in module.decisions.values() if d.letters for t in reach(module, d).tables}
    keys = {version_key(v) for v in table.versions}
    versions = []
    for vi, v in enumerate(table.versions, start=1):
        key = version_key(v)
        mine = [d for d in own if "version" in d.data and d.data["version"] == key]
        row_anchor = {r.id: anchors.get("regel", f"{table.name}-{vi}-{r.id}") for r in v.rules}
        flagged: dict[str, str] = {}
        for d in mine:
            for rid in rule_ids(d):
                if flagged.get(rid) != "error":
                    flagged[rid] = SEVERITY_CSS.get(d.severity, "note")
        rows = []
        for r in v.rules:
            outs = [Cell(tx.expr_text(o), "refuse" if isinstance(o, ir.Refuse) else "") for o in r.outputs]
            conds = [c.text if c is not None else "-" for c in r.conditions]
            line = r.span.line if r.span is not None else None
            rows.append(Row(r.id, row_anchor[r.id], conds, outs, r.citation or "", line,
                            source_href(sources, r.span), flagged.get(r.id, ""),
                            r.letter.text if r.letter is not None else None, table.name in lettered))
        findings = [finding(d, sources, lambda rid, m=row_anchor: "#" + m[rid] if rid in m else None)
                    for d in mine]
        cites = {r.citation for r in v.rules}
        common = next(iter(cites)) if len(cites) == 1 else None
        vv = VersionView(v.label, tx.period_text(v.valid_from, v.valid_to), rows, findings, common, len(cites) > 1)
        vv.show_letters = module.complaint is not None or any(
            d.letters for d in module.decisions.values()) or any(r.letter is not None for r in v.rules)
        vv.source = v.source
        vv.wide = _text_width(inputs, outputs, vv) > WIDE_CHARS
        versions.append(vv)
    loose = [finding(d, sources) for d in own if "version" not in d.data or d.data["version"] not in keys]

    depends = []
    for name in sorted(_through_values(module, _uses(table))):
        producer = module.producer(name)
        if producer is not None and producer.name != table.name:
            link = Link(producer.name, "#" + anchors.get("tabel", producer.name))
            if link not in depends:
                depends.append(link)
    outs = {c.name for c in table.outputs}
    used_by = [Link(t.name, "#" + anchors.get("tabel", t.name)) for t in module.tables.values()
               if t.name != table.name and _through_values(module, _uses(t)) & outs]
    used_by += [Link(f"beslutning {d.name}", "#" + anchors.get("beslutning", d.name))
                for d in module.decisions.values()
                if any(_through_values(module, ir.refs(e)) & (outs | {"@" + table.name}) for _, e in d.items)]

    all_findings = [f for v in versions for f in v.findings] + loose
    errors, warnings = count(all_findings)
    return TableView(table.name, anchor, table.title, table.description, tx.policy_name(table),
                     tx.policy_explained(table), table.citation, inputs, outputs, versions,
                     [tx.relation_text(table, rel) for rel in table.relations], depends, used_by, loose,
                     errors, warnings, sum(len(v.rules) for v in table.versions), table.source)


# ---- declarations, decisions, examples -------------------------------------------------


def decl_views(module: ir.Module, anchors: Anchors) -> list[DeclView]:
    out = []
    for f in module.fields.values():
        detail = f"standard {tx.value_text(f.type, f.default)}" if f.has_default else ""
        out.append(DeclView(f.name, anchors.get("felt", f.name), "felt", tx.type_text(f.type), detail,
                            f.description))
    for v in module.values.values():
        out.append(DeclView(v.name, anchors.get("felt", v.name), "værdi", tx.type_text(v.type),
                            f"= {tx.expr_text(v.expr)}", v.description))
    return out


def decision_views(module: ir.Module, anchors: Anchors) -> list[DecisionView]:
    out = []
    for d in module.decisions.values():
        items = []
        for name, e in d.items:
            shown = "" if isinstance(e, ir.Ref) and e.name == name else tx.expr_text(e)
            producer = module.producer(e.name) if isinstance(e, ir.Ref) else None
            if isinstance(e, ir.CitationOf):
                producer = module.tables.get(e.table)
            link = Link(producer.name, "#" + anchors.get("tabel", producer.name)) if producer else None
            items.append((name, shown, link))
        letter = d.letter.text if d.letter is not None else None
        cases = [(f"{c.item} = {tx.value_text(c.value.type, c.value.value)}", c.letter.text) for c in d.cases]
        complaint = module.complaint.text if module.complaint is not None and d.letters else None
        out.append(DecisionView(d.name, anchors.get("beslutning", d.name), d.title, items, letter, cases, complaint))
    return out


def _assignment(module: ir.Module, name: str, value: object, t: Type | None = None) -> str:
    return f"{name} = {tx.value_text(t or module.symbol_type(name), value)}"


def example_views(module: ir.Module, results: list | None, anchors: Anchors) -> list[ExampleView]:
    by_example = {}
    for r in results or []:
        by_example.setdefault(r.example, r)
    out = []
    for ex in module.examples:
        given = [_assignment(module, n, v) for n, v in ex.given]
        if ex.expect_error:
            expected = [f"afvisning med «{ex.error_text}»" if ex.error_text else "afvisning"]
        else:
            expected = [_assignment(module, n, v, t) for n, v, t in ex.expected]
        link = Link(ex.decision, "#" + anchors.get("beslutning", ex.decision)) if ex.decision else None
        result = by_example.get(ex)
        if result is None:
            status, css, message = "ikke kørt", "notrun", ""
        elif result.passed:
            status, css, message = "bestået", "passed", "" if result.message == "ok" else result.message
        else:
            status, css, message = "fejlet", "failed", result.message
        out.append(ExampleView(ex.title, link, given, expected, status, css, message))
    return out
