"""Evaluator speed: generated code against hand-written Python, the reference
interpreter and pyDMNrules, per case, on the same random valid cases.

    python bench/eval_speed.py            # ~1 minute
    python bench/eval_speed.py --quick    # a few seconds

Two decisions are timed:
- the sanction decision of `generated/sanktion.py` (as committed), against the
  hand-written `bench/handwritten.py:sanktion` and the reference interpreter;
- the per-day rate alone (`bench/dagssats.regel`, compiled into a temp dir),
  against `handwritten.dagssats`, the interpreter and pyDMNrules on the same 16
  rates as DMN 1.3 (`bench/dmn/dagssats.dmn`; optional: `pip install pyDMNrules`).

Every implementation is first checked to give the same answers on every timed
case. Targets (issue "Performance"): generated within 1,5× of the hand-written
function with validation; at least 5.000× faster than pyDMNrules.
"""

from __future__ import annotations

import argparse
import random
from datetime import date
from decimal import Decimal

import cases as casegen
import handwritten
from benchlib import BENCH, ROOT, compile_regel, dk, import_path, num, per_case, row, us

DMN_FILE = BENCH / "dmn" / "dagssats.dmn"
DMN_ELSEWHERE = 1.7e-3  # seconds per case, measured elsewhere on a 16-row rate table


def _valid_sanction_cases(mod, n: int, seed: int) -> list[dict]:
    """Random cases the rules decide (refused ones are timed by bench/batch_speed.py)."""
    out: list[dict] = []
    rng = random.Random(seed)
    decode_float = Decimal
    while len(out) < n:
        case = casegen.sanction_case(rng)
        if isinstance(case.get("månedlig_ydelse"), float):
            case["månedlig_ydelse"] = decode_float(repr(case["månedlig_ydelse"]))  # as JSON with parse_float
        try:
            mod.evaluate(case)
        except mod.RegelFejl:
            continue
        out.append(case)
    return out


def _same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(a[k] == b[k] for k in a)


def _check(name: str, expected, got_fn, cases: list[dict]) -> None:
    for c in cases:
        want, got = expected(c), got_fn(c)
        if not _same(want, got):
            raise SystemExit(f"{name} giver et andet svar end den genererede kode for {c}:\n  {got}\n  {want}")


def _dmn():
    try:
        import pyDMNrules
    except ImportError:
        return None
    dmn = pyDMNrules.DMN()
    status = dmn.useXML(DMN_FILE.read_text(encoding="utf-8"))
    if status.get("errors"):
        raise SystemExit(f"{DMN_FILE}: {status['errors']}")

    def decide(case: dict) -> dict:
        data = {"Maalgruppe": case["målgruppe"], "Uarbejdsdygtighed": case.get("uarbejdsdygtighed", 100),
                "Dato": date.fromisoformat(case["dato"])}
        status, result = dmn.decide(data)
        if status.get("errors"):
            raise ValueError(status["errors"])
        return {"dagssats": Decimal(str(result["Result"]["Dagssats"]))}

    return decide


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="få sager og runder (sekunder)")
    ap.add_argument("--cases", type=int, default=None, help="antal sager (standard 20.000, --quick 2.000)")
    args = ap.parse_args()
    n = args.cases or (2000 if args.quick else 20000)
    rounds = 3 if args.quick else 7

    from regel import interp
    from regel.model import load

    sanktion = import_path(ROOT / "generated" / "sanktion.py", "bench_generated_sanktion")
    rate = compile_regel(BENCH / "dagssats.regel")
    (sanktion_ir,), _ = load([str(ROOT / "tables")])
    (rate_ir,), _ = load([str(BENCH / "dagssats.regel")])

    s_cases = _valid_sanction_cases(sanktion, n, seed=1)
    rng = random.Random(2)
    r_cases = [casegen.rate_case(rng) for _ in range(n)]

    _check("handwritten.sanktion", sanktion.evaluate, handwritten.sanktion, s_cases)
    _check("interp (sanktion)", sanktion.evaluate, lambda c: interp.evaluate(sanktion_ir, None, c), s_cases[:2000])
    _check("handwritten.dagssats", rate.evaluate, handwritten.dagssats, r_cases)
    _check("interp (dagssats)", rate.evaluate, lambda c: interp.evaluate(rate_ir, None, c), r_cases[:2000])
    dmn = _dmn()
    if dmn is not None:
        for c in r_cases[:200]:
            if dmn(c)["dagssats"] != rate.evaluate(c)["dagssats"]:
                raise SystemExit(f"pyDMNrules giver et andet svar for {c}")

    print(f"Evalueringshastighed pr. sag ({dk(n)} tilfældige gyldige sager, bedste af {rounds} runder)")
    s = per_case({"gen": sanktion.evaluate, "hand": handwritten.sanktion,
                  "engine": lambda c: sanktion._evaluate(sanktion._M, c, None),
                  "interp": lambda c: interp.evaluate(sanktion_ir, None, c)},
                 s_cases, rounds, budget=2.0 if not args.quick else 0.3)
    print("\nSanktion (generated/sanktion.py, hele beslutningen: 6 tabeller):")
    print(row("genereret evaluate", us(s["gen"]), "", None))
    print(row("håndskrevet Python med validering", us(s["hand"]), "", None))
    print(row("genereret uden hurtig vej (motoren)", us(s["engine"]), "", None))
    print(row("referencefortolkeren", us(s["interp"]), "", None))
    print(row("genereret / håndskrevet", num(s["gen"] / s["hand"]) + "×", "≤ 1,5×", s["gen"] / s["hand"] <= 1.5))
    print(row("fortolker / genereret", num(s["interp"] / s["gen"], 0) + "×", "", None))

    fns = {"gen": rate.evaluate, "hand": handwritten.dagssats, "interp": lambda c: interp.evaluate(rate_ir, None, c)}
    r = per_case(fns, r_cases, rounds, budget=2.0 if not args.quick else 0.3)
    print("\nDagssats alene (bench/dagssats.regel: målgruppe × uarbejdsdygtighed → sats, 2024 og 2025):")
    print(row("genereret evaluate", us(r["gen"]), "", None))
    print(row("håndskrevet Python med validering", us(r["hand"]), "", None))
    print(row("referencefortolkeren", us(r["interp"]), "", None))
    print(row("genereret / håndskrevet", num(r["gen"] / r["hand"]) + "×", "≤ 1,5×", r["gen"] / r["hand"] <= 1.5))
    if dmn is None:
        print(row("pyDMNrules (bench/dmn/dagssats.dmn)", "ikke installeret", "", None))
        print(row("pyDMNrules / genereret, målt andetsteds (1,7 ms)", num(DMN_ELSEWHERE / r["gen"], 0) + "×",
                  "≥ 5.000×", DMN_ELSEWHERE / r["gen"] >= 5000))
    else:
        d = per_case({"dmn": dmn}, r_cases[: 300 if args.quick else 2000], 1 if args.quick else 3)["dmn"]
        print(row("pyDMNrules (bench/dmn/dagssats.dmn)", us(d), "", None))
        print(row("pyDMNrules / genereret", num(d / r["gen"], 0) + "×", "≥ 5.000×", d / r["gen"] >= 5000))


if __name__ == "__main__":
    main()
