"""Hypothesis hunts for front-end crashes.

(a) random bytes and token soup; (b) small valid programs built from pieces
(types, fields, tables with random cells, decisions, examples), which must load,
and then mutated (tokens and lines deleted, duplicated, swapped; `|`, quotes,
keywords inserted); (c) mutations of the real `tables/*.regel` files and of the
sample fixture. The property is `assert_sound`: `load` returns, diagnostics are
well formed and inside the file, and a valid program yields a module.

Counts are kept small for CI, and derandomized; `pytest -m slow` runs each test
with 25 times the examples, randomly.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_robust_frontend import SAMPLE, _default_lexer_parser, assert_sound, lex_all

from regel.model import load
from regel.source import SourceFile
from regel.syntax import parse
from regel.syntax.parser import _attempt, _parser
from regel.syntax.recovery import statement_starts

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]


def fuzz_counts(n: int) -> list:
    """Parameters for `examples`: `n` derandomized examples, and 25 × `n` random ones marked slow."""
    return [pytest.param(settings(max_examples=n, deadline=None, derandomize=True, suppress_health_check=_HEALTH),
                         id=f"{n}"),
            pytest.param(settings(max_examples=n * 25, deadline=None, suppress_health_check=_HEALTH),
                         id=f"{n * 25}", marks=pytest.mark.slow)]


TABLES = Path(__file__).resolve().parents[1] / "tables"


# ---- (b) valid programs from pieces ------------------------------------------------------
IDENT = st.sampled_from(["a", "b", "sats", "ydelse", "alder", "dage", "måned", "år", "gruppe", "x", "ø", "grænse_2"])
AMOUNTS = st.sampled_from(["0 kr", "1 kr", "756 kr", "1.964 kr", "10.469,50 kr", "0,01 kr", "99.999 kr"])
INTS = st.integers(0, 200).map(str)
PERCENTS = st.sampled_from(["0 %", "25 %", "50 %", "75 %", "100 %"])
DATES = st.sampled_from(["2024-01-01", "2024-02-29", "2024-12-31", "2025-06-15", "2023-03-01"])
TEXTS = st.sampled_from(['"LAS § 69 c"', '"Ingen sats"', '"æøå «citat»"', '""', '"""\n    to linjer\n    her"""'])
CITATIONS = TEXTS.filter(lambda t: t != '""')  # an empty citation is none (E120)


def _in_cell(draw, kind: str, values: tuple[str, ...]) -> str:
    if draw(st.integers(0, 4)) == 0:
        return "-"
    if kind == "bool":
        return draw(st.sampled_from(["ja", "nej"]))
    if kind == "enum":
        picked = draw(st.lists(st.sampled_from(values), min_size=1, max_size=len(values), unique=True))
        return ("ikke " if draw(st.booleans()) else "") + ", ".join(picked)
    lit = {"int": INTS, "amount": AMOUNTS, "percent": PERCENTS, "date": DATES}[kind]
    a, b = draw(lit), draw(lit)
    form = draw(st.integers(0, 4))
    if form == 0:
        return a
    if form == 1:
        return f"{draw(st.sampled_from(['<', '<=', '>', '>=']))} {a}"
    if form == 2:
        return f"{draw(st.sampled_from('[]'))}{a} ; {b}{draw(st.sampled_from('[]'))}"
    if form == 3:
        return f"{a}, {b}"
    return f"ikke {a}"


def _out_cell(draw, kind: str, values: tuple[str, ...]) -> str:
    roll = draw(st.integers(0, 9))
    if roll == 0:
        return f'afvis {draw(TEXTS)}'
    if kind == "amount":
        a = draw(AMOUNTS)
        return draw(st.sampled_from([a, f"{a} * 2", f"{a} * 75 %", f"afrund({a} / 3)", f"maks({a}, 1 kr)"]))
    if kind == "int":
        return draw(st.sampled_from([draw(INTS), f"{draw(INTS)} + 1", f"({draw(INTS)} - 2) * 3"]))
    return draw(st.sampled_from(values))


FIELD_KINDS = {"bool": "ja/nej", "int": "heltal fra 0 til 130", "amount": "beløb fra 0 kr", "percent": "procent",
               "date": "dato"}


@st.composite
def programs(draw) -> str:
    """A small valid program, laid out with random (but legal) spacing."""
    out: list[str] = []
    enum_values = tuple(f"v{i}_{draw(IDENT)}" for i in range(draw(st.integers(1, 4))))
    out.append("type Slags er en af: " + ",\n    ".join(
        v + (f" {draw(TEXTS)}" if draw(st.booleans()) else "") for v in enum_values))
    fields: dict[str, str] = {"dato": "date", "slags": "enum"}
    out += ["felt dato: dato", "felt slags: Slags"]
    for i in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(sorted(FIELD_KINDS)))
        name = f"f{i}_{draw(IDENT)}"
        fields[name] = kind
        out.append(f"felt {name}: {FIELD_KINDS[kind]}" + (f" {draw(TEXTS)}" if draw(st.booleans()) else ""))
    versioned = False
    results: dict[str, str] = {}
    for t in range(draw(st.integers(0, 2))):
        ins = draw(st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=3, unique=True))
        outs = [(f"r{t}_{j}", draw(st.sampled_from(["amount", "int", "enum"]))) for j in range(draw(st.integers(1, 2)))]
        with_id, with_cit = draw(st.booleans()), draw(st.booleans())
        type_words = {"amount": "beløb", "int": "heltal", "enum": "Slags"}
        heads_out = [f"{n}: {type_words[k]}" for n, k in outs] + (["hjemmel"] if with_cit else [])
        header = "| " + " | ".join((["id"] if with_id else []) + ins) + " || " + " | ".join(heads_out) + " |"
        policy = "første" if outs[0][1] != "enum" else draw(st.sampled_from(["første", "prioritet", "unik"]))
        clauses = [f"politik {policy}",
                   f"afrunding {draw(st.sampled_from(['hele kroner', 'øre', 'nedad hele kroner', 'ingen']))}"]
        # Every rule needs a citation (E120): the table's, in any place among its clauses.
        citation = "hjemmel " + draw(CITATIONS)
        clauses = draw(st.permutations([citation, *draw(st.lists(st.sampled_from(clauses), unique=True, max_size=2))]))
        versions = draw(st.integers(1, 2))
        versioned |= versions > 1
        out.append(f"tabel T{t}" + (f" {draw(TEXTS)}" if draw(st.booleans()) else ""))
        out += ["  " + c for c in clauses]
        for v in range(versions):
            indent = "  "
            if versions > 1:
                out += [f'  version "{2024 + v}"', f"    gælder fra {2024 + v}-01-01 til {2024 + v}-12-31"]
                indent = "    "
            out.append(indent + header)
            for r in range(draw(st.integers(0, 4))):
                cells = ([f"k{r}"] if with_id else []) + [_in_cell(draw, fields[c], enum_values) for c in ins]
                res = [_out_cell(draw, k, enum_values) for _n, k in outs] + ([draw(CITATIONS).replace("\n", " ")
                                                                              if draw(st.booleans()) else "-"]
                                                                             if with_cit else [])
                out.append(indent + "| " + " | ".join(cells) + " || " + " | ".join(res) + " |")
        results.update(outs)
    if versioned:
        out.insert(0, "skæringsdato dato")
    if results:
        items = draw(st.lists(st.sampled_from(sorted(results)), min_size=1, unique=True))
        out.append("beslutning afgørelse " + draw(TEXTS).replace("\n", " "))
        out += ["  " + n for n in items]
        if results.get(items[0]) == "amount":
            out.append(f"  dobbelt = {items[0]} * 2")
        given = ", ".join(f"{f} = {_example_value(draw, k, enum_values)}" for f, k in sorted(fields.items()))
        expect = ", ".join(f"{n} = {_example_value(draw, results[n], enum_values)}" for n in items)
        out += ['eksempel "Et eksempel" for afgørelse:', f"  givet {given}", f"  forvent {expect}"]
    if draw(st.booleans()):
        out.append("værdi halv = 7 * 50 %")
    return _layout(draw, out)


def _example_value(draw, kind: str, values: tuple[str, ...]) -> str:
    return {"bool": "ja", "int": "3", "amount": "1.000 kr", "percent": "50 %", "date": "2024-05-01",
            "enum": values[0]}[kind]


def _layout(draw, lines: list[str]) -> str:
    """Join lines with random comments, blank lines and line endings."""
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    out = []
    for ln in lines:
        if draw(st.integers(0, 6)) == 0:
            out.append("# kommentar æøå")
        if draw(st.integers(0, 6)) == 0:
            out.append("")
        out.append(ln + ("  # slut" if draw(st.integers(0, 8)) == 0 and not ln.endswith('"""') else ""))
    return eol.join(out) + (eol if draw(st.booleans()) else "")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _load(folder: Path, data: bytes, expect_module: bool | None = None):
    path = folder / "prøve.regel"
    path.write_bytes(data)
    modules, diags = load([path])
    assert_sound(modules, diags, expect_module=expect_module)
    return modules, diags


