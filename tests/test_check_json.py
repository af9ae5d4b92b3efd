"""`regel check --format json`: findings a tool can read, validated against the
documented schema (docs/fund.schema.json) on every kind of finding we can provoke."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from regel.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "fund.schema.json").read_text(encoding="utf-8"))

CASES = {
    "hul_og_overlap": """\
type Farve er en af: rød, grøn
felt farve: Farve
felt antal: heltal fra 0 til 10
felt dato: dato
felt beløb: beløb fra 0 kr
skæringsdato dato

tabel Pris "Pris"
  hjemmel "Lov § 1"
  version "2024"
    gælder fra 2024-01-01 til 2024-12-31
    | farve    | antal  | beløb               || pris  |
    | rød      | -      | -                   || 10 kr |
    | rød      | < 5    | -                   || 20 kr |
    | grøn     | -      | [0 kr ; 10.469 kr]  || 15 kr |
    | grøn     | -      | [10.470 kr ; 20.000 kr] || 16 kr |

beslutning pris
  pris
""",
    "død_regel": """\
felt x: heltal fra 0 til 9
tabel T
  hjemmel "Lov § 2"
  politik første
  | x   || t: heltal |
  | -   || 1         |
  | < 5 || 2         |
beslutning t
  t
""",
    "perioder_overlapper": """\
felt dato: dato
felt x: heltal fra 0 til 9
skæringsdato dato
tabel T
  hjemmel "Lov § 3"
  version "a"
    gælder fra 2024-01-01 til 2024-12-31
    | x || t: heltal |
    | - || 1         |
  version "b"
    gælder fra 2024-06-01 til 2025-12-31
    | x || t: heltal |
    | - || 2         |
beslutning t
  t
""",
    "celle_af_forkert_type": """\
felt x: heltal fra 0 til 9
tabel T
  hjemmel "Lov § 4"
  | x || t: beløb |
  | - || "tekst"  |
beslutning t
  t
""",
    "syntaksfejl": "tabel T\n  | x || y\n  felt\n",
    "mange_huller": "felt x: heltal fra 0 til 200\ntabel T\n  hjemmel \"Lov\"\n  politik første\n  | x || t: heltal |\n"
                    + "".join(f"  | {2 * i} || 1 |\n" for i in range(60)) + "beslutning t\n  t\n",
    "tætte_overlap": "felt x: heltal fra 0 til 9\ntabel T\n  hjemmel \"Lov\"\n  | x || t: heltal |\n"
                     + "".join(f"  | - || {i} |\n" for i in range(30)) + "beslutning t\n  t\n",
}


def _check_json(tmp_path: Path, capsys, name: str, text: str, *extra: str) -> tuple[int, str]:
    path = tmp_path / f"{name}.regel"
    path.write_text(text, encoding="utf-8")
    code = main(["check", str(path), "--format", "json", *extra])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(CASES))
def test_findings_validate_against_the_documented_schema(tmp_path, capsys, name):
    code, out = _check_json(tmp_path, capsys, name, CASES[name])
    assert code in (0, 1)  # 0 when only warnings
    assert "\\u" not in out  # UTF-8, not escapes: «ø» stays «ø»
    found = json.loads(out, parse_float=Decimal)
    assert found
    jsonschema.validate(found, SCHEMA)
    for f in found:
        if f["kode"][1] in "12" and "data" in f and f["kode"] not in ("E101", "E011", "E013"):
            assert "tabel" in f["data"], f  # every table finding names its table


def test_values_are_json_values(tmp_path, capsys):
    _code, out = _check_json(tmp_path, capsys, "hul", CASES["hul_og_overlap"])
    found = json.loads(out, parse_float=Decimal)
    gaps = [f for f in found if f["kode"] == "E201"]
    amounts = [g["data"]["eksempel"]["beløb"] for g in gaps if "beløb" in g["data"]["eksempel"]]
    assert Decimal("10469.01") in amounts  # amounts in kr, exact, as numbers
    oere = next(g for g in gaps if g["data"]["eksempel"].get("beløb") == Decimal("10469.01"))
    assert oere["data"]["område"]["beløb"] == {"fra": Decimal("10469.01"), "til": Decimal("10469.99"),
                                              "fra_med": True, "til_med": True}
    assert oere["data"]["område"]["farve"] == {"værdier": ["grøn"]}
    assert "antal" in oere["data"]["frie"]
    assert all("kasser" not in g["data"] for g in gaps)
    overlap = next(f for f in found if f["kode"] == "E202")
    assert overlap["data"]["eksempel"]["farve"] == "rød" and isinstance(overlap["data"]["eksempel"]["antal"], int)
    assert overlap["data"]["version"] == "2024"


def test_model_and_period_errors_name_their_table(tmp_path, capsys):
    for name in ("perioder_overlapper", "celle_af_forkert_type"):
        _code, out = _check_json(tmp_path, capsys, name, CASES[name])
        found = json.loads(out)
        assert found and all(f["data"]["tabel"] == "T" for f in found), found


def test_a_cut_short_check_is_valid_json_too(tmp_path, capsys):
    code, out = _check_json(tmp_path, capsys, "tæt", CASES["tætte_overlap"], "--tidsgrænse", "1e-9")
    found = json.loads(out)
    jsonschema.validate(found, SCHEMA)
    assert code == 1 and any(f["kode"] == "W207" and f["data"]["grund"] == "tid" for f in found)


def test_a_crash_is_exit_2_with_a_message(tmp_path, capsys, monkeypatch):
    import regel.checks

    def boom(*_a, **_k):
        raise RuntimeError("simuleret fejl i tjekket")

    monkeypatch.setattr(regel.checks, "check_module", boom)
    path = tmp_path / "t.regel"
    path.write_text(CASES["død_regel"], encoding="utf-8")
    code = main(["check", str(path), "--format", "json"])
    cap = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in cap.err and "intern fejl" in cap.err and "simuleret fejl" in cap.err
