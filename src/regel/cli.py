"""The `regel` command line. Danish help and messages; exit codes: 0 ok,
1 findings or failed examples, 2 bad usage or bad input."""

from __future__ import annotations

import argparse
import errno
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from .jsonio import CaseError, dumps, load_single_case
from .loading import UsageError, find_decision, read_input
from .oserrors import BROKEN_PIPE, os_problem

if TYPE_CHECKING:
    from .diagnostics import Diagnostic

DEFAULT_TABLES = ["tables"]
DEFAULT_GENERATED = "generated"


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class _Console(Console):
    """Rich's Console, except that a closed pipe raises BrokenPipeError (Rich's own
    on_broken_pipe exits 1 in silence, which a script would read as «findings»);
    main() reports it like any other closed pipe."""

    def on_broken_pipe(self) -> None:
        self.quiet = True  # nothing more is written to a pipe nobody reads
        raise BrokenPipeError(errno.EPIPE, BROKEN_PIPE)


def _stderr() -> Console:
    return _Console(stderr=True, highlight=False)


def _stdout() -> Console:
    return _Console(highlight=False)


# ---- loading and checking ----------------------------------------------------------------
def _load_and_check(paths: list[str], time_limit: float | None = None, memory_mb: float | None = None):
    """Load and check; one budget (time and memory) bounds the checks of all
    modules together. memory_mb None means the default budget."""
    from .checks import DEFAULT_MEMORY_MB, Budget, check_module
    from .model import load

    modules, diags = load(paths)
    budget = Budget(time_limit, DEFAULT_MEMORY_MB if memory_mb is None else memory_mb)
    for m in modules:
        diags.extend(check_module(m, budget=budget))
    return modules, diags


def _print_diags(diags: list[Diagnostic], fmt: str) -> None:
    from . import render
    from .diagnostics import Diagnostic

    ordered = sorted(diags, key=Diagnostic.sort_key)
    if fmt == "json":
        print(dumps([render.to_json(d) for d in ordered]))
        return
    if fmt == "gnu":
        for d in ordered:
            print(render.gnu(d))
        return
    err = _stderr()
    for d in ordered:
        render.rich(err, d)


def cmd_check(args) -> int:
    from . import render
    from .diagnostics import has_errors
    from .model import discover

    paths = args.paths or DEFAULT_TABLES
    modules, diags = _load_and_check(paths, args.tidsgraense, args.hukommelse)
    _print_diags(diags, args.format)
    stopped = any(d.code == "W207" for d in diags)  # a check cut short proves nothing: never exit 0
    if args.format == "rich":
        files = len([f for f in discover(paths) if f.exists()])
        tables = sum(len(m.tables) for m in modules)
        line = f"Tjekkede {_n(files, 'fil', 'filer')}"
        if modules:
            line += f" ({_n(tables, 'tabel', 'tabeller')} analyseret)"
        if len(modules) < files:
            line += "; huller og overlap analyseres, når fejlene er rettet"
        line = f"{line}: {render.summary(diags)}."
        if stopped:
            line += (" [bold yellow]Analysen blev afbrudt (W207):[/] ikke alle tabeller er bevist fuldstændige; "
                     "hæv --tidsgrænse eller --hukommelse.")
        _stderr().print(line)
    return 1 if has_errors(diags) or stopped else 0


def cmd_compile(args) -> int:
    from . import build
    from .diagnostics import has_errors

    modules, diags = _load_and_check(args.paths or DEFAULT_TABLES, args.tidsgraense, args.hukommelse)
    _print_diags(diags, args.format)
    if has_errors(diags):
        _stderr().print("[bold red]Intet er skrevet:[/] ret fejlene først.")
        return 1
    if any(d.code == "W207" for d in diags):
        _stderr().print("[bold red]Intet er skrevet:[/] tjekket blev afbrudt (W207), så tabellerne er ikke bevist "
                        "fuldstændige. Hæv --tidsgrænse eller --hukommelse.")
        return 1
    if getattr(args, "maal", "python") == "sql":
        from .sqlcmd import render_modules

        files = render_modules(modules)
    else:
        files = build.render(modules)
    out = Path(args.out)
    if args.check:
        stale = build.stale(files, out)
        if stale:
            _stderr().print(f"[bold red]{escape(str(out))}/ er forældet:[/] {escape(', '.join(stale))}. "
                            "Kør «regel compile».")
            return 1
        _stderr().print(f"{escape(str(out))}/ er ajour ({_n(len(files), 'modul', 'moduler')}).")
        return 0
    try:
        written = build.write(files, out)
    except FileExistsError as err:
        raise UsageError(str(err)) from None
    _stderr().print(f"Skrev {len(written)} af {_n(len(files), 'modul', 'moduler')} til {escape(str(out))}/.")
    return 0


