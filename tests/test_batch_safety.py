"""Batch evaluation loses nothing and misreads nothing (docs/batch.md): one output
line per input line whatever the line holds, atomic output that survives SIGINT,
SIGTERM and a full disk, no output onto the input, CSV read in one documented
Danish notation and written without formula injection."""

from __future__ import annotations

import csv
import errno
import importlib.util
import io
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from regel import batch as batch_mod
from regel.batch import BatchUsageError, encode, run_batch
from regel.cli import main
from regel.codegen import generate
from regel.csvio import CellError, HeaderError, neutralise, out_cell, parse_header, parse_number, row_case
from regel.jsonio import CaseError, load_case
from regel.model import load

ROOT = Path(__file__).resolve().parent.parent
GOOD = json.loads((ROOT / "examples" / "ressourceforloeb_udeblevet_samtale.json").read_text(encoding="utf-8"))
SH_O = {"ordning": "sh_o_ydelse", "forseelse": "afvist_arbejde", "dato": "2024-06-03", "forsørger": False,
        "månedlig_ydelse": "10.469,50"}

# A small module whose results carry the case's own text and a negative amount to a CSV cell.
EKKO = """\
felt navn: tekst
felt saldo: beløb
felt antal: heltal fra 0 til 10

tabel Note "Note"
  hjemmel "=HYPERLINK(1)"
  | antal || note: tekst |
  | 0     || "-ingen"    |
  | > 0   || "@nogle"    |

beslutning ekko "Ekko"
  navn
  saldo
  rest = saldo - 100 kr
  note
  hjemmel = hjemmel(Note)
"""


