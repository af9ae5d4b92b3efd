"""Parquet in and out for `regel eval … --input sager.parquet --out resultater.parquet` (both motors).

Input (docs/batch.md says it in Danish): one column per field of the decision's case,
named as the field. The column types a field accepts:

* opremsning, tekst: string;
* ja/nej: boolean;
* heltal, procent, beløb: an integer type, DECIMAL (precision ≤ 38), or a double/float —
  a double only when its exact binary value is a whole number (heltal, procent) or a
  whole number of øre (beløb; that is a multiple of 0,25): 0.1 as a double is not 0,10,
  and is refused for the row («række N: …»), never rounded;
* dato: DATE, or a string written ÅÅÅÅ-MM-DD (checked as the same text in JSON is).

A column that is no field (with «Mente du …?»), a column named twice, a column whose type
the field cannot take (a timestamp for a dato, DECIMAL(40, 2), a list) stop the run before
anything is written, like a bad CSV header. A missing column or a NULL cell: the field is
not given. Cells are read as the exact values JSON would give (int, Decimal with the
column's scale, date, str), so the Python evaluator words every refusal as for JSONL.

Output: `række` (the case's number: the row of a Parquet input, the line of a JSONL
input, the data row of a CSV input), the decision's items, `regler` (a list of strings,
the rule ids in the order the JSONL list has them — an id may hold a space, «Forhøjelse@april
2023 – 2024/f0», so no separator is safe) and `fejl`, in the CSV output's order. Amounts DECIMAL(38, 2), heltal and
procent INT64, tal DECIMAL(38, 10), dates DATE, ja/nej BOOLEAN, the rest strings; a
result that a column cannot hold exactly (a fraction of an øre) stops the run (exit 2)
— it is never rounded.

Nothing here imports duckdb; pyarrow is imported lazily (`regel[sql]`).
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType

from ..csvio import HeaderError, check_columns
from ..runtime.core import _clip, _short
from . import require

ROW = "række"  # the output column naming the case
BATCH_ROWS = 65_536  # rows read and written at a time
_EPOCH = date(1970, 1, 1).toordinal()


class ParquetValueError(Exception):
    """A result a Parquet column cannot hold exactly (message in Danish): the run stops."""


def _libs():
    pa = require("pyarrow")
    require("pyarrow.compute")
    pq = require("pyarrow.parquet")
    return pa, pq


# ---- reading ------------------------------------------------------------------------------------
_KIND_WORDS = {
    "enum": "en opremsning", "text": "en tekst", "bool": "ja/nej", "int": "et heltal", "percent": "en procent",
    "amount": "et beløb", "number": "et tal", "date": "en dato",
}
_ALLOWED = {
    "enum": ("string",), "text": ("string",), "bool": ("bool",), "date": ("date", "string"),
    "int": ("int", "decimal", "float"), "percent": ("int", "decimal", "float"),
    "amount": ("int", "decimal", "float"), "number": ("int", "decimal", "float"),
}
_TYPE_WORDS = {"string": "string (tekst)", "bool": "boolean", "int": "et heltal (INT64 o.l.)",
               "decimal": "DECIMAL med højst 38 cifre", "float": "double (kun når værdien er eksakt)",
               "date": "DATE"}


def category(pa, t) -> str | None:
    """The kind of an Arrow type as this reader sees it, or None for a type no field takes."""
    types = pa.types
    if types.is_null(t):
        return "null"
    if types.is_string(t) or types.is_large_string(t) or getattr(types, "is_string_view", lambda _t: False)(t):
        return "string"
    if types.is_dictionary(t):
        return category(pa, t.value_type) if category(pa, t.value_type) == "string" else None
    if types.is_boolean(t):
        return "bool"
    if types.is_integer(t):
        return "int"
    if types.is_decimal128(t):
        return "decimal"
    if types.is_float32(t) or types.is_float64(t):
        return "float"
    if types.is_date32(t):
        return "date"
    return None


def _not_parquet(head: bytes) -> str:
    """Why a file named .parquet is not Parquet, with what it looks like."""
    looks = ""
    if head == b"PAR1":
        looks = " Den begynder som Parquet, men slutningen mangler: er den afkortet eller ikke skrevet færdig?"
    elif head[:1] == b"{" or head.startswith(b"\xef\xbb\xbf{"):
        looks = " Den begynder med «{» som JSONL: giv den endelsen .jsonl."
    elif head[:1].isalpha():
        looks = " Den begynder med tekst, måske CSV: giv den endelsen .csv."
    return ("filen er ikke Parquet (en Parquet-fil begynder og slutter med «PAR1»); filens endelse afgør, "
            f"hvordan den læses.{looks}")


class ParquetInput:
    """A Parquet file of cases: its columns checked at once (HeaderError), its rows read in batches."""

    def __init__(self, path: str, inputs: Mapping[str, Mapping[str, object]]) -> None:
        pa, pq = _libs()
        self.pa = pa
        self.path = path
        self.inputs = inputs
        with open(path, "rb") as fh:  # an OSError with its errno (missing file, a directory, no access)
            head = fh.read(4)
            if not head:
                raise HeaderError("filen er tom (0 byte); en Parquet-fil har mindst sit skema.")
            fh.seek(max(0, os.fstat(fh.fileno()).st_size - 4))
            if head != b"PAR1" or fh.read(4) != b"PAR1":  # pyarrow's words would be English
                raise HeaderError(_not_parquet(head))
        try:
            self.file = pq.ParquetFile(path)
        except pa.ArrowException as err:
            raise HeaderError(f"filen kan ikke læses som Parquet ({_clip(str(err), 200)}).") from None
        schema = self.file.schema_arrow
        names = list(schema.names)
        seen: set[str] = set()
        for k, n in enumerate(names, start=1):
            if not n:  # a CSV header's empty cell is a trailing separator; a Parquet column is data
                raise HeaderError(f"Kolonne {k} i Parquet-filen har intet navn; giv den navnet på et felt, "
                                  "eller fjern den.")
            if n in seen:
                raise HeaderError(f"Kolonnen «{_clip(n)}» står flere gange i Parquet-filen.")
            seen.add(n)
        from .compiler import ROW_ID

        if ROW_ID in names and ROW_ID not in inputs:  # a file made for the SQL (Spark, regel sql)
            raise HeaderError(f"Kolonnen «{ROW_ID}» i Parquet-filen er ikke et felt i sagen: den hører til "
                              "SQL-forespørgslens input (regel sql, Spark). regel eval nummererer selv rækkerne; "
                              f"fjern kolonnen «{ROW_ID}».")
        check_columns(names, inputs, "i Parquet-filen")
        self.columns: list[tuple[str, str, str]] = []  # (field, its kind, the column's category)
        for f in schema:
            kind = str(inputs[f.name]["type"])
            cat = category(pa, f.type)
            if cat != "null" and cat not in _ALLOWED.get(kind, ()):
                allowed = " eller ".join(_TYPE_WORDS[c] for c in _ALLOWED.get(kind, ()))
                extra = (" (DuckDB og Spark læser større DECIMAL som double)"
                         if pa.types.is_decimal(f.type) else "")
                raise HeaderError(f"Kolonnen «{f.name}» i Parquet-filen har typen {f.type}{extra}, men feltet "
                                  f"er {_KIND_WORDS.get(kind, kind)}; brug {allowed}.")
            self.columns.append((f.name, kind, cat or "null"))
        self.rows = self.file.metadata.num_rows

    def batches(self, rows: int | None = None) -> Iterator:
        return self.file.iter_batches(batch_size=rows or BATCH_ROWS, use_threads=False)

    def cases(self) -> Iterator[tuple[dict | None, str | None]]:
        """(case, None) or (None, why the row cannot be read), row by row, a batch in memory at a time."""
        first = 1
        batches = self.batches()
        while True:
            try:
                rb = next(batches, None)
            except (self.pa.ArrowException, OSError) as err:
                # a damaged page: pyarrow raises an ArrowException, or a plain OSError without errno
                # («Couldn't deserialize thrift»); an OSError with errno (a disk gone) is the caller's
                if not isinstance(err, self.pa.ArrowException) and getattr(err, "errno", None) is not None:
                    raise
                raise HeaderError(f"Parquet-filen kan ikke læses efter række {first - 1} "
                                  f"({_clip(str(err), 200)}).") from None
            if rb is None:
                return
            yield from arrow_cases(self.pa, [(n, k, rb.column(i)) for i, (n, k, _c) in enumerate(self.columns)],
                                   range(first, first + rb.num_rows))
            first += rb.num_rows


def arrow_cases(pa, columns: list[tuple[str, str, object]], rows: range | list[int]
                ) -> list[tuple[dict | None, str | None]]:
    """The cases of Arrow columns (field, kind, array) for rows numbered `rows`, key order as the columns'."""
    n = len(rows)
    values: list[tuple[str, list]] = []
    problems: dict[int, str] = {}
    for name, kind, arr in columns:
        vals = _values(pa, name, kind, arr, rows, problems)
        values.append((name, vals))
    out: list[tuple[dict | None, str | None]] = []
    for i in range(n):
        p = problems.get(i)
        if p is not None:
            out.append((None, p))
            continue
        out.append(({name: vals[i] for name, vals in values if vals[i] is not None}, None))
    return out


