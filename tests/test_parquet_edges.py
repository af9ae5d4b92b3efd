"""Parquet files off the happy path, through both motors (found by a review, issue 14):
a column without a name, string bytes that are not UTF-8, a damaged page, a read-only
result file, and a failing write said as a write error; and a closed standard input."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow", reason="pyarrow er ikke installeret (pip install 'regel[sql]')")
pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow er ikke installeret (pip install 'regel[sql]')")
pytest.importorskip("duckdb", reason="duckdb er ikke installeret (pip install 'regel[sql]')")

ROOT = Path(__file__).resolve().parent.parent
MOTORS = [[], ["--motor", "duckdb"]]


def _eval(src: Path, out: Path, motor: list[str], user: list[str] | None = None) -> subprocess.CompletedProcess:
    cmd = [*(user or []), sys.executable, "-m", "regel", "eval", "sanktion", "--input", str(src), "--out", str(out),
           "--generated", str(ROOT / "generated"), *motor]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120)


def _cases(n: int = 3) -> dict:
    return {"ordning": ["sh_o_ydelse"] * n, "forseelse": ["udeblevet_samtale"] * n, "dato": ["2024-03-01"] * n,
            "månedlig_ydelse": [5000.0] * n, "forsørger": [True] * n}


@pytest.mark.parametrize("motor", MOTORS, ids=["python", "duckdb"])
def test_a_column_without_a_name_is_refused_in_danish(tmp_path: Path, motor: list[str]) -> None:
    src = tmp_path / "sager.parquet"
    pq.write_table(pa.table({"ordning": ["sh_o_ydelse"], "": [1]}), src)
    proc = _eval(src, tmp_path / "ud.jsonl", motor)
    assert proc.returncode == 2
    assert "Kolonne 2 i Parquet-filen har intet navn" in proc.stderr
    assert "intern fejl" not in proc.stderr and not (tmp_path / "ud.jsonl").exists()


def test_string_bytes_that_are_not_utf8_refuse_that_row_only(tmp_path: Path) -> None:
    cols = _cases()
    cols["ordning"] = pa.array([b"sh_o_ydelse", b"\xff", None], pa.binary()).view(pa.string())
    src = tmp_path / "sager.parquet"
    pq.write_table(pa.table(cols), src)
    outs = []
    for k, motor in enumerate(MOTORS):
        for suffix in (".jsonl", ".parquet"):
            out = tmp_path / f"ud{k}{suffix}"
            proc = _eval(src, out, motor)
            assert proc.returncode == 0, proc.stderr
            outs.append(out.read_bytes() if suffix == ".jsonl" else pq.read_table(out))
    assert outs[0] == outs[2]
    assert outs[1].equals(outs[3])
    lines = outs[0].decode().splitlines()
    assert "række 2: feltet «ordning» er ikke gyldig UTF-8 (byte 1: 0xff)" in lines[1]
    assert "fradrag" in lines[0] or "sanktion" in lines[0]  # the first row was decided


@pytest.mark.parametrize("motor", MOTORS, ids=["python", "duckdb"])
def test_a_damaged_page_is_said_as_such(tmp_path: Path, motor: list[str]) -> None:
    src = tmp_path / "sager.parquet"
    pq.write_table(pa.table(_cases(2000)), src, row_group_size=500, compression="none")
    data = bytearray(src.read_bytes())
    for i in range(8, 200):  # the first page headers; the footer (schema, row groups) stays whole
        data[i] ^= 0x5A
    src.write_bytes(bytes(data))
    out = tmp_path / "ud.jsonl"
    proc = _eval(src, out, motor)
    assert proc.returncode == 2
    assert "Parquet-filen kan ikke læses efter række 0" in proc.stderr, proc.stderr
    assert "ukendt systemfejl" not in proc.stderr and not out.exists()


def _as_other_user() -> list[str] | None:
    """A command prefix that runs as a user file modes bind (root ignores 0444), or None."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


