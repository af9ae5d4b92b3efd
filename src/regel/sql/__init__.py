"""The SQL target: the same decisions as the generated Python, as SQL queries (issue 14).

Public API (docs/sql.md describes the contract in Danish):

* `decision_sql(module, decision, dialect="duckdb")` — one query over the input relation
  `sager` (column `rad_id` BIGINT plus one column per field of the module, NULL = not
  given) returning `rad_id`, every item of the decision, `regler` (the rules that fired,
  joined by RULE_SEPARATOR) and `fejl` (the refusal, in the Python evaluator's words;
  the items are NULL then), ordered by `rad_id`.
* `module_sql(module, dialect)` — every decision of a module, one statement each.
* `input_columns(module)` — the input relation's columns and SQL types.
* `Unsupported` — raised (with a Danish message) for a decision SQL cannot compute exactly.

Only the DuckDB dialect is written; the others are transpiled with sqlglot, imported
lazily (`pip install 'regel[sql]'`). Nothing here imports duckdb.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from ..model import ir
from .compiler import ERROR, RELATION, ROW_ID, RULE_SEPARATOR, RULES, SCALE_SUFFIX, Compiler, input_type
from .exprs import Unsupported

DIALECTS = ("duckdb", "spark", "postgres", "tsql")
INSTALL_HINT = "installér med pip install 'regel[sql]'"


class MissingDependency(Exception):  # noqa: N818 - the message is Danish
    """duckdb, sqlglot or pyarrow is not installed (message in Danish)."""


def require(module_name: str):
    """Import an optional dependency of the SQL target, or say how to install it."""
    import importlib

    try:
        return importlib.import_module(module_name)
    except ImportError:
        raise MissingDependency(f"SQL-målet kræver {module_name}; {INSTALL_HINT}") from None


@cache
def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(resources.files(__name__) / "templates")),
                              autoescape=False, keep_trailing_newline=True, trim_blocks=False,
                              undefined=jinja2.StrictUndefined)


def plan(module: ir.Module, decision: str, engine: bool = False, field_order: list[str] | None = None,
         passthrough: tuple[str, ...] = ()) -> dict:
    """The compiled steps of one decision (for the templates and the DuckDB engine).
    `passthrough` (engine only): input columns kept in the result, which is then unordered.
    `module` may also be a sqlcmd.PlannedModule (the engine's plans, cached next to a generated module)."""
    if not isinstance(module, ir.Module):
        return module.plan(decision, engine, field_order, passthrough)
    return Compiler(module, decision, engine=engine, field_order=field_order, passthrough=passthrough).compile()


def render(steps: dict) -> str:
    """A plan as DuckDB SQL."""
    return _env().get_template("decision.sql.j2").render(**steps).rstrip() + "\n"


def decision_sql(module: ir.Module, decision: str, dialect: str = "duckdb", *, engine: bool = False,
                 field_order: list[str] | None = None) -> str:
    """The query for one decision in `dialect` (duckdb, spark, postgres, tsql, or any sqlglot dialect).

    `engine` adds the `__skala` columns the DuckDB batch engine uses to write amounts with
    the Python evaluator's decimals; `field_order` is the order fields are validated in."""
    return transpile(render(plan(module, decision, engine, field_order)), dialect)


def transpile(text: str, dialect: str) -> str:
    if dialect == "duckdb":
        return text.rstrip() + "\n"
    sqlglot = require("sqlglot")
    try:
        write = sqlglot.Dialect.get_or_raise(dialect)
    except (ValueError, KeyError):  # an unknown dialect (sqlglot's own words are English)
        import difflib

        from sqlglot.dialects import Dialects

        near = difflib.get_close_matches(dialect.lower(), [d.value for d in Dialects if d.value], n=1)
        hint = f" Mente du «{near[0]}»?" if near else ""
        raise Unsupported(f"ukendt SQL-dialekt «{dialect}».{hint} Brug fx {', '.join(DIALECTS)} (eller en anden "
                          "dialekt, sqlglot kender, fx mysql, bigquery eller snowflake)") from None
    trees = [t for t in sqlglot.parse(text, read="duckdb") if t is not None]
    from sqlglot.dialects.postgres import Postgres

    if type(write) is Postgres:  # every WITH step AS MATERIALIZED (see compiler.materialize_steps)
        from .compiler import materialize_steps

        for tree in trees:
            materialize_steps(tree)
    from sqlglot.dialects.tsql import TSQL

    if isinstance(write, TSQL):  # DATEADD for a date plus days (see compiler.dateadd_steps)
        from .compiler import dateadd_steps

        for tree in trees:
            dateadd_steps(tree)
    return ";\n".join(t.sql(dialect=write, pretty=True) for t in trees).rstrip() + "\n"


def module_sql(module: ir.Module, dialect: str = "duckdb") -> str:
    queries = []
    for name in module.decisions:
        try:
            queries.append((name, decision_sql(module, name, dialect).rstrip().rstrip(";")))
        except Unsupported as err:
            queries.append((name, f"-- beslutningen kan ikke skrives som SQL: {err}\nSELECT 1 WHERE 1 = 0"))
    return _env().get_template("module.sql.j2").render(dialect=dialect, module=module.name, relation=RELATION,
                                                       queries=queries)


def input_columns(module: ir.Module) -> list[tuple[str, str]]:
    """(column, SQL type) of the input relation, after `rad_id BIGINT`."""
    from ..codegen.spec import input_spec

    return [(name, input_type(str(spec["type"]))) for name, spec in input_spec(module).items()]


__all__ = ["DIALECTS", "ERROR", "RELATION", "ROW_ID", "RULES", "RULE_SEPARATOR", "SCALE_SUFFIX",
           "MissingDependency", "Unsupported", "decision_sql", "input_columns", "module_sql", "plan", "require"]
