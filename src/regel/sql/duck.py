"""The DuckDB engine: `regel eval … --motor duckdb` runs the generated SQL in-process.

Lines are read and checked exactly as the Python batch reads them (batch.py's readers
and the generated module's own `_check_case`, so an unreadable or invalid line gets the
very same message); the valid cases go to DuckDB in chunks as Arrow record batches with
typed columns, read by one query planned once (a stream: memory stays bounded), and the
answers come back in line order. Amounts are written with the decimals the Python
evaluator's Decimal would carry (the `__skala` columns). When the SQL target cannot
compute a decision exactly (`Unsupported`), or DuckDB fails (an overflow), those cases
are handed to the Python evaluator — never misread.

The connection is bounded (`connect`): a memory limit (REGEL_DUCKDB_HUKOMMELSE, default
a quarter of the machine's memory, at most 1 GB, at least 256 MB), beyond which DuckDB
spills to a private temporary directory that is removed afterwards, and one thread per
CPU this process may use.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import cached_property
from itertools import islice
from types import ModuleType
from typing import TYPE_CHECKING, BinaryIO

from ..stop import raise_if_stopped
from . import RELATION, RULE_SEPARATOR, SCALE_SUFFIX, Unsupported, plan, render, require
from .jsonin import PLAIN

RESULT_ROWS = 1 << 16  # result rows fetched at a time (the CSV path and sql/stream.py)

if TYPE_CHECKING:
    from ..model import ir
    from .stream import Piece

CHUNK = 20_000  # cases checked and handed to DuckDB at a time
MARK = PLAIN  # a column the query carries through: the result is then unordered, streamed

MEMORY_ENV = "REGEL_DUCKDB_HUKOMMELSE"
MEMORY_CAP = 1 << 30  # the default limit: a quarter of the memory, at most 1 GB …
MEMORY_FLOOR = 256 << 20  # … and at least 256 MB


class EngineSetupError(Exception):
    """The engine cannot be set up as asked (message in Danish): a usage error."""


def default_memory_limit() -> int:
    """Bytes DuckDB may use by default: a quarter of the memory this process may use (the
    machine's, or a cgroup's limit), at most MEMORY_CAP and at least MEMORY_FLOOR. DuckDB's own
    default is 80 % of the machine: one run could then crowd out everything else."""
    total = None
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        pass
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            with open(path, encoding="ascii") as fh:
                text = fh.read().strip()
        except OSError:
            continue
        if text.isdigit() and (total is None or int(text) < total):
            total = int(text)
    if not total or total <= 0:
        return MEMORY_CAP
    return max(MEMORY_FLOOR, min(MEMORY_CAP, total // 4))


def default_threads() -> int:
    """DuckDB threads: the CPUs this process may run on (affinity, and a cgroup's CPU quota)."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 1
    try:
        with open("/sys/fs/cgroup/cpu.max", encoding="ascii") as fh:
            quota, period = fh.read().split()[:2]
        if quota != "max":
            n = min(n, max(1, -(-int(quota) // int(period))))
    except (OSError, ValueError):
        pass
    return max(1, n)


def connect(duckdb):
    """A DuckDB connection bounded in memory and threads (see the module's docstring)."""
    import tempfile

    given = os.environ.get(MEMORY_ENV, "").strip()
    limit = f"{memory_setting(given) if given else default_memory_limit() >> 20}MB"
    temp = os.path.join(tempfile.gettempdir(), f"regel-duckdb-{os.getpid()}-{os.urandom(4).hex()}")
    config = {"threads": default_threads(), "memory_limit": limit, "temp_directory": temp}
    return duckdb.connect(config=config), temp


MEMORY_MAX_MB = 1024 ** 3  # 1024TB
MEMORY_MIN_MB = 64  # below this DuckDB fails on its first chunks (an internal error, not a limit)
_UNITS = {"KB": 1 / 1024, "MB": 1, "GB": 1024, "TB": 1024 * 1024}


def memory_setting(text: str) -> int:
    """REGEL_DUCKDB_HUKOMMELSE (`2GB`, `512 MB`, `1,5GB`) in whole MB, or a Danish EngineSetupError."""
    import re

    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*([KMGT]B)", text.strip(), re.IGNORECASE)
    mb = float(m.group(1).replace(",", ".")) * _UNITS[m.group(2).upper()] if m else None
    if mb is None:
        raise EngineSetupError(f"{MEMORY_ENV}={text!r} er ikke en hukommelsesgrænse: skriv et tal og en enhed, "
                               "fx 2GB eller 512MB.")
    if mb > MEMORY_MAX_MB:  # DuckDB refuses it in English, a float beyond that may be infinite
        raise EngineSetupError(f"{MEMORY_ENV}={text!r} er mere, end DuckDB kan styre: højst 1024TB.")
    if mb < MEMORY_MIN_MB:
        raise EngineSetupError(f"{MEMORY_ENV}={text!r} er for lidt: DuckDB skal have mindst {MEMORY_MIN_MB}MB.")
    return int(mb)


def _close(con, temp: str) -> None:
    """Close the connection and remove its spill directory (DuckDB makes it only when it spills)."""
    import shutil

    try:
        con.close()
    except Exception:  # noqa: BLE001 - closing at exit: nothing left to report to
        pass
    shutil.rmtree(temp, ignore_errors=True)


def _arrow_reader(con, sql: str, rows: int):
    """The result of `sql` as a streamed Arrow RecordBatchReader, parsed and planned once."""
    submit = getattr(con, "_submit", None)  # this duckdb's own path: con.sql() parses and binds twice more
    if submit is not None:
        try:
            return submit(sql, None, "stream", rows).arrow_reader()
        except (TypeError, AttributeError):
            pass  # another duckdb, whose private _submit takes other arguments or answers otherwise
    return con.sql(sql).to_arrow_reader(rows)

Result = tuple[dict | None, str | None]
_CENT = Decimal("0.01")


class DuckEngine:
    """One decision compiled for DuckDB, evaluating chunks of already-read cases."""

    def __init__(self, module: ir.Module, mod: ModuleType, decision: str,
                 python: Callable[[Iterable[tuple[dict | None, str | None]]], Iterator[Result]]) -> None:
        self.duckdb = require("duckdb")
        self.pa = require("pyarrow")
        self.mod = mod
        self.decision = decision
        self.python = python
        self.inputs = mod.INPUTS
        self.why_not: str | None = None
        self.by_sql = 0  # cases DuckDB decided (for tests and the run's summary)
        self.by_python = 0  # cases handed to the Python evaluator
        self.plans = 0  # queries DuckDB planned to decide cases (for tests: one per run, not per chunk)
        try:
            self.plan = plan(module, decision, engine=True)
        except Unsupported as err:
            self.why_not = str(err)
            return
        self.module = module
        self._stream_sql: dict[bool, str] = {}
        self.items = [name for name, _e in module.decisions[decision].items]
        self.kinds = {name: str(spec["type"]) for name, spec in mod.OUTPUTS[decision].items()}
        import weakref

        self.con, self.temp_directory = connect(self.duckdb)
        self._closer = weakref.finalize(self, _close, self.con, self.temp_directory)
        self.schema = self._schema()

    def text(self, key: list, make: Callable[[], str]) -> str:
        """A query text of this decision, kept with the cached plans when the module keeps them."""
        keep = getattr(self.module, "text", None)
        return keep(key, make) if keep is not None else make()

    def close(self) -> None:
        """Close the connection and remove DuckDB's spill directory (also done at exit)."""
        closer = getattr(self, "_closer", None)
        if closer is not None:
            closer()

    @cached_property
    def sql(self) -> str:
        """The DuckDB text of the engine plan (ordered by rad_id; for scripts and tests)."""
        return render(self.plan)

    @cached_property
    def _results_sql(self) -> str:
        """The query `results` runs: the decision over the stream of checked cases, carrying the
        MARK column, so DuckDB neither sorts nor holds the whole input (rows keep their order)."""
        return self.text(["csv", self.decision, MARK],
                         lambda: render(plan(self.module, self.decision, engine=True, passthrough=(MARK,))))

    def _schema(self):
        pa = self.pa
        types = {"amount": pa.decimal128(18, 2), "int": pa.int64(), "percent": pa.int64(), "date": pa.date32(),
                 "bool": pa.bool_(), "enum": pa.string(), "text": pa.string(), "number": pa.decimal128(38, 10)}
        fields = [pa.field("rad_id", pa.int64())]
        for name, spec in self.inputs.items():
            fields.append(pa.field(name, types[str(spec["type"])]))
            if spec["type"] == "amount":
                fields.append(pa.field(name + SCALE_SUFFIX, pa.int32()))
        fields.append(pa.field(MARK, pa.bool_()))
        return pa.schema(fields)

    def stream(self, src: BinaryIO, csv_out: bool, max_line: int,
               decide: Callable[[int, str], tuple[str, dict | None, str | None]]) -> Iterator[Piece] | None:
        """JSONL read, checked, decided and written by one DuckDB query (sql/stream.py): output
        pieces in line order; None when SQL cannot compute the decision exactly."""
        if self.why_not is not None:
            return None
        require("pyarrow.compute")  # pa.compute, used by sql/stream.py
        from . import stream

        sql = self._stream_sql.get(csv_out)
        if sql is None:
            def make() -> str:
                steps = plan(self.module, self.decision, engine=True, passthrough=stream.PASSTHROUGH)
                return stream.stream_sql(steps, self.inputs, csv_out)

            sql = self._stream_sql[csv_out] = self.text(["stream", self.decision, csv_out], make)
        self.plans += 1
        return stream.run(self.con, self.pa, sql, stream.line_batches(self.pa, src, max_line), decide)

    def parquet(self, pin, out_path, fields: list[tuple[str, str]]):
        """Parquet in and out by DuckDB itself (sql/parquet_duck.py): (cases, refusals, rule
        combinations), or None when the Python path must write the file."""
        from .parquet_duck import duck_direct

        return duck_direct(self, pin, out_path, fields)

    def results(self, cases: Iterable[tuple[dict | None, str | None]]) -> Iterator[Result]:
        """The answers to read cases, in their order: (result, None) or (None, fejl). The cases
        are checked in chunks and streamed into one query (planned once); a DuckDB failure (an
        overflow) hands the cases it had read to the Python evaluator and goes on with a new query."""
        if self.why_not is not None:
            for pair in self.python(cases):
                self.by_python += 1
                yield pair
            return
        it = iter(cases)
        first = list(islice(it, CHUNK))
        while first:
            run = _Run(self, first, it)
            yield from run.answers()
            if run.exhausted:
                return
            if not run.read:  # DuckDB failed before it read a case: Python decides the rest
                for pair in self.python(it):
                    self.by_python += 1
                    yield pair
                return
            first = list(islice(it, CHUNK))

    def _columns(self, chunk: list[tuple[dict | None, str | None]], start: int
                 ) -> tuple[object | None, dict[int, tuple[dict | None, str | None]]]:
        """A chunk of read cases as an Arrow record batch of the checked ones (rad_id = start + index;
        None when there are none), and the others by index: a reader's refusal, or a case the
        check refused or found unusual — the Python evaluator words those itself."""
        check, inputs = self.mod._check_case, self.inputs
        others: dict[int, tuple[dict | None, str | None]] = {}
        ids: list[int] = []
        checked: list[dict] = []  # the checked values of the cases SQL decides
        for i, (case, problem) in enumerate(chunk):
            if problem is not None:
                others[i] = (None, problem)
                continue
            try:
                values, _units = check(case, inputs)
            except Exception:  # noqa: BLE001 - a refusal or anything unusual: the evaluator words it itself
                others[i] = (case, None)
                continue
            ids.append(start + i)
            checked.append(values)
        if not ids:
            return None, others
        columns: dict[str, list] = {"rad_id": ids}
        for name, spec in inputs.items():
            col = [v.get(name) for v in checked]
            if spec["type"] == "amount":
                columns[name] = [None if x is None else x.quantize(_CENT) for x in col]
                columns[name + SCALE_SUFFIX] = [None if x is None else max(0, -x.as_tuple().exponent) for x in col]
            else:
                columns[name] = col
        columns[MARK] = [True] * len(ids)
        return self.pa.RecordBatch.from_pydict(columns, schema=self.schema), others

    def _answers(self, rb) -> Iterator[tuple[int, Result]]:
        """(rad_id, answer) for each row of a result batch."""
        names = rb.schema.names
        pos = {n: k for k, n in enumerate(names)}
        cols = [rb.column(k).to_pylist() for k in range(len(names))]
        scales = self.plan["scales"]
        rules_at, error_at = pos["regler"], pos["fejl"]
        items = [(name, pos[name], scales.get(name), pos.get(name + SCALE_SUFFIX), self.kinds.get(name))
                 for name in self.items]
        for row in zip(*cols, strict=True):
            rid = row[0]
            if row[error_at] is not None:
                yield rid, (None, row[error_at])
                continue
            result: dict[str, object] = {}
            for name, at, s, scale_at, kind in items:
                v = row[at]
                if isinstance(v, Decimal):
                    if s is None:
                        s = row[scale_at]
                    v = v.quantize(Decimal(1).scaleb(-s))
                    if kind in ("int", "percent") and s == 0:
                        v = int(v)
                result[name] = v
            fired = row[rules_at]
            result["regler"] = fired.split(RULE_SEPARATOR) if fired else []
            yield rid, (result, None)


def _release(engine: DuckEngine, result) -> None:
    """Close a result (read out or not: an interrupted run, a failure) and free the input's name,
    so the connection takes the next query; never an error that would hide the one under way."""
    import contextlib

    close = getattr(result, "close", None)
    if close is not None:
        with contextlib.suppress(Exception):
            close()
    with contextlib.suppress(engine.duckdb.Error):
        engine.con.unregister(RELATION)


class _Run:
    """One query over a stream of checked chunks (DuckEngine.results): DuckDB pulls the chunks
    as it needs them (`_batches`, perhaps from its own thread), the answers come back in rad_id
    order and are merged with the cases SQL does not decide. A chunk is kept until all its
    answers are out, so memory stays a few chunks whatever the input's size."""

    def __init__(self, engine: DuckEngine, first: list[tuple[dict | None, str | None]],
                 rest: Iterator[tuple[dict | None, str | None]]) -> None:
        self.e = engine
        self.first, self.rest = first, rest
        # (first rad_id, the chunk's read cases, the ones SQL does not decide by index)
        self.chunks: deque[tuple[int, list, dict[int, tuple[dict | None, str | None]]]] = deque()
        self.read = 0  # cases taken from the input
        self.done = 0  # answers given
        self.exhausted = False
        self.failure: BaseException | None = None  # raised while reading the input: raised again here

    def _batches(self) -> Iterator:
        try:
            chunk = self.first
            self.first = []
            while chunk:
                start = self.read
                batch, others = self.e._columns(chunk, start)
                self.chunks.append((start, chunk, others))
                self.read += len(chunk)
                if batch is not None:
                    yield batch
                chunk = list(islice(self.rest, CHUNK))
            self.exhausted = True
        except BaseException as err:
            self.failure = err
            raise

    def answers(self) -> Iterator[Result]:
        e = self.e
        source = e.pa.RecordBatchReader.from_batches(e.schema, self._batches())
        e.con.register(RELATION, source)
        result = None
        try:
            try:
                result = _arrow_reader(e.con, e._results_sql, RESULT_ROWS)
                e.plans += 1
                for rb in result:
                    for rid, answer in e._answers(rb):
                        if rid != self.done:
                            yield from self._others(rid)
                        start, chunk, others = self.chunks[0]
                        if rid != self.done or rid - start in others or rid >= start + len(chunk):
                            raise RuntimeError("DuckDB gav resultaterne i en anden rækkefølge end sagerne")
                        e.by_sql += 1
                        self.done += 1
                        if self.done == start + len(chunk):
                            self.chunks.popleft()
                        yield answer
            except (e.duckdb.Error, e.pa.ArrowException):
                if self.failure is not None:
                    raise self.failure from None
                raise_if_stopped()  # DuckDB's «Query interrupted»: Ctrl-C or SIGTERM, not a failure
                _release(e, result)
                yield from self._fallback()
                return
            if self.failure is not None:
                raise self.failure
            yield from self._others(None)
        finally:
            _release(e, result)

    def _others(self, stop: int | None) -> Iterator[Result]:
        """The answers before rad_id `stop` (None: all), which must all be cases SQL does not decide."""
        while self.chunks:
            start, chunk, others = self.chunks[0]
            end = start + len(chunk) if stop is None else min(stop, start + len(chunk))
            while self.done < end:
                pair = others.get(self.done - start)
                if pair is None:
                    raise RuntimeError("DuckDB gav ikke svar på alle sager")  # never silently
                self.done += 1
                yield self._other(pair)
            if self.done < start + len(chunk):
                return
            self.chunks.popleft()

    def _other(self, pair: tuple[dict | None, str | None]) -> Result:
        if pair[1] is not None:
            return pair  # type: ignore[return-value]  # (None, the reader's refusal)
        self.e.by_python += 1
        return next(self.e.python(iter([pair])))

    def _fallback(self) -> Iterator[Result]:
        """DuckDB failed: every case it had read and not answered (or the first chunk, when it read
        nothing) goes to the Python evaluator."""
        first, self.first = self.first, []
        if first:
            self.chunks.append((0, first, {}))
        for start, chunk, others in self.chunks:
            for i in range(max(0, self.done - start), len(chunk)):
                pair = others.get(i)
                if pair is not None and pair[1] is not None:
                    yield pair  # type: ignore[misc]
                    continue
                self.e.by_python += 1
                yield next(self.e.python(iter([chunk[i]])))
        self.chunks.clear()


def evaluate_cases(module: ir.Module, mod: ModuleType, decision: str, cases: list[dict],
                   engine: DuckEngine | None = None) -> list[Result]:
    """Every case through DuckDB (for tests and scripts): (result, None) or (None, fejl)."""
    from ..batch import python_results

    engine = engine or DuckEngine(module, mod, decision, python_results(mod, decision))
    return list(engine.results((c, None) for c in cases))
