"""Expressions of the model as SQL: a value, the error it raises (NULL: none), and its scale.

Semantics follow regel.runtime (exact Decimal arithmetic, legal rounding, percent as a
fraction in products). Every numeric value is a DECIMAL(38, s) with a static scale s
large enough to hold it exactly; `exact` is the scale the Python evaluator's Decimal
carries (its exponent), which decides how a result is written (`587.25`, `5.00`): an
int, a SQL expression when it depends on the case, or None when SQL cannot know it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Context, Decimal

from ..model import ir
from ..runtime.core import _ROUNDING, _ROUNDING_TO
from ..runtime.ops import plan
from . import messages as msg
from .display import q

NULL_TEXT = "CAST(NULL AS VARCHAR)"
# Errors are integer codes while a row is decided (NULL: none); the decision's last step
# turns its code into the message (Compiler.code): no text is built for a row that is not refused.
NO_ERROR = "CAST(NULL AS INTEGER)"
MAX_SCALE = 18  # a scale beyond this cannot be shown or held exactly next to 20 whole digits


class Unsupported(Exception):  # noqa: N818 - raised with a Danish message for the user
    """The decision uses something the SQL target cannot compute exactly (message in Danish)."""


@dataclass(frozen=True)
class Sql:
    """A compiled expression."""

    v: str  # the value (NULL when it has none or when `e` is set)
    e: str  # the error code (Compiler.code), or NO_ERROR
    kind: str
    mx: int = 0  # static scale of a numeric value
    ex: int | str | None = 0  # exact (Decimal exponent) scale: int, SQL, or unknown


NUMERIC = ("amount", "int", "percent", "number")


def dec(x: str, s: int) -> str:
    target = f" AS DECIMAL(38, {s}))"
    if x.startswith("CAST(") and x.endswith(target) and _one_call(x):
        return x  # already that type: no second cast
    return f"CAST({x}{target}"


def _one_call(x: str) -> bool:
    """Whether the parenthesis opened by x's first `(` closes at its end (outside string literals)."""
    depth, quoted = 0, False
    for i, ch in enumerate(x):
        if ch == "'":
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth -= 1
            if depth == 0:
                return i == len(x) - 1
    return False


def first_error(*errors: str) -> str:
    """The first non-null of the errors, in evaluation order."""
    real = [e for e in errors if e != NO_ERROR]
    if not real:
        return NO_ERROR
    return real[0] if len(real) == 1 else f"COALESCE({', '.join(real)})"


def literal(value: object, kind: str) -> Sql:
    if value is None:
        return Sql("NULL", NO_ERROR, kind)
    if isinstance(value, bool):
        return Sql("TRUE" if value else "FALSE", NO_ERROR, kind)
    if kind in NUMERIC:
        d = Decimal(value)  # type: ignore[arg-type]
        exp = d.as_tuple().exponent
        s = max(0, -exp) if isinstance(exp, int) else 0
        if s > MAX_SCALE:
            raise Unsupported(f"tallet {value} har flere decimaler, end SQL-målet kan regne eksakt med")
        text = format(d, "f")
        return Sql(dec(text, s), NO_ERROR, kind, s, s)
    if kind == "date":
        return Sql(f"CAST({q(value.isoformat())} AS DATE)", NO_ERROR, kind)  # type: ignore[attr-defined]
    return Sql(q(str(value)), NO_ERROR, kind)


def _max_ex(a: int | str | None, b: int | str | None) -> int | str | None:
    if a is None or b is None:
        return None
    if isinstance(a, int) and isinstance(b, int):
        return max(a, b)
    return f"GREATEST({a}, {b})"


def _add_ex(a: int | str | None, b: int | str | None, extra: int = 0) -> int | str | None:
    if a is None or b is None:
        return None
    if isinstance(a, int) and isinstance(b, int):
        return a + b + extra
    return f"({a} + {b} + {extra})"


def _terminating_reciprocal(d: Decimal) -> Decimal | None:
    """1/d when it is a finite decimal (d = 2^a 5^b × 10^k), else None."""
    if d == 0:
        return None
    num, den = d.as_integer_ratio()
    # 1/d = den/num: finite iff num has no prime factors but 2 and 5
    n = abs(num)
    for p in (2, 5):
        while n % p == 0:
            n //= p
    if n != 1:
        return None
    r = Decimal(den) / Decimal(num)
    return r.normalize()


