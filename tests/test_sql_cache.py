"""`regel eval --motor duckdb` keeps the engine's plans next to the generated module
(sqlcmd.PlannedModule, <generated>/__pycache__/<module>.regel-sql.json): a second run neither
loads the model from the .regel sources nor compiles the decision again, and gives the same
SQL and the same answers; a stale, damaged or foreign cache is ignored and rebuilt, and a plan
made from sources that changed since «regel compile» is never cached. And the runtime's
«Mente du …?» hint (core._near) is searched once per (word, options)."""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
from pathlib import Path

import pytest
from generated_loader import load_generated_module
from sql_cases import boundaries, random_case

from regel import sqlcmd
from regel.cli import main
from regel.jsonio import dumps
from regel.model import load
from regel.sql import decision_sql, plan, render
from regel.sql.duck import evaluate_cases
from regel.sql.stream import PASSTHROUGH

_HAVE_SQL = all(importlib.util.find_spec(m) is not None for m in ("duckdb", "pyarrow"))
needs_sql = pytest.mark.skipif(not _HAVE_SQL, reason="duckdb/pyarrow ikke installeret (pip install 'regel[sql]')")

ROOT = Path(__file__).resolve().parent.parent
DECISION = "klagefrist"


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    """tables/ compiled into a fresh generated/ (as «regel compile» writes it), and the model."""
    base = tmp_path_factory.mktemp("sqlcache")
    shutil.copytree(ROOT / "tables", base / "tables")
    import os

    here = os.getcwd()
    os.chdir(base)
    try:
        assert main(["compile", "tables", "--out", "generated"]) == 0
        modules, _diags = load(["tables"])
    finally:
        os.chdir(here)
    model = next(m for m in modules if DECISION in m.decisions)
    return base, model


@pytest.fixture
def work(compiled, tmp_path, monkeypatch):
    base, model = compiled
    shutil.copytree(base, tmp_path / "w")
    monkeypatch.chdir(tmp_path / "w")
    return tmp_path / "w", model


_COUNT = [0]


def _module(root: Path):
    _COUNT[0] += 1
    return load_generated_module(root / "generated" / "sanktion.py", f"sqlcache_sanktion_{_COUNT[0]}")


def _engine(root: Path):
    mod = _module(root)
    return mod, sqlcmd.duckdb_engine(mod, DECISION, root / "generated")


def _cases(model, n: int = 300) -> list[dict]:
    rng = random.Random("sqlcache")
    bounds = boundaries(model)
    return [random_case(model, rng, bounds) for _ in range(n)]


def _forbid_loading(monkeypatch):
    def no(*_a, **_k):
        raise AssertionError("the model was loaded from its sources")

    monkeypatch.setattr(sqlcmd, "source_module", no)


@needs_sql
def test_second_run_uses_the_cache(work, monkeypatch):
    root, model = work
    mod, first = _engine(root)
    assert first.why_not is None
    assert first.module.loaded
    path = sqlcmd.cache_path(mod)
    assert path.is_file()
    want_sql = decision_sql(model, DECISION, engine=True)
    assert first.sql == want_sql
    # the stream's plan is cached as the engine asks for it
    assert render(plan(first.module, DECISION, engine=True, passthrough=PASSTHROUGH)) == \
        render(plan(model, DECISION, engine=True, passthrough=PASSTHROUGH))
    cases = _cases(model)
    answers = evaluate_cases(model, mod, DECISION, cases, engine=first)

    _forbid_loading(monkeypatch)
    mod2, second = _engine(root)
    assert not second.module.loaded
    assert second.sql == want_sql
    assert second.plan == plan(model, DECISION, engine=True)
    assert render(plan(second.module, DECISION, engine=True, passthrough=PASSTHROUGH)) == \
        render(plan(model, DECISION, engine=True, passthrough=PASSTHROUGH))
    assert second.items == [n for n, _e in model.decisions[DECISION].items]
    assert evaluate_cases(model, mod2, DECISION, cases, engine=second) == answers


@needs_sql
def test_unsupported_is_cached_too(work, monkeypatch):
    root, _model = work
    mod = _module(root)
    pm = sqlcmd.PlannedModule(mod, root / "generated")
    from regel.sql import Unsupported

    with pytest.raises(Unsupported):
        plan(pm, "ingen_saadan", engine=True)
    _forbid_loading(monkeypatch)
    pm2 = sqlcmd.PlannedModule(_module(root), root / "generated")
    with pytest.raises(Unsupported, match="ingen_saadan"):
        plan(pm2, "ingen_saadan", engine=True)


def _damage_checksum(path: Path) -> None:
    outer = json.loads(path.read_text(encoding="utf-8"))
    outer["body"] = outer["body"].replace("CASE", "CASF", 1)
    path.write_text(json.dumps(outer), encoding="utf-8")


