"""Batch speed: `regel eval sanktion --input cases.jsonl --out results.jsonl` end to
end, against a straightforward hand-written program doing the same JSONL work.

    python bench/batch_speed.py                  # 1.000.000 cases (~2 minutes)
    python bench/batch_speed.py --cases 200000
    python bench/batch_speed.py --quick          # 50.000 cases (seconds)

1. Writes N sanction cases as JSONL to a temp dir (fixed seed, three regimes,
   about 5 % broken lines: bad JSON, unknown fields, wrong types; some cases are
   refused by the rules).
2. Runs `regel eval` as a subprocess (interpreter start and imports included)
   and the hand-written program (`--handwritten IN OUT` of this script: json
   parse, `bench/handwritten.py:sanktion`, json dump) the same way, and checks
   that both give the same answer (or both refuse) line for line.
3. Times `run_batch` in-process, and the peak memory of a small and the big run
   (streaming: memory does not grow with the number of cases).
4. Compute alone (no file I/O): the generated `evaluate` per case, against
   OpenFisca's vectorised calculation of the same per-day rate for 75.000 people
   (bench/openfisca_rate.py; optional: `pip install openfisca-core`).

Targets (issue "Performance"): 1.000.000 cases under 15 s here; within 1,5× of the
hand-written program; compute at least 3× cheaper per case than OpenFisca
(measured elsewhere at ~0,56 µs per case).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import cases as casegen
import handwritten
from benchlib import BENCH, ROOT, compile_regel, dk, import_path, num, per_case, row, us

OPENFISCA_ELSEWHERE = 0.56e-6  # seconds per case, 75.000 people, measured elsewhere


def handwritten_program(src: str, dst: str) -> None:
    """The yardstick: what one would write by hand for the same JSONL work."""
    decode = json.JSONDecoder(parse_float=Decimal).decode
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for n, line in enumerate(fin, start=1):
            try:
                case = decode(line)
                result = handwritten.sanktion(case)
                result["sats"], result["beløb"] = int(result["sats"]), int(result["beløb"])
            except ValueError:
                result = {"fejl": f"linje {n}: ikke gyldig JSON"}
            except (handwritten.Afvist, AttributeError, TypeError) as err:
                result = {"fejl": str(err)}
            fout.write(dump(result) + "\n")


def _run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of a subprocess."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} fejlede:\n{err}")
    return wall, usage.ru_maxrss / 1024


def _compare(a: Path, b: Path, limit: int) -> int:
    decode = json.JSONDecoder(parse_float=Decimal).decode
    checked = 0
    with a.open(encoding="utf-8") as fa, b.open(encoding="utf-8") as fb:
        for n, (x, y) in enumerate(zip(fa, fb, strict=True), start=1):
            if n > limit:
                break
            rx, ry = decode(x), decode(y)
            if ("fejl" in rx) != ("fejl" in ry) or ("fejl" not in rx and rx != ry):
                raise SystemExit(f"linje {n}: regel gav {rx}, det håndskrevne program {ry}")
            checked += 1
    return checked


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=None, help="antal sager (standard 1.000.000; --quick 50.000)")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--handwritten", nargs=2, metavar=("IND", "UD"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.handwritten:
        handwritten_program(*args.handwritten)
        return
    n = args.cases or (50_000 if args.quick else 1_000_000)
    rounds = 3 if n <= 200_000 else 1

    tmp = Path(tempfile.mkdtemp(prefix="regel_batch_"))
    src, out_regel, out_hand = tmp / "cases.jsonl", tmp / "results.jsonl", tmp / "hand.jsonl"
    t0 = time.perf_counter()
    with src.open("w", encoding="utf-8") as fh:
        for line in casegen.jsonl_lines(n, seed=2024):
            fh.write(line + "\n")
    small = tmp / "small.jsonl"
    with small.open("w", encoding="utf-8") as fh:
        for line in casegen.jsonl_lines(10_000, seed=7):
            fh.write(line + "\n")
    print(f"Massekørsel: {dk(n)} sager ({src.stat().st_size / 1e6:.0f} MB JSONL, skrevet på "
          f"{num(time.perf_counter() - t0, 1)} s)")

    regel_cmd = [sys.executable, "-m", "regel", "eval", "sanktion", "--input", str(src), "--out", str(out_regel),
                 "--generated", str(ROOT / "generated")]
    hand_cmd = [sys.executable, str(Path(__file__).resolve()), "--handwritten", str(src), str(out_hand)]
    best_regel = best_hand = float("inf")
    mem_big = 0.0
    for _ in range(rounds):
        wall, mem_big = _run(regel_cmd)
        best_regel = min(best_regel, wall)
        best_hand = min(best_hand, _run(hand_cmd)[0])
    checked = _compare(out_regel, out_hand, 200_000)
    _, mem_small = _run(regel_cmd[:6] + [str(small), "--out", str(tmp / "small_out.jsonl")] + regel_cmd[9:])

    # In-process, without interpreter start-up and imports.
    from rich.console import Console

    from regel.batch import run_batch

    mod = import_path(ROOT / "generated" / "sanktion.py", "bench_batch_sanktion")
    quiet = Console(file=io.StringIO())
    best_inproc = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        run_batch(mod, "sanktion", str(src), str(tmp / "inproc.jsonl"), quiet)
        best_inproc = min(best_inproc, time.perf_counter() - t0)

    per_million = best_regel / n * 1_000_000
    print(f"\nEnde til ende (bedste af {rounds}; svarene er ens på {dk(checked)} linjer):")
    print(row(f"regel eval ({dk(n)} sager, underproces)", num(best_regel) + " s", "", None))
    print(row("håndskrevet program (underproces)", num(best_hand) + " s", "", None))
    print(row("run_batch i processen", num(best_inproc) + " s", "", None))
    print(row("regel eval pr. 1.000.000 sager" + ("" if n == 1_000_000 else " (omregnet)"),
              num(per_million) + " s", "< 15 s", per_million < 15))
    print(row("regel eval / håndskrevet", num(best_regel / best_hand) + "×", "≤ 1,5×", best_regel / best_hand <= 1.5))
    print(row("største hukommelse, 10.000 sager", f"{mem_small:.0f} MB", "", None))
    print(row(f"største hukommelse, {dk(n)} sager", f"{mem_big:.0f} MB", "konstant",
              mem_big <= mem_small * 1.25 + 5))

    # Compute alone: decided cases already parsed, no file I/O.
    rng = random.Random(11)
    decode = json.JSONDecoder(parse_float=Decimal).decode
    mixed = [decode(json.dumps(casegen.sanction_case(rng), ensure_ascii=False)) for _ in range(50_000)]
    rate = compile_regel(BENCH / "dagssats.regel")
    rates = [casegen.rate_case(rng) for _ in range(50_000)]

    def decide(c: dict) -> None:
        try:
            mod.evaluate(c)
        except mod.RegelFejl:
            pass

    c = per_case({"sanktion": decide, "rate": rate.evaluate}, {"sanktion": mixed, "rate": rates}, 5)
    print("\nBeregning alene (ingen filer; pr. sag):")
    print(row("sanktion, hele beslutningen (blandede sager)", us(c["sanktion"]), "", None))
    print(row("dagssats alene (bench/dagssats.regel)", us(c["rate"]), "", None))
    try:
        import openfisca_rate

        of = openfisca_rate.per_person()
    except ImportError:
        of = None
    if of is None:
        print(row("OpenFisca, 75.000 personer", "ikke installeret", "", None))
    else:
        print(row("OpenFisca, dagssats vektoriseret, 75.000 personer", us(of), "", None))
        print(row("OpenFisca her / regel dagssats", num(of / c["rate"]) + "×", "≥ 3×", of / c["rate"] >= 3))
    print(row("OpenFisca andetsteds (0,56 µs) / regel dagssats", num(OPENFISCA_ELSEWHERE / c["rate"]) + "×",
              "≥ 3×", OPENFISCA_ELSEWHERE / c["rate"] >= 3))


if __name__ == "__main__":
    main()