def fraction(x: Sql) -> Sql:
    """A percent as the fraction it means in products (core._frac)."""
    return Sql(dec(f"{dec(x.v, x.mx)} * 0.01", x.mx + 2), x.e, "number", x.mx + 2, _add_ex(x.ex, 0, 2))


# The calendar as days after 0001-01-01: a date is in it when 0 <= days <= _LAST_DAY.
_FIRST_DAY = "DATE '0001-01-01'"
_LAST_DAY = 3652058  # 9999-12-31


def arithmetic(op: str, a: Sql, b: Sql, kind: str, b_const: object | None,
               code: Callable[[str], str]) -> Sql:
    """`a op b` as ops.plan computes it for these kinds."""
    name, frac_a, frac_b, negate_b = plan(op, a.kind, b.kind)
    err = first_error(a.e, b.e)
    if name == "_days_between":
        return Sql(f"DATE_DIFF('day', {b.v}, {a.v})", err, kind, 0, 0)
    if name == "_add_days":
        return add_days(a, b, negate_b, kind, err, code)
    if frac_a:
        a = fraction(a)
    if frac_b:
        b = fraction(b)
        if b_const is not None:
            b_const = Decimal(b_const).scaleb(-2)  # type: ignore[arg-type]
    if name in ("_add", "_sub"):
        s = max(a.mx, b.mx)
        sign = "+" if name == "_add" else "-"
        return Sql(dec(f"{dec(a.v, s)} {sign} {dec(b.v, s)}", s), err, kind, s, _max_ex(a.ex, b.ex))
    if name == "_mul":
        s = a.mx + b.mx
        if s > MAX_SCALE:
            raise Unsupported("et produkt får flere decimaler, end SQL-målet kan regne eksakt med")
        return Sql(dec(f"{dec(a.v, a.mx)} * {dec(b.v, b.mx)}", s), err, kind, s, _add_ex(a.ex, b.ex))
    # _div: exact only as a product with a terminating reciprocal of a constant divisor
    r = _terminating_reciprocal(Decimal(b_const)) if b_const is not None else None  # type: ignore[arg-type]
    if r is None:
        raise Unsupported("division med andet end et fast tal, hvis omvendte er et endeligt decimaltal "
                          "(fx / 4, men ikke / 12 eller / felt), kan SQL-målet ikke regne eksakt")
    rs = max(0, -r.as_tuple().exponent)  # type: ignore[operator]
    s = a.mx + rs
    if s > MAX_SCALE:
        raise Unsupported("en division får flere decimaler, end SQL-målet kan regne eksakt med")
    # Decimal division keeps the exact quotient with trailing zeros cut down to the ideal
    # exponent: not a static scale. Results are rounded before they are written in practice.
    return Sql(dec(f"{dec(a.v, a.mx)} * {dec(format(r, 'f'), rs)}", s), err, kind, s, None)


def add_days(a: Sql, b: Sql, negate_b: bool, kind: str, err: str, code: Callable[[str], str]) -> Sql:
    """core._add_days: the date `a` plus `b` whole days, refused (with its words) outside years 1–9999.

    Counted as whole days after 0001-01-01 in DECIMAL (`n`), never as a date outside the
    calendar (PostgreSQL stops at 4713 BC, T-SQL's DATEADD at year 9999) nor as a BIGINT a
    computed step may exceed; `n` is clamped to one day past either end, which NULLIF turns into
    no value. `a` occurs once in the value, so chained steps (`d + n + n`) grow the SQL linearly."""
    if b.mx != 0:  # cannot happen today (only dato + heltal type-checks); core would truncate
        raise Unsupported("et antal dage med decimaler lagt til en dato kan SQL-målet ikke regne eksakt")
    days = dec(f"{'-' if negate_b else ''}({b.v})", 0)
    n = f"DATE_DIFF('day', {_FIRST_DAY}, {a.v}) + {days}"
    clamped = f"LEAST(GREATEST({n}, -1), {_LAST_DAY + 1})"
    inside = f"CAST(CAST(NULLIF(NULLIF({clamped}, -1), {_LAST_DAY + 1}) AS BIGINT) AS INTEGER)"
    message = msg.date_overflow().fill(q, f"CAST({a.v} AS VARCHAR)", f"CAST({days} AS VARCHAR)")
    outside = f"CASE WHEN NOT COALESCE({n} BETWEEN 0 AND {_LAST_DAY}, TRUE) THEN {code(message)} END"
    return Sql(f"{_FIRST_DAY} + {inside}", first_error(err, outside), kind)


