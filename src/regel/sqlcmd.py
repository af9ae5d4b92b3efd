"""`regel sql BESLUTNING --dialekt NAVN`: print a decision's SQL (docs/sql.md), and the
helpers `regel compile --mål sql` and `regel eval --motor duckdb` use."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

_DIALECT_HELP = "duckdb (standard), spark, postgres, tsql eller en anden dialekt, sqlglot kender"


def add_parser(sub) -> None:
    import argparse

    sp = sub.add_parser("sql", help="skriv en beslutnings SQL (DuckDB, Spark, PostgreSQL, T-SQL …)",
                        usage="regel sql BESLUTNING [STI …] [--dialekt NAVN]")
    sp.add_argument("decision", metavar="BESLUTNING", help="fx sanktion")
    # Paths and --dialekt in any order (`regel sql klagefrist --dialekt spark tables`): argparse
    # cannot mix an optional between two positionals of a subcommand, so the rest is parsed here.
    sp.add_argument("rest", nargs=argparse.REMAINDER, metavar="STI … --dialekt NAVN",
                    help="filer eller mapper med .regel-filer (standard: tables); --dialekt NAVN: " + _DIALECT_HELP)
    sp.set_defaults(func=cmd_sql)


def _rest(rest: list[str]) -> tuple[list[str], str]:
    """(paths, dialect) from the words after BESLUTNING, in any order."""
    import argparse

    from .cli import UsageError

    class _Rest(argparse.ArgumentParser):
        def error(self, message: str):  # type: ignore[override]
            raise UsageError(f"regel sql: {message}")

    p = _Rest(prog="regel sql", add_help=False)
    p.add_argument("paths", nargs="*")
    p.add_argument("--dialekt", default="duckdb")
    ns = p.parse_intermixed_args(rest)
    return ns.paths, ns.dialekt


def _module_for(decision: str, paths: list[str]):
    from .cli import UsageError, _load_and_check
    from .diagnostics import has_errors

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
    raise UsageError(f"Ukendt beslutning «{decision}». Kendte beslutninger: {', '.join(known) or 'ingen'}.")


def cmd_sql(args) -> int:
    from .cli import DEFAULT_TABLES, UsageError
    from .sql import MissingDependency, Unsupported, decision_sql

    paths, dialect = _rest(args.rest)
    module = _module_for(args.decision, paths or DEFAULT_TABLES)
    try:
        text = decision_sql(module, args.decision, dialect)
    except (Unsupported, MissingDependency) as err:
        raise UsageError(f"SQL for «{args.decision}»: {err}") from None
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
    from .sql.duck import DuckEngine

    module = source_module(mod, generated)
    try:
        engine = DuckEngine(module, mod, decision, python_results(mod, decision))
    except MissingDependency as err:
        raise UsageError(str(err)) from None
    return engine
