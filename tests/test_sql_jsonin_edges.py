"""The JSONL reader in SQL (regel/sql/jsonin.py) at the edges of each field type: every line's
output from `--motor duckdb` is the Python batch's, byte for byte, and the lines SQL can judge
(canonical numbers and dates, amounts like 1.10 with their decimals) are decided in SQL, while
the ones it cannot (-0.0, 1e3, 1.0 for a whole number, "2024-1-1", year 0, a key twice, …) go
to the Python evaluator."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from generated_loader import load_generated_module
from rich.console import Console

from regel.batch import run_batch
from regel.codegen import generate
from regel.model import load

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from regel.sql.duck import DuckEngine  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

BASE = {"ordning": '"sh_o_ydelse"', "forseelse": '"udeblevet_tilbud"', "dato": '"2024-06-07"',
        "m\u00e5nedlig_ydelse": "14404.98", "fors\u00f8rger": "false", "dage": "4", "alder": "30"}

# (field, JSON text written for it, whether SQL decides the line itself: a valid value it can
# judge exactly; an invalid one is always worded by the Python evaluator). "-0" is the int 0
# for Python's json too, so SQL may read it as 0 where 0 is valid.
EDGES = [
    ("dage", "4", True), ("dage", "1", True), ("dage", "0", False), ("dage", "-1", False),
    ("dage", "9999999999999", True), ("dage", "10000000000000", False),
    ("dage", "9223372036854775807", False), ("dage", "9223372036854775808", False),
    ("dage", "-9223372036854775808", False), ("dage", "-9223372036854775809", False),  # ABS overflowed
    ("alder", "-9223372036854775808", False), ("alder", "-9999999999999", False),
    ("dage", "18446744073709551616", False), ("dage", "99999999999999999999", False),
    ("dage", "-0", False), ("dage", "+4", False), ("dage", "04", False), ("dage", "4.0", False),
    ("dage", "4.5", False), ("dage", "1e3", False), ("dage", "1E0", False), ("dage", "4e-0", False),
    ("dage", '"4"', False), ("dage", "true", False), ("dage", "null", False), ("dage", "[4]", False),
    ("alder", "130", True), ("alder", "131", False), ("alder", "-0", True), ("alder", "0", True),
    ("uarbejdsdygtighed", "100", True), ("uarbejdsdygtighed", "101", False), ("uarbejdsdygtighed", "50.0", False),
    ("m\u00e5nedlig_ydelse", "1.10", True), ("m\u00e5nedlig_ydelse", "1.1", True),
    ("m\u00e5nedlig_ydelse", "1.100", True), ("m\u00e5nedlig_ydelse", "1.1000000000", True),
    ("m\u00e5nedlig_ydelse", "1.10000000000", False), ("m\u00e5nedlig_ydelse", "1.105", False),
    ("m\u00e5nedlig_ydelse", "1.001", False), ("m\u00e5nedlig_ydelse", "0", True),
    ("m\u00e5nedlig_ydelse", "0.00", True), ("m\u00e5nedlig_ydelse", "-0.0", False),
    ("m\u00e5nedlig_ydelse", "-0", False), ("m\u00e5nedlig_ydelse", "-0.01", False),
    ("m\u00e5nedlig_ydelse", "1e3", False), ("m\u00e5nedlig_ydelse", "1E+3", False),
    ("m\u00e5nedlig_ydelse", "1.5e2", False), ("m\u00e5nedlig_ydelse", "9999999999999.99", True),
    ("m\u00e5nedlig_ydelse", "10000000000000", False), ("m\u00e5nedlig_ydelse", "10000000000000.00", False),
    ("m\u00e5nedlig_ydelse", "99999999999999999.5", False),
    ("m\u00e5nedlig_ydelse", "123456789012345678901234567890", False),
    ("m\u00e5nedlig_ydelse", '"12.50"', False), ("m\u00e5nedlig_ydelse", "12.500", True),
    # an object or list holding the field's own key: the line's regex found the inner number and SQL
    # decided the case with it (found by a review); Python refuses «fik et objekt» / «fik en liste»
    ("m\u00e5nedlig_ydelse", '{"m\u00e5nedlig_ydelse": 14404.98}', False),
    ("m\u00e5nedlig_ydelse", '[{"m\u00e5nedlig_ydelse": 14404.98}]', False),
    ("m\u00e5nedlig_ydelse", '{"x": 1, "m\u00e5nedlig_ydelse": 2}', False),
    ("dato", '"2024-02-29"', True), ("dato", '"2023-02-29"', False), ("dato", '"2024-1-1"', False),
    ("dato", '"2024-01-1"', False), ("dato", '"0000-01-01"', False), ("dato", '"0001-01-01"', True),
    ("dato", '"0999-12-31"', True), ("dato", '"9999-12-31"', True), ("dato", '"10000-01-01"', False),
    ("dato", '"2024-13-01"', False), ("dato", '"2024-00-10"', False), ("dato", '"2024-01-01T00:00"', False),
    ("dato", '" 2024-01-01"', False), ("dato", '"2024-01-01 "', False), ("dato", '"+2024-01-01"', False),
    ("dato", '"-2024-01-01"', False), ("dato", '"2024/01/01"', False), ("dato", "20240101", False),
    ("dato", '"2024-01-01 (BC)"', False), ("dato", '"\uff12\uff10\uff12\uff14-01-01"', False),
    ("ordning", '"ressourceforl\u00f8b"', True), ("ordning", '"Sh_o_ydelse"', False), ("ordning", "1", False),
    ("fors\u00f8rger", "true", True), ("fors\u00f8rger", '"true"', False), ("fors\u00f8rger", "1", False),
]

ODD = [
    # a key twice, the key of an amount as some other value, spacing around an amount
    '{"dage": 4, "dage": 4, "ordning": "sh_o_ydelse", "forseelse": "udeblevet_tilbud", "dato": "2024-06-07"}',
    '{"m\u00e5nedlig_ydelse": 1.10, "m\u00e5nedlig_ydelse": 1.10, "ordning": "sh_o_ydelse"}',
    '{"ordning": "sh_o_ydelse", "forseelse": "udeblevet_tilbud", "dato": "2024-06-07", "fors\u00f8rger": false, '
    '"m\u00e5nedlig_ydelse" : 1.10 }',
    '{"ordning":"sh_o_ydelse","forseelse":"udeblevet_tilbud","dato":"2024-06-07","fors\u00f8rger":false,'
    '"m\u00e5nedlig_ydelse":\t2.5\t}',
    '{"x": "\\"m\u00e5nedlig_ydelse\\": 3", "m\u00e5nedlig_ydelse": 4}',
    '{"ordning": "sh_o_ydelse", "forseelse": "udeblevet_tilbud", "dato": "2024-06-07", "fors\u00f8rger": false, '
    '"m\u00e5nedlig_ydelse": 1.10, "m\u00e5nedlig_ydelse ": 2}',
    '{"ordning": "sh_o_ydelse", "forseelse": "udeblevet_tilbud", "dato": "2024-06-07", "fors\u00f8rger": false, '
    '"m\u00e5nedlig_ydelse": 1.10,}',
    # members counted: commas in strings or nested values, a key with null, trailing commas
    '{"dage": 4, "ordning": "sh_o_ydelse",}',
    '{"dage": 4, "ordning": "sh_o_ydelse", "forseelse": "udeblevet_tilbud", "dato": "2024-06-07", "x": null}',
    '{"dage": 4, "ordning": "sh_o_ydelse", "forseelse": "udeblevet_tilbud", "dato": "2024-06-07", "x": [1,]}',
    '{"dage": 4, "ordning": "sh_o_ydelse", "forseelse": "udeblevet_tilbud", "x": {"a": 1,}, "dato": "2024-06-07"}',
    '{"dage": 4, "ordning": "sh_o_ydelse", "forseelse": "udeblevet_tilbud", "dato": "2024-06-07", "x": "a,b"}',
    '{"dage": [4,], "ordning": "sh_o_ydelse", "forseelse": "udeblevet_tilbud", "dato": "2024-06-07"}',
    '{"dage": 4, "ordning": "sh_o_ydelse", "forseelse": "udeblevet_tilbud", "dato": "2024-06-07", "dage": 4,}',
    '{"dage": null}', '{}', '{ }',
]
ODD_IN_SQL = {3, 4}  # (1-based in ODD) spacing around an amount is read in SQL
ODD_EITHER = {len(ODD) - 1, len(ODD)}  # no field at all: SQL may word the missing field itself


@pytest.fixture(scope="module")
def sanktion(tmp_path_factory):
    modules, _diags = load([str(ROOT / "tables")])
    m = next(x for x in modules if x.name == "sanktion")
    path = tmp_path_factory.mktemp("jsonin") / "jsonin_sanktion.py"
    path.write_text(generate(m), encoding="utf-8")
    return m, load_generated_module(path, "jsonin_sanktion")


def _line(field: str, text: str) -> str:
    values = {**BASE, field: text}
    return "{" + ", ".join(f'"{k}": {v}' for k, v in values.items()) + "}"


def _run(mod, src: Path, out: Path, engine) -> bytes:
    code = run_batch(mod, "sanktion", str(src), str(out), Console(file=io.StringIO(), width=200), engine=engine)
    assert code == 0
    return out.read_bytes()


class _Recording:
    """The DuckDB engine, noting the line numbers handed to the Python evaluator."""

    def __init__(self, engine: DuckEngine, seen: set[int]) -> None:
        self.engine = engine
        self.seen = seen
        self.results = engine.results

    def stream(self, src, csv_out, max_line, decide):
        def noted(n: int, text: str):
            self.seen.add(n)
            return decide(n, text)

        return self.engine.stream(src, csv_out, max_line, noted)


@pytest.mark.parametrize("out_name", ["ud.jsonl", "ud.csv"])
def test_field_edges(sanktion, tmp_path, out_name):
    m, mod = sanktion
    lines = [_line(f, t) for f, t, _sql in EDGES] + ODD
    src = tmp_path / "kanter.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    want = _run(mod, src, tmp_path / f"py_{out_name}", None)
    seen: set[int] = set()
    engine = _Recording(DuckEngine(m, mod, "sanktion", None), seen)  # type: ignore[arg-type]
    got = _run(mod, src, tmp_path / f"duck_{out_name}", engine)
    for i, (a, b) in enumerate(zip(want.splitlines(), got.splitlines(), strict=True)):
        assert a == b, (i + 1, lines[i - (out_name == "ud.csv")] if i else "", a, b)
    assert got == want
    wrong = [(f, t, sql) for k, (f, t, sql) in enumerate(EDGES, start=1) if (k not in seen) != sql]
    assert not wrong, wrong  # (field, text, expected in SQL) decided on the other side
    odd = {len(EDGES) + k: k for k in range(1, len(ODD) + 1)}
    assert all((n not in seen) == (k in ODD_IN_SQL) for n, k in odd.items() if k not in ODD_EITHER), seen


def test_amount_keeps_written_decimals(sanktion, tmp_path):
    """1.10 is written back with two decimals, 12.500 with three, 1.1000000000 with ten."""
    m, mod = sanktion
    texts = ["1.10", "12.500", "1.1000000000", "7", "0.00"]
    src = tmp_path / "beloeb.jsonl"
    src.write_text("\n".join(_line("m\u00e5nedlig_ydelse", t) for t in texts) + "\n", encoding="utf-8")
    seen: set[int] = set()
    engine = _Recording(DuckEngine(m, mod, "sanktion", None), seen)  # type: ignore[arg-type]
    got = _run(mod, src, tmp_path / "ud.jsonl", engine)
    assert not seen
    assert got == _run(mod, src, tmp_path / "py.jsonl", None)
    for t, line in zip(texts, got.decode().splitlines(), strict=True):
        assert f'"m\u00e5nedlig_ydelse":{t},' in line or f'"m\u00e5nedlig_ydelse": {t},' in line or t not in line
