"""Shared fixtures. Helpers the tests import live in generated_loader.py, outcomes.py and example_counts.py;
the PostgreSQL server and the SparkSession behind `pg_server` and `spark` in pg_server.py and spark_session.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from generated_loader import load_generated_module
from pg_server import PgServer, PgUnavailableError
from pg_server import start_server as start_pg_server
from spark_session import SparkUnavailableError
from spark_session import start_session as start_spark_session
from spark_session import stop_session as stop_spark_session

from regel.codegen import generate
from regel.diagnostics import has_errors
from regel.model import load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def tables_sanktion(tmp_path_factory) -> ModuleType:
    """The real rule set in tables/, compiled to Python once per run: the generated sanktion module."""
    modules, diags = load([str(ROOT / "tables")])
    assert not has_errors(diags), [d.message for d in diags if d.is_error]
    (model,) = [m for m in modules if m.name == "sanktion"]
    path = tmp_path_factory.mktemp("tables") / "sanktion.py"
    path.write_text(generate(model), encoding="utf-8")
    return load_generated_module(path, "regel_tables_sanktion_shared")


def _required(what: str) -> bool:
    """scripts/test.sh sets REGEL_TEST_REQUIRE (e.g. «postgres,spark») for what it has installed:
    then a server that does not start is a failure, not a skip."""
    return what in {w.strip() for w in os.environ.get("REGEL_TEST_REQUIRE", "").split(",")}


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A throwaway PostgreSQL server on a free local port for the whole run (tests/pg_server.py),
    stopped and removed after. Skips with the reason when PostgreSQL is not installed."""
    try:
        server = start_pg_server()
    except PgUnavailableError as err:
        if _required("postgres"):
            pytest.fail(f"PostgreSQL skulle være her (REGEL_TEST_REQUIRE), men: {err}")
        pytest.skip(f"PostgreSQL: {err}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def spark():
    """A local SparkSession (two threads, little memory, quiet) for the whole run
    (tests/spark_session.py). Skips with the reason when Java or pyspark is missing."""
    try:
        session = start_spark_session()
    except SparkUnavailableError as err:
        if _required("spark"):
            pytest.fail(f"Spark skulle være her (REGEL_TEST_REQUIRE), men: {err}")
        pytest.skip(f"Spark: {err}")
    try:
        yield session
    finally:
        stop_spark_session(session)