def cmd_test(args) -> int:
    from . import render
    from .testing import run_module_examples

    modules, diags = _load_and_check(args.paths or DEFAULT_TABLES)
    errors = [d for d in diags if d.is_error]
    if errors:
        _print_diags(errors, "rich")
        return 1
    con = _stdout()
    failed = total = 0
    for m in modules:
        for r in run_module_examples(m):
            total += 1
            where = render.location(r.example.span)
            if r.passed:
                if args.verbose:
                    con.print(f"[green]✓[/] {escape(r.example.title)}  [dim]{escape(where)}[/]")
                continue
            failed += 1
            con.print(f"[bold red]✗ {escape(r.example.title)}[/]  [dim]{escape(where)}[/]")
            con.print(f"    {escape(r.message)}", soft_wrap=True)
            if r.fired:
                con.print(f"    [dim]regler der ramte: {escape(', '.join(r.fired))}[/]", soft_wrap=True)
    style = "bold red" if failed else "bold green"
    con.print(f"[{style}]{total - failed} bestået, {failed} fejlet[/] "
              f"({_n(total, 'eksempel', 'eksempler')} i {_n(len(modules), 'modul', 'moduler')})")
    return 1 if failed else 0


# ---- evaluation through the generated modules ----------------------------------------------
def ensure_current(mod: ModuleType, generated: Path, allow_stale: bool) -> None:
    """Refuse a generated module whose sources changed since «regel compile»: its answers
    would be the old rules' (the old rate) without anyone saying so."""
    from .build import changed_sources

    digests = getattr(mod, "SOURCE_DIGESTS", None)
    if digests is None:
        raise UsageError(f"{mod.__file__} er lavet af en ældre udgave af regel og kan ikke kontrolleres mod "
                         "kilderne. Kør «regel compile».")
    changed = changed_sources(digests, [generated.resolve().parent])
    if not changed:
        return  # current, or deployed without its sources (nothing to compare with)
    shown = ", ".join(changed[:5]) + (f" og {len(changed) - 5} flere" if len(changed) > 5 else "")
    where = Path(mod.__file__).name
    if allow_stale:
        _stderr().print(f"[bold yellow]advarsel:[/] {escape(where)} er forældet ({escape(shown)} er ændret siden "
                        "«regel compile»); svaret kommer fra den gamle kode.", soft_wrap=True, highlight=False)
        return
    raise UsageError(f"Det genererede modul {where} er forældet: {shown} er ændret siden «regel compile». "
                     "Kør «regel compile» (eller brug --tillad-forældet for bevidst at bruge den gamle kode).")


def cmd_eval(args) -> int:
    try:
        mod = find_decision(args.decision, Path(args.generated))
        ensure_current(mod, Path(args.generated), args.tillad_foraeldet)
    except UsageError as err:
        if not args.json or args.out:
            raise
        return _refuse(str(err), True)
    if args.out or _is_batch(args.input):
        from .batch import DEFAULT_MAX_LINE, BatchUsageError, run_batch

        engine = None
        if args.motor == "duckdb":
            from .outfile import TerminatedError, _sigterm_raises
            from .sqlcmd import duckdb_engine

            try:  # loading and compiling the rules when the plan cache is cold takes seconds
                with _sigterm_raises():
                    duck = duckdb_engine(mod, args.decision, Path(args.generated))
            except (KeyboardInterrupt, TerminatedError) as exc:
                kept = args.out and args.out != "-" and Path(args.out).exists()
                _stderr().print("Afbrudt efter 0 sager; " + ("resultatfilen er ikke ændret." if kept else
                                "der er ikke skrevet nogen resultatfil."), highlight=False)
                return 143 if isinstance(exc, TerminatedError) else 130
            if duck.why_not is not None:
                _stderr().print(f"[bold yellow]advarsel:[/] {escape(args.decision)} kan ikke køres eksakt i SQL "
                                f"({escape(duck.why_not)}); sagerne afgøres af Python-evaluatoren.",
                                soft_wrap=True, highlight=False)
            engine = duck
        try:
            return run_batch(mod, args.decision, args.input, args.out, _stderr(),
                             max_line=args.maks_linje or DEFAULT_MAX_LINE, engine=engine)
        except BatchUsageError as err:
            raise UsageError(str(err)) from None
        finally:
            if engine is not None:
                engine.close()  # now, in this thread: closing an interrupted DuckDB at exit aborted the process
    try:
        case = load_single_case(read_input(args.input))
        result = mod.evaluate(case, args.decision)
    except (CaseError, UsageError, mod.RegelFejl) as err:
        return _refuse(str(err), args.json)
    if args.json:
        print(dumps(result))
    else:
        from .explain import render_result

        shown = mod.explain(case, args.decision).get("resultat") or {}
        render_result(_stdout(), args.decision, {**shown, "regler": result.get("regler", [])})
    return 0


