"""Where two states of a decision answer differently: regions, examples, proof.

The input space is split only where a table condition, a version boundary or a
value's validity changes on one side (symbolic.py), so each leaf box has one
outcome per side. Leaves whose outcomes are the same term agree on every case in
them; leaves with different constant outcomes differ on every case; leaves whose
outcomes are computed (`sats × dage` before, `sats × dage + 10 kr` after) or that
the box cannot decide are settled case by case when small, and by sampled cases
when large (then the region is marked as not differing everywhere). Differing
leaves with the same pair of outcomes are merged into connected regions, and each
region's example case is run through the reference interpreter on both sides —
the independent oracle — before it is reported.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..checks.budget import Budget
from ..checks.regions import connected_regions, nice_point, representative
from ..codegen.spec import output_spec
from ..interp import RegelFejl
from ..interp import evaluate as interpret
from ..model import ir
from ..model.types import Kind
from .affine import equal_units
from .candidates import active_rules, candidate_boxes
from .space import Axis, Box, axes, whole
from .symbolic import Side, Split, Unsure, evaluate, fold, fold_failure

# A box with at most this many cases is settled case by case when symbols cannot.
SMALL_BOX = 512
SAMPLES = 48


@dataclass
class Answer:
    """One side's concrete answer for one case (from the reference interpreter)."""

    values: dict[str, object] | None
    refusal: str | None
    rules: tuple[tuple[str, str | None], ...]

    def key(self) -> tuple:
        if self.refusal is not None:
            return ("afvist", self.refusal)
        return ("ok", tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in self.values.items()))  # type: ignore[union-attr]


@dataclass
class Region:
    decision: str
    art: str  # "svar": an output or refusal differs; "hjemmel": only rules or citations differ
    boxes: list[Box]
    example: dict[str, object]  # the case, every axis (each side reads the fields it knows)
    before: Answer
    after: Answer
    everywhere: bool  # proven to differ on every case of the region
    cases: int  # how many cases the region holds (capped for display)
    varies: frozenset[str] = frozenset()  # items whose values differ from case to case within the region


@dataclass
class DecisionDiff:
    decision: str
    axes: list[Axis]
    module: str = ""
    kinds: dict[str, str] = field(default_factory=dict)  # output item -> runtime kind, for display
    regions: list[Region] = field(default_factory=list)
    unsettled: int = 0  # large boxes where sampled cases found no difference (not proven equal)
    status: str = "begge"  # "begge", "kun_før", "kun_efter", "fejl" (cannot be compared: see note)
    note: str | None = None


def json_number(v: object, kind: str | None = None) -> object:
    """A value as `regel eval --json` writes it: a whole Decimal as an integer (2268), an
    amount with øre as two decimals (10469.50), other fractions without trailing zeros."""
    if isinstance(v, bool) or not isinstance(v, Decimal):
        return [json_number(x, kind) for x in v] if isinstance(v, list) else v
    if v == v.to_integral_value():
        return int(v)
    return v.quantize(Decimal("0.01")) if kind == "amount" and v.as_tuple().exponent >= -2 else v.normalize()


def citations(module: ir.Module) -> dict[str, str | None]:
    """Rule reference (as evaluate() lists it in `regler`) -> its citation."""
    out: dict[str, str | None] = {}
    for t in module.tables.values():
        for v in t.versions:
            for r in v.rules:
                out[f"{t.name}@{v.label}/{r.id}" if v.label else f"{t.name}/{r.id}"] = r.citation
    return out


def answer(module: ir.Module, decision: str, case: Mapping[str, object],
           cites: Mapping[str, str | None]) -> Answer:
    try:
        out = interpret(module, decision, case)
    except RegelFejl as e:
        return Answer(None, str(e), ())
    rules = tuple((r, cites.get(r)) for r in out.pop("regler"))  # type: ignore[union-attr]
    return Answer(out, None, rules)


