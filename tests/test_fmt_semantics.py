"""Formatting never changes meaning: the lowered model before and after is equal."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regel.fmt import format_source
from regel.model import load

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "tables"


def _models(directory: Path) -> tuple[list, list[str]]:
    """Modules without their origin (path, files, hash) and the diagnostic codes."""
    modules, diags = load([directory])
    stripped = sorted((replace(m, path="", source_files=(), source_hash="", source_digests=()) for m in modules),
                      key=lambda m: m.name)
    return stripped, sorted(d.code for d in diags)


def _assert_same_meaning(src_dir: Path, tmp: Path) -> None:
    out_dir = tmp / "formatted"
    shutil.copytree(src_dir, out_dir)
    for f in out_dir.rglob("*.regel"):
        f.write_text(format_source(f.read_text("utf-8")), "utf-8")
    before, after = _models(src_dir), _models(out_dir)
    assert before == after


def test_tables_keep_their_meaning(tmp_path: Path) -> None:
    assert sorted(TABLES.rglob("*.regel"))
    _assert_same_meaning(TABLES, tmp_path)  # the diagnostics are compared too


def test_tables_formatting_is_idempotent() -> None:
    files = sorted(TABLES.rglob("*.regel"))
    assert files
    for f in files:
        once = format_source(f.read_text("utf-8"))
        assert format_source(once) == once, f


# ---- generated programs -----------------------------------------------------------------

# Names with æøå; none is a keyword of the language.
NAMES = ["rød", "grøn", "blå", "æble", "øre_sats", "ål", "x1", "måned", "børn", "sag"]
COMMENTS = ["# kommentar", "#", "# med | og || og \"citat\"", "# æøå 王"]


@st.composite
def _space(draw, tight: bool = False) -> str:
    """Whitespace between tokens; `tight` where no space is needed at all."""
    choices = ["", " ", "  ", "\t"] if tight else [" ", "  ", "\t", " \t "]
    return draw(st.sampled_from(choices))


@st.composite
def _line(draw, pieces: list[tuple[str, bool]]) -> str:
    """Join (token, may_touch_previous) pieces with random spacing and indentation."""
    out = draw(st.sampled_from(["", " ", "  ", "    ", "\t"]))
    for i, (text, tight) in enumerate(pieces):
        if i:
            out += draw(_space(tight))
        out += text
    return out


def _toks(text: str) -> list[tuple[str, bool]]:
    """Split on spaces; a piece starting with , : or ) may touch its predecessor."""
    return [(t, t[0] in ",:)") for t in text.split(" ")]


@st.composite
def _cell(draw, kind: str, values: list[str]) -> str:
    """A condition cell with random spacing inside (kept verbatim by the formatter)."""
    def sp(tight: bool = True) -> str:
        return draw(_space(tight))

    if kind == "enum":
        options = ["-", values[0], f"{values[0]}{sp()},{sp()}{values[-1]}", f"ikke{sp(False)}{values[1]}"]
    elif kind == "int":
        a = draw(st.integers(0, 40))
        b = draw(st.integers(a + 1, 99))
        options = ["-", str(a), f"<{sp()}{b}", f">={sp()}{a}", f"[{sp()}{a}{sp()};{sp()}{b}{sp()}]",
                   f"]{a};{b}[", f"{a}{sp()},{sp(False)}{b}"]
    else:
        options = ["-", "ja", "nej"]
    return draw(st.sampled_from(options))


@st.composite
def _result(draw) -> str:
    return draw(st.sampled_from([
        "12 kr", "1.234,50 kr", "10.469 kr", "beløbet * 2", "beløbet*75 %", 'afvis "Ingen regel"',
        "maks(beløbet, 100 kr)", "afrund(beløbet / 3)",
    ]))


@st.composite
def programs(draw) -> str:
    enum_values = draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=4, unique=True))
    statements: list[list[str]] = []
    if draw(st.booleans()):
        statements.append([draw(_line(_toks("modul genereret")))])
    items = [v + (' "Værdien æ"' if draw(st.booleans()) else "") for v in enum_values]
    if draw(st.booleans()):
        first = draw(_line(_toks("type Art er en af :")))
        statements.append([first] + [draw(_line(_toks(item + ","))) for item in items[:-1]]
                          + [draw(_line(_toks(items[-1])))])
    else:
        statements.append([draw(_line(_toks("type Art er en af : " + " , ".join(items))))])
    statements.append([draw(_line(_toks("felt art : Art")))])
    statements.append([draw(_line(_toks("felt antal : heltal fra 0 til 99 standard 1")))])
    statements.append([draw(_line(_toks('felt beløbet : beløb fra 0 kr "Månedlig ydelse"')))])
    statements.append([draw(_line(_toks("felt flag : ja/nej")))])
    statements.append([draw(_line(_toks("værdi dobbelt = - antal * ( 2 + antal ) - 1")))])

    columns = draw(st.lists(st.sampled_from(["art", "antal", "flag"]), min_size=1, max_size=3, unique=True))
    kinds = {"art": "enum", "antal": "int", "flag": "bool"}
    table = [draw(_line(_toks('tabel Sats "Sats pr. sag"')))]
    table.append(draw(_line(_toks('hjemmel "LAS § 69"'))))  # every rule needs a citation (E120)
    table.append(draw(_line(_toks(draw(st.sampled_from(["politik første", "politik unik", "afrunding øre"]))))))

    def bar(cells_in: list[str], cells_out: list[str]) -> str:
        pad = [draw(st.sampled_from(["", " ", "   "])) for _ in range(len(cells_in) + len(cells_out))]
        ins = "|".join(p + c + p for p, c in zip(pad, cells_in, strict=False))
        outs = "|".join(p + c + p for p, c in zip(pad[len(cells_in):], cells_out, strict=False))
        return draw(st.sampled_from(["", "  ", "    "])) + "|" + ins + "||" + outs + "|"

    table.append(bar(["id"] + columns, ["sats: beløb", "hjemmel"]))
    n_rows = draw(st.integers(1, 5))
    for i in range(n_rows):
        cells = [f"r{i}"] + [draw(_cell(kinds[c], enum_values)) for c in columns]
        table.append(bar(cells, [draw(_result()), draw(st.sampled_from(["-", '"§ 2"', '"stk. 王"']))]))
    statements.append(table)
    statements.append([draw(_line(_toks("beslutning afgørelse"))), draw(_line(_toks("sats"))),
                       draw(_line(_toks("samlet = sats + 5 kr")))])
    statements.append([draw(_line(_toks('eksempel "Et eksempel" for afgørelse :'))),
                       draw(_line(_toks(f"givet art = {enum_values[0]} , antal = 3 ,"))),
                       draw(_line(_toks("beløbet = 1.000 kr , flag = ja"))),
                       draw(_line(_toks("forvent sats = 12 kr")))])

    # Random blank lines, whole-line comments and trailing comments (not after a
    # line that must continue: a trailing comment is fine anywhere).
    out: list[str] = []
    for stmt in statements:
        for line in stmt:
            for _ in range(draw(st.integers(0, 2))):
                out.append(draw(st.sampled_from(["", "   ", draw(_line([(draw(st.sampled_from(COMMENTS)), False)]))])))
            if draw(st.integers(0, 4)) == 0:
                line += draw(_space()) + draw(st.sampled_from(COMMENTS))
            out.append(line)
    return "\n".join(out) + draw(st.sampled_from(["", "\n", "\n\n"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(programs())
def test_generated_programs_keep_their_meaning(tmp_path_factory, program: str) -> None:
    tmp = tmp_path_factory.mktemp("gen")
    src = tmp / "src"
    src.mkdir()
    (src / "genereret.regel").write_text(program, "utf-8")
    modules, codes = _models(src)
    assert modules, f"the generator should produce programs that load: {codes}\n{program}"
    _assert_same_meaning(src, tmp)
    once = format_source(program)
    assert format_source(once) == once
