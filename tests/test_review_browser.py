"""Review pages in a real headless browser (Chromium): the DOM holds the tables
and rows, and nothing broke; the index screenshot is kept in docs/."""

from __future__ import annotations

import os
import shutil
import subprocess
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


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return write_demo(tmp_path_factory.mktemp("demo", numbered=False))


@pytest.fixture(scope="module")
def site(tmp_path_factory, demo: Path) -> Path:
    # The real tables (when there are any) and the demo modules with findings and a broken file.
    sources = [str(demo)]
    tables = ROOT / "tables"
    if tables.is_dir() and any(tables.rglob("*.regel")):
        sources.insert(0, str(tables))
    out = tmp_path_factory.mktemp("site")
    build_site(sources, str(out))
    return out


def dom(tmp_path: Path, page: Path) -> str:
    return chromium(tmp_path / "profile", "--dump-dom", page.as_uri()).stdout


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
