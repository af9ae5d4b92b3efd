"""The decision letter: letter texts in the rules (`brev`, `klagevejledning`), their checks,
and `regel brev` in every format for the real rule set.

Regenerate the goldens after an intended wording change with REGEL_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from regel import diagnostics as dg
from regel.checks import check_module
from regel.model import load

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "letter"
CASE = {"ordning": "ressourceforløb", "forseelse": "udeblevet_samtale", "dato": "2024-03-01", "dage": 3,
        "rimelig_grund": False, "barsel": False, "fremmer_rådighed": True, "forsørger": True, "alder": 40,
        "hjemmeboende": False, "afgørelse_modtaget": "2024-03-04"}


def brev(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "regel", "brev", *args], cwd=ROOT, input=stdin, text=True,
                          capture_output=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})


@pytest.mark.parametrize("fmt, suffix", [("tekst", "txt"), ("markdown", "md"), ("html", "html"),
                                         ("json", "json")])
def test_letter_golden(fmt: str, suffix: str) -> None:
    done = brev("sanktion", "--input", "-", "--format", fmt, stdin=json.dumps(CASE))
    assert done.returncode == 0, done.stderr
    expected = GOLDEN / f"ressourceforloeb_udeblevet_samtale.{suffix}"
    if os.environ.get("REGEL_UPDATE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(done.stdout, encoding="utf-8")
    assert done.stdout == expected.read_text(encoding="utf-8")


def test_letter_says_what_a_caseworker_must_send() -> None:
    data = json.loads(brev("sanktion", "--input", "-", "--format", "json", stdin=json.dumps(CASE)).stdout)
    assert data["afgørelse"] == "Du får et fradrag i din ydelse på 2.268 kr."  # `brev når sanktion = fradrag`
    assert "LAS § 69 c" in data["begrundelse"]["retsregler"]
    # the calculation is stated by the rule's own text («756 kr pr. dag i 3 dage, i alt 2.268 kr»):
    # not repeated under «Beregning» (walkthrough)
    assert data["begrundelse"]["beregning"] == []
    assert any("756 kr pr. dag i 3 dage, i alt 2.268 kr" in r for r in data["begrundelse"]["regler"])
    facts = {f["felt"]: f["værdi"] for f in data["begrundelse"]["fakta"]}
    assert facts["dage"] == "3" and facts["forseelse"].startswith("Udeblivelse fra en jobsamtale")  # the type's label
    assert "alder" not in facts and "afgørelse_modtaget" not in facts  # not used by this decision
    # What decided that there is a sanction (the near misses u1, u4, u7) and the date that chose
    # the year's rates are facts too; a default the caseworker never entered is not (walkthrough).
    assert facts["rimelig_grund"] == "nej" and facts["barsel"] == "nej" and facts["dato"] == "1. marts 2024"
    assert "uarbejdsdygtighed" not in facts
    assert "Ankestyrelsen" in data["klagevejledning"] and "4 uger" in data["klagevejledning"]
    assert "Fristen for at klage er den 1. april 2024." in data["klagevejledning"]
    assert data["udeladt"] == []


EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.json") if p.name != "klagefrist.json")


@pytest.mark.parametrize("path", EXAMPLES)
def test_every_example_case_gets_a_letter(path: str) -> None:
    done = brev("sanktion", "--input", f"examples/{path}")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    for heading in ("Afgørelse", "Begrundelse", "Retsregler", "Klagevejledning", "Ankestyrelsen", "4 uger"):
        assert heading in text, (path, heading)
    afgørelse = text.split("Begrundelse")[0]
    assert " kr." in afgørelse or "ingen sanktion" in afgørelse  # the amount, or that there is none
    # The retsregler a citizen reads are provisions, never the editors' notes on their sources
    # (document sections, editorial decisions: those are `kilde`, for reviewers).
    retsregler = text.split("Retsregler")[1].split("De oplysninger")[0]
    assert "§" in retsregler or "Barselsloven" in retsregler
    for note in ("afsnit", "edaktionel", "000", "001", "004", "udledt"):
        assert note not in retsregler, (path, note)
        assert note not in text.split("Begrundelse")[1].split("Klagevejledning")[0].split("De oplysninger")[0]
    assert "{" not in text  # every placeholder filled
    # Without the date of receipt the deadline sentence is left out, not printed with a hole.
    assert "Fristen for at klage" not in text


def test_sh_o_letter_uses_only_what_the_decision_read() -> None:
    data = json.loads(brev("sanktion", "--input", "examples/sh_o_udeblevet_tilbud.json", "--format", "json").stdout)
    used = {f["felt"] for f in data["begrundelse"]["fakta"]}
    assert {"alder", "hjemmeboende", "forsørger"}.isdisjoint(used)
    assert "månedlig_ydelse" in used


def test_refused_case_gets_no_letter() -> None:
    case = {**CASE, "uarbejdsdygtighed": 75}  # ressourceforløb has no rate below 100 %: refused
    done = brev("sanktion", "--input", "-", stdin=json.dumps(case))
    assert done.returncode == 2 and "Ingen afgørelse at skrive" in done.stderr and done.stdout == ""
    done = brev("sanktion", "--input", "-", "--format", "json", stdin=json.dumps(case))
    assert done.returncode == 2 and "fejl" in json.loads(done.stdout)


def _module(tmp_path: Path, text: str):
    path = tmp_path / "m.regel"
    path.write_text(text, encoding="utf-8")
    modules, diags = load([path])
    return modules, diags


BASE = """felt n: heltal fra 0 til 5