# ---- fixtures and helpers -------------------------------------------------------------------------
def _compile(source_dir: Path, out: Path, name: str):
    (m,) = [m for m in load([str(source_dir)])[0] if m.name == name]
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.py"
    path.write_text(generate(m), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"batch_safety_{name}", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def gen(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gen")
    _compile(ROOT / "tables", out, "sanktion")
    return out


@pytest.fixture(scope="module")
def sanktion(gen):
    return sys.modules["batch_safety_sanktion"]


@pytest.fixture(scope="module")
def ekko_gen(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("ekko_src")
    (src / "ekko.regel").write_text(EKKO, encoding="utf-8")
    out = tmp_path_factory.mktemp("ekko_gen")
    _compile(src, out, "ekko")
    return out


def cli(capsys, gen: Path, *args: str) -> tuple[int, str, str]:
    code = main(["eval", *args, "--generated", str(gen)])
    out, err = capsys.readouterr()
    return code, out, err


def jl(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(x, parse_float=Decimal) for x in path.read_text(encoding="utf-8").split("\n")[:-1]]


def read_csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def leftovers(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]


def expected(mod, case: dict) -> dict:
    """What the single-case path gives: evaluate, then the same exact JSON."""
    try:
        return json.loads(encode(mod.evaluate(case, "sanktion")), parse_float=Decimal)
    except mod.RegelFejl as err:
        return {"fejl": str(err)}


# ---- 1. output onto the input ----------------------------------------------------------------------
@pytest.mark.parametrize("how", ["same", "dot", "symlink", "hardlink"])
def test_output_onto_input_is_refused_before_anything_is_opened(capsys, gen, tmp_path, monkeypatch, how):
    src = tmp_path / "s.jsonl"
    data = (jl(GOOD) + "\n").encode() * 3
    src.write_bytes(data)
    monkeypatch.chdir(tmp_path)
    out = {"same": "s.jsonl", "dot": "./s.jsonl", "symlink": "link.jsonl", "hardlink": "hard.jsonl"}[how]
    if how == "symlink":
        os.symlink("s.jsonl", tmp_path / "link.jsonl")
    if how == "hardlink":
        os.link(src, tmp_path / "hard.jsonl")
    code, _o, err = cli(capsys, gen, "sanktion", "--input", "s.jsonl", "--out", out)
    assert code == 2
    assert "samme fil" in err and "Traceback" not in err
    assert src.read_bytes() == data
    assert leftovers(tmp_path) == []


# ---- 2. CSV header from the declared results ----------------------------------------------------------
def test_csv_header_comes_from_declared_outputs_not_from_first_case(capsys, gen, tmp_path):
    src = tmp_path / "s.jsonl"
    src.write_text(jl({**GOOD, "dato": "2019-01-01"}) + "\n" + jl(GOOD) + "\n", encoding="utf-8")
    dst = tmp_path / "ud.csv"
    code, _o, _e = cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst))
    assert code == 0
    rows = read_csv(dst)
    assert list(rows[0]) == ["sanktion", "sats", "beløb", "hjemmel", "satshjemmel", "ophør_mulig",
                             "skærpet_rådighedssanktion_mulig", "regler", "fejl"]
    assert rows[0]["fejl"] and rows[0]["beløb"] == ""
    assert rows[1]["sanktion"] == "fradrag" and rows[1]["sats"] == "756" and rows[1]["beløb"] == "2268"


# ---- 3. atomic output, interrupts ----------------------------------------------------------------------
def _big_input(path: Path, n: int) -> None:
    block = "".join(jl({**GOOD, "dage": 1 + i % 9}) + "\n" for i in range(1000))
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(n // 1000):
            fh.write(block)


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_real_signal_mid_run_keeps_old_output_and_leaves_no_temp_file(gen, tmp_path, sig, code):
    src, dst = tmp_path / "big.jsonl", tmp_path / "ud.jsonl"
    _big_input(src, 300_000)
    old = b'{"gammelt":"resultat"}\n' * 7
    dst.write_bytes(old)
    os.chmod(dst, 0o640)
    proc = subprocess.Popen(
        [sys.executable, "-m", "regel", "eval", "sanktion", "--input", str(src), "--out", str(dst),
         "--generated", str(gen)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        # A child started from a non-interactive shell may inherit SIGINT as ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    # Wait until the run is writing its temporary file, then interrupt it mid-run.
    while time.monotonic() < deadline:
        tmps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        if tmps and tmps[0].stat().st_size > 20_000:
            break
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=120)
    err_text = err.decode()
    assert proc.returncode == code, err_text
    assert "Afbrudt efter" in err_text and "resultatfilen er ikke ændret" in err_text
    assert "Traceback" not in err_text
    assert dst.read_bytes() == old
    assert oct(dst.stat().st_mode & 0o777) == oct(0o640)
    assert leftovers(tmp_path) == []


def test_interrupt_in_process_keeps_old_output(sanktion, tmp_path, monkeypatch):
    src, dst = tmp_path / "s.jsonl", tmp_path / "ud.jsonl"
    src.write_text((jl(GOOD) + "\n") * 5000, encoding="utf-8")
    dst.write_text("gammelt\n", encoding="utf-8")
    real, seen = sanktion.evaluate, [0]

    def evaluate(case, decision):
        seen[0] += 1
        if seen[0] == 3210:
            raise KeyboardInterrupt
        return real(case, decision)

    monkeypatch.setattr(sanktion, "evaluate", evaluate)
    buf = io.StringIO()
    assert run_batch(sanktion, "sanktion", str(src), str(dst), Console(file=buf)) == 130
    assert "Afbrudt efter 3.209 sager; resultatfilen er ikke ændret." in buf.getvalue()
    assert dst.read_text(encoding="utf-8") == "gammelt\n"
    assert leftovers(tmp_path) == []


def test_replaced_file_keeps_its_mode_and_new_file_respects_umask(capsys, gen, tmp_path):
    src = tmp_path / "s.jsonl"
    src.write_text(jl(GOOD) + "\n", encoding="utf-8")
    kept = tmp_path / "kept.jsonl"
    kept.write_text("x\n", encoding="utf-8")
    os.chmod(kept, 0o604)
    assert cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(kept))[0] == 0
    assert kept.stat().st_mode & 0o777 == 0o604
    old_mask = os.umask(0o027)
    try:
        new = tmp_path / "new.jsonl"
        assert cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(new))[0] == 0
    finally:
        os.umask(old_mask)
    assert new.stat().st_mode & 0o777 == 0o640  # not mkstemp's 0600
    assert read_jsonl(new)[0]["beløb"] == 2268


def test_output_through_a_symlink_replaces_the_target_not_the_link(capsys, gen, tmp_path):
    src = tmp_path / "s.jsonl"
    src.write_text(jl(GOOD) + "\n", encoding="utf-8")
    real = tmp_path / "real.jsonl"
    real.write_text("gammelt\n", encoding="utf-8")
    os.symlink("real.jsonl", tmp_path / "link.jsonl")
    assert cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(tmp_path / "link.jsonl"))[0] == 0
    assert (tmp_path / "link.jsonl").is_symlink()
    assert read_jsonl(real)[0]["beløb"] == 2268


