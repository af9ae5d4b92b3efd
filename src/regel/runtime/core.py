"""Runtime primitives shared by the reference interpreter and every generated module.

Everything after the EMBED marker is copied verbatim into generated modules, so
this file may import only the standard library and must never import regel.
Sharing one copy is deliberate: case validation, exact arithmetic, legal
rounding, Danish value display and the wording of every error are then the same
in the interpreter and in generated code by construction; what differs between
the two (table selection, laziness, expressions) is what the differential tests
compare.

Values travel as: amounts Decimal kr, percent int/Decimal in whole percent,
numbers Decimal, ints int, enums str, ja/nej bool, dates date, text str. Units
(for comparisons) are ints: øre, percent, ordinal days, enum index, 0/1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)

# ---- EMBED: everything below is copied into generated modules ----

# A private context: results must not depend on the caller's decimal settings.
_C = Context(prec=60, rounding=ROUND_HALF_EVEN, Emin=-999999, Emax=999999,
             traps=[InvalidOperation, DivisionByZero, Overflow])
# The analysis treats |units| beyond 10**15 as infinite; refuse such inputs.
_LIMIT = 10**15
_NEG_INF = -_LIMIT  # regel.model.types.NEG_INF: the bound of an open-ended interval
_POS_INF = _LIMIT
# A number in a case may have at most this many digits before and after the decimal
# point (the same limits as a number written in a .regel file). Checked on the digits
# as written, before any arithmetic: 1E-10000000 would otherwise cost minutes.
_MAX_WHOLE_DIGITS = 15
_MAX_FRACTION_DIGITS = 10
# Only this much of an unknown word is compared for a «mente du …?» hint: difflib is
# quadratic, and no real name or value is longer.
_HINT_MAX = 100
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# Rounding modes: to whole kroner half up (the default), down or up; to øre; and to a
# multiple of an amount (`til:half_up:100` = «afrunding til nærmeste 100 kr», `til:up:…`,
# `til:down:…`). «Opad» is ceiling and «nedad» floor, as the laws use the words.
_ROUNDING = {
    "kroner": (Decimal(1), ROUND_HALF_UP),
    "oere": (Decimal("0.01"), ROUND_HALF_UP),
    "kroner_down": (Decimal(1), ROUND_FLOOR),
    "kroner_up": (Decimal(1), ROUND_CEILING),
}
_ROUNDING_TO = {"half_up": ROUND_HALF_UP, "up": ROUND_CEILING, "down": ROUND_FLOOR}


# What each table policy is called in Danish: in the language, in traces, in messages.
_POLICY_NAMES = {"unique": "unik", "first": "første", "priority": "prioritet", "collect": "samling"}


class RegelFejl(Exception):  # noqa: N818 - the public name is Danish by design
    """The rules give no answer for this case; `besked` says why, in Danish."""

    def __init__(self, besked: str, felt: str | None = None, tabel: str | None = None,
                 regel: str | None = None) -> None:
        super().__init__(besked)
        self.besked = besked
        self.felt = felt
        self.tabel = tabel
        self.regel = regel


_NEAR_SEEN: dict[tuple[str, frozenset], str | None] = {}  # (word, options) -> _near's answer
_NEAR_SEEN_MAX = 4096  # bounded: forgotten all at once when full
_NEAR_MISS = object()


def _near(word: object, options: object) -> str | None:
    """The closest known name for a «mente du …?» hint, or None. difflib is imported
    here, on the first refusal, so importing a generated module stays cheap. The answer
    is remembered per (word, options): a batch with many lines of the same wrong value pays
    for one difflib search (~1 ms). The options' order does not change difflib's answer
    (the best ratio wins, ties go to the greatest name), so they are keyed as a set."""
    if not isinstance(word, str) or not word or len(word) > _HINT_MAX:
        return None
    opts = list(options)  # type: ignore[call-overload]
    try:
        key = (word, frozenset(opts))
    except TypeError:  # an unhashable option: not remembered
        key = None
    if key is not None:
        seen = _NEAR_SEEN.get(key, _NEAR_MISS)
        if seen is not _NEAR_MISS:
            return seen  # type: ignore[return-value]
    import difflib

    near = difflib.get_close_matches(word, opts, n=1, cutoff=0.6)
    answer = near[0] if near else None
    if key is not None:
        if len(_NEAR_SEEN) >= _NEAR_SEEN_MAX:
            _NEAR_SEEN.clear()
        _NEAR_SEEN[key] = answer
    return answer


def _digits_fit(number: Decimal) -> bool:
    """Whether a finite Decimal has at most _MAX_WHOLE_DIGITS before and
    _MAX_FRACTION_DIGITS after the point, as written (1,50 has two decimals)."""
    _sign, digits, exponent = number.as_tuple()
    if not isinstance(exponent, int):
        return False
    return -exponent <= _MAX_FRACTION_DIGITS and len(digits) + exponent <= _MAX_WHOLE_DIGITS


# ---- display in Danish notation ---------------------------------------------------


def _number(d: Decimal | int, money: bool = False) -> str:
    """1964 -> '1.964', 30.90 -> '30,9' (trailing zeros dropped); with `money` a fraction
    has at least two decimals, as øre are written: 10469.5 -> '10.469,50'."""
    d = Decimal(d)
    sign = "-" if d < 0 else ""
    d = abs(d)
    if d == d.to_integral_value():
        whole, frac = str(int(d)), ""
    else:
        text = f"{d.normalize(_C):f}"
        whole, _, frac = text.partition(".")
        if money:
            frac = frac.ljust(2, "0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


def _show(kind: str, value: object) -> str:
    """A value as a legal editor writes it: `1.964 kr`, `75 %`, `ja`, `2024-01-01`."""
    if value is None:
        return "ingen"
    if isinstance(value, list):
        return ", ".join(_show(kind, v) for v in value) if value else "ingen"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, Decimal)):
        if kind == "amount":
            return _number(value, money=True) + " kr"
        if kind == "percent":
            return _number(value) + " %"
        return _number(value)
    if kind == "text":
        return f'"{value}"'
    return str(value)


def _short(value: object) -> str:
    """A case value as a JSON user wrote it (true, 2.5, "tekst"), not as Python spells it."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    elif isinstance(value, (int, float, Decimal)):
        text = str(value)
    elif isinstance(value, str):
        text = '"' + value + '"'
    elif isinstance(value, (date, datetime)):
        text = value.isoformat()
    elif isinstance(value, Mapping):
        text = "et objekt"
    elif isinstance(value, (list, tuple)):
        text = "en liste"
    else:
        text = type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def _clip(text: str, limit: int = 60) -> str:
    """A user's word inside a message: whole when short, cut with «…» when not, so a
    10 MB value never becomes a 10 MB message."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ---- case validation ----------------------------------------------------------------


def _field_error(name: str, message: str) -> RegelFejl:
    return RegelFejl(message, felt=name)


def _exact_number(name: str, value: object, what: str) -> Decimal | int:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, float)):
        raise _field_error(name, f"Feltet «{name}» skal være {what}; fik {_short(value)}.")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):  # NaN is no kommatal
            raise _field_error(name, f"Feltet «{name}» skal være et endeligt tal; fik {_short(value)}.")
        raise _field_error(name, f"Feltet «{name}» er et kommatal (float), som ikke er eksakt. Send det som "
                           f"et eksakt tal (int eller Decimal), fx JSON læst med parse_float=Decimal.")
    if isinstance(value, Decimal) and not value.is_finite():
        raise _field_error(name, f"Feltet «{name}» skal være et endeligt tal; fik {_short(value)}.")
    if isinstance(value, Decimal) and not _digits_fit(value):
        raise _field_error(name, f"Feltet «{name}» har for mange cifre ({_short(value)}); et tal må højst have "
                           f"{_MAX_WHOLE_DIGITS} cifre før og {_MAX_FRACTION_DIGITS} efter kommaet.")
    if abs(value) >= _LIMIT // 100:
        raise _field_error(name, f"Feltet «{name}» er for stort ({_short(value)}); "
                           f"højst {len(str(_LIMIT // 100)) - 1} cifre før kommaet.")
    return value


def _scaled(number: Decimal | int, shift: int) -> int | None:
    """number × 10**shift exactly as an int, or None when that has a fraction.
    Exact rational arithmetic, so no context precision can round a fraction away."""
    if isinstance(number, int):
        return number * 10**shift
    num, den = number.as_integer_ratio()
    whole, rest = divmod(num * 10**shift, den)
    return None if rest else whole


def _check_value(name: str, spec: Mapping[str, object], value: object) -> tuple[object, object]:
    """The normalised value and its unit, or RegelFejl naming the field."""
    kind = spec["type"]
    domain = spec["domain"]
    if kind == "enum":
        assert isinstance(domain, tuple)
        if not isinstance(value, str):
            raise _field_error(name, f"Feltet «{name}» skal være en af: {', '.join(domain)}; fik {_short(value)}.")
        if value not in domain:
            near = _near(value, domain)
            hint = f" Mente du «{near}»?" if near else f" Mulige værdier: {', '.join(domain)}."
            raise _field_error(name, f"«{_clip(value)}» er ikke en gyldig værdi for feltet «{name}».{hint}")
        return value, domain.index(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise _field_error(name, f"Feltet «{name}» skal være ja/nej (true eller false); fik {_short(value)}.")
        return value, int(value)
    if kind == "date":
        return _check_date(name, value)
    if kind == "text":
        if not isinstance(value, str):
            raise _field_error(name, f"Feltet «{name}» skal være en tekst; fik {_short(value)}.")
        return value, value
    what = {"amount": "et beløb", "percent": "en procent", "int": "et helt tal"}.get(str(kind), "et tal")
    number = _exact_number(name, value, what)
    whole = _scaled(number, 2 if kind == "amount" else 0)
    if whole is None:
        if kind == "amount":
            raise _field_error(name, f"Feltet «{name}» har brøkdele af en øre ({_short(value)}); "
                               f"beløb angives i hele øre.")
        unit_name = "hele procent" if kind == "percent" else "hele tal"
        raise _field_error(name, f"Feltet «{name}» skal angives i {unit_name}; fik {_short(value)}.")
    out: object = Decimal(number) if kind == "amount" else whole
    if isinstance(domain, tuple):
        low, high = domain
        if low is not None and out < low:  # type: ignore[operator]
            raise _field_error(name, f"Feltet «{name}» skal være mindst {_show(str(kind), low)}; "
                               f"fik {_show(str(kind), out)}.")
        if high is not None and out > high:  # type: ignore[operator]
            raise _field_error(name, f"Feltet «{name}» må højst være {_show(str(kind), high)}; "
                               f"fik {_show(str(kind), out)}.")
    return out, whole


def _check_date(name: str, value: object) -> tuple[date, int]:
    if isinstance(value, datetime):
        raise _field_error(name, f"Feltet «{name}» skal være en dato uden klokkeslæt; fik {_short(value)}.")
    if isinstance(value, date):
        return value, value.toordinal()
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise _field_error(name, f"Feltet «{name}»: {value} er ikke en gyldig dato.") from None
        return day, day.toordinal()
    raise _field_error(name, f"Feltet «{name}» skal være en dato (tekst på formen "
                       f"ÅÅÅÅ-MM-DD); fik {_short(value)}.")


def _check_case(case: object, inputs: Mapping[str, Mapping[str, object]]
                ) -> tuple[dict[str, object], dict[str, object]]:
    """Validate every present field up front, in the case's own key order."""
    if not isinstance(case, Mapping):
        raise RegelFejl(f"Sagen skal være en ordbog (mapping) fra feltnavn til værdi; fik {type(case).__name__}.")
    values: dict[str, object] = {}
    units: dict[str, object] = {}
    for name, value in case.items():
        if not isinstance(name, str):
            raise RegelFejl(f"Feltnavne skal være tekst; fik {_short(name)}.")
        spec = inputs.get(name)
        if spec is None:
            near = _near(name, inputs)
            hint = f" Mente du «{near}»?" if near else f" Kendte felter: {', '.join(inputs) or 'ingen'}."
            raise RegelFejl(f"Ukendt felt «{_clip(name)}» i sagen.{hint}", felt=name)
        values[name], units[name] = _check_value(name, spec, value)
    return values, units


