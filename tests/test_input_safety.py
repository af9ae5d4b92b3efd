"""Hostile single-case input: every bad input is exit 2 with a Danish message
(`{"fejl": …}` with --json), never a traceback, and never slow.

Inputs are the ones an attacker or a careless export produces: 5.001-digit
integers, 100.000 `[`, lone surrogates, 1E+1000000 and 1E-100000000, UTF-16 and
latin-1 files, Rich markup in text values, a closed pipe and a full disk.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from regel.cli import find_decision, main
from regel.jsonio import CaseError, decode_input, load_case

ROOT = Path(__file__).resolve().parent.parent
SAMTALE = ROOT / "examples" / "ressourceforloeb_udeblevet_samtale.json"
SH_O = {"ordning": "sh_o_ydelse", "forseelse": "udeblevet_samtale", "dato": "2024-03-01"}

TEKSTER = """\
felt navn: tekst
felt beløb: beløb fra 0 kr

tabel Hilsen "Hilsen [bold]"
  hjemmel "[/] § 1"
  | beløb    || besked |
  | >= 10 kr || navn   |
  | < 10 kr  || "[/]"  |

beslutning hilsen
  besked
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gen")
    assert main(["compile", str(ROOT / "tables"), "--out", str(out)]) == 0
    src = tmp_path_factory.mktemp("src") / "tekster.regel"
    src.write_text(TEKSTER, encoding="utf-8")
    assert main(["compile", str(src), "--out", str(out)]) == 0
    return out


def _sh_o(amount_json: str) -> str:
    return json.dumps(SH_O)[:-1] + ', "månedlig_ydelse": ' + amount_json + "}"


def _eval(capsys, generated: Path, path: Path, *extra: str, command: str = "eval") -> tuple[int, str, str]:
    code = main([command, "sanktion" if command != "hilsen" else "hilsen", "--input", str(path),
                 "--generated", str(generated), *extra])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


