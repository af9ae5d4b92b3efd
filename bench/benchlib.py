"""Small helpers shared by the benchmarks: timing on a shared, noisy machine,
loading generated modules, and printing a figure next to its target.

Timings are the best of several rounds (the least disturbed one), and rivals are
timed in alternating rounds in the same run, so a ratio compares like with like.
No benchmark asserts an absolute time: it prints the figure and the target and
says whether the target was met here.
"""

from __future__ import annotations

import gc
import importlib.util
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))


def import_path(path: Path, name: str | None = None) -> ModuleType:
    name = name or f"bench_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def compile_regel(source: Path | str, out_dir: Path | None = None) -> ModuleType:
    """Generate the Python module of a .regel file (or its text) into a temp dir and import it."""
    from regel.codegen import generate, module_filename
    from regel.diagnostics import has_errors
    from regel.model import load

    tmp = Path(out_dir or tempfile.mkdtemp(prefix="regel_bench_"))
    if not isinstance(source, Path):
        src = tmp / "modul.regel"
        src.write_text(source, encoding="utf-8")
        source = src
    modules, diags = load([str(source)])
    if has_errors(diags) or not modules:
        raise SystemExit(f"{source}: kunne ikke indlæses: {[d.message for d in diags][:3]}")
    m = modules[0]
    path = tmp / module_filename(m)
    path.write_text(generate(m), encoding="utf-8")
    return import_path(path, f"bench_gen_{m.name}_{id(path)}")


def per_case(fns: dict[str, Callable[[object], object]], cases: Sequence[object] | dict[str, Sequence[object]],
             rounds: int = 5, budget: float | None = None) -> dict[str, float]:
    """Seconds per case for each function, best of `rounds` alternating rounds over `cases`
    (one list for all, or a list per function). With `budget` (seconds per function per
    round), slow functions run on a prefix of their cases."""
    own = cases if isinstance(cases, dict) else {name: cases for name in fns}
    best = {name: float("inf") for name in fns}
    sizes = {name: len(own[name]) for name in fns}
    if budget is not None:
        for name, fn in fns.items():
            t0 = time.perf_counter()
            k = 0
            while k < sizes[name] and time.perf_counter() - t0 < budget / 10:
                fn(own[name][k])
                k += 1
            per = (time.perf_counter() - t0) / max(k, 1)
            sizes[name] = max(1, min(sizes[name], int(budget / per)))
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(rounds):
            for name, fn in fns.items():
                batch = own[name][: sizes[name]]
                t0 = time.perf_counter()
                for c in batch:
                    fn(c)
                best[name] = min(best[name], (time.perf_counter() - t0) / len(batch))
    finally:
        if gc_was:
            gc.enable()
    return best


def us(seconds: float) -> str:
    return f"{seconds * 1e6:,.2f} µs".replace(",", "X").replace(".", ",").replace("X", ".")


def dk(n: int) -> str:
    """1000000 -> '1.000.000'."""
    return f"{n:,}".replace(",", ".")


def num(x: float, digits: int = 2) -> str:
    return f"{x:,.{digits}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def verdict(ok: bool) -> str:
    return "OK" if ok else "IKKE NÅET"


def row(label: str, figure: str, target: str, ok: bool | None) -> str:
    mark = "" if ok is None else verdict(ok)
    return f"  {label:<52} {figure:>16}   mål: {target:<18} {mark}"