def _missing(name: str, spec: Mapping[str, object]) -> RegelFejl:
    desc = spec.get("description")
    about = f" ({desc})" if desc else ""
    return RegelFejl(f"Sagen mangler feltet «{name}»{about}, som er nødvendigt for at afgøre sagen.", felt=name)


# ---- units for condition columns ----------------------------------------------------------


def _unit(name: str, kind: str, value: object, index: Mapping[str, int] | None) -> object:
    """The comparison unit of a computed value; fractions of a unit stay Decimal so that
    comparisons against integer intervals remain exact."""
    if value is None:
        raise RegelFejl(f"«{name}» har ingen værdi og kan derfor ikke afgøre en betingelse.")
    if isinstance(value, list):
        raise RegelFejl(f"«{name}» er en samling af værdier og kan ikke bruges som betingelse.")
    if kind == "enum":
        assert index is not None
        return index[value]  # type: ignore[index]
    if kind == "bool":
        return 1 if value else 0
    if kind == "date":
        return value.toordinal()  # type: ignore[union-attr]
    if kind == "text":
        return value
    d = Decimal(value)  # type: ignore[arg-type]
    if kind == "amount":
        d = _C.multiply(d, Decimal(100))
    return int(d) if d == d.to_integral_value() else d


# ---- exact arithmetic ------------------------------------------------------------------------