def negate(x: Sql) -> Sql:
    return Sql(dec(f"-({x.v})", x.mx), x.e, x.kind, x.mx, x.ex)


def _step_round(x: str, s: int, how: str) -> str:
    """`x` (DECIMAL(38, s)) rounded to a whole number: half up (away from zero), floor or ceiling."""
    if how == "half_up":
        return f"(SIGN({x}) * FLOOR(ABS({x}) + 0.5))"
    return f"FLOOR({x})" if how == "down" else f"CEIL({x})"


_HOW = {v: k for k, v in _ROUNDING_TO.items()}


def _floor_div(a: Sql, d: Decimal) -> str:
    """FLOOR(a / d) exactly, for a constant d > 0, with multiplications only: an estimate from a
    30-digit reciprocal (off by at most one) corrected by comparing n × d with a."""
    rs = max(0, 30 - a.mx)
    ctx = Context(prec=80)
    r = ctx.divide(Decimal(1), d).quantize(Decimal(1).scaleb(-rs), context=ctx)
    ds = max(0, -d.as_tuple().exponent)  # type: ignore[operator]
    av = dec(a.v, a.mx)
    rv = dec(format(r, "f"), rs)
    n0 = dec(f"FLOOR({dec(f'{av} * {rv}', a.mx + rs)})", 0)
    dd = dec(format(d, "f"), ds)
    return (f"CASE WHEN {n0} * {dd} > {av} THEN {n0} - 1 "
            f"WHEN ({n0} + 1) * {dd} <= {av} THEN {n0} + 1 ELSE {n0} END")


def _exact_round(x: Sql, divisor: Decimal, how: str) -> str:
    """The whole number x / divisor rounded half up (away from zero), down or up, exactly."""
    if divisor < 0:
        x, divisor = negate(x), -divisor
    if how == "down":
        return _floor_div(x, divisor)
    if how == "up":
        return f"-({_floor_div(negate(x), divisor)})"
    ds = max(0, -divisor.as_tuple().exponent)  # type: ignore[operator]
    s = max(x.mx, ds)
    twice = Sql(dec(f"2 * ABS({dec(x.v, x.mx)}) + {dec(format(divisor, 'f'), ds)}", s), x.e, x.kind, s)
    return f"SIGN({x.v}) * ({_floor_div(twice, 2 * divisor)})"


def rounding(x: Sql, mode: str, kind: str, divisor: Decimal | None = None) -> Sql:
    """core._round in SQL: to whole kroner, øre, or a multiple of a step; of `x / divisor`
    when a division by a constant is rounded (exact, whatever its decimals)."""
    rule = _ROUNDING.get(mode)
    if rule is not None:
        quantum, how_const = rule
        how = _HOW[how_const]
    else:
        _to, how, step = mode.split(":")
        quantum = Decimal(step)
    qs = max(0, -quantum.as_tuple().exponent)  # type: ignore[operator]
    inv = _terminating_reciprocal(quantum) if divisor is None else None
    exact = 0 if kind in ("int", "percent") else qs
    whole_kind = rule is not None and kind in ("int", "percent")
    if divisor is None and quantum == Decimal(1).scaleb(-qs) and x.mx <= qs and not (whole_kind and qs):
        # already a multiple of the quantum (whole kroner of a whole number): nothing to round
        return Sql(dec(x.v, qs), x.e, kind, qs, exact)
    if inv is not None:
        inv_s = max(0, -inv.as_tuple().exponent)  # type: ignore[operator]
        scaled_s = x.mx + inv_s
        scaled = dec(f"{dec(x.v, x.mx)} * {dec(format(inv, 'f'), inv_s)}", scaled_s)
        whole = _step_round(scaled, scaled_s, how)
    else:
        if x.mx > MAX_SCALE:
            raise Unsupported("en afrunding af et tal med for mange decimaler kan SQL-målet ikke regne eksakt")
        whole = _exact_round(x, (divisor if divisor is not None else Decimal(1)) * quantum, how)
    value = dec(f"{dec(whole, 0)} * {dec(format(quantum, 'f'), qs)}", qs)
    if whole_kind:
        qs = 0
    return Sql(value, x.e, kind, qs, exact)


