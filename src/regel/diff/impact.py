"""Case impact: every case of a caseload decided by both states of the rules.

Both states are compiled in memory (the same generator as `regel compile`, so the
answers are what the generated modules would give) and each case is decided by
both. A case is read as `regel eval` reads a batch (docs/batch.md): a bad line is
counted and named, never guessed. A field only one state declares is left out of
the other state's case; a field neither declares is an error for the case.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import ModuleType

from rich.console import Console
from rich.text import Text

from ..build import _umask
from ..checks.wording import count
from ..codegen import generate
from ..jsonio import dumps
from ..model import ir
from ..runtime.core import _number
from .engine import DecisionDiff, json_number
from .space import DiffError

_NUMERIC = ("amount", "int", "percent", "number")
MAX_ERRORS_SHOWN = 5


def compile_module(module: ir.Module) -> ModuleType:
    """The generated evaluator of a module, built in memory (nothing is written)."""
    mod = ModuleType(f"regel_diff_{module.name}")
    code = compile(generate(module), f"<regel diff: {module.name}>", "exec")
    exec(code, mod.__dict__)  # noqa: S102 - our own generated code, as `regel compile` writes it
    return mod


@dataclass
class Change:
    """The distribution of the change in one numeric output among cases answered on both sides."""

    kind: str
    total: Decimal = Decimal(0)
    up: int = 0
    down: int = 0
    changes: Counter = field(default_factory=Counter)

    def add(self, a: object, b: object) -> None:
        if a is None or b is None or a == b:
            return
        delta = Decimal(b) - Decimal(a)  # type: ignore[arg-type]
        self.total += delta
        if delta > 0:
            self.up += 1
        else:
            self.down += 1
        self.changes[delta] += 1

    def quantiles(self) -> dict[str, Decimal]:
        n = self.up + self.down
        if not n:
            return {}
        marks = {"min": 0, "p10": (n - 1) // 10, "median": (n - 1) // 2, "p90": (n - 1) * 9 // 10, "maks": n - 1}
        out: dict[str, Decimal] = {}
        seen = 0
        for value in sorted(self.changes):
            seen += self.changes[value]
            for name, k in marks.items():
                if name not in out and k < seen:
                    out[name] = value
        return out


@dataclass
class Impact:
    decision: str
    total: int = 0
    changed: int = 0
    only_refused_before: int = 0
    only_refused_after: int = 0
    refused_both: int = 0
    refusal_changed: int = 0
    rules_only: int = 0
    bad_lines: int = 0
    done: int = 0  # cases decided so far (for an interrupted run's message)
    errors: list[str] = field(default_factory=list)
    outputs: dict[str, Change] = field(default_factory=dict)
    regions: Counter = field(default_factory=Counter)

    @property
    def unchanged(self) -> int:
        """Cases with the same answer and the same rules (refused alike included)."""
        return (self.total - self.bad_lines - self.changed - self.only_refused_before - self.only_refused_after
                - self.refusal_changed - self.rules_only)

    def as_json(self) -> dict[str, object]:
        return {
            "beslutning": self.decision, "i_alt": self.total, "ændret": self.changed,
            "kun_afvist_før": self.only_refused_before, "kun_afvist_efter": self.only_refused_after,
            "afvist_begge": self.refused_both, "ændret_afvisning": self.refusal_changed,
            "kun_regler_ændret": self.rules_only, "ugyldige_linjer": self.bad_lines, "uændret": self.unchanged,
            "beløb": {k: {"sum": json_number(c.total, c.kind), "får_mere": c.up, "får_mindre": c.down,
                          **{q: json_number(v, c.kind) for q, v in c.quantiles().items()}}
                      for k, c in self.outputs.items() if c.up or c.down},
            "områder": [{"område": k, "sager": n} for k, n in sorted(self.regions.items())],
        }

    def render(self, console: Console) -> None:
        console.print()
        console.print(Text(f"Sager ({self.decision}): {count(self.total)} i alt", style="bold"))
        rows = [("uændret (samme svar og regler; heraf afvist med samme besked: "
                 f"{count(self.refused_both - self.refusal_changed)})", self.unchanged),
                ("ændret svar", self.changed), ("kun afvist før", self.only_refused_before),
                ("kun afvist efter", self.only_refused_after), ("afvist på begge sider, ny begrundelse",
                                                                self.refusal_changed),
                ("samme svar, anden regel eller hjemmel", self.rules_only), ("ugyldige linjer", self.bad_lines)]
        for label, n in rows:
            if n:
                console.print(f"  {label}: {count(n)}")
        for name, c in self.outputs.items():
            if not (c.up or c.down):
                continue
            q = c.quantiles()
            unit = " kr" if c.kind == "amount" else ""
            show = {k: _number(v, money=c.kind == "amount") + unit for k, v in q.items()}
            console.print(f"  {name}: {count(c.up)} får mere, {count(c.down)} får mindre; "
                          f"i alt {_number(c.total, money=c.kind == 'amount')}{unit}; ændring fra {show['min']} "
                          f"til {show['maks']} (median {show['median']})")
        if self.regions:
            shown = sorted(self.regions.items())
            parts = ", ".join(f"område {k}: {count(n)}" for k, n in shown[:10])
            more = f" … og {count(len(shown) - 10)} områder mere" if len(shown) > 10 else ""
            console.print(f"  ændrede sager pr. område (ændrede svar): {parts}{more}", soft_wrap=True)
        for e in self.errors[:MAX_ERRORS_SHOWN]:
            console.print(Text(f"  {e}", style="yellow"))
        if self.bad_lines > MAX_ERRORS_SHOWN:
            console.print(Text(f"  … og {count(self.bad_lines - MAX_ERRORS_SHOWN)} ugyldige linjer mere "
                               "(de er talt med ovenfor og er ikke afgjort på nogen af siderne)", style="yellow"))


def _region_index(diff: DecisionDiff | None) -> list[tuple[int, list]] | None:
    if diff is None:
        return None
    return [(k, r.boxes) for k, r in enumerate((r for r in diff.regions if r.art == "svar"), 1)]


def _region_of(case: dict, diff: DecisionDiff, index: list[tuple[int, list]]) -> int | None:
    point: list[int | None] = []
    for ax in diff.axes:
        v = case.get(ax.name)
        if v is None:
            point.append(None)  # not given and not needed for this case's answer: any value
            continue
        try:
            point.append(ax.type.values.index(v) if ax.type.values else _unit(ax, v))
        except (ValueError, TypeError, AttributeError, AssertionError):
            return None
    for k, boxes in index:
        for box in boxes:
            if all(u is None or lo <= u <= hi for u, (lo, hi) in zip(point, box, strict=True)):
                return k
    return None


def _unit(ax, v: object) -> int:
    from ..model.types import to_unit

    if ax.kind.value == "date" and isinstance(v, str):
        from datetime import date

        v = date.fromisoformat(v)
    return to_unit(ax.type, v)


def run_impact(before: ir.Module, after: ir.Module, decision: str, cases: Iterator[tuple[dict | None, str | None]],
               out: Path | None, diff: DecisionDiff | None, console: Console,
               pins: Sequence[dict] = ({}, {}), line_offset: int = 0) -> Impact:
    """Decide every case on both sides; count, sum and (with `out`) write the changed ones."""
    mods = compile_module(before), compile_module(after)
    fields = set(before.fields), set(after.fields)
    kinds = {k: str(v["type"]) for m in mods for k, v in m.OUTPUTS[decision].items()}
    impact = Impact(decision, outputs={k: Change(kinds[k]) for k in kinds if kinds[k] in _NUMERIC})
    index = _region_index(diff)
    # A case leaves out fields that have a default: the region test needs their values.
    defaults = {k: v["default"] for k, v in mods[1].INPUTS.items() if v["has_default"]}
    sink = _Sink(out) if out is not None else None
    progress = _progress(console)
    try:
        for n, (case, problem) in enumerate(cases, 1):
            impact.total += 1
            impact.done = n
            if progress is not None and n % 10_000 == 0:
                progress[0].update(progress[1], completed=n, shown=count(n))
            if case is None:
                impact.bad_lines += 1
                if len(impact.errors) < 1000:
                    impact.errors.append(problem or f"linje {n}: kan ikke læses")
                continue
            a = _decide(mods[0], decision, case, fields[0], fields[1], pins[0])
            b = _decide(mods[1], decision, case, fields[1], fields[0], pins[1])
            if not _tally(impact, a, b):
                continue
            if index is not None:
                k = _region_of({**defaults, **case, **pins[1]}, diff, index)  # type: ignore[arg-type]
                if k is not None:
                    impact.regions[k] += 1
            if sink is not None:  # the line of the file (a CSV file's first line is its header)
                sink.write({"linje": n + line_offset, "sag": case, "før": _shown(a), "efter": _shown(b)})
    except BaseException:
        if sink is not None:
            sink.abort()
        raise
    finally:
        if progress is not None:
            progress[0].stop()
    if sink is not None:
        sink.finish()
    return impact


def _decide(mod: ModuleType, decision: str, case: dict, own: set[str], other: set[str], pins: dict
            ) -> tuple[dict | None, str | None]:
    mine = {k: v for k, v in case.items() if k in own or k not in other}
    mine.update(pins)
    try:
        return mod.evaluate(mine, decision), None
    except mod.RegelFejl as e:
        return None, str(e)


def _tally(impact: Impact, a: tuple, b: tuple) -> bool:
    """Count one case; True when it changed in outputs or refusal."""
    (ra, ea), (rb, eb) = a, b
    if ea is not None or eb is not None:
        if ea is not None and eb is not None:
            impact.refused_both += 1
            if ea != eb:
                impact.refusal_changed += 1
                return True
            return False
        if ea is not None:
            impact.only_refused_before += 1
        else:
            impact.only_refused_after += 1
        return True
    rules_a, rules_b = ra.pop("regler", None), rb.pop("regler", None)
    if ra == rb:
        if rules_a != rules_b:
            impact.rules_only += 1
        return False
    impact.changed += 1
    for k, c in impact.outputs.items():
        c.add(ra.get(k), rb.get(k))
    return True


def _shown(r: tuple) -> dict:
    return {"afvist": r[1]} if r[1] is not None else {"resultat": r[0]}


def _progress(console: Console):
    if not console.is_terminal:
        return None
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    p = Progress(SpinnerColumn(), TextColumn("{task.fields[shown]} sager"), TimeElapsedColumn(), console=console,
                 transient=True)
    task = p.add_task("diff", total=None, shown="0")
    p.start()
    return p, task


class _Sink:
    """Changed cases as JSON lines, written atomically (a temporary file renamed at the end)."""

    def __init__(self, target: Path) -> None:
        if target.is_dir():
            raise DiffError(f"--out {target} er en mappe; angiv en fil.")
        if not target.parent.is_dir():
            raise DiffError(f"Mappen {target.parent} findes ikke.")
        self.target = target
        fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, obj: dict) -> None:
        self.fh.write(dumps(obj, indent=None) + "\n")

    def finish(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.chmod(self.tmp, 0o666 & ~_umask())  # as write_atomic gives a new file
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        self.fh.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)
