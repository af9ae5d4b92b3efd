"""Differential test: generated code, the reference interpreter and a brute-force
reading of the rule list must agree on random tables and cases.

Each example writes a small `.regel` module (random policy, enum/ja-nej/int/amount
columns, intervals, comparisons, negations, lists, computed and refused results),
and decides a few hundred cases that hit every interval boundary ±1 unit, every
enum value and missing fields. Generated code and the interpreter must agree
exactly (results, fired rules, error messages); the brute-force oracle, written
from the language reference with plain Python predicates on the raw values,
must agree on every result and on whether the case is refused.

`pytest -m slow` runs many more examples, with more cases each.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from generated_loader import load_generated_module
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regel.codegen import generate
from regel.interp import RegelFejl, evaluate
from regel.model import load

MISSING = object()
ENUM_VALUES = ("e0", "e1", "e2", "e3")
LEVELS = ("l0", "l1", "l2")


@dataclass(frozen=True)
class InCell:
    text: str
    pred: Callable[[object], bool] | None  # None: `-`


@dataclass(frozen=True)
class OutCell:
    text: str
    kind: str  # const, expr, refuse, none
    value: object = None
    fn: Callable[[dict], object] | None = None


@dataclass(frozen=True)
class Spec:
    policy: str
    aggregator: str | None
    n_domain: tuple[int, int] | None
    n_default: int | None
    a_bounded: bool
    n_enum: int
    columns: tuple[str, ...]
    rows: tuple[tuple[tuple[InCell, ...], tuple[OutCell, ...], str | None], ...]
    with_ids: bool

    @property
    def outputs(self) -> tuple[str, ...]:
        return ("niveau", "ud") if self.policy == "priority" else ("ud",)


def kr(d: Decimal) -> str:
    """Canonical Danish amount text, so equal texts mean equal model values."""
    text = f"{d:.2f}".replace(".", ",")
    return (text[:-3] if text.endswith(",00") else text) + " kr"


def half_up(d: Decimal) -> Decimal:
    return d.quantize(Decimal(1), rounding=ROUND_HALF_UP)


# ---- strategies -----------------------------------------------------------------------------


def _scalar(col: str, draw, spec_n: int) -> tuple[str, Callable[[object], bool], list[object]]:
    """One condition: its text, predicate and the constants it mentions."""
    if col == "e":
        vals = draw(st.lists(st.sampled_from(ENUM_VALUES[:spec_n]), min_size=1, max_size=2, unique=True))
        return ", ".join(vals), (lambda v, vals=tuple(vals): v in vals), []
    if col == "b":
        val = draw(st.booleans())
        return ("ja" if val else "nej"), (lambda v, val=val: v is val), []
    if col == "n":
        consts = [draw(st.integers(0, 50)), draw(st.integers(0, 50))]
        show = str
    else:
        consts = [Decimal(draw(st.integers(0, 400))) / 4, Decimal(draw(st.integers(0, 400))) / 4]
        show = kr
    k, k2 = sorted(consts)
    form = draw(st.sampled_from(["eq", "<", "<=", ">", ">=", "[]", "][", "[[", "]]", "list"]))
    if form == "eq":
        return show(k), (lambda v, k=k: v == k), [k]
    if form in ("<", "<=", ">", ">="):
        ops = {"<": lambda v, k: v < k, "<=": lambda v, k: v <= k, ">": lambda v, k: v > k,
               ">=": lambda v, k: v >= k}
        return f"{form} {show(k)}", (lambda v, k=k, f=ops[form]: f(v, k)), [k]
    if form == "list":
        return f"{show(k)}, {show(k2)}", (lambda v, a=k, b=k2: v in (a, b)), [k, k2]
    lo_closed, hi_closed = form[0] == "[", form[1] == "]"

    def inside(v, lo=k, hi=k2, lc=lo_closed, hc=hi_closed):
        return (v >= lo if lc else v > lo) and (v <= hi if hc else v < hi)

    return f"{form[0]}{show(k)} ; {show(k2)}{form[1]}", inside, [k, k2]


@st.composite
def in_cell(draw, col: str, n_enum: int) -> tuple[InCell, list[object]]:
    if draw(st.integers(0, 3)) == 0:
        return InCell("-", None), []
    text, pred, consts = _scalar(col, draw, n_enum)
    if col != "b" and draw(st.integers(0, 4)) == 0:
        return InCell(f"ikke {text}", lambda v, p=pred: not p(v)), consts
    return InCell(text, pred), consts


def _ud_pool() -> list[OutCell]:
    five, seven = Decimal(5), Decimal("7.50")
    return [
        OutCell("5 kr", "const", five),
        OutCell("7,50 kr", "const", seven),
        OutCell("a + 3 kr", "expr", fn=lambda c: half_up(c["a"] + 3)),
        OutCell("a * 50 %", "expr", fn=lambda c: half_up(c["a"] * Decimal("0.5"))),
        OutCell("n * 2,25 kr", "expr", fn=lambda c: half_up(c["n"] * Decimal("2.25"))),
        OutCell('afvis "ingen sats"', "refuse"),
        OutCell("-", "none"),
    ]


@st.composite
def specs(draw) -> tuple[Spec, dict[str, list[object]]]:
    policy = draw(st.sampled_from(["unique", "first", "priority", "collect"]))
    aggregator = draw(st.sampled_from([None, "sum", "min", "maks", "antal"])) if policy == "collect" else None
    n_enum = draw(st.integers(2, 4))
    # No condition columns at all is a dated constant (`|| ud |`): one row covers every case.
    columns = tuple(draw(st.permutations(["e", "b", "n", "a"]))[: draw(st.integers(0, 3))])
    n_domain = draw(st.sampled_from([None, (0, 50), (5, 40)]))
    n_default = draw(st.sampled_from([None, 10]))
    consts: dict[str, list[object]] = {c: [] for c in "ebna"}
    rows = []
    pool = _ud_pool()
    for _ in range(draw(st.integers(1, 6))):
        cells = []
        for c in columns:
            cell, used = draw(in_cell(c, n_enum))
            cells.append(cell)
            consts[c] += used
        outs: list[OutCell] = []
        if policy == "priority":
            lvl = draw(st.sampled_from([*LEVELS, "-"]))
            outs.append(OutCell(lvl, "none") if lvl == "-" else OutCell(lvl, "const", lvl))
        outs.append(draw(st.sampled_from(pool)))
        cite = draw(st.sampled_from([None, "H1", "H2"]))
        rows.append((tuple(cells), tuple(outs), cite))
    spec = Spec(policy, aggregator, n_domain, n_default, draw(st.booleans()), n_enum, columns, tuple(rows),
                draw(st.booleans()))
    return spec, consts


def source(spec: Spec) -> str:
    n_type = "heltal" + (f" fra {spec.n_domain[0]} til {spec.n_domain[1]}" if spec.n_domain else "")
    n_default = f" standard {spec.n_default}" if spec.n_default is not None else ""
    policy = {"unique": "unik", "first": "første", "priority": "prioritet", "collect": "samling"}[spec.policy]
    if spec.aggregator:
        policy += " " + spec.aggregator
    lines = [
        "modul tilfaeldig",
        f"type E er en af: {', '.join(ENUM_VALUES[:spec.n_enum])}",
        f"type L er en af: {', '.join(LEVELS)}",
        "felt e: E",
        "felt b: ja/nej",
        f"felt n: {n_type}{n_default}",
        "felt a: beløb" + (" fra 0 kr" if spec.a_bounded else ""),
        'tabel T "Tilfældig"',
        '  hjemmel "TH"',
        f"  politik {policy}",
    ]
    ins = (["id"] if spec.with_ids else []) + list(spec.columns)
    outs = [("niveau: L" if o == "niveau" else "ud: beløb") for o in spec.outputs] + ["hjemmel"]
    lines.append(f"  {_conditions(ins)}|| {' | '.join(outs)} |")
    for i, (cells, out_cells, cite) in enumerate(spec.rows):
        row_in = ([f"r{i}"] if spec.with_ids else []) + [c.text for c in cells]
        row_out = [o.text for o in out_cells] + [f'"{cite}"' if cite else "-"]
        lines.append(f"  {_conditions(row_in)}|| {' | '.join(row_out)} |")
    lines += ['beslutning d "D"', *[f"  {o}" for o in spec.outputs], "  kilde = hjemmel(T)"]
    return "\n".join(lines) + "\n"


def _conditions(cells: list[str]) -> str:
    """The condition part of a grid line; none at all for a table without conditions."""
    return f"| {' | '.join(cells)} " if cells else ""


# ---- the brute-force oracle ------------------------------------------------------------------------


class RefusedError(Exception):
    pass


def oracle(spec: Spec, case: dict[str, object]) -> dict[str, object]:
    """The language reference read literally, on raw values."""
    values = {k: v for k, v in case.items() if v is not MISSING}
    if "n" not in values and spec.n_default is not None:
        values["n"] = spec.n_default
    n = case.get("n", MISSING)
    if n is not MISSING and spec.n_domain and not spec.n_domain[0] <= n <= spec.n_domain[1]:
        raise RefusedError("n out of domain")
    a = case.get("a", MISSING)
    if a is not MISSING and spec.a_bounded and a < 0:
        raise RefusedError("a out of domain")

    def read(col: str) -> object:
        if col not in values:
            raise RefusedError(f"missing {col}")
        return values[col]

    hits = []
    for i, (cells, _outs, _cite) in enumerate(spec.rows):
        ok = True
        for col, cell in zip(spec.columns, cells, strict=True):
            if cell.pred is None:
                continue
            if not cell.pred(read(col)):
                ok = False
                break
        if ok:
            hits.append(i)
            if spec.policy == "first":
                break

    def cell_value(i: int, k: int) -> object:
        out = spec.rows[i][1][k]
        if out.kind == "refuse":
            raise RefusedError("afvis")
        if out.kind == "none":
            return None
        if out.kind == "const":
            return out.value
        for name in ("a", "n"):
            if out.text.startswith(name) and name not in values:
                raise RefusedError(f"missing {name}")
        return out.fn(values)

    if spec.policy != "collect":
        if not hits:
            raise RefusedError("no match")
        if spec.policy == "unique" and len({tuple(o.text for o in spec.rows[i][1]) for i in hits}) > 1:
            raise RefusedError("overlap")
        if spec.policy == "priority" and len(hits) > 1:
            ranks = []
            for i in hits:
                v = cell_value(i, 0)
                ranks.append(LEVELS.index(v) if v in LEVELS else len(LEVELS))
            hits = [hits[min(range(len(hits)), key=lambda j: (ranks[j], j))]]
        hits = hits[:1]
    result: dict[str, object] = {}
    for k, name in enumerate(spec.outputs):
        if spec.policy != "collect":
            result[name] = cell_value(hits[0], k)
            continue
        vals = [v for i in hits if (v := cell_value(i, k)) is not None]
        if spec.aggregator is None:
            result[name] = vals
        elif spec.aggregator == "antal":
            result[name] = len(hits)
        elif spec.aggregator == "sum":
            result[name] = sum(vals, Decimal(0))
        elif not vals:
            raise RefusedError("min/maks of nothing")
        else:
            result[name] = min(vals) if spec.aggregator == "min" else max(vals)
    cites = []
    for i in hits:
        c = spec.rows[i][2] or "TH"
        if c not in cites:
            cites.append(c)
    result["kilde"] = "; ".join(cites) if cites else None
    result["regler"] = [f"T/{f'r{i}' if spec.with_ids else i + 1}" for i in hits]
    return result


# ---- cases --------------------------------------------------------------------------------------------


def interesting(spec: Spec, consts: dict[str, list[object]]) -> dict[str, list[object]]:
    ns = {0, 10}
    for k in consts["n"]:
        ns |= {k - 1, k, k + 1}
    if spec.n_domain:
        lo, hi = spec.n_domain
        ns |= {lo - 1, lo, hi, hi + 1}
    cent = Decimal("0.01")
    amounts = {Decimal(0), Decimal("-0.01"), Decimal("0.50")}
    for k in consts["a"]:
        amounts |= {k - cent, k, k + cent}
    return {
        "e": [*ENUM_VALUES[:spec.n_enum], MISSING],
        "b": [True, False, MISSING],
        "n": [*sorted(ns), MISSING],
        "a": [*sorted(amounts), MISSING],
    }


def cases(spec: Spec, consts: dict[str, list[object]], seed: int, limit: int) -> list[dict[str, object]]:
    pools = interesting(spec, consts)
    names = list(pools)
    combos = list(itertools.product(*(pools[n] for n in names)))
    if len(combos) > limit:
        combos = random.Random(seed).sample(combos, limit)
    return [{n: v for n, v in zip(names, combo, strict=True) if v is not MISSING} | {
        n: MISSING for n, v in zip(names, combo, strict=True) if v is MISSING} for combo in combos]


# ---- running ----------------------------------------------------------------------------------------------


_IMPORTED: dict[str, object] = {}


def build(text: str, tmp: Path):
    path = tmp / f"m{abs(hash(text))}.regel"
    path.write_text(text, encoding="utf-8")
    modules, diags = load([path])
    errors = [d for d in diags if d.is_error]
    assert not errors, f"the random module should load:\n{text}\n{[d.message for d in errors]}"
    module = modules[0]
    code = generate(module)
    key = module.source_hash
    if key not in _IMPORTED:
        py = tmp / f"gen_{key[:16]}.py"
        py.write_text(code, encoding="utf-8")
        _IMPORTED[key] = load_generated_module(py, f"regel_diff_{key[:16]}")
    return module, _IMPORTED[key]


def outcome(fn: Callable[[], dict], errors: tuple[type[Exception], ...]) -> object:
    try:
        return fn()
    except errors as e:
        return ("fejl", str(e))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("differential")


_SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


@pytest.mark.parametrize(("examples", "cases_each"), [
    pytest.param(settings(max_examples=80, **_SETTINGS), 150, id="80"),
    pytest.param(settings(max_examples=1500, **_SETTINGS), 600, id="1500", marks=pytest.mark.slow)])
def test_generated_interpreter_and_oracle_agree(workdir: Path, examples, cases_each: int) -> None:
    @examples
    @given(drawn=specs(), seed=st.integers(0, 2**32))
    def check(drawn, seed: int) -> None:
        spec, consts = drawn
        module, gen = build(source(spec), workdir)
        for case in cases(spec, consts, seed, cases_each):
            given_case = {k: v for k, v in case.items() if v is not MISSING}
            got = outcome(lambda c=given_case: gen.evaluate(c), (gen.RegelFejl,))
            ref = outcome(lambda c=given_case: evaluate(module, None, c), (RegelFejl,))
            assert got == ref, f"generated and interpreter differ for {given_case}\n{source(spec)}"
            want = outcome(lambda c=case: oracle(spec, c), (RefusedError,))
            if isinstance(want, tuple):
                assert isinstance(got, tuple), f"oracle refuses ({want[1]}) but got {got} for {given_case}\n" \
                                               f"{source(spec)}"
            else:
                assert got == want, f"oracle {want} != generated {got} for {given_case}\n{source(spec)}"
            explained = gen.explain(given_case)
            if isinstance(got, tuple):
                assert explained["fejl"] == got[1]
            else:
                assert "fejl" not in explained and explained["regler"] == got["regler"]

    check()
