"""Code generation: one Module becomes one plain-stdlib Python module.

The generator prepares every piece of code as text (through `literals`, the
injection boundary) and the Jinja template arranges the pieces. Output is
deterministic: it walks the module in declaration order and never iterates a set.
"""

from __future__ import annotations

import ast
import builtins
import keyword
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2

from ..checks.evaluate import result_key
from ..model import ir
from ..model.types import NEG_INF, POS_INF, Kind, Type
from ..runtime import EMBEDDED
from ..runtime.core import _POLICY_NAMES
from . import dispatch, exprs, fastpath
from .literals import Atom, Group, Node, Ops, Pair, Str, call, comment, docstring, lit, pyrepr, render
from .naming import Namer, ascii_name, identifier
from .spec import input_spec, letter_spec, output_spec, symbol_kinds

EMBED_MARKER = "# ---- EMBED:"


@dataclass(frozen=True)
class Function:
    """A generated function: name, docstring text, comment lines and body lines."""

    name: str
    doc: str | None
    body: tuple[str, ...]
    returns: str = "object"
    params: str = "ctx: _Ctx"
    # Comment lines above the `def` (a table version's grid as written in the source).
    above: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """A generated top-level statement (an assignment), already rendered."""

    code: str


@cache
def _embedded(filename: str) -> str:
    """The part of a runtime file that generated modules embed verbatim."""
    text = Path(__file__).parent.parent.joinpath("runtime", filename).read_text(encoding="utf-8")
    start = text.index(EMBED_MARKER)
    return text[text.index("\n", start) + 1:].strip("\n")


@cache
def _runtime_names() -> frozenset[str]:
    names: set[str] = set()
    for filename in EMBEDDED:
        for node in ast.parse(_embedded(filename)).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return frozenset(names)


def _grid_comment(v: ir.Version) -> tuple[str, ...]:
    """The version's grid as it stands in the source, one comment line per row
    (whitespace folded), so a reviewer finds every row of tables/ in generated/."""
    rows = [r.span for r in v.rules if r.span is not None]
    if not rows:
        return ()
    src = rows[0].file
    lines = [src.line_text(s.line) for s in rows]
    first = rows[0].line
    # The header is the nearest earlier line that starts with `|` (comments and blank
    # lines may stand between it and the first row).
    for n in range(rows[0].line - 1, 0, -1):
        text = src.line_text(n).strip()
        if text.startswith("|"):
            lines.insert(0, text)
            first = n
            break
        if text and not text.startswith("#"):
            break
    where = f"{Path(src.path).name}, line {first}"
    out = [f"# The grid ({where}; spaces between cells folded):"]
    for line in lines:
        text = "#   " + " ".join(line.split())
        # A row stays on one line, so it can be found with grep; long ones are marked as such.
        out.append(text + "  # noqa: E501" if len(text) > _LINE_LENGTH else text)
    return tuple(out)


_LINE_LENGTH = 120  # pyproject's ruff line length, which generated modules are checked against


def chain_depth(m: ir.Module) -> int:
    """The longest chain of tables and values the decisions can follow (a table that
    reads a value that reads a table … counts each link once)."""
    depth: dict[str, int] = {}
    owner = {c.name: t.name for t in m.tables.values() for c in t.outputs}
    for name in m.order:  # dependencies first
        if name in m.values:
            used = ir.refs(m.values[name].expr)
        else:
            t = m.tables[name]
            used = {c.name for c in t.inputs} | {n for v in t.versions for r in v.rules for e in r.outputs
                                                 for n in ir.refs(e)}
        links = []
        for n in used:
            key = n[1:] if n.startswith("@") else owner.get(n) or (n if n in m.values else None)
            if key is not None and key != name:
                links.append(depth.get(key, 0))
        depth[name] = 1 + max(links, default=0)
    return max(depth.values(), default=0)


# The engine follows a chain recursively, some ten Python calls per link. Python's
# default limit (1.000 calls) holds ~80 links; a deeper module raises the limit
# when imported (Python 3.11+ keeps pure-Python calls off the C stack).
_CALLS_PER_LINK = 10
_CALLS_SPARE = 400


def _stack_needed(m: ir.Module) -> int | None:
    need = _CALLS_SPARE + _CALLS_PER_LINK * chain_depth(m)
    return need if need > 1000 else None