@pytest.mark.parametrize("examples", fuzz_counts(40))
def test_generated_programs_load(folder, examples):
    @examples
    @given(text=programs())
    def check(text):
        _load(folder, text.encode(), expect_module=True)

    check()


@pytest.mark.parametrize("examples", fuzz_counts(25))
def test_generated_programs_lex_as_with_prefix_keywords(examples):
    """Whole-word keywords (parser.word_bounded_keywords) read valid programs as before."""
    @examples
    @given(text=programs())
    def check(text):
        assert lex_all(_OLD(), text) == lex_all(_parser(), text)

    check()


def _OLD(cache={}):  # noqa: B006 - a tiny memo for the reference parser
    if "p" not in cache:
        cache["p"] = _default_lexer_parser()
    return cache["p"]


@pytest.mark.parametrize("examples", fuzz_counts(25))
def test_statement_by_statement_parse_equals_whole_parse(examples):
    """Error recovery parses statements one by one; on a valid file that must
    give the same AST as one parse of the whole file."""
    @examples
    @given(text=programs())
    def check(text):
        src = SourceFile.from_text("x.regel", text)
        whole, diags = parse(src)
        assert not diags
        bounds = [0, *statement_starts(text), len(text)]
        pieces = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            pieces += _attempt(src, text[a:b], a, b == len(text)).statements
        assert tuple(pieces) == whole.statements
        assert [s.span for s in pieces] == [s.span for s in whole.statements]

    check()


