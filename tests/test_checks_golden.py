"""The rendered diagnostics of a fixture with one finding of every kind.

Regenerate after an intended wording change with REGEL_UPDATE_GOLDEN=1 and
review the diff like any other change to what editors read."""

from __future__ import annotations

import os
from pathlib import Path

from regel import diagnostics as dg
from regel.checks import check_module
from regel.model import load
from regel.render import format_plain

GOLDEN = Path(__file__).parent / "golden" / "checks"


def render(name: str) -> str:
    modules, diags = load([GOLDEN / f"{name}.regel"])
    assert not dg.has_errors(diags), [format_plain(d) for d in diags]
    (module,) = modules
    found = check_module(module)
    return "\n".join(format_plain(d, base=str(GOLDEN)) for d in found) + "\n"


def _golden(name: str) -> str:
    text = render(name)
    expected = GOLDEN / f"{name}.txt"
    if os.environ.get("REGEL_UPDATE_GOLDEN"):
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")
    return text


def test_golden_fund():
    text = _golden("fund")
    # Every kind of finding is in the fixture.
    for code in ("E201", "E202", "W203", "W204", "E205", "E206"):
        assert f"[{code}]" in text


def test_golden_gaps_at_a_name():
    """A gap at `< bundfradrag` / `> bundfradrag` reads with the value the name has in the
    version in force («indkomst = 882.700 kr»), per version where its table has several,
    and as «indkomst = grænse» where the name is a field (no value to give)."""
    text = _golden("navne")
    assert "−" not in text  # no derived column `indkomst − bundfradrag` is shown
    assert "indkomst = 882.700 kr (version «2024»)" in text
    assert "indkomst = grænse" in text
