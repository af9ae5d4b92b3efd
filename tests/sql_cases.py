"""Random cases for a decision, for the SQL differential tests: valid values, the
boundaries the tables' cells and versions draw, and invalid or missing values."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from regel.codegen.spec import input_spec
from regel.model import ir


def boundaries(module: ir.Module) -> dict[str, list[object]]:
    """Per field: values at and next to every bound a table cell or version draws."""
    spec = input_spec(module)
    out: dict[str, set] = {name: set() for name in spec}
    for t in module.tables.values():
        for v in t.versions:
            if module.cutoff:
                for d in (v.valid_from, v.valid_to):
                    if d is not None:
                        out[module.cutoff] |= {d - timedelta(days=1), d, d + timedelta(days=1)}
            for r in v.rules:
                for col, cond in zip(t.inputs, r.conditions, strict=True):
                    if cond is None or col.name not in spec:
                        continue
                    kind = spec[col.name]["type"]
                    for lo, hi in cond.intervals:
                        for u in (lo - 1, lo, hi, hi + 1):
                            if abs(u) >= 10**13:
                                continue
                            if kind == "amount":
                                out[col.name].add(Decimal(u).scaleb(-2))
                            elif kind in ("int", "percent"):
                                out[col.name].add(u)
                            elif kind == "date" and 1 <= u <= date.max.toordinal():
                                out[col.name].add(date.fromordinal(u))
    return {k: sorted(v, key=str) for k, v in out.items()}


# Values at the ends of what a case may hold: dates next to 0001-01-01 and 9999-12-31 (date
# arithmetic leaves the calendar there), whole numbers and amounts next to 10^13 (the largest the
# engines take as numbers), zero and one.
_EXTREMES: dict[str, list[object]] = {
    "date": [date(1, 1, 1), date(1, 1, 2), date(1, 2, 1), date(9999, 12, 4), date(9999, 12, 31), date(9999, 1, 1)],
    "int": [0, 1, -1, 10**13 - 1, -(10**13) + 1, 10**12, 2**31, -(2**31) - 1],
    "percent": [0, 1, 99, 100, 101, -1, 10**13 - 1],
    "amount": [Decimal("0.00"), Decimal("0.01"), Decimal("-0.01"), Decimal("9999999999999.99"),
               Decimal("-9999999999999.99"), Decimal("1000000000000"), 10**13 - 1],
}


def random_case(module: ir.Module, rng: random.Random, bounds: dict[str, list[object]],
                invalid: float = 0.015, absent: float = 0.08, extreme: float = 0.02) -> dict[str, object]:
    spec = input_spec(module)
    case: dict[str, object] = {}
    names = list(spec)
    if rng.random() < 0.3:
        rng.shuffle(names)  # the Python evaluator validates in the case's own key order
    for name in names:
        s = spec[name]
        if rng.random() < absent:
            continue
        kind = s["type"]
        r = rng.random()
        if invalid <= r < invalid + extreme and kind in _EXTREMES:  # the calendar's ends, the largest numbers
            v = rng.choice(_EXTREMES[kind])
            case[name] = v.isoformat() if isinstance(v, date) else v
            continue
        if r < invalid:
            case[name] = rng.choice(["x", -1, 10**12, True, None, "2024-02-30", Decimal("1.005"), 2.5, "forsøger"])
            continue
        if kind == "enum":
            case[name] = rng.choice(s["domain"])
        elif kind == "bool":
            case[name] = rng.random() < 0.5
        elif kind == "date":
            pool = bounds.get(name) or []
            day = rng.choice(pool) if pool and r < 0.7 else date(2021, 1, 1) + timedelta(days=rng.randrange(6 * 366))
            case[name] = day.isoformat()
        elif kind in ("int", "percent"):
            lo, hi = s["domain"]
            pool = bounds.get(name) or []
            if pool and r < 0.6:
                case[name] = rng.choice(pool)
            else:
                a = lo if lo is not None else -5
                b = hi if hi is not None else max(a + 50, 200)
                case[name] = rng.randint(int(a) - 1, int(b) + 1)
        elif kind == "amount":
            pool = bounds.get(name) or []
            if pool and r < 0.6:
                v = rng.choice(pool)
            else:
                v = Decimal(rng.randrange(-100, 4_000_000)).scaleb(-2)
            if rng.random() < 0.3 and v == v.to_integral_value():
                v = int(v)
            elif rng.random() < 0.2:
                v = Decimal(f"{v}0")  # same amount, one more decimal written
            case[name] = v
        else:
            case[name] = rng.choice(["a", "b", ""])
    return case
