"""`regel eval --motor duckdb` reading JSONL in SQL (regel/sql/stream.py) writes exactly the
Python batch's output: the same bytes for random cases, boundaries, invalid values and odd
lines (broken JSON, duplicate keys, BOM, CRLF, empty lines, huge numbers, escapes, NaN,
trailing commas, over-long lines, bytes that are not UTF-8), as JSONL and as CSV, and the
same summary; and most lines are decided by SQL, not by the Python fallback."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
from generated_loader import load_generated_module
from rich.console import Console
from sql_cases import boundaries, random_case

from regel.batch import run_batch
from regel.codegen import generate
from regel.jsonio import dumps
from regel.model import load

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from regel.sql.duck import DuckEngine  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    modules, _diags = load([str(ROOT / "tables")])
    tmp = tmp_path_factory.mktemp("sqlstream")
    out = {}
    for m in modules:
        path = tmp / f"sqlstream_{m.name}.py"
        path.write_text(generate(m), encoding="utf-8")
        out[m.name] = (m, load_generated_module(path, f"sqlstream_{m.name}"))
    return out


ODD_LINES = [
    b"", b"   ", b"{", b"[]", b"5", b'"x"', b"null", b"{}", b"{} ", b"\t{}\r", b'{"a":1,}',
    b'{"ordning": NaN}', b'{"dage": Infinity}', b'{"dage": 1e2}', b'{"dage": 3.0}', b'{"dage": "3"}',
    b'{"dage": -0}', b'{"dage": 01}', b'{"dage": 99999999999999999999}', b'{"dage": 10000000000000}',
    b'{"dage": 3, "dage": 4}', b'{"dage": null}', b'{"dage": [1]}', b'{"dage": {"a": 1}}',
    b'{"ordning": "ressourceforl\\u00f8b"}', b'{"ordning": "\\ud800"}', b'{"ordning": "ressourceforloeb"}',
    b'{"ordning": "x\xe6y"}', b'{"ordningg": 1}', b'{"x": 1}', b'\xff\xfe{}', b'{"ordning": "\xc3"}',
    b'{"m\xc3\xa5nedlig_ydelse": 1.005}', b'{"m\xc3\xa5nedlig_ydelse": -0.0}',
    b'{"m\xc3\xa5nedlig_ydelse": 12.500}', b'{"m\xc3\xa5nedlig_ydelse": 1E+3}',
    b'{"m\xc3\xa5nedlig_ydelse": 1.0000000000}', b'{"m\xc3\xa5nedlig_ydelse": 1.00000000000}',
    b'{"m\xc3\xa5nedlig_ydelse" : 100 , "dage":3}', b'{"m\xc3\xa5nedlig_ydelse": 9999999999999.99}',
    b'{"dato": "2024-02-30"}', b'{"dato": "0000-01-01"}', b'{"dato": "2024-1-01"}', b'{"dato": 20240101}',
    b'{"fors\xc3\xb8rger": "ja"}', b'{"fors\xc3\xb8rger": 1}', b'{"fors\xc3\xb8rger": true} {"a": 1}',
    b'{"ordning": "sh_o_ydelse", "dato": "2024-05-01", "forseelse": "udeblevet_tilbud"}\r',
    b'{"dato": "2024-05-01"}\r\r', b'{"ordning": "a\rb"}', b'{"ordning":"=cmd", "forseelse": "x,y"}',
    b'{"ordning": "' + b"x" * 300 + b'"}', b"x" * 5000,
]


def _line(case: dict, rng: random.Random) -> bytes:
    text = dumps(case, indent=None)
    if rng.random() < 0.3:
        text = text.replace(",", ", ").replace(":", ": ")
    return text.encode("utf-8")


def _file(module, rng: random.Random, n: int) -> bytes:
    bounds = boundaries(module)
    out = [b"\xef\xbb\xbf" + _line(random_case(module, rng, bounds), rng)]
    for _ in range(n):
        if rng.random() < 0.04:
            out.append(rng.choice(ODD_LINES))
        else:
            out.append(_line(random_case(module, rng, bounds), rng))
    ends = [b"\r\n" if rng.random() < 0.1 else b"\n" for _ in out]
    return b"".join(line + end for line, end in zip(out, ends, strict=True))[:-1]  # no final newline


def _run(mod, decision: str, src: Path, out: Path, engine, max_line: int) -> tuple[bytes, str]:
    err = io.StringIO()
    code = run_batch(mod, decision, str(src), str(out), Console(file=err, width=200), max_line=max_line,
                     engine=engine)
    assert code == 0
    return out.read_bytes(), err.getvalue()


@pytest.mark.parametrize("out_name", ["ud.jsonl", "ud.csv"])
def test_stream_matches_python(tables, tmp_path, out_name):
    decided = 0
    for name, (m, mod) in tables.items():
        for d in m.decisions:
            rng = random.Random(f"stream/{name}/{d}/{out_name}")
            src = tmp_path / f"{name}_{d}.jsonl"
            src.write_bytes(_file(m, rng, 1500))
            want = _run(mod, d, src, tmp_path / f"py_{out_name}", None, 4096)
            engine = DuckEngine(m, mod, d, None)  # type: ignore[arg-type]
            assert engine.why_not is None, engine.why_not
            calls: list[int] = []
            got = _run(mod, d, src, tmp_path / f"duck_{out_name}", _Counting(engine, calls), 4096)
            assert got[0] == want[0], _first_difference(want[0], got[0])
            assert got[1] == want[1]
            # random_case makes ~40 % of cases invalid on purpose (the Python evaluator words those)
            assert calls and calls[0] < 0.5 * 1500, (d, calls)
            decided += 1
    assert decided == 4


class _Counting:
    """The DuckDB engine, counting the lines handed to the Python evaluator."""

    def __init__(self, engine: DuckEngine, calls: list[int]) -> None:
        self.engine = engine
        self.calls = calls
        self.results = engine.results

    def stream(self, src, csv_out, max_line, decide):
        self.calls.append(0)

        def counted(n: int, text: str):
            self.calls[-1] += 1
            return decide(n, text)

        return self.engine.stream(src, csv_out, max_line, counted)


def _first_difference(a: bytes, b: bytes) -> str:
    la, lb = a.split(b"\n"), b.split(b"\n")
    for i, (x, y) in enumerate(zip(la, lb, strict=False)):
        if x != y:
            return f"linje {i + 1}:\n python {x[:400]!r}\n duckdb {y[:400]!r}"
    return f"længder {len(la)} og {len(lb)}"


def test_stream_blocks_and_long_lines(tables, tmp_path):
    """Lines across block boundaries and over-long lines at every position of a block."""
    from regel.sql import stream

    m, mod = tables["sanktion"]
    rng = random.Random(5)
    lines = [_line(random_case(m, rng, boundaries(m)), rng) for _ in range(300)]
    for k in range(0, 300, 37):
        lines[k] = b'{"ordning": "' + b"y" * (200 + k) + b'"}'
    src = tmp_path / "blokke.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    want = _run(mod, "sanktion", src, tmp_path / "py.jsonl", None, 230)
    engine = DuckEngine(m, mod, "sanktion", None)  # type: ignore[arg-type]
    old = stream.BLOCK_BYTES
    try:
        for size in (97, 256, 1000, 4096):
            stream.BLOCK_BYTES = size
            got = _run(mod, "sanktion", src, tmp_path / "duck.jsonl", engine, 230)
            assert got == want, (size, _first_difference(want[0], got[0]))
    finally:
        stream.BLOCK_BYTES = old


# ---- the line reader (stream.line_batches) against batch._lines + batch._texts ----------------------
READER_FILES = [
    b"",
    b"\n",
    b"\r\n",
    b"\r",
    b"\r\r\n\r",
    b"a",
    b"a\n",
    b"a\r\nb\r\n",
    b"a\r\r\nb\rc\n\r\n",
    b"\xef\xbb\xbf{}\n{}\n",
    b"\xef\xbb\xbf\r\n\xef\xbb\xbf{}\n",  # only the first line's BOM goes
    b"\xef\xbb\xbf",
    b"\xef\xbb",
    b"\xef\xbb\xbf\xff{}\n",  # not UTF-8 after a BOM: the byte counted without it
    b"{}\n\xff\xfe{}\r\n{\"a\": \"\xc3\"}\n\xc3\xa5\n",
    b"x" * 40 + b"\n" + b"y" * 41 + b"\n" + b"z" * 39 + b"\r\n" + b"w" * 40 + b"\r\n" + b"v" * 41,
    b"\xef\xbb\xbf" + b"x" * 37 + b"\n" + b"x" * 38 + b"\n",  # the BOM counts towards the cap
    b"\n".join(b"%d" % i * (i % 7) for i in range(200)) + b"\n",
    b"x" * 300 + b"\nok\n" + b"\xff" * 50 + b"\n\xff\n" + b"y" * 41,
]


def _reference(data: bytes, max_line: int) -> list[tuple[int, str | None, str | None]]:
    from regel.batch import _lines, _texts

    return list(_texts(_lines(io.BytesIO(data), max_line), max_line))


def _read(data: bytes, max_line: int, block: int, reader=io.BytesIO) -> list[tuple[int, str | None, str | None]]:
    import pyarrow as pa
    import pyarrow.compute  # noqa: F401

    from regel.sql.stream import line_batches

    out = []
    for rb in line_batches(pa, reader(data), max_line, block):
        out += zip(*(rb.column(i).to_pylist() for i in range(3)), strict=True)
    return out


class _NoReadinto:
    """A binary file with read() only (as some wrapped streams are)."""

    def __init__(self, data: bytes) -> None:
        self.fh = io.BytesIO(data)

    def read(self, n: int = -1) -> bytes:
        return self.fh.read(n)


@pytest.mark.parametrize("k", range(len(READER_FILES)))
def test_line_reader_matches_batch(k):
    """Every line, number, CR/BOM rule, over-long and non-UTF-8 refusal as batch reads them, for
    block sizes that put a line end, a CR or a BOM at every block boundary."""
    data = READER_FILES[k]
    for max_line in (40, 1 << 20):
        want = _reference(data, max_line)
        for block in (*range(1, 12), 37, 40, 41, 42, 64, 1 << 22):
            assert _read(data, max_line, block) == want, (max_line, block)
        assert _read(data, max_line, 5, _NoReadinto) == want


def test_line_reader_random_blocks():
    """Random files of odd lines, read in random block sizes: batch's lines exactly."""
    rng = random.Random(11)
    pieces = [b"", b"{}", b"\r", b"\xef\xbb\xbf", b"\xff", b"\xc3\xa5", b"x" * 45, b"ab", b"\r\r", b" "]
    for _ in range(150):
        data = b"".join(rng.choice(pieces) + rng.choice([b"\n", b"\r\n", b""]) for _ in range(rng.randrange(30)))
        want = _reference(data, 44)
        assert _read(data, 44, rng.randrange(1, 70)) == want, data


