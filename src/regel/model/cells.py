"""Lowering of input cells to unions of closed unit intervals."""

from __future__ import annotations

from decimal import Decimal

from .. import diagnostics as dg
from ..syntax import ast
from .expressions import did_you_mean
from .ir import Cond
from .types import NEG_INF, POS_INF, Kind, Type, to_unit


def _unit(t: Type, lit: ast.Expr, diags: list[dg.Diagnostic]) -> int | None:
    """A literal of a cell as a unit of the column type, or None with a diagnostic."""
    k = t.kind
    bad = None
    if k is Kind.ENUM:
        if isinstance(lit, ast.Name) and lit.name in t.values:
            return t.values.index(lit.name)
        if isinstance(lit, ast.Name):
            diags.append(dg.error("E104", f"«{lit.name}» er ikke en værdi af {t.display}.", lit.span,
                                  did_you_mean(lit.name, t.values) or f"Mulige værdier: {', '.join(t.values)}."))
            return None
        bad = t.display
    elif k is Kind.BOOL:
        if isinstance(lit, ast.Bool):
            return int(lit.value)
        bad = "ja eller nej"
    elif k is Kind.DATE:
        if isinstance(lit, ast.DateLit):
            return lit.value.toordinal()
        bad = "en dato"
    elif k in (Kind.INT, Kind.AMOUNT, Kind.PERCENT):
        if isinstance(lit, ast.Number):
            if (k is Kind.INT and lit.unit) or (k is Kind.AMOUNT and lit.unit == "%") or (
                    k is Kind.PERCENT and lit.unit == "kr"):
                bad = {Kind.INT: "et helt tal", Kind.AMOUNT: "et beløb", Kind.PERCENT: "en procent"}[k]
            else:
                try:
                    unit = to_unit(t, lit.value)
                except ValueError:
                    what = {Kind.AMOUNT: "hele øre", Kind.PERCENT: "hele procent"}.get(k, "hele tal")
                    hint = "Kolonnens værdier er hele enheder; ret værdien."
                    if k is Kind.PERCENT:
                        hint = ("Felter og betingelser regnes i hele procent; brøkdele af en procent kan kun "
                                "bruges i beregninger (fx «indtægt * 7,5 %»).")
                    diags.append(dg.error("E112", f"Værdien {lit.span.text} kan ikke skrives i {what}.",
                                          lit.span, hint))
                    return None
                if not NEG_INF < unit < POS_INF:
                    # The analysis uses ±10^15 units as "unbounded": a value there would be read as infinity.
                    diags.append(dg.error("E112", f"Værdien {lit.span.text} er for stor.", lit.span,
                                          "Beløb skal være under 10.000.000.000.000 kr, andre tal under "
                                          "1.000.000.000.000.000."))
                    return None
                return unit
        else:
            bad = {Kind.INT: "et helt tal", Kind.AMOUNT: "et beløb", Kind.PERCENT: "en procent"}[k]
    else:
        bad = t.display
    diags.append(dg.error("E105", f"«{lit.span.text}» passer ikke i en kolonne af typen {t.display}.",
                          lit.span, f"Her forventes {bad}."))
    return None


def _merge(intervals: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[list[int]] = []
    for lo, hi in sorted(i for i in intervals if i[0] <= i[1]):
        if out and lo <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return tuple((a, b) for a, b in out)


def complement(ivs: tuple[tuple[int, int], ...], lo: int, hi: int) -> tuple[tuple[int, int], ...]:
    out = []
    cur = lo
    for a, b in ivs:
        if a > cur:
            out.append((cur, a - 1))
        cur = max(cur, b + 1)
    if cur <= hi:
        out.append((cur, hi))
    return tuple(out)


def lower_cell(cell: ast.InCell, t: Type, diags: list[dg.Diagnostic]) -> Cond | None | bool:
    """None for `-` (any); a Cond; or False when the cell had errors."""
    if isinstance(cell, ast.AnyCell):
        return None
    if t.kind is Kind.TEXT:
        diags.append(dg.error("E105", "En tekstkolonne kan ikke være en betingelse.", cell.span,
                              "Brug en opremsning (type … er en af: …)."))
        return False
    lo, hi = t.domain
    parts: list[tuple[int, int]] = []
    ok = True
    for c in cell.conditions:
        if isinstance(c, ast.Eq):
            u = _unit(t, c.value, diags)
            if u is None:
                ok = False
                continue
            parts.append((u, u))
        elif isinstance(c, ast.Cmp):
            if t.kind in (Kind.ENUM, Kind.BOOL):
                diags.append(dg.error("E105", f"«{c.op}» kan ikke bruges på {t.display}.", c.span,
                                      "Skriv værdierne, adskilt af komma."))
                ok = False
                continue
            u = _unit(t, c.value, diags)
            if u is None:
                ok = False
                continue
            parts.append({"<": (lo, u - 1), "<=": (lo, u), ">": (u + 1, hi), ">=": (u, hi)}[c.op])
        else:
            if t.kind in (Kind.ENUM, Kind.BOOL):
                diags.append(dg.error("E105", f"Et interval kan ikke bruges på {t.display}.", c.span))
                ok = False
                continue
            a, b = _unit(t, c.low, diags), _unit(t, c.high, diags)
            if a is None or b is None:
                ok = False
                continue
            parts.append((a if c.low_closed else a + 1, b if c.high_closed else b - 1))
    if not ok:
        return False
    clipped = [(max(a, lo), min(b, hi)) for a, b in parts]
    ivs = _merge(clipped)
    if cell.negated:
        ivs = complement(ivs, lo, hi)
    return Cond(ivs, cell.span.text.strip(), cell.span)


def unit_of_literal(t: Type, lit: ast.Expr, diags: list[dg.Diagnostic]) -> int | None:
    return _unit(t, lit, diags)


def python_value(t: Type, lit: ast.Expr, diags: list[dg.Diagnostic]) -> object | None:
    """A literal as the Python value the generated code uses for type `t`."""
    if t.kind is Kind.TEXT:
        if isinstance(lit, ast.Text):
            return lit.value
        diags.append(dg.error("E105", "Her forventes en tekst.", lit.span))
        return None
    if t.kind is Kind.NUMBER and isinstance(lit, ast.Number) and not lit.unit:
        return lit.value
    u = _unit(t, lit, diags)
    if u is None:
        return None
    if t.kind is Kind.ENUM:
        return t.values[u]
    if t.kind is Kind.BOOL:
        return bool(u)
    if t.kind is Kind.DATE:
        assert isinstance(lit, ast.DateLit)
        return lit.value
    if t.kind is Kind.AMOUNT:
        assert isinstance(lit, ast.Number)
        return Decimal(lit.value)
    return u
