"""Review pages: built offline and checked as HTML; hostile editor text stays text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from regel.model import load
from regel.review import build_site

DEMO = '''# Et lille modul, der viser fund i gennemgangen: et hul, et overlap og et eksempel der fejler.
modul tilskud
skæringsdato dato

type Husstand er en af: enlig "Enlig", par "Par", familie "Familie med børn"
type Gruppetype er en af: lille, stor

felt dato: dato "Dagen, tilskuddet gælder for"
felt husstand: Husstand "Husstandens sammensætning"
felt børn: heltal fra 0 til 20 standard 0 "Antal børn i husstanden"
felt indkomst: beløb fra 0 kr "Husstandens årlige indkomst"

tabel Gruppe "Husstandsgruppe"
  hjemmel "Tilskudsloven § 2"
  politik første
  | id | husstand | børn || gruppe: Gruppetype |
  | a  | enlig    | -    || lille              |
  | b  | -        | >= 2 || stor               |
  | c  | -        | -    || lille              |

tabel Tilskud "Månedligt tilskud"
  hjemmel "Tilskudsloven § 4"
  politik unik
  version "2024"
    gælder fra 2024-01-01 til 2024-12-31
    | id | gruppe | indkomst                  || tilskud  |
    | l1 | lille  | < 200.000 kr              || 1.200 kr |
    | l2 | lille  | >= 200.000 kr             || 600 kr   |
    | s1 | stor   | < 250.000 kr              || 2.400 kr |
    | s2 | stor   | [240.000 kr ; 400.000 kr] || 1.200 kr |
    | s3 | stor   | > 450.000 kr              || 0 kr     |
  version "2025"
    gælder fra 2025-01-01
    | id | gruppe | indkomst || tilskud  |
    | l  | lille  | -        || 1.250 kr |
    | s  | stor   | -        || 2.500 kr |

beslutning tilskud "Tilskud til husstanden"
  gruppe
  tilskud

eksempel "Enlig med lav indkomst i 2024" for tilskud:
  givet dato = 2024-05-01, husstand = enlig, børn = 0, indkomst = 150.000 kr
  forvent gruppe = lille, tilskud = 1.200 kr

eksempel "Familie med tre børn (forkert forventning)" for tilskud:
  givet dato = 2024-05-01, husstand = familie, børn = 3, indkomst = 100.000 kr
  forvent tilskud = 9.999 kr
'''

BROKEN = "modul ugyldig\nfelt alder heltal\n"

HOSTILE = '''modul fjendtlig
type Svar er en af: ja_tak "<img src=x onerror=alert(1)>", nej_tak
felt svar: Svar "<script>alert('felt')</script>"
tabel Ond "<script>alert('titel')</script>"
  hjemmel "<b>fed</b> & </td></tr></table>"
  | id | svar || tekst |
  | a  | ja_tak || "</td><script>alert('celle')</script>" |
  | b  | nej_tak || afvis "<iframe src=javascript:alert(1)>" |
beslutning svar_tekst
  tekst
eksempel "<script>alert('eksempel')</script>" for svar_tekst:
  givet svar = ja_tak
  forvent tekst = "<script>"
'''


class _Grid(HTMLParser):
    """Collects the review grids: their row ids, and everything's text."""

    def __init__(self) -> None:
        super().__init__()
        self.grids = 0
        self.rule_rows: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "table" and "grid" in (a.get("class") or "").split():
            self.grids += 1
        if a.get("id"):
            self.ids.add(a["id"] or "")
            if tag == "tr" and (a["id"] or "").startswith("regel-"):
                self.rule_rows.append(a["id"] or "")
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")


def parse_html(text: str) -> _Grid:
    p = _Grid()
    p.feed(text)
    return p


def write_demo(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "tilskud.regel").write_text(DEMO, "utf-8")
    (directory / "ugyldig.regel").write_text(BROKEN, "utf-8")
    return directory


def load_demo():
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return load([write_demo(Path(tmp)) / "tilskud.regel"])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, list[str]]:
    src = write_demo(tmp_path_factory.mktemp("src"))
    out = tmp_path_factory.mktemp("site")
    return out, build_site([str(src)], str(out))


def test_written_files(site) -> None:
    out, files = site
    names = sorted(Path(f).relative_to(out).as_posix() for f in files)
    assert names == ["index.html", "modul-tilskud.html", "modul-ugyldig.html", "static/kode.css", "static/regel.css"]
    assert files[0].endswith("index.html")
    assert all(Path(f).is_file() for f in files)


def test_index_lists_modules_with_status(site) -> None:
    out, _ = site
    html = (out / "index.html").read_text("utf-8")
    assert 'href="modul-tilskud.html"' in html and 'href="modul-ugyldig.html"' in html
    assert "Kunne ikke indlæses" in html  # ugyldig
    assert re.search(r'badge error">\s*2 fejl', html)  # tilskud: one gap and one overlap
    assert 'href="modul-tilskud.html#tabel-tilskud"' in html
    assert '<html lang="da">' in html


