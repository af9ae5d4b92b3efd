"""The reviewer's row-level summary: per table and version, rows added, removed, changed.

Rows are aligned like diff(1) aligns lines (difflib's longest matching blocks) on
what a row says: its conditions, results, citation and id. Within a replaced
stretch, rows pair up in order as changed rows; the surplus is added or removed.
Versions pair up by label, else by start date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..model import ir
from ..model.show import expr_text


@dataclass
class VersionRows:
    version: str | None
    status: str  # "ændret", "tilføjet", "fjernet"
    added: list[str] = field(default_factory=list)  # rule ids (after)
    removed: list[str] = field(default_factory=list)  # rule ids (before)
    changed: list[tuple[str, str]] = field(default_factory=list)  # (before id, after id)


@dataclass
class TableRows:
    module: str
    table: str
    status: str  # "ændret", "tilføjet", "fjernet"
    versions: list[VersionRows] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # which of kolonner, politik, hjemmel, titel changed


def _row_key(rule: ir.Rule) -> tuple:
    conds = tuple(c.text if c is not None else "-" for c in rule.conditions)
    return conds, tuple(expr_text(e) for e in rule.outputs), rule.citation, rule.id


def _version_name(v: ir.Version) -> str | None:
    return v.label or (v.valid_from.isoformat() if v.valid_from else None)


def _pair_versions(a: ir.Table, b: ir.Table) -> list[tuple[ir.Version | None, ir.Version | None]]:
    out: list[tuple[ir.Version | None, ir.Version | None]] = []
    rest = list(b.versions)
    for va in a.versions:
        match = next((vb for vb in rest if vb.label is not None and vb.label == va.label), None) or \
            next((vb for vb in rest if vb.valid_from == va.valid_from), None)
        if match is not None:
            rest.remove(match)
        out.append((va, match))
    out += [(None, vb) for vb in rest]
    return out


def _version_rows(va: ir.Version | None, vb: ir.Version | None) -> VersionRows | None:
    if va is None or vb is None:
        v = va or vb
        assert v is not None
        ids = [r.id for r in v.rules]
        return VersionRows(_version_name(v), "fjernet" if vb is None else "tilføjet",
                           added=ids if va is None else [], removed=ids if vb is None else [])
    ka = [_row_key(r) for r in va.rules]
    kb = [_row_key(r) for r in vb.rules]
    period_changed = (va.valid_from, va.valid_to) != (vb.valid_from, vb.valid_to)
    if ka == kb and not period_changed:
        return None
    out = VersionRows(_version_name(vb), "ændret")
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        old, new = list(va.rules[i1:i2]), list(vb.rules[j1:j2])
        # Within a replaced stretch a row keeps its id when it is edited: pair by id; the rest
        # are added or removed (pairing by position would call an inserted row «changed»).
        new_ids = {r.id for r in new}
        for r in old:
            if r.id in new_ids:
                out.changed.append((r.id, r.id))
            else:
                out.removed.append(r.id)
        old_ids = {r.id for r in old}
        out.added += [r.id for r in new if r.id not in old_ids]
    return out


_HEADER_PARTS = (("kolonner", lambda t: ([(c.name, c.type) for c in t.inputs], [(c.name, c.type) for c in t.outputs])),
                 ("politik", lambda t: (t.policy, t.aggregator)), ("hjemmel", lambda t: t.citation),
                 ("titel", lambda t: t.title))


def _header(a: ir.Table, b: ir.Table) -> list[str]:
    """Which parts of the table's heading changed (columns, policy, citation, title)."""
    return [name for name, part in _HEADER_PARTS if part(a) != part(b)]


def table_rows(before: ir.Module | None, after: ir.Module | None) -> list[TableRows]:
    """Every table of a module that differs between the two states, in the later state's order."""
    ta = before.tables if before else {}
    tb = after.tables if after else {}
    name = (after or before).name  # type: ignore[union-attr]
    out = []
    for tname in list(tb) + [t for t in ta if t not in tb]:
        a, b = ta.get(tname), tb.get(tname)
        if a is None or b is None:
            t = a or b
            assert t is not None
            rows = TableRows(name, tname, "tilføjet" if a is None else "fjernet")
            rows.versions = [v for v in (_version_rows(None if a is None else x, None if b is None else x)
                                         for x in t.versions) if v is not None]
            out.append(rows)
            continue
        versions = [v for v in (_version_rows(x, y) for x, y in _pair_versions(a, b)) if v is not None]
        header = _header(a, b)
        if versions or header:
            out.append(TableRows(name, tname, "ændret", versions, header))
    return out