# ---- 4, 5, 7. hostile lines: exactly one fejl line each, and the run goes on --------------------------------
HOSTILE_JSONL: list[tuple[bytes, str]] = [
    (b'{"ordning": "ressourcefor\xf8b"}', "UTF-8"),
    (b"[" * 100_000, "indlejret"),
    (b'{"ordning": "\\ud800"}', "surrogat"),
    (b'{"ordning": "sh_o_ydelse", "forseelse": "afvist_arbejde", "dato": "2024-06-03", "fors\xc3\xb8rger": false, '
     b'"m\xc3\xa5nedlig_ydelse": 1E+1000000}', "månedlig_ydelse"),
    (b"1E+1000000", "JSON-objekt"),
    (b'{"dage": 3, "ordning": "ressourcefor\xc3\xb8b", "dage": 1000}', "«dage» står flere gange"),
    (b"", "tom linje"),
    (b"   \t", "tom linje"),
    (b'{"ordning": "ressourcefor\xc3\xb8b",\r "dage": 2}', ""),  # a raw CR: JSON whitespace, one line
    (b'{"a": "x\ry"}', "gyldig JSON"),  # a raw CR in a string: still one line
    (b"{ikke json", "gyldig JSON"),
    (b"[1, 2]", "JSON-objekt"),
    (b'{"dage": NaN}', "NaN"),
    (b"\x00\xff\xfe", "UTF-8"),
]


def test_every_hostile_jsonl_line_gives_one_fejl_line_and_the_run_goes_on(capsys, gen, tmp_path):
    good = jl(GOOD).encode()
    lines = [good]
    for raw, _ in HOSTILE_JSONL:
        lines += [raw, good]
    src, dst = tmp_path / "s.jsonl", tmp_path / "ud.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    code, _o, err = cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst))
    assert code == 0 and "Traceback" not in err
    rows = read_jsonl(dst)
    assert len(rows) == len(lines)
    for i, row in enumerate(rows):
        if i % 2 == 0:
            assert row["beløb"] == 2268, (i, row)
        else:
            raw, words = HOSTILE_JSONL[i // 2]
            assert list(row) == ["fejl"], (raw[:40], row)
            assert words in row["fejl"], (raw[:40], row)
    assert rows[1]["fejl"].startswith("linje 2: ")


def test_crlf_is_one_line_end_and_a_bom_is_ignored(capsys, gen, tmp_path):
    src, dst = tmp_path / "s.jsonl", tmp_path / "ud.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + (jl(GOOD) + "\r\n").encode() * 2)
    assert cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst))[0] == 0
    assert [r["beløb"] for r in read_jsonl(dst)] == [2268, 2268]


def test_last_line_without_newline_and_trailing_blank_line(capsys, gen, tmp_path):
    src, dst = tmp_path / "s.jsonl", tmp_path / "ud.jsonl"
    src.write_text(jl(GOOD) + "\n\n" + jl(GOOD), encoding="utf-8")
    assert cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst))[0] == 0
    rows = read_jsonl(dst)
    assert len(rows) == 3 and "tom linje" in rows[1]["fejl"] and rows[2]["beløb"] == 2268


# ---- 9. line cap ---------------------------------------------------------------------------------
def test_line_cap_refuses_long_lines_one_fejl_each(capsys, gen, tmp_path):
    src, dst = tmp_path / "s.jsonl", tmp_path / "ud.jsonl"
    long_line = jl({**GOOD, "note": "x" * 5000})
    at_cap = jl({**GOOD, "dage": 1})
    src.write_text("\n".join([jl(GOOD), long_line, at_cap, long_line]), encoding="utf-8")  # the last: no "\n"
    cap = len(at_cap.encode())
    code, _o, _e = cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst), "--maks-linje", str(cap))
    assert code == 0
    rows = read_jsonl(dst)
    assert len(rows) == 4
    assert rows[1] == {"fejl": f"linje 2: linjen er længere end {cap} bytes"}
    assert rows[2]["beløb"] == 756 and rows[0]["beløb"] == 2268
    assert rows[3] == {"fejl": f"linje 4: linjen er længere end {cap} bytes"}


def test_huge_line_is_never_held_in_memory(sanktion, tmp_path):
    src, dst = tmp_path / "s.jsonl", tmp_path / "ud.jsonl"
    with src.open("wb") as fh:
        fh.write(jl(GOOD).encode() + b"\n" + b'{"note": "')
        for _ in range(40):
            fh.write(b"y" * (1 << 20))  # a 40 MB line
        fh.write(b'"}\n' + jl(GOOD).encode() + b"\n")
    tracemalloc.start()
    run_batch(sanktion, "sanktion", str(src), str(dst), Console(file=io.StringIO()), max_line=1 << 20)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 * (1 << 20), peak
    rows = read_jsonl(dst)
    assert len(rows) == 3 and "længere end 1.048.576 bytes" in rows[1]["fejl"] and rows[2]["beløb"] == 2268