def test_module_page_tables(site) -> None:
    out, _ = site
    html = (out / "modul-tilskud.html").read_text("utf-8")
    page = parse_html(html)
    modules, _ = load_demo()
    rules = sum(len(v.rules) for t in modules[0].tables.values() for v in t.versions)
    assert page.grids == 3  # Gruppe, and Tilskud's two versions
    assert len(page.rule_rows) == rules == 10
    # Policies by their Danish names, validity periods per version.
    assert "<strong>første</strong>" in html and "<strong>unik</strong>" in html
    assert "Gælder fra 1. januar 2024 til og med 31. december 2024" in html
    assert "Gælder fra 1. januar 2025" in html
    # Condition and result columns are separated; each row carries its id.
    assert 'class="result first-result"' in html
    assert '<th scope="row" class="id">s2</th>' in html
    assert "[240.000 kr ; 400.000 kr]" in html
    # Every in-page link points at something on the page.
    for href in page.hrefs:
        if href.startswith("#"):
            assert href[1:] in page.ids, href


def test_condition_column_links_to_producing_table(site) -> None:
    out, _ = site
    html = (out / "modul-tilskud.html").read_text("utf-8")
    assert '<a href="#tabel-gruppe">fra tabel Gruppe</a>' in html
    assert 'id="tabel-gruppe"' in html


def test_findings_beside_their_version(site) -> None:
    out, _ = site
    html = (out / "modul-tilskud.html").read_text("utf-8")
    v2024 = html[html.index("Version 2024"):html.index("Version 2025")]
    v2025 = html[html.index("Version 2025"):html.index('id="beslutninger"')]
    assert "E201" in v2024 and "E202" in v2024
    assert "Modeksempel" in v2024 and "400.000,01 kr" in v2024  # the gap's counter-example
    assert "E20" not in v2025 and "Ingen huller, overlap eller døde regler." in v2025
    # The overlapping rows are marked and linked from the finding.
    assert re.search(r'<tr id="regel-tilskud-1-s1" class="error">', html)
    assert 'href="#regel-tilskud-1-s2"' in html


def test_examples_and_their_results(site) -> None:
    out, _ = site
    html = (out / "modul-tilskud.html").read_text("utf-8")
    assert "Enlig med lav indkomst i 2024" in html
    assert "husstand = enlig" in html and "indkomst = 150.000 kr" in html and "tilskud = 9.999 kr" in html
    assert '<span class="badge passed">bestået</span>' in html
    assert '<span class="badge failed">fejlet</span>' in html
    assert "forventet 9.999 kr" in html


def test_highlighted_source(site) -> None:
    out, _ = site
    html = (out / "modul-tilskud.html").read_text("utf-8")
    assert 'class="kode"' in html and '<span class="kd">tabel</span>' in html
    assert 'id="kilde-1-25"' in html
    css = (out / "static" / "kode.css").read_text("utf-8")
    assert ".kode .kd" in css


def test_broken_module_shows_diagnostics(site) -> None:
    out, _ = site
    html = (out / "modul-ugyldig.html").read_text("utf-8")
    assert "Modulet kunne ikke indlæses" in html
    assert "E002" in html and "Uventet «heltal» her." in html
    assert 'class="grid"' not in html


def test_hostile_editor_text_is_escaped(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "fjendtlig.regel").write_text(HOSTILE, "utf-8")
    modules, diags = load([src])
    assert modules, diags  # the hostile text must reach the pages, not stop at loading
    files = build_site([str(src)], str(tmp_path / "site"))
    for f in files:
        if not f.endswith(".html"):
            continue
        html = Path(f).read_text("utf-8")
        page = parse_html(html)
        assert not {"script", "img", "iframe", "b"} & set(page.tags), f
        assert "<script" not in html.lower()
    module_html = Path(files[1]).read_text("utf-8")
    assert "&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt;" in module_html
    assert "&lt;b&gt;fed&lt;/b&gt; &amp; &lt;/td&gt;" in module_html


def test_empty_input(tmp_path: Path) -> None:
    files = build_site([str(tmp_path)], str(tmp_path / "site"))
    html = Path(files[0]).read_text("utf-8")
    assert "Ingen .regel-filer fundet." in html


def test_builds_on_and_used_by_follow_values(tmp_path) -> None:
    """A table that reads a `værdi` built on another table's result builds on that table."""
    from regel.review.view import Anchors, table_view

    src = tmp_path / "v.regel"
    src.write_text("""\
felt x: heltal fra 0 til 9

tabel Grund "Grundbeløb"
  hjemmel "Lov § 1"
  | x || grund: beløb |
  | - || 100 kr       |

værdi dobbelt = grund * 2

tabel Brug "Bruger værdien"
  hjemmel "Lov § 2"
  | x || brugt: beløb  |
  | - || dobbelt + 1 kr |

beslutning b
  brugt
""", encoding="utf-8")
    modules, diags = load([str(src)])
    assert modules, [d.message for d in diags]
    m = modules[0]
    brug = table_view(m, m.tables["Brug"], [], {}, Anchors())
    grund = table_view(m, m.tables["Grund"], [], {}, Anchors())
    assert [link.text for link in brug.depends] == ["Grund"]
    assert [link.text for link in grund.used_by] == ["Brug"]
