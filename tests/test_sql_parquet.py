"""Parquet in and out (`regel eval … --input sager.parquet --out resultater.parquet`), both motors:
the two motors write the same file, equal value by value to the JSONL results of the same
cases; DuckDB reads and writes the files itself and most rows are decided in SQL; bad cells
get «række N: …», an unknown or ill-typed column stops the run before anything is written;
the output is atomic (an interrupted run leaves the old file and no temporary file); a
large file is streamed, never loaded whole."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from generated_loader import load_generated_module
from rich.console import Console
from sql_cases import boundaries, random_case

from regel.batch import BatchUsageError, python_results, run_batch
from regel.codegen import generate
from regel.codegen.spec import input_spec
from regel.model import load

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("duckdb")

from regel.sql import parquet as pqmod  # noqa: E402
from regel.sql.duck import DuckEngine  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SH_O = {"ordning": "sh_o_ydelse", "forseelse": "afvist_arbejde", "dato": date(2024, 6, 3), "forsørger": False,
        "månedlig_ydelse": Decimal("10469.50")}


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    modules, _diags = load([str(ROOT / "tables")])
    tmp = tmp_path_factory.mktemp("sqlparquet")
    out = {}
    for m in modules:
        path = tmp / f"sqlparquet_{m.name}.py"
        path.write_text(generate(m), encoding="utf-8")
        out[m.name] = (m, load_generated_module(path, f"sqlparquet_{m.name}"))
    return out


# ---- helpers -----------------------------------------------------------------------------------------
_TYPES = {"enum": pa.string(), "text": pa.string(), "bool": pa.bool_(), "int": pa.int64(), "percent": pa.int32(),
          "amount": pa.decimal128(18, 3)}


def typed_table(module, cases: list[dict], rng: random.Random):
    """The cases as a typed Parquet table: a value the column's type cannot hold is left out
    (NULL); dates alternate between DATE and ISO-text columns."""
    spec = input_spec(module)
    arrays = {}
    for name, s in spec.items():
        kind = str(s["type"])
        if kind == "date":
            as_text = rng.random() < 0.5
            vals = []
            for c in cases:
                v = c.get(name)
                if isinstance(v, str) and not as_text:
                    try:
                        v = date.fromisoformat(v)
                    except ValueError:
                        v = None
                vals.append(v if isinstance(v, str if as_text else date) else None)
            arrays[name] = pa.array(vals, pa.string() if as_text else pa.date32())
            continue
        t = _TYPES[kind]
        vals = []
        for c in cases:
            v = c.get(name)
            ok = {"enum": str, "text": str, "bool": bool}.get(kind)
            if ok is not None:
                vals.append(v if isinstance(v, ok) else None)
            elif isinstance(v, bool) or not isinstance(v, (int, Decimal)):
                vals.append(None)
            elif kind == "amount":
                vals.append(Decimal(v) if Decimal(v).as_tuple().exponent >= -3 and abs(v) < 10**14 else None)
            else:
                vals.append(v if -(2**31) <= v < 2**31 else None)
        arrays[name] = pa.array(vals, t)
    names = list(arrays)
    rng.shuffle(names)  # the file's column order is its own
    return pa.table({n: arrays[n] for n in names})


def run(mod, decision: str, src: Path, out: Path, engine=None) -> str:
    err = io.StringIO()
    assert run_batch(mod, decision, str(src), str(out), Console(file=err, width=200), engine=engine) == 0
    return err.getvalue()


def engine_for(tables, name: str, decision: str) -> DuckEngine:
    m, mod = tables[name]
    engine = DuckEngine(m, mod, decision, python_results(mod, decision))
    assert engine.why_not is None, engine.why_not
    return engine


def as_jsonl_value(v):
    """A Parquet cell as the JSONL output writes the same value."""
    if isinstance(v, date):
        return v.isoformat()
    return v


def assert_rows_match_jsonl(rows: list[dict], lines: list[dict]) -> None:
    assert len(rows) == len(lines)
    for k, (row, line) in enumerate(zip(rows, lines, strict=True), start=1):
        assert row[pqmod.ROW] == k
        if "fejl" in line:
            assert row["fejl"] == line["fejl"], k
            assert all(v is None for c, v in row.items() if c not in (pqmod.ROW, "fejl")), row
            continue
        assert row["fejl"] is None, (k, row)
        assert row["regler"] == line["regler"], k
        for c, v in line.items():
            if c != "regler":
                assert as_jsonl_value(row[c]) == v, (k, c, row[c], v)
        assert set(row) == {pqmod.ROW, *line, "fejl"}


def leftovers(directory: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


# ---- the same answers -----------------------------------------------------------------------------------
def test_motors_agree_and_equal_the_jsonl_results(tables, tmp_path):
    decided = 0
    for name, (m, mod) in tables.items():
        bounds = boundaries(m)
        for d in m.decisions:
            rng = random.Random(f"parquet/{name}/{d}")
            cases = [random_case(m, rng, bounds) for _ in range(1200)]
            src = tmp_path / f"{d}.parquet"
            pq.write_table(typed_table(m, cases, rng), src, row_group_size=500)
            # the JSONL of exactly the values the Parquet reader gives
            read = list(pqmod.ParquetInput(str(src), mod.INPUTS).cases())
            jsonl = tmp_path / f"{d}.jsonl"
            from regel.jsonio import dumps

            jsonl.write_text("".join(dumps(c, indent=None) + "\n" for c, _p in read), encoding="utf-8")
            run(mod, d, jsonl, tmp_path / "py.jsonl")
            text = (tmp_path / "py.jsonl").read_text("utf-8")
            lines = [json.loads(x, parse_float=Decimal) for x in text.splitlines()]
            summary = run(mod, d, src, tmp_path / "py.parquet")
            engine = engine_for(tables, name, d)
            assert run(mod, d, src, tmp_path / "duck.parquet", engine) == summary
            assert getattr(engine, "parquet_runs", 0) == 1  # read_parquet … COPY TO, not the Python path
            # DuckDB, not the fallback, decided the valid rows (random_case makes ~40 % invalid on purpose)
            assert engine.by_sql >= 0.5 * len(cases), (d, engine.by_sql, engine.by_python)
            py, duck = pq.read_table(tmp_path / "py.parquet"), pq.read_table(tmp_path / "duck.parquet")
            assert py.schema == duck.schema
            assert py.to_pylist() == duck.to_pylist(), _first_difference(py.to_pylist(), duck.to_pylist())
            assert_rows_match_jsonl(py.to_pylist(), lines)
            # Parquet in, JSONL and CSV out: byte for byte the Python path's, both motors
            for out_name in ("ud.jsonl", "ud.csv"):
                run(mod, d, src, tmp_path / f"py_{out_name}")
                run(mod, d, src, tmp_path / f"duck_{out_name}", engine_for(tables, name, d))
                assert (tmp_path / f"py_{out_name}").read_bytes() == (tmp_path / f"duck_{out_name}").read_bytes()
            assert (tmp_path / "py_ud.jsonl").read_bytes() == (tmp_path / "py.jsonl").read_bytes()
            # JSONL in, Parquet out: the same rows
            run(mod, d, jsonl, tmp_path / "fra_jsonl.parquet", engine_for(tables, name, d))
            assert pq.read_table(tmp_path / "fra_jsonl.parquet").to_pylist() == py.to_pylist()
            decided += 1
    assert decided == 4


def test_other_column_types_are_read_exactly(tables, tmp_path):
    """Amounts as integers, doubles (whole øre only) and DECIMAL(…, 4); heltal as DECIMAL and double;
    dates as text; both motors the same, and the same as the cases given as JSON values."""
    m, mod = tables["sanktion"]
    n = 40
    rows = {
        "ordning": pa.array(["sh_o_ydelse"] * n),
        "forseelse": pa.array(["afvist_arbejde"] * n),
        "dato": pa.array(["2024-06-03"] * (n - 2) + ["2024-02-30", " 2024-06-03"]),
        "forsørger": pa.array([i % 2 == 0 for i in range(n)]),
        "månedlig_ydelse": pa.array([10000.25 + i for i in range(n - 3)] + [0.1, 0.0, float("nan")], pa.float64()),
        "dage": pa.array([Decimal("0.5") if i == 1 else Decimal(f"{1 + i % 4}.0") for i in range(n)],
                         pa.decimal128(6, 1)),
        "alder": pa.array([20.0 + i % 3 for i in range(n - 1)] + [2.5], pa.float64()),
    }
    src = tmp_path / "typer.parquet"
    pq.write_table(pa.table(rows), src)
    run(mod, "sanktion", src, tmp_path / "py.parquet")
    engine = engine_for(tables, "sanktion", "sanktion")
    run(mod, "sanktion", src, tmp_path / "duck.parquet", engine)
    assert getattr(engine, "parquet_runs", 0) == 1
    py, duck = pq.read_table(tmp_path / "py.parquet").to_pylist(), pq.read_table(tmp_path / "duck.parquet").to_pylist()
    assert py == duck
    assert engine.by_sql >= n // 2
    want = []
    for i in range(n - 3):
        case = {"ordning": "sh_o_ydelse", "forseelse": "afvist_arbejde", "dato": "2024-06-03",
                "forsørger": i % 2 == 0, "månedlig_ydelse": Decimal(10000.25 + i),
                "dage": Decimal("0.5") if i == 1 else Decimal(f"{1 + i % 4}.0"),
                "alder": 20 + i % 3}
        try:
            want.append(mod.evaluate(case, "sanktion"))
        except mod.RegelFejl as err:
            want.append({"fejl": str(err)})
    for row, w in zip(py, want, strict=False):
        if "fejl" in w:
            assert row["fejl"] == w["fejl"]
        else:
            assert row["beløb"] == w["beløb"] and row["regler"] == w["regler"]
    fejl = {r[pqmod.ROW]: r["fejl"] for r in py}
    assert fejl[n - 2].startswith(f"række {n - 2}: feltet «månedlig_ydelse» er et kommatal (double), 0.1, som "
                                  "ikke er et helt antal øre")
    assert fejl[n] == f"række {n}: feltet «månedlig_ydelse» skal være et endeligt tal; fik nan"
    assert fejl[n - 1] is None or "månedlig_ydelse" not in fejl[n - 1]  # 0.0 is exact
    assert py[1]["fejl"] == "Feltet «dage» skal angives i hele tal; fik 0.5."  # as JSON 0.5 would be


def test_bad_cells_name_the_row(tables, tmp_path):
    m, mod = tables["sanktion"]
    table = pa.table({
        "ordning": ["sh_o_ydelse", "sh_o_ydelse", "sh_o_ydelse", "sh_o_ydelse"],
        "forseelse": ["afvist_arbejde"] * 4,
        "dato": pa.array([date(2024, 6, 3), date(2024, 6, 3), None, date(2024, 6, 3)], pa.date32()),
        "forsørger": [False] * 4,
        "månedlig_ydelse": pa.array([10469.5, 1.1, 5.0, 5.25], pa.float64()),
        "alder": pa.array([30.0, 30.0, 30.5, float("inf")], pa.float64()),
    })
    src = tmp_path / "d.parquet"
    pq.write_table(table, src)
    for engine in (None, engine_for(tables, "sanktion", "sanktion")):
        out = tmp_path / "ud.parquet"
        run(mod, "sanktion", src, out, engine)
        fejl = [r["fejl"] for r in pq.read_table(out).to_pylist()]
        assert fejl[0] is None
        assert fejl[1] == ("række 2: feltet «månedlig_ydelse» er et kommatal (double), 1.1, som ikke er et helt "
                           "antal øre (værdien er 1.1000000000000000888178419700125232338…); gem kolonnen som "
                           "DECIMAL(18, 2) — det rundes ikke")
        assert fejl[2] == ("række 3: feltet «alder» er et kommatal (double), 30.5, som ikke er et helt tal; gem "
                           "kolonnen som et heltal (INT64) eller DECIMAL")
        assert fejl[3] == "række 4: feltet «alder» skal være et endeligt tal; fik inf"
    # a date beyond year 9999 in a DATE column
    pq.write_table(pa.table({"dato": pa.array([3_000_000], pa.int32()).cast(pa.date32())}), src)
    run(mod, "sanktion", src, tmp_path / "ud.parquet")
    assert pq.read_table(tmp_path / "ud.parquet").to_pylist()[0]["fejl"] == (
        "række 1: feltet «dato» har en dato uden for år 1–9999 (3000000 dage fra 1970-01-01)")


@pytest.mark.parametrize("motor", ["python", "duckdb"])
def test_unknown_or_ill_typed_column_stops_before_writing(tables, tmp_path, motor):
    m, mod = tables["sanktion"]
    engine = engine_for(tables, "sanktion", "sanktion") if motor == "duckdb" else None
    cases = [
        ({"ordning": ["sh_o_ydelse"], "ordningg": ["x"]},
         "Kolonnen «ordningg» i Parquet-filen er ikke et felt i sagen. Mente du «ordning»?"),
        ({"dato": pa.array([0], pa.timestamp("ms"))},
         "Kolonnen «dato» i Parquet-filen har typen timestamp[ms], men feltet er en dato; brug DATE eller "
         "string (tekst)."),
        ({"alder": ["30"]}, "Kolonnen «alder» i Parquet-filen har typen string, men feltet er et heltal"),
        ({"månedlig_ydelse": pa.array([Decimal(1)], pa.decimal256(40, 2))},
         "(DuckDB og Spark læser større DECIMAL som double)"),
    ]
    for columns, message in cases:
        src = tmp_path / "s.parquet"
        pq.write_table(pa.table(columns), src)
        with pytest.raises(BatchUsageError) as info:
            run(mod, "sanktion", src, tmp_path / "ud.parquet", engine)
        assert message in str(info.value)
        assert leftovers(tmp_path, {"s.parquet"}) == []
    src.write_bytes(b"PAR1 ikke parquet")  # no end marker: said before pyarrow (its words are English)
    with pytest.raises(BatchUsageError, match="filen er ikke Parquet .* slutningen mangler"):
        run(mod, "sanktion", src, tmp_path / "ud.parquet", engine)
    src.write_bytes(b"PAR1 ikke parquet PAR1")  # both markers, no schema: pyarrow's reason in parentheses
    with pytest.raises(BatchUsageError, match="kan ikke læses som Parquet"):
        run(mod, "sanktion", src, tmp_path / "ud.parquet", engine)


def test_missing_columns_and_nulls_are_fields_not_given(tables, tmp_path):
    m, mod = tables["sanktion"]
    table = pa.table({"ordning": ["sh_o_ydelse", None], "forseelse": ["afvist_arbejde"] * 2,
                      "dato": pa.array([date(2024, 6, 3)] * 2, pa.date32()),
                      "forsørger": pa.array([None, False], pa.bool_()),
                      "månedlig_ydelse": pa.array([Decimal("10469.50")] * 2, pa.decimal128(10, 2))})
    src = tmp_path / "s.parquet"
    pq.write_table(table, src)
    for engine in (None, engine_for(tables, "sanktion", "sanktion")):
        run(mod, "sanktion", src, tmp_path / "ud.parquet", engine)
        rows = pq.read_table(tmp_path / "ud.parquet").to_pylist()
        given = [{k: v for k, v in SH_O.items() if k != "forsørger"}, {k: v for k, v in SH_O.items() if k != "ordning"}]
        for row, case in zip(rows, given, strict=True):
            try:
                assert row["regler"] == mod.evaluate(case, "sanktion")["regler"]
            except mod.RegelFejl as err:
                assert row["fejl"] == str(err)
        assert rows[1]["fejl"].startswith("Sagen mangler feltet «ordning»")


def test_an_empty_file_writes_the_columns(tables, tmp_path):
    m, mod = tables["sanktion"]
    src = tmp_path / "tom.parquet"
    pq.write_table(pa.table({"ordning": pa.array([], pa.string())}), src)
    for engine in (None, engine_for(tables, "sanktion", "sanktion")):
        assert "Ingen sager i filen." in run(mod, "sanktion", src, tmp_path / "ud.parquet", engine)
        t = pq.read_table(tmp_path / "ud.parquet")
        assert t.num_rows == 0
        assert t.column_names == [pqmod.ROW, *mod.OUTPUTS["sanktion"], "regler", "fejl"]


def test_a_result_a_column_cannot_hold_is_never_rounded(tmp_path):
    sink = pqmod.ParquetSink(tmp_path / "x.parquet", [("beløb", "amount"), ("regler", "regler"), ("fejl", "text")])
    sink.add(1, {"beløb": Decimal("1.005"), "regler": []}, None)
    with pytest.raises(pqmod.ParquetValueError, match=r"række 1: posten «beløb» \(et beløb\) er 1.005"):
        sink.close()


# ---- atomic output ----------------------------------------------------------------------------------------
def _sager(path: Path, n: int) -> None:
    block = pa.table({k: pa.array([v] * 1000) for k, v in SH_O.items()})
    with pq.ParquetWriter(str(path), block.schema) as w:
        for _ in range(n // 1000):
            w.write_table(block)


@pytest.mark.parametrize("motor", ["python", "duckdb"])
def test_interrupt_keeps_the_old_file_and_leaves_nothing(tables, tmp_path, monkeypatch, motor):
    m, mod = tables["sanktion"]
    src, dst = tmp_path / "s.parquet", tmp_path / "ud.parquet"
    _sager(src, 5000)
    dst.write_bytes(b"gammelt")
    if motor == "duckdb":
        engine = engine_for(tables, "sanktion", "sanktion")
        from regel.sql import parquet_duck

        real = parquet_duck._interruptible

        def copy_then_interrupt(con, sql):
            real(con, sql)  # the temporary file is complete: now Ctrl-C
            raise KeyboardInterrupt

        monkeypatch.setattr(parquet_duck, "_interruptible", copy_then_interrupt)
    else:
        engine = None
        real_flush, calls = pqmod.ParquetSink.flush, [0]

        def flush(self):
            calls[0] += 1
            if calls[0] == 2:
                raise KeyboardInterrupt
            real_flush(self)

        monkeypatch.setattr(pqmod, "BATCH_ROWS", 1000)
        monkeypatch.setattr(pqmod.ParquetSink, "flush", flush)
    buf = io.StringIO()
    assert run_batch(mod, "sanktion", str(src), str(dst), Console(file=buf), engine=engine) == 130
    assert "resultatfilen er ikke ændret." in buf.getvalue()
    assert dst.read_bytes() == b"gammelt"
    assert leftovers(tmp_path, {"s.parquet", "ud.parquet"}) == []


def test_real_sigterm_mid_run_leaves_nothing(tables, tmp_path):
    """The Python motor on a real file, stopped by SIGTERM while it writes."""
    m, _mod = tables["sanktion"]
    gen = tmp_path / "gen"
    gen.mkdir()
    (gen / "sanktion.py").write_text(generate(m), encoding="utf-8")
    src, dst = tmp_path / "s.parquet", tmp_path / "ud.parquet"
    _sager(src, 200_000)
    proc = subprocess.Popen([sys.executable, "-m", "regel", "eval", "sanktion", "--input", str(src), "--out",
                             str(dst), "--generated", str(gen)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        tmps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        if tmps and tmps[0].stat().st_size > 4:  # the first row group is written
            break
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err.decode()
    assert "der er ikke skrevet nogen resultatfil." in err.decode()
    assert leftovers(tmp_path, {"s.parquet", "gen"}) == []


def test_mode_of_a_replaced_file_is_kept(tables, tmp_path):
    m, mod = tables["sanktion"]
    src, dst = tmp_path / "s.parquet", tmp_path / "ud.parquet"
    _sager(src, 1000)
    dst.write_bytes(b"x")
    os.chmod(dst, 0o640)
    run(mod, "sanktion", src, dst, engine_for(tables, "sanktion", "sanktion"))
    assert oct(dst.stat().st_mode & 0o777) == oct(0o640)
    assert pq.read_table(dst).num_rows == 1000


# ---- streamed --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("motor", ["python", "duckdb"])
def test_a_large_file_is_streamed(tables, tmp_path, monkeypatch, motor):
    """Python memory stays far below what the file's rows would take as Python objects."""
    m, mod = tables["sanktion"]
    src = tmp_path / "s.parquet"
    n = 30_000 if motor == "python" else 300_000
    _sager(src, n)
    monkeypatch.setattr(pqmod, "BATCH_ROWS", 2048)
    engine = engine_for(tables, "sanktion", "sanktion") if motor == "duckdb" else None
    tracemalloc.start()
    try:
        run(mod, "sanktion", src, tmp_path / "ud.parquet", engine)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pq.read_metadata(tmp_path / "ud.parquet").num_rows == n
    # one result row as Python objects is well over 1 kB: n rows held at once would be > 30 MB
    assert peak < 12_000_000, peak


def _first_difference(a: list[dict], b: list[dict]) -> dict | None:
    for x, y in zip(a, b, strict=True):
        if x != y:
            return {k: (x[k], y[k]) for k in x if x[k] != y[k]}
    return None