def _values(pa, name: str, kind: str, arr, rows, problems: dict[int, str]) -> list:
    t = arr.type
    if pa.types.is_dictionary(t):
        arr = arr.cast(t.value_type)
        t = arr.type
    cat = category(pa, t)
    if cat == "date":
        days = arr.cast(pa.int32()).to_pylist()
        out: list = []
        for i, d in enumerate(days):
            if d is None:
                out.append(None)
                continue
            o = d + _EPOCH
            if 1 <= o <= date.max.toordinal():
                out.append(date.fromordinal(o))
            else:
                out.append(None)
                problems.setdefault(i, f"række {rows[i]}: feltet «{name}» har en dato uden for år 1–9999 "
                                       f"({d} dage fra 1970-01-01)")
        return out
    try:
        vals = arr.to_pylist()
    except UnicodeDecodeError:  # a string column whose bytes are not UTF-8: those rows are refused
        vals = _texts(pa, name, arr, rows, problems)
    if cat != "float":
        return vals
    out = []
    for i, v in enumerate(vals):
        if v is None:
            out.append(None)
            continue
        why = float_problem(kind, v)
        if why is not None:
            out.append(None)
            problems.setdefault(i, f"række {rows[i]}: feltet «{name}» {why}")
        else:
            out.append(Decimal(v))
    return out


