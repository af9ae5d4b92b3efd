"""`regel doc --sammenlign FØR`: the review site gets a change page (the same regions as
`regel diff FØR STI`) and the overview links to it."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from regel.diff.space import DiffError
from regel.review import build_site

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "diff"


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str] = []
        self.ins: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        if tag == "tr" and dict(attrs).get("class") in ("svar", "hjemmel"):
            self.rows.append(dict(attrs)["class"])
        self._in = tag == "ins"

    def handle_data(self, data):
        if self._in:
            self.ins.append(data.strip())
            self._in = False


def test_change_page_lists_the_regions(tmp_path: Path) -> None:
    files = build_site([str(FIX / "efter")], str(tmp_path / "site"), compare_with=str(FIX / "foer"))
    page = tmp_path / "site" / "aendringer.html"
    assert str(page) in files
    parser = _Rows()
    parser.feed(page.read_text(encoding="utf-8"))
    diff = subprocess.run([sys.executable, "-m", "regel", "diff", str(FIX / "foer"), str(FIX / "efter"),
                           "--format", "json"], capture_output=True, text=True, check=False)
    regions = json.loads(diff.stdout)["områder"]
    assert parser.rows == [r["art"] for r in regions]  # same regions, same order
    assert "530 kr" in parser.ins and "6" in parser.ins
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="aendringer.html"' in index and "14 områder" in index


def test_no_change_page_without_the_option(tmp_path: Path) -> None:
    build_site([str(FIX / "efter")], str(tmp_path / "site"))
    assert not (tmp_path / "site" / "aendringer.html").exists()
    assert "aendringer.html" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_broken_before_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "før"
    bad.mkdir()
    (bad / "ydelse.regel").write_text("tabel X\n  | a || b |\n  | 1 |\n", encoding="utf-8")
    with pytest.raises(DiffError):
        build_site([str(FIX / "efter")], str(tmp_path / "site"), compare_with=str(bad))
    done = subprocess.run([sys.executable, "-m", "regel", "doc", str(FIX / "efter"), "--out", str(tmp_path / "s"),
                           "--sammenlign", str(bad)], capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "kan ikke sammenlignes" in done.stderr and "Traceback" not in done.stderr