def _other_key(path: Path) -> None:
    outer = json.loads(path.read_text(encoding="utf-8"))
    outer["key"]["code"] = "0" * 64  # another regel
    path.write_text(json.dumps(outer), encoding="utf-8")


@pytest.mark.parametrize("damage", [
    lambda p: p.write_bytes(b"{not json"),
    lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    lambda p: p.write_bytes(b""),
    lambda p: p.write_text("[1, 2]", encoding="utf-8"),
    lambda p: p.write_text('{"key": 1}', encoding="utf-8"),
    _damage_checksum,
    _other_key,
], ids=["garbage", "truncated", "empty", "list", "no-body", "checksum", "other-key"])
@needs_sql
def test_damaged_or_stale_cache_is_rebuilt(work, damage):
    root, model = work
    mod, _first = _engine(root)
    path = sqlcmd.cache_path(mod)
    damage(path)
    _mod2, again = _engine(root)
    assert again.module.loaded  # not trusted: compiled from the sources
    assert again.sql == decision_sql(model, DECISION, engine=True)
    _mod3, third = _engine(root)  # and written again, whole
    assert not third.module.loaded
    assert third.sql == again.sql


@needs_sql
def test_key_follows_sources_version_and_code(work, monkeypatch):
    root, _model = work
    mod, _first = _engine(root)
    key = sqlcmd.PlannedModule(mod, root / "generated").key
    assert key["sources"] == dict(sorted(mod.SOURCE_DIGESTS.items()))
    import regel

    assert key["regel"] == regel.__version__
    monkeypatch.setattr(regel, "__version__", "99.0")
    assert sqlcmd.PlannedModule(_module(root), root / "generated")._body["plans"] == {}
    monkeypatch.undo()
    monkeypatch.chdir(root)
    monkeypatch.setattr(sqlcmd, "code_digest", lambda: "f" * 64)
    assert sqlcmd.PlannedModule(_module(root), root / "generated")._body["plans"] == {}


@needs_sql
def test_plan_from_changed_sources_is_not_cached(work):
    root, model = work
    mod = _module(root)  # compiled before the change
    src = root / "tables" / "sanktion.regel"
    src.write_text(src.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    pm = sqlcmd.PlannedModule(mod, root / "generated")
    plan(pm, DECISION, engine=True)
    assert pm.loaded
    assert not sqlcmd.cache_path(mod).exists()


@needs_sql
def test_unwritable_cache_place_is_no_error(work, monkeypatch):
    root, model = work
    blocker = root / "fil"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setattr(sqlcmd, "cache_path", lambda _mod: blocker / "under" / "x.json")
    mod, engine = _engine(root)
    assert engine.why_not is None
    assert engine.sql == decision_sql(model, DECISION, engine=True)


@needs_sql
def test_eval_twice_same_output_as_python(work, monkeypatch):
    root, model = work
    src = root / "sager.jsonl"
    src.write_text("".join(dumps(c) + "\n" for c in _cases(model, 200)) + "{\n", encoding="utf-8")
    args = ["eval", DECISION, "--input", str(src), "--generated", "generated"]
    assert main([*args, "--out", "py.jsonl", "--motor", "python"]) == 0
    assert main([*args, "--out", "d1.jsonl", "--motor", "duckdb"]) == 0
    assert (root / "generated" / "__pycache__" / ("sanktion" + sqlcmd.CACHE_SUFFIX)).is_file()
    _forbid_loading(monkeypatch)
    assert main([*args, "--out", "d2.jsonl", "--motor", "duckdb"]) == 0
    want = (root / "py.jsonl").read_bytes()
    assert (root / "d1.jsonl").read_bytes() == want
    assert (root / "d2.jsonl").read_bytes() == want


# ---- «Mente du …?» remembered per (word, options) (issue 14: many lines, same wrong value) ----

def test_near_asks_difflib_once_per_word_and_options(monkeypatch):
    import difflib

    from regel.runtime import core

    core._NEAR_SEEN.clear()
    calls = []
    real = difflib.get_close_matches

    def counting(word, options, *a, **k):
        calls.append(word)
        return real(word, options, *a, **k)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    domain = ("sh_o_ydelse", "ressourceforløb", "jobafklaringsforløb")
    for _ in range(1000):
        assert core._near("sh_o_ydelsee", domain) == "sh_o_ydelse"
        assert core._near("xyz", domain) is None
    assert calls == ["sh_o_ydelsee", "xyz"]
    # the same options as a set: remembered; other options (a dict's keys): searched again
    assert core._near("sh_o_ydelsee", frozenset(domain)) == "sh_o_ydelse"
    assert len(calls) == 2
    assert core._near("sh_o_ydelsee", {"sh_o_ydelse": 1, "sh_o_ydelse2": 2}) == "sh_o_ydelse"
    assert len(calls) == 3
    # bounded
    for i in range(core._NEAR_SEEN_MAX + 10):
        core._near(f"w{i}", domain)
    assert len(core._NEAR_SEEN) <= core._NEAR_SEEN_MAX


def test_near_answers_as_difflib_does():
    import difflib
    import random

    from regel.runtime import core

    rng = random.Random("near")
    letters = "abcdeæøå_"
    for _ in range(400):
        options = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 8))) for _ in range(rng.randint(0, 9))]
        word = "".join(rng.choice(letters) for _ in range(rng.randint(1, 8)))
        want = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
        shuffled = options[:]
        rng.shuffle(shuffled)
        for opts in (options, shuffled, set(options), tuple(options), iter(options)):
            assert core._near(word, opts) == (want[0] if want else None), (word, options)
    assert core._near("", ["a"]) is None
    assert core._near(3, ["3"]) is None
    assert core._near("x" * 101, ["x" * 101]) is None
    odd = [["a", "b"], ["x", "y"]]  # unhashable options: answered, not remembered
    assert core._near("ab", odd) == difflib.get_close_matches("ab", odd, n=1)[0]
    assert core._near("ab", ("ab", "ac")) == "ab"


