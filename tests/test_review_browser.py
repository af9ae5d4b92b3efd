"""Review pages in a real headless browser (Chromium): the DOM holds every table
of tables/ and the demo with exactly the model's rows, the pages' stylesheets are
there, the browser logs no console message, and no error text shows; the index
screenshot is kept in docs/."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_review import parse_html, write_demo

from regel.model import load
from regel.review import build_site

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "review-index.png"
BROKEN_TEXT = ("Traceback", "Intern fejl", "Tjekkene kunne ikke køres", "Tjekkene er ikke tilgængelige",
               "UndefinedError", "jinja2")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium findes ikke; .ci/run installerer den til browsertestene")


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


def console_messages(stderr: str) -> list[str]:
    """What the page logged to the browser console (--enable-logging=stderr prints it as …:CONSOLE…).

    The review pages have no scripts, so any message at all means something broke."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


class _Page(HTMLParser):
    """The tables as the browser shows them: per table card (by name) the rule rows of each
    version's grid; the index's table overview; the stylesheets."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: dict[str, list[int]] = {}  # table name -> rule rows per grid
        self.overview: list[list[str]] = []  # the index's «Tabeller» rows, cell texts
        self.stylesheets: list[str] = []
        self._card: str | None = None
        self._heading: list[str] | None = None
        self._in_tbody = self._in_overview = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "link" and a.get("rel") == "stylesheet":
            self.stylesheets.append(a.get("href") or "")
        elif tag == "article" and "table-card" in classes:
            self._card = ""
        elif tag == "h3" and self._card == "":
            self._heading = []
        elif tag == "table" and "grid" in classes and self._card:
            self.cards[self._card].append(0)
        elif tag == "table" and "tables" in classes:
            self._in_overview = True
        elif tag == "tbody":
            self._in_tbody = True
        elif tag == "tr" and self._in_tbody and self._card and (a.get("id") or "").startswith("regel-"):
            self.cards[self._card][-1] += 1
        elif tag == "tr" and self._in_tbody and self._in_overview:
            self.overview.append([])
        elif tag in ("th", "td") and self._in_tbody and self._in_overview:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self._heading is not None:
            # «Tabel Navn – titel»: the name is the word after «Tabel».
            self._card = "".join(self._heading).split("–")[0].split()[1]
            self.cards[self._card] = []
            self._heading = None
        elif tag == "article":
            self._card = None
        elif tag == "tbody":
            self._in_tbody = False
        elif tag == "table":
            self._in_overview = False
        elif tag in ("th", "td") and self._cell is not None:
            self.overview[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell.append(data)


def shown(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return write_demo(tmp_path_factory.mktemp("demo", numbered=False))


@pytest.fixture(scope="module")
def site(tmp_path_factory, demo: Path) -> Path:
    # The real tables and the demo modules with findings and a broken file.
    out = tmp_path_factory.mktemp("site")
    build_site([str(ROOT / "tables"), str(demo)], str(out))
    return out


@pytest.fixture(scope="module")
def tables_model():
    modules, diags = load([ROOT / "tables"])
    assert modules and not [d for d in diags if d.is_error]
    return modules


def dom(tmp_path: Path, page: Path) -> str:
    """The page's DOM after the browser has loaded it; fails if the browser logged anything to its console."""
    done = chromium(tmp_path / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri())
    assert not console_messages(done.stderr), (page.name, console_messages(done.stderr))
    return done.stdout


def assert_stylesheets_exist(page_file: Path, page: _Page) -> None:
    assert len(page.stylesheets) == 2, page.stylesheets
    for href in page.stylesheets:
        assert (page_file.parent / href).is_file(), (page_file.name, href)


def test_console_messages_are_seen(tmp_path: Path) -> None:
    """The console check can fail: a page that throws is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><p>x</p><script>throw new Error("kaboom")</script>', "utf-8")
    done = chromium(tmp_path / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom", bad.as_uri())
    assert any("Uncaught Error: kaboom" in line for line in console_messages(done.stderr)), done.stderr[-2000:]


def test_index_shows_every_table_with_its_rules(site: Path, tmp_path: Path, tables_model) -> None:
    html = dom(tmp_path, site / "index.html")
    page = shown(html)
    assert_stylesheets_exist(site / "index.html", page)
    rows = {(r[0], r[1]): r for r in page.overview}
    for m in tables_model:
        for t in m.tables.values():
            row = rows[(m.name, t.name)]  # Modul, Tabel, Titel, Politik, Versioner, Regler, Tjek
            assert (row[4], row[5]) == (str(len(t.versions)), str(sum(len(v.rules) for v in t.versions))), row


def test_tables_module_page_shows_every_row(site: Path, tmp_path: Path, tables_model) -> None:
    # One page per module of tables/ (the page name is the module name as a slug).
    pages = {"sanktion": "modul-sanktion.html", "boerne_og_ungeydelse": "modul-boerne-og-ungeydelse.html",
             "folkepension": "modul-folkepension.html"}
    assert sorted(m.name for m in tables_model) == sorted(pages)
    for m in tables_model:
        html = dom(tmp_path, site / pages[m.name])
        page = shown(html)
        assert_stylesheets_exist(site / pages[m.name], page)
        assert page.cards == {t.name: [len(v.rules) for v in t.versions] for t in m.tables.values()}, m.name
        for text in BROKEN_TEXT:
            assert text not in html


def test_index_in_browser(site: Path, tmp_path: Path) -> None:
    html = dom(tmp_path, site / "index.html")
    page = parse_html(html)
    assert "Oversigt over moduler" in html
    assert "modul-tilskud.html" in page.hrefs and "modul-ugyldig.html" in page.hrefs
    assert "Kunne ikke indlæses" in html
    for text in BROKEN_TEXT:
        assert text not in html


def test_module_page_in_browser(site: Path, demo: Path, tmp_path: Path) -> None:
    html = dom(tmp_path, site / "modul-tilskud.html")
    page = parse_html(html)
    modules, _ = load([demo / "tilskud.regel"])
    tilskud = next(m for m in modules if m.name == "tilskud")
    versions = [v for t in tilskud.tables.values() for v in t.versions]
    assert page.grids == len(versions)
    assert len(page.rule_rows) == sum(len(v.rules) for v in versions)
    assert "E201" in html and "E202" in html and "Modeksempel" in html
    for text in BROKEN_TEXT:
        assert text not in html


def test_every_module_page_renders(site: Path, tmp_path: Path) -> None:
    for page_file in sorted(site.glob("modul-*.html")):
        html = dom(tmp_path, page_file)
        assert "<h1>Modul " in html, page_file.name
        for text in BROKEN_TEXT:
            assert text not in html, (page_file.name, text)
        if page_file.name != "modul-ugyldig.html":
            assert parse_html(html).grids > 0, page_file.name


def test_index_screenshot(site: Path, tmp_path: Path) -> None:
    shot = tmp_path / "index.png"
    chromium(tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,900", (site / "index.html").as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    if os.environ.get("REGEL_UPDATE_SCREENSHOT"):  # refresh the committed docs picture on request only
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
