"""Rounding modes the laws use: «rundes opad» (børne- og ungeydelseslovens § 4) and
rounding to a multiple, in the runtime core, the interpreter, generated code, the
checker's relations and the language (`afrunding …`, `afrund_op(…)`)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from generated_loader import import_source
from hypothesis import given, settings
from hypothesis import strategies as st
from outcomes import outcome

from regel import interp
from regel.codegen import generate
from regel.model import load
from regel.runtime.core import _round

D = Decimal


@pytest.mark.parametrize(("mode", "value", "expected"), [
    ("kroner_up", D("1477.5"), 1478), ("kroner_up", D("1477.01"), 1478), ("kroner_up", D("1477"), 1477),
    ("kroner_up", D("-1.5"), -1),
    ("kroner", D("1477.5"), 1478), ("kroner", D("1477.49"), 1477),
    ("kroner_down", D("1477.99"), 1477),
    ("til:half_up:100", D("1450"), 1500), ("til:half_up:100", D("1449.99"), 1400),
    ("til:up:100", D("1401"), 1500), ("til:up:100", D("1400"), 1400),
    ("til:down:100", D("1499.99"), 1400),
    ("til:half_up:0.5", D("10.26"), D("10.5")), ("til:half_up:0.5", D("10.24"), D("10.0")),
])
def test_runtime_rounding(mode, value, expected):
    assert _round(value, mode, False) == expected


MODULE = """\
felt ydelse: beløb fra 0 kr til 100.000 kr

tabel Halv "Den halve ydelse, rundet opad (BUL § 4)"
  hjemmel "BUL § 4, stk. 1"
  afrunding opad hele kroner
  | ydelse || halv          |
  | -      || ydelse / 2    |

tabel Hundrede "Til nærmeste 100 kr"
  hjemmel "Testlov § 1"
  afrunding til nærmeste 100 kr
  | ydelse || afrundet      |
  | -      || ydelse * 1    |

tabel Op "Opad til 50 kr"
  hjemmel "Testlov § 2"
  afrunding opad til 50 kr
  | ydelse || op            |
  | -      || ydelse + 0 kr |

tabel Ned "Nedad til 1.000 kr"
  hjemmel "Testlov § 3"
  afrunding nedad til 1.000 kr
  | ydelse || ned           |
  | -      || ydelse + 0 kr |

værdi eksplicit = afrund_op(ydelse / 3)

beslutning b
  halv
  afrundet
  op
  ned
  eksplicit

eksempel "2.955 kr deles" for b:
  givet ydelse = 2.955 kr
  forvent halv = 1.478 kr, afrundet = 3.000 kr, op = 3.000 kr, ned = 2.000 kr, eksplicit = 985 kr

eksempel "øre rundes op" for b:
  givet ydelse = 1.000,02 kr
  forvent halv = 501 kr, afrundet = 1.000 kr, op = 1.050 kr, ned = 1.000 kr, eksplicit = 334 kr
"""


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    d = tmp_path_factory.mktemp("afrunding")
    (d / "afrunding.regel").write_text(MODULE, encoding="utf-8")
    modules, diags = load([d / "afrunding.regel"])
    assert modules, [x.message for x in diags]
    m = modules[0]
    return m, import_source(generate(m), d, "afrunding_gen"), m


def test_examples_pass(both, tmp_path, capsys):
    from regel.cli import main

    (tmp_path / "afrunding.regel").write_text(MODULE, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0
    assert main(["test", str(tmp_path)]) == 0, capsys.readouterr()


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10_000_000))
def test_generated_equals_interpreter(both, oere):
    _m, gen, m = both
    case = {"ydelse": Decimal(oere) / 100}
    got = outcome(lambda c: gen.evaluate(c, "b"), case)
    assert got == outcome(lambda c: interp.evaluate(m, "b", c), case)
    assert got["halv"] * 2 >= case["ydelse"]  # rounded up, never down


def test_relation_checks_with_rounding_up(tmp_path):
    from regel.checks import check_module

    text = """\
type Del er en af: hel, halv
felt del: Del
tabel Sats
  hjemmel "BUL § 4"
  relation sats = afrund_op(fuld / 2) hvor fuld er sats ved del = hel
  | del  || sats     |
  | hel  || 2.955 kr |
  | halv || 1.477 kr |
beslutning b
  sats
"""
    (tmp_path / "r.regel").write_text(text, encoding="utf-8")
    modules, _ = load([tmp_path / "r.regel"])
    found = [d for d in check_module(modules[0]) if d.code == "E205"]
    assert len(found) == 1 and found[0].data["beregnet"] == 1478
    assert "afrund_op(2.955 kr / 2) = 1.478 kr" in found[0].message