tabel T "Tabel"
  hjemmel "§ 1"
{table}
  version "a"
    gælder fra 2024-01-01 til 2024-12-31
{version}
    | id | n    || ud |
    | a  | < 3  || 1  |
    | b  | >= 3 || 2  |

skæringsdato dato
felt dato: dato

beslutning tal
  ud
{decision}
{complaint}
"""


def test_letter_texts_inherit_and_are_checked(tmp_path: Path) -> None:
    text = BASE.format(table='  brev "Tabellens tekst {n}."\n  brev for b "Tabellens tekst for b."',
                       version='    brev for a "Versionens tekst for a {ud}."', decision='  brev "Svar: {ud}."',
                       complaint='klagevejledning """\n  Klag inden 4 uger.\n  """')
    (m,), diags = _module(tmp_path, text)
    assert not dg.has_errors(diags)
    rules = {r.id: r.letter.text for r in m.tables["T"].versions[0].rules}
    assert rules == {"a": "Versionens tekst for a {ud}.", "b": "Tabellens tekst for b."}
    assert [d.code for d in check_module(m)] == []


@pytest.mark.parametrize("table, version, decision, complaint, codes, words", [
    ('  brev for c "x"', "", "", "", ["E130"], "Ingen regel med id «c»"),
    ("", '    brev for aa "x"', "", "", ["E130"], "Mente du «a»?"),
    ('  brev "Du får {udd}."', "", "", "", ["E131"], "Mente du «ud»?"),
    ('  brev "Et { alene"', "", "", "", ["E131"], "står alene"),
    ("", "", '  brev "Svar: {ud}."', 'klagevejledning "Klag."', ["W132"], "2 regler i tabel T har ingen: a, b"),
    ('  brev "x"', "", '  brev "Svar: {ud}."', "", ["W133"], "ingen klagevejledning"),
    ('  brev "x {{n}} er ikke et navn"', "", "", "", [], ""),
])
def test_letter_findings(tmp_path: Path, table, version, decision, complaint, codes, words) -> None:
    modules, diags = _module(tmp_path, BASE.format(table=table, version=version, decision=decision,
                                                   complaint=complaint))
    found = [d for d in diags if d.is_error] or check_module(modules[0])
    assert [d.code for d in found] == codes, [d.message for d in found]
    assert all(words in (d.message + " " + (d.hint or "")) for d in found)


def test_letter_html_prints_to_pdf_in_chromium(tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (scripts/test.sh installs it where it can)")
    html = tmp_path / "brev.html"
    html.write_text(brev("sanktion", "--input", "-", "--format", "html", stdin=json.dumps(CASE)).stdout,
                    encoding="utf-8")
    pdf = tmp_path / "brev.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}",
                    "--no-pdf-header-footer", html.as_uri()], capture_output=True, timeout=120, check=False)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 1  # at least one A4 page
    if os.environ.get("REGEL_UPDATE_SCREENSHOT"):
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=900,1250",
                        f"--screenshot={ROOT / 'docs' / 'brev.png'}", html.as_uri()], capture_output=True,
                       timeout=120, check=False)


SECOND_VERSION = """  version "b"
    gælder fra 2025-01-01 til 2025-12-31
    | id | n    || ud |
    | a  | -    || 3  |