def _dec(v: object) -> Decimal:
    return v if isinstance(v, Decimal) else Decimal(v)  # type: ignore[arg-type]


def _add(a: object, b: object) -> object:
    if type(a) is int and type(b) is int:
        return a + b
    return _C.add(a, b)  # the context's methods take int and Decimal alike


def _sub(a: object, b: object) -> object:
    if type(a) is int and type(b) is int:
        return a - b
    return _C.subtract(a, b)


def _mul(a: object, b: object) -> object:
    if type(a) is int and type(b) is int:
        return a * b
    return _C.multiply(a, b)


def _div(a: object, b: object) -> object:
    if b == 0:
        raise RegelFejl("En beregning dividerer med nul.")
    return _C.divide(a, b)


def _neg(a: object) -> object:
    return -a if type(a) is int else _C.minus(a)


def _frac(p: object) -> Decimal:
    """A percent as the fraction it means in products: 75 % -> 0,75."""
    return _dec(p).scaleb(-2, _C)


def _add_days(day: object, days: object) -> date:
    try:
        return day + timedelta(days=int(days))  # type: ignore[operator, call-overload]
    except OverflowError:
        raise RegelFejl(f"Datoen {day} plus {days} dage ligger uden for kalenderen.") from None


def _days_between(a: object, b: object) -> int:
    return (a - b).days  # type: ignore[operator]


