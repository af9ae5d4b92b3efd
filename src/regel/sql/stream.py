"""The DuckDB batch run without Python per line: JSONL in, JSONL or CSV out, in one query.

Python reads the input in blocks of bytes and splits them into lines with pyarrow (the
same lines as batch._lines: split on `\\n` only, one `\\r` of CRLF dropped, the BOM of
the first line dropped, a line longer than the cap refused, a line that is not UTF-8
refused — those two with batch's own words). DuckDB reads the lines as a stream of Arrow
batches, parses and checks them (jsonin.py), decides them (the engine SQL of the
decision) and writes each output line (output.py); the query is planned once and its
result fetched batch by batch, so memory stays bounded. A line SQL cannot judge
exactly comes back with its text instead, and the Python evaluator decides it
(`decide`): the output is the Python path's, line for line.
"""

from __future__ import annotations

import contextlib
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from typing import BinaryIO

from ..batch import _BOM, _not_utf8, _too_long
from . import RULE_SEPARATOR, render
from .compiler import ROW_ID, RULES
from .duck import RESULT_ROWS, _arrow_reader
from .jsonin import LINE, LINES, PLAIN, PRE, sager_sql
from .output import csv_rules, csv_sql, jsonl_sql

BLOCK_BYTES = 1 << 22  # bytes read at a time
_AFTER_LONG = 1 << 16  # bytes read at a time while skipping the rest of an over-long line

PASSTHROUGH = (LINE, PRE, PLAIN)

# (output text, cases, refusals, combinations of rules that fired → count)
Piece = tuple[bytes, int, int, Counter]


def stream_sql(plan: dict, inputs: dict, csv_out: bool) -> str:
    """The whole query over `linjer`: rad_id, the written line `ud` (NULL: Python decides
    `linje`), `regler` of a result SQL wrote and whether SQL wrote a refusal."""
    decision = render(plan)
    # the texts the writing names many times, computed once in a layer of their own
    error = "__fejltekst"
    helpers = f"COALESCE({PRE}, fejl) AS {error}"
    shapes, scales = plan["shapes"], plan["scales"]
    if csv_out:
        result, refusal = csv_sql(shapes, scales, error, "__regler_csv")
        helpers += f", {csv_rules()} AS __regler_csv"
    else:
        result, refusal = jsonl_sql(shapes, scales, error)
    written = (f"CASE WHEN {PRE} IS NOT NULL OR ({PLAIN} AND fejl IS NOT NULL) THEN {refusal} "
               f"WHEN {PLAIN} THEN {result} END")
    if _clean_literals(decision + result + refusal):
        # no text written can hold a control character: the case's texts cannot (jsonin's
        # gate), and no literal of the query does
        def has_control(_x: str) -> str:
            return "FALSE"
    else:
        from .output import has_control
    return f"""WITH sager AS (
{sager_sql(inputs)}
),
afgjort AS (
{decision.rstrip().removesuffix(";")}
),
skrevet AS (
  SELECT {ROW_ID}, {LINE}, {PRE}, fejl, {RULES}, {written} AS __ud FROM (SELECT *, {helpers} FROM afgjort)
),
godkendt AS (
  SELECT *, CASE WHEN NOT {has_control('__ud')} THEN __ud END AS ud FROM skrevet
)
SELECT {ROW_ID},
  ud,
  CASE WHEN ud IS NULL THEN {LINE} END AS {LINE},
  CASE WHEN ud IS NOT NULL AND {PRE} IS NULL AND fejl IS NULL THEN {RULES} END AS {RULES},
  COALESCE(ud IS NOT NULL AND ({PRE} IS NOT NULL OR fejl IS NOT NULL), FALSE) AS afvist
FROM godkendt"""


def _clean_literals(sql: str) -> bool:
    """Whether no string literal of the SQL holds a control character."""
    return not any(re.search(r"[\x00-\x1f\x7f]", lit) for lit in re.findall(r"'(?:[^']|'')*'", sql))


