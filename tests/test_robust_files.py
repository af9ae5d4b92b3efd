"""Files the front end, `compile` and `fmt` touch: only what they should, safely.

* includes resolve to regular `.regel` files inside the folder being checked,
  and anything else is refused by its path, never opened, never echoed;
* module files and decisions that would collide in generated/ are errors;
* long chains of values and tables compile as well as they check;
* written files respect the umask and keep the mode (and symlink) they replace;
* NFD text equals NFC text; look-alike names get a warning.
"""

from __future__ import annotations

import importlib.util
import json
import os
import stat
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from regel import build
from regel.cli import main
from regel.model import load
from regel.source import FileRefusedError, admit, decode, read_admitted, read_regel

ROOT = Path(__file__).resolve().parent.parent

SECRET = "HEMMELIG_VÆRDI_42"
MODULE = "felt a: heltal fra 0 til 9\n\ntabel T\n  hjemmel \"Lov\"\n  | a || r |\n  | - || a |\n\nbeslutning b\n  r\n"
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file system features")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr (rich's line wrapping undone)."""
    code = main(list(argv))
    cap = capsys.readouterr()
    return code, " ".join(cap.out.split()), " ".join(cap.err.split())


def codes(diags) -> list[str]:
    return [d.code for d in diags]


def load_one(path: Path):
    modules, diags = load([path])
    return modules, diags


# ---- 1. includes stay inside the folder and read only regular .regel files ----------------------
@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """tmp/regler/ is the folder being checked; tmp/ holds things outside it."""
    root = tmp_path / "regler"
    (root / "sub").mkdir(parents=True)
    (tmp_path / "udenfor.regel").write_text("felt x: heltal\n", "utf-8")
    (tmp_path / "hemmelig.txt").write_text(f"{SECRET}\n", "utf-8")
    (root / "noter.txt").write_text(f"{SECRET}\n", "utf-8")
    (root / "sub" / "_del.regel").write_text("felt d: heltal\n", "utf-8")
    return root


def include(root: Path, target: str):
    (root / "a.regel").write_text(f'inkluder "{target}"\n' + MODULE, "utf-8")
    return load_one(root)


@pytest.mark.parametrize("target, code, words", [
    ("/proc/self/environ", "E015", "ikke en .regel-fil"),
    ("../hemmelig.txt", "E015", "ikke en .regel-fil"),
    ("noter.txt", "E015", "ikke en .regel-fil"),
    ("../udenfor.regel", "E015", "uden for mappen"),
    ("sub/../../udenfor.regel", "E015", "uden for mappen"),
])
def test_include_refused_by_path(tree, target, code, words):
    if target.startswith("/proc") and not Path(target).exists():
        pytest.skip("no /proc")
    modules, diags = include(tree, target)
    assert not modules and codes(diags) == [code] and words in diags[0].message
    assert diags[0].span is not None and diags[0].span.line == 1  # at the «inkluder» line
    assert all(SECRET not in (d.span.file.text if d.span else "") for d in diags)


def test_include_inside_the_folder_works(tree):
    modules, diags = include(tree, "sub/_del.regel")
    assert [m.name for m in modules] == ["a"] and not diags


