"""`pip install .` (not editable) ships every package: a folder under src/regel with an
__init__.py that pyproject.toml does not list would be missing from the installed tool
(found when regel.diff was added)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    src = ROOT / "src"
    found = {".".join(p.parent.relative_to(src).parts) for p in (src / "regel").rglob("__init__.py")}
    assert found - listed == set()
