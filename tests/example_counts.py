"""How many examples a property test runs: the CI count by default, and a long
count in a twin marked `slow` (deselected unless `pytest -m slow`)."""

from __future__ import annotations

import pytest
from hypothesis import settings


def example_counts(ci: int, long: int, **kwargs) -> list:
    """Parameters for `examples`: a `hypothesis.settings` with `ci` examples, and one with `long` marked slow.

    Use as `@pytest.mark.parametrize("examples", example_counts(200, 3000, deadline=None))` and
    decorate the test's inner @given function with `@examples`."""
    return [pytest.param(settings(max_examples=ci, **kwargs), id=f"{ci}"),
            pytest.param(settings(max_examples=long, **kwargs), id=f"{long}", marks=pytest.mark.slow)]


def seeds(ci: int, long: int) -> list:
    """Seeds 0…ci-1, then ci…long-1 marked slow."""
    return [*range(ci), *(pytest.param(s, marks=pytest.mark.slow) for s in range(ci, long))]
