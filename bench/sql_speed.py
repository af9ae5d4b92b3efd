"""SQL target speed (issue 14, item 5): DuckDB against the Python batch, the SQL's compute alone
against OpenFisca, the cost per case from 10^5 to 10^7 rows, and peak memory.

    python bench/sql_speed.py                       # 1.000.000 sager; skalering 10^5 og 10^6
    python bench/sql_speed.py --quick               # 50.000 sager (sekunder)
    python bench/sql_speed.py --skalering 100000,1000000,10000000
    python bench/sql_speed.py --openfisca-python /sti/til/venv/bin/python
    python bench/sql_speed.py --duckdb-hukommelse 400MB   # DuckDBs memory_limit i Parquet-kørslerne

1. JSONL → JSONL: `regel eval sanktion --input sager.jsonl --out r.jsonl` with `--motor duckdb`
   against the default Python motor, as subprocesses (start-up included), alternating rounds;
   the two result files must be identical byte for byte. The cases are bench/cases.py's (about
   5 % broken lines).
2. Parquet → Parquet: the same cases (the valid ones) as a Parquet file with the fields' types,
   through `regel eval --motor duckdb` (a case file without rad_id, as a data team hands it over);
   if this regel does not take .parquet, the generated DuckDB SQL run directly, `COPY (query) TO
   'r.parquet'` over `read_parquet` (with rad_id), in a subprocess. Compared with the Python
   batch's time per case on the JSONL, and checked against the Python module on a sample.
3. Compute alone: bench/dagssats.regel's SQL over a DuckDB table that holds OpenFisca's own
   people (same målgruppe and uarbejdsdygtighed, year 2025) — 75.000 and 1.000.000 of them —,
   materialised into a table (DuckDB's planning, ~50 ms a query, included); against OpenFisca's
   vectorised `calculate` (bench/openfisca_rate.py) on the same people, which runs in its own
   Python (`--openfisca-python`, or this one when openfisca-core is installed here).
4. Scaling and memory: Parquet → Parquet at each size of `--skalering` (the 10^6 file repeated
   for 10^7), seconds per case and the subprocess's peak RSS.

Targets (issue 14): JSONL ≥ 10× the Python batch, Parquet ≥ 30×, compute ≥ 3× cheaper than
OpenFisca, cost per case flat from 10^5 to 10^7, memory bounded. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import cases as casegen
from benchlib import BENCH, ROOT, dk, num, row, us

PY = sys.executable


def _run(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of a subprocess."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} fejlede:\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def _model(path: str, name: str):
    from regel.model import load

    modules, _diags = load([path])
    return next(m for m in modules if m.name == name)


# ---- input files ---------------------------------------------------------------------------------
def write_jsonl(path: Path, n: int, seed: int = 2024) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for line in casegen.jsonl_lines(n, seed=seed):
            fh.write(line + "\n")


def write_parquet(path: Path, n: int, seed: int = 2024, row_id: bool = True) -> int:
    """The first `n` valid cases of the generator as Parquet with the input relation's types
    (rad_id 0..n-1 unless `row_id` is False: a case file as a data team hands it to regel eval);
    returns n. Fields in column order, NULL when the case does not give them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from regel.sql import ROW_ID, input_columns

    model = _model(str(ROOT / "tables"), "sanktion")
    cols = input_columns(model)
    types = {"VARCHAR": pa.string(), "DATE": pa.date32(), "BIGINT": pa.int64(), "BOOLEAN": pa.bool_()}
    schema = pa.schema([pa.field(ROW_ID, pa.int64())] * row_id + [
        pa.field(c, types.get(t) or pa.decimal128(38, 2)) for c, t in cols])
    rng = random.Random(seed)
    from datetime import date

    writer = pq.ParquetWriter(path, schema)
    done = 0
    while done < n:
        k = min(200_000, n - done)
        data: dict[str, list] = {f.name: [] for f in schema}
        for i in range(k):
            case = casegen.sanction_case(rng)
            if row_id:
                data[ROW_ID].append(done + i)
            for c, t in cols:
                v = case.get(c)
                if v is not None and t == "DATE":
                    v = date.fromisoformat(v)
                elif v is not None and t.startswith("DECIMAL"):
                    v = Decimal(str(v))
                data[c].append(v)
        writer.write_table(pa.Table.from_pydict(data, schema=schema))
        done += k
    writer.close()
    return n


