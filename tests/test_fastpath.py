"""The fast path of generated code (no timings asserted).

- The fast path decides the usual case itself, and gives exactly the engine's
  answer: results and fired rules, and the same RegelFejl (message, felt, tabel,
  regel) for refusals, missing and invalid fields, on thousands of random cases.
- Enum-keyed tables dispatch by dict and interval columns by bisect, also when
  the table is big (a 60 × 60 product; 1.000 brackets).
- The engine's data-driven scan still decides when a column cannot be read.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from generated_loader import load_generated_module
from outcomes import outcome as _outcome

from regel.codegen import generate
from regel.model import load

ROOT = Path(__file__).resolve().parent.parent


def _compile(text: str, tmp_path: Path, name: str):
    src = tmp_path / f"{name}.regel"
    src.write_text(text, encoding="utf-8")
    (m,), diags = load([str(src)])
    out = tmp_path / f"{name}_gen.py"
    out.write_text(generate(m), encoding="utf-8")
    return load_generated_module(out, f"fastpath_{name}_{id(out)}")


ORDNINGER = ("ressourceforløb", "jobafklaringsforløb", "sh_o_ydelse")
FORSEELSER = ("udeblevet_samtale", "udeblevet_rådighedsvurdering", "manglende_selvbooking", "udeblevet_tilbud",
              "afvist_tilbud", "manglende_sygemelding", "manglende_sygemelding_sygeopfølgning", "ophør_arbejde",
              "afvist_arbejde", "undladt_jobsøgning", "stop_uddannelse")


def _case(rng: random.Random) -> dict:
    """A random case: mostly valid, with missing fields, odd values and odd forms mixed in."""
    case: dict = {"ordning": rng.choice(ORDNINGER), "forseelse": rng.choice(FORSEELSER),
                  "dato": (date(2023, 11, 1) + timedelta(days=rng.randrange(820))).isoformat()}
    for name, p in (("forsørger", 0.9), ("hjemmeboende", 0.8), ("bidragspligt", 0.3), ("rimelig_grund", 0.1),
                    ("barsel", 0.1), ("fremmer_rådighed", 0.1)):
        if rng.random() < p:
            case[name] = rng.random() < 0.4
    if rng.random() < 0.85:
        case["alder"] = rng.randrange(15, 70)
    if rng.random() < 0.5:
        case["uarbejdsdygtighed"] = rng.choice((100, 75, 50, 60, 0))
    if rng.random() < 0.6:
        case["dage"] = rng.randrange(1, 12)
    if rng.random() < 0.5:
        case["månedlig_ydelse"] = rng.choice((5935, Decimal("5934.99"), Decimal("10469.50"), 14245, 20000,
                                              Decimal("10469.01")))
    odd = rng.random()
    if odd < 0.03:
        case["alderr"] = 40
    elif odd < 0.06:
        case["dage"] = rng.choice(("3", 0, True, 2.5, Decimal("2.0")))
    elif odd < 0.09:
        case["ordning"] = rng.choice(("ressourceforloeb", 3, None))
    elif odd < 0.11:
        case["dato"] = rng.choice(("2024-02-30", "1.3.2024", date(2024, 3, 1)))
    elif odd < 0.13:
        case["månedlig_ydelse"] = rng.choice((Decimal("1.001"), -5, Decimal("NaN"), 10**14))
    elif odd < 0.15:
        del case["ordning"]
    return case


def test_fast_path_gives_the_engines_answers(tables_sanktion) -> None:
    rng = random.Random(20241125)
    engine = lambda c: tables_sanktion._evaluate(tables_sanktion._M, c, None)  # noqa: E731
    decided = 0
    for _ in range(4000):
        case = _case(rng)
        assert _outcome(tables_sanktion.evaluate, case) == _outcome(engine, case), case
        decided += type(tables_sanktion._fast_sanktion(case)) is dict
    assert decided > 1000  # the usual case really takes the fast path


def test_fast_path_decides_the_examples(tables_sanktion) -> None:
    for path in sorted((ROOT / "examples").glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        decision = "klagefrist" if "afgørelse_modtaget" in case else "sanktion"
        fast = tables_sanktion._FAST[decision](case)
        assert type(fast) is dict, path.name
        assert fast == tables_sanktion._evaluate(tables_sanktion._M, case, decision)


def test_refusal_and_missing_field_come_from_the_fast_path(tables_sanktion) -> None:
    base = {"ordning": "jobafklaringsforløb", "forseelse": "udeblevet_samtale", "dato": "2025-04-01",
            "forsørger": True, "alder": 40, "hjemmeboende": False}
    refused = tables_sanktion._fast_sanktion({**base, "uarbejdsdygtighed": 60})
    assert isinstance(refused, tables_sanktion.RegelFejl) and refused.tabel == "Dagssats"
    missing = tables_sanktion._fast_sanktion({k: v for k, v in base.items() if k != "dato"})
    assert isinstance(missing, tables_sanktion.RegelFejl) and missing.felt == "dato"


def test_a_column_that_cannot_be_read_is_left_to_the_engine(tables_sanktion) -> None:
    # forsørger = ja: Målgruppeafgørelse needs neither alder nor hjemmeboende (politik første).
    case = {"ordning": "ressourceforløb", "forseelse": "udeblevet_samtale", "dato": "2024-03-01", "forsørger": True}
    assert tables_sanktion._fast_sanktion(case) is None
    assert tables_sanktion.evaluate(case)["sats"] == 756


def test_big_enum_table_dispatches_by_dict(tmp_path) -> None:
    n = 60
    rows = "\n".join(f"  | a{i} | b{j} || {i * n + j} |" for i in range(n) for j in range(n))
    text = (f"type A er en af: {', '.join(f'a{i}' for i in range(n))}\n"
            f"type B er en af: {', '.join(f'b{j}' for j in range(n))}\n"
            f"felt a: A\nfelt b: B\ntabel T\n  hjemmel \"Lov\"\n  | a | b || x: heltal |\n{rows}\nbeslutning d\n  x\n")
    mod = _compile(text, tmp_path, "enum")
    source = Path(mod.__file__).read_text(encoding="utf-8")
    assert "Dispatch: dict." in source and "Dispatch: linear." not in source
    assert mod.evaluate({"a": "a59", "b": "b7"}) == {"x": 59 * n + 7, "regler": [f"T/{59 * n + 8}"]}


def test_many_brackets_dispatch_by_bisect(tmp_path) -> None:
    def kr(n: int) -> str:
        return f"{n:,} kr".replace(",", ".")

    rows = "\n".join(f"  | [{kr(i * 1000)} ; {kr((i + 1) * 1000)}[ || {i} |" for i in range(1, 1000))
    text = (f"felt y: beløb fra 0 kr\ntabel T\n  hjemmel \"Lov\"\n  | y || x: heltal |\n  | < 1.000 kr || 0 |\n{rows}\n"
            f"  | >= 1.000.000 kr || 1000 |\nbeslutning d\n  x\n")
    mod = _compile(text, tmp_path, "brackets")
    source = Path(mod.__file__).read_text(encoding="utf-8")
    assert "Dispatch: bisect." in source
    for value, want in ((0, 0), (Decimal("999.99"), 0), (1000, 1), (Decimal("547999.99"), 547), (10**9, 1000)):
        assert mod.evaluate({"y": value})["x"] == want


def test_names_perhaps_computed_earlier_are_guarded_not_recomputed(tmp_path) -> None:
    # x is read in one branch of A's result, then again by z: only perhaps known there.
    # C's result depends on y in one branch, then w reads C's result again.
    text = ("type F er en af: p, q\nfelt b: ja/nej\nfelt x: heltal\nfelt f: F\n"
            "tabel A\n  hjemmel \"Lov\"\n  | b || y: heltal |\n  | ja || x * 2 |\n  | nej || 0 |\n"
            "tabel C\n  hjemmel \"Lov\"\n  | f || c: heltal |\n  | p || y + 1 |\n  | q || 5 |\n"
            "beslutning d\n  y\n  z = x + 1\n  c\n  w = c + y\n")
    mod = _compile(text, tmp_path, "guards")
    engine = lambda c: mod._evaluate(mod._M, c, None)  # noqa: E731
    for case in ({"b": True, "x": 3, "f": "p"}, {"b": False, "x": 3, "f": "q"}, {"b": False, "x": 4, "f": "p"},
                 {"b": True, "f": "p"}, {"b": False, "f": "q"}, {"x": 1, "f": "p"}):
        assert _outcome(mod.evaluate, case) == _outcome(engine, case), case
    assert type(mod._fast_d({"b": False, "x": 3, "f": "q"})) is dict
    assert mod.evaluate({"b": False, "x": 3, "f": "q"}) == {"y": 0, "z": 4, "c": 5, "w": 5,
                                                             "regler": ["A/2", "C/2"]}
