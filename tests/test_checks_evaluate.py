"""The checker's small Decimal evaluator and expression printer (for relations)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from regel.checks.evaluate import NotConstantError, evaluate, same_value, show
from regel.model import ir
from regel.model.types import AMOUNT, DATE, INT, PERCENT, TEXT


def kr(v: str) -> ir.Const:
    return ir.Const(Decimal(v), AMOUNT)


def pct(name: str = "p") -> ir.Ref:
    return ir.Ref(name, PERCENT)


def rounded(e: ir.Expr, mode: str = "kroner") -> ir.Round:
    return ir.Round(e, mode, AMOUNT)


def test_percent_is_a_fraction_and_rounding_is_half_up():
    e = rounded(ir.Op("*", kr("783"), pct(), AMOUNT))
    assert evaluate(e, {"p": 50}) == Decimal("392")  # 391,50 -> 392
    assert evaluate(e, {"p": 75}) == Decimal("587")  # 587,25 -> 587
    half = rounded(ir.Op("*", kr("569"), pct(), AMOUNT))
    assert evaluate(half, {"p": 50}) == Decimal("285")  # round() would give 284


@pytest.mark.parametrize(("mode", "value", "expected"), [
    ("kroner", "10.5", "11"), ("kroner_down", "587.99", "587"), ("oere", "1.005", "1.01"),
])
def test_rounding_modes(mode, value, expected):
    assert evaluate(rounded(kr(value), mode), {}) == Decimal(expected)


def test_calls_negation_and_dates():
    weeks = ir.Call("uger", (ir.Const(2, INT),), INT)
    assert evaluate(weeks, {}) == 14
    assert evaluate(ir.Op("+", ir.Const(date(2024, 3, 1), DATE), weeks, DATE), {}) == date(2024, 3, 15)
    assert evaluate(ir.Call("min", (kr("5"), kr("3")), AMOUNT), {}) == Decimal(3)
    assert evaluate(ir.Call("maks", (kr("5"), kr("3")), AMOUNT), {}) == Decimal(5)
    assert evaluate(ir.Neg(kr("5"), AMOUNT), {}) == Decimal(-5)
    later = ir.Op("-", ir.Const(date(2024, 3, 15), DATE), ir.Const(date(2024, 3, 1), DATE), INT)
    assert evaluate(later, {}) == 14


@pytest.mark.parametrize("expr", [
    ir.Ref("ukendt", AMOUNT), ir.CitationOf("T", TEXT), ir.Refuse("nej", AMOUNT),
    ir.Op("/", kr("1"), ir.Const(0, INT), AMOUNT),
])
def test_what_is_not_constant(expr):
    with pytest.raises(NotConstantError):
        evaluate(expr, {})


def test_same_value_compares_numbers_by_value():
    assert same_value(Decimal("756"), Decimal("756.00"))
    assert same_value(756, Decimal("756"))
    assert not same_value(Decimal("302"), Decimal("392"))
    assert not same_value(True, 1)


def test_show_substitutes_and_parenthesises():
    e = rounded(ir.Op("*", ir.Ref("fuld", AMOUNT), pct(), AMOUNT))
    assert show(e, {"fuld": (AMOUNT, Decimal(783)), "p": (PERCENT, 50)}) == "afrund(783 kr × 50 %)"
    a, b, c = (ir.Ref(n, INT) for n in "abc")
    assert show(ir.Op("*", ir.Op("+", a, b, INT), c, INT)) == "(a + b) × c"
    assert show(ir.Op("-", a, ir.Op("-", b, c, INT), INT)) == "a − (b − c)"
    assert show(ir.Op("-", ir.Op("-", a, b, INT), c, INT)) == "a − b − c"
    assert show(ir.Refuse("Ingen sats", AMOUNT)) == 'afvis "Ingen sats"'


def test_checker_arithmetic_is_the_runtime_arithmetic():
    """One room: the relation checker computes with the generated code's primitives,
    in its private 60-digit context (a default 28-digit context would round 1/3 early)."""
    from decimal import Decimal

    from regel.model import ir
    from regel.model.types import AMOUNT, NUMBER, PERCENT
    from regel.runtime import ops

    third = ir.Op("/", ir.Const(Decimal(1), NUMBER), ir.Const(Decimal(3), NUMBER), NUMBER)
    assert evaluate(third, {}) == ops.apply("/", "number", "number", Decimal(1), Decimal(3))
    assert len(str(evaluate(third, {}))) > 40
    pct = ir.Op("*", ir.Const(Decimal(783), AMOUNT), ir.Const(50, PERCENT), AMOUNT)
    assert evaluate(pct, {}) == Decimal("391.5")
    rounded = ir.Round(pct, "kroner", AMOUNT)
    assert evaluate(rounded, {}) == 392  # half up, never bankers' rounding
