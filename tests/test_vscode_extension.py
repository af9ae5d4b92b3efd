"""The VS Code extension in editors/vscode (issue 15): package.json is consistent; the start logic
(server.js) finds `regel`, says in Danish how to install it when it is missing, and starts the real
`regel lsp` through an LSP `initialize` handshake over stdio from plain Node; extension.js wires the
client, the restart command and the errors (against stubs of the VS Code API); and, slow, `npm ci`
+ `vsce package` gives a .vsix with the grammar and the client. VS Code itself is never run."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VSCODE = ROOT / "editors" / "vscode"
NODE = shutil.which("node")
NPM = shutil.which("npm")
# The `regel` of the Python running the tests (the venv's console script), else the one on PATH.
REGEL_BIN = Path(sys.executable).parent
if not (REGEL_BIN / "regel").exists() and shutil.which("regel"):
    REGEL_BIN = Path(shutil.which("regel")).parent
needs_node = pytest.mark.skipif(NODE is None, reason="node findes ikke på PATH; udvidelsens JavaScript kan ikke køres")


def _pkg() -> dict:
    return json.loads((VSCODE / "package.json").read_text("utf-8"))


# (a) package.json ------------------------------------------------------------------------------


def test_package_json_starts_on_the_regel_language() -> None:
    pkg = _pkg()
    (lang,) = pkg["contributes"]["languages"]
    (gram,) = pkg["contributes"]["grammars"]
    grammar = json.loads((VSCODE / gram["path"]).read_text("utf-8"))
    assert lang["id"] == gram["language"] == "regel"
    assert gram["scopeName"] == grammar["scopeName"]
    assert f"onLanguage:{lang['id']}" in pkg["activationEvents"]
    assert (VSCODE / pkg["main"]).is_file()
    assert (VSCODE / lang["configuration"]).is_file()


def test_package_json_has_what_vsce_and_npm_need() -> None:
    pkg = _pkg()
    for key in ("name", "displayName", "description", "version", "publisher", "license", "engines", "main"):
        assert pkg.get(key), key
    assert pkg["engines"]["vscode"].startswith("^1.")
    assert "vscode-languageclient" in pkg["dependencies"]
    assert "@vscode/vsce" in pkg["devDependencies"]
    assert "vsce package" in pkg["scripts"]["pakke"]
    assert (VSCODE / "LICENSE").is_file() and (VSCODE / "README.md").is_file()
    # npm ci needs a lock file that matches package.json
    lock = json.loads((VSCODE / "package-lock.json").read_text("utf-8"))
    root = lock["packages"][""]
    assert root["version"] == pkg["version"]
    assert root["dependencies"] == pkg["dependencies"] and root["devDependencies"] == pkg["devDependencies"]
    # the language client's own engines requirement is met by ours
    client = lock["packages"]["node_modules/vscode-languageclient"]
    assert client["engines"]["vscode"] == pkg["engines"]["vscode"]


def test_package_json_settings_and_commands() -> None:
    pkg = _pkg()
    props = pkg["contributes"]["configuration"]["properties"]
    sti = props["regel.sti"]
    assert sti["type"] == "string" and sti["default"] == "regel"
    assert "regel lsp" in sti["markdownDescription"] and "pip install 'regel[lsp]'" in sti["markdownDescription"]
    assert props["regel.argumenter"]["default"] == [] and props["regel.argumenter"]["items"]["type"] == "string"
    # vscode-languageclient reads <client id>.trace.server; the client id is "regel" (test/aktivering.js)
    assert props["regel.trace.server"]["enum"] == ["off", "messages", "verbose"]
    commands = {c["command"]: c for c in pkg["contributes"]["commands"]}
    assert commands["regel.genstart"]["title"] == "Genstart sprogserveren"
    # a workspace must not choose which program runs before it is trusted
    restricted = pkg["capabilities"]["untrustedWorkspaces"]["restrictedConfigurations"]
    assert set(restricted) == {"regel.sti", "regel.argumenter"}


def test_package_json_declares_the_servers_settings() -> None:
    """regel.tidsgrænse, regel.hukommelse and regel.forsinkelse: the settings `regel lsp` reads
    (docs/lsp.md), with its defaults; extension.js sends them (test/aktivering.js)."""
    pytest.importorskip("pygls")
    from regel.lsp.server import SETTINGS

    props = _pkg()["contributes"]["configuration"]["properties"]
    for key, _attr, _target, default, zero_ok in SETTINGS:
        p = props[f"regel.{key}"]
        assert p["type"] == "number" and p["default"] == default, key
        assert p["minimum"] == 0 if zero_ok else p["minimum"] > 0, key
        assert "uden genstart" in p["markdownDescription"], key
    # they are not the program: a workspace may set them before it is trusted
    assert not {f"regel.{k[0]}" for k in SETTINGS} & set(_pkg()["capabilities"]["untrustedWorkspaces"]
                                                          ["restrictedConfigurations"])


def test_vscodeignore_keeps_the_tests_out_and_the_extension_in() -> None:
    ignored = (VSCODE / ".vscodeignore").read_text("utf-8").split()
    assert "test/**" in ignored and "scripts/**" in ignored
    for kept in ("extension.js", "server.js", "syntaxes/**", "node_modules/**", "language-configuration.json"):
        assert kept not in ignored


# (b) the start logic and the extension in Node, against the real `regel lsp` --------------------


def _node(args: list[str], *, path: str, cwd: Path, env: dict | None = None, timeout: float = 60):
    """Run node; returns (exit code, the JSON value on its last line of output, its stderr)."""
    full = {**os.environ, "PATH": path, **(env or {})}
    proc = subprocess.run(
        [NODE, *args], cwd=cwd, env=full, capture_output=True, text=True, encoding="utf-8", timeout=timeout
    )
    lines = proc.stdout.strip().splitlines()
    assert lines, f"node skrev intet (kode {proc.returncode}): {proc.stderr}"
    return proc.returncode, json.loads(lines[-1]), proc.stderr


def _js(code: str, tmp_path: Path, path: str):
    """The value of the JavaScript expression `code`, with server.js as `s`."""
    rc, out, err = _node(
        ["-e", f"const s = require({json.dumps(str(VSCODE / 'server.js'))}); console.log(JSON.stringify({code}))"],
        path=path,
        cwd=tmp_path,
    )
    assert rc == 0, err
    return out


def _fake_regel(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / "regel"
    exe.write_text("#!/bin/sh\nexit 0\n", "utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return exe


@needs_node
@pytest.mark.skipif(os.name == "nt", reason="prøver POSIX-stier og kørselsrettigheder")
def test_start_logic_resolves_the_program(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    exe = _fake_regel(bin_dir)
    empty = tmp_path / "tom"
    empty.mkdir()
    ws = tmp_path / "arbejde"
    venv_exe = _fake_regel(ws / ".venv" / "bin")
    (tmp_path / "ikke-kørbar").write_text("", "utf-8")

    def resolve(settings: dict, ctx: dict, path: str = str(empty)) -> dict:
        return _js(f"s.resolveServer({json.dumps(settings)}, {json.dumps(ctx)})", tmp_path, path)

    # the default finds `regel` on PATH, and the command line is exactly `regel lsp` (+ extra arguments)
    assert resolve({}, {}, str(bin_dir)) == {"ok": True, "command": str(exe), "args": ["lsp"], "tried": "regel"}
    got = resolve({"sti": "regel", "argumenter": ["--stdio"]}, {}, str(bin_dir))
    assert got["args"] == ["lsp", "--stdio"]
    # an explicit path, with ~ and ${workspaceFolder}; a relative path is taken from the workspace
    assert resolve({"sti": str(exe)}, {})["command"] == str(exe)
    assert resolve({"sti": "~/bin/regel"}, {"home": str(tmp_path)})["command"] == str(exe)
    assert resolve({"sti": "${workspaceFolder}/.venv/bin/regel"}, {"workspaceFolder": str(ws)})["command"] == str(
        venv_exe
    )
    assert resolve({"sti": ".venv/bin/regel"}, {"workspaceFolder": str(ws)})["command"] == str(venv_exe)
    # not on PATH: the workspace's .venv, but only in a trusted workspace
    assert resolve({}, {"workspaceFolder": str(ws)})["command"] == str(venv_exe)
    assert resolve({}, {"workspaceFolder": str(ws), "trusted": False})["ok"] is False
    # a file that cannot be run is not the program
    assert resolve({"sti": str(tmp_path / "ikke-kørbar")}, {})["ok"] is False


@needs_node
def test_missing_program_says_how_to_install(tmp_path: Path) -> None:
    got = _js("s.resolveServer({}, {})", tmp_path, str(tmp_path))
    assert got["ok"] is False
    msg = got["message"]
    assert "«regel» findes ikke på PATH" in msg
    assert "pip install 'regel[lsp]'" in msg and "regel.sti" in msg
    got = _js("s.resolveServer({sti: '/ingen/steder/regel'}, {})", tmp_path, str(tmp_path))
    assert "«/ingen/steder/regel» findes ikke." in got["message"] and "pip install 'regel[lsp]'" in got["message"]
    assert "pip install 'regel[lsp]'" in _js("s.startFailedMessage('regel')", tmp_path, str(tmp_path))


@needs_node
def test_handshake_with_the_real_regel_lsp(tmp_path: Path) -> None:
    """The extension's start logic finds the installed `regel` on PATH, starts `regel lsp`, and the
    server answers `initialize`, `shutdown` and `exit` over stdio. Fails (does not skip) while the
    server cannot start."""
    assert (REGEL_BIN / "regel").exists(), f"regel er ikke installeret ved {sys.executable}"
    rc, out, err = _node(
        [str(VSCODE / "scripts" / "tjek-server.js"), "--arbejdsmappe", str(ROOT), "--ventetid", "60"],
        path=os.pathsep.join([str(REGEL_BIN), os.environ.get("PATH", "")]),
        cwd=tmp_path,
        timeout=120,
    )
    assert rc == 0 and out["ok"], f"{out.get('message')}\n{out.get('stderr')}\n{err}"
    assert Path(out["command"]) == REGEL_BIN / "regel" and out["args"] == ["lsp"]
    assert "textDocumentSync" in out["capabilities"], out["capabilities"]
    assert out["exitCode"] == 0  # shut down on request, not killed


@needs_node
def test_extension_starts_restarts_and_reports(tmp_path: Path) -> None:
    """extension.js against stubs of `vscode` and `vscode-languageclient/node` (test/aktivering.js):
    one client with id regel for the regel language, started with the resolved `regel lsp`; the
    restart command replaces it; a missing program and a failed start give the Danish messages; the
    server's settings go as initializationOptions and the `regel` section is synchronised."""
    path = os.pathsep.join([str(REGEL_BIN), os.environ.get("PATH", "")])
    script = str(VSCODE / "test" / "aktivering.js")
    rc, out, err = _node([script], path=path, cwd=tmp_path, env={"REGEL_ARGUMENTER": '["--stdio"]'})
    assert rc == 0, err
    assert Path(out["command"]) == REGEL_BIN / "regel" and out["args"] == ["lsp", "--stdio"]
    rc, out, err = _node([script], path=str(tmp_path), cwd=tmp_path, env={"REGEL_FORVENT": "mangler"})
    assert rc == 0, err
    assert "pip install 'regel[lsp]'" in out["error"]


