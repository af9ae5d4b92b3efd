"""Shared by differential tests: a call's result, or its error as comparable data."""

from __future__ import annotations


def outcome(fn, case):
    try:
        return fn(case)
    except Exception as e:  # noqa: BLE001 - the error itself is compared
        return (type(e).__name__, str(e), getattr(e, "felt", None), getattr(e, "tabel", None),
                getattr(e, "regel", None))