class _Pair:
    """Both sides of one decision and how to turn an axis point into each side's case."""

    def __init__(self, before: ir.Module, after: ir.Module, decision: str,
                 pins: tuple[Mapping[str, object], Mapping[str, object]]) -> None:
        self.decision = decision
        self.modules = (before, after)
        self.pins = pins
        self.axes = axes(self.modules, decision, pinned=set(pins[0]) | set(pins[1]))
        self.sides = tuple(Side(m, self.axes, i, pins[i]) for i, m in enumerate(self.modules))
        self.cites = tuple(citations(m) for m in self.modules)

    def case(self, point: Sequence[int]) -> dict[str, object]:
        return {a.name: a.value(u) for a, u in zip(self.axes, point, strict=True)}

    def side_case(self, i: int, case: Mapping[str, object]) -> dict[str, object]:
        m = self.modules[i]
        out = {k: v for k, v in case.items() if k in m.fields}
        out.update(self.pins[i])
        return out

    def answers(self, point: Sequence[int]) -> tuple[Answer, Answer]:
        case = self.case(point)
        return tuple(answer(self.modules[i], self.decision, self.side_case(i, case), self.cites[i])  # type: ignore[return-value]
                     for i in (0, 1))


def _differs(a: Answer, b: Answer) -> str | None:
    if a.key() != b.key():
        return "svar"
    if a.rules != b.rules:
        return "hjemmel"
    return None


def _linear_split(box: Box, i: int, terms: tuple, pair: _Pair, found) -> bool:
    """Settle a large box whose two answers are linear in one field (affine.py): the
    units where they agree are checked one by one, the rest differ everywhere."""
    k0, k1, f0, f1 = terms
    if k0[0] != "ok" or k1[0] != "ok" or k0[1] != k1[1]:
        return False
    lo, hi = box[i]
    same = equal_units(list(zip(k0[2], k1[2], strict=True)), pair.axes[i], lo, hi)
    if same is None:
        return False
    cuts = [lo] + [x for u in same for x in (u, u + 1)] + [hi + 1]
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        piece = box[:i] + ((a, b - 1),) + box[i + 1:]
        if a in same:
            continue  # the answers agree here (both lines cross at this unit)
        found(("svar", "beregnet", terms), piece)
    return True


def _varying(key: tuple, pair: _Pair) -> frozenset[str]:
    """The output items computed from a field within the region: their values differ from
    case to case there, so the report shows them as the example's («i eksemplet»)."""
    if key[1] == "beregnet":  # (art, "beregnet", terms) — or id(box) when the box was undecidable
        outcomes = key[2][:2] if isinstance(key[2], tuple) else ()
    else:
        outcomes = key[1:3]
    out: set[str] = set()
    for k in outcomes:
        if k[0] == "ok" and len(k) == 3:  # a symbolic answer: (ok, names, terms)
            out.update(name for name, term in zip(k[1], k[2], strict=True) if _fields_in(term, pair.axes))
    return frozenset(out)


def coalesce(boxes: list[Box]) -> list[Box]:
    """Merge boxes that are the same on every axis but one, where they touch: a region
    settled unit by unit (`51 %`, `52 %`, …) reads as `[51 % ; 74 %]`."""
    out = sorted(set(boxes))
    changed = True
    while changed and len(out) > 1:
        changed = False
        for d in range(len(out[0])):
            rest: dict[tuple, list[tuple[int, int]]] = {}
            for b in out:
                rest.setdefault(b[:d] + b[d + 1:], []).append(b[d])
            merged = []
            for key, ivs in rest.items():
                ivs.sort()
                cur = [list(ivs[0])]
                for lo, hi in ivs[1:]:
                    if lo <= cur[-1][1] + 1:
                        cur[-1][1] = max(cur[-1][1], hi)
                    else:
                        cur.append([lo, hi])
                merged += [key[:d] + ((lo, hi),) + key[d:] for lo, hi in cur]
            if len(merged) < len(out):
                out, changed = sorted(merged), True
    return out