def extreme(func: str, args: list[Sql], kind: str) -> Sql:
    """min/maks: the first argument that is least (greatest), as Python's min()/max()."""
    err = first_error(*(a.e for a in args))
    if kind not in NUMERIC:
        sql = "LEAST" if func == "min" else "GREATEST"
        return Sql(f"{sql}({', '.join(a.v for a in args)})", err, kind)
    s = max(a.mx for a in args)
    vals = [dec(a.v, s) for a in args]
    better = "<=" if func == "min" else ">="
    arms_v, arms_x = [], []
    for i, v in enumerate(vals[:-1]):
        cond = " AND ".join(f"{v} {better} {w}" for w in vals[i + 1:])
        arms_v.append(f"WHEN {cond} THEN {v}")
        arms_x.append(f"WHEN {cond} THEN {args[i].ex}")
    value = f"CASE {' '.join(arms_v)} ELSE {vals[-1]} END"
    exs = [a.ex for a in args]
    if any(e is None for e in exs):
        exact: int | str | None = None
    elif len(set(map(str, exs))) == 1:
        exact = exs[0]
    else:
        exact = f"CASE {' '.join(arms_x)} ELSE {exs[-1]} END"
    return Sql(value, err, kind, s, exact)


def weeks(x: Sql) -> Sql:
    return Sql(dec(f"7 * {dec(x.v, x.mx)}", x.mx), x.e, "int", x.mx, x.ex)


def compile_expr(e: ir.Expr, ref: Callable[[str, bool], Sql], citation: Callable[[str], Sql],
                 code: Callable[[str], str], top: bool = False) -> Sql:
    """An expression; `ref(name, top)` gives a name's compiled value, `citation(table)` hjemmel(),
    `code(message SQL)` the error code of a refusal the expression itself can raise."""
    kind = str(e.type.kind)
    if isinstance(e, ir.Const):
        return literal(e.value, kind)
    if isinstance(e, ir.Ref):
        return ref(e.name, top)
    if isinstance(e, ir.CitationOf):
        return citation(e.table)
    if isinstance(e, ir.NoValue):
        return Sql("NULL", NO_ERROR, kind)
    if isinstance(e, ir.Neg):
        return negate(compile_expr(e.operand, ref, citation, code))
    if isinstance(e, ir.Round):
        inner = e.operand
        if isinstance(inner, ir.Op) and inner.op == "/" and isinstance(inner.right, ir.Const) \
                and inner.right.value != 0 and _terminating_reciprocal(Decimal(inner.right.value)) is None:
            a = compile_expr(inner.left, ref, citation, code)
            b = Decimal(inner.right.value)  # type: ignore[arg-type]
            if inner.right.type.kind.value == "percent":
                b = b.scaleb(-2)
            if inner.left.type.kind.value == "percent":
                a = fraction(a)
            return rounding(a, e.mode, kind, divisor=b)
        return rounding(compile_expr(inner, ref, citation, code), e.mode, kind)
    if isinstance(e, ir.Call):
        args = [compile_expr(a, ref, citation, code) for a in e.args]
        if e.func == "uger":
            return weeks(args[0])
        return extreme(e.func, args, kind)
    if isinstance(e, ir.Op):
        a = compile_expr(e.left, ref, citation, code)
        b = compile_expr(e.right, ref, citation, code)
        const = e.right.value if isinstance(e.right, ir.Const) else None
        return arithmetic(e.op, a, b, kind, const, code)
    raise Unsupported(f"udtrykket {type(e).__name__} findes ikke i SQL-målet")
