"""Numbers in SQL refusal messages are shown exactly as the Python evaluator shows them
(`regel.runtime.core._show`): sql/display.py's SQL run in DuckDB, value by value."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regel.runtime.core import _show
from regel.sql.display import show

duckdb = pytest.importorskip("duckdb")

_CON = duckdb.connect()

_EDGES = [0, 1, -1, 9, 10, 99, 100, 999, 1000, -1000, 1001, 9999, 10_000, 99_999, 100_000, 999_999,
          1_000_000, 12_345_678, 123_456_789, 1_234_567_890, 10**12, 10**15 - 1, 10**15, 10**17 + 3,
          -(10**17) - 3, 10**18, 2**63 - 1, -(2**63)]  # 19 digits: a BIGINT's whole range


def _sql_show(kind: str, value: Decimal | int, scale: int) -> str:
    typed = f"CAST('{value}' AS DECIMAL(38, {scale}))" if kind == "amount" else f"CAST({value} AS BIGINT)"
    if kind != "amount" and abs(value) >= 2**63:  # a computed whole number wider than a BIGINT
        typed = f"CAST('{value}' AS DECIMAL(38, 0))"
    return _CON.execute(f"SELECT {show(kind, 'x', scale)} FROM (SELECT {typed} AS x)").fetchone()[0]


@pytest.mark.parametrize("kind", ["int", "percent"])
@pytest.mark.parametrize("value", _EDGES)
def test_whole_numbers(kind, value):
    assert _sql_show(kind, value, 0) == _show(kind, value)


@pytest.mark.parametrize("value", ["0.01", "0.10", "1.50", "-1.05", "999.99", "1000.00", "10469.50",
                                   "-10469.5", "123456789.12", "9999999999999.99", "100"])
def test_amounts(value):
    d = Decimal(value)
    assert _sql_show("amount", d, 2) == _show("amount", d)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_any_bigint(value):
    assert _sql_show("int", value, 0) == _show("int", value)


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=Decimal("-9999999999999.99"), max_value=Decimal("9999999999999.99"), places=2))
def test_amounts_random(d):
    assert _sql_show("amount", d, 2) == _show("amount", d)


@pytest.mark.parametrize("value", [10**19, -(10**25) - 7, 10**27 + 1])  # Python shows 28 digits exactly
def test_whole_numbers_wider_than_a_bigint(value):
    """Regression: whole parts over 18 digits kept their head ungrouped (1000.000.000…) and
    a DECIMAL(38, 0) result can be that wide."""
    assert _sql_show("int", value, 0) == _show("int", value)
