"""Coverage-guided fuzzing of the front end with atheris (libFuzzer).

Bytes in, through `decode` → `parse` → lowering, exactly as `regel.model.load`
does for one file (includes are not followed: no file system in the loop).
Any exception, or a diagnostic that breaks the contract (no code, an internal
E006, a span outside the text), is a crash. See fuzz/README.md.
"""

from __future__ import annotations

import re
import sys

import atheris

with atheris.instrument_imports(include=["regel", "lark"]):
    from regel import diagnostics as dg
    from regel.model.lower import Lowerer
    from regel.source import decode
    from regel.syntax import ast, parse

_CODE = re.compile(r"E\d{3}")


def check(diags: list[dg.Diagnostic], text: str) -> None:
    for d in diags:
        if not _CODE.fullmatch(d.code) or d.code == "E006" or not d.message.strip():
            raise AssertionError(f"bad diagnostic: {d}")
        if d.span is not None and not (0 <= d.span.start <= d.span.end <= len(d.span.file.text)):
            raise AssertionError(f"span outside the file: {d.code} {d.span.start}..{d.span.end} of {len(text)}")
        if d.span is not None:
            d.span.line, d.span.column  # noqa: B018 - must not raise


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris expects
    src, _problem = decode("fuzz.regel", data)
    program, diags = parse(src)
    check(diags, src.text)
    if program is None or dg.has_errors(diags):
        return
    statements = [s for s in program.statements
                  if not isinstance(s, (ast.IncludeDecl, ast.UseDecl, ast.ModuleDecl))]
    lowerer = Lowerer("fuzz", "fuzz.regel", statements)
    module = lowerer.run()
    check(lowerer.diags, src.text)
    if module is None and not dg.has_errors(lowerer.diags):
        raise AssertionError("no module and no error")


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
