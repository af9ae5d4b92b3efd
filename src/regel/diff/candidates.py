"""Where two states *can* differ, before anything is evaluated.

When the only changes a decision can see are rows of tables whose condition columns
are fields (the same header, policy and version periods on both sides), a case that
no changed row accepts is decided by rows both sides share, in the same order, with
the same inputs: it gets the same answer and the same rules. Rows are aligned like
diff(1) aligns lines. The diff then explores only the boxes around the changed rows
(their hulls, made disjoint), and within each box only the rules that can match
there. Anything else — a changed value, decision, field type, period or header —
and the whole space is explored.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from ..model import ir
from ..model.graph import reach
from .space import Axis, Box
from .symbolic import Side


def _rule_key(r: ir.Rule) -> tuple:
    return (tuple(None if c is None else c.intervals for c in r.conditions), r.outputs, r.citation, r.id)


def _read(v: ir.Version) -> tuple[bool, ...]:
    """Which columns some rule of the version constrains (the ones evaluation reads)."""
    return tuple(any(r.conditions[j] is not None for r in v.rules) for j in range(len(v.rules[0].conditions))) \
        if v.rules else ()


def _header(t: ir.Table) -> tuple:
    return (t.inputs, t.outputs, t.policy, t.aggregator, t.citation)


def _reachable(m: ir.Module, decision: ir.Decision) -> tuple[set[str], set[str]]:
    """(values, tables) the decision can reach (model/graph.py)."""
    r = reach(m, decision)
    return set(r.values), set(r.tables)


def _axis_hull(ax: Axis, side: int, cond: ir.Cond) -> tuple[int, int] | None:
    """The smallest axis interval holding every value the cell accepts (None: none)."""
    lo, hi = ax.domain
    if not cond.intervals:
        return None
    if ax.type.values:
        t = ax.sides[side]
        assert t is not None
        units = [ax.type.values.index(v) for k, v in enumerate(t.values) if cond.contains(k)]
        return (min(units), max(units)) if units else None
    a = max(lo, min(x for x, _y in cond.intervals))
    b = min(hi, max(y for _x, y in cond.intervals))
    return (a, b) if a <= b else None


def _row_box(sides: Sequence[Side], side: int, t: ir.Table, v: ir.Version, r: ir.Rule) -> Box | None | bool:
    """The hull of a row in axis space; None if it matches nothing; False if a column is not a field."""
    axes = sides[side].axes
    box = [a.domain for a in axes]
    at = sides[side].axis_of
    for col, cond in zip(t.inputs, r.conditions, strict=True):
        if cond is None:
            continue
        i = at.get(col.name)
        if i is None:
            return False
        hull = _axis_hull(axes[i], side, cond)
        if hull is None:
            return None
        box[i] = (max(box[i][0], hull[0]), min(box[i][1], hull[1]))
        if box[i][0] > box[i][1]:
            return None
    cut = sides[side].module.cutoff
    if t.versioned and cut in at:
        i = at[cut]
        lo = v.valid_from.toordinal() if v.valid_from else box[i][0]
        hi = v.valid_to.toordinal() if v.valid_to else box[i][1]
        box[i] = (max(box[i][0], lo), min(box[i][1], hi))
        if box[i][0] > box[i][1]:
            return None
    return tuple(box)


def candidate_boxes(sides: Sequence[Side], decision: str) -> list[Box] | None:
    """Disjoint boxes outside which the two sides agree on every case; None: explore everything.
    (A refusal names the version and the columns it reads, so those must not change either.)"""
    a, b = sides[0].module, sides[1].module
    if any(s.pinned for s in sides) or a.cutoff != b.cutoff:
        return None
    if a.decisions[decision] != b.decisions[decision]:
        return None
    va, ta = _reachable(a, a.decisions[decision])
    vb, tb = _reachable(b, b.decisions[decision])
    if va != vb or ta != tb or any(a.values[n] != b.values[n] for n in va):
        return None
    for ax in sides[0].axes:
        if ax.sides[0] != ax.sides[1]:
            return None
    boxes: list[Box] = []
    for name in sorted(ta):
        t0, t1 = a.tables[name], b.tables[name]
        if t0 == t1:
            continue
        if _header(t0) != _header(t1) or len(t0.versions) != len(t1.versions):
            return None
        for v0, v1 in zip(t0.versions, t1.versions, strict=True):
            if (v0.valid_from, v0.valid_to, v0.label) != (v1.valid_from, v1.valid_to, v1.label):
                return None
            if _read(v0) != _read(v1):
                return None  # refusals list the columns a version reads: they change everywhere
            k0, k1 = [_rule_key(r) for r in v0.rules], [_rule_key(r) for r in v1.rules]
            for tag, i1, i2, j1, j2 in SequenceMatcher(None, k0, k1, autojunk=False).get_opcodes():
                if tag == "equal":
                    continue
                for side, t, v, rows in ((0, t0, v0, v0.rules[i1:i2]), (1, t1, v1, v1.rules[j1:j2])):
                    for r in rows:
                        box = _row_box(sides, side, t, v, r)
                        if box is False:
                            return None
                        if box is not None:
                            boxes.append(box)  # type: ignore[arg-type]
    return disjoint(boxes)


def _minus(box: Box, cut: Box) -> list[Box]:
    """`box` without `cut`, as disjoint boxes."""
    if any(b[1] < c[0] or c[1] < b[0] for b, c in zip(box, cut, strict=True)):
        return [box]
    out = []
    rest = list(box)
    for d, ((lo, hi), (clo, chi)) in enumerate(zip(box, cut, strict=True)):
        if lo < clo:
            out.append(tuple(rest[:d]) + ((lo, clo - 1),) + tuple(rest[d + 1:]))
        if chi < hi:
            out.append(tuple(rest[:d]) + ((chi + 1, hi),) + tuple(rest[d + 1:]))
        rest[d] = (max(lo, clo), min(hi, chi))
    return out


def disjoint(boxes: Sequence[Box]) -> list[Box]:
    out: list[Box] = []
    for box in dict.fromkeys(boxes):
        pieces = [box]
        for done in out:
            pieces = [p for piece in pieces for p in _minus(piece, done)]
        out += pieces
    return out


def active_rules(side: Side, box: Box) -> dict[tuple[str, int], tuple[int, ...]]:
    """Per table version, the rules that can match some case in the box (a rule whose
    field cells miss the box can never fire there; other columns keep the rule)."""
    out: dict[tuple[str, int], tuple[int, ...]] = {}
    at = side.axis_of
    for t in side.module.tables.values():
        cols = [(j, at.get(c.name)) for j, c in enumerate(t.inputs)]
        for k, v in enumerate(t.versions):
            keep = []
            for i, r in enumerate(v.rules):
                for j, ai in cols:
                    cond = r.conditions[j]
                    if cond is None or ai is None:
                        continue
                    hull = _axis_hull(side.axes[ai], side.index, cond)
                    lo, hi = box[ai]
                    if hull is None or hull[1] < lo or hi < hull[0]:
                        break
                else:
                    keep.append(i)
            out[(t.name, k)] = tuple(keep)
    return out
