"""The VS Code extension: valid JSON, and the TextMate keyword patterns cover the grammar."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VSCODE = ROOT / "editors" / "vscode"
KEYWORD_SCOPES = ("keyword.", "storage.type", "constant.language")


def _load(name: str) -> dict:
    return json.loads((VSCODE / name).read_text("utf-8"))


def _grammar_keywords() -> set[str]:
    text = (ROOT / "grammar" / "regel.lark").read_text("utf-8")
    return set(re.findall(r'"([^\W\d]\w*)"', text)) | {"ja/nej"}


def _keyword_words(rule: dict, text: str) -> set[str]:
    """Words of `text` that `rule` gives a keyword scope (whole match or captures)."""
    found: set[str] = set()
    for m in re.finditer(rule["match"], text):
        if rule.get("name", "").startswith(KEYWORD_SCOPES):
            found |= set(m.group().split())
        for group, cap in rule.get("captures", {}).items():
            if cap["name"].startswith(KEYWORD_SCOPES) and m.group(int(group)):
                found |= set(m.group(int(group)).split())
    return found


def test_package_json_contributes_the_language() -> None:
    pkg = _load("package.json")
    lang = pkg["contributes"]["languages"][0]
    assert lang["id"] == "regel" and ".regel" in lang["extensions"]
    assert (VSCODE / lang["configuration"]).is_file()
    gram = pkg["contributes"]["grammars"][0]
    assert gram["language"] == "regel" and gram["scopeName"] == "source.regel"
    assert (VSCODE / gram["path"]).is_file()


def test_language_configuration() -> None:
    conf = _load("language-configuration.json")
    assert conf["comments"]["lineComment"] == "#"
    assert ["(", ")"] in conf["brackets"]


def test_grammar_is_valid_and_includes_resolve() -> None:
    gram = _load("syntaxes/regel.tmLanguage.json")
    assert gram["scopeName"] == "source.regel"
    repo = gram["repository"]
    for inc in gram["patterns"]:
        assert inc["include"].lstrip("#") in repo
    for entry in repo.values():
        for rule in entry["patterns"]:
            for key in ("match", "begin", "end"):
                if key in rule:
                    re.compile(rule[key])  # the patterns stay within what Python and Oniguruma share


def test_keyword_patterns_cover_every_grammar_keyword() -> None:
    gram = _load("syntaxes/regel.tmLanguage.json")
    rules = [r for entry in gram["repository"].values() for r in entry["patterns"] if "match" in r]
    contexts = ["{kw}", "politik samling {kw}", "afrunding {kw}", "afrunding nedad hele kroner", "12 {kw}",
                "afrunding opad hele kroner", "afrunding til nærmeste 100 kr"]
    missing = []
    for kw in sorted(_grammar_keywords() | {"kr"}):
        words: set[str] = set()
        for ctx in contexts:
            for rule in rules:
                words |= _keyword_words(rule, ctx.format(kw=kw))
        if kw not in words:
            missing.append(kw)
    assert not missing


def test_keyword_patterns_do_not_fire_inside_names() -> None:
    gram = _load("syntaxes/regel.tmLanguage.json")
    rules = gram["repository"]["keywords"]["patterns"]
    for name in ("fradrag", "tabeller", "dato_slut", "ikke_forsørger", "jaguar", "felter"):
        assert not any(re.search(r["match"], name) for r in rules), name
