"""How the checker scales on large synthetic unique tables (a script, not a test).

Tables are made like the published DMN analysis benchmark (Calvanese et al.,
BPM 2016): a random decision tree over numeric columns (0..1000) and enum
columns (3-6 values) whose leaves become the rules, so the table starts out
complete and disjoint; then about 10 % of the rules get one bound moved, which
opens gaps and creates overlaps. The seed is fixed, so runs are comparable.

    python bench/check_scaling.py            # all sizes
    python bench/check_scaling.py --quick    # a small subset
    python bench/check_scaling.py --max-rows 1500
    python bench/check_scaling.py --load     # loading 50.000 rows / 5.000 versions

After the decision trees come the shapes that used to be slow or unbounded
(SHAPES below), each with its target: one column of 50.000 disjoint
intervals (a sort), a staircase of nested rows, 1.000 rows that all overlap,
and a 20-column enum table that must finish or stop (W207) within 200 MB and 60 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter

from regel.checks import Budget, check_table
from regel.model import ir
from regel.model.types import Kind, Type, format_range

NUM_DOMAIN = (0, 1000)
ROWS = (500, 1000, 1500, 5000, 10000)
COLS = (3, 7, 11, 15)
QUICK = ((500, 3), (500, 7), (1500, 7), (1500, 15))
# Published targets: (rows, cols) -> seconds.
TARGETS = {(1500, 7): 2.0, (1500, 15): 15.0, (10000, 15): 120.0}
OUTPUTS = 5


def columns_for(ncols: int, rng: random.Random) -> list[tuple[int, int]]:
    """Even columns numeric, odd columns enums of 3-6 values (as indices)."""
    return [NUM_DOMAIN if c % 2 == 0 else (0, rng.randint(3, 6) - 1) for c in range(ncols)]


def _enum_cell(values: frozenset[int]) -> tuple[tuple[int, int], ...]:
    out: list[list[int]] = []
    for v in sorted(values):
        if out and v == out[-1][1] + 1:
            out[-1][1] = v
        else:
            out.append([v, v])
    return tuple((a, b) for a, b in out)


def decision_tree_table(nrows: int, ncols: int, seed: int):
    """(columns, rules, outputs, perturbed rule indices)."""
    rng = random.Random(seed)
    columns = columns_for(ncols, rng)
    numeric = [c for c in range(ncols) if c % 2 == 0]
    root = [dom if c in numeric else frozenset(range(dom[0], dom[1] + 1)) for c, dom in enumerate(columns)]
    leaves = [root]
    while len(leaves) < nrows:
        i = rng.randrange(len(leaves))
        leaf = leaves[i]
        splittable = [c for c in range(ncols)
                      if (c in numeric and leaf[c][1] > leaf[c][0]) or (c not in numeric and len(leaf[c]) > 1)]
        if not splittable:
            continue
        c = rng.choice(splittable)
        left, right = list(leaf), list(leaf)
        if c in numeric:
            lo, hi = leaf[c]
            cut = rng.randint(lo, hi - 1)
            left[c], right[c] = (lo, cut), (cut + 1, hi)
        else:
            vals = sorted(leaf[c])
            rng.shuffle(vals)
            k = rng.randint(1, len(vals) - 1)
            left[c], right[c] = frozenset(vals[:k]), frozenset(vals[k:])
        leaves[i] = left
        leaves.append(right)
    rules = []
    for leaf in leaves:
        cells = []
        for c, dom in enumerate(columns):
            if c in numeric:
                cells.append(None if leaf[c] == dom else (leaf[c],))
            else:
                cells.append(None if len(leaf[c]) == dom[1] - dom[0] + 1 else _enum_cell(leaf[c]))
        rules.append(tuple(cells))
    outputs = [rng.randrange(OUTPUTS) for _ in rules]
    perturbed = sorted(rng.sample(range(len(rules)), max(1, round(len(rules) * 0.1))))
    for r in perturbed:
        c = rng.choice(numeric)
        cell = rules[r][c]
        lo, hi = cell[0] if cell is not None else NUM_DOMAIN
        delta = rng.choice((-1, 1)) * rng.randint(1, 20)
        if rng.random() < 0.5:
            lo = min(max(lo + delta, NUM_DOMAIN[0]), NUM_DOMAIN[1])
        else:
            hi = min(max(hi + delta, NUM_DOMAIN[0]), NUM_DOMAIN[1])
        new = () if lo > hi else ((lo, hi),)
        rules[r] = rules[r][:c] + (new,) + rules[r][c + 1:]
    return columns, rules, outputs, perturbed


def as_table(columns, rules, outputs) -> ir.Table:
    """The synthetic table as the model the checker gets from a .regel file,
    so the timing covers check_table itself, diagnostics included."""
    cols = []
    for c, (lo, hi) in enumerate(columns):
        if c % 2 == 0:
            t = Type(Kind.INT, "", (), lo, hi)
        else:
            t = Type(Kind.ENUM, f"E{c}", tuple(f"v{i}" for i in range(hi - lo + 1)))
        cols.append(ir.Column(f"k{c}", t))
    out_t = Type(Kind.ENUM, "Udfald", tuple(f"u{i}" for i in range(OUTPUTS)))
    irules = []
    for i, (rule, out) in enumerate(zip(rules, outputs, strict=True)):
        conds = tuple(None if cell is None else ir.Cond(cell, "; ".join(format_range(col.type, a, b) for a, b in cell))
                      for cell, col in zip(rule, cols, strict=True))
        irules.append(ir.Rule(str(i + 1), i + 1, conds, (ir.Const(f"u{out}", out_t),), None))
    version = ir.Version(None, None, None, tuple(irules))
    return ir.Table("Syntetisk", None, "unique", None, tuple(cols), (ir.Column("udfald", out_t),), (version,))


def shape_table(name: str, columns, rules, outputs) -> ir.Table:
    """A hand-made shape as a model table: integer columns, or enums when
    the domain starts at 0 and has at most 4 values."""
    cols = []
    for c, (lo, hi) in enumerate(columns):
        t = Type(Kind.ENUM, f"E{c}", tuple(f"v{i}" for i in range(hi - lo + 1))) if (lo, hi) == (0, 3) \
            else Type(Kind.INT, "", (), lo, hi)
        cols.append(ir.Column(f"k{c}", t))
    out_t = Type(Kind.INT, "", (), 0, max(outputs) + 1)
    irules = []
    for i, (rule, out) in enumerate(zip(rules, outputs, strict=True)):
        conds = tuple(None if cell is None else ir.Cond(cell, "; ".join(format_range(col.type, a, b) for a, b in cell))
                      for cell, col in zip(rule, cols, strict=True))
        irules.append(ir.Rule(str(i + 1), i + 1, conds, (ir.Const(out, out_t),), None))
    policy = "first" if name.startswith("trappe") else "unique"
    return ir.Table(name, None, policy, None, tuple(cols), (ir.Column("udfald", out_t),),
                    (ir.Version(None, None, None, tuple(irules)),))


def _disjoint(n: int):
    return [(0, 10 * n)], [(((10 * i, 10 * i + 9),),) for i in range(n)], [i % 7 for i in range(n)]


def _stairs(n: int):  # row i: k0 >= i and k1 <= i (as in tests/test_checks_partition.py)
    return [(0, 100000)] * 2, [(((i, 100000),), ((0, i),)) for i in range(n)], [i % 5 for i in range(n)]


def _all_overlap(n: int):  # `| - || i |`: every row meets every other
    return [(0, 100)], [(None,) for _ in range(n)], list(range(n))


def _enums(n: int, ncols: int = 20):
    rows = [tuple(((0, 0), (2, 2)) if (i + j) % 3 == 0 else None if (i + j) % 3 == 1 else ((1, 1), (3, 3))
                  for j in range(ncols)) for i in range(n)]
    return [(0, 3)] * ncols, rows, [i % 3 for i in range(n)]


# name -> (make, rows, target seconds, what must come out); times include diagnostics.
SHAPES = {
    "én kolonne, 50.000 disjunkte": (_disjoint, 50_000, 2.0, "no W207"),
    "trappe, 3.000 rækker (første)": (_stairs, 3_000, 2.0, "no W207"),
    "1.000 rækker der alle overlapper": (_all_overlap, 1_000, 2.0, "1 E202"),
    "20 enum-kolonner × 500 (200 MB)": (_enums, 500, 60.0, "finishes or W207 within the budget"),
}
QUICK_SHAPES = {"én kolonne, 50.000 disjunkte", "1.000 rækker der alle overlapper"}


def big_file(kind: str, n: int) -> str:
    """A large .regel file to time loading (parse and lower): "rækker" is
    one column of n disjoint intervals, "versioner" one table in n versions
    of one year each."""
    head = 'felt x: heltal fra 0\nfelt d: dato\nskæringsdato d\ntabel T\n  hjemmel "Lov"\n'
    if kind == "rækker":
        rows = "".join(f"  | [{10 * i} ; {10 * i + 9}] || {i % 7} |\n" for i in range(n))
        return head + "  politik unik\n  | x || k: heltal |\n" + rows
    out = [head, "  politik unik\n"]
    for i in range(n):
        out.append(f'  version "v{i}"\n    gælder fra {1000 + i}-01-01 til {1000 + i}-12-31\n'
                   f"    | x || k: heltal |\n    | < 5 || {i} |\n    | >= 5 || {i + 1} |\n")
    return "".join(out)


def run_load(kind: str, n: int) -> tuple[float, int]:
    """Seconds to load a generated file with `regel.model.load`, and its error count."""
    import tempfile
    from pathlib import Path

    from regel.model import load

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stor.regel"
        path.write_text(big_file(kind, n), encoding="utf-8")
        t0 = time.perf_counter()
        _modules, diags = load([path])
        elapsed = time.perf_counter() - t0
    return elapsed, sum(1 for d in diags if d.is_error)


def run_shape(name: str, make, n: int) -> tuple[float, int, Counter]:
    columns, rules, outputs = make(n)
    table = shape_table(name, columns, rules, outputs)
    mem = 200 if "enum" in name else 2048
    start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    diags = check_table(table, budget=Budget(time_limit=60, memory_mb=mem))
    elapsed = time.perf_counter() - t0
    grown = max(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start) // 1024
    return elapsed, grown, Counter(d.code for d in diags)


def run_shapes(quick: bool) -> int:
    print()
    head = f"{'form':<34} {'sekunder':>8} {'mål':>8} {'maks. RSS-vækst':>15}  fund"
    print(head)
    print("-" * len(head))
    missed = 0
    for name, (make, n, target, _want) in SHAPES.items():
        if quick and name not in QUICK_SHAPES:
            continue
        elapsed, grown, count = run_shape(name, make, n)
        ok = elapsed < target
        missed += not ok
        found = ", ".join(f"{k} {v}" for k, v in sorted(count.items()))
        goal = f"< {target:g} s"
        print(f"{name:<34} {elapsed:>8.2f} {goal:>8} {grown:>12} MB  {found}"
              + ("" if ok else "  MISSED"), flush=True)
    return missed


def run(nrows: int, ncols: int, seed: int) -> dict:
    columns, rules, outputs, perturbed = decision_tree_table(nrows, ncols, seed)
    table = as_table(columns, rules, outputs)
    t0 = time.perf_counter()
    diags = check_table(table)
    elapsed = time.perf_counter() - t0
    count = Counter(d.code for d in diags)
    return {"rows": nrows, "cols": ncols, "seconds": elapsed, "gaps": count["E201"],
            "groups": count["E202"] + count["W203"], "dead": count["W204"], "perturbed": len(perturbed)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="run a small subset")
    ap.add_argument("--max-rows", type=int, default=None, help="skip tables with more rows")
    ap.add_argument("--seed", type=int, default=20240101)
    ap.add_argument("--shapes-only", action="store_true", help="only the hand-made shapes")
    ap.add_argument("--load", action="store_true", help="only loading (parse and lower) of large generated files")
    args = ap.parse_args(argv)
    if args.load:
        for kind, n in (("rækker", 50_000), ("versioner", 5_000)):
            elapsed, errors = run_load(kind, n)
            print(f"indlæsning, {n:,} {kind}: {elapsed:.2f} s ({errors} fejl)".replace(",", "."), flush=True)
        return 0
    if args.shapes_only:
        return 1 if run_shapes(args.quick) else 0
    sizes = list(QUICK) if args.quick else [(r, c) for r in ROWS for c in COLS]
    if args.max_rows is not None:
        sizes = [(r, c) for r, c in sizes if r <= args.max_rows]
    head = f"{'rows':>6} {'cols':>4} {'seconds':>8} {'target':>14} {'gap regions':>11} " \
           f"{'overlap groups':>14} {'dead':>5} {'perturbed':>9}"
    print(head)
    print("-" * len(head))
    missed = 0
    for nrows, ncols in sizes:
        row = run(nrows, ncols, args.seed + nrows * 100 + ncols)
        target = TARGETS.get((nrows, ncols))
        mark = ""
        if target is not None:
            ok = row["seconds"] < target
            missed += not ok
            mark = f"< {target:g} s " + ("ok" if ok else "MISSED")
        print(f"{nrows:>6} {ncols:>4} {row['seconds']:>8.2f} {mark:>14} {row['gaps']:>11} "
              f"{row['groups']:>14} {row['dead']:>5} {row['perturbed']:>9}", flush=True)
    missed += run_shapes(args.quick)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