def test_line_cap_applies_to_csv_rows(capsys, gen, tmp_path):
    src, dst = tmp_path / "s.csv", tmp_path / "ud.jsonl"
    src.write_text("ordning;forseelse;dato\n" + "x" * 3000 + ";a;b\nressourceforløb;udeblevet_samtale;2024-03-01\n",
                   encoding="utf-8")
    code, _o, _e = cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst), "--maks-linje", "1000")
    assert code == 0
    rows = read_jsonl(dst)
    assert rows[0] == {"fejl": "linje 2: linjen er længere end 1.000 bytes"}
    assert len(rows) == 2 and "fejl" in rows[1]  # «forsørger» is missing: refused by the rules, not by the reader


def test_maks_linje_must_be_positive(capsys, gen, tmp_path):
    try:
        code = main(["eval", "sanktion", "--input", "x.jsonl", "--maks-linje", "0"])
    except SystemExit as exc:  # argparse exits; main() may also turn that into a return value
        code = exc.code
    assert code == 2
    assert "ugyldig værdi" in capsys.readouterr().err


# ---- 4, 5, 6. CSV ---------------------------------------------------------------------------------------
def test_csv_as_danish_excel_saves_it(capsys, gen, tmp_path):
    text = ("ordning;forseelse;dato;dage;forsørger;alder;hjemmeboende;månedlig_ydelse\r\n"
            "ressourceforløb;udeblevet_samtale;2024-03-01;3;ja;40;nej;\r\n"
            "sh_o_ydelse;afvist_arbejde;2024-06-03;;Nej;;;10.469,50\r\n"
            "sh_o_ydelse;afvist_arbejde;2024-06-03;;NEJ;;;\"10.469,50 kr\"\r\n"
            "ressourceforløb;udeblevet_samtale;2024-03-01;1.000;JA;40;0;\r\n")
    src, dst = tmp_path / "SAGER.CSV", tmp_path / "UD.JSONL"
    src.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, _o, err = cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst))
    assert code == 0, err
    rows = read_jsonl(dst)
    assert [r.get("beløb") for r in rows] == [2268, 1950, 1950, 756000]
    # The same cases as JSON give the same answers.
    sh_o = {**SH_O, "månedlig_ydelse": Decimal("10469.50")}
    assert rows[1] == expected(sys.modules["batch_safety_sanktion"], sh_o)


@pytest.mark.parametrize(("kind", "cell", "value"), [
    ("amount", "10.469,50", Decimal("10469.50")),
    ("amount", "10.470", 10470),
    ("amount", "12.000 kr", 12000),
    ("amount", "12.000kr", 12000),
    ("amount", "-5", -5),
    ("amount", "0,01", Decimal("0.01")),
    ("amount", "1.234.567,5", Decimal("1234567.5")),
    ("amount", "10469,50", Decimal("10469.50")),
    ("int", "1.000", 1000),
    ("int", "3", 3),
    ("int", "3,0", Decimal("3.0")),
    ("percent", "75 %", 75),
    ("percent", "75%", 75),
    ("percent", "62,5 %", Decimal("62.5")),
])
def test_danish_numbers(kind, cell, value):
    got = parse_number("felt", kind, cell)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize(("kind", "cell"), [
    ("amount", "10.47"), ("amount", "1.00"), ("amount", "1.0000"), ("amount", "1,2,3"), ("amount", "10469.50"),
    ("amount", "1.000.00"), ("amount", ",5"), ("amount", "5,"), ("amount", "+5"), ("amount", "1 000"),
    ("amount", "5 %"), ("int", "5 kr"), ("int", "1.00"), ("percent", "75 kr"), ("amount", "1e3"),
    ("amount", "NaN"), ("amount", "١٢"), ("amount", "--5"), ("amount", "5\n"), ("amount", "kr"),
])
def test_numbers_that_do_not_fit_are_refused_with_field_and_cell(kind, cell):
    with pytest.raises(CellError) as exc:
        parse_number("månedlig_ydelse", kind, cell)
    assert "månedlig_ydelse" in str(exc.value) and f"«{cell}»" in str(exc.value)