def repeat_parquet(src: Path, dst: Path, times: int) -> None:
    """`times` copies of src with fresh rad_id (for 10^7 rows without generating them in Python)."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET temp_directory = '{dst.parent}'")
    n = con.execute(f"SELECT count(*) FROM read_parquet('{src}')").fetchone()[0]
    names = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{src}')").fetchall()]
    if "rad_id" in names:
        con.execute(f"""COPY (SELECT * REPLACE (rad_id + k * {n} AS rad_id)
                              FROM read_parquet('{src}'), range({times}) AS r(k) ORDER BY k, rad_id)
                        TO '{dst}' (FORMAT parquet)""")
    else:  # a case file for regel eval: copies one after the other (the output keeps the row order)
        con.execute(f"""COPY (SELECT * EXCLUDE (k) FROM range({times}) AS r(k), read_parquet('{src}')
                              ORDER BY k) TO '{dst}' (FORMAT parquet)""")


# ---- DuckDB on Parquet, directly -----------------------------------------------------------------
def duck_parquet_program(query_file: str, src: str, dst: str, memory: str) -> None:
    """The data team's way (a subprocess of this script): the generated SQL over read_parquet.
    `memory` is DuckDB's memory_limit ("0": DuckDB's default, 80 % of the machine's RAM)."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    if memory != "0":
        con.execute(f"SET memory_limit = '{memory}'")
    con.execute(f"SET temp_directory = '{Path(dst).parent}'")
    con.execute(f"CREATE VIEW sager AS SELECT * FROM read_parquet('{src}')")
    query = Path(query_file).read_text(encoding="utf-8").rstrip().rstrip(";")
    con.execute(f"COPY ({query}) TO '{dst}' (FORMAT parquet)")


def parquet_cmd(tmp: Path, src: Path, dst: Path, cli_parquet: bool, memory: str = "0") -> list[str]:
    if cli_parquet:
        return [PY, "-m", "regel", "eval", "sanktion", "--input", str(src), "--out", str(dst), "--motor", "duckdb",
                "--generated", str(ROOT / "generated")]
    return [PY, str(Path(__file__).resolve()), "--duck-parquet", str(tmp / "sanktion.sql"), str(src), str(dst), memory]


def check_parquet(out: Path, src: Path, limit: int = 20_000) -> int:
    """The Parquet answers against the Python module on the first `limit` rows."""
    import pyarrow.parquet as pq

    from regel.sql import RULE_SEPARATOR, input_columns

    sys.path.insert(0, str(ROOT / "generated"))
    import sanktion as mod

    model = _model(str(ROOT / "tables"), "sanktion")
    cols = [c for c, _t in input_columns(model)]
    items = [name for name, _e in model.decisions["sanktion"].items]
    cases = pq.read_table(src).slice(0, limit).to_pylist()
    rows = pq.read_table(out).slice(0, limit).to_pylist()
    got = {r["rad_id"]: r for r in rows if r["rad_id"] < limit} if "rad_id" in rows[0] else dict(enumerate(rows))
    for i, c in enumerate(cases):
        c.setdefault("rad_id", i)  # regel eval's output is in the input's row order
        case = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in c.items() if k in cols
                and v is not None}
        try:
            res = mod.evaluate(case, "sanktion")
            want = ("svar", [res[k] for k in items], res["regler"])
        except mod.RegelFejl as err:
            want = ("fejl", str(err))
        g = got[c["rad_id"]]
        fired = g["regler"] if isinstance(g["regler"], list) else (
            g["regler"].split(RULE_SEPARATOR) if g["regler"] else [])
        have = ("fejl", g["fejl"]) if g["fejl"] is not None else ("svar", [g[k] for k in items], fired)
        if have != want:
            raise SystemExit(f"rad_id {c['rad_id']}: Python {want}, DuckDB {have}")
    return len(cases)


