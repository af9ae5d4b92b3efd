"""`regel diff FØR EFTER`: the command line of the semantic diff (docs/diff.md).

Exit codes like diff(1): 0 no difference, 1 differences, 2 bad usage or input.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ugyldig dato «{text}»: skriv den som ÅÅÅÅ-MM-DD, fx 2025-01-01") from None


def add_parser(sub) -> None:
    from .checks.budget import seconds_arg

    sp = sub.add_parser(
        "diff", help="hvilke sager får et andet svar, når reglerne ændres",
        description="Sammenlign to udgaver af reglerne: FØR EFTER (filer eller mapper), EFTER med --fra-git REV, "
                    "eller én udgave på to datoer med --dato og --mod. Afslutter med 0 uden forskelle, 1 med "
                    "forskelle og 2 ved fejl.")
    sp.add_argument("paths", nargs="+", metavar="STI", help="FØR EFTER, eller én udgave med --fra-git/--dato")
    sp.add_argument("--beslutning", metavar="NAVN", help="kun denne beslutning")
    sp.add_argument("--fra-git", dest="fra_git", metavar="REV",
                    help="sammenlign arbejdskopien af STI med samme sti i Git-revisionen REV")
    sp.add_argument("--dato", type=_day, metavar="DATO", help="svarene fra de versioner, der gælder på DATO …")
    sp.add_argument("--mod", type=_day, metavar="DATO", help="… mod dem, der gælder på DATO")
    sp.add_argument("--sager", metavar="FIL", help="afgør alle sager i FIL (.jsonl eller .csv) med begge udgaver")
    sp.add_argument("--out", metavar="FIL", help="skriv de ændrede sager med før og efter (.jsonl); kræver --sager")
    sp.add_argument("--format", choices=["rich", "json"], default="rich", help="rich (standard) eller json")
    sp.add_argument("--tidsgrænse", type=seconds_arg, default=60.0, metavar="SEK",
                    help="største tid for sammenligningen af beslutningerne (standard 60 s)")
    sp.set_defaults(func=cmd_diff)


def cmd_diff(args) -> int:
    """With --format json a refusal is also `{"fejl": …}` on standard output, as for eval --json."""
    from .cli import UsageError

    try:
        return _cmd_diff(args)
    except UsageError as err:
        if args.format == "json":
            from .jsonio import dumps

            print(dumps({"fejl": str(err)}))
        raise


def _check_errors(modules, seconds: float) -> list:
    """The errors `regel check` finds (a diff of rules that cannot be compiled must say so)."""
    from .checks import DEFAULT_MEMORY_MB, Budget, check_module

    budget = Budget(seconds, DEFAULT_MEMORY_MB)
    return [d for m in modules for d in check_module(m, budget=budget) if d.is_error]


def _load(paths: list[str], fmt: str, label: str | None = None):
    from .cli import UsageError, _print_diags
    from .diagnostics import has_errors
    from .model import load

    modules, diags = load(paths)
    if has_errors(diags):
        _print_diags([d for d in diags if d.is_error], "gnu" if fmt == "json" else "rich")
        raise UsageError(f"{label or ', '.join(paths)} kan ikke læses (se fejlene ovenfor); ret dem, før der "
                         "sammenlignes.")
    if not modules:
        raise UsageError(f"Ingen .regel-moduler i {', '.join(paths)}.")
    return modules


def _sides(args) -> tuple[list, list, tuple[str, str], tuple[date, date] | None, object]:
    from .cli import UsageError

    if (args.dato is None) != (args.mod is None):
        raise UsageError("--dato og --mod hører sammen: angiv begge datoer, fx --dato 2024-12-31 --mod 2025-01-01.")
    if args.dato is not None:
        if args.fra_git:
            raise UsageError("--dato/--mod sammenligner én udgave med sig selv; brug ikke også --fra-git.")
        modules = _load(args.paths, args.format)
        return modules, modules, (args.dato.isoformat(), args.mod.isoformat()), (args.dato, args.mod), None
    if args.fra_git:
        from .diff.sources import checkout

        handle, old = checkout(args.paths, args.fra_git)
        return (_load(old, args.format, f"{', '.join(args.paths)} i revision {args.fra_git}"),
                _load(args.paths, args.format),
                (f"{args.fra_git}", "arbejdskopien"), None, handle)
    if len(args.paths) != 2:
        raise UsageError(f"regel diff skal have to stier, FØR og EFTER (fik {len(args.paths)}); eller én sti "
                         "med --fra-git REV eller --dato/--mod.")
    before, after = args.paths
    return _load([before], args.format), _load([after], args.format), (before, after), None, None


def _cmd_diff(args) -> int:
    from rich.markup import escape

    from .checks.budget import Budget
    from .cli import UsageError, _stderr, _stdout
    from .diff.compare import compare
    from .diff.space import DiffError

    if args.out == "-":
        raise UsageError("--out skal være en fil (.jsonl); rapporten står allerede på standard output.")
    if args.out and not args.sager:
        raise UsageError("--out skriver de ændrede sager og kræver --sager FIL.")
    from .checks.budget import AnalysisTimeoutError
    from .checks.wording import seconds
    from .outfile import TerminatedError, _sigterm_raises

    try:
        before, after, labels, dates, _handle = _sides(args)
        report = compare(before, after, labels, args.beslutning, dates, Budget(args.tidsgrænse))
        sides = ((labels[0], before),) if dates else ((labels[0], before), (labels[1], after))
        for label, modules in sides:
            errors = _check_errors(modules, args.tidsgrænse)
            report.checks[label] = len(errors)
            if errors:
                codes = ", ".join(sorted({d.code for d in errors}))
                _stderr().print(f"[bold yellow]advarsel:[/] {escape(label)} har {len(errors)} fejl i «regel check» "
                                f"({codes}). Svarene nedenfor er reglerne, som de står; de kan ikke oversættes, "
                                "før fejlene er rettet.", highlight=False, soft_wrap=True)
        if args.sager:
            with _sigterm_raises():  # SIGTERM, like Ctrl-C, removes a half-written --out file
                report.impact = _impact(args, before, after, report, dates)
    except DiffError as err:
        raise UsageError(str(err)) from None
    except AnalysisTimeoutError:
        raise UsageError(f"Sammenligningen blev afbrudt efter {seconds(args.tidsgrænse)} s og er ikke færdig; intet er "
                         "bevist. Giv den mere tid med --tidsgrænse, eller vælg én beslutning med --beslutning.") \
            from None
    except (TerminatedError, KeyboardInterrupt) as stop:
        written = " --out-filen er ikke ændret." if args.out else ""
        _stderr().print(f"[bold red]Afbrudt[/] ({'SIGTERM' if isinstance(stop, TerminatedError) else 'Ctrl-C'}); "
                        f"sammenligningen er ikke færdig.{written}", highlight=False)
        return 143 if isinstance(stop, TerminatedError) else 130
    if args.format == "json":
        from .diff.report import as_json
        from .jsonio import dumps

        print(dumps(as_json(report)))
    else:
        from .diff.report import render

        render(report, _stdout())
    if any(d.unsettled for d in report.decisions):
        _stderr().print("[yellow]advarsel:[/] nogle områder blev kun afprøvet med stikprøver (se ovenfor).",
                        highlight=False)
    if report.incomplete:
        _stderr().print("[bold red]fejl:[/] mindst én beslutning kunne ikke sammenlignes (se ovenfor).",
                        highlight=False)
        return 2
    return 1 if report.differs or (report.impact is not None and _impact_differs(report.impact)) else 0


def _impact_differs(impact) -> bool:
    return bool(impact.changed or impact.only_refused_before or impact.only_refused_after
                or impact.refusal_changed or impact.rules_only)


def _impact(args, before, after, report, dates):
    from .batch import DEFAULT_MAX_LINE, _csv_cases, _jsonl_cases
    from .cli import UsageError, _stderr
    from .codegen.spec import input_spec
    from .csvio import HeaderError
    from .diff.compare import pairs
    from .diff.impact import run_impact
    from .outfile import _output_target

    decisions = [d for d in report.decisions if d.status == "begge"]
    if args.beslutning is None and len({(d.module, d.decision) for d in decisions}) != 1:
        names = ", ".join(sorted({d.decision for d in decisions}))
        raise UsageError(f"--sager afgør sagerne for én beslutning; angiv --beslutning NAVN (mulige: {names}).")
    if not decisions:
        raise UsageError("Beslutningen findes ikke i begge udgaver, så sagerne kan ikke sammenlignes.")
    d = decisions[0]
    ma, mb = next((a, b) for a, b in pairs(before, after) if b is not None and b.name == d.module)
    spec = {**input_spec(ma), **input_spec(mb)}
    path = Path(args.sager)
    if path.suffix.lower() not in (".jsonl", ".csv"):
        raise UsageError(f"--sager {args.sager}: filen skal hedde .jsonl eller .csv.")
    out = None
    if args.out:
        try:
            from .batch import BatchUsageError

            out = _output_target(args.sager, args.out)
        except BatchUsageError as err:
            raise UsageError(str(err).replace("--input", "--sager").replace("(.jsonl eller .csv)", "(.jsonl)")) \
                from None
        if out is not None and out.suffix.lower() != ".jsonl":
            raise UsageError(f"--out {args.out}: de ændrede sager skrives som JSON-linjer; giv filen endelsen .jsonl.")
    try:
        fh = path.open("rb")
    except OSError as err:
        from .oserrors import os_problem

        raise UsageError(f"Kan ikke læse {args.sager}: {os_problem(err)}.") from None
    pins = ({ma.cutoff: dates[0]}, {mb.cutoff: dates[1]}) if dates and ma.cutoff else ({}, {})
    with fh:
        try:
            cases = _csv_cases(fh, spec, DEFAULT_MAX_LINE) if path.suffix.lower() == ".csv" else \
                _jsonl_cases(fh, DEFAULT_MAX_LINE)
        except HeaderError as err:
            raise UsageError(str(err)) from None
        return run_impact(ma, mb, d.decision, cases, out, d, _stderr(), pins,
                          line_offset=1 if path.suffix.lower() == ".csv" else 0)

