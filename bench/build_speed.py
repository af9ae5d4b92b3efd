"""Build speed: `regel check tables/` and `regel compile tables/` cold (each in a
fresh process), and importing `generated/sanktion.py` in a fresh process.

    python bench/build_speed.py            # ~30 seconds
    python bench/build_speed.py --quick    # fewer repetitions

Each figure is the best of several fresh processes (the machine is shared).
`regel compile` writes into a temp dir, never into generated/. The Lark grammar
is built on every cold start; the benchmark also times the same commands with
Lark's grammar cache switched on from outside (a wrapper that passes
`cache=<file>` to `Lark(...)`), to show what `Lark(..., cache=...)` in
`src/regel/syntax/parser.py` would save.

Targets (issue "Performance"): check + compile cold under 1 s; importing the
generated module under 20 ms.
"""

from __future__ import annotations

import argparse
import os
import py_compile
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import ROOT, num, row

CACHED = """
import sys, lark
CACHE = sys.argv.pop(1)
_init = lark.Lark.__init__
def _cached(self, grammar, **options):
    options["cache"] = CACHE
    _init(self, grammar, **options)
lark.Lark.__init__ = _cached
from regel.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _best(cmd: list[str], runs: int, env: dict | None = None) -> tuple[float, int]:
    best, code = float("inf"), 0
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT)
        best = min(best, time.perf_counter() - t0)
        code = done.returncode
    return best, code


def _import_ms(runs: int, fresh_bytecode: bool) -> float:
    """Milliseconds to import generated/sanktion.py in a fresh process (timed around the import)."""
    code = ("import sys, time; sys.path.insert(0, sys.argv[1]); t = time.perf_counter(); import sanktion; "
            "print(time.perf_counter() - t)")
    best = float("inf")
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            src = ROOT / "generated" / "sanktion.py"
            path = Path(tmp) / "sanktion.py"
            path.write_bytes(src.read_bytes())
            if not fresh_bytecode:  # the .pyc an installed or once-imported module has (even with
                py_compile.compile(str(path), doraise=True)  # PYTHONDONTWRITEBYTECODE set)
            out = subprocess.run([sys.executable, "-c", code, tmp], capture_output=True, text=True, check=True)
            best = min(best, float(out.stdout.strip()) * 1000)
    return best


def _importtime_ms() -> float:
    """`python -X importtime`'s cumulative figure for the module (stdlib imports included)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sanktion.py"
        path.write_bytes((ROOT / "generated" / "sanktion.py").read_bytes())
        py_compile.compile(str(path), doraise=True)
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import sanktion"], capture_output=True,
                             text=True, env={**os.environ, "PYTHONPATH": tmp}, check=True)
    for line in out.stderr.splitlines():
        m = re.match(r"import time:\s+\d+\s+\|\s+(\d+)\s+\|\s*sanktion$", line)
        if m:
            return int(m.group(1)) / 1000
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    runs = 3 if args.quick else 7
    py = sys.executable
    out_dir = tempfile.mkdtemp(prefix="regel_build_")
    cache = str(Path(out_dir) / "grammar.lark-cache")

    check, check_code = _best([py, "-m", "regel", "check", "tables/"], runs)
    comp, comp_code = _best([py, "-m", "regel", "compile", "tables/", "--out", out_dir], runs)
    startup, _ = _best([py, "-c", "import regel.cli"], runs)
    grammar, _ = _best([py, "-c", "from regel.syntax.parser import _parser; _parser()"], runs)
    bare, _ = _best([py, "-c", "pass"], runs)
    subprocess.run([py, "-c", CACHED, cache, "check", "tables/"], capture_output=True, cwd=ROOT)  # fill the cache
    check_c, _ = _best([py, "-c", CACHED, cache, "check", "tables/"], runs)
    comp_c, _ = _best([py, "-c", CACHED, cache, "compile", "tables/", "--out", out_dir], runs)

    imp = _import_ms(runs, fresh_bytecode=False)
    imp_fresh = _import_ms(max(2, runs // 2), fresh_bytecode=True)
    imp_x = _importtime_ms()

    note = {0: "", 1: " (fund)"}
    print(f"Byggetid, kold (ny proces hver gang, bedste af {runs}):")
    print(row("regel check tables/" + note.get(check_code, f" (kode {check_code})"), num(check) + " s", "< 1 s",
              check < 1))
    print(row("regel compile tables/" + note.get(comp_code, f" (kode {comp_code})"), num(comp) + " s", "< 1 s",
              comp < 1))
    print(row("check + compile", num(check + comp) + " s", "", None))
    print(row("heraf: python uden noget", num(bare) + " s", "", None))
    print(row("heraf: import af regel.cli", num(startup - bare) + " s", "", None))
    print(row("heraf: import af regel.syntax + Lark-grammatikken", num(grammar - bare) + " s", "", None))
    print(row("regel check med Lark(cache=...)", num(check_c) + " s", "< 1 s", check_c < 1))
    print(row("regel compile med Lark(cache=...)", num(comp_c) + " s", "< 1 s", comp_c < 1))
    print("\nImport af generated/sanktion.py (ny proces):")
    print(row("import, med .pyc", num(imp, 1) + " ms", "< 20 ms", imp < 20))
    print(row("import, første gang (oversætter til .pyc)", num(imp_fresh, 1) + " ms", "", None))
    print(row("-X importtime, med .pyc (samlet, med stdlib-moduler)", num(imp_x, 1) + " ms", "", None))


if __name__ == "__main__":
    main()
