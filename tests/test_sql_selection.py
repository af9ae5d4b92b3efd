"""The SQL target's two ways of selecting a rule give the Python evaluator's answer:
the quick chain of tests for rows whose constrained columns can all be read, and the rule
states (left to right, with stops) for the others — exhaustively over small domains, with
fields missing, a derived column that cannot be read, unik tables whose rules overlap only
for some rows (the overlap test covers only pairs of rules that can meet), første and
prioritet."""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path

import pytest
from test_codegen_differential import build

from regel.batch import encode, python_results

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from regel.sql.duck import DuckEngine, evaluate_cases  # noqa: E402

MODULE = """type E er en af: a, b, c
type N er en af: lav, mellem, høj
felt e: E
felt f: E standard a
felt b: ja/nej
felt n: heltal fra 0 til 9

# unik: u1 and u3 overlap (e = a, n 3..4) with different results; u2 and u4 give the same result
tabel Niveau
  politik unik
  hjemmel "L 1"
  | id | e    | n       || niveau: N |
  | u1 | a    | <= 4    || lav       |
  | u2 | b    | -       || mellem    |
  | u3 | a, c | >= 3    || høj       |
  | u4 | b    | 5       || mellem    |

# første, fed by Niveau (a derived column that cannot be read when e is missing or Niveau refuses)
tabel Sats
  politik første
  hjemmel "L 2"
  | id | niveau | b   || sats: heltal |
  | s1 | lav    | ja  || 1            |
  | s2 | lav    | -   || 2            |
  | s3 | -      | nej || 3            |
  | s4 | høj    | -   || afvis "Ingen sats ved højt niveau" |

tabel Valg
  politik prioritet
  hjemmel "L 3"
  | id | f    | n    || valg: N |
  | p1 | a, b | -    || høj     |
  | p2 | -    | >= 5 || lav     |
  | p3 | c    | -    || mellem  |

beslutning d
  niveau
  sats
  valg
"""

MISSING = object()


def _cases() -> list[dict]:
    out = []
    for e, f, b, n in itertools.product(["a", "b", "c", MISSING], ["a", "b", "c", MISSING],
                                        [True, False, MISSING], [0, 3, 4, 5, 9, MISSING]):
        case = {k: v for k, v in (("e", e), ("f", f), ("b", b), ("n", n)) if v is not MISSING}
        out.append(case)
    return out


def _line(pair) -> str:
    result, problem = pair
    return encode(result if problem is None else {"fejl": problem})


def test_both_selection_paths_equal_python(tmp_path: Path) -> None:
    module, gen = build(MODULE, tmp_path)
    engine = DuckEngine(module, gen, "d", python_results(gen, "d"))
    assert engine.why_not is None
    cases = _cases()
    got = [_line(p) for p in evaluate_cases(module, gen, "d", cases, engine)]
    want = [_line(p) for p in python_results(gen, "d")(iter([(dict(c), None) for c in cases]))]
    assert engine.by_sql == len(cases)  # every case decided by SQL, none handed to Python
    diffs = [(c, g, w) for c, g, w in zip(cases, got, want, strict=True) if g != w]
    assert not diffs, diffs[:5]
    # the interesting outcomes all occur
    text = "\n".join(want)
    assert "Flere regler i tabellen Niveau" in text  # overlap u1/u3 (quick path)
    assert "Ingen sats ved højt niveau" in text
    assert "Ingen regel i tabellen Niveau" in text
    assert "mangler feltet «e»" in text


@pytest.mark.parametrize("name", ["d1", "V2", "t1_ok", "e10", "l3", "gyldig"])
def test_a_field_named_like_a_generated_column_is_left_to_python(tmp_path: Path, name: str) -> None:
    """A field `d1` was read where the query meant its own column d1 (SQL compares names without
    case): the SQL target refuses such a field name (Unsupported), the engine leaves the decision to
    the Python evaluator, and the answers are Python's (found by a review)."""
    text = f"""felt {name}: beløb
felt x: heltal fra 0 til 100000
tabel T
  politik unik
  hjemmel "L 1"
  | id | {name}     | x || r: heltal |
  | a  | <= 1000 kr | - || 1 |
  | b  | > 5000 kr  | - || 2 |
beslutning d
  r
"""
    module, gen = build(text, tmp_path)
    engine = DuckEngine(module, gen, "d", python_results(gen, "d"))
    assert engine.why_not is not None and name in engine.why_not
    cases = [{name: Decimal("2345.50"), "x": 12345}, {name: Decimal("12"), "x": 1}]
    got = [_line(p) for p in evaluate_cases(module, gen, "d", cases, engine)]
    want = [_line(p) for p in python_results(gen, "d")(iter([(dict(c), None) for c in cases]))]
    assert got == want and "2.345,50 kr" in got[0]