def test_csv_bad_cells_are_refused_per_row_naming_field_and_cell(capsys, gen, tmp_path):
    src, dst = tmp_path / "s.csv", tmp_path / "ud.csv"
    rows_in = ["10.47", "1.00", "1.0000", "1,2,3", "10.469,50"]
    src.write_text("ordning,forseelse,dato,forsørger,månedlig_ydelse\n" + "".join(
        f'sh_o_ydelse,afvist_arbejde,2024-06-03,nej,"{c}"\n' for c in rows_in)
        + "sh_o_ydelse,afvist_arbejde,2024-06-03,måske,1\n", encoding="utf-8")
    assert cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst))[0] == 0
    rows = read_csv(dst)
    assert len(rows) == 6
    for row, cell in zip(rows[:4], rows_in, strict=False):
        assert row["fejl"].startswith("linje ") and "«månedlig_ydelse»" in row["fejl"] and f"«{cell}»" in row["fejl"]
        assert row["sanktion"] == ""
    assert rows[4]["fejl"] == "" and rows[4]["beløb"] == "1950"
    assert "«forsørger»" in rows[5]["fejl"] and "«måske»" in rows[5]["fejl"]


@pytest.mark.parametrize(("cell", "value"), [("ja", True), ("JA", True), ("true", True), ("True", True), ("1", True),
                                             ("nej", False), ("Nej", False), ("FALSE", False), ("0", False)])
def test_csv_booleans(cell, value):
    assert row_case([cell], ["forsørger"], {"forsørger": {"type": "bool"}}) == {"forsørger": value}


@pytest.mark.parametrize("cell", ["sand", "y", "yes", "2", "j", "x"])
def test_csv_other_booleans_refused(cell):
    with pytest.raises(CellError, match="forsørger"):
        row_case([cell], ["forsørger"], {"forsørger": {"type": "bool"}})


def test_csv_header_rules():
    assert parse_header("a;b;c") == (";", ["a", "b", "c"])
    assert parse_header("a,b") == (",", ["a", "b"])
    assert parse_header("a") == (",", ["a"])
    for bad in ("a;b,c", "a;b;a", "dage,dage", ""):
        with pytest.raises(HeaderError):
            parse_header(bad)


def test_csv_duplicate_header_column_is_a_usage_error_before_any_output(capsys, gen, tmp_path):
    src, dst = tmp_path / "s.csv", tmp_path / "ud.csv"
    src.write_text("dage;ordning;dage\n3;ressourceforløb;1000\n", encoding="utf-8")
    dst.write_text("gammelt\n", encoding="utf-8")
    code, _o, err = cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst))
    assert code == 2 and "«dage» står flere gange" in err
    assert dst.read_text(encoding="utf-8") == "gammelt\n" and leftovers(tmp_path) == []


def test_cp1252_csv_is_named_not_guessed(capsys, gen, tmp_path):
    src, dst = tmp_path / "s.csv", tmp_path / "ud.jsonl"
    src.write_bytes("ordning;forseelse;dato;forsørger\nressourceforløb;udeblevet_samtale;2024-03-01;ja\n"
                    .encode("cp1252"))
    code, _o, err = cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst))
    assert code == 2 and "UTF-8" in err and "Windows-1252" in err and not dst.exists()
    # Header in UTF-8, a later line in cp1252: that line is refused, the run goes on.
    src.write_bytes("ordning;forseelse;dato;forsørger;alder;hjemmeboende\n".encode()
                    + "ressourceforløb;udeblevet_samtale;2024-03-01;ja;40;nej\n".encode("cp1252")
                    + "ressourceforløb;udeblevet_samtale;2024-03-01;ja;40;nej\n".encode())
    assert cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst))[0] == 0
    rows = read_jsonl(dst)
    assert "UTF-8" in rows[0]["fejl"] and "Windows-1252" in rows[0]["fejl"] and rows[1]["beløb"] == 756


def test_csv_broken_rows(capsys, gen, tmp_path):
    src, dst = tmp_path / "s.csv", tmp_path / "ud.jsonl"
    huge = "x" * 140_000  # beyond csv's own field limit of 131.072 characters
    src.write_text("ordning;forseelse;dato;forsørger;alder;hjemmeboende\n"
                   f"{huge};a;b;ja;1;nej\n"
                   "\"ressourceforløb;udeblevet_samtale;2024-03-01;ja;40;nej\n"  # unclosed quote
                   "ressourceforløb;udeblevet_samtale\n"  # too few cells
                   "ressourceforløb;udeblevet_samtale;2024-03-01;ja;40;nej;ekstra\n"
                   "ressourceforløb;udeblevet_samtale;2024-03-01;ja;40;nej;;\n"  # empty extra cells: fine
                   "\n"
                   "ressourceforløb;udeblevet_samtale;2024-03-01;ja;40;nej\n", encoding="utf-8")
    assert cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst))[0] == 0
    rows = read_jsonl(dst)
    assert len(rows) == 7
    assert "131.072 tegn" in rows[0]["fejl"]
    assert "anførselstegn" in rows[1]["fejl"]
    assert "overskriften har 6" in rows[2]["fejl"] and "overskriften har 6" in rows[3]["fejl"]
    assert rows[4]["beløb"] == 756 and "tom linje" in rows[5]["fejl"] and rows[6]["beløb"] == 756


