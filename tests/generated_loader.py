"""Import generated Python modules in tests (the one place that does it), and find
the ruff that checks generated code."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType


def load_generated_module(path: Path, name: str | None = None) -> ModuleType:
    """Import the file at `path` as module `name` (default: the file's stem).

    The module is registered in sys.modules before it runs, as a normal import
    would: generated dataclasses look their module up there."""
    name = name or path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def import_source(source: str, directory: Path, name: str) -> ModuleType:
    """Write `source` to `directory/name.py` and import it as `name`."""
    path = directory / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    return load_generated_module(path, name)


def find_ruff() -> str | None:
    """This environment's ruff (a test dependency, also when its bin/ is not on PATH), else one on PATH."""
    try:
        import ruff

        return ruff.find_ruff_bin()
    except (ImportError, FileNotFoundError):
        return shutil.which("ruff")


RUFF = find_ruff()
NO_RUFF = "ruff is not installed (pip install '.[test]')"
