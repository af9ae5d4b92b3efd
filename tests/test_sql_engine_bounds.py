"""`regel eval --motor duckdb` plans once and stays bounded: CSV input larger than one chunk
is decided by one query planned once (not one per chunk), with the Python batch's bytes; a
DuckDB failure midway hands the cases it had read to the Python evaluator and goes on; an
input that fails midway is reported, never cut short; the connection has a memory limit
(REGEL_DUCKDB_HUKOMMELSE), a private spill directory that is removed, and one thread per
usable CPU; regel's code digest follows every byte of its sources; `regel eval` does not
import the checker just to build its command line."""

from __future__ import annotations

import csv
import io
import random
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from generated_loader import load_generated_module
from rich.console import Console
from sql_cases import boundaries, random_case

from regel.batch import python_results, run_batch
from regel.codegen import generate
from regel.jsonio import dumps
from regel.model import load

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from regel.sql import duck  # noqa: E402
from regel.sql.duck import DuckEngine  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    modules, _diags = load([str(ROOT / "tables")])
    tmp = tmp_path_factory.mktemp("sqlbounds")
    out = {}
    for m in modules:
        path = tmp / f"sqlbounds_{m.name}.py"
        path.write_text(generate(m), encoding="utf-8")
        out[m.name] = (m, load_generated_module(path, f"sqlbounds_{m.name}"))
    return out


def _engine(tables, module: str, decision: str) -> DuckEngine:
    m, mod = tables[module]
    engine = DuckEngine(m, mod, decision, python_results(mod, decision))
    assert engine.why_not is None, engine.why_not
    return engine


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "ja" if v else "nej"
    if isinstance(v, Decimal):
        return format(v, "f").replace(".", ",")
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def _csv(module, mod, rng: random.Random, n: int) -> bytes:
    """A CSV file of n data lines: random and boundary cases, and some lines the reader refuses."""
    fields = list(mod.INPUTS)
    bounds = boundaries(module)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(fields)
    for _ in range(n):
        r = rng.random()
        if r < 0.02:
            buf.write("\n")  # a blank line
        elif r < 0.04:
            w.writerow(["x"] * (len(fields) + 2))  # too many cells
        elif r < 0.06:
            w.writerow(["1.0"] * len(fields))  # a cell no field reads
        else:
            case = random_case(module, rng, bounds)
            w.writerow([_cell(case.get(f)) for f in fields])
    return buf.getvalue().encode("utf-8")


def _run(mod, decision: str, src: Path, out: Path, engine) -> tuple[bytes, str]:
    err = io.StringIO()
    assert run_batch(mod, decision, str(src), str(out), Console(file=err, width=200), engine=engine) == 0
    return out.read_bytes(), err.getvalue()


@pytest.mark.parametrize("out_name", ["ud.jsonl", "ud.csv"])
def test_csv_beyond_a_chunk_is_planned_once(tables, tmp_path, monkeypatch, out_name):
    m, mod = tables["sanktion"]
    monkeypatch.setattr(duck, "CHUNK", 40)
    src = tmp_path / "sager.csv"
    src.write_bytes(_csv(m, mod, random.Random(f"bounds-{out_name}"), 400))
    for d in m.decisions:
        want = _run(mod, d, src, tmp_path / f"py_{d}_{out_name}", None)
        engine = _engine(tables, "sanktion", d)
        got = _run(mod, d, src, tmp_path / f"duck_{d}_{out_name}", engine)
        assert got == want, d
        assert engine.plans == 1, (d, engine.plans)  # ten chunks, one query
        assert engine.by_sql >= 200, (d, engine.by_sql, engine.by_python)


def test_results_keep_order_across_chunks_and_odd_cases(tables, monkeypatch):
    m, mod = tables["sanktion"]
    monkeypatch.setattr(duck, "CHUNK", 7)
    rng = random.Random("bounds-order")
    bounds = boundaries(m)
    pairs: list[tuple[dict | None, str | None]] = []
    for i in range(300):
        r = rng.random()
        if r < 0.05:
            pairs.append((None, f"linje {i}: ulæselig"))
        elif r < 0.1:
            pairs.append(({"ordningg": 1}, None))  # the check refuses it: Python words it
        else:
            pairs.append((random_case(m, rng, bounds), None))
    pairs[:10] = [(None, "først")] * 10  # a first chunk SQL gets nothing of
    want = list(python_results(mod, "sanktion")(iter(pairs)))
    engine = _engine(tables, "sanktion", "sanktion")
    assert [dumps(x) for x in engine.results(iter(pairs))] == [dumps(x) for x in want]
    assert engine.plans == 1
    assert list(engine.results(iter([]))) == []
    assert engine.plans == 1  # nothing to decide: nothing planned