def _texts(pa, name: str, arr, rows, problems: dict[int, str]) -> list:
    """The values of a string column holding bytes that are not UTF-8; those rows refused."""
    out: list = []
    for i, raw in enumerate(arr.cast(pa.binary()).to_pylist()):
        try:
            out.append(None if raw is None else raw.decode("utf-8"))
        except UnicodeDecodeError as err:
            out.append(None)
            problems.setdefault(i, f"række {rows[i]}: feltet «{name}» er ikke gyldig UTF-8 (byte {err.start + 1}: "
                                   f"0x{raw[err.start]:02x})")
    return out


def float_problem(kind: str, v: float) -> str | None:
    """Why a double cannot be read exactly for a field of this kind (None: Decimal(v) is exact and fits)."""
    if not math.isfinite(v):
        return f"skal være et endeligt tal; fik {_short(v)}"
    exact = Decimal(v)
    num, den = v.as_integer_ratio()  # den is a power of two
    if kind == "amount":
        if (num * 100) % den:
            return (f"er et kommatal (double), {v!r}, som ikke er et helt antal øre (værdien er "
                    f"{_clip(format(exact, 'f'), 40)}); gem kolonnen som DECIMAL(18, 2) — det rundes ikke")
        return None
    if den != 1:
        what = "hele procent" if kind == "percent" else "et helt tal"
        return (f"er et kommatal (double), {v!r}, som ikke er {what}; gem kolonnen som et heltal "
                "(INT64) eller DECIMAL")
    return None


# ---- writing ------------------------------------------------------------------------------------
def output_fields(mod: ModuleType, decision: str, items: list[str]) -> list[tuple[str, str]]:
    """(column, kind) of the result file after `række`: the items, then regler and fejl."""
    spec = (getattr(mod, "OUTPUTS", {}) or {}).get(decision) or {}
    return [(n, str((spec.get(n) or {}).get("type", "text"))) for n in items if n not in ("regler", "fejl")] + [
        ("regler", "regler"), ("fejl", "text")]


