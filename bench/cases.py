"""Random sanction cases for the benchmarks (fixed seed, mixed regimes).

`sanction_case(rng)` gives one case as the JSON a caseworker's system would
send: about a third each of ressourceforløb, jobafklaringsforløb and SH/O, dates
in 2024–2025, the occasional exception (rimelig grund, barsel) and, in
jobafklaringsforløb, reduced working capacity. Some cases are refused by the
rules (a combination the documents do not describe, a year without rates);
that is part of the realistic mix. `jsonl_lines(n, seed, invalid=0.05)` adds
broken lines (bad JSON, unknown fields, wrong types) at the given rate.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date

ORDNINGER = ("ressourceforløb", "jobafklaringsforløb", "sh_o_ydelse")
FORSEELSER = (
    "udeblevet_samtale", "udeblevet_rådighedsvurdering", "manglende_selvbooking", "udeblevet_tilbud",
    "afvist_tilbud", "manglende_sygemelding", "manglende_sygemelding_sygeopfølgning", "ophør_arbejde",
    "afvist_arbejde", "undladt_jobsøgning", "stop_uddannelse",
)
MAALGRUPPER = ("forsørger", "ikke_forsørger", "under_25_hjemmeboende", "under_25_bidragspligt")
_START = date(2024, 1, 1).toordinal()
_DAYS = [date.fromordinal(_START + i).isoformat() for i in range(731)]  # 2024-01-01 .. 2025-12-31


def sanction_case(rng: random.Random) -> dict:
    ordning = rng.choice(ORDNINGER)
    case: dict = {"ordning": ordning, "forseelse": rng.choice(FORSEELSER)}
    if ordning == "sh_o_ydelse":
        case["dato"] = _DAYS[rng.randrange(366)]  # SH/O has rates for 2024 only
        case["månedlig_ydelse"] = rng.randrange(300_000, 2_000_000) / 100  # kr with øre; written as JSON numbers
        case["forsørger"] = rng.random() < 0.4
    else:
        case["dato"] = rng.choice(_DAYS)
        case["forsørger"] = rng.random() < 0.4
        case["alder"] = rng.randrange(18, 67)
        case["hjemmeboende"] = rng.random() < 0.3
        if rng.random() < 0.2:
            case["bidragspligt"] = rng.random() < 0.5
        if ordning == "jobafklaringsforløb" and rng.random() < 0.5:
            case["uarbejdsdygtighed"] = rng.choice((100, 75, 50, 50, 75, 60))
    if rng.random() < 0.8:
        case["dage"] = rng.randrange(1, 11)
    r = rng.random()
    if r < 0.04:
        case["rimelig_grund"] = True
    elif r < 0.06:
        case["barsel"] = True
    elif r < 0.08:
        case["fremmer_rådighed"] = False
    return case


def rate_case(rng: random.Random) -> dict:
    """A valid case for the per-day rate alone (bench/dagssats.regel)."""
    day = _DAYS[rng.randrange(731)]
    pct = 100 if day < "2025" else rng.choice((100, 75, 50))
    return {"målgruppe": rng.choice(MAALGRUPPER), "uarbejdsdygtighed": pct, "dato": day}


def _broken(rng: random.Random, case: dict, line: str) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return line[: rng.randrange(1, len(line) - 1)]  # cut off: not JSON
    if kind == 1:
        case["alderr"] = 40  # an unknown field
    elif kind == 2:
        case["dage"] = "3"  # a number as text
    elif kind == 3:
        case["ordning"] = "ressourceforloeb"  # a misspelt value
    else:
        case["dato"] = "2024-13-01"  # no such date
    return json.dumps(case, ensure_ascii=False)


def jsonl_lines(n: int, seed: int = 2024, invalid: float = 0.05) -> Iterator[str]:
    """`n` JSON lines (without newline); about `invalid` of them broken."""
    rng = random.Random(seed)
    for _ in range(n):
        case = sanction_case(rng)
        line = json.dumps(case, ensure_ascii=False)
        yield _broken(rng, case, line) if rng.random() < invalid else line


def parsed_cases(n: int, seed: int = 2024) -> list[dict]:
    """`n` cases as `evaluate` gets them from JSON (numbers with a fraction as Decimal)."""
    from decimal import Decimal

    decode = json.JSONDecoder(parse_float=Decimal).decode
    return [decode(line) for line in jsonl_lines(n, seed, invalid=0.0)]


__all__ = ["sanction_case", "rate_case", "jsonl_lines", "parsed_cases"]
