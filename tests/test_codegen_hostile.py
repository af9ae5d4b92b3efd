"""Hostile editor strings must never become code.

Titles, citations, enum values, descriptions, refusal messages and names full
of quotes, triple quotes, backslashes, Jinja braces, newlines, bidi overrides
and Python keywords must yield an importable, ruff-clean module that behaves as
the table says, with every string intact, and with no payload executed.
"""

from __future__ import annotations

import builtins
import io
import subprocess
import tokenize
from pathlib import Path

import pytest
from generated_loader import NO_RUFF, RUFF, load_generated_module

from regel import interp
from regel.codegen import generate, module_filename
from regel.model import load

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = '__import__(\\"builtins\\").PWNED = 1'
SOURCE = (
    "modul class\n"
    "skæringsdato import\n"
    f'type Lambda er en af: True, lambda, pass "{{{{ x }}}} \\"\\"\\" \'\'\' \\\\ {PAYLOAD}"\n'
    f'felt import: dato "beskrivelse \\n{PAYLOAD}\\n# {{% endfor %}}"\n'
    "felt def: Lambda\n"
    "felt print: heltal standard 3\n"
    f'tabel Øre """Titel med ""\nog ny linje\\\\ {PAYLOAD}\n"""\n'
    f'  hjemmel "LAS \\\\ § \\"69\\" {{{{ c }}}}\\n{PAYLOAD}  \u202e skjult \u2028 sep"\n'
    "  politik første\n"
    "  | def  | print || ctx: tekst | hjemmel |\n"
    f'  | True | < 5   || "a\\"b\\\\c\\n{PAYLOAD}" | "R1 \\"\\"\\"\\n{PAYLOAD}" |\n'
    f'  | lambda | - || afvis "Nej \\"\\"\\" {PAYLOAD} \\\\" | - |\n'
    '  | - | - || "ok" | - |\n'
    "tabel Oere\n"
    '  hjemmel "Lov"\n'
    "  | def || units |\n"
    "  | - || 1 |\n"
    f'beslutning return "Beslutning \\"\\"\\" {PAYLOAD}"\n'
    "  ctx\n"
    "  units\n"
    "  kilde = hjemmel(Øre)\n"
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    src = tmp / "class.regel"
    src.write_text(SOURCE, encoding="utf-8")
    modules, diags = load([src])
    assert not [d for d in diags if d.is_error], [d.message for d in diags]
    model = modules[0]
    code = generate(model)
    path = tmp / module_filename(model)
    path.write_text(code, encoding="utf-8")
    assert not hasattr(builtins, "PWNED")
    gen = load_generated_module(path, "regel_hostile_class")
    return model, code, gen, path


def test_filename_avoids_keywords() -> None:
    assert module_filename("class") == "class_.py"
    assert module_filename("Sanktion") == "sanktion.py"
    assert module_filename("decimal") == "decimal_regel.py"  # never shadow the stdlib


def test_payload_never_runs(hostile) -> None:
    model, _code, gen, _path = hostile
    gen.evaluate({"def": "True", "print": 2})
    gen.explain({"def": "lambda"})
    interp.evaluate(model, None, {"def": "True"})
    assert not hasattr(builtins, "PWNED")


def test_payload_only_inside_strings_and_comments(hostile) -> None:
    _model, code, _gen, _path = hostile
    seen = 0
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if "PWNED" in tok.string:
            seen += 1
            assert tok.type in (tokenize.STRING, tokenize.COMMENT), tok
        if tok.type == tokenize.COMMENT:
            assert all(ch.isprintable() for ch in tok.string), tok  # no bidi tricks or separators
    assert seen > 5


def test_strings_survive_exactly(hostile) -> None:
    model, _code, gen, _path = hostile
    t = model.tables["Øre"]
    assert gen._T_OERE.title == t.title and gen._T_OERE.citation == t.citation
    assert gen.INPUTS["import"]["description"] == model.fields["import"].description
    assert gen.INPUTS["def"]["domain"] == ("True", "lambda", "pass")
    r = gen.evaluate({"def": "True", "print": 2})
    assert r == interp.evaluate(model, None, {"def": "True", "print": 2})
    assert r["ctx"] == t.versions[0].rules[0].outputs[0].value
    assert r["kilde"] == t.versions[0].rules[0].citation
    assert r["regler"] == ["Øre/1", "Oere/1"]
    with pytest.raises(gen.RegelFejl) as info:
        gen.evaluate({"def": "lambda"})
    assert str(info.value).startswith(t.versions[0].rules[1].outputs[0].message)
    assert gen.evaluate({"def": "pass"})["ctx"] == "ok"


def test_colliding_names_are_numbered(hostile) -> None:
    _model, _code, gen, _path = hostile
    assert gen._T_OERE.name == "Øre" and gen._T_OERE_2.name == "Oere"
    assert gen._V_OERE.select is gen._tabel_oere and gen._V_OERE_2.select is gen._tabel_oere_2


@pytest.mark.skipif(RUFF is None, reason=NO_RUFF)
def test_hostile_module_is_ruff_clean(hostile) -> None:
    *_rest, path = hostile
    done = subprocess.run([RUFF, "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
