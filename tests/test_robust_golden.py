"""Golden diagnostics for the classic mistakes of a legal editor.

Each `tests/fixtures/frontend/diagnostics/<case>.regel` is loaded and its
diagnostics rendered as `path:line:col: severity[code]: message` plus
`  hint: …` lines (paths relative to the repository), then compared with
`tests/golden/diagnostics/<case>.txt`. Regenerate with `REGEL_UPDATE_GOLDEN=1`
and read the diff: a golden file is a promise about what an editor sees.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_robust_frontend import assert_sound

from regel.model import load

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted((ROOT / "tests" / "fixtures" / "frontend" / "diagnostics").glob("*.regel"))
GOLDEN = ROOT / "tests" / "golden" / "diagnostics"


def render(diags) -> str:
    """A deliberately tiny renderer (the CLI has its own); one line per diagnostic."""
    out = []
    for d in diags:
        where = "<ingen placering>"
        if d.span is not None:
            where = f"{Path(os.path.relpath(d.span.path, ROOT)).as_posix()}:{d.span.line}:{d.span.column}"
        out.append(f"{where}: {d.severity.value}[{d.code}]: {d.message}")
        if d.hint:
            out.append(f"  hint: {d.hint}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_diagnostics(case: Path):
    modules, diags = load([case])
    assert_sound(modules, diags, expect_module=False)
    text = render(diags).replace(str(ROOT), "<rod>")
    golden = GOLDEN / f"{case.stem}.txt"
    if os.environ.get("REGEL_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, "utf-8")
    assert golden.exists(), f"no golden file for {case.name}; run with REGEL_UPDATE_GOLDEN=1"
    assert text == golden.read_text("utf-8")


def test_every_golden_file_has_a_case():
    assert {p.stem for p in GOLDEN.glob("*.txt")} == {c.stem for c in CASES}
