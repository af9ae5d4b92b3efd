"""Relations within a row: `relation kvartal = årlig / 4` is checked on every row,
with the row's other results and single-valued condition cells as names."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from regel.checks import check_module
from regel.fmt import format_source
from regel.model import load

HEAD = """\
type Gruppe er en af: a, b, c, d, e, f
felt gruppe: Gruppe

tabel Satser "Satser"
  hjemmel "BUL § 1"
  relation kvartal = årlig / 4
  relation måned = afrund_op(årlig / 12)
  | gruppe || årlig | kvartal | måned |
"""


def _module(tmp_path, rows: list[tuple[int, int, int]]):
    names = "abcdef"
    text = HEAD + "".join(f"  | {names[i]} || {a} kr | {q} kr | {m} kr |\n" for i, (a, q, m) in enumerate(rows))
    text += "\nbeslutning b\n  kvartal\n"
    path = tmp_path / "r.regel"
    path.write_text(text, encoding="utf-8")
    modules, diags = load([path])
    assert modules, [d.message for d in diags]
    return modules[0], text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=9_999), min_size=1, max_size=6),
       st.data())
def test_every_row_is_checked_and_only_wrong_rows_are_reported(tmp_path_factory, quarters, data):
    tmp_path = tmp_path_factory.mktemp("rel")
    rows = []
    wrong = set()
    for i, q in enumerate(quarters):
        year = 4 * q
        month = -(-year // 12)  # rounded up
        if data.draw(st.booleans(), label=f"ødelæg række {i}"):
            q += data.draw(st.sampled_from([-1, 1]))
            wrong.add(str(i + 1))
        rows.append((year, q, month))
    m, _text = _module(tmp_path, rows)
    found = [d for d in check_module(m) if d.code == "E205"]
    assert {d.data["regel"] for d in found} == wrong  # brute force: each row recomputed by hand above
    for d in found:
        assert d.data["beregnet"] == quarters[int(d.data["regel"]) - 1]  # årlig / 4, before the damage


def test_message_names_row_and_values(tmp_path):
    m, _ = _module(tmp_path, [(11_820, 2_956, 985)])
    (d,) = [d for d in check_module(m) if d.code == "E205"]
    assert d.message == ("Trykt kvartal 2.956 kr i regel 1 (linje 9) svarer ikke til relationen: "
                         "11.820 kr / 4 = 2.955 kr")
    assert d.span.text == "2956 kr"  # the cell as written


def test_rows_without_constants_are_skipped(tmp_path):
    text = HEAD + '  | a || 100 kr | afvis "x" | 9 kr |\n  | b || årlig_x | 25 kr | 9 kr |\n'
    text = text.replace("felt gruppe: Gruppe\n", "felt gruppe: Gruppe\nfelt årlig_x: beløb\n")
    (tmp_path / "r.regel").write_text(text + "\nbeslutning b\n  kvartal\n", encoding="utf-8")
    modules, diags = load([tmp_path / "r.regel"])
    assert modules, [d.message for d in diags]
    assert not [d for d in check_module(modules[0]) if d.code == "E205"]


def test_formatter_keeps_the_relation(tmp_path):
    _m, text = _module(tmp_path, [(400, 100, 34)])
    assert "relation kvartal = årlig / 4" in format_source(text)
