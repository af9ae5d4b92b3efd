"""`regel diff` speed (issue «regel diff», item 6), ratios measured in one run.

    python bench/diff_speed.py            # all figures
    python bench/diff_speed.py --quick    # smaller case impact

* `tables/` on New Year (`--dato 2024-12-31 --mod 2025-01-01`) and a one-rate edit: seconds
  (target < 1 s each).
* Two 1.500 × 7 tables (the checker benchmark's decision-tree table as a `.regel` module)
  that differ in 10 rows: seconds for the diff of the decision (target < 5 s); loading the two
  files is reported apart (the parser, not the diff).
* Case impact of 1.000.000 sanction cases (`--sager`) against two plain batch runs of the
  same file (`regel eval --out`): the ratio (target: within 30 s).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from benchlib import dk, num, row  # noqa: E402
from check_scaling import decision_tree_table  # noqa: E402

from regel.diff.compare import compare  # noqa: E402
from regel.model import load  # noqa: E402
from regel.model.types import Kind, Type, format_range  # noqa: E402


def _cell(cell, t: Type) -> str:
    if cell is None:
        return "-"
    if cell == ():
        return "< 0"  # never matches (domains start at 0): the perturbation emptied the interval
    return ", ".join(format_range(t, a, b) for a, b in cell)


def tree_module(rows, columns, outputs, changed: set[int]) -> str:
    types = []
    lines = ["# 1.500 × 7 beslutningstræ (bench/diff_speed.py)", "type Udfald er en af: " +
             ", ".join(f"u{i}" for i in range(8))]
    for c, (lo, hi) in enumerate(columns):
        if c % 2 == 0:
            types.append(Type(Kind.INT, "", (), lo, hi))
            lines.append(f"felt k{c}: heltal fra {lo} til {hi}")
        else:
            values = tuple(f"v{c}_{i}" for i in range(hi - lo + 1))
            types.append(Type(Kind.ENUM, f"E{c}", values))
            lines.append(f"type E{c} er en af: {', '.join(values)}")
            lines.append(f"felt k{c}: E{c}")
    lines += ["", 'tabel Syntetisk "Syntetisk"', '  hjemmel "§ 1"', "  politik første",
              "  | " + " | ".join(f"k{c}" for c in range(len(columns))) + " || udfald |"]
    for i, (rule, out) in enumerate(zip(rows, outputs, strict=True)):
        out = (out + 1) % 8 if i in changed else out
        lines.append("  | " + " | ".join(_cell(cell, t) for cell, t in zip(rule, types, strict=True))
                     + f" || u{out} |")
    lines += ["  | " + " | ".join("-" for _ in columns) + " || u7 |", "", "beslutning syntetisk", "  udfald", ""]
    return "\n".join(lines)


def timed(fn, repeat: int = 3):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def bench_tables() -> list[str]:
    mods, _ = load([ROOT / "tables"])
    t_year, rep = timed(lambda: compare(mods, mods, ("a", "b"), None, (date(2024, 12, 31), date(2025, 1, 1))))
    tmp = Path(tempfile.mkdtemp())
    shutil.copytree(ROOT / "tables", tmp / "tables")
    rates = tmp / "tables" / "_satser_rfy.regel"
    rates.write_text(rates.read_text(encoding="utf-8").replace("|| 783 kr", "|| 790 kr", 1), encoding="utf-8")
    after, _ = load([tmp / "tables"])
    t_edit, rep2 = timed(lambda: compare(mods, after, ("a", "b")))
    shutil.rmtree(tmp)
    return [row(f"tables/ 2024-12-31 mod 2025-01-01 ({dk(rep.regions)} områder)", f"{num(t_year)} s", "< 1 s",
                t_year < 1),
            row(f"tables/ med én ændret sats ({dk(rep2.regions)} områder)", f"{num(t_edit)} s", "< 1 s", t_edit < 1)]


def bench_tree() -> list[str]:
    columns, rules, outputs, _perturbed = decision_tree_table(1500, 7, seed=1)
    changed = set(random.Random(2).sample(range(len(rules)), 10))
    tmp = Path(tempfile.mkdtemp())
    for side, rows_changed in (("foer", set()), ("efter", changed)):
        (tmp / side).mkdir()
        (tmp / side / "syntetisk.regel").write_text(tree_module(rules, columns, outputs, rows_changed),
                                                   encoding="utf-8")
    t0 = time.perf_counter()
    (before,), _ = load([tmp / "foer"])
    (after,), _ = load([tmp / "efter"])
    t_load = time.perf_counter() - t0
    t_diff, rep = timed(lambda: compare([before], [after], ("før", "efter")), repeat=1)
    shutil.rmtree(tmp)
    return [row(f"1.500 × 7, 10 rækker ændret ({dk(rep.regions)} områder; indlæsning {num(t_load)} s)",
                f"{num(t_diff)} s", "< 5 s", t_diff < 5)]


def bench_impact(n: int) -> list[str]:
    from cases import jsonl_lines  # type: ignore[import-not-found]

    tmp = Path(tempfile.mkdtemp())
    cases = tmp / "sager.jsonl"
    with cases.open("w", encoding="utf-8") as fh:
        for line in jsonl_lines(n):
            fh.write(line + "\n")
    shutil.copytree(ROOT / "tables", tmp / "efter")
    rates = tmp / "efter" / "_satser_rfy.regel"
    rates.write_text(rates.read_text(encoding="utf-8").replace("|| 783 kr", "|| 790 kr", 1), encoding="utf-8")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    regel = [sys.executable, "-m", "regel"]

    def batch() -> None:
        subprocess.run([*regel, "eval", "sanktion", "--input", str(cases), "--out", str(tmp / "ud.jsonl"),
                        "--generated", str(ROOT / "generated")], check=True, env=env, capture_output=True)

    def impact() -> None:
        subprocess.run([*regel, "diff", str(ROOT / "tables"), str(tmp / "efter"), "--beslutning", "sanktion",
                        "--sager", str(cases), "--format", "json"], env=env, capture_output=True, check=False)

    t_batch, _ = timed(batch, repeat=1)
    t_impact, _ = timed(impact, repeat=1)
    shutil.rmtree(tmp)
    ratio = t_impact / (2 * t_batch)
    return [row(f"Sagsvirkning, {dk(n)} sager", f"{num(t_impact)} s (to batchkørsler: {num(2 * t_batch)} s) → "
                f"**{num(ratio)}×**", "< 30 s" if n >= 1_000_000 else "—",
                t_impact < 30 if n >= 1_000_000 else None)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--cases", type=int, default=None)
    args = ap.parse_args(argv)
    n = args.cases or (50_000 if args.quick else 1_000_000)
    for line in bench_tables() + bench_tree() + bench_impact(n):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