@pytest.mark.parametrize("at", [0, 2])
def test_a_duckdb_failure_midway_hands_the_rest_to_python(tables, monkeypatch, at):
    """A query that fails (an overflow) after `at` result batches: the cases DuckDB had read
    and not answered go to the Python evaluator, the rest to a new query; same answers."""
    m, mod = tables["sanktion"]
    monkeypatch.setattr(duck, "CHUNK", 10)
    real = duck._arrow_reader
    failed = []

    def failing(con, sql, rows):
        reader = real(con, sql, 20)

        def batches():
            for k, rb in enumerate(reader):
                if k == at and not failed:
                    failed.append(k)
                    reader.close()  # as DuckDB ends a query that fails
                    raise duckdb.OutOfRangeException("Out of Range Error: Overflow in multiplication")
                yield rb

        return batches()

    monkeypatch.setattr(duck, "_arrow_reader", failing)
    rng = random.Random("bounds-failure")
    bounds = boundaries(m)
    cases = [(random_case(m, rng, bounds), None) for _ in range(3000)]
    want = [dumps(x) for x in python_results(mod, "sanktion")(iter(cases))]
    engine = _engine(tables, "sanktion", "sanktion")
    assert [dumps(x) for x in engine.results(iter(cases))] == want
    assert failed
    assert engine.plans in (1, 2)  # a second query when DuckDB had not read the whole input
    assert engine.by_python > 0 and (engine.by_sql > 0) == (at > 0)


def test_a_query_failing_at_once_leaves_the_input_to_python(tables, monkeypatch):
    m, mod = tables["sanktion"]

    def failing(con, sql, rows):
        raise duckdb.OutOfRangeException("Out of Range Error: Overflow in multiplication")

    monkeypatch.setattr(duck, "_arrow_reader", failing)
    monkeypatch.setattr(duck, "CHUNK", 10)
    rng = random.Random("bounds-at-once")
    bounds = boundaries(m)
    cases = [(random_case(m, rng, bounds), None) for _ in range(55)]
    want = [dumps(x) for x in python_results(mod, "sanktion")(iter(cases))]
    engine = _engine(tables, "sanktion", "sanktion")
    assert [dumps(x) for x in engine.results(iter(cases))] == want
    assert engine.by_sql == 0


def test_an_input_failing_midway_is_raised_not_cut_short(tables, monkeypatch):
    m, mod = tables["sanktion"]
    monkeypatch.setattr(duck, "CHUNK", 10)
    rng = random.Random("bounds-input")
    bounds = boundaries(m)

    read = [random_case(m, rng, bounds) for _ in range(35)]

    def cases():
        for case in read:
            yield dict(case), None
        raise OSError(5, "Input/output error")

    engine = _engine(tables, "sanktion", "sanktion")
    got = []
    with pytest.raises(OSError, match="Input/output error"):
        for pair in engine.results(cases()):
            got.append(pair)
    # the failure is raised (DuckDB reads ahead, so it may come before any answer), and whatever was
    # answered before it is Python's answer for those cases, in order — never a shortened result
    want = list(python_results(mod, "sanktion")(iter([(dict(c), None) for c in read])))
    assert len(got) <= 35 and got == want[:len(got)]


def test_jsonl_stream_is_planned_once(tables, tmp_path):
    m, mod = tables["sanktion"]
    rng = random.Random("bounds-jsonl")
    bounds = boundaries(m)
    src = tmp_path / "s.jsonl"
    src.write_text("".join(dumps(random_case(m, rng, bounds)) + "\n" for _ in range(300)) + "{\n",
                   encoding="utf-8")
    want = _run(mod, "sanktion", src, tmp_path / "py.jsonl", None)
    engine = _engine(tables, "sanktion", "sanktion")
    assert _run(mod, "sanktion", src, tmp_path / "duck.jsonl", engine) == want
    assert engine.plans == 1


