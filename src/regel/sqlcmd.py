"""`regel sql BESLUTNING --dialekt NAVN`: print a decision's SQL (docs/sql.md), and the
helpers `regel compile --mål sql` and `regel eval --motor duckdb` use."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

_DIALECT_HELP = "duckdb (standard), spark, postgres, tsql eller en anden dialekt, sqlglot kender"
# The dialects the tests run against a real engine (DuckDB, pyspark, a PostgreSQL server).
TESTED_DIALECTS = ("duckdb", "spark", "postgres")


def add_parser(sub) -> None:
    import argparse

    sp = sub.add_parser("sql", help="skriv en beslutnings SQL (DuckDB, Spark, PostgreSQL, T-SQL …)",
                        usage="regel sql BESLUTNING [STI …] [--dialekt NAVN]")
    # --dialekt before BESLUTNING (`regel sql --dialekt spark sanktion`) is this parser's; after it,
    # paths and --dialekt come in any order (`regel sql klagefrist --dialekt spark tables`): argparse
    # cannot mix an optional between two positionals of a subcommand, so that rest is parsed here.
    sp.add_argument("--dialekt", dest="dialect_first", metavar="NAVN", default=None, help=_DIALECT_HELP)
    sp.add_argument("decision", metavar="BESLUTNING", help="fx sanktion")
    rest = sp.add_argument("rest", nargs=argparse.REMAINDER, metavar="STI",
                           help="filer eller mapper med .regel-filer (standard: tables); --dialekt må også stå her")
    rest.required = False  # Python 3.11's argparse counts a REMAINDER as required («mangler: BESLUTNING, STI»)
    sp.set_defaults(func=cmd_sql)


def _rest(rest: list[str]) -> tuple[list[str], str | None]:
    """(paths, dialect) from the words after BESLUTNING, in any order."""
    import argparse

    from .cli import UsageError

    class _Rest(argparse.ArgumentParser):
        def error(self, message: str):  # type: ignore[override]
            raise UsageError(f"regel sql: {message}")

    p = _Rest(prog="regel sql", add_help=False)
    p.add_argument("paths", nargs="*")
    p.add_argument("--dialekt", default=None)
    ns = p.parse_intermixed_args(rest)
    return ns.paths, ns.dialekt


def _module_for(decision: str, paths: list[str]):
    from .cli import UsageError, _load_and_check
    from .diagnostics import has_errors

    for p in paths:
        if not Path(p).exists():
            raise UsageError(f"Stien «{p}» findes ikke. regel sql læser reglerne i tables/ (kør fra mappen, hvor den "
                             "ligger) eller i de filer og mapper, du angiver: regel sql BESLUTNING STI …")
    modules, diags = _load_and_check(paths)
    if has_errors(diags):
        first = next(d for d in diags if d.is_error)
        where = f"{first.span.path}: " if first.span is not None and first.span.path else ""
        raise UsageError(f"reglerne i {', '.join(paths)} kan ikke oversættes ({where}{first.message.rstrip('.')}); "
                         "kør «regel check» for alle fund.")
    for m in modules:
        if decision in m.decisions:
            return m
    known = sorted(d for m in modules for d in m.decisions)
    from .loading import near_decision

    hint = near_decision(decision, known) or f" Kendte beslutninger: {', '.join(known) or 'ingen'}."
    raise UsageError(f"Ukendt beslutning «{decision}».{hint}")


def cmd_sql(args) -> int:
    from .cli import DEFAULT_TABLES, UsageError
    from .sql import MissingDependency, Unsupported, decision_sql

    paths, later = _rest(args.rest)
    first = getattr(args, "dialect_first", None)
    if first is not None and later is not None and first.lower() != later.lower():
        raise UsageError(f"regel sql: to dialekter, «{first}» og «{later}»; angiv én --dialekt.")
    dialect = (later or first or "duckdb").lower()  # SPARK as spark, as a file's .JSONL is .jsonl
    module = _module_for(args.decision, paths or DEFAULT_TABLES)
    try:
        text = decision_sql(module, args.decision, dialect)
    except (Unsupported, MissingDependency) as err:
        raise UsageError(f"SQL for «{args.decision}»: {err}") from None
    if dialect.lower() not in TESTED_DIALECTS:
        from .cli import _stderr

        more = (" T-SQL kan endnu ikke køres i SQL Server (kolonner med sandt/falsk)." if dialect.lower() == "tsql"
                else "")
        _stderr().print(f"advarsel: dialekten «{dialect}» oversættes af sqlglot, men regels test kører den ikke mod en "
                        f"database (det gør de for {', '.join(TESTED_DIALECTS)}).{more} Se docs/sql.md.",
                        highlight=False, soft_wrap=True, markup=False)
    print(text, end="")
    return 0


def render_modules(modules: list) -> dict[str, str]:
    """`regel compile --mål sql`: file name → SQL text (DuckDB) for every module."""
    from .codegen import module_filename
    from .sql import module_sql

    return {module_filename(m).removesuffix(".py") + ".sql": module_sql(m) for m in modules}


def source_module(mod: ModuleType, generated: Path):
    """The model a generated module was compiled from (its SOURCE_FILES), for the DuckDB engine."""
    from .cli import UsageError
    from .model import load

    files = list(getattr(mod, "SOURCE_FILES", ()))
    bases = [Path(), generated.resolve().parent]
    found = [next((b / f for b in bases if (b / f).is_file()), None) for f in files]
    main = [p for p in found if p is not None and not p.name.startswith("_")]
    if not main:
        raise UsageError(f"kilderne til {Path(str(mod.__file__)).name} findes ikke, så SQL kan ikke laves; "
                         "brug --motor python.")
    modules, _diags = load([str(main[0])])
    for m in modules:
        if m.name == getattr(mod, "MODULE", None):
            return m
    raise UsageError(f"kilderne til {Path(str(mod.__file__)).name} giver ikke modulet; kør «regel compile».")


def duckdb_engine(mod: ModuleType, decision: str, generated: Path):
    """The `engine` argument of batch.run_batch for `--motor duckdb`."""
    from .batch import python_results
    from .cli import UsageError
    from .sql import MissingDependency
    from .sql.duck import DuckEngine, EngineSetupError

    module = PlannedModule(mod, generated)
    try:
        engine = DuckEngine(module, mod, decision, python_results(mod, decision))
    except (MissingDependency, EngineSetupError) as err:
        raise UsageError(str(err)) from None
    return engine


# ---- the engine's plans, cached next to the generated module ---------------------------------------
#
# Loading the model from its .regel sources (~2,6 s for sanktion) and compiling a decision to
# SQL (~1 s) cost the same on every `regel eval --motor duckdb`. The plans (sql.plan's dicts,
# everything the SQL is rendered from) are kept in <generated>/__pycache__/<module>.regel-sql.json,
# keyed by the generated module's SOURCE_DIGESTS, regel's version and a digest of regel's own
# code. A cache that does not match, cannot be read or fails its checksum is ignored and
# rebuilt; it is written atomically (temporary file, then rename) and never when the sources
# on disk are not the ones the module was compiled from.

CACHE_FORMAT = 1
CACHE_SUFFIX = ".regel-sql.json"


def code_digest() -> str:
    """SHA-256 over regel's own source files (Python, templates, grammar): a changed compiler
    is a different cache, also in an editable install where the version does not move."""
    import hashlib
    import os

    import regel

    h = hashlib.sha256()
    root = os.path.dirname(os.path.realpath(regel.__file__))
    names: list[str] = []  # paths relative to root, "/"-separated (as Path.as_posix wrote them)
    for here, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = os.path.relpath(here, root).replace(os.sep, "/")
        names += [f if rel == "." else f"{rel}/{f}" for f in files if f.endswith((".py", ".j2", ".lark"))]
    for name in sorted(names, key=lambda n: Path(n).parts):
        try:
            with open(os.path.join(root, name), "rb") as fh:
                data = fh.read()
        except IsADirectoryError:
            continue
        h.update(name.encode("utf-8") + b"\0")
        h.update(data)
        h.update(b"\0")
    return h.hexdigest()


def cache_path(mod: ModuleType) -> Path:
    here = Path(str(mod.__file__))
    return here.parent / "__pycache__" / (here.stem + CACHE_SUFFIX)


class _Decision:
    def __init__(self, items: list[str]) -> None:
        self.items = [(name, None) for name in items]


class PlannedModule:
    """What the DuckDB engine needs of a generated module's model (sql.plan accepts it in place
    of an ir.Module): each decision's plans from the cache; the model is loaded from the
    sources, and the plan compiled and cached, only for a plan the cache does not hold."""

    def __init__(self, mod: ModuleType, generated: Path) -> None:
        from regel import __version__

        self.mod, self.generated = mod, generated
        self.name = str(getattr(mod, "MODULE", ""))
        digests = getattr(mod, "SOURCE_DIGESTS", None)
        self.key = None if digests is None else {
            "format": CACHE_FORMAT, "regel": __version__, "code": code_digest(), "module": self.name,
            "sources": dict(sorted(digests.items()))}
        self.path = cache_path(mod)
        self.loaded = False  # whether the model had to be loaded (for tests and measurements)
        self._module = None
        self._body = self._read()

    # -- the cache file
    def _read(self) -> dict:
        import hashlib
        import json

        empty: dict = {"items": None, "plans": {}, "texts": {}}
        if self.key is None:
            return empty
        try:
            outer = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(outer, dict) or outer.get("key") != self.key:
                return empty  # stale (other sources, code or version) or not ours
            text = outer["body"]
            if hashlib.sha256(text.encode("utf-8")).hexdigest() != outer["sha256"]:
                return empty  # damaged
            body = json.loads(text)
            if not isinstance(body, dict) or not isinstance(body.get("plans"), dict):
                return empty
            items = body.get("items")
            if items is not None and not (isinstance(items, dict) and all(
                    isinstance(v, list) and all(isinstance(n, str) for n in v) for v in items.values())):
                return empty
            texts = body.get("texts", {})
            if not (isinstance(texts, dict) and all(isinstance(v, str) for v in texts.values())):
                return empty
            return {"items": items, "plans": body["plans"], "texts": texts}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return empty

    def _write(self) -> None:
        import hashlib
        import json

        from .build import write_atomic

        if self.key is None or not self._current():
            return
        text = json.dumps(self._body, ensure_ascii=False, separators=(",", ":"))
        outer = {"key": self.key, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "body": text}
        try:
            self.path.parent.mkdir(exist_ok=True)
            write_atomic(self.path, json.dumps(outer, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            pass  # a read-only install: no cache, the same answers

    def _current(self) -> bool:
        """Whether the sources on disk are the ones the generated module was compiled from
        (with --tillad-forældet they may not be: such a plan is not cached)."""
        from .build import changed_sources

        return changed_sources(self.mod.SOURCE_DIGESTS, [self.generated.resolve().parent]) == []

    # -- what the engine asks
    def model(self):
        if self._module is None:
            self._module = source_module(self.mod, self.generated)
            self.loaded = True
        return self._module

    @property
    def decisions(self) -> dict[str, _Decision]:
        items = self._body["items"]
        if items is None:
            items = self._body["items"] = {d: [n for n, _e in spec.items] for d, spec in self.model().decisions.items()}
            self._write()
        return {d: _Decision(names) for d, names in items.items()}

    def text(self, key: list, make) -> str:
        """A query text made from this module's plans (`make()`: the DuckDB stream's or the Parquet
        path's whole query), kept with them: it follows from the plans and regel's code alone, both
        in the cache's key, and saves rendering the templates on every run."""
        import json

        name = json.dumps(key, ensure_ascii=False)
        hit = self._body["texts"].get(name)
        if isinstance(hit, str):
            return hit
        text = make()
        self._body["texts"][name] = text
        self._write()
        return text

    def plan(self, decision: str, engine: bool = False, field_order: list[str] | None = None,
             passthrough: tuple[str, ...] = ()) -> dict:
        import json

        from .sql import Unsupported, plan

        key = json.dumps([decision, bool(engine), field_order, list(passthrough)], ensure_ascii=False)
        hit = self._body["plans"].get(key)
        if hit is not None:
            try:
                if set(hit) == {"unsupported"}:
                    raise Unsupported(str(hit["unsupported"]))
                return plan_from_json(hit)
            except (KeyError, TypeError, ValueError, AttributeError):
                pass  # damaged entry: compiled again below
        try:
            steps = plan(self.model(), decision, engine, field_order, passthrough)
        except Unsupported as err:
            self._body["plans"][key] = {"unsupported": str(err)}
            self._write()
            raise
        self._body["plans"][key] = plan_to_json(steps)
        if self._body["items"] is None:
            self._body["items"] = {d: [n for n, _e in spec.items] for d, spec in self.model().decisions.items()}
        self._write()
        return steps


_PAIRS = ("inputs", "outputs", "shapes")  # lists of tuples in a plan


def plan_to_json(steps: dict) -> dict:
    out = dict(steps)
    out["steps"] = [{"name": s.name, "columns": [list(c) for c in s.columns], "comments": list(s.comments)}
                    for s in steps["steps"]]
    for k in _PAIRS:
        out[k] = [list(t) for t in steps[k]]
    return out


def plan_from_json(data: dict) -> dict:
    from .sql.compiler import Step

    out = dict(data)
    out["steps"] = [Step(str(s["name"]), [(str(a), str(b)) for a, b in s["columns"]], [str(c) for c in s["comments"]])
                    for s in data["steps"]]
    for k in _PAIRS:
        out[k] = [tuple(t) for t in data[k]]
    if not isinstance(out["scales"], dict):
        raise ValueError("scales")
    return out