def _round(v: object, mode: str, whole: bool) -> object:
    """Legal rounding (never Python's round()): half up, down or up to whole kroner, to
    øre, or to a multiple of an amount (see _ROUNDING)."""
    rule = _ROUNDING.get(mode)
    if rule is not None:
        r = _dec(v).quantize(rule[0], rule[1], _C)  # positional: keywords cost more than the rounding
    else:
        _to, how, step = mode.split(":")
        q = Decimal(step)
        r = _C.multiply(_C.divide(_dec(v), q).quantize(Decimal(1), _ROUNDING_TO[how], _C), q)
    return int(r) if whole else r


def _min(*args: object) -> object:
    return min(args)  # type: ignore[type-var]


def _max(*args: object) -> object:
    return max(args)  # type: ignore[type-var]


def _weeks(n: object) -> int:
    return 7 * n  # type: ignore[operator, return-value]


def _aggregate(agg: str | None, kind: str, values: list[object], count: int, table: str, column: str) -> object:
    """A collect table's column: the list, or sum/min/maks of the values, or antal of the rules."""
    if agg is None:
        return values
    if agg == "antal":
        return count
    if kind not in ("amount", "int", "percent", "number") and (agg == "sum" or kind != "date"):
        raise RegelFejl(f"Resultatet «{column}» i tabellen {table} kan ikke samles med «{agg}».", tabel=table)
    if agg == "sum":
        total: object = Decimal(0) if kind in ("amount", "number") else 0
        for v in values:
            total = _add(total, v)
        return total
    if not values:
        raise RegelFejl(f"Ingen regel i tabellen {table} gav en værdi for «{column}», så "
                        f"{'mindsteværdien' if agg == 'min' else 'størsteværdien'} findes ikke.", tabel=table)
    return min(values) if agg == "min" else max(values)  # type: ignore[type-var]