# ---- 8. formula injection ------------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "cell"), [
    ("=1+2", "'=1+2"), ("+SUM(A1)", "'+SUM(A1)"), ("-ingen", "'-ingen"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("LAS § 69 c", "LAS § 69 c"), ("", ""), ("-5", "'-5"),
    (Decimal("-5"), "-5"), (-5, "-5"), (Decimal("-10469.50"), "-10469.50"), (True, "ja"), (None, ""),
    (["=A1", "B"], "'=A1 B"), (["A", "=B"], "A =B"),
])
def test_out_cell_neutralises_text_never_numbers(value, cell):
    assert out_cell(value) == cell


def test_neutralise():
    assert neutralise("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert neutralise("ok") == "ok"


def test_csv_output_neutralises_formulas_end_to_end(capsys, ekko_gen, tmp_path):
    src, dst = tmp_path / "e.jsonl", tmp_path / "e.csv"
    src.write_text("\n".join(jl(c) for c in [
        {"navn": "=1+2", "saldo": -5, "antal": 0},
        {"navn": "@SUM(A1)", "saldo": -1000, "antal": 1},
        {"navn": "\tx", "saldo": 3, "antal": 1},
    ]) + "\n", encoding="utf-8")
    assert cli(capsys, ekko_gen, "ekko", "--input", str(src), "--out", str(dst))[0] == 0
    rows = read_csv(dst)
    assert [r["navn"] for r in rows] == ["'=1+2", "'@SUM(A1)", "'\tx"]
    assert [r["saldo"] for r in rows] == ["-5", "-1000", "3"]  # numbers stay numbers
    assert [r["rest"] for r in rows] == ["-105", "-1100", "-97"]
    assert [r["note"] for r in rows] == ["'-ingen", "'@nogle", "'@nogle"]
    assert {r["hjemmel"] for r in rows} == {"'=HYPERLINK(1)"}
    # JSONL output is data and stays exact.
    dst2 = tmp_path / "e.jsonl.out.jsonl"
    assert cli(capsys, ekko_gen, "ekko", "--input", str(src), "--out", str(dst2))[0] == 0
    assert read_jsonl(dst2)[0]["navn"] == "=1+2"


# ---- 10. paths -------------------------------------------------------------------------------------------
def test_upper_case_suffixes(capsys, gen, tmp_path):
    src, dst = tmp_path / "S.JSONL", tmp_path / "U.CSV"
    src.write_text(jl(GOOD) + "\n", encoding="utf-8")
    assert cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst))[0] == 0
    assert read_csv(dst)[0]["beløb"] == "2268"
    # Without --out, an upper-case .JSONL is still a batch (to standard output).
    code, out, _e = cli(capsys, gen, "sanktion", "--input", str(src))
    assert code == 0 and json.loads(out)["beløb"] == 2268


@pytest.mark.parametrize("where", ["missing_dir", "directory", "dev_full", "not_a_dir"])
def test_unusable_output_is_a_usage_error(capsys, gen, tmp_path, where):
    src = tmp_path / "s.jsonl"
    data = (jl(GOOD) + "\n").encode()
    src.write_bytes(data)
    out = {"missing_dir": str(tmp_path / "nej" / "ud.jsonl"), "directory": str(tmp_path), "dev_full": "/dev/full",
           "not_a_dir": str(src / "ud.jsonl")}[where]
    if where == "dev_full" and not os.path.exists("/dev/full"):
        pytest.skip("ingen /dev/full")
    code, _o, err = cli(capsys, gen, "sanktion", "--input", str(src), "--out", out)
    assert code == 2 and "fejl:" in err and "Traceback" not in err
    assert src.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.jsonl"]


def test_missing_input_is_a_usage_error(capsys, gen, tmp_path):
    code, _o, err = cli(capsys, gen, "sanktion", "--input", str(tmp_path / "nej.jsonl"), "--out",
                        str(tmp_path / "ud.jsonl"))
    assert code == 2 and "findes ikke" in err and not (tmp_path / "ud.jsonl").exists()