def test_generated_modules_embed_the_remembering_near():
    """The batch's «Mente du …?» comes from the runtime embedded in the generated module."""
    import difflib

    mod = load_generated_module(ROOT / "generated" / "sanktion.py", "sqlcache_near_sanktion")
    mod._NEAR_SEEN.clear()
    calls = []
    real = difflib.get_close_matches

    def counting(*a, **k):
        calls.append(a[0])
        return real(*a, **k)

    old = difflib.get_close_matches
    difflib.get_close_matches = counting
    try:
        got = [_refusal(mod) for _ in range(50)]
    finally:
        difflib.get_close_matches = old
    assert len(set(got)) == 1 and "Mente du «sh_o_ydelse»" in got[0], got[0]
    assert calls == ["sh_o_ydelsee"]


def _refusal(mod) -> str:
    try:
        mod.evaluate({"ordning": "sh_o_ydelsee", "forseelse": "udeblevet_tilbud", "dato": "2024-05-01"}, "sanktion")
    except mod.RegelFejl as err:
        return str(err)
    raise AssertionError("no refusal")


@needs_sql
def test_query_texts_are_kept_with_the_plans(work, monkeypatch):
    """A second run renders no template: the JSONL stream's and the CSV path's whole queries are
    kept with the plans (same key: a changed regel is a new cache), and the answers are the same."""
    import csv
    import io

    from regel.sql import duck, stream

    root, model = work
    cases = _cases(model, 150)
    (root / "sager.jsonl").write_text("".join(dumps(c) + "\n" for c in cases) + "{\n", encoding="utf-8")
    fields = list(_module(root).INPUTS)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(fields)
    for c in cases:
        w.writerow([("ja" if c[f] else "nej") if isinstance(c.get(f), bool) else
                    str(c.get(f, "")).replace(".", ",") for f in fields])
    (root / "sager.csv").write_text(buf.getvalue(), encoding="utf-8")
    runs = {}
    for name in ("sager.jsonl", "sager.csv"):
        args = ["eval", DECISION, "--input", name, "--generated", "generated"]
        assert main([*args, "--out", f"py_{name}", "--motor", "python"]) == 0
        assert main([*args, "--out", f"d1_{name}", "--motor", "duckdb"]) == 0
        runs[name] = args
    texts = json.loads(json.loads(sqlcmd.cache_path(_module(root)).read_text(encoding="utf-8"))["body"])["texts"]
    assert {json.loads(k)[0] for k in texts} == {"stream", "csv"}

    def no(*_a, **_k):
        raise AssertionError("a query was rendered again")

    _forbid_loading(monkeypatch)
    monkeypatch.setattr(duck, "render", no)
    monkeypatch.setattr(stream, "stream_sql", no)
    for name, args in runs.items():
        assert main([*args, "--out", f"d2_{name}", "--motor", "duckdb"]) == 0
        want = (root / f"py_{name}").read_bytes()
        assert (root / f"d1_{name}").read_bytes() == want, name
        assert (root / f"d2_{name}").read_bytes() == want, name

    monkeypatch.setattr(sqlcmd, "code_digest", lambda: "e" * 64)  # another regel: nothing of it is used
    pm = sqlcmd.PlannedModule(_module(root), root / "generated")
    assert pm._body["texts"] == {} and pm._body["plans"] == {}
