"""Ctrl-C and SIGTERM stop `regel eval --motor duckdb` as they stop the Python motor (docs/batch.md):
exit code 130/143, «Afbrudt efter …» in Danish, the old result file untouched and nothing left
behind — for every way DuckDB reads and writes (JSONL stream, CSV chunks, Parquet read and
written by DuckDB itself, Parquet to JSONL). Found by a walkthrough: DuckDB reported the stop as
«Query interrupted» (an internal error), the stream's reader wrapped it as a read error («Kan ikke
læse …: ukendt systemfejl»), the CSV path answered it by deciding the rest in Python (exit 0), and
Parquet → Parquet aborted the process (SIGABRT) with a thread still inside DuckDB."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("duckdb")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ["ordning", "forseelse", "dato", "dage", "rimelig_grund", "barsel", "fremmer_rådighed", "forsørger",
          "alder", "hjemmeboende", "bidragspligt", "uarbejdsdygtighed", "månedlig_ydelse", "afgørelse_modtaget"]
CASES = [
    {"ordning": "ressourceforløb", "forseelse": "udeblevet_samtale", "dato": "2024-03-01", "forsørger": True,
     "alder": 30, "hjemmeboende": False, "dage": 2},
    {"ordning": "jobafklaringsforløb", "forseelse": "afvist_tilbud", "dato": "2025-05-02", "forsørger": False,
     "alder": 22, "hjemmeboende": True, "uarbejdsdygtighed": 75},
    {"ordning": "sh_o_ydelse", "forseelse": "udeblevet_tilbud", "dato": "2024-06-07", "forsørger": False,
     "månedlig_ydelse": 14404.98, "dage": 4},
]
REPEAT = 120_000  # 360.000 cases: a run of several seconds, stopped after about one second of work


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("signals")
    lines = [json.dumps(c, ensure_ascii=False) for c in CASES] + ['{"ordning": "ressourceforløb"']  # one broken
    (d / "in.jsonl").write_text("\n".join(lines * REPEAT) + "\n", encoding="utf-8")
    with open(d / "in.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(FIELDS)
        rows = [["" if c.get(f) is None else "ja" if c.get(f) is True else "nej" if c.get(f) is False
                 else str(c.get(f)).replace(".", ",") for f in FIELDS] for c in CASES]
        w.writerows(rows * REPEAT)
    from datetime import date
    from decimal import Decimal

    types = {"ordning": pa.string(), "forseelse": pa.string(), "dato": pa.date32(), "dage": pa.int64(),
             "forsørger": pa.bool_(), "alder": pa.int64(), "hjemmeboende": pa.bool_(),
             "uarbejdsdygtighed": pa.int64(), "månedlig_ydelse": pa.decimal128(18, 2)}
    cols = {f: [] for f in types}
    for c in CASES * REPEAT:
        for f in types:
            v = c.get(f)
            cols[f].append(date.fromisoformat(v) if f == "dato" else Decimal(str(v)) if f == "månedlig_ydelse"
                           and v is not None else v)
    pq.write_table(pa.table({f: pa.array(v, types[f]) for f, v in cols.items()}), d / "in.parquet")
    return d


def _default_signals() -> None:
    """The child hears Ctrl-C even when this test runs as a background job (a shell started in the
    background, as CI may, ignores SIGINT, and a child inherits that; regel rightly leaves an
    ignored signal alone)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _cpu(pid: int) -> float:
    """Seconds of CPU the process has used (its own work, whatever the machine's load)."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to time the signal")
@pytest.mark.parametrize(("src", "dst", "sig"), [
    ("in.jsonl", "ud.jsonl", signal.SIGINT),
    ("in.jsonl", "ud.csv", signal.SIGTERM),
    ("in.csv", "ud.jsonl", signal.SIGINT),
    ("in.csv", "ud.parquet", signal.SIGTERM),
    ("in.parquet", "ud.parquet", signal.SIGINT),
    ("in.parquet", "ud.parquet", signal.SIGTERM),
    ("in.parquet", "ud.jsonl", signal.SIGINT),
])
def test_a_signal_stops_the_duckdb_motor_cleanly(inputs, tmp_path, src, dst, sig) -> None:
    out = tmp_path / dst
    out.write_text("gammel\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "regel", "eval", "sanktion", "--input", str(inputs / src),
                             "--out", str(out), "--motor", "duckdb", "--generated", str(ROOT / "generated")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            preexec_fn=_default_signals)
    deadline = time.monotonic() + 60
    while proc.poll() is None and _cpu(proc.pid) < 1.2 and time.monotonic() < deadline:
        time.sleep(0.02)  # imports and planning done, cases under way
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=120)
    assert "intern fejl" not in err and "terminate called" not in err and "Traceback" not in err, err
    assert proc.returncode == (130 if sig == signal.SIGINT else 143), (proc.returncode, err)
    assert "Afbrudt efter" in err and "resultatfilen er ikke ændret" in err, err
    assert out.read_text(encoding="utf-8") == "gammel\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [dst]  # no temporary file left behind


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to time the signal")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_the_plans_are_compiled_is_said(inputs, tmp_path, sig) -> None:
    """With no plan cache yet (a fresh install, or after regel changed), `--motor duckdb` loads and
    compiles the rules for seconds before the run starts: SIGTERM there killed the process without
    a word (-15) — found when a code change left the cache cold under this file's other test."""
    import shutil

    shutil.copytree(ROOT / "tables", tmp_path / "tables")
    shutil.copytree(ROOT / "generated", tmp_path / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "ud.jsonl"
    out.write_text("gammel\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "regel", "eval", "sanktion", "--input", str(inputs / "in.jsonl"),
                             "--out", str(out), "--motor", "duckdb", "--generated", str(tmp_path / "generated")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                            preexec_fn=_default_signals)
    deadline = time.monotonic() + 60
    while proc.poll() is None and _cpu(proc.pid) < 0.8 and time.monotonic() < deadline:
        time.sleep(0.02)  # imports done, the rules being loaded (the cold cache takes ~2-3 s)
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=120)
    assert "intern fejl" not in err and "Traceback" not in err, err
    assert proc.returncode == (130 if sig == signal.SIGINT else 143), (proc.returncode, err)
    assert "Afbrudt efter" in err and "resultatfilen er ikke ændret" in err, err
    assert out.read_text(encoding="utf-8") == "gammel\n"
