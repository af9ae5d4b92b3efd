"""Shared fixtures. Helpers the tests import live in generated_loader.py, outcomes.py and example_counts.py."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from generated_loader import load_generated_module

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