# ---- messages shared by interpreter and generated code -------------------------------------


def _version_name(table: str, label: str | None) -> str:
    return f"tabellen {table}" + (f" version {label}" if label else "")


def _no_version(table: str, day: date, periods: list[tuple[date | None, date | None]]) -> RegelFejl:
    shown = [f"{a}–{b}" if b else f"fra {a}" for a, b in sorted(periods, key=lambda p: p[0] or date.min)]
    return RegelFejl(f"Ingen version af tabellen {table} gælder den {day.isoformat()} "
                     f"(der findes {', '.join(shown)}).", tabel=table)


# A condition that compares with a name (`<= bundfradrag`) is read through a derived column
# named with a typographic minus, `indkomst − bundfradrag` (regel.model.bounds builds it); no
# name an editor writes can contain one.
_DERIVED = " − "


def _derived_parts(name: str) -> tuple[str, str] | None:
    """(`indkomst`, `bundfradrag`) for the derived column `indkomst − bundfradrag`, else None."""
    column, sep, other = name.partition(_DERIVED)
    return (column, other) if sep and column and other else None


def _fact_names(columns: list[str] | tuple[str, ...]) -> list[str]:
    """The names a refusal lists («(indkomst = 999.900 kr, bundfradrag = 882.700 kr)»), in
    order, for the columns of a table version that could be read: each column itself, but a
    derived column `indkomst − bundfradrag` as the column and the name, each to be shown with
    its own value; every name once. The one place that decides it: the generated engine and
    fast paths, the interpreter and `regel diff` all list a refusal's facts by this."""
    out: dict[str, None] = {}
    for name in columns:
        parts = _derived_parts(name)
        for n in parts if parts is not None else (name,):
            out.setdefault(n)
    return list(out)


def _no_match(table: str, label: str | None, shown: list[tuple[str, str]]) -> RegelFejl:
    facts = ", ".join(f"{n} = {v}" for n, v in shown)
    return RegelFejl(f"Ingen regel i {_version_name(table, label)} passer på sagen"
                     + (f" ({facts})." if facts else "."), tabel=table)


def _overlap(table: str, label: str | None, ids: list[str], shown: list[tuple[str, str]]) -> RegelFejl:
    facts = ", ".join(f"{n} = {v}" for n, v in shown)
    return RegelFejl(f"Flere regler i {_version_name(table, label)} passer på sagen og giver forskellige "
                     f"resultater: {' og '.join(ids)}" + (f" ({facts})." if facts else "."), tabel=table,
                     regel=ids[0])


def _refused(message: str, table: str, label: str | None, rule: str, shown: list[tuple[str, str]]) -> RegelFejl:
    facts = "; " + ", ".join(f"{n} = {v}" for n, v in shown) if shown else ""
    return RegelFejl(f"{message} ({_version_name(table, label)}, regel {rule}{facts})", tabel=table, regel=rule)


def _no_value(name: str, is_list: bool = False) -> RegelFejl:
    if is_list:
        return RegelFejl(f"«{name}» er en samling af værdier og kan ikke bruges i en beregning.")
    return RegelFejl(f"«{name}» har ingen værdi, men bruges i en beregning.")


def _unknown_decision(name: object, decisions: tuple[str, ...]) -> RegelFejl:
    if not decisions:
        return RegelFejl("Modulet har ingen beslutninger.")
    near = _near(name, decisions)
    hint = f" Mente du «{near}»?" if near else f" Mulige: {', '.join(decisions)}."
    return RegelFejl(f"Ukendt beslutning «{_clip(str(name))}».{hint}")