def _folded(key: tuple, case: Mapping[str, object]) -> tuple:
    if key[0] == "fejl":
        try:
            return ("afvist", fold_failure(key[1], case))
        except RegelFejl as e:
            return ("afvist", str(e))
    values = []
    for name, t in zip(key[1], key[2], strict=True):
        try:
            v = fold(t, case)
        except RegelFejl as e:
            return ("afvist", str(e))
        values.append((name, tuple(v) if isinstance(v, list) else v))
    return ("ok", tuple(values))


def _folded_art(terms: tuple, case: Mapping[str, object]) -> str | None:
    """How the two outcomes differ at one case: "svar", "hjemmel" or None."""
    k0, k1, f0, f1 = terms
    a, b = _folded(k0, case), _folded(k1, case)
    if a != b:
        return "svar"
    return "hjemmel" if a[0] == "ok" and f0 != f1 else None


def _fields_in(terms: object, ax: Sequence[Axis]) -> list[int]:
    """The axes a term reads (its `("f", name)` leaves), in axis order."""
    names: set[str] = set()
    todo = [terms]
    while todo:
        t = todo.pop()
        if isinstance(t, tuple):
            if len(t) == 2 and t[0] == "f" and isinstance(t[1], str):
                names.add(t[1])
            else:
                todo.extend(t)
    return [i for i, a in enumerate(ax) if a.name in names]


def _size(box: Box) -> int:
    n = 1
    for lo, hi in box:
        n *= hi - lo + 1
    return n


def _points(box: Box, rng: random.Random) -> list[tuple[int, ...]]:
    """Cases to try in a large box: its readable point, corners, and random ones."""
    pts = {tuple(nice_point(lo, hi) for lo, hi in box)}
    for corner in itertools.islice(itertools.product(*box), 64):
        pts.add(corner)
    for _ in range(4 * SAMPLES):  # a box with few cases has fewer distinct points than SAMPLES
        if len(pts) > SAMPLES:
            break
        pts.add(tuple(rng.randint(lo, hi) for lo, hi in box))
    return sorted(pts)