def line_batches(pa, fh: BinaryIO, max_line: int, block: int | None = None):
    """Arrow record batches (rad_id, linje, forud) of the lines of `fh`, as batch._lines reads them.

    The file is read into one reused buffer (`buf[:have]`: the start of a line not yet ended, or,
    after an over-long line, the text read past it, which may hold whole lines);
    each block's whole lines are handed to Arrow without a copy in Python."""
    pc = pa.compute
    block = block or BLOCK_BYTES
    schema = pa.schema([(ROW_ID, pa.int64()), (LINE, pa.string()), (PRE, pa.string())])
    n = 0  # lines done
    buf = bytearray(block)
    have = 0
    while True:
        if len(buf) < have + block:
            buf = _grown(buf, have, have + block)
        got = _fill(fh, memoryview(buf)[have:have + block])
        if not got:
            if have:
                yield _batch(pa, pc, schema, buf, have, n + 1, max_line)
            return
        # from 0: the text carried after an over-long line (see _skip_line) may hold whole lines
        cut = buf.rfind(b"\n", 0, have + got)
        have += got
        if cut >= 0:
            lines = _batch(pa, pc, schema, buf, cut + 1, n + 1, max_line)
            n += lines.num_rows  # one line per "\n" of buf[:cut + 1]
            yield lines
            rest = have - cut - 1
            buf[:rest] = buf[cut + 1:have]  # same length: never resizes the exported buffer
            have = rest
        if have > max_line:  # over-long: refuse it, never hold the rest
            n += 1
            yield _single(pa, schema, n, None, _too_long(n, max_line))
            after = _skip_line(fh)
            if len(buf) < len(after):
                buf = _grown(buf, 0, len(after))
            buf[:len(after)] = after
            have = len(after)


def _skip_line(fh: BinaryIO) -> bytes:
    """Read past the next `\\n`; what follows it."""
    while True:
        rest = fh.read(_AFTER_LONG)
        if not rest:
            return b""
        at = rest.find(b"\n")
        if at >= 0:
            return rest[at + 1:]


def _grown(buf: bytearray, keep: int, size: int) -> bytearray:
    """A new buffer of `size` bytes starting with buf[:keep] (Arrow may still hold the old one)."""
    new = bytearray(size)
    new[:keep] = buf[:keep]
    return new


def _fill(fh: BinaryIO, into: memoryview) -> int:
    """Read up to len(into) bytes of `fh` into `into`: how many (0 at the end)."""
    readinto = getattr(fh, "readinto", None)
    if readinto is not None:
        return readinto(into) or 0
    data = fh.read(len(into))
    into[:len(data)] = data
    return len(data)


def _single(pa, schema, n: int, text: str | None, pre: str | None):
    return pa.record_batch([pa.array([n], pa.int64()), pa.array([text], pa.string()),
                            pa.array([pre], pa.string())], schema=schema)


def _batch(pa, pc, schema, buf: bytearray, size: int, first: int, max_line: int):
    """The lines of buf[:size] (the last one without `\\n` only at the end of the file), numbered from `first`.

    All in Arrow kernels, no Python per line: split on `\\n`, a `\\r` before it dropped (only
    when the block holds one), the BOM of the file's first line dropped; the cap and UTF-8 are
    checked on the raw bytes (`\\r` and BOM counted in the length, as batch._lines counts)."""
    kind, width = (pa.binary(), "i") if size < 1 << 31 else (pa.large_binary(), "q")
    offsets = pa.py_buffer(array(width, [0, size]))
    data = pa.Array.from_buffers(kind, 1, [None, offsets, pa.py_buffer(buf).slice(0, size)])
    lines = pc.split_pattern(data, b"\n").flatten()
    if buf.endswith(b"\n", 0, size):
        lines = lines.slice(0, len(lines) - 1)  # after the final "\n"
    count = len(lines)
    odd: dict[int, str] = {}  # line index -> refusal written by the reader
    long = pc.greater(pc.binary_length(lines), max_line)
    if pc.any(long).as_py():
        for i in pc.indices_nonzero(long).to_pylist():
            odd[i] = _too_long(first + i, max_line)
    if buf.find(b"\r", 0, size) >= 0:  # CRLF: one "\r" at the end of a line dropped, as batch._lines does
        lines = pc.if_else(pc.ends_with(lines, pattern=b"\r"), pc.binary_slice(lines, 0, -1), lines)
    if first == 1 and count and buf.startswith(_BOM, 0, size):
        lines = pa.concat_arrays([pa.array([lines[0].as_py()[len(_BOM):]], pa.binary()), lines.slice(1)])
    try:
        text = lines.cast(pa.string())
    except pa.ArrowInvalid:  # some line is not UTF-8: find it
        raw = lines.to_pylist()
        for i, b in enumerate(raw):
            if i in odd:
                continue
            try:
                b.decode("utf-8")
            except UnicodeDecodeError as err:
                odd[i] = _not_utf8(first + i, b, err)
        text = pa.array([None if i in odd else b.decode("utf-8") for i, b in enumerate(raw)], pa.string())
    pre = pa.nulls(count, pa.string())
    if odd:
        text = pa.array([None if i in odd else t for i, t in enumerate(text.to_pylist())], pa.string())
        pre = pa.array([odd.get(i) for i in range(count)], pa.string())
    ids = pc.cumulative_sum(pa.nulls(count, pa.int64()).fill_null(1), start=first - 1)
    return pa.record_batch([ids, text, pre], schema=schema)


