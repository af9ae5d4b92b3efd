"""What a decision can reach: the fields, values and tables its items read, through
values, every cell of every version of each table, and the cut-off date of dated
tables. Used by the checker (letter texts), `regel diff` (its axes and the rows
that can matter) and `regel brev`."""

from __future__ import annotations

from dataclasses import dataclass

from . import ir


@dataclass(frozen=True)
class Reach:
    fields: tuple[str, ...]  # in the module's field order
    values: frozenset[str]
    tables: tuple[str, ...]  # in the module's table order


def reach(module: ir.Module, decision: ir.Decision) -> Reach:
    seen: set[str] = set()
    values: set[str] = set()
    tables: set[str] = set()
    todo = [n for _name, e in decision.items for n in sorted(ir.refs(e))]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        table = module.tables.get(name[1:]) if name.startswith("@") else module.producer(name)
        if name in module.values:
            values.add(name)
            todo += sorted(ir.refs(module.values[name].expr))
        elif table is not None and table.name not in tables:
            tables.add(table.name)
            todo += [c.name for c in table.inputs]
            if table.versioned and module.cutoff:
                todo.append(module.cutoff)
            for v in table.versions:
                for r in v.rules:
                    for e in r.outputs:
                        todo += sorted(ir.refs(e))
            for rel in table.relations:
                todo += sorted(ir.refs(rel.expr))
    return Reach(tuple(f for f in module.fields if f in seen), frozenset(values),
                 tuple(t for t in module.tables if t in tables))
