"""Python literals, comments and docstrings for generated code.

This is the injection boundary: every string an editor wrote (titles,
citations, enum values, messages, column names, file names) reaches generated
code only through `Str` (a `repr()` literal), `comment()` (control and format
characters removed, one physical line per `#`) or `docstring()` (quotes and
backslashes escaped). Nothing is ever interpolated raw.

A small pretty printer keeps every generated line within the project's line
length (ruff E501), breaking calls, tuples and dicts over lines and splitting
long strings into implicitly concatenated pieces.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

WIDTH = 120
# Characters that could end a comment, hide text (bidi overrides) or confuse a reader.
_UNSAFE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def text_width(s: str) -> int:
    """Display width, counting every non-ASCII character as two columns: an upper
    bound of what linters measure, so the line-length limit always holds."""
    return sum(1 if ord(c) < 128 else 2 for c in s)


# ---- document nodes --------------------------------------------------------------------


@dataclass(frozen=True)
class Atom:
    """Code that cannot be broken (a name, a number, a short expression)."""

    text: str

    @property
    def flat(self) -> str:
        return self.text


@dataclass(frozen=True)
class Str:
    """A string literal; long ones are split into parenthesised pieces."""

    value: str

    @property
    def flat(self) -> str:
        return repr(self.value)


@dataclass(frozen=True)
class Pair:
    """`key: value` in a dict, or `key=value` in a call."""

    key: Node
    value: Node
    sep: str = ": "

    @property
    def flat(self) -> str:
        return self.key.flat + self.sep + self.value.flat


@dataclass(frozen=True)
class Group:
    """A bracketed, comma-separated sequence: a call, tuple, list or dict."""

    open: str
    items: tuple[Node, ...]
    close: str
    one_tuple: bool = False  # a 1-tuple needs its trailing comma even when flat

    @property
    def flat(self) -> str:
        inner = ", ".join(i.flat for i in self.items)
        if self.one_tuple and len(self.items) == 1:
            inner += ","
        return self.open + inner + self.close


@dataclass(frozen=True)
class Ops:
    """Operands joined by a boolean operator, parenthesised when broken."""

    op: str
    items: tuple[Node, ...]
    paren: bool = False  # parenthesise even when flat (an `or` inside an `and`)

    @property
    def flat(self) -> str:
        text = f" {self.op} ".join(i.flat for i in self.items)
        return f"({text})" if self.paren else text


Node = Atom | Str | Pair | Group | Ops


def call(func: str, *args: Node, **kwargs: Node) -> Group:
    items: list[Node] = list(args)
    items += [Pair(Atom(k), v, "=") for k, v in kwargs.items()]
    return Group(func + "(", tuple(items), ")")


def render(node: Node, indent: int = 0, col: int | None = None, tail: int = 0) -> str:
    """The node as code starting at column `col` (default: `indent`), with `tail`
    characters following it on its last line; continuation lines indent from `indent`."""
    col = indent if col is None else col
    flat = node.flat
    if col + text_width(flat) + tail <= WIDTH:
        return flat
    if isinstance(node, Atom):
        return flat
    if isinstance(node, Str):
        return _split_string(node.value, indent)
    if isinstance(node, Pair):
        key = render(node.key, indent, col, len(node.sep) + 1) + node.sep  # +1: room for "(" below
        at = col + text_width(key) if "\n" not in key else text_width(key.splitlines()[-1])
        value = node.value
        if isinstance(value, Atom) and at + text_width(value.flat) + tail > WIDTH:
            # An unbreakable value moves to its own line inside parentheses.
            return key + "(\n" + " " * (indent + 4) + value.flat + "\n" + " " * indent + ")"
        return key + render(value, indent, at, tail)
    inner = indent + 4
    if isinstance(node, Ops):
        lines = ["("]
        for i, item in enumerate(node.items):
            prefix = "" if i == 0 else node.op + " "
            lines.append(" " * inner + prefix + render(item, inner, inner + len(prefix)))
        lines.append(" " * indent + ")")
        return "\n".join(lines)
    lines = [node.open]
    for item in node.items:
        lines.append(" " * inner + render(item, inner, inner, 1) + ",")
    lines.append(" " * indent + node.close)
    return "\n".join(lines)


def _split_string(value: str, indent: int) -> str:
    inner = indent + 4
    room = max(WIDTH - inner - 1, 20)
    pieces: list[str] = []
    current = ""
    for ch in value:
        candidate = current + ch
        if current and text_width(repr(candidate)) > room:
            pieces.append(current)
            current = ch
        else:
            current = candidate
    pieces.append(current)
    body = "\n".join(" " * inner + repr(p) for p in pieces)
    return "(\n" + body + "\n" + " " * indent + ")"


# ---- values ----------------------------------------------------------------------------


def lit(value: object) -> Node:
    """A Python value as a literal node (only types the generated module uses)."""
    if value is None or isinstance(value, (bool, int)):
        return Atom(repr(value))
    if isinstance(value, str):
        return Str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"non-finite Decimal {value!r} cannot be a rule value")
        return Atom(f"Decimal({str(value)!r})")
    if isinstance(value, date):
        return Atom(f"date({value.year}, {value.month}, {value.day})")
    if isinstance(value, tuple):
        return Group("(", tuple(lit(v) for v in value), ")", one_tuple=True)
    if isinstance(value, list):
        return Group("[", tuple(lit(v) for v in value), "]")
    if isinstance(value, dict):
        return Group("{", tuple(Pair(lit(k), lit(v)) for k, v in value.items()), "}")
    if isinstance(value, (Atom, Str, Pair, Group, Ops)):
        return value
    raise TypeError(f"no literal for {type(value).__name__}")


def pyrepr(value: object, indent: int = 0, col: int | None = None) -> str:
    """Jinja filter: a value as a (possibly multi-line) Python literal."""
    return render(lit(value), indent, col)


# ---- comments and docstrings -----------------------------------------------------------


def clean(text: object) -> str:
    """Editor text made safe for a comment or docstring line: line breaks become
    spaces and every control, format or unassigned character is removed."""
    out = []
    for ch in str(text):
        cat = unicodedata.category(ch)
        if ch in "\t\n\r\v\f" or cat in ("Zl", "Zp"):
            out.append(" ")
        elif cat not in _UNSAFE_CATEGORIES:
            out.append(ch)
    return " ".join("".join(out).split())


def comment(text: object, indent: int = 0) -> str:
    """Jinja filter: `# text`, wrapped over several `#` lines when long."""
    body = clean(text)
    if not body:
        return "#"
    room = max(WIDTH - indent - 2, 20)
    lines = _wrap(body, room)
    return ("\n" + " " * indent).join("# " + line for line in lines)


def _wrap(body: str, room: int) -> list[str]:
    """Greedy word wrap measured in display width; overlong words are cut."""
    lines: list[str] = []
    current = ""
    for word in body.split(" "):
        while text_width(word) > room:
            cut = len(word)
            while text_width(word[:cut]) > room:
                cut -= 1
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}" if current else word
        if text_width(candidate) > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return [line for line in lines if line] or [""]


def docstring(text: object, indent: int = 4) -> str:
    """Jinja filter: a triple-quoted docstring. Paragraphs are separated by blank
    lines in `text`; quotes and backslashes are escaped so nothing can close it."""
    room = max(WIDTH - indent - 3, 20)
    paragraphs = [clean(p) for p in str(text).split("\n\n")]
    lines: list[str] = []
    for p in paragraphs:
        if lines:
            lines.append("")
        lines += _wrap(p, room)
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    pad = " " * indent
    if len(escaped) == 1 and text_width(escaped[0]) + indent + 6 <= WIDTH:
        return f'"""{escaped[0]}"""'
    body = "\n".join((pad + line) if line else "" for line in escaped)
    return '"""' + body.lstrip() + "\n" + pad + '"""'