def test_disk_full_leaves_old_output_and_no_temp_file(sanktion, tmp_path, monkeypatch):
    src, dst = tmp_path / "s.jsonl", tmp_path / "ud.jsonl"
    src.write_text((jl(GOOD) + "\n") * 10, encoding="utf-8")
    dst.write_text("gammelt\n", encoding="utf-8")

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)  # the output file (regel.outfile) fsyncs before it renames
    with pytest.raises(BatchUsageError, match="disken er fuld"):
        run_batch(sanktion, "sanktion", str(src), str(dst), Console(file=io.StringIO()))
    assert dst.read_text(encoding="utf-8") == "gammelt\n" and leftovers(tmp_path) == []


def test_disk_full_on_standard_output_is_exit_2(gen, tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("ingen /dev/full")
    src = tmp_path / "s.jsonl"
    src.write_text((jl(GOOD) + "\n") * 3000, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "regel", "eval", "sanktion", "--input", str(src), "--out", "-",
                               "--generated", str(gen)], stdout=full, stderr=subprocess.PIPE, timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "disken er fuld" in err and "Traceback" not in err


# ---- 11. properties ----------------------------------------------------------------------------------------
ORDNINGER = ("ressourceforløb", "jobafklaringsforløb", "sh_o_ydelse")
FORSEELSER = ("udeblevet_samtale", "afvist_tilbud", "ophør_arbejde", "afvist_arbejde")

good_cases = st.fixed_dictionaries(
    {"ordning": st.sampled_from(ORDNINGER), "forseelse": st.sampled_from(FORSEELSER),
     "dato": st.sampled_from(["2024-03-01", "2024-11-30", "2025-02-03", "2019-01-01"]),
     "forsørger": st.booleans(), "alder": st.integers(18, 70), "hjemmeboende": st.booleans()},
    optional={"dage": st.integers(-2, 2000), "uarbejdsdygtighed": st.sampled_from([100, 75, 50, 60]),
              "månedlig_ydelse": st.decimals(min_value=0, max_value=30000, places=2),
              "barsel": st.booleans()})

hostile_jsonl = st.one_of(
    st.binary(max_size=40).filter(lambda b: b"\n" not in b),
    st.text(max_size=40).map(lambda t: t.replace("\n", " ").encode("utf-8", "surrogatepass")),
    st.sampled_from([raw for raw, _ in HOSTILE_JSONL]),
    st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
)


def _jsonl_line(case: dict) -> bytes:
    return json.dumps({k: (float(v) if isinstance(v, Decimal) else v) for k, v in case.items()},
                      ensure_ascii=False).encode()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(lines=st.lists(st.one_of(good_cases.map(lambda c: ("good", c)), hostile_jsonl.map(lambda b: ("bad", b))),
                      max_size=25),
       crlf=st.booleans())
def test_property_jsonl_one_line_out_per_line_in(sanktion, tmp_path, lines, crlf):
    raw_lines = [_jsonl_line(x) if kind == "good" else x for kind, x in lines]
    end = b"\r\n" if crlf else b"\n"
    src, dst = tmp_path / "p.jsonl", tmp_path / "p_out.jsonl"
    src.write_bytes(b"".join(r + end for r in raw_lines))
    assert run_batch(sanktion, "sanktion", str(src), str(dst), Console(file=io.StringIO())) == 0
    rows = read_jsonl(dst)
    assert len(rows) == len(raw_lines)
    for i, ((kind, _x), raw, row) in enumerate(zip(lines, raw_lines, rows, strict=True)):
        if kind == "good":
            assert row == expected(sanktion, json.loads(raw, parse_float=Decimal))
            continue
        # A hostile line: whatever the single-case path makes of the same text (it may be a valid case).
        if i == 0 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not crlf and raw.endswith(b"\r"):
            raw = raw[:-1]
        try:
            want = expected(sanktion, load_case(raw.decode("utf-8")))
        except (UnicodeDecodeError, CaseError):
            want = None
        if want is None or "fejl" in want:
            assert list(row) == ["fejl"] and row["fejl"], (raw, row)
        else:
            assert row == want


def _csv_cell(kind: str, v: object) -> str:
    if isinstance(v, bool):
        return "ja" if v else "nej"
    if isinstance(v, Decimal):
        whole, _, frac = f"{v:.2f}".partition(".")
        return f"{int(whole):,}".replace(",", ".") + "," + frac
    if isinstance(v, int) and kind == "amount":
        return f"{v:,}".replace(",", ".") + " kr"
    return str(v)


CSV_FIELDS = ["ordning", "forseelse", "dato", "forsørger", "alder", "hjemmeboende", "dage", "uarbejdsdygtighed",
              "månedlig_ydelse", "barsel"]

hostile_csv = st.one_of(
    st.binary(max_size=40).filter(lambda b: b"\n" not in b),
    st.text(alphabet=st.sampled_from(';,"x1.é\r\t '), max_size=30).map(lambda t: t.encode()),
    st.sampled_from([b"", b"sh_o_ydelse;afvist_arbejde;2024-06-03;nej;;;;;10.47;", b'"' + b"x" * 140_000 + b'"',
                     "ressourceforløb".encode("cp1252") + b";a;b;c;d;e;f;g;h;i"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(lines=st.lists(st.one_of(good_cases.map(lambda c: ("good", c)), hostile_csv.map(lambda b: ("bad", b))),
                      max_size=20))
def test_property_csv_one_line_out_per_line_in(sanktion, tmp_path, lines):
    kinds = {k: str(v["type"]) for k, v in sanktion.INPUTS.items()}
    raw_lines = [";".join(CSV_FIELDS).encode()]
    for kind, x in lines:
        if kind == "good":
            raw_lines.append(";".join(_csv_cell(kinds[f], x[f]) if f in x else "" for f in CSV_FIELDS).encode())
        else:
            raw_lines.append(x)
    src, dst = tmp_path / "p.csv", tmp_path / "p_out.csv"
    src.write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(raw_lines) + b"\r\n")
    assert run_batch(sanktion, "sanktion", str(src), str(dst), Console(file=io.StringIO())) == 0
    rows = read_csv(dst)
    assert len(rows) == len(lines)
    for (kind, x), row in zip(lines, rows, strict=True):
        if kind != "good":
            continue
        want = expected(sanktion, x)
        if "fejl" in want:
            assert row["fejl"] == want["fejl"] and row["sanktion"] == ""
        else:
            assert row["fejl"] == ""
            assert row["beløb"] == out_cell(want["beløb"]) and row["sanktion"] == want["sanktion"]
            assert row["regler"] == " ".join(want["regler"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(1, 3000), stop=st.integers(1, 3000), sig=st.sampled_from(["int", "term"]),
       csv_out=st.booleans())
def test_property_interrupted_run_keeps_previous_output(sanktion, tmp_path, monkeypatch, n, stop, sig, csv_out):
    src, dst = tmp_path / "i.jsonl", tmp_path / ("i_out.csv" if csv_out else "i_out.jsonl")
    src.write_text((jl(GOOD) + "\n") * n, encoding="utf-8")
    previous = b"vorige k\xc3\xb8rsel\n" * 3
    dst.write_bytes(previous)
    real, seen = sanktion.evaluate, [0]

    def evaluate(case, decision):
        seen[0] += 1
        if seen[0] == stop:
            raise KeyboardInterrupt if sig == "int" else batch_mod.TerminatedError
        return real(case, decision)

    with monkeypatch.context() as m:
        m.setattr(sanktion, "evaluate", evaluate)
        code = run_batch(sanktion, "sanktion", str(src), str(dst), Console(file=io.StringIO()))
    if stop <= n:
        assert code == (130 if sig == "int" else 143)
        assert dst.read_bytes() == previous
    else:
        assert code == 0 and dst.read_bytes() != previous
    assert leftovers(tmp_path) == []


def test_single_case_cli_agrees_with_batch_on_a_sample(capsys, gen, tmp_path):
    cases = [GOOD, {**GOOD, "dage": 7}, {**GOOD, "dato": "2019-01-01"}, {**GOOD, "ordning": "x"},
             {"ordning": "sh_o_ydelse", "forseelse": "afvist_arbejde", "dato": "2024-06-03", "forsørger": False,
              "månedlig_ydelse": 10469.5}]
    src, dst = tmp_path / "s.jsonl", tmp_path / "ud.jsonl"
    src.write_text("".join(jl(c) + "\n" for c in cases), encoding="utf-8")
    assert cli(capsys, gen, "sanktion", "--input", str(src), "--out", str(dst))[0] == 0
    rows = read_jsonl(dst)
    for case, row in zip(cases, rows, strict=True):
        one = tmp_path / "one.json"
        one.write_text(jl(case), encoding="utf-8")
        _code, out, _e = cli(capsys, gen, "sanktion", "--input", str(one), "--json")
        assert json.loads(out, parse_float=Decimal) == row