"""


def test_one_finding_for_a_text_shared_by_versions(tmp_path: Path) -> None:
    """A table-level text with a typo in a table with two versions is one E131, not one per version."""
    text = BASE.format(table='  brev "Du får {udd}."', version="", decision="", complaint="")
    text = text.replace("    | b  | >= 3 || 2  |\n", "    | b  | >= 3 || 2  |\n" + SECOND_VERSION)
    (m,), diags = _module(tmp_path, text)
    assert [d.code for d in check_module(m)] == ["E131"]


def test_html_keeps_its_print_css_and_warnings_go_to_stderr() -> None:
    done = brev("sanktion", "--input", "examples/ressourceforloeb_udeblevet_samtale.json", "--format", "html")
    assert "&#34;" not in done.stdout and '"Liberation Serif"' in done.stdout
    assert "klagefristens dato er ikke med" in done.stderr and "afgørelse_modtaget" in done.stderr  # no deadline


def test_review_pages_show_the_letter_texts(tmp_path: Path) -> None:
    """regel doc: each rule's text beside it, «ingen brevtekst» only where a decision that writes
    letters needs one (Klagefrist is not reached by one), the decision's sentence and the
    klagevejledning with the decision."""
    from regel.review import build_site

    build_site([str(ROOT / "tables")], str(tmp_path / "site"))
    page = (tmp_path / "site" / "modul-sanktion.html").read_text(encoding="utf-8")
    assert "Sanktionssatsen pr. dag er {dagssats} (målgruppe: {målgruppe})." in page
    assert "ingen brevtekst" not in page
    assert "Brevets afgørelse, når</span> sanktion = ingen: Du får ingen sanktion." in page
    # `kilde` is shown to reviewers (and only there): the derived rate is marked.
    assert "Kilde: Sanktionssatser pr. hændelse for 2025 (001 afsnit 2.5); 303 kr for u100 og b100 er udledt" in page
    # A relation is shown as written, without the comment on the line after it (walkthrough).
    assert "hvor fuld er dagssats ved uarbejdsdygtighed = 100 %</code>" in page
    assert "100 % # Brevtekst" not in page and "100 %\n  # Brevtekst" not in page
    assert "sender kommunen din klage videre til Ankestyrelsen" in page
    text = (ROOT / "tables" / "_maalgruppe.regel").read_text(encoding="utf-8")
    copy = tmp_path / "tables"
    shutil.copytree(ROOT / "tables", copy)
    (copy / "_maalgruppe.regel").write_text(text.replace('  brev ""', '  # brev ""', 1), encoding="utf-8")
    build_site([str(copy)], str(tmp_path / "site2"))
    assert "ingen brevtekst" in (tmp_path / "site2" / "modul-sanktion.html").read_text(encoding="utf-8")


WHEN = """type Art er en af: ingen "Ingen sanktion", fradrag "Fradrag"

felt n: heltal fra 0 til 5 "Personens antal" brev "Dit antal"

tabel T "Tabel"
  hjemmel "§ 1"
  kilde "Vejledningen, afsnit 2"
  brev "Tekst."
  | n    || art    | beløb |
  | < 3  || ingen  | 0 kr  |
  | >= 3 || fradrag| 10 kr |

beslutning b
  art
  beløb
{cases}