def arrow_type(pa, kind: str):
    return {"amount": pa.decimal128(38, 2), "number": pa.decimal128(38, 10), "int": pa.int64(),
            "percent": pa.int64(), "date": pa.date32(), "bool": pa.bool_(),
            "regler": pa.list_(pa.string())}.get(kind, pa.string())


def out_schema(pa, fields: list[tuple[str, str]]):
    return pa.schema([pa.field(ROW, pa.int64(), nullable=False), *((n, arrow_type(pa, k)) for n, k in fields)])


class ParquetWriteError(Exception):
    """Writing the result file failed (the OSError in `err`): said as a write error, not a read error."""

    def __init__(self, err: OSError) -> None:
        super().__init__(err)
        self.err = err


@contextlib.contextmanager
def _writing() -> Iterator[None]:
    """An OSError of pyarrow's writer as a ParquetWriteError."""
    try:
        yield
    except OSError as err:
        raise ParquetWriteError(err) from None


class ParquetSink:
    """Results written to a Parquet file in batches of rows (constant memory)."""

    def __init__(self, path: Path | str, fields: list[tuple[str, str]]) -> None:
        pa, pq = _libs()
        self.pa = pa
        self.fields = fields
        self.schema = out_schema(pa, fields)
        with _writing():
            self.writer = pq.ParquetWriter(str(path), self.schema)
        self.rows: list[int] = []
        self.cols: list[list] = [[] for _ in fields]

    def add(self, row: int, result: dict | None, problem: str | None) -> None:
        self.rows.append(row)
        if problem is not None:
            for (name, _k), col in zip(self.fields, self.cols, strict=True):
                col.append(problem if name == "fejl" else None)
        else:
            assert result is not None
            for (name, kind), col in zip(self.fields, self.cols, strict=True):
                v = result.get(name)
                if kind == "regler":
                    v = [str(r) for r in v or ()]
                elif v is not None:
                    v = _cell(name, kind, v, row)
                col.append(v)
        if len(self.rows) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        pa = self.pa
        arrays = [pa.array(self.rows, pa.int64())]
        for (name, kind), col, f in zip(self.fields, self.cols, list(self.schema)[1:], strict=True):
            try:
                arrays.append(pa.array(col, f.type))
            except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, TypeError):
                bad = next((r, v) for r, v in zip(self.rows, col, strict=True) if not _fits(pa, v, f.type))
                raise ParquetValueError(_unfit(name, kind, bad[1], bad[0], f.type)) from None
        with _writing():
            self.writer.write_batch(pa.record_batch(arrays, schema=self.schema))
        self.rows = []
        self.cols = [[] for _ in self.fields]

    def close(self) -> None:
        self.flush()
        with _writing():
            self.writer.close()

    def abandon(self) -> None:
        try:
            self.writer.close()
        except Exception:  # noqa: BLE001 - the file is being thrown away
            pass


def _cell(name: str, kind: str, v: object, row: int) -> object:
    if kind in ("int", "percent"):
        if isinstance(v, Decimal):
            if v != v.to_integral_value():
                raise ParquetValueError(_unfit(name, kind, v, row, "int64"))
            return int(v)
        return v
    if kind == "list" or isinstance(v, (list, tuple)):
        from ..csvio import _plain

        return _plain(v)
    return v


def _fits(pa, v: object, t) -> bool:
    try:
        pa.array([v], t)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, TypeError):
        return False
    return True


def _unfit(name: str, kind: str, v: object, row: int, t: object) -> str:
    return (f"række {row}: posten «{name}» ({_KIND_WORDS.get(kind, kind)}) er {_short(v)}, som Parquet-kolonnens "
            f"type {t} ikke kan rumme eksakt; resultatet rundes ikke. Skriv resultaterne som .jsonl eller .csv.")


__all__ = ["BATCH_ROWS", "ROW", "ParquetInput", "ParquetSink", "ParquetValueError", "arrow_cases",
           "output_fields", "out_schema"]
