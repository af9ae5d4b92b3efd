"""Batch output of the generated sanktion module (no timings asserted): results in
input order, one line per case, exact JSON, and memory that does not grow with the
number of cases."""

from __future__ import annotations

import io
import json
import random
import tracemalloc
from decimal import Decimal
from pathlib import Path

from rich.console import Console

from regel.batch import encode, run_batch

ORDNINGER = ("ressourceforløb", "jobafklaringsforløb", "sh_o_ydelse")
FORSEELSER = ("udeblevet_samtale", "afvist_tilbud", "ophør_arbejde", "stop_uddannelse", "manglende_sygemelding")


def _lines(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        case = {"ordning": rng.choice(ORDNINGER), "forseelse": rng.choice(FORSEELSER),
                "dato": f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", "forsørger": rng.random() < 0.5,
                "alder": rng.randrange(18, 60), "hjemmeboende": rng.random() < 0.3, "dage": i + 1,
                "månedlig_ydelse": rng.randrange(100_000, 2_000_000) / 100}
        line = json.dumps(case, ensure_ascii=False)
        out.append(line if i % 17 else line[:-3])  # every 17th line is broken JSON
    return out


def _run(mod, tmp_path: Path, lines: list[str]) -> list[dict]:
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_batch(mod, "sanktion", str(src), str(dst), Console(file=io.StringIO()))
    return [json.loads(x, parse_float=Decimal) for x in dst.read_text(encoding="utf-8").splitlines()]


def test_batch_keeps_input_order_one_line_per_case(tables_sanktion, tmp_path) -> None:
    lines = _lines(3000, 1)
    rows = _run(tables_sanktion, tmp_path, lines)
    assert len(rows) == len(lines)
    assert sum("fejl" not in r for r in rows) > 1000
    for line, got in zip(lines, rows, strict=True):
        try:
            case = json.loads(line, parse_float=Decimal)
        except ValueError:
            assert "fejl" in got and "ikke gyldig JSON" in got["fejl"]
            continue
        try:
            want = json.loads(encode(tables_sanktion.evaluate(case, "sanktion")), parse_float=Decimal)
        except tables_sanktion.RegelFejl as e:
            want = {"fejl": str(e)}
        assert got == want  # in order: «dage» (and so «beløb») differs from line to line


def test_batch_memory_does_not_grow_with_the_number_of_cases(tables_sanktion, tmp_path) -> None:
    def peak(n: int) -> int:
        lines = _lines(n, 2)
        src, dst = tmp_path / f"in{n}.jsonl", tmp_path / f"out{n}.jsonl"
        src.write_text("\n".join(lines) + "\n", encoding="utf-8")
        del lines
        tracemalloc.start()
        run_batch(tables_sanktion, "sanktion", str(src), str(dst), Console(file=io.StringIO()))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    peak(500)  # fill the bounded caches (dates, texts)
    small, big = peak(2000), peak(20000)
    assert big < small * 1.5 + 512 * 1024, (small, big)


def test_encode_is_exact() -> None:
    row = {"beløb": Decimal("10469.50"), "stor": Decimal("1E+3"), "ja": True, "tekst": 'a "b" æ', "n": 3,
           "ingen": None, "regler": ["T/1", "U@2024/x"], "liste": [Decimal("0.01"), 2]}
    text = encode(row)
    assert json.loads(text, parse_float=Decimal) == row
    assert '"beløb":10469.50' in text and '"stor":1000' in text
    assert encode(row) == text  # remembered pieces give the same text