# ---- mutation -------------------------------------------------------------------------------
SNIPPETS = ["|", "||", "| |", '"', '"""', "#", "-", "ikke", "afvis", "tabel", "felt", "version", "gælder fra",
            "hjemmel", "beslutning b", "eksempel", "givet", "forvent", ":", ",", ";", "[", "]", "(", ")", "=",
            "\n", "\r", "\r\n", "\t", "\x00", "\ufeff", "\ufffd", "2024-02-30", "9" * 40, "1.000,5", "kr", "%",
            "ja/nej", "værdi", "en af:", "inkluder \"x.regel\"", "brug y", "modul m", "skæringsdato dato",
            "(" * 300, "- " * 300, "tabell", "felta", "  ", "æ", "\u0301", "\\"]


@st.composite
def mutated(draw, base: str) -> str:
    text = base
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.integers(0, 7))
        if op <= 2:  # token level
            toks = re.findall(r"\S+|\s+", text) or [""]
            i = draw(st.integers(0, len(toks) - 1))
            if op == 0:
                del toks[i]
            elif op == 1:
                toks.insert(i, toks[draw(st.integers(0, len(toks) - 1))])
            else:
                j = draw(st.integers(0, len(toks) - 1))
                toks[i], toks[j] = toks[j], toks[i]
            text = "".join(toks)
        elif op <= 4:  # line level
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            if op == 3:
                del lines[i]
            else:
                lines.insert(i, lines[draw(st.integers(0, len(lines) - 1))])
            text = "\n".join(lines)
        elif op == 5:
            j = draw(st.integers(0, len(lines := text.split("\n")) - 1))
            i = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            i = draw(st.integers(0, len(text)))
            text = text[:i] + draw(st.sampled_from(SNIPPETS)) + text[i:]
    return text


@pytest.mark.parametrize("examples", fuzz_counts(60))
def test_mutated_generated_programs(folder, examples):
    @examples
    @given(data=st.data())
    def check(data):
        base = data.draw(programs())
        _load(folder, data.draw(mutated(base)).encode("utf-8", "surrogatepass"))

    check()


