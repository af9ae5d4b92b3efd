"""`regel diff` end to end, through the installed command: the report a reviewer reads
(golden), the JSON a program reads, every way to name the two states (FØR EFTER,
--fra-git, --dato/--mod), case impact with --sager/--out, and bad usage.

Regenerate the golden report after an intended wording change with REGEL_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from regel.interp import RegelFejl, evaluate
from regel.model import load

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "diff"
GOLDEN = Path(__file__).parent / "golden" / "diff"
ENV = {**os.environ, "COLUMNS": "110", "NO_COLOR": "1", "TERM": "dumb"}


def regel(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "regel", *args], cwd=cwd, env=ENV, capture_output=True,
                          text=True, timeout=300)


def _json(*args: str, cwd: Path = ROOT) -> tuple[int, dict]:
    done = regel(*args, "--format", "json", cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def test_report_golden() -> None:
    done = regel("diff", "tests/fixtures/diff/foer", "tests/fixtures/diff/efter")
    assert done.returncode == 1, done.stderr
    expected = GOLDEN / "ydelse.txt"
    if os.environ.get("REGEL_UPDATE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(done.stdout, encoding="utf-8")
    assert done.stdout == expected.read_text(encoding="utf-8")


def _decide(module, decision: str, case: dict) -> object:
    try:
        out = evaluate(module, decision, case)
    except RegelFejl as e:
        return ("afvist", str(e))
    out.pop("regler")
    return out


def test_json_regions_are_real_and_complete() -> None:
    """Each region's example is a case `regel eval` accepts, and it really gets the
    reported answers before and after; the unrelated decision sees only its own change."""
    code, data = _json("diff", "tests/fixtures/diff/foer", "tests/fixtures/diff/efter")
    assert code == 1
    (before,), _ = load([FIX / "foer"])
    (after,), _ = load([FIX / "efter"])
    regions = data["områder"]
    assert {r["beslutning"] for r in regions} == {"ydelse", "klage"}
    assert sum(r["art"] == "svar" for r in regions if r["beslutning"] == "ydelse") == 8
    assert sum(r["art"] == "hjemmel" for r in regions if r["beslutning"] == "ydelse") == 5
    for r in regions:
        case = json.loads(json.dumps(r["eksempel"]), parse_float=Decimal)
        from datetime import date

        if "dato" in case:
            case["dato"] = date.fromisoformat(case["dato"])
        got_before = _decide(before, r["beslutning"], case)
        got_after = _decide(after, r["beslutning"], case)
        assert json.loads(json.dumps(r["før"]["resultat"]), parse_float=Decimal) == got_before
        assert json.loads(json.dumps(r["efter"]["resultat"]), parse_float=Decimal) == got_after
        assert (got_before != got_after) == (r["art"] == "svar")
        assert r["regler_før"] != r["regler_efter"] or r["art"] == "svar"
    klage = [r for r in regions if r["beslutning"] == "klage"]
    assert len(klage) == 1 and klage[0]["før"]["resultat"] == {"uger": 4} and klage[0]["efter"]["resultat"] == {
        "uger": 6}
    tables = {t["tabel"]: t for t in data["tabeller"]}
    assert set(tables) == {"Sats", "Grænse", "Andel", "Frist"}
    assert tables["Sats"]["versioner"][0]["ændret"] == [{"før": "1", "efter": "1"}]


def test_single_decision_and_no_difference(tmp_path: Path) -> None:
    code, data = _json("diff", "tests/fixtures/diff/foer", "tests/fixtures/diff/efter", "--beslutning", "klage")
    assert code == 1 and {r["beslutning"] for r in data["områder"]} == {"klage"}
    same = regel("diff", "tests/fixtures/diff/foer", "tests/fixtures/diff/foer")
    assert same.returncode == 0, same.stderr
    assert "Ingen forskelle" in same.stdout
    bad = regel("diff", "tests/fixtures/diff/foer", "tests/fixtures/diff/efter", "--beslutning", "ydelsen")
    assert bad.returncode == 2 and "Mente du «ydelse»?" in bad.stderr


def test_change_in_an_unused_table_gives_no_region(tmp_path: Path) -> None:
    """Frist feeds only `klage`: changing it gives no region for `ydelse`."""
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        shutil.copy(FIX / "foer" / "ydelse.regel", tmp_path / side / "ydelse.regel")
    path = tmp_path / "b" / "ydelse.regel"
    path.write_text(path.read_text(encoding="utf-8").replace("|| 4    |", "|| 8    |"), encoding="utf-8")
    code, data = _json("diff", str(tmp_path / "a"), str(tmp_path / "b"))
    assert code == 1
    assert {r["beslutning"] for r in data["områder"]} == {"klage"}


def test_new_year_on_the_real_tables() -> None:
    """`--dato/--mod`: the answers of the versions in force on two dates, same rules."""
    code, data = _json("diff", "tables", "--dato", "2024-12-31", "--mod", "2025-01-01", "--beslutning", "sanktion")
    assert code == 1
    (module,) = [m for m in load([ROOT / "tables"])[0] if m.name == "sanktion"]
    from datetime import date

    assert data["områder"]
    for r in data["områder"][:40]:
        case = json.loads(json.dumps(r["eksempel"]), parse_float=Decimal)
        assert "dato" not in case  # the date is the side's own, not part of the case
        before = _decide(module, "sanktion", {**case, "dato": date(2024, 12, 31)})
        after = _decide(module, "sanktion", {**case, "dato": date(2025, 1, 1)})
        assert before != after


def test_from_git(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "regler").mkdir(parents=True)
    shutil.copy(FIX / "foer" / "ydelse.regel", repo / "regler" / "ydelse.regel")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "før"], cwd=repo, check=True)
    shutil.copy(FIX / "efter" / "ydelse.regel", repo / "regler" / "ydelse.regel")
    code, data = _json("diff", "regler", "--fra-git", "HEAD", cwd=repo)
    assert code == 1 and data["før"] == "HEAD" and len(data["områder"]) == 14
    clean = regel("diff", "regler", "--fra-git", "HEAD", cwd=repo)
    assert clean.returncode == 1
    subprocess.run([*git, "commit", "-qam", "efter"], cwd=repo, check=True)
    assert regel("diff", "regler", "--fra-git", "HEAD", cwd=repo).returncode == 0
    unknown = regel("diff", "regler", "--fra-git", "ingen-sådan", cwd=repo)
    assert unknown.returncode == 2 and "revisionen «ingen-sådan»" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    option = regel("diff", "regler", "--fra-git", "--output=/tmp/x", cwd=repo)
    assert option.returncode == 2


def test_case_impact(tmp_path: Path) -> None:
    lines = [
        {"dato": "2025-03-01", "gruppe": "enlig", "indkomst": 100000, "dage": 2},  # 1.040 → 1.060 kr
        {"dato": "2025-03-01", "gruppe": "par", "indkomst": 305000},  # andel 50 % → 100 %
        {"dato": "2025-03-01", "gruppe": "ung", "indkomst": 0},  # unchanged
        {"dato": "2026-03-01", "gruppe": "ung", "indkomst": 0},  # refused on both sides, same message
    ]
    cases = tmp_path / "sager.jsonl"
    cases.write_text("\n".join(json.dumps(c) for c in lines) + "\n{ikke json\n", encoding="utf-8")
    out = tmp_path / "ændret.jsonl"
    code, data = _json("diff", "tests/fixtures/diff/foer", "tests/fixtures/diff/efter", "--beslutning", "ydelse",
                       "--sager", str(cases), "--out", str(out))
    assert code == 1
    s = data["sager"]
    assert (s["i_alt"], s["ændret"], s["afvist_begge"], s["ugyldige_linjer"]) == (5, 2, 1, 1)
    assert s["beløb"]["beløb"]["sum"] == 20 + 205 and s["beløb"]["beløb"]["får_mere"] == 2
    changed = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [c["linje"] for c in changed] == [1, 2]
    assert changed[0]["før"]["resultat"]["beløb"] == 1040 and changed[0]["efter"]["resultat"]["beløb"] == 1060
    csv_file = tmp_path / "sager.csv"
    csv_file.write_text("dato;gruppe;indkomst;dage\n2025-03-01;enlig;100.000 kr;2\n2025-03-01;ung;0;1\n",
                        encoding="utf-8")
    code, data = _json("diff", "tests/fixtures/diff/foer", "tests/fixtures/diff/efter", "--beslutning", "ydelse",
                       "--sager", str(csv_file))
    assert (data["sager"]["i_alt"], data["sager"]["ændret"]) == (2, 1)


@pytest.mark.parametrize("args, words", [
    (["tests/fixtures/diff/foer"], "to stier"),
    (["tests/fixtures/diff/foer", "--dato", "2025-01-01"], "--dato og --mod"),
    (["tests/fixtures/diff/foer", "--dato", "2025-13-01", "--mod", "2025-01-01"], "ugyldig dato"),
    (["a", "b", "c"], "to stier"),
    (["tests/fixtures/diff/foer", "tests/fixtures/diff/efter", "--out", "x.jsonl"], "kræver --sager"),
    (["tests/fixtures/diff/foer", "tests/fixtures/diff/efter", "--sager", "sager.txt", "--beslutning", "ydelse"],
     ".jsonl eller .csv"),
    (["tests/fixtures/diff/foer", "tests/fixtures/diff/efter", "--sager", "findes-ikke.jsonl",
      "--beslutning", "ydelse"], "Kan ikke læse"),
    (["tests/fixtures/diff/foer", "tests/fixtures/diff/efter", "--sager", "x.jsonl"], "--beslutning"),
    (["findes-ikke", "tests/fixtures/diff/efter"], "findes-ikke"),
])
def test_bad_usage(args: list[str], words: str) -> None:
    done = regel("diff", *args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert words in done.stderr and "Traceback" not in done.stderr


def test_out_onto_the_cases_is_refused(tmp_path: Path) -> None:
    cases = tmp_path / "sager.jsonl"
    original = '{"dato": "2025-03-01", "gruppe": "enlig", "indkomst": 1}\n'
    cases.write_text(original, encoding="utf-8")
    done = regel("diff", "tests/fixtures/diff/foer", "tests/fixtures/diff/efter", "--beslutning", "ydelse",
                 "--sager", str(cases), "--out", str(cases))
    assert done.returncode == 2 and "samme fil" in done.stderr
    assert cases.read_text(encoding="utf-8") == original


def test_time_limit_is_a_clear_stop() -> None:
    done = regel("diff", "tables", "--dato", "2024-12-31", "--mod", "2025-01-01", "--tidsgrænse", "0.001")
    assert done.returncode == 2 and "--tidsgrænse" in done.stderr and "Traceback" not in done.stderr


def test_sigterm_during_case_impact_leaves_nothing_behind(tmp_path: Path) -> None:
    import signal
    import time

    cases = tmp_path / "sager.jsonl"
    line = '{"dato": "2025-03-01", "gruppe": "enlig", "indkomst": 100000, "dage": 2}\n'
    cases.write_text(line * 1_000_000, encoding="utf-8")
    out = tmp_path / "ændret.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "regel", "diff", str(FIX / "foer"), str(FIX / "efter"),
                             "--beslutning", "ydelse", "--sager", str(cases), "--out", str(out)],
                            cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(p.name.startswith(".ændret") for p in tmp_path.iterdir()):
        time.sleep(0.05)  # the temporary output exists: the run is under way
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 143, stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sager.jsonl"]


def test_a_side_that_fails_check_is_named(tmp_path: Path) -> None:
    """Raising one 2025 rate breaks the relation its 75 %/50 % rows are checked against (E205):
    the diff still compares, but says the new rules cannot be compiled (from a walkthrough)."""
    shutil.copytree(ROOT / "tables", tmp_path / "ny")
    rates = tmp_path / "ny" / "_satser_rfy.regel"
    rates.write_text(rates.read_text(encoding="utf-8").replace("|| 783 kr", "|| 790 kr", 1), encoding="utf-8")
    code, data = _json("diff", "tables", str(tmp_path / "ny"), "--beslutning", "sanktion")
    assert code == 1 and {t["side"]: t["fejl"] for t in data["tjek"]} == {"tables": 0, str(tmp_path / "ny"): 2}
    done = regel("diff", "tables", str(tmp_path / "ny"), "--beslutning", "sanktion")
    assert "har 2 fejl i «regel check» (E205)" in done.stderr
