"""`regel sql BESLUTNING [STI …] --dialekt NAVN`: paths and the dialect in any order, and a
clear message when the rules cannot be read (found by the Spark/PostgreSQL engineer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from regel.cli import main

TABLES = str(Path(__file__).resolve().parent.parent / "tables")


@pytest.mark.parametrize("argv", [
    ["klagefrist", "--dialekt", "spark", TABLES],
    ["klagefrist", TABLES, "--dialekt", "spark"],
    ["klagefrist", "--dialekt=spark", TABLES],
])
def test_paths_and_dialect_in_any_order(argv, capsys) -> None:
    assert main(["sql", *argv]) == 0
    out = capsys.readouterr().out
    assert "beslutning klagefrist" in out and "rad_id" in out


def test_unknown_option_and_missing_tables_are_said(tmp_path, monkeypatch, capsys) -> None:
    assert main(["sql", "klagefrist", "--nej"]) == 2
    assert "ukendte argumenter: --nej" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)  # no tables/ here
    assert main(["sql", "klagefrist"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "kan ikke oversættes (Stien «tables» findes ikke)" in err and "tabellerne har fejl" not in err