def test_line_reader_batches_stay_valid():
    """A batch handed on is never overwritten by the next block read into the same buffer."""
    import pyarrow as pa
    import pyarrow.compute  # noqa: F401

    from regel.sql.stream import line_batches

    data = b"".join(b"line %d %s\n" % (i, b"q" * (i % 13)) for i in range(2000))
    batches = list(line_batches(pa, io.BytesIO(data), 1000, 256))
    assert len(batches) > 50
    got = [t for rb in batches for t in rb.column(1).to_pylist()]
    assert got == data.decode().split("\n")[:-1]


# ---- the written line (regel/sql/output.py) against json.dumps and csv.writer --------------------
TEXTS = ["", "a", 'a"b', "a\\b", '\\"', "a,b", "x\r", "y\r\nz", "=1+1", "+45", "-2,5", "@sum", "\tx", "\rx",
         "'q", 'say "hi", then', "æøå «x» – §§ 35–40", "𝄞", "a, b", '"', ",", None]


def test_written_texts_match_python():
    """json_text and csv_text write exactly json.dumps and csv.writer(out_cell), NULL as NULL."""
    import csv

    import duckdb

    from regel.csvio import out_cell
    from regel.sql.output import csv_text, has_control, json_text

    con = duckdb.connect()
    con.execute("CREATE TABLE t (i INTEGER, x VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(TEXTS)))
    rows = con.execute(f"SELECT x, {json_text('x')}, {csv_text('x')}, {has_control(json_text('x'))} "
                       "FROM t ORDER BY i").fetchall()
    for x, js, cs, control in rows:
        if x is None:
            assert (js, cs) == (None, None)
            continue
        # a control character is left to the Python path (has_control), so JSON needs no \\uXXXX
        assert control == any(c < " " for c in x), x
        assert control or js == json.dumps(x, ensure_ascii=False), x
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow([out_cell(x), "z"])  # a row has several cells
        assert cs + ",z\r\n" == buf.getvalue(), x


def test_written_lines_keep_null():
    """A result line with `regler` NULL, or a refusal with no message, is NULL (the Python path
    writes it), never a line with an empty part."""
    import duckdb

    from regel.sql.output import csv_sql, jsonl_sql

    shapes = [("a", "text", 0), ("b", "bool", 0), ("c", "amount", 2)]
    con = duckdb.connect()
    for make in (jsonl_sql, csv_sql):
        row, refusal = make(shapes, {"c": 2}, "e")
        got = con.execute(f"SELECT {row}, {refusal} FROM (SELECT 'x' AS a, TRUE AS b, 1.5::DECIMAL(38, 2) AS c, "
                          "CAST(NULL AS VARCHAR) AS regler, CAST(NULL AS VARCHAR) AS e)").fetchall()
        assert got == [(None, None)], make
        got = con.execute(f"SELECT {row}, {refusal} FROM (SELECT CAST(NULL AS VARCHAR) AS a, NULL::BOOLEAN AS b, "
                          "CAST(NULL AS DECIMAL(38, 2)) AS c, '' AS regler, 'nej, \"x\"' AS e)").fetchall()
        if make is jsonl_sql:
            assert got == [('{"a":null,"b":false,"c":null,"regler":[]}\n', '{"fejl":"nej, \\"x\\""}\n')]
        else:
            assert got == [(",nej,,,\r\n", ',,,,"nej, ""x"""\r\n')]


@pytest.mark.parametrize("after_long", [1, 3, 8, 64])
def test_line_reader_after_an_over_long_line(monkeypatch, after_long):
    """The text read past an over-long line can hold whole lines; they were searched for no line
    end and, when the next block had none (another long line), refused with it as one line, so
    valid cases vanished without a word (a review: 300 cases between two 5 MB lines)."""
    from regel.sql import stream

    monkeypatch.setattr(stream, "_AFTER_LONG", after_long)
    rng = random.Random(after_long)
    pieces = [b"{}", b"x" * 60, b"y" * 45, b"ab", b"\r", b""]
    for _ in range(300):
        data = b"".join(rng.choice(pieces) + rng.choice([b"\n", b"\n", b""]) for _ in range(rng.randrange(40)))
        want = _reference(data, 44)
        assert _read(data, 44, rng.randrange(1, 90)) == want, data
    data = b"z" * 100 + b"\n" + b"{}\n" * 30 + b"w" * 100 + b"\n{}\n"  # the review's file, small
    assert _read(data, 44, 64) == _reference(data, 44)
