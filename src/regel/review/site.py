"""`regel doc`: static HTML review pages for legal reviewers.

One page per module (each table as an HTML table with its check findings beside
it, examples with their results, highlighted source) and an index. No
JavaScript; Jinja2 with autoescaping, so editor text can never become markup.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter

from .. import diagnostics as dg
from ..highlight import RegelLexer
from ..model import ir, load_module
from ..model.loader import discover_roots
from ..source import read_source
from . import text as tx
from . import view as vw

STATIC = "static"
CSS = "regel.css"
CODE_CSS = "kode.css"


CHANGES = "aendringer.html"  # the change page of `regel doc --sammenlign`


def _environment() -> Environment:
    # Autoescape unconditionally: the templates are named *.j2, which
    # select_autoescape would not recognise as HTML.
    env = Environment(loader=PackageLoader("regel.review", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals["static"] = STATIC
    return env


def _formatter(anchor: str) -> HtmlFormatter:
    return HtmlFormatter(linenos="inline", lineanchors=anchor, anchorlinenos=True, cssclass="kode", wrapcode=True)


def _source_views(texts: dict[str, str]) -> tuple[list[vw.SourceView], dict[str, str]]:
    views, anchors = [], {}
    for i, (path, text) in enumerate(texts.items(), start=1):
        anchor = f"kilde-{i}"
        anchors[path] = anchor
        html = Markup(highlight(text, RegelLexer(), _formatter(anchor)))  # Pygments escapes the source
        views.append(vw.SourceView(path, anchor, html))
    return views, anchors


def _read_sources(main: Path, paths: list[str], diags: list[dg.Diagnostic]) -> dict[str, str]:
    """Source texts by path as spans name them: the main file first."""
    texts: dict[str, str] = {}
    for d in diags:  # a span carries its file's text even when the module did not load
        for span in [d.span] + [lb.span for lb in d.labels]:
            if span is not None:
                texts.setdefault(span.path, span.file.text)
    ordered: dict[str, str] = {}
    for p in [str(main)] + sorted(paths):
        if p in texts:
            ordered[p] = texts[p]
            continue
        try:  # refuses anything but a regular .regel file: no other text reaches a page
            src, _problem = read_source(p)
        except OSError:
            continue
        ordered[p] = src.text
    for p in sorted(texts):
        ordered.setdefault(p, texts[p])
    return ordered


def _run_checks(module: ir.Module) -> tuple[list[dg.Diagnostic], str | None]:
    try:
        from ..checks import check_module
    except ImportError as err:
        return [], f"Tjekkene er ikke tilgængelige ({err})."
    try:
        return check_module(module), None
    except Exception as err:  # noqa: BLE001 - a review page must still be written
        return [], f"Tjekkene kunne ikke køres: {type(err).__name__}: {err}"


def _run_examples(module: ir.Module) -> tuple[list | None, str | None]:
    if not module.examples:
        return [], None
    try:
        from ..testing import run_module_examples
    except ImportError as err:
        return None, f"Eksemplerne er ikke kørt: afprøvningen er ikke tilgængelig ({err})."
    try:
        return run_module_examples(module), None
    except Exception as err:  # noqa: BLE001 - a broken run is reported, not fatal
        return None, f"Eksemplerne er ikke kørt: {type(err).__name__}: {err}"


def module_view(path: Path, module: ir.Module | None, diags: list[dg.Diagnostic], page: str,
                run_examples: bool = True) -> vw.ModuleView:
    """Everything one module page shows."""
    anchors = vw.Anchors()
    if module is None:
        texts = _read_sources(path, [], diags)
        sources, source_anchors = _source_views(texts)
        mv = vw.ModuleView(path.stem, page, str(path), False, list(texts))
        mv.findings = [vw.finding(d, source_anchors) for d in diags]
        mv.sources = sources
        mv.errors, mv.warnings = vw.count(mv.findings)
        return mv

    check_diags, check_note = _run_checks(module)
    results, examples_note = _run_examples(module) if run_examples else (None, "Eksemplerne er ikke kørt.")
    texts = _read_sources(path, list(module.source_files), diags + check_diags)
    sources, source_anchors = _source_views(texts)
    all_diags = diags + check_diags
    tables = [vw.table_view(module, t, all_diags, source_anchors, anchors) for t in module.tables.values()]
    table_names = set(module.tables)
    loose = [d for d in all_diags
             if not (isinstance(d.data, dict) and d.data.get("tabel") in table_names)]
    mv = vw.ModuleView(module.name, page, str(path), True, list(texts), module.cutoff, tables,
                       vw.decl_views(module, anchors), vw.decision_views(module, anchors),
                       vw.example_views(module, results, anchors), [vw.finding(d, source_anchors) for d in loose],
                       sources, check_note, examples_note)
    e, w = vw.count(mv.findings)
    mv.errors = e + sum(t.errors for t in tables)
    mv.warnings = w + sum(t.warnings for t in tables)
    return mv


class _PathNames:
    """Paths as a reader knows them: relative to the working folder when inside
    it (`tables/sanktion.regel`), else from the folder given on the command line
    (`demo/tilskud.regel`), never a long absolute path when avoidable."""

    def __init__(self, roots: list[str]) -> None:
        self.roots = [Path(r).resolve() for r in roots]
        self.cwd = Path.cwd().resolve()

    def __call__(self, path: str) -> str:
        p = Path(path).resolve()
        if p.is_relative_to(self.cwd):
            return p.relative_to(self.cwd).as_posix()
        for root in self.roots:
            base = root.parent if root.is_dir() or root.suffix == ".regel" else root
            if p.is_relative_to(base):
                return p.relative_to(base).as_posix()
        return path


def _rename_paths(mv: vw.ModuleView, name: _PathNames) -> None:
    mv.path = name(mv.path)
    mv.files = [name(f) for f in mv.files]
    for s in mv.sources:
        s.path = name(s.path)
    for f in mv.all_findings():
        if f.path is not None:
            f.path = name(f.path)


def _page_name(name: str, taken: set[str]) -> str:
    base = f"modul-{tx.slug(name)}"
    page, n = f"{base}.html", 2
    while page in taken:
        page, n = f"{base}-{n}.html", n + 1
    taken.add(page)
    return page


def _changes(paths: list[str], before: str) -> dict[str, object]:
    """The change page's data: `regel diff BEFORE PATHS`, as plain facts."""
    from ..diagnostics import has_errors
    from ..diff.compare import compare
    from ..diff.report import region_facts, table_facts
    from ..model import load

    old, old_diags = load([before])
    new, new_diags = load(list(paths))
    if has_errors(old_diags) or has_errors(new_diags) or not old:
        from ..diff.space import DiffError

        raise DiffError(f"{before} kan ikke sammenlignes: filerne har fejl eller ingen moduler (kør regel check).")
    report = compare(old, new, (before, ", ".join(paths)))
    decisions = [{"name": d.decision, "module": d.module, "status": d.status, "note": d.note,
                  "unsettled": d.unsettled,
                  "answers": sum(r.art == "svar" for r in d.regions),
                  "cites": sum(r.art == "hjemmel" for r in d.regions),
                  "regions": [region_facts(r, d) for r in d.regions]} for d in report.decisions]
    return {"report": report, "decisions": decisions, "tables": [table_facts(t) for t in report.tables]}