# (c) packaging --------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(NODE is None or NPM is None, reason="node/npm findes ikke på PATH; udvidelsen kan ikke pakkes")
def test_npm_ci_and_vsce_package(tmp_path: Path) -> None:
    """The documented step in a copy of editors/vscode: npm ci && npm run pakke → regel-<version>.vsix."""
    work = tmp_path / "vscode"
    shutil.copytree(VSCODE, work, ignore=shutil.ignore_patterns("node_modules", "*.vsix"))
    run = {"cwd": work, "capture_output": True, "text": True, "stdin": subprocess.DEVNULL}
    ci = subprocess.run([NPM, "ci", "--no-audit", "--no-fund"], timeout=600, **run)
    assert ci.returncode == 0, ci.stdout + ci.stderr
    pack = subprocess.run([NPM, "run", "pakke"], timeout=600, **run)
    assert pack.returncode == 0, pack.stdout + pack.stderr
    vsix = work / f"regel-{_pkg()['version']}.vsix"
    assert vsix.is_file(), sorted(p.name for p in work.iterdir())
    names = set(zipfile.ZipFile(vsix).namelist())
    for f in (
        "package.json",
        "extension.js",
        "server.js",
        "language-configuration.json",
        "syntaxes/regel.tmLanguage.json",
        "node_modules/vscode-languageclient/node.js",
        "node_modules/vscode-languageclient/lib/node/main.js",
        "node_modules/vscode-jsonrpc/node.js",
    ):
        assert f"extension/{f}" in names, f
    assert not any(n.startswith(("extension/test/", "extension/scripts/")) for n in names)
    assert not any("/node_modules/@vscode/vsce" in n for n in names)  # a dev dependency stays out
    # the packaged grammar is the one in the repository
    packed = zipfile.ZipFile(vsix).read("extension/syntaxes/regel.tmLanguage.json")
    assert packed == (VSCODE / "syntaxes" / "regel.tmLanguage.json").read_bytes()