def test_environment_is_never_printed(tree, capsys, monkeypatch):
    if not Path("/proc/self/environ").exists():
        pytest.skip("no /proc")
    monkeypatch.setenv("REGEL_TEST_HEMMELIGHED", SECRET)
    (tree / "a.regel").write_text('inkluder "/proc/self/environ"\n' + MODULE, "utf-8")
    code, out, err = run(capsys, "check", str(tree / "a.regel"))
    assert code == 1 and "E015" in err and SECRET not in out + err
    # What a subprocess sees in its own environment must not leak either.
    env = {**os.environ, "REGEL_TEST_HEMMELIGHED": SECRET}
    done = subprocess.run([sys.executable, "-m", "regel", "check", str(tree / "a.regel"), "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1 and SECRET not in done.stdout + done.stderr and "E015" in done.stdout


@posix_only
def test_symlinks_out_of_the_folder_and_to_other_files_are_refused(tree):
    (tree / "ud.regel").symlink_to(tree.parent / "udenfor.regel")
    (tree / "tekst.regel").symlink_to(tree.parent / "hemmelig.txt")
    (tree / "inde.regel").symlink_to(tree / "noter.txt")  # inside, but not a .regel file
    (tree / "_god.regel").symlink_to(tree / "sub" / "_del.regel")  # inside and .regel: fine
    for target, words in [("ud.regel", "uden for mappen"), ("tekst.regel", "ikke en .regel-fil"),
                          ("inde.regel", "ikke en .regel-fil")]:
        (tree / "a.regel").write_text(f'inkluder "{target}"\n' + MODULE, "utf-8")
        modules, diags = load_one(tree / "a.regel")
        assert not modules and "E015" in codes(diags), target
        assert any(words in d.message for d in diags), target
    (tree / "a.regel").write_text('inkluder "_god.regel"\n' + MODULE, "utf-8")
    for name in ("ud.regel", "tekst.regel", "inde.regel"):
        (tree / name).unlink()
    modules, diags = load_one(tree)
    assert [m.name for m in modules] == ["a"] and not diags


@posix_only
def test_a_module_file_linked_from_outside_is_refused_when_checking_the_folder(tree):
    (tree / "ud.regel").symlink_to(tree.parent / "udenfor.regel")
    (tree / "a.regel").write_text(MODULE, "utf-8")
    modules, diags = load_one(tree)
    assert [m.name for m in modules] == ["a"] and codes(diags) == ["E015"]
    assert "uden for mappen" in diags[0].message


@posix_only
def test_fifo_is_refused_without_hanging(tree, capsys):
    os.mkfifo(tree / "rør.regel")
    (tree / "a.regel").write_text('inkluder "rør.regel"\n' + MODULE, "utf-8")
    t = time.perf_counter()
    modules, diags = load_one(tree / "a.regel")
    assert not modules and codes(diags) == ["E015"] and "navngivet rør" in diags[0].message
    code, _out, err = run(capsys, "check", str(tree / "rør.regel"))  # given directly, too
    assert code == 1 and "navngivet rør" in err
    code, _out, err = run(capsys, "fmt", str(tree / "rør.regel"))
    assert code == 2 and "navngivet rør" in err
    assert time.perf_counter() - t < 30


@posix_only
def test_symlink_loop_says_so(tree, capsys):
    (tree / "x.regel").symlink_to(tree / "y.regel")
    (tree / "y.regel").symlink_to(tree / "x.regel")
    (tree / "a.regel").write_text('inkluder "x.regel"\n' + MODULE, "utf-8")
    modules, diags = load_one(tree / "a.regel")
    assert not modules and codes(diags) == ["E011"] and "løkke af genveje" in diags[0].message
    code, _out, err = run(capsys, "check", str(tree / "x.regel"))
    assert code == 1 and "løkke af genveje" in err


def test_brug_stays_beside_the_file(tree):
    (tree / "sub" / "m.regel").write_text("brug del\nbeslutning c\n  d\n", "utf-8")
    modules, diags = load_one(tree)
    assert "m" in [m.name for m in modules] and not diags


def test_explicit_non_regel_path_is_refused_and_not_shown(tmp_path, capsys):
    secret = tmp_path / "passwd"
    secret.write_text(f"root:{SECRET}:0:0\n", "utf-8")
    for cmd in (["check"], ["check", "--format", "json"], ["compile", "--out", str(tmp_path / "g")]):
        code, out, err = run(capsys, *cmd, str(secret))
        assert code == 1 and "E015" in out + err and "ikke en .regel-fil" in out + err, cmd
        assert SECRET not in out + err, cmd
    code, out, err = run(capsys, "fmt", str(secret))
    assert code == 2 and "ikke en .regel-fil" in err and SECRET not in out + err
    assert secret.read_text("utf-8") == f"root:{SECRET}:0:0\n"


def test_doc_never_puts_another_file_into_a_page(tree, tmp_path, capsys):
    (tree / "a.regel").write_text('inkluder "../hemmelig.txt"\n' + MODULE, "utf-8")
    (tree / "b.regel").write_text('inkluder "noter.txt"\n' + MODULE.replace("beslutning b", "beslutning c"),
                                  "utf-8")
    out = tmp_path / "site"
    assert main(["doc", str(tree), "--out", str(out)]) == 0
    pages = "".join(p.read_text("utf-8") for p in out.rglob("*.html"))
    assert "E015" in pages and SECRET not in pages


def test_a_file_swapped_after_the_check_is_refused(tree):
    target = tree / "sub" / "_del.regel"
    adm = admit(target, root=tree)
    other = tree / "sub" / "_andet.regel"
    other.write_text("felt andet: heltal\n", "utf-8")
    os.replace(other, target)  # another file under the same name
    with pytest.raises(FileRefusedError) as err:
        read_admitted(adm)
    assert err.value.code == "E015" and "skiftet ud" in err.value.message


def test_read_regel_refuses_what_it_would_cut_off(tree):
    big = tree / "stor.regel"
    big.write_bytes(b"# " + b"x" * 100 + b"\n")
    with pytest.raises(FileRefusedError) as err:
        read_regel(big, limit=50)
    assert err.value.code == "E010"


# ---- 2. collisions in generated/ ------------------------------------------------------------------
def test_modules_that_become_the_same_file_are_an_error(tmp_path, capsys):
    tables = tmp_path / "tables"
    tables.mkdir()
    (tables / "æble.regel").write_text(MODULE, "utf-8")
    (tables / "aeble.regel").write_text(MODULE.replace("beslutning b", "beslutning c"), "utf-8")
    _modules, diags = load([tables])
    assert codes(diags) == ["E016"]
    assert "aeble.py" in diags[0].message and "æble.regel" in diags[0].message and "aeble.regel" in diags[0].message
    out = tmp_path / "generated"
    code, _out, err = run(capsys, "compile", str(tables), "--out", str(out))
    assert code == 1 and "E016" in err and not out.exists()
    code, _out, err = run(capsys, "check", str(tables))
    assert code == 1 and "E016" in err


def test_two_modules_with_the_same_decision_are_an_error(tmp_path, capsys):
    (tmp_path / "et.regel").write_text(MODULE, "utf-8")
    (tmp_path / "to.regel").write_text(MODULE, "utf-8")
    _modules, diags = load([tmp_path])
    assert codes(diags) == ["E017"] and "«b»" in diags[0].message
    assert "et.regel" in diags[0].message and "to.regel" in diags[0].message
    assert diags[0].span is not None and diags[0].span.path.endswith("to.regel")
    code, _out, err = run(capsys, "compile", str(tmp_path), "--out", str(tmp_path / "generated"))
    assert code == 1 and "E017" in err


def test_model_does_not_import_codegen():
    program = ("import sys, regel.model, regel.model.loader\n"
               "bad = sorted(m for m in sys.modules if m.startswith('regel.codegen'))\n"
               "assert not bad, bad\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_codegen_uses_the_shared_names():
    from regel import names
    from regel.codegen import module_filename
    assert module_filename("æble") == names.module_filename("æble") == "aeble.py"
    assert names.module_filename("a\u030aben") == names.module_filename("åben") == "aaben.py"


# ---- 3. long chains: check and compile agree --------------------------------------------------------
def _chain(kind: str, n: int) -> tuple[str, str]:
    """A module whose decision depends on a chain of `n` values or tables; (text, result name)."""
    lines = ["felt x: heltal fra 0 til 10"]
    if kind == "værdier":
        lines += ["værdi v0 = x + 1"] + [f"værdi v{i} = v{i - 1} + 1" for i in range(1, n)]
        last = f"v{n - 1}"
    else:
        lines += ["tabel T0", '  hjemmel "Lov"', "  | x || r0 |", "  | - || x + 1 |"]
        for i in range(1, n):
            lines += [f"tabel T{i}", '  hjemmel "Lov"', f"  | r{i - 1} || r{i} |", f"  | - || r{i - 1} + 1 |"]
        last = f"r{n - 1}"
    lines += ["beslutning b", f"  {last}", 'eksempel "kæden" for b:', "  givet x = 1", f"  forvent {last} = {n + 1}"]
    return "\n".join(lines) + "\n", last


@pytest.mark.parametrize("kind, n", [("værdier", 500), ("tabeller", 200)])
def test_long_chains_check_compile_and_evaluate(tmp_path, capsys, kind, n):
    text, last = _chain(kind, n)
    (tmp_path / "kaede.regel").write_text(text, "utf-8")
    code, _out, err = run(capsys, "check", str(tmp_path))
    assert code == 0 and "0 fejl" in err, err
    out = tmp_path / "generated"
    code, _out, err = run(capsys, "compile", str(tmp_path), "--out", str(out))
    assert code == 0, err
    mod = _import(out / "kaede.py")
    result = mod.evaluate({"x": 1}, "b")
    assert result[last] == n + 1
    assert len(result["regler"]) == (n if kind == "tabeller" else 0)
    assert mod.evaluate({"x": 7}, "b")[last] == n + 7
    with pytest.raises(mod.RegelFejl):
        mod.evaluate({"x": 11}, "b")
    code, _out, err = run(capsys, "test", str(tmp_path))
    assert code == 0 and "1 bestået" in err + _out


@pytest.mark.parametrize("kind, n", [("værdier", 1000), ("tabeller", 400)])
def test_long_chains_explain_in_a_fresh_process(tmp_path, kind, n):
    """The engine follows chains recursively; a deep module raises Python's call limit
    when imported, so explain (and every case the fast path hands over) works too."""
    import subprocess

    text, last = _chain(kind, n)
    (tmp_path / "kaede.regel").write_text(text, "utf-8")
    out = tmp_path / "generated"
    assert main(["compile", str(tmp_path), "--out", str(out)]) == 0
    assert "sys.setrecursionlimit(" in (out / "kaede.py").read_text("utf-8")
    (tmp_path / "sag.json").write_text('{"x": 1}', "utf-8")
    done = subprocess.run([sys.executable, "-m", "regel", "explain", "b", "--input", str(tmp_path / "sag.json"),
                           "--generated", str(out), "--json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["resultat"][last] == f"{n + 1:,}".replace(",", ".")  # shown the Danish way


def test_shallow_modules_leave_the_call_limit_alone():
    from regel.codegen.generator import chain_depth
    from regel.model import load

    modules, _ = load([ROOT / "tables"])
    assert modules and chain_depth(modules[0]) < 20
    assert "setrecursionlimit" not in (ROOT / "generated" / "sanktion.py").read_text("utf-8")


def test_the_fast_path_walk_hands_errors_to_the_asking_step():
    from regel.codegen.fastpath import UnsupportedError, _drive

    def deep(n: int):
        if n == 0:
            raise UnsupportedError("for lang")
        return (yield deep(n - 1)) + 1

    def catching():
        try:
            return (yield deep(5000))
        except UnsupportedError:
            return -1

    def counting(n: int):
        return 0 if n == 0 else (yield counting(n - 1)) + 1

    assert _drive(catching()) == -1
    assert _drive(counting(100_000)) == 100_000
    with pytest.raises(UnsupportedError):
        _drive(deep(3000))


# ---- 4. file modes and symlinks ----------------------------------------------------------------------
@posix_only
def test_new_files_respect_the_umask_and_replaced_files_keep_their_mode(tmp_path):
    old = os.umask(0o027)
    try:
        build.write_atomic(tmp_path / "ny.py", "x = 1\n")
        assert stat.S_IMODE((tmp_path / "ny.py").stat().st_mode) == 0o640
        os.umask(0o022)
        build.write_atomic(tmp_path / "ny2.py", "x = 1\n")
        assert stat.S_IMODE((tmp_path / "ny2.py").stat().st_mode) == 0o644
        (tmp_path / "gammel.py").write_text("x = 0\n")
        os.chmod(tmp_path / "gammel.py", 0o604)
        build.write_atomic(tmp_path / "gammel.py", "x = 1\n")
        assert stat.S_IMODE((tmp_path / "gammel.py").stat().st_mode) == 0o604
        assert (tmp_path / "gammel.py").read_text() == "x = 1\n"
    finally:
        os.umask(old)


@posix_only
def test_compile_writes_readable_modules(tmp_path, capsys):
    (tmp_path / "m.regel").write_text(MODULE, "utf-8")
    old = os.umask(0o022)
    try:
        code, _out, err = run(capsys, "compile", str(tmp_path / "m.regel"), "--out", str(tmp_path / "g"))
    finally:
        os.umask(old)
    assert code == 0, err
    assert stat.S_IMODE((tmp_path / "g" / "m.py").stat().st_mode) == 0o644


@posix_only
def test_fmt_writes_through_a_symlink(tmp_path, capsys):
    real = tmp_path / "ægte" / "m.regel"
    real.parent.mkdir()
    real.write_text("felt   a:   heltal\n", "utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "regler" / "m.regel"
    link.parent.mkdir()
    link.symlink_to(real)
    code, _out, err = run(capsys, "fmt", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text("utf-8") == "felt a: heltal\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_fmt_refuses_invalid_utf8_instead_of_crashing(tmp_path, capsys):
    (tmp_path / "m.regel").write_bytes(b"felt a: heltal # \xff\n")
    code, _out, err = run(capsys, "fmt", str(tmp_path / "m.regel"))
    assert code == 2 and "UTF-8" in err


# ---- 5. Unicode: NFD is NFC, look-alikes are named ------------------------------------------------
def test_nfd_source_is_normalised_at_decode_and_spans_stay_right(tmp_path):
    nfd = unicodedata.normalize("NFD", "felt år: heltal fra 0 til 9\nfelt æble: heltal\n")
    src, problem = decode("x.regel", nfd.encode("utf-8"))
    assert problem is None and src.text == unicodedata.normalize("NFC", nfd)
    # NFD declaration, NFC use (and an error after NFD text, to check where it points).
    text = nfd + "tabel T\n  hjemmel \"Lov\"\n  | år || r |\n  | - || år |\n\nbeslutning b\n  r\n  ukendt\n"
    (tmp_path / "m.regel").write_bytes(text.encode("utf-8"))
    modules, diags = load_one(tmp_path / "m.regel")
    assert codes(diags) == ["E102"] and "«ukendt»" in diags[0].message
    assert (diags[0].span.line, diags[0].span.column, diags[0].span.text.strip()) == (10, 3, "ukendt")
    (tmp_path / "m.regel").write_bytes(text.replace("  ukendt\n", "").encode("utf-8"))
    modules, diags = load_one(tmp_path / "m.regel")
    assert not diags and "år" in modules[0].fields


@pytest.mark.parametrize("declared, used", [("ﬁx", "fix"), ("Ｔ", "T")])
def test_look_alike_names_are_named_in_a_warning(tmp_path, capsys, declared, used):
    (tmp_path / "m.regel").write_text(f"felt {declared}: heltal\nbeslutning b\n  {used}\n", "utf-8")
    _modules, diags = load_one(tmp_path / "m.regel")
    w = [d for d in diags if d.code == "W018"]
    assert len(w) == 1 and f"«{used}»" in w[0].message and f"«{declared}»" in w[0].message
    assert (w[0].span.line, w[0].span.text.strip()) == (3, used)
    code, _out, err = run(capsys, "check", str(tmp_path / "m.regel"))
    assert code == 1 and "W018" in err and "E102" in err


def test_no_look_alike_warning_for_plain_text_or_strings(tmp_path):
    text = 'felt fix: heltal "ﬁx i en tekst"  # ﬁx i en kommentar\nbeslutning b\n  fix\n'
    (tmp_path / "m.regel").write_text(text, "utf-8")
    modules, diags = load_one(tmp_path / "m.regel")
    assert modules and not diags


def _import(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    try:
        spec.loader.exec_module(mod)
    finally:
        del sys.modules[spec.name]
    return mod
