"""Parquet → Parquet inside DuckDB for `regel eval … --motor duckdb` (docs/sql.md): DuckDB reads
the input with read_parquet, checks each cell in SQL as parquet.ParquetInput would read it,
decides, and writes the output with COPY … TO; rows SQL cannot judge exactly are decided by
the Python evaluator first and merged by row number. Split from parquet.py (the readers and
the writer both paths share)."""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from ..stop import raise_if_stopped
from .jsonin import PLAIN, domain_bounds
from .parquet import BATCH_ROWS, ROW, ParquetInput, ParquetSink, arrow_cases

_GLOB = set("*?[{")


def _ok_sql(kind: str, cat: str, t, c: str, spec: Mapping[str, object]) -> tuple[str | None, str, str | None]:
    """For raw column `c` of Arrow type `t`: (the condition that a present cell is a value SQL
    judges exactly as the Python path — None: always —, its typed value, its scale for an amount)."""
    from .compiler import input_type
    from .display import q
    from .jsonin import _BIG

    if cat == "null":
        return None, f"CAST(NULL AS {input_type(kind)})", "0"
    if kind == "enum":
        values = ", ".join(q(v) for v in spec["domain"])  # type: ignore[union-attr]
        return f"{c} IN ({values})", c, None
    if kind in ("text", "bool"):
        return None, c, None
    if kind == "date":
        if cat == "date":
            return f"{c} BETWEEN DATE '0001-01-01' AND DATE '9999-12-31'", c, None
        day = f"TRY_CAST({c} AS DATE)"
        return (f"(regexp_full_match({c}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') AND {c} >= '0001' "
                f"AND {day} IS NOT NULL)"), day, None
    if kind not in ("int", "percent", "amount"):
        return "FALSE", f"CAST(NULL AS {input_type(kind)})", None
    sql_type = "DECIMAL(38, 2)" if kind == "amount" else "BIGINT"
    value = f"TRY_CAST({c} AS {sql_type})"
    conds = [f"{c} > -{_BIG}", f"{c} < {_BIG}"]
    scale = "0"
    if cat == "decimal":
        if t.scale > 10:  # more decimals than a case's number may have: the Python path words it
            return "FALSE", value, None
        conds.append(f"{c} = round({c}, 2)" if kind == "amount" else f"{c} = trunc({c})")
        scale = str(max(0, t.scale))
    elif cat == "float":
        conds.insert(0, f"isfinite({c})")
        if kind == "amount":  # a double that is whole øre is a multiple of 0.25; 0 may be -0
            conds += [f"{c} <> 0", f"{c} * 4 = trunc({c} * 4)"]
            scale = f"CASE WHEN {c} = trunc({c}) THEN 0 WHEN {c} * 2 = trunc({c} * 2) THEN 1 ELSE 2 END"
        else:
            conds.append(f"{c} = trunc({c})")
    conds += domain_bounds(value, spec["domain"], sql_type)
    return "(" + " AND ".join(conds) + ")", value, scale if kind == "amount" else None


def _item_sql(name: str, kind: str, mx: int) -> str | None:
    """An item of the engine's result as its Parquet column (None: not exactly)."""
    from .compiler import ident

    col = ident(name)
    if kind == "amount":
        return f"CAST({col} AS DECIMAL(38, 2))" if mx <= 2 else None
    if kind in ("int", "percent"):
        return f"CAST({col} AS BIGINT)" if mx == 0 else None
    if kind == "number":
        return f"CAST({col} AS DECIMAL(38, 10))" if mx <= 10 else None
    if kind in ("bool", "date", "enum", "text"):
        return col
    return None