def _is_batch(spec: str) -> bool:
    return spec.lower().endswith((".jsonl", ".csv", ".parquet"))


_WHOLE_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+", re.ASCII)


def _line_cap(text: str) -> int:
    """`--maks-linje`: a positive number of bytes, written as `--help` shows the default
    (`1.048.576`, Danish thousands separators) or without separators."""
    value = text.strip()
    if value.lower().endswith("bytes"):
        value = value[:-5].rstrip()
    n = int(value.replace(".", "")) if _WHOLE_NUMBER.fullmatch(value) else 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"ugyldig værdi «{text}»: skal være et positivt helt antal bytes, "
                                         f"fx 1.048.576")
    return n


def _refuse(message: str, as_json: bool) -> int:
    _stderr().print(f"[bold red]fejl:[/] {escape(message)}", soft_wrap=True, highlight=False)
    if as_json:
        print(dumps({"fejl": message}))
    return 2


def cmd_explain(args) -> int:
    try:
        mod = find_decision(args.decision, Path(args.generated))
        ensure_current(mod, Path(args.generated), args.tillad_foraeldet)
        case = load_single_case(read_input(args.input))
    except (CaseError, UsageError) as err:
        return _refuse(str(err), args.json)
    trace = mod.explain(case, args.decision)
    if args.json:
        print(dumps(trace))
    else:
        from .explain import render_trace

        render_trace(_stdout(), trace, alle=args.alle)
    return 2 if trace.get("fejl") else 0


# ---- formatting and review pages ---------------------------------------------------------------
def cmd_fmt(args) -> int:
    from .fmt import FormatFejl, format_source
    from .model.loader import discover_roots
    from .source import FileRefusedError, decode, read_regel

    changed = []
    status = 0
    for f, root in discover_roots(args.paths or DEFAULT_TABLES, fragments=True):
        # Only regular .regel files (inside the folder given) are read: never echo another file.
        try:
            src, problem = decode(str(f), read_regel(f, root))
        except FileRefusedError as err:
            _stderr().print(f"[bold red]fejl:[/] {escape(err.message)}")
            status = 2
            continue
        if problem:
            _stderr().print(f"[bold red]fejl:[/] {escape(f'{f}: {problem}')}")
            status = 2
            continue
        text = src.text.replace("\r\n", "\n").replace("\r", "\n")  # as read_text's universal newlines
        try:
            new = format_source(text)
        except FormatFejl as err:
            _stderr().print(f"[bold red]fejl:[/] {escape(f'{f}: {err}')}")
            status = 2
            continue
        if new != text:
            changed.append(f)
            if not args.check:
                from .build import write_atomic

                write_atomic(f, new)
    con = _stderr()
    if args.check:
        for f in changed:
            con.print(f"ikke formateret: {escape(str(f))}")
        return status or (1 if changed else 0)
    con.print(f"Formaterede {_n(len(changed), 'fil', 'filer')}.")
    return status


def cmd_doc(args) -> int:
    from .diff.space import DiffError
    from .review import build_site

    try:
        written = build_site(args.paths or DEFAULT_TABLES, args.out, args.sammenlign)
    except DiffError as err:
        raise UsageError(str(err)) from None
    _stderr().print(escape(f"Skrev {len(written)} sider til {args.out}/ (åbn {Path(args.out) / 'index.html'})."))
    return 0