@pytest.mark.parametrize("motor", MOTORS, ids=["python", "duckdb"])
def test_a_read_only_result_file_is_replaced_like_jsonl(motor: list[str]) -> None:
    """The Python motor said «Kan ikke læse sager.parquet: adgang nægtet» (pyarrow could not open
    the 0444 temporary file again); DuckDB replaced it. Both replace it now, keeping its mode,
    as JSONL and CSV results are replaced."""
    user = _as_other_user()
    if user is None:
        pytest.skip("kører som root uden setpriv: filrettigheder binder ikke root")
    folder = Path(tempfile.mkdtemp(prefix="regel_ro_", dir="/tmp"))
    try:
        folder.chmod(0o777)
        src = folder / "sager.parquet"
        pq.write_table(pa.table(_cases()), src)
        src.chmod(0o644)
        out = folder / "ud.parquet"
        out.write_bytes(b"")
        out.chmod(0o444)
        proc = _eval(src, out, motor, user)
        assert proc.returncode == 0, proc.stderr
        assert stat.S_IMODE(out.stat().st_mode) == 0o444
        assert pq.read_table(out).num_rows == 3
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_failing_write_is_a_write_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A full disk while pyarrow writes was reported as «Kan ikke læse sager.parquet»."""
    from regel.cli import main

    src = tmp_path / "sager.parquet"
    pq.write_table(pa.table(_cases()), src)
    out = tmp_path / "ud.parquet"

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_batch", full)
    code = main(["eval", "sanktion", "--input", str(src), "--out", str(out), "--generated", str(ROOT / "generated")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"Kunne ikke skrive {out}" in err and "Kan ikke læse" not in err, err
    assert not out.exists() and list(tmp_path.iterdir()) == [src]


@pytest.mark.parametrize("args", [["--out", "x.jsonl"], ["--out", "x.jsonl", "--motor", "duckdb"], []],
                         ids=["batch", "duckdb", "single"])
def test_a_closed_standard_input_is_said_in_danish(tmp_path: Path, args: list[str]) -> None:
    """`--input - <&-` was «intern fejl: AttributeError: 'NoneType' object has no attribute 'buffer'»."""
    cmd = " ".join([sys.executable, "-m", "regel", "eval", "sanktion", "--input", "-", "--generated",
                    str(ROOT / "generated"), *args]) + " <&-"
    proc = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2
    assert "Standard input er lukket" in proc.stderr and "intern fejl" not in proc.stderr, proc.stderr


def test_a_row_id_column_says_where_it_belongs(tmp_path: Path) -> None:
    """The docs' Spark input (with rad_id) given to regel eval: the hint says what rad_id is (walkthrough)."""
    src = tmp_path / "sager.parquet"
    pq.write_table(pa.table({"rad_id": [0], "ordning": ["sh_o_ydelse"]}), src)
    proc = _eval(src, tmp_path / "ud.jsonl", [])
    assert proc.returncode == 2
    assert "hører til SQL-forespørgslens input" in proc.stderr and "fjern kolonnen «rad_id»" in proc.stderr


def test_missing_pyarrow_is_said_for_parquet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Without pyarrow, Parquet said «SQL-målet kræver pyarrow» also for the Python motor (walkthrough)."""
    from regel.cli import main
    from regel.sql import MissingDependency
    from regel.sql import parquet as pq_mod

    def missing():
        raise MissingDependency("SQL-målet kræver pyarrow")

    monkeypatch.setattr(pq_mod, "_libs", missing)
    src = tmp_path / "sager.parquet"
    src.write_bytes(b"PAR1")
    code = main(["eval", "sanktion", "--input", str(src), "--out", str(tmp_path / "ud.jsonl"),
                 "--generated", str(ROOT / "generated")])
    err = capsys.readouterr().err
    assert code == 2 and "Parquet-filer læses og skrives med pyarrow; installér med pip install" in err, err
    assert "SQL-målet" not in err
