"""Golden file and determinism of generated modules.

Regenerate the golden file with REGEL_UPDATE_GOLDEN=1 after an intended change
to code generation, and review the diff like any other code change.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from regel.codegen import generate, module_filename
from regel.model import load

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path("tests/fixtures/codegen")  # relative: the header names sources as given
GOLDEN = ROOT / "tests/golden/codegen"


def _generate(relative: str) -> str:
    modules, diags = load([relative])
    assert not [d for d in diags if d.is_error], [d.message for d in diags]
    return generate(modules[0])


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("name", ["sanktion"])
def test_golden(name: str) -> None:
    source = _generate(str(FIXTURES / f"{name}.regel"))
    golden = GOLDEN / f"{name}.py.golden"
    if os.environ.get("REGEL_UPDATE_GOLDEN"):
        golden.write_text(source, encoding="utf-8")
    assert golden.exists(), "run with REGEL_UPDATE_GOLDEN=1 to create the golden file"
    assert source == golden.read_text(encoding="utf-8")


def test_header_names_sources_and_hash() -> None:
    modules, _ = load([str(FIXTURES / "sanktion.regel")])
    source = generate(modules[0])
    head = source.splitlines()[:3]
    assert head[0] == "# GENERERET AF regel — RET IKKE I HÅNDEN"
    assert head[1] == "# Kilde: tests/fixtures/codegen/sanktion.regel"
    assert f"SOURCE_SHA256 = {modules[0].source_hash!r}" in source
    assert "MODULE = 'sanktion'" in source
    assert module_filename(modules[0]) == "sanktion.py"


_PROGRAM = """
import sys
from regel.codegen import generate
from regel.model import load
modules, _ = load([sys.argv[1]])
sys.stdout.write(generate(modules[0]))
"""


@pytest.mark.parametrize("name", ["sanktion", "funktioner"])
def test_byte_identical_across_runs_and_hash_seeds(name: str) -> None:
    """Same module, fresh processes with different string hashing: same bytes."""
    path = str(FIXTURES / f"{name}.regel")
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", _PROGRAM, path], capture_output=True, env=env, cwd=ROOT,
                              check=True)
        outputs.add(done.stdout)
    outputs.add(_generate(path).encode("utf-8"))
    assert len(outputs) == 1
