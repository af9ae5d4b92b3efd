"""Cost per case independent of table size: 10 rows against 10.000 rows.

    python bench/table_size.py            # ~1 minute (most of it parsing the big tables)
    python bench/table_size.py --quick    # 1.000 rows instead of 10.000

Two kinds of table, each written as a .regel module at both sizes, compiled into
a temp dir and timed on random valid cases in the same run:
- enum keys: a unique table over two enums (2 × 5 = 10 rows; 100 × 100 = 10.000
  rows): the generated code looks the case up in a dict (dispatch `dict`);
- amount brackets: a unique table over one amount column with half-open
  brackets (10 or 10.000 rows): the generated code bisects (dispatch `bisect`).
Target (issue "Performance"): the big table within 2× of the small one per case.
The reference interpreter, which scans the rows, is timed too for contrast.
"""

from __future__ import annotations

import argparse
import inspect
import random
import time
from decimal import Decimal

from benchlib import compile_regel, dk, num, per_case, row, us


def enum_module(a: int, b: int) -> str:
    av = [f"a{i}" for i in range(a)]
    bv = [f"b{i}" for i in range(b)]
    lines = [f"modul enum_{a}x{b}", "",
             "type A er en af: " + ", ".join(av), "type B er en af: " + ", ".join(bv), "",
             "felt a: A", "felt b: B", "",
             'tabel Sats "Sats efter a og b"', '  hjemmel "Lov"', "  politik unik", "  | a | b || sats |"]
    for i, x in enumerate(av):
        for j, y in enumerate(bv):
            lines.append(f"  | {x} | {y} || {dk(100 + 7 * i + 3 * j)} kr |")
    lines += ["", 'beslutning sats "Sats"', "  sats", ""]
    return "\n".join(lines)


def bracket_module(rows: int, width: int = 1000) -> str:
    lines = [f"modul trin_{rows}", "", "felt beløb: beløb fra 0 kr", "",
             'tabel Trin "Sats efter beløbstrin"', '  hjemmel "Lov"', "  politik unik", "  | beløb || sats |"]
    for i in range(rows - 1):
        lines.append(f"  | [{dk(i * width)} kr ; {dk((i + 1) * width)} kr[ || {dk(10 + i)} kr |")
    lines.append(f"  | >= {dk((rows - 1) * width)} kr || {dk(10 + rows - 1)} kr |")
    lines += ["", 'beslutning trin "Trin"', "  sats", ""]
    return "\n".join(lines)


def dispatch_of(mod) -> str:
    src = inspect.getsource(mod)
    modes = [m for m in ("dict", "bisect", "linear", "const") if f"Dispatch: {m}." in src]
    return ", ".join(modes)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1.000 rækker i stedet for 10.000 (sekunder)")
    args = ap.parse_args()
    big_side = 32 if args.quick else 100  # 32 × 32 = 1.024 rows
    big_rows = big_side * big_side if args.quick else 10_000
    n = 5000 if args.quick else 20000
    rounds = 3 if args.quick else 7

    from regel import interp
    from regel.model import load

    t0 = time.perf_counter()
    small_e = compile_regel(enum_module(2, 5))
    big_e = compile_regel(enum_module(big_side, big_side))
    small_b = compile_regel(bracket_module(10))
    big_b = compile_regel(bracket_module(big_rows))
    built = time.perf_counter() - t0

    rng = random.Random(3)
    cases_small_e = [{"a": f"a{rng.randrange(2)}", "b": f"b{rng.randrange(5)}"} for _ in range(n)]
    cases_big_e = [{"a": f"a{rng.randrange(big_side)}", "b": f"b{rng.randrange(big_side)}"} for _ in range(n)]
    cases_small_b = [{"beløb": Decimal(rng.randrange(0, 10 * 1000 * 100)) / 100} for _ in range(n)]
    cases_big_b = [{"beløb": Decimal(rng.randrange(0, big_rows * 1000 * 100)) / 100} for _ in range(n)]

    # Same answers as the reference interpreter (on a sample; it scans every row).
    for mod, cs in ((small_e, cases_small_e), (big_e, cases_big_e), (small_b, cases_small_b), (big_b, cases_big_b)):
        ir_mod = _ir(mod, load)
        for c in cs[:200]:
            assert mod.evaluate(c) == interp.evaluate(ir_mod, None, c), c

    label = f"{big_side} × {big_side}" if args.quick else "100 × 100"
    print(f"Pris pr. sag efter tabellens størrelse ({dk(n)} tilfældige sager, bedste af {rounds} runder; "
          f"oversat på {num(built, 1)} s)")
    e = per_case({"small": small_e.evaluate, "big": big_e.evaluate}, {"small": cases_small_e, "big": cases_big_e},
                 rounds)
    print(f"\nOpremsningsnøgler (dispatch: {dispatch_of(big_e)}):")
    print(row("10 rækker (2 × 5)", us(e["small"]), "", None))
    print(row(f"{dk(big_side * big_side)} rækker ({label})", us(e["big"]), "", None))
    print(row("stor / lille", num(e["big"] / e["small"]) + "×", "≤ 2×", e["big"] / e["small"] <= 2))

    b = per_case({"small": small_b.evaluate, "big": big_b.evaluate}, {"small": cases_small_b, "big": cases_big_b},
                 rounds)
    print(f"\nBeløbstrin (dispatch: {dispatch_of(big_b)}):")
    print(row("10 rækker", us(b["small"]), "", None))
    print(row(f"{dk(big_rows)} rækker", us(b["big"]), "", None))
    print(row("stor / lille", num(b["big"] / b["small"]) + "×", "≤ 2×", b["big"] / b["small"] <= 2))

    ir_small, ir_big = _ir(small_b, load), _ir(big_b, load)
    i = per_case({"small": lambda c: interp.evaluate(ir_small, None, c),
                  "big": lambda c: interp.evaluate(ir_big, None, c)},
                 {"small": cases_small_b, "big": cases_big_b}, 3, budget=0.5)
    print("\nTil sammenligning, referencefortolkeren (gennemløber rækkerne):")
    print(row("beløbstrin, 10 rækker", us(i["small"]), "", None))
    print(row(f"beløbstrin, {dk(big_rows)} rækker", us(i["big"]), "", None))
    print(row("stor / lille", num(i["big"] / i["small"]) + "×", "", None))


_IR_CACHE: dict[str, object] = {}


def _ir(mod, load):
    """The typed model of a compiled benchmark module (re-read from its source text)."""
    path = mod.SOURCE_FILES[0]
    if path not in _IR_CACHE:
        (m,), _ = load([path])
        _IR_CACHE[path] = m
    return _IR_CACHE[path]


if __name__ == "__main__":
    main()