# ---- argument parsing ------------------------------------------------------------------------------
# argparse's own words, in Danish (it looks them up through gettext).
_ARGPARSE_DA = {
    "usage: ": "brug: ",
    "positional arguments": "argumenter",
    "options": "tilvalg",
    "show this help message and exit": "vis denne hjælp og afslut",
    "the following arguments are required: %s": "disse argumenter mangler: %s",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldigt valg: %(value)r (vælg mellem %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "expected one argument": "forventede ét argument",
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
}
argparse._ = lambda text: _ARGPARSE_DA.get(text, text)  # type: ignore[attr-defined]


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line. `command` (the word after `regel`, when known) spares what
    only other commands need: `regel eval` and `regel explain` need not import the checker
    for the options of `regel check`, `regel compile` and `regel diff` (~0,2 s)."""
    p = _Parser(
        prog="regel",
        description="Beslutningstabeller for danske retsregler: tjek, oversæt til Python, evaluér og forklar.",
        epilog="Eksempel: regel check tables/ && regel compile tables/ && "
               "regel explain sanktion --input examples/ressourceforloeb_udeblevet_samtale.json")
    sub = p.add_subparsers(dest="command", metavar="KOMMANDO")
    sub.required = True

    def paths(sp):
        sp.add_argument("paths", nargs="*", metavar="STI",
                        help="filer eller mapper med .regel-filer (standard: tables)")

    sp = sub.add_parser("check", help="find huller, overlap, døde regler og fejl i tabellerne")
    paths(sp)
    sp.add_argument("--format", choices=["rich", "gnu", "json"], default="rich",
                    help="rich (standard), gnu (fil:linje:kolonne: alvor: besked) eller json")
    budget = command is None or command in ("check", "compile")
    if budget:
        from .checks.budget import add_budget_options

        add_budget_options(sp)
    sp.set_defaults(func=cmd_check)

    sp = sub.add_parser("compile", help="oversæt tabellerne til Python-moduler")
    paths(sp)
    sp.add_argument("--out", default=DEFAULT_GENERATED, metavar="MAPPE", help="hvor modulerne skrives (generated)")
    sp.add_argument("--check", action="store_true", help="skriv intet; afslut med 1 hvis MAPPE er forældet")
    sp.add_argument("--mål", dest="maal", choices=["python", "sql"], default="python",
                    help="python (standard): Python-moduler; sql: én .sql-fil pr. modul (DuckDB, se docs/sql.md)")
    sp.add_argument("--format", choices=["rich", "gnu", "json"], default="rich", help="format for fund")
    if budget:
        add_budget_options(sp)
    sp.set_defaults(func=cmd_compile)

    for name, helptext, func in (
        ("eval", "evaluér en sag (eller en fil med mange) med det genererede modul", cmd_eval),
        ("explain", "forklar en sag: tabeller, regler, hjemmel og beregning", cmd_explain),
    ):
        sp = sub.add_parser(name, help=helptext)
        sp.add_argument("decision", metavar="BESLUTNING", help="fx sanktion")
        sp.add_argument("--input", required=True, metavar="FIL",
                        help="sagen som JSON (- for standard input)" + (
                            "; også .jsonl/.csv/.parquet med mange sager (resultaterne i --out FIL, "
                            "ellers på standard output)" if name == "eval" else ""))
        sp.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
        sp.add_argument("--generated", default=DEFAULT_GENERATED, metavar="MAPPE",
                        help="mappen med genererede moduler (generated)")
        sp.add_argument("--tillad-forældet", dest="tillad_foraeldet", action="store_true",
                        help="brug modulet, selv om kilderne er ændret siden «regel compile» (advarer)")
        if name == "explain":
            sp.add_argument("--alle", action="store_true",
                            help="vis sagens oplysninger og alle regler, også dem der ikke ramte, og hvorfor "
                                 "(standard: reglen der ramte, dens oplysninger og reglerne der var tæt på)")
        if name == "eval":
            sp.add_argument("--out", metavar="FIL", help="resultatfil for mange sager (.jsonl, .csv eller .parquet)")
            sp.add_argument("--motor", choices=["python", "duckdb"], default="python",
                            help="python (standard) eller duckdb: kør den genererede SQL i DuckDB (docs/sql.md). "
                                 "DuckDB bruger én tråd pr. kerne og højst en fjerdedel af maskinens hukommelse, "
                                 "dog mindst 256 MB og højst 1 GB; miljøvariablen REGEL_DUCKDB_HUKOMMELSE (fx 4GB) "
                                 "sætter en anden grænse. Hvad der ikke kan være i hukommelsen, skrives midlertidigt "
                                 "i en mappe under TMPDIR, som fjernes igen")
            sp.add_argument("--maks-linje", dest="maks_linje", type=_line_cap, metavar="BYTES",
                            help="længste linje i en .jsonl/.csv-fil; længere linjer afvises (standard 1.048.576)")
        sp.set_defaults(func=func)

    sp = sub.add_parser("test", help="kør eksemplerne («eksempel») mod den genererede kode")
    paths(sp)
    sp.add_argument("-v", "--verbose", action="store_true", help="vis også beståede eksempler")
    sp.set_defaults(func=cmd_test)

    sp = sub.add_parser("fmt", help="formatér .regel-filer (justerede kolonner)")
    paths(sp)
    sp.add_argument("--check", action="store_true", help="ændr intet; afslut med 1 hvis en fil ikke er formateret")
    sp.set_defaults(func=cmd_fmt)

    sp = sub.add_parser("doc", help="lav HTML-sider til gennemsyn af tabellerne")
    paths(sp)
    sp.add_argument("--out", required=True, metavar="MAPPE", help="mappen siderne skrives til")
    sp.add_argument("--sammenlign", metavar="FØR",
                    help="tilføj en side med ændringerne fra FØR (fil eller mappe), som «regel diff FØR STI»")
    sp.set_defaults(func=cmd_doc)

    from .diffcmd import add_parser as add_diff
    from .lettercmd import add_parser as add_letter
    from .lspcmd import add_parser as add_lsp
    from .sqlcmd import add_parser as add_sql

    if command not in ("eval", "explain"):  # `regel diff`'s options import the checker
        add_diff(sub)
    add_letter(sub)
    add_lsp(sub)
    add_sql(sub)
    return p


class _Parser(argparse.ArgumentParser):
    """argparse that remembers its complaint, so `--json` callers get it as {"fejl": …}."""

    last_error: str | None = None

    def error(self, message: str):  # type: ignore[override]
        _Parser.last_error = message
        super().error(message)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    p = parser(argv[0] if argv and not argv[0].startswith("-") else None)
    try:
        try:
            args = p.parse_args(argv)
        except SystemExit as exit_:
            if exit_.code != 2:
                sys.stdout.flush()  # --help into a closed pipe is reported below, not at exit
                raise  # --help
            if "--json" in argv and _Parser.last_error:
                print(dumps({"fejl": _Parser.last_error}))
                sys.stdout.flush()
            return 2
    except BrokenPipeError:
        return _broken_pipe()
    try:
        status = args.func(args)
        sys.stdout.flush()  # a full disk or a closed pipe must show here, not as a traceback at exit
        return status
    except UsageError as err:
        _stderr().print(f"[bold red]fejl:[/] {escape(str(err))}", soft_wrap=True, highlight=False)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # from print(), a flush, Rich (_Console) or a batch run writing to stdout
        return _broken_pipe()
    except OSError as err:
        if err.errno is None or err.filename is not None:
            return _crash(err)
        _silence_stdout()
        _stderr().print(f"[bold red]fejl:[/] kan ikke skrive resultatet: {escape(os_problem(err))}.",
                        highlight=False)
        return 2
    except Exception as err:  # noqa: BLE001 - the last line of defence, reported as such
        return _crash(err)


def _broken_pipe() -> int:
    """The reader went away (`regel eval … | head`): say so once, quietly (exit 2), and make
    sure Python's own flush at exit does not print a traceback after us."""
    _silence_stdout()
    _stderr().print(f"[bold red]fejl:[/] {escape(BROKEN_PIPE)}", highlight=False)
    return 2


def _crash(err: BaseException) -> int:
    """A bug in regel, not in the input: exit 2 with a message (never exit 1 with a
    traceback, which a CI would read as «findings»). REGEL_FEJLSPOR=1 shows the trace."""
    import os
    import traceback

    if os.environ.get("REGEL_FEJLSPOR"):
        traceback.print_exception(err)
    _stderr().print(f"[bold red]intern fejl i regel:[/] {escape(type(err).__name__)}: {escape(str(err)[:500])}",
                    soft_wrap=True, highlight=False)
    _stderr().print("Dette er en fejl i værktøjet, ikke i input. Kør igen med REGEL_FEJLSPOR=1 for detaljer, "
                    "og meld fejlen med kommandoen og filerne.", highlight=False)
    return 2


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
