"""The DuckDB engine: `regel eval … --motor duckdb` runs the generated SQL in-process.

Lines are read and checked exactly as the Python batch reads them (batch.py's readers
and the generated module's own `_check_case`, so an unreadable or invalid line gets the
very same message); the valid cases go to DuckDB in chunks as an Arrow table with typed
columns, and the answers come back in line order. Amounts are written with the
decimals the Python evaluator's Decimal would carry (the `__skala` columns). When the
SQL target cannot compute a decision exactly (`Unsupported`), or DuckDB fails on a
chunk (an overflow), those cases are handed to the Python evaluator — never misread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING, BinaryIO

from ..model import ir
from . import RULE_SEPARATOR, SCALE_SUFFIX, Unsupported, plan, render, require

if TYPE_CHECKING:
    from .stream import Piece

CHUNK = 20_000

Result = tuple[dict | None, str | None]


class DuckEngine:
    """One decision compiled for DuckDB, evaluating chunks of already-read cases."""

    def __init__(self, module: ir.Module, mod: ModuleType, decision: str,
                 python: Callable[[Iterable[tuple[dict | None, str | None]]], Iterator[Result]]) -> None:
        self.duckdb = require("duckdb")
        self.pa = require("pyarrow")
        require("pyarrow.compute")  # pa.compute, used by sql/stream.py
        self.mod = mod
        self.decision = decision
        self.python = python
        self.inputs = mod.INPUTS
        self.why_not: str | None = None
        self.by_sql = 0  # cases DuckDB decided (for tests and the run's summary)
        self.by_python = 0  # cases handed to the Python evaluator
        try:
            self.plan = plan(module, decision, engine=True)
            self.sql = render(self.plan)  # the DuckDB text of that plan: compiled once
        except Unsupported as err:
            self.why_not = str(err)
            return
        self.module = module
        self._stream_sql: dict[bool, str] = {}
        self.items = [name for name, _e in module.decisions[decision].items]
        self.kinds = {name: str(spec["type"]) for name, spec in mod.OUTPUTS[decision].items()}
        self.con = self.duckdb.connect()
        self.schema = self._schema()

    def _schema(self):
        pa = self.pa
        types = {"amount": pa.decimal128(18, 2), "int": pa.int64(), "percent": pa.int64(), "date": pa.date32(),
                 "bool": pa.bool_(), "enum": pa.string(), "text": pa.string(), "number": pa.decimal128(38, 10)}
        fields = [pa.field("rad_id", pa.int64())]
        for name, spec in self.inputs.items():
            fields.append(pa.field(name, types[str(spec["type"])]))
            if spec["type"] == "amount":
                fields.append(pa.field(name + SCALE_SUFFIX, pa.int32()))
        return pa.schema(fields)

    def stream(self, src: BinaryIO, csv_out: bool, max_line: int,
               decide: Callable[[int, str], tuple[str, dict | None, str | None]]) -> Iterator[Piece] | None:
        """JSONL read, checked, decided and written by one DuckDB query (sql/stream.py): output
        pieces in line order; None when SQL cannot compute the decision exactly."""
        if self.why_not is not None:
            return None
        from . import stream

        sql = self._stream_sql.get(csv_out)
        if sql is None:
            steps = plan(self.module, self.decision, engine=True, passthrough=stream.PASSTHROUGH)
            sql = self._stream_sql[csv_out] = stream.stream_sql(steps, self.inputs, csv_out)
        return stream.run(self.con, self.pa, sql, stream.line_batches(self.pa, src, max_line), decide)

    def parquet(self, pin, out_path, fields: list[tuple[str, str]]):
        """Parquet in and out by DuckDB itself (sql/parquet.py): (cases, refusals, rule
        combinations), or None when the Python path must write the file."""
        from .parquet import duck_direct

        return duck_direct(self, pin, out_path, fields)

    def results(self, cases: Iterable[tuple[dict | None, str | None]]) -> Iterator[Result]:
        if self.why_not is not None:
            for pair in self.python(cases):
                self.by_python += 1
                yield pair
            return
        chunk: list[tuple[dict | None, str | None]] = []
        for pair in cases:
            chunk.append(pair)
            if len(chunk) >= CHUNK:
                yield from self._chunk(chunk)
                chunk = []
        if chunk:
            yield from self._chunk(chunk)

    def _chunk(self, chunk: list[tuple[dict | None, str | None]]) -> Iterator[Result]:
        check = self.mod._check_case
        columns: dict[str, list] = {f.name: [] for f in self.schema}
        slots: list[Result | None] = []
        odd: dict[int, tuple[dict | None, str | None]] = {}  # cases the Python evaluator decides
        for i, (case, problem) in enumerate(chunk):
            if problem is not None:
                slots.append((None, problem))
                continue
            try:
                values, _units = check(case, self.inputs)
            except Exception:  # noqa: BLE001 - a refusal or anything unusual: the evaluator words it itself
                odd[i] = (case, None)
                slots.append(None)
                continue
            slots.append(None)
            columns["rad_id"].append(i)
            for name, spec in self.inputs.items():
                v = values.get(name)
                if spec["type"] == "amount":
                    if v is None:
                        columns[name].append(None)
                        columns[name + SCALE_SUFFIX].append(None)
                    else:
                        exp = v.as_tuple().exponent
                        columns[name].append(v.quantize(Decimal("0.01")))
                        columns[name + SCALE_SUFFIX].append(max(0, -exp))
                else:
                    columns[name].append(v)
        answers = self._run(columns) if columns["rad_id"] else {}
        if answers is None:  # DuckDB failed on the chunk: the Python evaluator decides it all
            self.by_python += len(chunk)
            yield from self.python(chunk)
            return
        decided = dict(zip(odd, self.python(odd.values()), strict=True)) if odd else {}
        self.by_python += len(odd)
        self.by_sql += len(answers)
        for i, slot in enumerate(slots):
            if slot is not None:
                yield slot
            elif i in decided:
                yield decided[i]
            else:
                yield answers[i]

    def _run(self, columns: dict[str, list]) -> dict[int, Result] | None:
        table = self.pa.Table.from_pydict(columns, schema=self.schema)
        try:
            self.con.register("sager", table)
            cur = self.con.execute(self.sql)
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
        except self.duckdb.Error:
            return None
        finally:
            self.con.unregister("sager")
        pos = {n: k for k, n in enumerate(names)}
        out: dict[int, Result] = {}
        scales = self.plan["scales"]
        rules_at, error_at = pos["regler"], pos["fejl"]
        for row in rows:
            rid = row[0]
            if row[error_at] is not None:
                out[rid] = (None, row[error_at])
                continue
            result: dict[str, object] = {}
            for name in self.items:
                v = row[pos[name]]
                if isinstance(v, Decimal):
                    s = scales.get(name)
                    if s is None:
                        s = row[pos[name + SCALE_SUFFIX]]
                    v = v.quantize(Decimal(1).scaleb(-s))
                    if self.kinds.get(name) in ("int", "percent") and s == 0:
                        v = int(v)
                result[name] = v
            fired = row[rules_at]
            result["regler"] = fired.split(RULE_SEPARATOR) if fired else []
            out[rid] = (result, None)
        return out


def evaluate_cases(module: ir.Module, mod: ModuleType, decision: str, cases: list[dict],
                   engine: DuckEngine | None = None) -> list[Result]:
    """Every case through DuckDB (for tests and scripts): (result, None) or (None, fejl)."""
    from ..batch import python_results

    engine = engine or DuckEngine(module, mod, decision, python_results(mod, decision))
    return list(engine.results((c, None) for c in cases))
