"""Running the SQL target on other engines than DuckDB (Spark, PostgreSQL) against the Python
module, for tests/test_sql_spark.py and tests/test_sql_postgres.py.

The contract (docs/sql.md): one query per decision over the relation `sager` — `rad_id` plus one
column per field of the module (NULL: not given) — returning `rad_id`, every item, `regler`
and `fejl`. Reading a case and checking its fields' types and domains is the reader's work, as in
`regel eval --motor duckdb` (the generated module's `_check_case`). On Spark or PostgreSQL the
SQL is all there is, so here every case whose values the typed columns can carry goes to the
engine — also values outside a field's domain (alder = -1, an unknown enum value), which the SQL
checks itself (`prepare`); the counts of what could not go are kept.

`Prepared.rows` are the input rows in column order; `Prepared.expected` the Python module's
answer per row id, normalised with `norm_result` so that an engine's answer (Decimal or int,
a date or its ISO text) compares exactly: amounts by value (756 = 756.00), rule ids in order,
refusals word for word.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import ModuleType

from generated_loader import load_generated_module

from regel.codegen import generate
from regel.model import load

ROOT = Path(__file__).resolve().parent.parent


def tables_modules(tmp: Path) -> dict[str, tuple[object, ModuleType]]:
    """Every module in tables/: (model, generated Python module), by name."""
    modules, _diags = load([str(ROOT / "tables")])
    out = {}
    for m in modules:
        path = tmp / f"sqlengine_{m.name}.py"
        path.write_text(generate(m), encoding="utf-8")
        out[m.name] = (m, load_generated_module(path, f"sqlengine_{m.name}"))
    return out


def norm_value(v: object) -> object:
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int | Decimal):
        d = Decimal(v)
        return d.normalize() if d else Decimal(0)
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


def norm_result(result: dict | None, problem: str | None, items: list[str]) -> tuple:
    if problem is not None:
        return ("fejl", problem)
    assert result is not None
    return ("svar", tuple((k, norm_value(result.get(k))) for k in items), tuple(result.get("regler") or ()))


def norm_row(row: dict, items: list[str], separator: str) -> tuple:
    if row.get("fejl") is not None:
        return ("fejl", row["fejl"])
    fired = row.get("regler")
    return ("svar", tuple((k, norm_value(row.get(k))) for k in items), tuple(fired.split(separator)) if fired else ())


@dataclass
class Prepared:
    columns: list[tuple[str, str]]  # (name, SQL type), rad_id first
    rows: list[tuple] = field(default_factory=list)
    expected: dict[int, tuple] = field(default_factory=dict)
    not_representable: int = 0  # cases a typed column cannot carry (a text in a number field, null, 1,005 kr)
    near_miss: int = 0  # an enum typo Python answers with «Mente du …?» (docs/sql.md: SQL lists the values)
    refused: int = 0  # of the rows sent: the cases refused (by the rules or by the SQL's own field check)


def _column_value(mod: ModuleType, name: str, spec: dict, value: object) -> tuple[bool, object]:
    """(can a typed column carry it, the column value): the module's own reading of the value
    without its domain check (ranges and enum values are the SQL's to check)."""
    kind = spec["type"]
    if value is None:
        return False, None  # a typed column cannot tell null from «not given»
    if kind in ("enum", "text"):
        return isinstance(value, str), value
    if kind == "bool":
        return isinstance(value, bool), value
    try:
        if kind == "date":
            return True, mod._check_date(name, value)[0]
        out, _unit = mod._check_value(name, {**spec, "domain": None}, value)
    except mod.RegelFejl:
        return False, None
    return True, out


def prepare(module, mod: ModuleType, decision: str, cases: list[dict]) -> Prepared:
    """The rows for the engine and the Python module's answers. A field's value goes into its
    typed column when the column can carry it — also when it is outside the field's domain
    (alder = -1, an unknown enum value): the SQL checks those itself, in column order, so the
    Python module answers the case with its fields in column order."""
    from regel.batch import python_results
    from regel.sql import ROW_ID, input_columns

    items = [name for name, _e in module.decisions[decision].items]
    cols = input_columns(module)
    prep = Prepared(columns=[(ROW_ID, "BIGINT"), *cols])
    answers = python_results(mod, decision)
    for i, case in enumerate(cases):
        row: list[object] = [i]
        ordered: dict[str, object] = {}
        ok = set(case) <= set(mod.INPUTS)
        for name, _t in cols:
            if not ok:
                break
            if name not in case:
                row.append(None)
                continue
            ok, value = _column_value(mod, name, mod.INPUTS[name], case[name])
            row.append(value)
            ordered[name] = case[name]
        if not ok:
            prep.not_representable += 1
            continue
        ((result, problem),) = list(answers([(ordered, None)]))
        if problem is not None and "Mente du" in problem:
            prep.near_miss += 1
            continue
        prep.rows.append(tuple(row))
        prep.expected[i] = norm_result(result, problem, items)
        prep.refused += problem is not None
    return prep


def differences(prep: Prepared, rows: list[dict], items: list[str], separator: str) -> list[tuple[int, tuple, tuple]]:
    """(row id, Python's answer, the engine's answer) for every row that differs or is missing."""
    from regel.sql import ROW_ID

    got = {int(r[ROW_ID]): norm_row(r, items, separator) for r in rows}
    diff = [(i, want, got.get(i, ("mangler",))) for i, want in prep.expected.items() if got.get(i) != want]
    diff += [(i, ("mangler",), g) for i, g in got.items() if i not in prep.expected]
    return sorted(diff, key=lambda d: d[0])


def random_cases(module, seed: str, n: int) -> list[dict]:
    """`n` cases for the module: valid, at the tables' boundaries, missing and invalid fields
    (tests/sql_cases.py, the DuckDB differential test's generator)."""
    from sql_cases import boundaries, random_case

    rng = random.Random(seed)
    bounds = boundaries(module)
    return [random_case(module, rng, bounds) for _ in range(n)]


_DECIMAL = re.compile(r"(?:DECIMAL|NUMERIC)\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)", re.I)


def arrow_type(sql_type: str):
    """The Arrow type of an input column (Parquet for Spark): exact decimals, dates as date32."""
    import pyarrow as pa

    t = sql_type.strip().upper()
    if m := _DECIMAL.fullmatch(t):
        return pa.decimal128(int(m.group(1)), int(m.group(2)))
    simple = {"BIGINT": pa.int64(), "INTEGER": pa.int32(), "INT": pa.int32(), "BOOLEAN": pa.bool_(),
              "DATE": pa.date32(), "VARCHAR": pa.string(), "TEXT": pa.string(), "STRING": pa.string()}
    if t not in simple:
        raise ValueError(f"ukendt SQL-type for en inputkolonne: {sql_type}")
    return simple[t]


def write_parquet(prep: Prepared, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = [n for n, _t in prep.columns]
    schema = pa.schema([pa.field(n, arrow_type(t)) for n, t in prep.columns])
    data = {n: [r[k] for r in prep.rows] for k, n in enumerate(names)}
    pq.write_table(pa.Table.from_pydict(data, schema=schema), path)


def show(diff: list[tuple[int, tuple, tuple]], cases: list[dict], limit: int = 3) -> str:
    return "\n".join(f"  sag {cases[i]}:\n    Python: {w}\n    motor:  {g}" for i, w, g in diff[:limit])
