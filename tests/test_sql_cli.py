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
    ["--dialekt", "spark", "klagefrist", TABLES],  # before BESLUTNING too (a walkthrough: «ukendte argumenter»)
    ["--dialekt", "spark", "klagefrist", TABLES, "--dialekt", "spark"],
])
def test_paths_and_dialect_in_any_order(argv, capsys) -> None:
    assert main(["sql", *argv]) == 0
    out = capsys.readouterr().out
    assert "beslutning klagefrist" in out and "rad_id" in out
    assert out.startswith("/*")  # Spark's comments: the dialect was applied


def test_two_different_dialects_are_refused(capsys) -> None:
    assert main(["sql", "--dialekt", "spark", "klagefrist", TABLES, "--dialekt", "postgres"]) == 2
    assert "to dialekter, «spark» og «postgres»" in capsys.readouterr().err


def test_unknown_option_and_missing_tables_are_said(tmp_path, monkeypatch, capsys) -> None:
    assert main(["sql", "klagefrist", "--nej"]) == 2
    assert "ukendte argumenter: --nej" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)  # no tables/ here
    assert main(["sql", "klagefrist"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "Stien «tables» findes ikke" in err and "regel sql BESLUTNING STI" in err, err
    assert "regel check" not in err  # it would not help (walkthrough)
    assert main(["sql", "sanktionn", TABLES]) == 2
    assert "Mente du «sanktion»?" in capsys.readouterr().err


def test_an_unknown_dialect_is_said_in_danish(capsys) -> None:
    """sqlglot's «Unknown dialect 'bogus'.» was quoted inside the Danish message (walkthrough)."""
    assert main(["sql", "klagefrist", TABLES, "--dialekt", "bogus"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "ukendt SQL-dialekt «bogus». Brug fx duckdb, spark, postgres, tsql" in err and "Unknown" not in err


def test_a_misspelt_dialect_gets_a_suggestion_and_case_does_not_matter(capsys) -> None:
    """Walkthrough: `--dialekt spak` had no «Mente du», and `--dialekt SPARK` was unknown."""
    assert main(["sql", "klagefrist", TABLES, "--dialekt", "spak"]) == 2
    assert "ukendt SQL-dialekt «spak». Mente du «spark»?" in " ".join(capsys.readouterr().err.split())
    assert main(["sql", "klagefrist", TABLES, "--dialekt", "SPARK"]) == 0
    upper = capsys.readouterr().out
    assert main(["sql", "--dialekt", "Spark", "klagefrist", TABLES, "--dialekt", "spark"]) == 0  # one dialect
    assert capsys.readouterr().out == upper and "CAST" in upper


def test_an_empty_parquet_file_is_said_in_danish(tmp_path, monkeypatch, capsys) -> None:
    """pyarrow's «Parquet file size is 0 bytes» was quoted inside the Danish message (walkthrough)."""
    pytest.importorskip("pyarrow")
    monkeypatch.chdir(Path(TABLES).parent)
    src = tmp_path / "tom.parquet"
    src.write_bytes(b"")
    assert main(["eval", "sanktion", "--input", str(src), "--out", str(tmp_path / "u.jsonl")]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "filen er tom (0 byte)" in err and "bytes" not in err
    assert not (tmp_path / "u.jsonl").exists()


@pytest.mark.parametrize(("dialect", "warned"), [("tsql", True), ("sqlite", True), ("postgres", False),
                                                 ("duckdb", False), ("spark", False)])
def test_a_dialect_the_tests_do_not_run_is_said(capsys, dialect, warned) -> None:
    """sqlite's SQL was rejected by SQLite and T-SQL's cannot run in SQL Server, with no word (walkthrough)."""
    assert main(["sql", "klagefrist", TABLES, "--dialekt", dialect]) == 0
    captured = capsys.readouterr()
    assert ("advarsel: dialekten" in captured.err) is warned
    assert "rad_id" in captured.out


def test_sql_comments_name_policies_in_danish(capsys) -> None:
    """The grid comment said «politik unique» (the model's internal name; walkthrough)."""
    assert main(["sql", "sanktion", TABLES]) == 0
    out = capsys.readouterr().out
    assert "(politik unik)" in out and "(politik første)" in out
    assert "politik unique" not in out and "politik first" not in out


@pytest.mark.parametrize(("cells", "says"), [(["a"], "linjen har 1 felt, men"),
                                             (["a", "b", "c"], "linjen har 3 felter")])
def test_csv_cell_count_in_danish(cells, says) -> None:
    from regel.csvio import CellError, row_case

    with pytest.raises(CellError, match=says):
        row_case(cells, ["x", "y"], {"x": {"type": "text", "domain": None}, "y": {"type": "text", "domain": None}})


@pytest.mark.parametrize("argv", [["sql"], ["sql", "--dialekt", "spark"]])
def test_only_the_decision_is_named_missing(argv, capsys) -> None:
    """Regression: Python 3.11's argparse named the optional paths missing too («BESLUTNING, STI»)."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "disse argumenter mangler: BESLUTNING\n" in err
