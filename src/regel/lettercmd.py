"""`regel brev BESLUTNING --input sag.json`: the decision letter for one case (docs/brev.md).

Exit codes as `regel eval`: 0 a letter, 2 a refused case (no letter) or bad usage.
"""

from __future__ import annotations


def add_parser(sub) -> None:
    sp = sub.add_parser("brev", help="skriv afgørelsesbrevet for en sag: afgørelse, begrundelse og klagevejledning")
    sp.add_argument("decision", metavar="BESLUTNING", help="fx sanktion")
    sp.add_argument("--input", required=True, metavar="FIL", help="sagen som JSON (- for standard input)")
    sp.add_argument("--format", choices=["tekst", "markdown", "html", "json"], default="tekst",
                    help="tekst (standard), markdown, html (A4, klar til print) eller json (afsnittene som data)")
    sp.add_argument("--generated", default="generated", metavar="MAPPE",
                    help="mappen med genererede moduler (generated)")
    sp.add_argument("--tillad-forældet", dest="tillad_foraeldet", action="store_true",
                    help="brug modulet, selv om kilderne er ændret siden «regel compile» (advarer)")
    sp.set_defaults(func=cmd_brev)


def cmd_brev(args) -> int:
    from pathlib import Path

    from .cli import UsageError, _refuse, ensure_current, find_decision, read_input
    from .jsonio import CaseError, load_single_case
    from .letter import LetterError, compose, render

    as_json = args.format == "json"
    try:
        mod = find_decision(args.decision, Path(args.generated))
        ensure_current(mod, Path(args.generated), args.tillad_foraeldet)
        case = load_single_case(read_input(args.input))
        letter = compose(mod, args.decision, case)
    except (CaseError, UsageError, LetterError) as err:
        return _refuse(f"Ingen afgørelse at skrive: {err}" if isinstance(err, LetterError) else str(err), as_json)
    except mod.RegelFejl as err:  # type: ignore[union-attr]
        return _refuse(f"Ingen afgørelse at skrive: {err}", as_json)
    from .cli import _stderr

    if letter["klagevejledning"] is None:
        _stderr().print("[bold yellow]advarsel:[/] modulet har ingen klagevejledning (W133); brevet siger kun, at "
                        "borgeren skal spørge kommunen. Skriv «klagevejledning» i reglerne.", highlight=False)
    warn = _stderr()
    if letter["afgørelse_uden_tekst"]:
        warn.print(f"[bold yellow]advarsel:[/] beslutningen «{args.decision}» har ingen afgørelsessætning for dette "
                   "udfald («brev» eller «brev når» i reglerne, W135); afgørelsen er kun resultaterne som liste og "
                   "skal skrives, før brevet sendes.", highlight=False, soft_wrap=True)
    if letter["antaget"]:
        shown = ", ".join(f"{f['felt']} = {f['værdi']}" for f in letter["antaget"])
        warn.print(f"[bold yellow]advarsel:[/] sagen angiver ikke {shown}; afgørelsen bygger på disse "
                   "standardværdier. Angiv dem i sagen, hvis de er vurderet.", highlight=False, soft_wrap=True)
    why = letter.get("klagefrist_mangler")
    if why:  # the date is an addition to the klagevejledning's own words (4 uger fra modtagelsen)
        warn.print(f"[bold]bemærk:[/] klagefristens dato er ikke med i brevet, fordi {why}.", highlight=False,
                   soft_wrap=True)
    elif letter["udeladt"]:
        warn.print("[bold yellow]advarsel:[/] et afsnit er udeladt, fordi sagen ikke giver "
                   + ", ".join(f"«{n}»" for n in letter["udeladt"]) + ".", highlight=False, soft_wrap=True)
    print(render(letter, args.format), end="")
    return 0