def _bound(unit: int) -> str:
    return "_NEG_INF" if unit <= NEG_INF else "_POS_INF" if unit >= POS_INF else str(unit)


def _interval_code(var: str, lo: int, hi: int) -> str:
    if lo == hi:
        return f"{var} == {lo}"
    return f"{_bound(lo)} <= {var} <= {_bound(hi)}"


def _cond_code(var: str, cond: ir.Cond, t: Type) -> Node:
    ivs = cond.intervals
    if not ivs:
        return Atom("False")
    if t.kind in (Kind.ENUM, Kind.BOOL) and len(ivs) > 1 and all(lo == hi for lo, hi in ivs):
        return Atom(f"{var} in ({', '.join(str(lo) for lo, _ in ivs)})")
    parts = tuple(Atom(_interval_code(var, lo, hi)) for lo, hi in ivs)
    return parts[0] if len(parts) == 1 else Ops("or", parts, paren=True)


def _cond_lit(cond: ir.Cond | None) -> Node:
    if cond is None:
        return Atom("None")
    return Group("(", tuple(Group("(", (Atom(_bound(lo)), Atom(_bound(hi))), ")") for lo, hi in cond.intervals),
                 ")", one_tuple=True)


class _Generator:
    def __init__(self, module: ir.Module) -> None:
        self.m = module
        self.names = Namer(set(_runtime_names()) | {"evaluate", "explain", "INPUTS", "OUTPUTS", "MODULE",
                                                     "DECISIONS", "SOURCE_SHA256", "SOURCE_FILES", "SOURCE_DIGESTS",
                                                     "CUTOFF"})
        self.kinds = symbol_kinds(module)
        self.functions: list[Function | Block] = []
        self.uses_bisect = False
        self.version_code: dict[tuple[str, int], fastpath.VersionCode] = {}
        self.constants: set[str] = set()
        self.rules: dict[str, str] = {}
        self.table_data: dict[str, str] = {}

    # -- expressions as _Calc objects ----------------------------------------------------------
    def calc(self, key: tuple[str, ...], base: str, e: ir.Expr, what: str,
             items: dict[int, tuple[str, str]] | None = None) -> Node:
        fname = self.names.name(key, base)
        body = (comment(f"{what} = {exprs.source(e)}", 4), "return " + render(exprs.code(e), 4, 11))
        self.functions.append(Function(fname, None, body))
        return call("_Calc", fn=Atom(fname), source=Str(exprs.source(e)), tree=lit(exprs.tree(e, items)))

    # -- tables -------------------------------------------------------------------------------------
    def table(self, t: ir.Table) -> Node:
        tid = identifier(t.name, "tabel")
        versions = []
        for n, v in enumerate(t.versions, start=1):
            suffix = ascii_name(v.label or "").lower() or (f"v{n}" if len(t.versions) > 1 else "")
            versions.append(self.version(t, v, tid + (f"_{suffix}" if suffix else ""), n))
        data = self.names.name(("T", t.name), f"_T_{tid.upper()}")
        node = call("_Table", name=Str(t.name), title=lit(t.title), citation=lit(t.citation),
                    policy=Str(t.policy), aggregator=lit(t.aggregator),
                    outputs=lit(tuple(c.name for c in t.outputs)),
                    kinds=lit(tuple(self.kinds[c.name][0] for c in t.outputs)),
                    priority=lit(t.outputs[0].type.values if t.policy == "priority" else ()),
                    versioned=lit(t.versioned), versions=Group("(", tuple(Atom(v) for v in versions), ")", True),
                    file=lit(Path(t.span.path).name if t.span is not None and t.span.path else None))
        self.functions.append(Block(f"{data} = " + render(node, 0, len(data) + 3)))
        self.table_data[t.name] = data
        rules = self.names.name(("R", t.name), f"_RULES_{tid.upper()[:40]}")
        self.rules[t.name] = rules
        joined = Ops("+", tuple(Atom(f"{v}.rules") for v in versions)) if len(versions) > 1 else Atom(
            f"{versions[0]}.rules")
        self.functions.append(Block(comment(f"The rules of every version of {t.name}, numbered on (the fast path's "
                                            f"rule numbers).") + f"\n{rules} = "
                                    + render(joined, 0, len(rules) + 3)))
        return Atom(data)

    def version(self, t: ir.Table, v: ir.Version, vid: str, n: int) -> str:
        fname = self.names.name(("select", t.name, str(n)), f"_tabel_{vid}")
        data = self.names.name(("V", t.name, str(n)), f"_V_{vid.upper()}")
        p = dispatch.plan(t, v)
        cols = [t.inputs[j] for j in p.columns]
        same: dict[tuple[object, ...], int] = {}
        rules = []
        for i, r in enumerate(v.rules):
            outs: list[Node] = []
            for c, e in zip(t.outputs, r.outputs, strict=True):
                if isinstance(e, ir.Refuse):
                    outs.append(call("_Refuse", Str(e.message)))
                elif isinstance(e, ir.NoValue):
                    outs.append(Atom("None"))
                elif isinstance(e, ir.Const):
                    outs.append(lit(e.value))
                else:
                    rid = identifier(r.id, "r")
                    outs.append(self.calc(("cell", t.name, str(n), r.id, c.name),
                                          f"_cell_{vid}_{rid}_{identifier(c.name)}", e, c.name))
            ref = f"{t.name}@{v.label}/{r.id}" if v.label else f"{t.name}/{r.id}"
            line = r.span.line if r.span is not None else None
            src = r.span.file.line_text(line).strip() if r.span is not None and line is not None else None
            conds = [r.conditions[j] for j in p.columns]
            rules.append(call(
                "_Rule", id=Str(r.id), ref=Str(ref), row=lit(r.row), line=lit(line), source=lit(src),
                citation=lit(r.citation), conds=Group("(", tuple(_cond_lit(c) for c in conds), ")", True),
                texts=lit(tuple(c.text if c is not None else "-" for c in conds)),
                outputs=Group("(", tuple(outs), ")", True), same=lit(same.setdefault(result_key(r.outputs), i)),
                rank=lit(dispatch.static_rank(t, r))))
        select, keys = self.select_function(t, v, p, cols, fname, data)
        self.functions.append(replace(select, above=_grid_comment(v)))
        self.version_code[(t.name, n - 1)] = fastpath.VersionCode(data, fname, p, keys)
        node = call("_Version", label=lit(v.label), valid_from=lit(v.valid_from), valid_to=lit(v.valid_to),
                    columns=lit(tuple(c.name for c in cols)), rules=Group("(", tuple(rules), ")", True),
                    select=Atom(fname))
        self.functions.append(Block(f"{data} = " + render(node, 0, len(data) + 3)))
        return data

    def select_function(self, t: ir.Table, v: ir.Version, p: dispatch.Plan, cols: list[ir.Column],
                        fname: str, data: str) -> tuple[Function, str | None]:
        period = ""
        if v.valid_from is not None:
            period = f", in force from {v.valid_from}" + (f" to {v.valid_to}" if v.valid_to else "")
        cites = list(dict.fromkeys(r.citation for r in v.rules if r.citation))
        cited = t.citation or "; ".join(cites) or "none given"
        doc = (f"{t.name}: {t.title or ''}\n\nVersion {v.label or '(unnamed)'}{period}. "
               f"Policy: {_POLICY_NAMES[t.policy]}{' ' + t.aggregator if t.aggregator else ''}. "
               f"Dispatch: {p.mode}.\n\nHjemmel: {cited}\n\n"
               f"Returns the indices of the rules that match the units of the columns"
               + (", or None when a fraction of a unit needs the engine's exact scan." if p.mode == "bisect"
                  else "."))
        body: list[str] = []
        for r in v.rules:
            if p.mode != "linear":
                body.append(self.rule_comment(r, p, cols))
        returns, params = "tuple[int, ...] | None", "units: tuple[object, ...]"
        if p.mode == "const":
            body.append("return " + render(lit(p.const), 4, 11))
            return Function(fname, doc, tuple(body), returns, params), None
        body.append(comment("Columns: " + ", ".join(c.name for c in cols), 4))
        if p.mode == "dict":
            name = self.names.name(("keys", fname), f"{data.replace('_V_', '_KEYS_', 1)}")
            table = lit(p.keys)
            head = f"{name}: dict[tuple[object, ...], tuple[int, ...]] = "
            self.functions.append(Block(head + render(table, 0, len(head))))
            body.append(f"return {name}.get(units, ())")
            return Function(fname, doc, tuple(body), returns, params), name
        elif p.mode == "bisect":
            self.uses_bisect = True
            name = self.names.name(("segments", fname), f"{data.replace('_V_', '_SEGMENTS_', 1)}")
            table = lit(p.segments)
            head = f"{name}: dict[tuple[object, ...], tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]] = "
            self.functions.append(Block(head + render(table, 0, len(head))))
            key = ", ".join(f"units[{k}]" for k in p.key) + ("," if len(p.key) == 1 else "")
            body += [f"seg = {name}.get(({key}))", "if seg is None:", "    return ()",
                     f"x = units[{p.ordered}]", "if type(x) is not int:",
                     "    return None  # a fraction of a unit: the engine scans, comparing exactly",
                     "return seg[1][bisect.bisect_right(seg[0], x)]"]
            return Function(fname, doc, tuple(body), returns, params), name
        else:
            body += self.linear(t, v, p, cols)
        return Function(fname, doc, tuple(body), returns, params), None

    def rule_comment(self, r: ir.Rule, p: dispatch.Plan, cols: list[ir.Column]) -> str:
        where = f", line {r.span.line}" if r.span is not None else ""
        cells = "; ".join(f"{c.name}: {cond.text}" for c, cond in
                          zip(cols, (r.conditions[j] for j in p.columns), strict=True) if cond is not None)
        text = f"Rule {r.id} (row {r.row}{where}), hjemmel: {r.citation or 'none'}. When {cells or 'always'}."
        return comment(text, 4)

    def linear(self, t: ir.Table, v: ir.Version, p: dispatch.Plan, cols: list[ir.Column]) -> list[str]:
        first = t.policy == "first"
        local = Namer({"units", "hits", "x", "seg"} | set(dir(builtins)) | set(keyword.kwlist)
                      | set(keyword.softkwlist))
        names = [local.name((c.name,), (identifier(c.name)[:20].rstrip("_") or "column") + "_unit") for c in cols]
        body = [f"({names[0]},) = units" if len(names) == 1 else f"{', '.join(names)} = units"]
        if not first:
            body.append("hits: list[int] = []")
        for i, r in enumerate(v.rules):
            body.append(self.rule_comment(r, p, cols))
            tests = tuple(_cond_code(names[k], r.conditions[j], cols[k].type)
                          for k, j in enumerate(p.columns) if r.conditions[j] is not None)
            action = f"return ({i},)" if first else f"hits.append({i})"
            if not tests:
                body.append(action)
                if first:
                    return body
                continue
            cond = tests[0] if len(tests) == 1 else Ops("and", tests)
            body += [f"if {render(cond, 4, 7, 1)}:", f"    {action}"]
        body.append("return ()" if first else "return tuple(hits)")
        return body

    # -- fast paths ------------------------------------------------------------------------------------
    def constant(self, key: tuple[str, ...], base: str, value: object) -> str:
        """A module-level constant, written once however often it is asked for."""
        name = self.names.name(("C",) + key, base)
        if name not in self.constants:
            self.constants.add(name)
            self.functions.append(Block(f"{name} = " + render(lit(value), 0, len(name) + 3)))
        return name

    def fast_paths(self) -> dict[str | None, str]:
        """`_fast_<decision>` functions; the first decision is also the default (None)."""
        cx = fastpath.Context(self.m, self.kinds, self.version_code, self.rules, self.table_data, self.constant)
        out: dict[str | None, str] = {}
        for dname, d in self.m.decisions.items():
            fname = self.names.name(("fast", dname), f"_fast_{identifier(dname)}")
            try:
                name, doc, body = fastpath.FastPath(cx, d, fname).function()
            except fastpath.UnsupportedError:
                continue
            self.functions.append(Function(name, doc, body, "dict[str, object] | RegelFejl | None",
                                           "case: Mapping[str, object]"))
            if not out:
                out[None] = name
            out[dname] = name
        if out and next(iter(self.m.decisions)) not in out:
            del out[None]
        return out

    # -- module -----------------------------------------------------------------------------------------
    def context(self) -> dict[str, object]:
        m = self.m
        tables = {name: self.table(t) for name, t in m.tables.items()}
        values = {}
        for name, val in m.values.items():
            values[name] = self.calc(("value", name), f"_value_{identifier(name)}", val.expr, name)
        decisions = {}
        for dname, d in m.decisions.items():
            items = []
            # An item that uses an earlier item holds that item's very expression object
            # (lowering substitutes it): the explanation names it and shows its value.
            earlier: dict[int, tuple[str, str]] = {}
            for item, e in d.items:
                if isinstance(e, ir.Ref):
                    kind, ref, calc = self.kinds[e.name][0], Str(e.name), Atom("None")
                else:
                    kind, ref = str(e.type.kind), Atom("None")
                    calc = self.calc(("item", dname, item), f"_item_{identifier(dname)}_{identifier(item)}",
                                     e, item, earlier)
                    earlier[id(e)] = (item, kind)
                items.append(call("_Item", name=Str(item), kind=Str(kind), ref=ref, calc=calc))
            decisions[dname] = Group("(", tuple(items), ")", True)
        fast = self.fast_paths()
        symbols = {name: Group("(", (Str(kind), lit({v: i for i, v in enumerate(values_)}) if kind == "enum"
                                     else Atom("None")), ")")
                   for name, (kind, values_) in self.kinds.items()}
        producers = {c.name: (t.name, i) for t in m.tables.values() for i, c in enumerate(t.outputs)}
        module_node = call(
            # A private copy: callers may inspect (or even change) INPUTS without changing validation.
            "_Module", inputs=Atom("copy.deepcopy(INPUTS)"), symbols=lit(symbols), tables=lit(dict(tables)),
            producers=lit(producers), values=lit(values), decisions=lit(decisions), cutoff=lit(m.cutoff),
            order=lit(tuple(n for n in m.order if n in m.tables)))
        header = [comment("GENERERET AF regel — RET IKKE I HÅNDEN")]
        header += [comment(f"Kilde: {f}") for f in m.source_files]
        header.append(comment("Ret i kildefilen og generér modulet igen; ændringer her bliver overskrevet."))
        return {
            "header": "\n".join(header),
            "doc": docstring(f"Decision module {m.name!r}, generated by regel from the decision tables in "
                             f"{', '.join(m.source_files)}.\n\nPublic API: evaluate(case, decision=None), "
                             f"explain(case, decision=None), RegelFejl, INPUTS, OUTPUTS, DECISIONS.", 0),
            "uses_bisect": self.uses_bisect,
            "stack": _stack_needed(m),
            "source_hash": pyrepr(m.source_hash),
            "source_files": pyrepr(tuple(m.source_files), 0, 15),
            "source_digests": pyrepr(dict(m.source_digests), 0, 17),
            "module_name": pyrepr(m.name),
            "decisions": pyrepr(tuple(m.decisions), 0, 30),
            "cutoff": pyrepr(m.cutoff),
            "inputs": pyrepr(input_spec(m), 0, 40),
            "outputs": pyrepr(output_spec(m), 0, 51),
            "letters": pyrepr(letter_spec(m), 0, 30),
            "runtime": _embedded("core.py"),
            "engine": "\n\n\n".join(_embedded(f) for f in EMBEDDED[1:]),
            "functions": self.functions,
            "fast": render(Group("{", tuple(Pair(lit(k), Atom(v)) for k, v in fast.items()), "}"), 0, 80),
            "module_data": "_M = " + render(module_node, 0, 5),
        }


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda name: resources.files("regel.codegen.templates").joinpath(name).read_text(encoding="utf-8")),
        autoescape=False,  # Python, not HTML: safety comes from the filters below
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined)
    env.filters.update(pyrepr=pyrepr, comment=comment, docstring=docstring,
                       indent_lines=lambda text, n: ("\n" + " " * n).join(str(text).split("\n")))
    return env


def _tidy(text: str) -> str:
    """No trailing whitespace, at most two blank lines in a row, one final newline.
    Safe because generated code has no multi-line string literals except
    docstrings, whose lines are built without trailing spaces."""
    out: list[str] = []
    blank = 0
    for line in text.split("\n"):
        line = line.rstrip()
        blank = blank + 1 if not line else 0
        if blank <= 2:
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def generate(module: ir.Module) -> str:
    """The Python source of the generated module (deterministic for the same module)."""
    g = _Generator(module)
    ctx = g.context()
    return _tidy(_environment().get_template("module.py.j2").render(**ctx))