klagevejledning "Klag inden 4 uger."
"""


def test_decision_sentence_by_outcome(tmp_path: Path) -> None:
    """`brev når art = ingen "…"`: the afgørelse sentence follows the outcome (first match, then the
    general `brev`); `kilde` is for reviewers and never reaches the letter."""
    (m,), diags = _module(tmp_path, WHEN.format(cases='  brev når art = ingen "Ingen sanktion."\n'
                                                      '  brev når beløb = 10 kr "Ti kroner: {beløb}."\n'
                                                      '  brev "Andet: {art}."'))
    assert not dg.has_errors(diags) and [d.code for d in check_module(m)] == []
    assert m.tables["T"].source == "Vejledningen, afsnit 2"
    from regel.codegen.generator import generate
    from regel.letter import compose

    gen = tmp_path / "gen"
    gen.mkdir()
    (gen / "m.py").write_text(generate(m), encoding="utf-8")
    sys.path.insert(0, str(gen))
    try:
        import importlib

        mod = importlib.import_module("m")
        assert compose(mod, "b", {"n": 1})["afgørelse"] == "Ingen sanktion."
        letter = compose(mod, "b", {"n": 4})
        assert letter["afgørelse"] == "Ti kroner: 10 kr."
        assert letter["begrundelse"]["retsregler"] == ["§ 1"]
        # the field's letter label, not the caseworker's description
        assert letter["begrundelse"]["fakta"] == [{"felt": "n", "betegnelse": "Dit antal", "værdi": "4"}]
        assert "Vejledningen" not in json.dumps(letter, ensure_ascii=False, default=str)
    finally:
        sys.path.remove(str(gen))
        sys.modules.pop("m", None)


def test_outcome_sentences_covering_every_case_need_no_general_sentence(tmp_path: Path) -> None:
    """Walkthrough: sentences for every value of one item cover every case, whatever a sentence for
    another item adds (no W135 «ingen afgørelsessætning, når beløb …»)."""
    (m,), _diags = _module(tmp_path, WHEN.format(cases='  brev når beløb = 10 kr "Ti."\n'
                                                       '  brev når art = ingen "x"\n  brev når art = fradrag "y"'))
    assert check_module(m) == []


@pytest.mark.parametrize("cases, code, words", [
    ('  brev når artt = ingen "x"\n  brev "y"', "E134", "Mente du «art»?"),
    ('  brev når art = ingn "x"\n  brev "y"', "E102", "ingn"),
    ('  brev når art = 5 kr "x"\n  brev "y"', "E134", "Mulige værdier: ingen, fradrag"),
    ('  brev når beløb = ja "x"\n  brev "y"', "E134", "brev når beløb = 0 kr"),
    ('  brev når art = ingen "x {ukendt}"\n  brev "y"', "E131", "ukendt"),
    ('  brev når art = ingen "x"', "W135", "når art er fradrag"),
    ('  brev når art = ingen "x"\n  brev når art = ingen "y"\n  brev "z"', "W135", "står to gange"),
])
def test_outcome_sentences_are_checked(tmp_path: Path, cases: str, code: str, words: str) -> None:
    modules, diags = _module(tmp_path, WHEN.format(cases=cases))
    found = [d for d in diags if d.is_error] or check_module(modules[0])
    assert [d.code for d in found] == [code], [d.message for d in found]
    assert words in found[0].message + " " + (found[0].hint or "")


def test_a_letter_warns_what_it_rests_on_but_the_case_does_not_say() -> None:
    """Walkthrough: defaults the caseworker never entered decide the sanction (rimelig grund: nej),
    the deadline needs afgørelse_modtaget, and a decision without a sentence for the outcome gives
    only a list — each is said on standard error, and in the JSON."""
    case = {"ordning": "ressourceforløb", "forseelse": "udeblevet_samtale", "dato": "2024-03-01", "forsørger": True}
    done = brev("sanktion", "--input", "-", stdin=json.dumps(case))
    assert done.returncode == 0
    assert "sagen angiver ikke dage = 1, rimelig_grund = nej" in " ".join(done.stderr.split())
    assert "klagefristens dato er ikke med i brevet, fordi sagen ikke har «afgørelse_modtaget»" in " ".join(
        done.stderr.split())
    data = json.loads(brev("sanktion", "--input", "-", "--format", "json", stdin=json.dumps(case)).stdout)
    assert {f["felt"] for f in data["antaget"]} >= {"rimelig_grund", "barsel", "fremmer_rådighed", "dage"}
    assert "rimelig_grund" not in {f["felt"] for f in data["begrundelse"]["fakta"]}
    done = brev("klagefrist", "--input", "examples/klagefrist.json")
    assert done.returncode == 0 and "ingen afgørelsessætning" in " ".join(done.stderr.split())


def test_abbreviations_in_citations_are_explained_and_checked(tmp_path: Path) -> None:
    """`forkortelse "LAS" "…"`: a letter explains the short names its retsregler use; a short name
    in a citation a letter can show, that the module does not explain, is W136 (once)."""
    text = WHEN.format(cases='  brev "Svar: {art}."').replace('hjemmel "§ 1"', 'hjemmel "LAS § 1"')
    (m,), _diags = _module(tmp_path, text)
    found = check_module(m)
    assert [d.code for d in found] == ["W136"] and "«LAS»" in found[0].message
    (m,), diags = _module(tmp_path, text + 'forkortelse "LAS" "lov om aktiv socialpolitik"\n')
    assert not dg.has_errors(diags) and check_module(m) == []
    from regel.codegen.generator import generate
    from regel.letter import compose, render

    gen = tmp_path / "gen2"
    gen.mkdir()
    (gen / "m2.py").write_text(generate(m), encoding="utf-8")
    sys.path.insert(0, str(gen))
    try:
        import importlib

        letter = compose(importlib.import_module("m2"), "b", {"n": 4})
        assert letter["begrundelse"]["forkortelser"] == ["LAS = lov om aktiv socialpolitik"]
        assert "Forkortelser: LAS = lov om aktiv socialpolitik." in render(letter, "tekst")
    finally:
        sys.path.remove(str(gen))
        sys.modules.pop("m2", None)
    _modules, diags = _module(tmp_path, text + 'forkortelse "LAS" "a"\nforkortelse "LAS" "b"\n')
    assert [d.code for d in diags if d.is_error] == ["E101"]