# ---- the connection's bounds ---------------------------------------------------------------------
def _setting(con, name: str) -> str:
    return con.execute(f"SELECT current_setting('{name}')").fetchone()[0]


def _limit_as_duckdb_says(value: str) -> str:
    con = duckdb.connect(config={"memory_limit": value})
    try:
        return _setting(con, "memory_limit")
    finally:
        con.close()


def test_memory_limit_threads_and_spill_directory_are_set(tables, monkeypatch):
    import tempfile

    monkeypatch.delenv(duck.MEMORY_ENV, raising=False)
    engine = _engine(tables, "sanktion", "klagefrist")
    limit = duck.default_memory_limit()
    assert duck.MEMORY_FLOOR <= limit <= duck.MEMORY_CAP
    assert _setting(engine.con, "memory_limit") == _limit_as_duckdb_says(f"{limit >> 20}MB")
    assert int(_setting(engine.con, "threads")) == duck.default_threads() >= 1
    temp = _setting(engine.con, "temp_directory")
    assert Path(temp).parent == Path(tempfile.gettempdir()) and temp == engine.temp_directory
    Path(temp).mkdir()  # as DuckDB makes it when it spills
    (Path(temp) / "spill.block").write_bytes(b"x")
    engine.close()
    assert not Path(temp).exists()
    engine.close()  # twice is harmless


def test_memory_limit_from_the_environment(tables, monkeypatch):
    monkeypatch.setenv(duck.MEMORY_ENV, "300MB")
    engine = _engine(tables, "sanktion", "klagefrist")
    assert _setting(engine.con, "memory_limit") == _limit_as_duckdb_says("300MB")
    engine.close()
    monkeypatch.setenv(duck.MEMORY_ENV, "mange")
    m, mod = tables["sanktion"]
    with pytest.raises(duck.EngineSetupError, match="REGEL_DUCKDB_HUKOMMELSE='mange' er ikke en hukommelsesgrænse"):
        DuckEngine(m, mod, "klagefrist", python_results(mod, "klagefrist"))


@pytest.mark.parametrize(("text", "mb"), [("2GB", 2048), ("512 mb", 512), ("1,5GB", 1536), ("64MB", 64),
                                         ("1TB", 1024 * 1024), ("1024TB", 1024 ** 3)])
def test_memory_setting_reads_what_a_person_writes(text, mb):
    assert duck.memory_setting(text) == mb


@pytest.mark.parametrize(("text", "says"), [("mange", "skriv et tal og en enhed"), ("0", "skriv et tal og en enhed"),
                                            ("1KB", "mindst 64MB"), ("10MB", "mindst 64MB"), ("2 GiB", "skriv et tal"),
                                            ("1025TB", "højst 1024TB"), ("99999999TB", "højst 1024TB"),
                                            ("9" * 400 + "GB", "højst 1024TB")])
def test_memory_setting_refuses_in_danish(text, says):
    """`1KB` was DuckDB's internal «Out of Memory Error» at the first chunk, `bogus` and `0` quoted
    DuckDB's English parser message (walkthrough); `99999999TB` its «Memory value out of range» and
    400 nines an OverflowError (review)."""
    with pytest.raises(duck.EngineSetupError, match=says) as err:
        duck.memory_setting(text)
    assert "Error" not in str(err.value)