@pytest.mark.parametrize("examples", fuzz_counts(40))
def test_mutated_sample(folder, examples):
    @examples
    @given(data=st.data())
    def check(data):
        _load(folder, data.draw(mutated(SAMPLE.decode())).encode("utf-8", "surrogatepass"))

    check()


@pytest.fixture(scope="module")
def tables_copy(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("tables") / "tables"
    shutil.copytree(TABLES, dest)
    return dest


def _module_files(folder: Path) -> dict[str, str]:
    """Each .regel file of `folder` and the module file that is it or includes it."""
    out = {}
    for main in sorted(p for p in folder.glob("*.regel") if not p.name.startswith("_")):
        out[main.name] = main.name
        for frag in re.findall(r'^inkluder "([^"]+)"', main.read_text("utf-8"), re.M):
            out[frag] = main.name
    return out


_module_file_of = _module_files(TABLES)


def test_every_real_table_file_belongs_to_one_module() -> None:
    assert sorted(_module_file_of) == sorted(p.name for p in TABLES.glob("*.regel"))
    assert sorted(set(_module_file_of.values())) == ["boerne_og_ungeydelse.regel", "folkepension.regel",
                                                     "sanktion.regel"]


@pytest.mark.parametrize("examples", fuzz_counts(15))
def test_mutated_real_tables(tables_copy, examples):
    @examples
    @given(data=st.data())
    def check(data):
        files = sorted(p.name for p in tables_copy.glob("*.regel"))
        name = data.draw(st.sampled_from(files))
        path = tables_copy / name
        original = path.read_bytes()
        # tables/ holds several modules: load the one module file the mutated file belongs to.
        main = _module_file_of[name]
        try:
            path.write_bytes(data.draw(mutated(original.decode("utf-8"))).encode("utf-8", "surrogatepass"))
            modules, diags = load([tables_copy / main])
            assert_sound(modules, diags)
        finally:
            path.write_bytes(original)

    check()


# ---- (a) random bytes ------------------------------------------------------------------------
@pytest.mark.parametrize("examples", fuzz_counts(60))
def test_random_bytes(folder, examples):
    @examples
    @given(data=st.binary(max_size=600))
    def check(data):
        _load(folder, data)

    check()


TOKENS = st.sampled_from([
    b"modul ", b"inkluder ", b"brug ", b"type ", b"felt ", b"v\xc3\xa6rdi ", b"tabel ", b"beslutning ",
    b"eksempel ", b"sk\xc3\xa6ringsdato ", b"er ", b"en af: ", b"heltal ", b"bel\xc3\xb8b ", b"dato ", b"ja/nej ",
    b"fra ", b"til ", b"standard ", b"version ", b"g\xc3\xa6lder fra ", b"politik ", b"unik ", b"samling sum ",
    b"afrunding ", b"hele kroner ", b"givet ", b"forvent ", b"fejl ", b"ikke ", b"afvis ", b"a ", b"b ",
    b"\xc3\xa6\xc3\xb8\xc3\xa5 ", b"| ", b"|| ", b"|\n", b"- ", b": ", b", ", b"= ", b"( ", b") ", b"* ", b"+ ",
    b"[ ", b"] ", b"; ", b"< ", b">= ", b"12 ", b"1.964,50 ", b"kr ", b"% ", b"2024-01-01 ", b"2024-02-30 ",
    b'"t" ', b'"', b'"""', b"# c", b"\n", b"\r\n", b"\r", b"\t", b"  ", b"\x00", b"\xff", b"\xef\xbb\xbf",
    b"\xc3", b"\xe2\x80\xa8",
])


@pytest.mark.parametrize("examples", fuzz_counts(80))
def test_token_soup(folder, examples):
    @examples
    @given(parts=st.lists(TOKENS, max_size=60))
    def check(parts):
        _load(folder, b"".join(parts))

    check()


@pytest.mark.parametrize("examples", fuzz_counts(30))
def test_valid_program_with_garbage_appended(folder, examples):
    @examples
    @given(prefix=st.lists(TOKENS, max_size=20), data=st.binary(max_size=40))
    def check(prefix, data):
        base = SAMPLE + b"".join(prefix) + data
        assume(base != SAMPLE)
        _load(folder, base)

    check()
