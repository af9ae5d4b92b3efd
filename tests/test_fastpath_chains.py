"""The fast path against the engine on random chains of tables.

Each example writes a module of two to four tables where later tables read
earlier results as columns and in computed cells, with refusals, cells without
value, versions by date, every policy, and defaults; then decides random cases
(fields missing now and then, invalid values now and then). The fast path must
give exactly the engine's answer: results, fired rules in order, and the same
error (message, felt, tabel, regel). `pytest -m slow` runs many more examples.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from example_counts import seeds
from generated_loader import load_generated_module
from outcomes import outcome as _outcome

from regel.codegen import generate
from regel.diagnostics import has_errors
from regel.model import load

EXAMPLES, LONG_EXAMPLES = 60, 400
FIELDS = {"e": "E", "b": "ja/nej", "n": "heltal fra 0 til 9", "a": "beløb fra 0 kr", "d": "dato"}


def _enum_cell(rng: random.Random, values: tuple[str, ...]) -> str:
    r = rng.random()
    if r < 0.3:
        return "-"
    picked = rng.sample(values, rng.randrange(1, len(values)))
    if r < 0.5:
        return "ikke " + ", ".join(picked)
    return ", ".join(picked)


def _cond(rng: random.Random, kind: str) -> str:
    if kind == "E":
        return _enum_cell(rng, ("p", "q", "r"))
    if kind == "F":
        return _enum_cell(rng, ("s", "t"))
    if kind == "ja/nej":
        return rng.choice(("ja", "nej", "-"))
    if kind == "beløb":
        return rng.choice(("-", "< 100 kr", ">= 100 kr", "[50 kr ; 150 kr]", "]100 kr ; 200 kr]"))
    return rng.choice(("-", "< 5", ">= 5", "[2 ; 6]", "3", "ikke 4"))


def _module(rng: random.Random) -> str:
    lines = ["type E er en af: p, q, r", "type F er en af: s, t"]
    versioned = rng.random() < 0.5
    if versioned:
        lines.append("skæringsdato d")
    for name, t in FIELDS.items():
        default = ""
        if rng.random() < 0.3:
            default = {"E": " standard q", "ja/nej": " standard nej", "heltal fra 0 til 9": " standard 3",
                       "beløb fra 0 kr": " standard 120 kr", "dato": ""}[t]
        lines.append(f"felt {name}: {t}{default}")
    readable = [("e", "E"), ("b", "ja/nej"), ("n", "heltal"), ("a", "beløb")]  # (name, kind) a column can read
    numbers = ["n"]  # int names an expression can use
    outputs: list[str] = []
    for ti in range(rng.randrange(2, 5)):
        policy = rng.choice(("unik", "første", "første", "prioritet", "samling sum"))
        cols = rng.sample(readable, rng.randrange(1, min(3, len(readable)) + 1))
        out_i, out_f = f"x{ti}", f"f{ti}"
        header = ["tabel T" + str(ti), '  hjemmel "Lov"', f"  politik {policy}"]
        head = "| " + " | ".join(c for c, _ in cols) + f" || {out_f}: F | {out_i}: heltal |"
        if policy == "samling sum":
            head = "| " + " | ".join(c for c, _ in cols) + f" || {out_i}: heltal |"
        rows = []
        for _ in range(rng.randrange(2, 6)):
            cells = [_cond(rng, k) for _, k in cols]
            r = rng.random()
            if r < 0.15 and policy != "samling sum":
                value = 'afvis "T' + str(ti) + ' afviser"'
            elif r < 0.25 and policy != "samling sum":
                value = "-"
            elif r < 0.6:
                value = f"{rng.choice(numbers)} + {rng.randrange(1, 4)}"
            else:
                value = str(rng.randrange(0, 9))
            fcell = rng.choice(("s", "t"))
            if policy == "samling sum":
                rows.append("  | " + " | ".join(cells) + f" || {value} |")
            else:
                rows.append("  | " + " | ".join(cells) + f" || {fcell} | {value} |")
        if versioned and rng.random() < 0.6:
            body = []
            for year in (2024, 2025):
                body += [f'  version "{year}"', f"    gælder fra {year}-01-01 til {year}-12-31", "    " + head]
                body += ["  " + row for row in rows]
                rows = [row.replace("+ 1", "+ 2") for row in rows]
            lines += header + body
        else:
            lines += header + ["  " + head] + rows
        if policy != "samling sum":
            readable.append((out_f, "F"))
            outputs.append(out_f)
        readable.append((out_i, "heltal"))
        numbers.append(out_i)
        outputs.append(out_i)
    items = rng.sample(outputs, rng.randrange(1, len(outputs) + 1))
    lines.append("beslutning beslut")
    lines += [f"  {x}" for x in items]
    if rng.random() < 0.7:
        lines.append(f"  sum = {rng.choice(numbers)} + {rng.choice(numbers)}")
    return "\n".join(lines) + "\n"


def _case(rng: random.Random) -> dict:
    case: dict = {}
    for name, value in (("e", rng.choice(("p", "q", "r"))), ("b", rng.random() < 0.5), ("n", rng.randrange(0, 10)),
                        ("a", rng.choice((0, 50, 99, 100, 150, 151, 200, 250))),
                        ("d", rng.choice(("2023-12-31", "2024-06-01", "2025-01-01", "2025-12-31", "2026-01-01")))):
        if rng.random() < 0.9:
            case[name] = value
    if rng.random() < 0.05:
        case["n"] = rng.choice((10, -1, "3", True))
    if rng.random() < 0.03:
        case["zz"] = 1
    return case


@pytest.mark.parametrize("seed", seeds(EXAMPLES, LONG_EXAMPLES))
def test_fast_path_equals_engine_on_random_chains(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    text = _module(rng)
    src = tmp_path / "kaede.regel"
    src.write_text(text, encoding="utf-8")
    modules, diags = load([str(src)])
    assert modules and not has_errors(diags), (text, [d.message for d in diags if d.is_error])
    path = tmp_path / "kaede.py"
    path.write_text(generate(modules[0]), encoding="utf-8")
    mod = load_generated_module(path, f"kaede_{seed}")
    # Every such module gets a fast path, unless a samling table computes its cells (the engine's).
    assert "beslut" in mod._FAST or "politik samling" in text, text
    engine = lambda c: mod._evaluate(mod._M, c, None)  # noqa: E731
    for _ in range(80):
        case = _case(rng)
        assert _outcome(mod.evaluate, case) == _outcome(engine, case), (text, case)

