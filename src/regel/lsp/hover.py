"""Hover texts (Danish Markdown): what a name is, or what a rule's row does.

The texts come from the model the checker checks (`ir.Module`: types, domains,
versions, citations, rule outputs) when the module loads, else from the syntax
tree as written; whether examples cover a rule is the reference interpreter's
answer for each `eksempel` (`interp.evaluate`, the rules that fired).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..model import ir
from ..model.show import expr_text
from ..model.types import Kind, Type, format_value
from ..review.text import policy_name
from ..review.text import type_text as _model_type_text
from ..syntax import ast
from .index import Index, Symbol, enclosing


def _code(text: str) -> str:
    return f"```regel\n{text.strip()}\n```"


def _first_line(span) -> str:
    return span.file.line_text(span.line).strip()


def declared_type(ref: ast.TypeRef) -> str:
    """A type as it is declared (`heltal fra 0 til 130`, `beløb fra 0 kr`, `Målgruppe`), with
    its spacing made even: what the hover and the outline both show for a field."""
    return " ".join(ref.span.text.split())


def type_text(t: Type, ref: ast.TypeRef | None = None) -> str:
    """A type as Danish text: as declared when `ref` is given, else from the model (the review
    pages' wording: `heltal fra 0 til 130`); an enum lists its values."""
    base = declared_type(ref) if ref is not None else _model_type_text(t)
    if t.kind is Kind.ENUM:
        return f"{base} (en af: {', '.join(t.values)})"
    return base


def hover(idx: Index, model: ir.Module | None, path: Path, offset: int,
          coverage) -> tuple[str, int, int] | None:
    """Markdown and the (start, end) it is about, or None. `coverage(model)` gives the set of
    rule references (`Tabel@version/id`) the module's examples fire."""
    program = idx.programs.get(path)
    inc = idx.include_at(path, offset)
    if inc is not None:  # the line, not the line break (and blank lines) its span runs into
        end = inc.span.start + len(inc.span.text.split("\n", 1)[0].rstrip())
        if inc.target is None:
            return "Filen findes ikke.", inc.span.start, end
        return f"**fil** `{inc.target.name}`\n\n{inc.target}", inc.span.start, end
    word = idx.word_at(path, offset)
    chain = enclosing(program, offset) if program is not None else []
    if word is not None:
        name, start, end = word
        prefer = "opremsningsværdi" if any(isinstance(n, ast.Row) for n in chain) else None
        syms = idx.resolve(name, prefer)
        if syms:
            return describe(syms[0], model), start, end
    row = next((n for n in reversed(chain) if isinstance(n, ast.Row)), None)
    table = next((n for n in chain if isinstance(n, ast.TableDecl)), None)
    if row is not None and table is not None and model is not None:
        text = _row(model, table.name, row, coverage)
        if text:
            return text, row.span.start, row.span.start + len(row.span.text.rstrip())
    return None


def describe(sym: Symbol, model: ir.Module | None) -> str:
    """The hover text of a definition."""
    node = sym.node
    out: list[str] = []
    if sym.kind == "felt":
        assert isinstance(node, ast.FieldDecl)
        f = model.fields.get(sym.name) if model else None
        out.append(f"**felt** `{sym.name}`: {type_text(f.type, node.type) if f else declared_type(node.type)}")
        desc = (f.description if f else None) or node.description
        if desc:
            out.append(f"«{desc}»")
        if f is not None and f.has_default:
            out.append(f"standard: {format_value(f.type, f.default)}")
        elif node.default is not None:
            out.append(f"standard: {node.default.span.text}")
    elif sym.kind == "type":
        assert isinstance(node, ast.TypeDecl)
        t = model.types.get(sym.name) if model else None
        if node.enum is not None:
            items = "\n".join(f"- `{i.name}`" + (f" — {i.description}" if i.description else "") for i in node.enum)
            out.append(f"**type** `{sym.name}` er en af:\n\n{items}")
        else:
            written = declared_type(node.ref) if node.ref else ""
            out.append(f"**type** `{sym.name}`: {type_text(t, node.ref) if t else written}")
    elif sym.kind == "opremsningsværdi":
        assert isinstance(node, ast.EnumItem)
        typename = sym.owner.name if isinstance(sym.owner, ast.TypeDecl) else "?"
        out.append(f"**værdi** `{sym.name}` af typen `{typename}`")
        if node.description:
            out.append(f"«{node.description}»")
    elif sym.kind == "værdi":
        assert isinstance(node, ast.ValueDecl)
        v = model.values.get(sym.name) if model else None
        head = f"**værdi** `{sym.name}`"
        if v is not None:
            head += f": {type_text(v.type, node.type)}"
        elif node.type is not None:
            head += f": {declared_type(node.type)}"
        out.append(head)
        desc = (v.description if v else None) or node.description
        if desc:
            out.append(f"«{desc}»")
    elif sym.kind == "tabel":
        out.append(_table(sym, model))
    elif sym.kind == "resultat":
        t = model.producer(sym.name) if model else None
        typ = t.outputs[t.output_index(sym.name)].type if t else None
        owner = sym.owner.name if isinstance(sym.owner, ast.TableDecl) else "?"
        out.append(f"**resultat** `{sym.name}`" + (f": {type_text(typ)}" if typ else "") + f" — fra tabel `{owner}`")
    elif sym.kind == "beslutning":
        d = model.decisions.get(sym.name) if model else None
        out.append(f"**beslutning** `{sym.name}`" + (f" — {d.title}" if d and d.title else ""))
        if d is not None:
            out.append("poster: " + ", ".join(f"`{n}`" for n, _e in d.items))
    out.append(_code(_first_line(sym.span)))
    out.append(f"*{Path(sym.span.path).name}, linje {sym.span.line}*")
    return "\n\n".join(out)


def _period(v: ir.Version) -> str:
    if v.valid_from is None and v.valid_to is None:
        return "altid"
    a = v.valid_from.isoformat() if v.valid_from else "…"
    b = v.valid_to.isoformat() if v.valid_to else "…"
    return f"{a} – {b}"


def _table(sym: Symbol, model: ir.Module | None) -> str:
    node = sym.node
    assert isinstance(node, ast.TableDecl)
    t = model.tables.get(sym.name) if model else None
    title = (t.title if t else None) or node.title
    lines = [f"**tabel** `{sym.name}`" + (f" — {title}" if title else "")]
    if t is None:
        return lines[0]
    lines.append(f"politik: {policy_name(t)}")
    if t.citation:
        lines.append(f"hjemmel: {t.citation}")
    cols = ", ".join(c.name for c in t.inputs) or "ingen"
    lines.append(f"betingelser: {cols}; resultater: {', '.join(c.name for c in t.outputs)}")
    today = date.today()
    versions = []
    for v in t.versions:
        label = f"«{v.label}»" if v.label else "version"
        now = " **(gælder i dag)**" if t.versioned and v.in_force(today) else ""
        versions.append(f"- {label}: {_period(v)}, {len(v.rules)} regler{now}")
    if t.versioned or len(t.versions) > 1:
        lines.append("versioner:\n\n" + "\n".join(versions))
    if t.description:
        lines.append(t.description)
    return "\n\n".join(lines)


def _row(model: ir.Module, table_name: str, row: ast.Row, coverage) -> str | None:
    t = model.tables.get(table_name)
    if t is None:
        return None
    for v in t.versions:
        for r in v.rules:
            if r.span is None or r.span.start != row.span.start:
                continue
            where = f" (version «{v.label}»)" if v.label else ""
            lines = [f"**regel** `{r.id}` i tabel `{t.name}`{where}, række {r.row}"]
            lines.append(f"hjemmel: {r.citation or '(ingen)'}")
            outs = "\n".join(f"- `{c.name}` = {expr_text(e)}" for c, e in zip(t.outputs, r.outputs, strict=True))
            lines.append(f"resultater:\n\n{outs}")
            ref = f"{t.name}@{v.label}/{r.id}" if v.label else f"{t.name}/{r.id}"
            covered = coverage(model)
            if covered is None:
                lines.append("eksempler: kunne ikke køres")
            else:
                n = covered.get(ref, 0)
                lines.append(f"eksempler: dækket af {n} eksempel" + ("er" if n != 1 else "") if n
                             else "eksempler: **ingen eksempler rammer reglen**")
            return "\n\n".join(lines)
    return None


_COVERAGE: dict[int, tuple[ir.Module, dict[str, int] | None]] = {}


def coverage(model: ir.Module) -> dict[str, int] | None:
    """How many examples fire each rule (reference -> count), by the reference interpreter;
    an example that is refused counts the rules it fired before. Kept per model."""
    hit = _COVERAGE.get(id(model))
    if hit is not None and hit[0] is model:
        return hit[1]
    from .. import interp

    counts: dict[str, int] = {}
    try:
        for ex in model.examples:
            try:
                fired = interp.evaluate(model, ex.decision, dict(ex.given))["regler"]
            except interp.RegelFejl:
                continue
            for ref in set(fired):  # type: ignore[arg-type]
                counts[ref] = counts.get(ref, 0) + 1
        result: dict[str, int] | None = counts
    except Exception:  # noqa: BLE001 - a hover must never fail because an example cannot run
        result = None
    if len(_COVERAGE) > 8:
        _COVERAGE.clear()
    _COVERAGE[id(model)] = (model, result)
    return result