def duck_direct(engine, pin: ParquetInput, out_path: Path | str, fields: list[tuple[str, str]]
                ) -> tuple[int, int, Counter] | None:
    """Parquet → Parquet in DuckDB: read_parquet, check the cells in SQL, decide, COPY … TO the
    output. Rows SQL cannot judge exactly are decided by the Python evaluator first (read with
    this module's reader, so their refusals are the Python path's) and merged by row number.
    (cases, refusals, rule combinations), or None when this path cannot give exactly the Python
    path's file (then the caller runs the Python path)."""
    from .compiler import RULE_SEPARATOR, RULES, SCALE_SUFFIX, ident
    from .display import q

    if engine.why_not is not None:
        return None
    out_path = str(out_path)
    src = os.path.abspath(pin.path)
    if _GLOB & set(src + out_path):  # DuckDB would read the name as a pattern
        return None
    inputs = engine.inputs
    schema = pin.file.schema_arrow
    raw: list[str] = []
    oks: list[str] = []
    typed: list[str] = []
    given = {name: (k, kind, cat) for k, (name, kind, cat) in enumerate(pin.columns, start=1)}
    for name, spec in inputs.items():
        kind = str(spec["type"])
        if name not in given:
            from .compiler import input_type

            typed.append(f"CAST(NULL AS {input_type(kind)}) AS {ident(name)}")
            if kind == "amount":
                typed.append(f"CAST(NULL AS INTEGER) AS {ident(name + SCALE_SUFFIX)}")
            continue
        k, _kind, cat = given[name]
        c = f"__p{k}"
        raw.append(f"{ident(name)} AS {c}")
        ok, value, scale = _ok_sql(kind, cat, schema.field(name).type, c, spec)
        if ok is not None:
            oks.append(f"({c} IS NULL OR {ok})")
        typed.append(f"CASE WHEN {PLAIN} THEN {value} END AS {ident(name)}")
        if kind == "amount":
            typed.append(f"CASE WHEN {PLAIN} AND {c} IS NOT NULL THEN CAST({scale} AS INTEGER) END "
                         f"AS {ident(name + SCALE_SUFFIX)}")
    from . import plan as make_plan
    from . import render

    try:
        steps = make_plan(engine.module, engine.decision, engine=True, passthrough=(PLAIN,))
    except Exception:  # noqa: BLE001 - Unsupported or anything else: the Python path
        return None
    items: list[str] = []
    kinds = dict((n, (k, mx)) for n, k, mx in steps["shapes"])
    for name, _kind in fields[:-2]:
        if name not in kinds:
            return None
        sql = _item_sql(name, *kinds[name])
        if sql is None:
            return None
        items.append(f"{sql} AS {ident(name)}")
    plain = " AND ".join(oks) or "TRUE"
    reader = f"read_parquet({q(src)}, file_row_number = true)"
    inner = (f"SELECT *, COALESCE({plain}, FALSE) AS {PLAIN} FROM (SELECT file_row_number + 1 AS rad_id"
             + "".join(", " + r for r in raw) + f" FROM {reader})")
    sager = f"SELECT rad_id, {PLAIN}" + "".join(", " + t for t in typed) + f" FROM ({inner})"
    text = getattr(engine, "text", None)
    decision = (text(["parquet", engine.decision, PLAIN], lambda: render(steps)) if text is not None
                else render(steps)).rstrip().removesuffix(";")
    rules = ident(RULES)
    result = (f"SELECT rad_id AS {ident(ROW)}" + "".join(", " + i for i in items)
              + f", CASE WHEN {rules} = '' THEN CAST([] AS VARCHAR[]) ELSE string_split({rules}, {q(RULE_SEPARATOR)}) "
              f"END AS {rules}, fejl FROM afgjort WHERE {PLAIN}")
    con = engine.con
    python_file = out_path + ".python.parquet"
    try:
        cols = "".join(f", __p{k}" for k in range(1, len(pin.columns) + 1))  # the file's column order
        odd = _python_rows(engine, pin, con, f"SELECT rad_id{cols} FROM ({inner}) WHERE NOT {PLAIN} ORDER BY rad_id",
                           python_file, fields)
        body = result
        if odd:
            body = (f"SELECT * FROM ({result} UNION ALL SELECT * FROM read_parquet({q(python_file)})) "
                    f"ORDER BY {ident(ROW)}")
        sql = f"COPY (WITH sager AS ({sager}), afgjort AS ({decision}) {body}) TO {q(out_path)} (FORMAT parquet)"
        engine.plans = getattr(engine, "plans", 0) + 1
        _interruptible(con, sql)
        counts = con.execute(f"SELECT {rules}, count(*), count(fejl) FROM read_parquet({q(out_path)}) "
                             f"GROUP BY {rules}").fetchall()
    except engine.duckdb.Error:
        raise_if_stopped()  # an interrupted query: the run stops, it is not done again in Python
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(python_file)
    total = errors = 0
    combos: Counter = Counter()
    for fired, n, refused in counts:
        total += n
        errors += refused
        if fired is not None:
            combos[tuple(fired)] += n - refused
    engine.by_sql += total - odd
    engine.by_python += odd
    engine.parquet_runs = getattr(engine, "parquet_runs", 0) + 1  # files DuckDB read and wrote itself
    return total, errors, combos


def _python_rows(engine, pin: ParquetInput, con, sql: str, path: str, fields: list[tuple[str, str]]) -> int:
    """Decide the rows of `sql` (rad_id, then the file's columns) with the Python evaluator into a
    Parquet file of results; the number of rows."""
    pa = pin.pa
    reader = con.sql(sql).to_arrow_reader(BATCH_ROWS)
    sink = None
    n = 0
    try:
        for rb in reader:
            if not rb.num_rows:
                continue
            if sink is None:
                sink = ParquetSink(path, fields)
            rows = rb.column(0).to_pylist()
            cols = [(name, kind, rb.column(i)) for i, (name, kind, _c) in enumerate(pin.columns, start=1)]
            for row, (result, problem) in zip(rows, engine.python(arrow_cases(pa, cols, rows)), strict=True):
                sink.add(row, result, problem)
            n += rb.num_rows
        if sink is not None:
            sink.close()
            sink = None
    finally:
        if sink is not None:
            sink.abandon()
    return n


def _interruptible(con, sql: str) -> None:
    """Run a long statement in a worker thread, so Ctrl-C and SIGTERM reach the main thread at
    once; then DuckDB is told to stop and the exception goes on."""
    import threading

    failure: list[BaseException] = []
    done = threading.Event()  # not Thread.join: a join cut short by Ctrl-C may return while the thread runs

    def work() -> None:
        try:
            con.execute(sql)
        except BaseException as err:  # noqa: BLE001 - handed to the main thread
            failure.append(err)
        finally:
            done.set()

    threading.Thread(target=work, daemon=True).start()
    try:
        while not done.wait(0.05):
            pass
    except BaseException:
        # stop DuckDB and wait until the statement has really ended: a thread still inside DuckDB
        # when the process exits aborts it (SIGABRT, found by a walkthrough)
        con.interrupt()
        while not done.wait(0.05):
            con.interrupt()
        raise
    if failure:
        raise failure[0]


__all__ = ["duck_direct"]
