"""What a letter text's placeholders are, once: `{navn}` names a value, `{{` and `}}` are the
braces themselves, and a lone brace is an error. The checker (checks/letters.py) reports
names and lone braces; `regel brev` (letter/compose.py) fills the names in."""

from __future__ import annotations

import re

# `{{`, `}}`, `{navn}` (group 1), or a lone brace (no group).
PART = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def placeholders(text: str) -> list[str | None]:
    """The names in `{…}`, in order; None for a lone brace or an empty `{}`."""
    out: list[str | None] = []
    for m in PART.finditer(text):
        if m.group(0) in ("{{", "}}"):
            continue
        name = m.group(1)
        out.append(name.strip() if name and name.strip() else None)
    return out


def fill_text(text: str, values: dict[str, str]) -> str:
    """The text with each `{navn}` replaced by its value and `{{`/`}}` by a brace
    (every name must be in `values`)."""
    return PART.sub(lambda m: values[m.group(1).strip()] if m.group(1) is not None else m.group(0)[0], text)


# A short name in a citation: two or more capitals standing alone (`LAS`, `BUL`, `PL`).
ABBREVIATION = re.compile(r"(?<!\w)[A-ZÆØÅ]{2,}(?!\w)")


def abbreviations_in(text: str) -> list[str]:
    """The short names a citation uses, in order, once each."""
    return list(dict.fromkeys(ABBREVIATION.findall(text)))
