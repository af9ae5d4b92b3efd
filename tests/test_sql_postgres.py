"""The SQL target against a real PostgreSQL server (issue 14, items 3 and 4).

The server is the session fixture `pg_server` (tests/pg_server.py): a throwaway cluster on a
free local port, stopped after the run; `psql` is the client. First the fixture's own round
trip (exact numerics, dates, NULL against an empty string), then the generated SQL against the
Python module.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pg_server import PgError


def test_server_round_trip_is_exact(pg_server) -> None:
    pg_server.execute('DROP TABLE IF EXISTS rundtur; CREATE TABLE rundtur (id bigint, "beløb" numeric(14,2), '
                      "dato date, ja boolean, tekst text)")
    rows = [
        (1, Decimal("10469.50"), date(2024, 1, 2), True, ""),
        (2, None, None, None, None),
        (3, Decimal("-0.05"), "2025-12-31", False, 'æøå «x», "y"\\n'),
        (4, Decimal("999999999999.99"), date(2000, 2, 29), True, "a,b"),
    ]
    pg_server.copy_rows("rundtur", ["id", "beløb", "dato", "ja", "tekst"], rows)
    got = pg_server.query('SELECT * FROM rundtur ORDER BY id')
    assert got == [
        {"id": 1, "beløb": Decimal("10469.50"), "dato": "2024-01-02", "ja": True, "tekst": ""},
        {"id": 2, "beløb": None, "dato": None, "ja": None, "tekst": None},
        {"id": 3, "beløb": Decimal("-0.05"), "dato": "2025-12-31", "ja": False, "tekst": 'æøå «x», "y"\\n'},
        {"id": 4, "beløb": Decimal("999999999999.99"), "dato": "2000-02-29", "ja": True, "tekst": "a,b"},
    ]


def test_server_reports_errors_in_its_own_words(pg_server) -> None:
    with pytest.raises(PgError, match="division by zero"):
        pg_server.query("SELECT 1 / 0 AS x")