def build_site(paths: list[str], out_dir: str, compare_with: str | None = None) -> list[str]:
    """Write the review site for the modules under `paths` into `out_dir`; with
    `compare_with` (a file or folder with the earlier rules) also a change page.
    Returns the written files (index.html first)."""
    changes = _changes(list(paths), compare_with) if compare_with else None
    out = Path(out_dir)
    (out / STATIC).mkdir(parents=True, exist_ok=True)
    env = _environment()
    taken: set[str] = set()
    path_names = _PathNames(list(paths))
    modules: list[vw.ModuleView] = []
    for path, root in discover_roots(list(paths)):
        module, diags = load_module(path, root=root)
        name = module.name if module is not None else path.stem
        mv = module_view(path, module, diags, _page_name(name, taken))
        _rename_paths(mv, path_names)
        modules.append(mv)

    written: list[str] = []

    def write(rel: str, content: str) -> None:
        target = out / rel
        target.write_text(content, "utf-8")
        written.append(str(target))

    write("index.html", env.get_template("index.html.j2").render(modules=modules, root="", changes=changes))
    if changes is not None:
        write(CHANGES, env.get_template("changes.html.j2").render(root="", **changes))
    for mv in modules:
        write(mv.page, env.get_template("module.html.j2").render(m=mv, root=""))
    css = resources.files("regel.review").joinpath("templates", "review.css").read_text("utf-8")
    write(f"{STATIC}/{CSS}", css)
    write(f"{STATIC}/{CODE_CSS}", HtmlFormatter(style="default").get_style_defs(".kode") + "\n")
    return written
