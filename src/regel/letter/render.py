"""A composed letter as plain text, Markdown, a print-ready A4 HTML page, or JSON."""

from __future__ import annotations

from functools import cache
from importlib import resources

import jinja2

from ..jsonio import dumps

HEADINGS = {"afgørelse": "Afgørelse", "begrundelse": "Begrundelse", "klagevejledning": "Klagevejledning"}
SUB = {"retsregler": "Retsregler", "fakta": "De oplysninger, vi har lagt vægt på", "regler": "Reglerne",
       "beregning": "Beregning"}
NO_COMPLAINT = ("Reglerne indeholder ingen klagevejledning for denne afgørelse. Kontakt kommunen for at høre, "
                "hvordan og hvornår du kan klage.")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def as_text(letter: dict) -> str:
    out: list[str] = []

    def heading(title: str, mark: str) -> None:
        out.extend(["", title, mark * len(title)])

    heading(HEADINGS["afgørelse"], "=")
    out += _paragraphs(letter["afgørelse"])
    heading(HEADINGS["begrundelse"], "=")
    b = letter["begrundelse"]
    if b["retsregler"]:
        heading(SUB["retsregler"], "-")
        out += [f"- {c}" for c in b["retsregler"]]
        if b["forkortelser"]:
            out += ["", "Forkortelser: " + "; ".join(b["forkortelser"]) + "."]
    if b["fakta"]:
        heading(SUB["fakta"], "-")
        out += [f"- {f['betegnelse']}: {f['værdi']}" for f in b["fakta"]]
    if b["regler"]:
        heading(SUB["regler"], "-")
        for r in b["regler"]:
            out += _paragraphs(r)
    if b["beregning"]:
        heading(SUB["beregning"], "-")
        out += [f"- {c}" for c in b["beregning"]]
    heading(HEADINGS["klagevejledning"], "=")
    out += _paragraphs(letter["klagevejledning"] or NO_COMPLAINT)
    return "\n".join(out).strip() + "\n"


def as_markdown(letter: dict) -> str:
    out = [f"## {HEADINGS['afgørelse']}", "", *_md_paras(letter["afgørelse"]), f"## {HEADINGS['begrundelse']}", ""]
    b = letter["begrundelse"]
    if b["retsregler"]:
        out += [f"### {SUB['retsregler']}", "", *[f"- {_md(c)}" for c in b["retsregler"]], ""]
        if b["forkortelser"]:
            out += ["Forkortelser: " + "; ".join(_md(a) for a in b["forkortelser"]) + ".", ""]
    if b["fakta"]:
        out += [f"### {SUB['fakta']}", "", *[f"- {_md(f['betegnelse'])}: {_md(f['værdi'])}" for f in b["fakta"]], ""]
    if b["regler"]:
        out += [f"### {SUB['regler']}", ""]
        for r in b["regler"]:
            out += _md_paras(r)
    if b["beregning"]:
        out += [f"### {SUB['beregning']}", "", *[f"- {_md(c)}" for c in b["beregning"]], ""]
    out += [f"## {HEADINGS['klagevejledning']}", "", *_md_paras(letter["klagevejledning"] or NO_COMPLAINT)]
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    """Markdown's special characters escaped: a citizen's letter is text, not markup."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


def _md_paras(text: str) -> list[str]:
    out = []
    for p in _paragraphs(text):
        out += [_md(p), ""]
    return out


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda name: resources.files("regel.letter.templates").joinpath(name).read_text(encoding="utf-8")),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def as_html(letter: dict) -> str:
    css = resources.files("regel.letter.templates").joinpath("letter.css").read_text(encoding="utf-8")
    return _environment().get_template("letter.html.j2").render(
        letter=letter, headings=HEADINGS, sub=SUB, css=css, paragraphs=_paragraphs, no_complaint=NO_COMPLAINT)


def render(letter: dict, fmt: str) -> str:
    if fmt == "json":
        # What the letter rests on but the case did not say (`antaget`, `klagefrist_mangler`,
        # `afgørelse_uden_tekst`) is data too: a case system must be able to warn as regel brev does.
        return dumps({k: letter[k] for k in ("beslutning", "afgørelse", "begrundelse", "klagevejledning",
                                            "udeladt", "klagefrist_mangler", "antaget", "afgørelse_uden_tekst",
                                            "resultat", "regler")}) + "\n"
    return {"tekst": as_text, "markdown": as_markdown, "html": as_html}[fmt](letter)
