"""A batch input whose name says JSONL but which is plainly another format is refused before
a line is read, with the fix (a new-user walkthrough: every line was refused and the run
exited 0); an output name regel does not know is written as JSONL with a warning. A JSONL file
whose bad first line merely looks like a start stays a JSONL file (one refusal per line)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MOTORS = [[], ["--motor", "duckdb"]]
CASE = {"ordning": "sh_o_ydelse", "forseelse": "afvist_tilbud", "dato": "2024-03-01", "månedlig_ydelse": 5000,
        "forsørger": True}


def _eval(src: str | Path, out: Path, motor: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "regel", "eval", "sanktion", "--input", str(src), "--out", str(out),
           "--generated", str(ROOT / "generated"), *motor]
    return subprocess.run(cmd, capture_output=True, input=stdin, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("motor", MOTORS, ids=["python", "duckdb"])
def test_parquet_under_another_name_is_refused(tmp_path: Path, motor: list[str]) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "sager.pq"
    pq.write_table(pa.table({"ordning": ["sh_o_ydelse"]}), src)
    proc = _eval(src, tmp_path / "ud.jsonl", motor)
    assert proc.returncode == 2 and not (tmp_path / "ud.jsonl").exists()
    err = proc.stderr.decode()
    assert "er Parquet (det begynder med «PAR1»)" in err and "endelsen .parquet" in err
    proc = _eval("-", tmp_path / "ud.jsonl", motor, stdin=src.read_bytes())
    assert proc.returncode == 2 and "Standard input er Parquet" in proc.stderr.decode()


@pytest.mark.parametrize("motor", MOTORS, ids=["python", "duckdb"])
def test_csv_under_another_name_is_refused(tmp_path: Path, motor: list[str]) -> None:
    src = tmp_path / "sager.txt"
    src.write_text("ordning;forseelse;dato;Alder\nsh_o_ydelse;afvist_tilbud;2024-03-01;30\n", encoding="utf-8")
    proc = _eval(src, tmp_path / "ud.jsonl", motor)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "ser ud til at være CSV" in err and "endelsen .csv" in err, err
    proc = _eval("-", tmp_path / "ud.jsonl", motor, stdin=src.read_bytes())
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Standard input ser ud til at være CSV" in err and "navnet" not in err, err


@pytest.mark.parametrize("motor", MOTORS, ids=["python", "duckdb"])
def test_csv_named_jsonl_is_refused(tmp_path: Path, motor: list[str]) -> None:
    """Regression (walkthrough): a CSV saved as .jsonl had every line refused and exit 0."""
    src = tmp_path / "sager.jsonl"
    src.write_text("ordning;forseelse;dato;dage\nsh_o_ydelse;afvist_tilbud;2024-03-01;3\n", encoding="utf-8")
    proc = _eval(src, tmp_path / "ud.jsonl", motor)
    err = " ".join(proc.stderr.decode().split())
    assert proc.returncode == 2 and not (tmp_path / "ud.jsonl").exists(), err
    assert "ser ud til at være CSV" in err and "fordi navnet ender på .jsonl. Giv filen endelsen .csv" in err, err


@pytest.mark.parametrize("motor", MOTORS, ids=["python", "duckdb"])
@pytest.mark.parametrize(("text", "says"), [('{"ordning": "sh_o_ydelse"}\n', "giv den endelsen .jsonl"),
                                            ("ordning;dato\nsh_o_ydelse;2024-03-01\n", "måske CSV"),
                                            ("PAR1 uden slutmærke\n", "begynder og slutter med «PAR1»")])
def test_not_parquet_under_a_parquet_name_is_said_in_danish(tmp_path: Path, motor: list[str], text: str,
                                                            says: str) -> None:
    """Regression (walkthrough): a JSONL file named .parquet was refused with pyarrow's English
    («Parquet magic bytes not found in footer …»)."""
    pytest.importorskip("pyarrow")
    src = tmp_path / "sager.parquet"
    src.write_text(text, encoding="utf-8")
    proc = _eval(src, tmp_path / "ud.jsonl", motor)
    err = " ".join(proc.stderr.decode().split())
    assert proc.returncode == 2 and "filen er ikke Parquet" in err and says in err, err
    assert "magic" not in err and not (tmp_path / "ud.jsonl").exists()


@pytest.mark.parametrize("motor", MOTORS, ids=["python", "duckdb"])
def test_one_pretty_printed_case_with_out_is_refused(tmp_path: Path, motor: list[str]) -> None:
    src = tmp_path / "sag.json"
    src.write_text(json.dumps(CASE, ensure_ascii=False, indent=2), encoding="utf-8")
    proc = _eval(src, tmp_path / "ud.jsonl", motor)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "ét JSON-dokument over flere linjer" in err, err


@pytest.mark.parametrize("text", ["{\n", "{\n\"a\": 1\n", "[\nx\n", "ordning\n{}\n", "PAR1\n{}\n", "x,y,z\n{}\n"])
def test_bad_first_lines_of_jsonl_are_refused_line_by_line(tmp_path: Path, text: str) -> None:
    """Only the unmistakable is refused as a whole: a lone `{` that is not the start of one JSON
    document, a single field name, «PAR1» without Parquet's end marker, cells that are not fields."""
    src = tmp_path / "sager.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "ud.jsonl"
    proc = _eval(src, out, [])
    assert proc.returncode == 0, proc.stderr.decode()
    assert len(out.read_text(encoding="utf-8").splitlines()) == text.count("\n")


def test_an_unknown_output_name_is_jsonl_with_a_warning(tmp_path: Path) -> None:
    src = tmp_path / "sager.jsonl"
    src.write_text(json.dumps(CASE, ensure_ascii=False) + "\n", encoding="utf-8")
    proc = _eval(src, tmp_path / "ud.xlsx", [])
    err = proc.stderr.decode()
    assert proc.returncode == 0 and "advarsel: " in err and "skrives som JSONL" in err, err
    assert set(json.loads((tmp_path / "ud.xlsx").read_text(encoding="utf-8"))) & {"sanktion", "fejl"}
    proc = _eval(src, tmp_path / "ud.jsonl", [])
    assert "advarsel" not in proc.stderr.decode()