def run(con, pa, sql: str, batches: Iterator, decide: Callable[[int, str], tuple[str, dict | None, str | None]]
        ) -> Iterator[Piece]:
    """The query over the stream of line batches: output pieces in line order."""
    first = next(batches, None)
    if first is None:
        return
    reader = pa.RecordBatchReader.from_batches(first.schema, _chain(first, batches))
    con.register(LINES, reader)
    result = None
    try:
        result = _arrow_reader(con, sql, RESULT_ROWS)  # parsed and planned once
        expect = 1
        for rb in result:
            piece = _piece(pa, rb, decide, expect)
            expect += rb.num_rows
            yield piece
    finally:
        # the result first (DuckDB will not unregister under an open result), and never an
        # error of the clean-up in place of the one under way (Ctrl-C, a closed pipe)
        with contextlib.suppress(Exception):
            if result is not None:
                result.close()
        with contextlib.suppress(Exception):
            con.unregister(LINES)


def _chain(first, rest: Iterator):
    yield first
    yield from rest


def _piece(pa, rb, decide: Callable[[int, str], tuple[str, dict | None, str | None]], expect: int) -> Piece:
    pc = pa.compute
    ids, out, lines, rules, refused = (rb.column(i) for i in range(5))
    n = rb.num_rows
    if n and (ids[0].as_py() != expect or ids[n - 1].as_py() != expect + n - 1):
        raise RuntimeError("DuckDB gav resultaterne i en anden rækkefølge end linjerne")  # never silently
    combos: Counter = Counter()
    counts = pc.value_counts(rules)
    for item in counts:
        value = item["values"].as_py()
        if value is not None:
            combos[tuple(value.split(RULE_SEPARATOR)) if value else ()] += item["counts"].as_py()
    errors = pc.sum(refused).as_py() or 0
    todo = pc.indices_nonzero(pc.is_null(out)).to_pylist()
    data = _data(out)
    offs = _offsets(out)
    if not todo:
        return bytes(data[offs[0]:offs[n]]), n, errors, combos
    parts: list[bytes] = []
    start = 0
    for i in todo:
        parts.append(bytes(data[offs[start]:offs[i]]))
        text, result, problem = decide(ids[i].as_py(), lines[i].as_py())
        parts.append(text.encode("utf-8", "backslashreplace"))
        if problem is not None:
            errors += 1
        elif result is not None:
            combos[tuple(result.get(RULES, ()))] += 1
        start = i + 1
    parts.append(bytes(data[offs[start]:offs[n]]))
    return b"".join(parts), n, errors, combos


def _data(arr) -> memoryview:
    buf = arr.buffers()[2]
    return memoryview(buf) if buf is not None else memoryview(b"")


def _offsets(arr):
    """The string offsets of `arr` (index i: where value i starts in _data)."""
    offs = arr.buffers()[1]
    if offs is None:
        return [0] * (len(arr) + 1)
    return memoryview(offs).cast("i")[arr.offset:arr.offset + len(arr) + 1]
