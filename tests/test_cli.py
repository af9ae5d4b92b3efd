"""End-to-end tests of the `regel` command line, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from regel.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SAMTALE = EXAMPLES / "ressourceforloeb_udeblevet_samtale.json"

GAP_TABLE = """\
type Farve er en af: rød, grøn, blå
felt farve: Farve
felt antal: heltal fra 0 til 10

tabel Pris "Pris pr. stk."
  hjemmel "Testlov § 1"
  | farve    | antal  || pris  |
  | rød      | -      || 10 kr |
  | grøn     | < 5    || 20 kr |
  | grøn     | >= 5   || 15 kr |

beslutning pris
  pris

eksempel "rød" for pris:
  givet farve = rød, antal = 3
  forvent pris = 10 kr
"""

COMPLETE_TABLE = GAP_TABLE.replace("  | grøn     | >= 5   || 15 kr |\n",
                                   "  | grøn     | >= 5   || 15 kr |\n  | blå      | -      || 30 kr |\n")


@pytest.fixture()
def compiled(tmp_path: Path, monkeypatch) -> Path:
    """A copy of tables/ compiled into a temporary generated/ directory."""
    out = tmp_path / "generated"
    assert main(["compile", str(ROOT / "tables"), "--out", str(out)]) == 0
    return out


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def test_check_tables_is_clean(capsys):
    code, _out, err = run(capsys, "check", str(ROOT / "tables"))
    assert code == 0, err
    # Three modules: sanktion (9 tables), boerne_og_ungeydelse (8), folkepension (4).
    assert "Tjekkede 3 filer (21 tabeller analyseret): 0 fejl, 0 advarsler." in " ".join(err.split())


def test_check_reports_gap_with_counter_example(tmp_path, capsys):
    f = tmp_path / "pris.regel"
    f.write_text(GAP_TABLE, encoding="utf-8")
    code, _out, err = run(capsys, "check", str(f))
    assert code == 1
    assert "E201" in err and "farve = blå" in err
    code, out, _ = run(capsys, "check", str(f), "--format", "gnu")
    assert code == 1
    line = next(ln for ln in out.splitlines() if "E201" in ln)
    assert line.startswith(f"{f}:") or line.split(":")[0].endswith("pris.regel")
    assert ": fejl: " in line
    code, out, _ = run(capsys, "check", str(f), "--format", "json")
    found = json.loads(out)
    assert any(d["kode"] == "E201" and d["data"]["eksempel"]["farve"] == "blå" for d in found)


def test_check_reports_syntax_error_with_hint(tmp_path, capsys):
    f = tmp_path / "stavefejl.regel"
    f.write_text(COMPLETE_TABLE.replace("tabel Pris", "tabell Pris"), encoding="utf-8")
    code, _out, err = run(capsys, "check", str(f))
    assert code == 1
    assert "Mente du «tabel»?" in err
    assert "^" in err  # caret under the offending word


def test_compile_is_deterministic_atomic_and_checkable(tmp_path, capsys):
    src = tmp_path / "pris.regel"
    src.write_text(COMPLETE_TABLE, encoding="utf-8")
    out = tmp_path / "gen"
    out.mkdir()
    (out / "haandskrevet.py").write_text("# mine egne noter\n", encoding="utf-8")
    assert run(capsys, "compile", str(src), "--out", str(out))[0] == 0
    first = (out / "pris.py").read_bytes()
    assert run(capsys, "compile", str(src), "--out", str(out))[0] == 0
    assert (out / "pris.py").read_bytes() == first
    assert run(capsys, "compile", str(src), "--out", str(out), "--check")[0] == 0
    (out / "pris.py").write_bytes(first + "# rettet i hånden\n".encode())
    code, _o, err = run(capsys, "compile", str(src), "--out", str(out), "--check")
    assert code == 1 and "forældet" in err
    assert (out / "haandskrevet.py").read_text(encoding="utf-8") == "# mine egne noter\n"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_compile_writes_nothing_when_check_fails(tmp_path, capsys):
    src = tmp_path / "pris.regel"
    src.write_text(GAP_TABLE, encoding="utf-8")
    out = tmp_path / "gen"
    code, _o, err = run(capsys, "compile", str(src), "--out", str(out))
    assert code == 1 and "Intet er skrevet" in err
    assert not out.exists() or not list(out.iterdir())


def test_compile_refuses_to_overwrite_foreign_file(tmp_path, capsys):
    src = tmp_path / "pris.regel"
    src.write_text(COMPLETE_TABLE, encoding="utf-8")
    out = tmp_path / "gen"
    out.mkdir()
    (out / "pris.py").write_text("print('ikke genereret')\n", encoding="utf-8")
    code, _o, err = run(capsys, "compile", str(src), "--out", str(out))
    assert code == 2 and "ikke genereret af regel" in err
    assert (out / "pris.py").read_text(encoding="utf-8") == "print('ikke genereret')\n"


def test_committed_generated_is_up_to_date(capsys):
    code, _o, err = run(capsys, "compile", "tables", "--out", "generated", "--check")
    assert code == 0, f"generated/ er forældet: kør «regel compile tables/». {err}"


def test_committed_generated_sql_is_up_to_date(capsys):
    """generated/*.sql is committed like the Python modules, so a change to the rules or to the
    SQL target shows as a diff of the SQL a data team runs."""
    code, _o, err = run(capsys, "compile", "tables", "--out", "generated", "--mål", "sql", "--check")
    assert code == 0, f"generated/*.sql er forældet: kør «regel compile tables/ --mål sql». {err}"


@pytest.fixture(autouse=True)
def _repo_cwd(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_eval_json_contract(compiled, capsys):
    code, out, err = run(capsys, "eval", "sanktion", "--input", str(SAMTALE),
                         "--json", "--generated", str(compiled))
    assert code == 0, err
    result = json.loads(out)
    assert result["sanktion"] == "fradrag"
    assert result["sats"] == 756 and result["beløb"] == 2268  # JSON numbers, not strings
    assert result["hjemmel"] == "LAS § 69 c"
    assert result["regler"] and all(isinstance(r, str) for r in result["regler"])


def test_eval_exact_amount_from_stdin(compiled, capsys, monkeypatch):
    import io

    case = (EXAMPLES / "sh_o_udeblevet_tilbud.json").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(case))
    code, out, err = run(capsys, "eval", "sanktion", "--input", "-", "--json", "--generated", str(compiled))
    assert code == 0, err
    result = json.loads(out)
    assert result["sanktion"] == "fradrag" and result["sats"] == 650  # 10.469,50 kr is in ]10.469 ; 14.245]


@pytest.mark.parametrize(("change", "needle"), [
    ({"dage": 0}, "dage"),
    ({"dato": "2023-05-01"}, "2023-05-01"),
    ({"forseelse": "for_sent"}, "forseelse"),
    ({"alder": "fyrre"}, "alder"),
    ({"alder": True}, "alder"),
    ({"uarbejdsdygtighed": 60, "ordning": "jobafklaringsforløb", "dato": "2025-02-01"}, "60 %"),
])
def test_eval_refuses_instead_of_guessing(compiled, capsys, tmp_path, change, needle):
    case = json.loads((EXAMPLES / "ressourceforloeb_udeblevet_samtale.json").read_text(encoding="utf-8"))
    case.update(change)
    f = tmp_path / "sag.json"
    f.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "eval", "sanktion", "--input", str(f), "--json", "--generated", str(compiled))
    assert code == 2
    assert set(json.loads(out)) == {"fejl"}
    assert needle in json.loads(out)["fejl"] and needle in err


def test_eval_missing_field_is_named(compiled, capsys, tmp_path):
    case = json.loads((EXAMPLES / "ressourceforloeb_udeblevet_samtale.json").read_text(encoding="utf-8"))
    case["forsørger"] = False  # then the target group depends on the age
    del case["alder"]
    f = tmp_path / "sag.json"
    f.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    code, out, _err = run(capsys, "eval", "sanktion", "--input", str(f), "--json", "--generated", str(compiled))
    assert code == 2 and "alder" in json.loads(out)["fejl"]


def test_eval_bad_json_and_unknown_decision(compiled, capsys, tmp_path):
    f = tmp_path / "sag.json"
    f.write_text("{ikke json", encoding="utf-8")
    code, out, _ = run(capsys, "eval", "sanktion", "--input", str(f), "--json", "--generated", str(compiled))
    assert code == 2 and "JSON" in json.loads(out)["fejl"]
    code, _out, err = run(capsys, "eval", "sanktiom", "--input", str(f), "--generated", str(compiled))
    assert code == 2 and "Mente du «sanktion»?" in err


def test_explain_shows_chain_for_each_regime(compiled, capsys):
    cases = {
        "ressourceforloeb_udeblevet_samtale.json": ["LAS § 69 c", "756 kr × 3", "2.268 kr"],
        "sh_o_udeblevet_tilbud.json": ["650 kr"],
        "jobafklaring_75_procent_ophoer_arbejde.json": ["1.473 kr", "2025"],
    }
    for name, needles in cases.items():
        code, out, err = run(capsys, "explain", "sanktion", "--input", str(EXAMPLES / name),
                             "--generated", str(compiled))
        assert code == 0, err
        assert "Regel der ramte" in out and "Tæt på" in out and "--alle viser" in out
        assert "Regler der ikke ramte" not in out  # the caseworker's view: fired rules and near misses
        for n in needles:
            assert n in out, (name, n)
        code, full, err = run(capsys, "explain", "sanktion", "--input", str(EXAMPLES / name), "--alle",
                              "--generated", str(compiled))
        assert code == 0, err
        assert "Regel der ramte" in full and "Regler der ikke ramte" in full and "Sagens oplysninger" in full
        assert len(full.splitlines()) > len(out.splitlines())
        for n in needles:
            assert n in full, (name, n)


def test_explain_json_trace(compiled, capsys):
    code, out, _ = run(capsys, "explain", "sanktion", "--input", str(SAMTALE),
                       "--json", "--generated", str(compiled))
    assert code == 0
    trace = json.loads(out)
    fired = {t["tabel"]: t["regel"] for t in trace["tabeller"]}
    assert fired.get("Dagssats")
    assert any(t["ikke_valgt"] for t in trace["tabeller"])
    # complete whatever the view: every rule not chosen, with every condition it failed
    assert all("ikke_opfyldt" in m for t in trace["tabeller"] for m in t["ikke_valgt"])
    assert all("betingelser" in t for t in trace["tabeller"])
    code, alle, _ = run(capsys, "explain", "sanktion", "--input", str(SAMTALE), "--json", "--alle",
                        "--generated", str(compiled))
    assert code == 0 and json.loads(alle) == trace


def test_test_command_passes_and_explains_failure(tmp_path, capsys):
    assert run(capsys, "test", str(ROOT / "tables"))[0] == 0
    f = tmp_path / "pris.regel"
    f.write_text(COMPLETE_TABLE.replace("forvent pris = 10 kr", "forvent pris = 11 kr"), encoding="utf-8")
    code, out, _ = run(capsys, "test", str(f))
    assert code == 1
    assert "forventet 11 kr, fik 10 kr" in out and "Pris/1" in out and "0 bestået, 1 fejlet" in out


def test_batch_jsonl_keeps_order_and_survives_bad_lines(compiled, capsys, tmp_path):
    good = json.loads((EXAMPLES / "ressourceforloeb_udeblevet_samtale.json").read_text(encoding="utf-8"))
    lines = [json.dumps(good, ensure_ascii=False), "{ikke json", json.dumps({**good, "dage": 1}, ensure_ascii=False),
             json.dumps({**good, "dato": "2019-01-01"}, ensure_ascii=False)]
    src = tmp_path / "sager.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dst = tmp_path / "resultater.jsonl"
    code, _o, err = run(capsys, "eval", "sanktion", "--input", str(src), "--out", str(dst),
                        "--generated", str(compiled))
    assert code == 0
    rows = [json.loads(x) for x in dst.read_text(encoding="utf-8").splitlines()]
    assert [("fejl" in r) for r in rows] == [False, True, False, True]
    assert rows[0]["beløb"] == 2268 and rows[2]["beløb"] == 756
    assert "4 sager, 2 afvist" in err


def test_batch_csv(compiled, capsys, tmp_path):
    src = tmp_path / "sager.csv"
    src.write_text("ordning,forseelse,dato,dage,forsørger,alder,hjemmeboende,månedlig_ydelse\n"
                   "ressourceforløb,udeblevet_samtale,2024-03-01,3,ja,40,nej,\n"
                   "sh_o_ydelse,afvist_arbejde,2024-06-03,,nej,,,\"10.469,50\"\n", encoding="utf-8")
    dst = tmp_path / "ud.csv"
    code, _o, _e = run(capsys, "eval", "sanktion", "--input", str(src), "--out", str(dst), "--generated", str(compiled))
    assert code == 0
    import csv

    rows = list(csv.DictReader(dst.open(encoding="utf-8")))
    assert rows[0]["beløb"] == "2268" and rows[0]["fejl"] == ""
    assert rows[1]["sanktion"] == "nedsættelse" and rows[1]["beløb"] == "1950"  # 3 × 650 kr


def test_help_is_danish(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "brug: regel" in out and "tilvalg" in out and "forklar en sag" in out


def test_usage_error_exit_2(capsys):
    assert main(["eval"]) == 2
    assert "mangler" in capsys.readouterr().err


def test_no_rich_markup_injection_from_case(compiled, capsys, tmp_path):
    f = tmp_path / "sag.json"
    f.write_text(json.dumps({"ordning": "[bold]x[/bold]"}), encoding="utf-8")
    code, _out, err = run(capsys, "eval", "sanktion", "--input", str(f), "--generated", str(compiled))
    assert code == 2 and "[bold]x[/bold]" in err




def test_tables_are_formatted(capsys):
    code, _out, err = run(capsys, "fmt", "--check", "tables")
    assert code == 0, f"tables/ er ikke formateret; kør «regel fmt tables/». {err}"


def test_duplicate_json_key_is_refused(compiled, capsys, tmp_path):
    f = tmp_path / "sag.json"
    f.write_text('{"ordning": "ressourceforløb", "ordning": "sh_o_ydelse"}', encoding="utf-8")
    code, out, _ = run(capsys, "eval", "sanktion", "--input", str(f), "--json", "--generated", str(compiled))
    assert code == 2 and "ordning" in json.loads(out)["fejl"]


def test_json_error_object_also_for_usage_errors(compiled, capsys, tmp_path):
    code, out, _ = run(capsys, "eval", "sanktion", "--input", str(tmp_path / "findes_ikke.json"), "--json",
                       "--generated", str(compiled))
    assert code == 2 and "findes_ikke.json" in json.loads(out)["fejl"]
    code, out, _ = run(capsys, "eval", "ukendt", "--input", str(SAMTALE), "--json", "--generated", str(compiled))
    assert code == 2 and "ukendt" in json.loads(out)["fejl"]


def test_readme_language_tour_works_as_written(tmp_path, capsys):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## En kort tur i sproget", 1)[1].split("\n## ", 1)[0]
    snippets = section.split("```")[1::2]
    assert len(snippets) == 2  # sanctions, and the shapes of income-tested benefits
    for i, snippet in enumerate(snippets):
        f = tmp_path / f"tur{i}.regel"
        f.write_text(snippet.lstrip("\n"), encoding="utf-8")
        code, _out, err = run(capsys, "check", str(f))
        assert code == 0 and "0 fejl, 0 advarsler" in " ".join(err.split()), err
        assert run(capsys, "test", str(f))[0] == 0
        assert run(capsys, "fmt", "--check", str(f))[0] == 0


def test_missing_path_is_named(capsys, tmp_path):
    code, _out, err = run(capsys, "check", str(tmp_path / "findes_ikke"))
    err = " ".join(err.split())  # Rich wraps long paths
    assert code == 1 and "findes ikke" in err and "inkluderer" not in err
