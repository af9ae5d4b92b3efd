"""Quick fixes from the checker's own findings.

* E201 (a gap): insert a row with the condition cells the checker gives for the
  gap (`data["række"]`, a box of the counter-example region) and `afvis "…"` as
  the result, for the editor to replace with what the law says;
* W204 (a dead rule): remove the row;
* «Mente du «x»?» in a finding's hint: replace the word with x.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from .. import diagnostics as dg
from ..source import SourceFile
from ..syntax import ast

Edit = tuple[int, int, str]  # start, end (offsets in the file), new text

_MEANT = re.compile(r"Mente du «(?P<new>[^»]+)»(?: i stedet for «(?P<old>[^»]+)»)?")
_QUOTED = re.compile(r"«([^»]+)»")
PLACEHOLDER = 'afvis "…"'


@dataclass(frozen=True)
class Action:
    title: str
    edits: tuple[Edit, ...]
    diagnostic: dg.Diagnostic
    preferred: bool = False


def actions(diags: list[dg.Diagnostic], program: ast.Program | None, src: SourceFile) -> list[Action]:
    """The quick fixes for the findings, each edit giving the layout of `regel fmt` (see
    `formatted`)."""
    return [formatted(a, src.text) for a in _actions(diags, program, src)]


def _apply(text: str, edits: tuple[Edit, ...]) -> str:
    for s, e, new in sorted(edits, reverse=True):
        text = text[:s] + new + text[e:]
    return text


def _statement_lines(lines: list[str], line: int) -> tuple[int, int]:
    """The lines [first, last) of the statement that holds `line`: from the nearest line at or
    above it that begins in the first column (not a comment) to its last non-blank line."""
    def starts(ln: str) -> bool:
        return bool(ln[:1]) and not ln[:1].isspace() and not ln.startswith("#")

    line = max(0, min(line, len(lines) - 1))
    first = line
    while first > 0 and not starts(lines[first]):
        first -= 1
    last = line + 1
    while last < len(lines) and not starts(lines[last]):
        last += 1
    while last > line + 1 and not lines[last - 1].strip():
        last -= 1
    return first, last


def formatted(a: Action, text: str) -> Action:
    """The action with edits that leave its statement as `regel fmt` writes it: the text with
    the fix is formatted (the formatter's own code), and only the changed lines of the statement
    the fix is in are replaced — the rest of the file stays as the user has it. Where the fixed
    text cannot be formatted (another syntax error, CRLF line ends), the plain edits."""
    if "\r" in text or not a.edits:
        return a
    from ..fmt import FormatFejl, format_source

    try:
        new = format_source(_apply(text, a.edits))
    except FormatFejl:
        return a
    old_lines = text.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    at = min(s for s, _e, _n in a.edits)
    first, last = _statement_lines(old_lines, text.count("\n", 0, at))
    starts = [0]
    for ln in old_lines:
        starts.append(starts[-1] + len(ln))
    edits: list[Edit] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        inside = first <= i1 <= last if op == "insert" else i1 < last and i2 > first
        if op == "equal" or not inside:
            continue
        edits.append((starts[i1], starts[i2], "".join(new_lines[j1:j2])))
    if not edits:
        return a
    return replace(a, edits=tuple(edits))


def _actions(diags: list[dg.Diagnostic], program: ast.Program | None, src: SourceFile) -> list[Action]:
    out: list[Action] = []
    for d in diags:
        if d.span is None:
            continue
        if d.code == "E201" and program is not None:
            a = _gap_row(d, program, src)
        elif d.code == "W204" and program is not None:
            a = _remove_row(d, program, src)
        else:
            a = None
        if a is not None:
            out.append(a)
        if d.hint and (m := _MEANT.search(d.hint)):
            a = _replace_word(d, m, src)
            if a is not None:
                out.append(a)
    return out


def _line_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1


def _next_line(text: str, pos: int) -> int:
    """The start of the line after the one holding `pos` (or the end of the text)."""
    for i in range(pos, len(text)):
        if text[i] == "\n":
            return i + 1
        if text[i] == "\r":
            return i + 2 if text[i + 1:i + 2] == "\n" else i + 1
    return len(text)


def _version_at(program: ast.Program, offset: int) -> ast.Version | None:
    for st in program.statements:
        if isinstance(st, ast.TableDecl) and st.span.start <= offset <= st.span.end:
            inside = [v for v in st.versions if v.span.start <= offset <= v.span.end]
            if inside:
                return inside[-1]
            return st.versions[0] if len(st.versions) == 1 else None
    return None


def _gap_row(d: dg.Diagnostic, program: ast.Program, src: SourceFile) -> Action | None:
    cells = d.data.get("række")
    version = _version_at(program, d.span.start)  # type: ignore[union-attr]
    if cells is None or version is None:
        return None
    grid = version.grid
    last = grid.rows[-1].span if grid.rows else grid.span
    text = src.text
    start = _line_start(text, last.start)
    indent = text[start:last.start]
    ids = {c.conditions[0].value.span.text for r in grid.rows for h, c in zip(grid.inputs, r.inputs, strict=False)
           if h.name == "id" and isinstance(c, ast.CondCell) and c.conditions}
    new_id = next(f"ny{i or ''}" for i in range(len(ids) + 1) if f"ny{i or ''}" not in ids)
    conds = [new_id if h.name == "id" else cells.get(h.name, "-") for h in grid.inputs]
    results = [PLACEHOLDER] + ["-" for h in grid.outputs[1:] if h.name == "hjemmel"]
    row = f"{indent}| {' | '.join(conds)} || {' | '.join(results)} |" if conds else \
        f"{indent}|| {' | '.join(results)} |"
    end_of_last = last.start + len(last.text.rstrip())
    at = _next_line(text, end_of_last)
    newline = "" if at > 0 and text[at - 1] in "\r\n" else "\n"
    where = ", ".join(f"{k} {v}" if v[:1] in "<>" else f"{k} i {v}" if v[:1] in "[]" else f"{k} = {v}"
                      for k, v in cells.items() if v != "-") or "alle tilfælde"
    return Action(f"Indsæt en række for hullet ({where}) med {PLACEHOLDER}", ((at, at, f"{newline}{row}\n"),), d,
                  preferred=True)


def _remove_row(d: dg.Diagnostic, program: ast.Program, src: SourceFile) -> Action | None:
    version = _version_at(program, d.span.start)  # type: ignore[union-attr]
    if version is None:
        return None
    at = d.span.start  # type: ignore[union-attr]
    row = next((r for r in version.grid.rows if r.span.start <= at < r.span.start + len(r.span.text.rstrip())), None)
    if row is None:
        return None
    text = src.text
    start = _line_start(text, row.span.start)
    end = _next_line(text, row.span.start + len(row.span.text.rstrip()))
    rid = d.data.get("regel")
    return Action(f"Fjern den døde regel{f' {rid}' if rid else ''}", ((start, end, ""),), d)


def _replace_word(d: dg.Diagnostic, m: re.Match, src: SourceFile) -> Action | None:
    new, old = m.group("new"), m.group("old")
    span = d.span
    assert span is not None
    text = src.text
    if old:  # «Mente du «heltal» i stedet for «heltall»?»: the word stands before the finding
        line = _line_start(text, span.start)
        hits = list(re.finditer(rf"(?<!\w){re.escape(old)}(?!\w)", text[line:span.start]))
        if not hits:
            return None
        s, e = line + hits[-1].start(), line + hits[-1].end()
    else:
        written = span.text.strip()
        if re.fullmatch(r"[^\W\d]\w*", written):
            s = span.start + span.text.index(written)
            e = s + len(written)
        else:
            cands = [w for w in _QUOTED.findall(d.message) if w != new]
            hit = next((mm for w in cands for mm in [re.search(rf"(?<!\w){re.escape(w)}(?!\w)", span.text)] if mm),
                       None)
            if hit is None:
                return None
            s, e = span.start + hit.start(), span.start + hit.end()
    return Action(f"Ret «{text[s:e]}» til «{new}»", ((s, e, new),), d, preferred=True)