def test_a_bad_memory_limit_is_a_usage_error(tmp_path, monkeypatch, capsys):
    from regel.cli import main

    monkeypatch.chdir(ROOT)
    src = tmp_path / "s.jsonl"
    src.write_text("{}\n", encoding="utf-8")
    monkeypatch.setenv(duck.MEMORY_ENV, "mange")
    assert main(["eval", "sanktion", "--input", str(src), "--out", str(tmp_path / "u.jsonl"),
                 "--motor", "duckdb"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "REGEL_DUCKDB_HUKOMMELSE='mange' er ikke en hukommelsesgrænse" in err
    assert not (tmp_path / "u.jsonl").exists()


def test_help_says_how_memory_is_bounded(capsys):
    from regel.cli import main

    with pytest.raises(SystemExit):
        main(["eval", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "REGEL_DUCKDB_HUKOMMELSE" in out and "højst 1 GB" in out


# ---- the code digest and the command line's imports ------------------------------------------------
def test_code_digest_follows_every_byte_not_the_file_times(tmp_path, monkeypatch):
    import os
    import shutil

    import regel
    from regel import sqlcmd

    pkg = tmp_path / "regel"
    shutil.copytree(Path(regel.__file__).resolve().parent, pkg,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(regel, "__file__", str(pkg / "__init__.py"))
    first = sqlcmd.code_digest()
    assert sqlcmd.code_digest() == first
    target = pkg / "sql" / "compiler.py"
    st = target.stat()
    data = target.read_bytes()
    i = data.index(b"ORDER") if b"ORDER" in data else len(data) // 2
    target.write_bytes(data[:i] + bytes([data[i] ^ 1]) + data[i + 1:])  # same size …
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))  # … same time
    assert sqlcmd.code_digest() != first
    target.write_bytes(data)
    assert sqlcmd.code_digest() == first
    (pkg / "sql" / "templates" / "extra.j2").write_text("x", encoding="utf-8")
    assert sqlcmd.code_digest() != first
    (pkg / "sql" / "templates" / "extra.j2").unlink()
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (pkg / "notes.txt").write_text("x", encoding="utf-8")
    assert sqlcmd.code_digest() == first


def test_eval_command_line_does_not_import_the_checker():
    code = ("import sys\nfrom regel.cli import parser\n"
            "p = parser('eval')\n"
            "a = p.parse_args(['eval', 'sanktion', '--input', 'x.jsonl', '--motor', 'duckdb'])\n"
            "assert a.motor == 'duckdb'\n"
            "print(sorted(m for m in sys.modules if m.startswith('regel.checks')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("command", ["check", "compile", None])
def test_check_and_compile_keep_their_budget_options(command):
    from regel.cli import parser

    for sub in ("check", "compile"):
        args = parser(command).parse_args([sub, "--tidsgrænse", "5", "--hukommelse", "100"]) \
            if command in (sub, None) else None
        if args is not None:
            assert args.tidsgraense == 5 and args.hukommelse == 100


def test_find_decision_imports_only_the_module_that_declares_it(tmp_path):
    import shutil

    from regel.cli import main

    shutil.copytree(ROOT / "tables", tmp_path / "tables")
    gen = tmp_path / "generated"
    assert main(["compile", str(tmp_path / "tables"), "--out", str(gen)]) == 0
    code = ("import sys\nfrom pathlib import Path\nfrom regel.cli import find_decision\n"
            f"m = find_decision('sanktion', Path({str(gen)!r}))\n"
            "print(m.MODULE, sorted(k for k in sys.modules if k.startswith('regel_generated_')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["sanktion", "['regel_generated_sanktion']"]
    # a module whose declaration cannot be read is imported and asked, as before
    text = (gen / "sanktion.py").read_text(encoding="utf-8")
    (gen / "sanktion.py").write_text(text.replace("\nDECISIONS: tuple[str, ...] = ", "\nDECISIONS = ", 1)
                                     .replace("\nDECISIONS = ", "\nDECISIONS = (\n    ", 1)
                                     .replace("('sanktion', 'klagefrist')", "'sanktion', 'klagefrist')", 1),
                                     encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split()[0] == "sanktion"
    # two modules with the decision: the first by name, as before
    shutil.copy(gen / "sanktion.py", gen / "a_kopi.py")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "regel_generated_a_kopi" in out


@pytest.mark.parametrize("private", [
    lambda *a: (_ for _ in ()).throw(TypeError("other arguments")),  # another signature
    lambda *a: object(),  # an answer without arrow_reader
])
def test_arrow_reader_falls_back_to_the_public_api(private):
    """duck._arrow_reader uses this duckdb's private _submit (parse and plan once); a duckdb whose
    _submit differs is asked the public way (review)."""

    class Con:
        _submit = staticmethod(private)

        def __init__(self) -> None:
            self.real = duckdb.connect()

        def sql(self, text):
            return self.real.sql(text)

    reader = duck._arrow_reader(Con(), "SELECT 42 AS x", 10)
    assert reader.read_all().column("x").to_pylist() == [42]
