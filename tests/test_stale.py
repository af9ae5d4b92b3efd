"""Stale generated code is never used silently: eval, explain and batch compare the
module's SOURCE_DIGESTS with the sources and refuse (exit 2, «kør regel compile»)
unless told --tillad-forældet; a module deployed without its sources is trusted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from regel.cli import main

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "examples" / "ressourceforloeb_udeblevet_samtale.json"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch) -> Path:
    """A copy of tables/ compiled to generated/, worked on from the project folder."""
    shutil.copytree(ROOT / "tables", tmp_path / "tables")
    monkeypatch.chdir(tmp_path)
    assert main(["compile", "tables", "--out", "generated"]) == 0
    return tmp_path


def _eval(capsys, *extra: str, command: str = "eval") -> tuple[int, str, str]:
    code = main([command, "sanktion", "--input", str(CASE), "--json", *extra])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def _change_a_rate(project: Path) -> None:
    path = project / "tables" / "_satser_rfy.regel"
    text = path.read_text(encoding="utf-8")
    assert "756 kr" in text
    path.write_text(text.replace("756 kr", "757 kr", 1), encoding="utf-8")


@pytest.mark.parametrize("command", ["eval", "explain"])
def test_current_module_is_used(project, capsys, command):
    code, out, _err = _eval(capsys, command=command)
    assert code == 0 and "fejl" not in json.loads(out)


@pytest.mark.parametrize("command", ["eval", "explain"])
def test_changed_source_is_refused(project, capsys, command):
    _change_a_rate(project)
    code, out, err = _eval(capsys, command=command)
    assert code == 2
    fejl = json.loads(out)["fejl"]
    assert "forældet" in fejl and "tables/_satser_rfy.regel" in fejl and "regel compile" in fejl
    assert "756" not in out  # never the old rate


def test_allowed_stale_module_warns(project, capsys):
    _change_a_rate(project)
    code, out, err = _eval(capsys, "--tillad-forældet")
    assert code == 0 and json.loads(out)["sats"] == 756
    assert "forældet" in err and "gamle kode" in err


def test_recompiling_makes_it_current(project, capsys):
    _change_a_rate(project)
    assert main(["compile", "tables", "--out", "generated"]) == 0
    capsys.readouterr()
    code, out, _err = _eval(capsys)
    assert code == 0 and json.loads(out)["sats"] == 757


def test_deleted_source_is_stale(project, capsys):
    (project / "tables" / "_eksempler_klage.regel").unlink()
    code, out, _err = _eval(capsys)
    assert code == 2 and "_eksempler_klage.regel" in json.loads(out)["fejl"]


def test_batch_is_refused_before_anything_is_written(project, capsys):
    _change_a_rate(project)
    cases = project / "sager.jsonl"
    cases.write_text(CASE.read_text(encoding="utf-8").replace("\n", " ") + "\n", encoding="utf-8")
    out = project / "res.jsonl"
    code = main(["eval", "sanktion", "--input", str(cases), "--out", str(out)])
    assert code == 2 and not out.exists()
    assert "forældet" in capsys.readouterr().err


def test_deployed_module_without_sources_is_trusted(project, capsys, tmp_path_factory, monkeypatch):
    elsewhere = tmp_path_factory.mktemp("drift")
    shutil.copytree(project / "generated", elsewhere / "generated")
    monkeypatch.chdir(elsewhere)
    code, out, _err = _eval(capsys, "--generated", str(elsewhere / "generated"))
    assert code == 0 and json.loads(out)["sats"] == 756


def test_sources_found_from_another_working_directory(project, capsys, tmp_path_factory, monkeypatch):
    _change_a_rate(project)
    monkeypatch.chdir(tmp_path_factory.mktemp("andetsteds"))
    code, out, _err = _eval(capsys, "--generated", str(project / "generated"))
    assert code == 2 and "forældet" in json.loads(out)["fejl"]