# ---- compute alone -------------------------------------------------------------------------------
OPENFISCA_WORKER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
import numpy as np
import openfisca_rate
n, out = int(sys.argv[2]), sys.argv[3]
per = openfisca_rate.per_person(n)
rng = np.random.default_rng(0)  # per_person's own cases (seed 0): the same people for DuckDB
g = rng.integers(0, 4, n)
pct = rng.choice([100, 75, 50], n)
with open(out, "w", encoding="utf-8") as fh:
    for gi, p in zip(g.tolist(), pct.tolist()):
        fh.write(f"{openfisca_rate.GROUPS[gi]},{p}\n")
print(json.dumps({"per_person": per}))
"""


def openfisca(python: str | None, n: int, cases_file: Path) -> float | None:
    """OpenFisca's seconds per person and its cases (written to cases_file), or None."""
    python = python or PY
    proc = subprocess.run([python, "-c", OPENFISCA_WORKER, str(BENCH), str(n), str(cases_file)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"  (OpenFisca: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else 'fejlede'})")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])["per_person"]


def duck_compute(cases_file: Path | None, n: int, rounds: int = 5) -> tuple[float, int]:
    """Seconds per case for the rate's SQL over an in-memory table (materialised), and the
    number of rows checked against the hand-written rates."""
    import duckdb
    import handwritten

    from regel.sql import decision_sql

    model = _model(str(BENCH / "dagssats.regel"), _model_name(BENCH / "dagssats.regel"))
    decision = next(iter(model.decisions))
    query = decision_sql(model, decision, "duckdb").rstrip().rstrip(";")
    con = duckdb.connect()
    if cases_file is not None:
        con.execute(f"""CREATE TABLE people AS SELECT row_number() OVER () - 1 AS rad_id, column0 AS "målgruppe",
                        column1::BIGINT AS uarbejdsdygtighed FROM read_csv('{cases_file}', header = false)""")
    else:  # no OpenFisca (or many people): the same kind of people, drawn by DuckDB
        con.execute(f"""CREATE TABLE people AS SELECT i AS rad_id,
                        ['forsørger', 'ikke_forsørger', 'under_25_hjemmeboende', 'under_25_bidragspligt']
                            [1 + (hash(i) % 4)::BIGINT] AS "målgruppe",
                        [100, 75, 50][1 + (hash(i + {n}) % 3)::BIGINT]::BIGINT AS uarbejdsdygtighed
                        FROM range({n}) AS t(i)""")
    n = con.execute("SELECT count(*) FROM people").fetchone()[0]
    con.execute("CREATE TABLE sager AS SELECT rad_id, \"målgruppe\", uarbejdsdygtighed, DATE '2025-06-01' AS dato "
                "FROM people")
    best = float("inf")
    for _ in range(rounds):
        con.execute("DROP TABLE IF EXISTS ud")
        t0 = time.perf_counter()
        con.execute(f"CREATE TABLE ud AS {query}")
        best = min(best, time.perf_counter() - t0)
    checked = 0
    for _rid, grp, pct, sats, fejl in con.execute(
            'SELECT p.rad_id, p."målgruppe", p.uarbejdsdygtighed, u.dagssats, u.fejl FROM ud u JOIN people p '
            "USING (rad_id) ORDER BY rad_id LIMIT 1000").fetchall():
        want = handwritten.DAGSSATS.get((2025, grp, pct))
        if fejl is not None or want is None or Decimal(sats) != Decimal(want[0]):
            raise SystemExit(f"DuckDB gav {sats} / {fejl} for {grp}, {pct} %; ventede {want}")
        checked += 1
    return best / n, checked


