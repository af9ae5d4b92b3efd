"""Generated code a reviewer can audit: every grid row of tables/ stands, as
written (whitespace folded), in a comment of generated/."""

from __future__ import annotations

from pathlib import Path

from regel.model import load

ROOT = Path(__file__).resolve().parent.parent


def _rows(modules) -> list[tuple[str, str]]:
    out = []
    for m in modules:
        for t in m.tables.values():
            for v in t.versions:
                for r in v.rules:
                    assert r.span is not None, (t.name, r.id)
                    out.append((m.name, " ".join(r.span.file.line_text(r.span.line).split())))
    return out


def test_every_grid_row_of_tables_is_a_comment_in_generated():
    modules, diags = load([ROOT / "tables"])
    assert modules and not [d for d in diags if d.is_error]
    rows = _rows(modules)
    # tables/ holds three modules: sanktion 88 rows, boerne_og_ungeydelse 29, folkepension 19.
    counts = {name: sum(1 for m, _ in rows if m == name) for name in {m for m, _ in rows}}
    assert counts == {"sanktion": 88, "boerne_og_ungeydelse": 29, "folkepension": 19}
    for module, row in rows:
        generated = (ROOT / "generated" / f"{module}.py").read_text(encoding="utf-8")
        assert f"#   {row}" in generated, f"rækken mangler i generated/{module}.py: {row}"


def test_grid_header_precedes_rows(tmp_path):
    src = tmp_path / "lille.regel"
    src.write_text("""\
felt a: heltal fra 0 til 9

tabel T
  hjemmel "Lov § 1"
  |  a     ||  b   |
  # en kommentar mellem overskrift og rækker
  |   < 5  ||  1   |
  |   >= 5 ||  2   |

beslutning t
  b
""", encoding="utf-8")
    from regel.codegen import generate

    modules, diags = load([src])
    assert modules, diags
    code = generate(modules[0])
    block = ("# The grid (lille.regel, line 5; spaces between cells folded):\n"
             "#   | a || b |\n#   | < 5 || 1 |\n#   | >= 5 || 2 |\ndef ")
    assert block in code