def diff_decision(before: ir.Module, after: ir.Module, decision: str,
                  pins: tuple[Mapping[str, object], Mapping[str, object]] = ({}, {}),
                  budget: Budget | None = None) -> DecisionDiff:
    """Every region where the two states of `decision` answer differently."""
    budget = budget or Budget.of(None)
    pair = _Pair(before, after, decision, pins)
    result = DecisionDiff(decision, pair.axes)
    for m in (before, after):
        result.kinds.update((k, str(v["type"])) for k, v in output_spec(m)[decision].items())
    groups: dict[tuple, list[Box]] = {}
    sample: dict[Box, tuple[Answer, Answer, tuple[int, ...]]] = {}  # a sampled difference, by its box
    exact: dict[tuple, bool] = {}
    rng = random.Random(0)

    def point_leaf(point: tuple[int, ...], slab: Box) -> None:
        a, b = pair.answers(point)
        art = _differs(a, b)
        if art is not None:
            key = (art, a.key(), b.key(), a.rules, b.rules)
            groups.setdefault(key, []).append(slab)
            exact.setdefault(key, True)

    def unsettled(box: Box, terms: tuple | None) -> None:
        """Settle a box the symbols could not: case by case when small; else by sampled
        cases, and a found difference reports the box as differing somewhere (merged
        with its neighbours that compute the same two terms)."""
        free = _fields_in(terms, pair.axes) if terms is not None else range(len(box))
        if terms is not None and len(free) == 1 and _linear_split(box, free[0], terms, pair, found):
            return
        texts = any(pair.axes[i].kind is Kind.TEXT for i in free)
        if not texts and _size(tuple(box[i] for i in free)) <= SMALL_BOX:
            # The outcome terms read only the `free` axes: one case per value of those,
            # and each answer holds for the whole slab across the other axes.
            base = [nice_point(lo, hi) for lo, hi in box]
            for values in itertools.product(*(range(box[i][0], box[i][1] + 1) for i in free)):
                point = list(base)
                slab = list(box)
                for i, u in zip(free, values, strict=True):
                    point[i] = u
                    slab[i] = (u, u)
                if terms is None:
                    point_leaf(tuple(point), tuple(slab))
                    continue
                # The same two formulas over the whole box: a unit where they give different
                # answers joins the formulas' region (the runtime computes each value).
                art = _folded_art(terms, pair.case(point))
                if art is not None:
                    found((art, "beregnet", terms), tuple(slab))
            return
        for point in _points(box, rng):
            a, b = pair.answers(point)
            art = _differs(a, b)
            if art is not None:
                key = (art, "beregnet", terms if terms is not None else id(box))
                groups.setdefault(key, []).append(box)
                sample[box] = (a, b, point)
                exact[key] = False
                return
        result.unsettled += 1

    def found(key: tuple, piece: Box) -> None:
        groups.setdefault(key, []).append(piece)
        exact.setdefault(key, True)

    def explore(start: Box) -> None:
        stack: list[Box] = [start]
        while stack:
            box = stack.pop()
            budget.tick()
            try:
                o0 = evaluate(pair.sides[0], decision, box)
                o1 = evaluate(pair.sides[1], decision, box)
            except Split as s:
                lo, hi = box[s.axis]
                stack.append(box[:s.axis] + ((s.cut + 1, hi),) + box[s.axis + 1:])
                stack.append(box[:s.axis] + ((lo, s.cut),) + box[s.axis + 1:])
                continue
            except Unsure:
                unsettled(box, None)
                continue
            if o0.key() == o1.key():
                if o0.failure is not None or o0.fired == o1.fired:
                    continue  # the same refusal names its own rule: the other rules that fired are not part of it
                key = ("hjemmel", o0.key(), o1.key(), o0.fired, o1.fired)
            elif (o0.constant() and o1.constant() or (o0.failure is None) != (o1.failure is None)
                  or (o0.failure is None and o0.names != o1.names)):  # other items: differs on every case
                key = ("svar", o0.key(), o1.key(), o0.fired, o1.fired)
            else:
                unsettled(box, (o0.key(), o1.key(), o0.fired, o1.fired))
                continue
            groups.setdefault(key, []).append(box)
            exact.setdefault(key, True)

    todo = candidate_boxes(pair.sides, decision)
    for start in [whole(pair.axes)] if todo is None else todo:
        if todo is not None:
            for side in pair.sides:
                side.active = active_rules(side, start)
        explore(start)
    for side in pair.sides:
        side.active = None
    domains = [a.domain for a in pair.axes]
    for key, boxes in groups.items():
        for region in connected_regions(boxes):
            found_in = next((sample[bx] for bx in region if bx in sample), None)
            r = _region(pair, key[0], coalesce(region), domains, exact[key], found_in)
            r.varies = _varying(key, pair)
            result.regions.append(r)
    result.regions.sort(key=lambda r: (r.art != "svar", [b[0] for b in r.boxes[0]]))
    return result


def _region(pair: _Pair, art: str, boxes: list[Box], domains: list, everywhere: bool,
            sampled: tuple[Answer, Answer, tuple[int, ...]] | None) -> Region:
    boxes = sorted(boxes)
    if sampled is not None and not everywhere:
        a, b, point = sampled
    else:
        rep = representative(boxes, domains) if domains else boxes[0]
        point = tuple(nice_point(lo, hi) for lo, hi in rep)
        a, b = pair.answers(point)
        if _differs(a, b) is None:  # the symbolic split disagrees with the interpreter: never silently
            raise AssertionError(f"diff: example {pair.case(point)} does not differ")
    total = sum(min(_size(bx), 10**18) for bx in boxes)
    return Region(pair.decision, art, boxes, pair.case(point), a, b, everywhere, total)