def _model_name(path: Path) -> str:
    from regel.model import load

    modules, _ = load([str(path)])
    return modules[0].name


# ---- main ----------------------------------------------------------------------------------------
def cli_takes_parquet(tmp: Path) -> bool:
    src, dst = tmp / "probe.parquet", tmp / "probe_out.parquet"
    write_parquet(src, 10, row_id=False)
    proc = subprocess.run([PY, "-m", "regel", "eval", "sanktion", "--input", str(src), "--out", str(dst), "--motor",
                           "duckdb", "--generated", str(ROOT / "generated")], capture_output=True, text=True)
    if proc.returncode != 0 or not dst.exists():
        return False
    import pyarrow.parquet as pq

    try:  # a .parquet --out that is really JSONL (what regel eval did before Parquet) does not count
        return pq.read_table(dst).num_rows == 10
    except Exception:  # noqa: BLE001 - anything but a Parquet file with the rows
        return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=None, help="antal sager (standard 1.000.000; --quick 50.000)")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--skalering", default=None, help="størrelser til Parquet-skaleringen, fx 100000,1000000,10000000")
    ap.add_argument("--openfisca-python", default=None, help="en Python med openfisca-core (standard: denne)")
    ap.add_argument("--duckdb-hukommelse", default="0",
                    help="DuckDBs memory_limit i Parquet-kørslerne, fx 400MB (standard: DuckDBs egen, 80 %% af RAM)")
    ap.add_argument("--duck-parquet", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.duck_parquet:
        duck_parquet_program(*args.duck_parquet)
        return
    n = args.cases or (50_000 if args.quick else 1_000_000)
    sizes = [int(s) for s in args.skalering.split(",")] if args.skalering else (
        [10_000, 50_000] if args.quick else [100_000, 1_000_000])
    rounds = 3 if n <= 200_000 else 2

    from regel.sql import decision_sql

    tmp = Path(tempfile.mkdtemp(prefix="regel_sqlbench_"))
    model = _model(str(ROOT / "tables"), "sanktion")
    (tmp / "sanktion.sql").write_text(decision_sql(model, "sanktion", "duckdb"), encoding="utf-8")
    load = os.getloadavg()
    print(f"SQL-målet: {dk(n)} sanktionssager; belastning før kørslen {num(load[0], 1)} "
          f"(1 min), {num(load[1], 1)} (5 min) på {os.cpu_count()} kerner")

    # 1. JSONL -> JSONL
    src = tmp / "sager.jsonl"
    write_jsonl(src, n)
    base = [PY, "-m", "regel", "eval", "sanktion", "--input", str(src), "--generated", str(ROOT / "generated")]
    py_cmd = base + ["--out", str(tmp / "py.jsonl")]
    duck_cmd = base + ["--out", str(tmp / "duck.jsonl"), "--motor", "duckdb"]
    best_py = best_duck = float("inf")
    mem_py = mem_duck = 0.0
    for _ in range(rounds):
        w, mem_duck = _run(duck_cmd)
        best_duck = min(best_duck, w)
        w, mem_py = _run(py_cmd)
        best_py = min(best_py, w)
    same = filecmp.cmp(tmp / "py.jsonl", tmp / "duck.jsonl", shallow=False)
    print(f"\nJSONL → JSONL (underprocesser, bedste af {rounds}; resultatfilerne "
          f"{'er ens byte for byte' if same else 'ER FORSKELLIGE'}):")
    print(row(f"regel eval, Python ({dk(n)} sager)", num(best_py) + " s", "", None))
    print(row("regel eval --motor duckdb", num(best_duck) + " s", "", None))
    print(row("Python / DuckDB", num(best_py / best_duck) + "×", "≥ 10×", best_py / best_duck >= 10))
    print(row("største hukommelse, Python / DuckDB", f"{mem_py:.0f} / {mem_duck:.0f} MB", "", None))

    # 2. Parquet -> Parquet, and 4. scaling
    cli_parquet = cli_takes_parquet(tmp)
    how = "regel eval --motor duckdb" if cli_parquet else "genereret SQL i DuckDB (COPY … TO parquet)"
    per_py = best_py / n
    results: dict[int, tuple[float, float]] = {}
    base_file: Path | None = None
    for size in sorted(set(sizes + [n])):
        pq_src = tmp / f"sager_{size}.parquet"
        if size <= 2_000_000 or base_file is None:
            write_parquet(pq_src, size, row_id=not cli_parquet)
            base_file = pq_src if size >= 1_000_000 else base_file
        else:
            step = base_file.stem.split("_")[1]
            repeat_parquet(base_file, pq_src, size // int(step))
        pq_out = tmp / f"ud_{size}.parquet"
        r = 1 if size >= 5_000_000 else rounds
        best, mem = float("inf"), 0.0
        for _ in range(r):
            w, m = _run(parquet_cmd(tmp, pq_src, pq_out, cli_parquet, args.duckdb_hukommelse))
            best, mem = min(best, w), max(mem, m)
        results[size] = (best, mem)
        if size == n:
            checked = check_parquet(pq_out, pq_src)
        if size > 2_000_000:
            pq_src.unlink()
        pq_out.unlink()
    best_pq = results[n][0]
    print(f"\nParquet → Parquet ({how}; svarene er Python-modulets på {dk(checked)} rækker):")
    print(row(f"{dk(n)} sager", num(best_pq) + " s", "", None))
    ratio = per_py / (best_pq / n)
    print(row("Python-kørslen (JSONL) / DuckDB (Parquet) pr. sag", num(ratio) + "×", "≥ 30×", ratio >= 30))
    print("\nSkalering, Parquet → Parquet (underproces, start medregnet):")
    flat = [results[s][0] / s for s in sorted(results)]
    for s in sorted(results):
        print(row(f"{dk(s)} sager", f"{us(results[s][0] / s)} / sag", "", None)
              + f"   {num(results[s][0])} s, {results[s][1]:.0f} MB")
    spread = max(flat[1:] or flat) / min(flat[1:] or flat)
    print(row("største / mindste pr. sag (uden den mindste størrelse)", num(spread) + "×", "flad (≈ 1×)", spread < 1.5))

    # 3. compute alone against OpenFisca, on the same people, at OpenFisca's 75.000 and at a million:
    # DuckDB's planning (~50 ms, once per query) weighs on the small run, not on the large one
    for people in ((10_000, 50_000) if args.quick else (75_000, 1_000_000)):
        of_cases = tmp / f"openfisca_people_{people}.csv"
        of = openfisca(args.openfisca_python, people, of_cases)
        duck, checked = duck_compute(of_cases if of is not None else None, people, rounds=5 if people < 10**6 else 3)
        print(f"\nBeregning alene, dagssats (bench/dagssats.regel), {dk(people)} personer, pr. sag:")
        print(row("DuckDB, den genererede SQL (CREATE TABLE … AS)", us(duck), "", None)
              + f"   ({dk(checked)} tjekket; planlægning medregnet)")
        if of is None:
            print(row("OpenFisca vektoriseret", "ikke installeret", "", None))
        else:
            print(row("OpenFisca vektoriseret (samme personer)", us(of), "", None))
            print(row("OpenFisca / DuckDB", num(of / duck) + "×", "≥ 3×", of / duck >= 3))
    load = os.getloadavg()
    print(f"\nBelastning efter kørslen: {num(load[0], 1)} (1 min), {num(load[1], 1)} (5 min), "
          f"{num(load[2], 1)} (15 min)")


if __name__ == "__main__":
    main()