HOSTILE = {
    "5001_cifre": _sh_o("9" * 5001),
    "dyb_indlejring": "[" * 100_000,
    "dybt_objekt": '{"a":' * 50_000,
    "enligt_surrogat": '{"ordning": "\\ud800"}',
    "surrogat_i_nøgle": '{"\\udfff": 1}',
    "stor_eksponent": _sh_o("1E+1000000"),
    "enorm_eksponent": _sh_o("1E+99999999999999999999999"),
    "lille_eksponent": _sh_o("1E-100000000"),
    "nan": _sh_o("NaN"),
    "dublet": '{"dage": 3, "dage": 1000}',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("command", ["eval", "explain"])
def test_hostile_case_is_refused_in_danish(tmp_path, capsys, generated, name, command):
    path = tmp_path / "sag.json"
    path.write_text(HOSTILE[name], encoding="utf-8")
    start = time.monotonic()
    code, out, err = _eval(capsys, generated, path, "--json", command=command)
    assert code == 2, err
    assert "Traceback" not in err
    message = json.loads(out)["fejl"]
    assert message and len(message) < 400  # a message, not the input echoed back
    assert time.monotonic() - start < 20  # was 35 s per case for 1E-10000000 (generous: shared machine)


@pytest.mark.parametrize("command", ["eval", "explain"])
def test_hostile_case_without_json_is_one_danish_line(tmp_path, capsys, generated, command):
    path = tmp_path / "sag.json"
    path.write_text(HOSTILE["stor_eksponent"], encoding="utf-8")
    code, out, err = _eval(capsys, generated, path, command=command)
    assert code == 2
    # eval says it on stderr; explain shows the partial trace with an «Ingen afgørelse» panel
    assert "for mange cifre" in (err if command == "eval" else out) and "Traceback" not in err


def test_digit_limit_names_the_field(tmp_path, capsys, generated):
    path = tmp_path / "sag.json"
    for amount in ("1E-10000000", "9" * 5001, "1.00000000001", "1E+16"):
        path.write_text(_sh_o(amount), encoding="utf-8")
        code, out, _ = _eval(capsys, generated, path, "--json")
        assert code == 2
        fejl = json.loads(out)["fejl"]
        assert "«månedlig_ydelse» har for mange cifre" in fejl, fejl
        assert "15 cifre før og 10 efter kommaet" in fejl
    # Within the limits: ten decimals are fine as written, and so is a plain amount.
    path.write_text(_sh_o("10469.5000000000"), encoding="utf-8")
    code, out, _ = _eval(capsys, generated, path, "--json")
    assert code == 0, out
    assert json.loads(out)["sanktion"] == "fradrag"


def test_runtime_refuses_huge_decimals_from_python_callers(generated):
    """The limit lives in the runtime, so callers that bypass JSON get it too."""
    mod = find_decision("sanktion", generated)
    for value in (Decimal("1E-100000000"), Decimal("1E+1000000"), Decimal("9" * 5001), float("nan")):
        start = time.monotonic()
        with pytest.raises(mod.RegelFejl) as info:
            mod.evaluate({**SH_O, "månedlig_ydelse": value}, "sanktion")
        assert time.monotonic() - start < 5
        assert info.value.felt == "månedlig_ydelse"
        assert "kommatal" not in info.value.besked  # NaN is not a float problem, it is not a number
        assert len(info.value.besked) < 300


def test_mente_du_on_a_huge_value_is_capped(generated):
    mod = find_decision("sanktion", generated)
    huge = "ressourceforløb" * 700_000  # ~10 MB: difflib took 12 s and 463 MB here
    start = time.monotonic()
    with pytest.raises(mod.RegelFejl) as info:
        mod.evaluate({"ordning": huge, "forseelse": "udeblevet_samtale", "dato": "2024-03-01"}, "sanktion")
    assert time.monotonic() - start < 5
    assert len(info.value.besked) < 400
    with pytest.raises(mod.RegelFejl) as info:
        mod.evaluate({huge: 1}, "sanktion")
    assert len(info.value.besked) < 600
    # A short misspelling still gets its hint.
    with pytest.raises(mod.RegelFejl) as info:
        mod.evaluate({"ordning": "ressourceforlob", "forseelse": "udeblevet_samtale", "dato": "2024-03-01"},
                     "sanktion")
    assert "Mente du «ressourceforløb»?" in info.value.besked


def test_utf16_with_bom_is_read(tmp_path, capsys, generated):
    path = tmp_path / "sag.json"
    path.write_bytes(SAMTALE.read_text(encoding="utf-8").encode("utf-16"))  # with BOM
    code, out, err = _eval(capsys, generated, path, "--json")
    assert code == 0, err
    assert json.loads(out)["beløb"] == 2268


@pytest.mark.parametrize("encoding,words", [("latin-1", "latin-1/Windows-1252"), ("utf-16-le", "UTF-16 uden BOM")])
def test_other_encodings_are_named_not_guessed(tmp_path, capsys, generated, encoding, words):
    path = tmp_path / "sag.json"
    path.write_bytes(SAMTALE.read_text(encoding="utf-8").encode(encoding))
    for extra in ((), ("--json",)):
        code, out, err = _eval(capsys, generated, path, *extra)
        assert code == 2
        assert "ikke gyldig UTF-8" in err and words in err and "Traceback" not in err
    assert "ikke gyldig UTF-8" in json.loads(out)["fejl"]


def test_decode_input_rules():
    assert decode_input(b'\xef\xbb\xbf{"a": 1}') == '{"a": 1}'
    assert decode_input('{"æ": 1}'.encode("utf-32")) == '{"æ": 1}'
    with pytest.raises(CaseError, match="UTF-16-BE"):
        decode_input(b"\xfe\xff\xd8\x00")  # a BOM followed by a lone surrogate
    with pytest.raises(CaseError, match="byte 2: 0xf8"):
        decode_input(b"ab\xf8")


def test_load_case_raises_only_case_error():
    for text in HOSTILE.values():
        try:
            load_case(text)
        except CaseError:
            pass
    assert load_case('{"a": 12345678901234567890}') == {"a": Decimal("12345678901234567890")}
    assert load_case('{"a": "\\ud83d\\ude00"}') == {"a": "😀"}  # a proper pair is a character


@pytest.mark.parametrize("command", ["eval", "explain"])
def test_usage_errors_are_json_with_json(capsys, generated, tmp_path, command):
    code = main([command, "sanktion", "--json", "--generated", str(generated)])  # no --input
    cap = capsys.readouterr()
    assert code == 2
    assert "--input" in json.loads(cap.out)["fejl"]
    for bad in (tmp_path, tmp_path / "findes_ikke.json"):
        code = main([command, "sanktion", "--json", "--input", str(bad), "--generated", str(generated)])
        cap = capsys.readouterr()
        assert code == 2
        assert "Kan ikke læse" in json.loads(cap.out)["fejl"]
    code = main([command, "sanktoin", "--json", "--input", str(SAMTALE), "--generated", str(generated)])
    assert code == 2
    assert "Mente du «sanktion»?" in json.loads(capsys.readouterr().out)["fejl"]


def test_missing_input_without_json_is_usage(capsys, generated):
    assert main(["eval", "sanktion", "--generated", str(generated)]) == 2
    cap = capsys.readouterr()
    assert "mangler: --input" in cap.err and cap.out == ""


@pytest.mark.parametrize("value", ["[/]", "[bold]x", "[link=https://x]y[/link][/]", "\\[/]"])
@pytest.mark.parametrize("command", ["eval", "explain"])
def test_rich_markup_in_values_is_shown_as_written(tmp_path, capsys, generated, value, command):
    path = tmp_path / "sag.json"
    path.write_text(json.dumps({"navn": value, "beløb": 12}), encoding="utf-8")
    code = main([command, "hilsen", "--input", str(path), "--generated", str(generated)])
    out = capsys.readouterr().out
    assert code == 0
    assert value in out  # printed verbatim, not interpreted as markup
    if command == "explain":
        assert "[/] § 1" in out and "Hilsen [bold]" in out  # citation and title too


def _cli(*argv: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "regel", *argv], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, **kw)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full findes ikke på denne maskine")
def test_full_disk_on_stdout_is_exit_2(generated):
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "regel", "explain", "sanktion", "--input", str(SAMTALE),
                               "--generated", str(generated), "--json"], stdout=full, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "kan ikke skrive resultatet" in proc.stderr and "Traceback" not in proc.stderr


def test_broken_pipe_is_exit_2_without_traceback(generated):
    # explain prints far more than a pipe buffer holds; the reader takes one line and leaves.
    proc = subprocess.run(
        f"{sys.executable} -m regel explain sanktion --input {SAMTALE} --generated {generated} --json"
        " | head -c 1 >/dev/null; exit ${PIPESTATUS[0]}",
        shell=True, executable="/bin/bash", capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**os.environ, "COLUMNS": "80"})
    assert "Traceback" not in proc.stderr
    if proc.returncode != 0:  # the writer may finish before head closes the pipe
        assert proc.returncode == 2
        assert "røret" in proc.stderr
