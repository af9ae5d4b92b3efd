"""`regel test`: run the `eksempel` blocks against the generated code."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass
from decimal import Decimal

from .codegen import generate, module_filename
from .model.ir import Example, Module
from .model.types import format_value


@dataclass(frozen=True)
class ExampleResult:
    example: Example
    passed: bool
    message: str
    fired: tuple[str, ...] = ()


def import_generated(name: str, source: str) -> types.ModuleType:
    """Execute generated source as a module (registered while executing, as
    dataclasses and typing look modules up by name)."""
    mod = types.ModuleType(name)
    mod.__file__ = f"<regel:{name}>"
    previous = sys.modules.get(name)
    sys.modules[name] = mod
    try:
        exec(compile(source, mod.__file__, "exec"), mod.__dict__)
    finally:
        if previous is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = previous
    return mod


def _same(actual: object, expected: object) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected
    if isinstance(expected, (int, Decimal)) and isinstance(actual, (int, Decimal)):
        return Decimal(actual) == Decimal(expected)
    return actual == expected


def run_examples(module: Module, generated: types.ModuleType) -> list[ExampleResult]:
    out = []
    error_type = generated.RegelFejl
    for ex in module.examples:
        case = dict(ex.given)
        try:
            result = generated.evaluate(case, ex.decision)
        except error_type as err:
            if ex.expect_error:
                text = ex.error_text
                if text is None or text.casefold() in str(err).casefold():
                    out.append(ExampleResult(ex, True, f"afvist som forventet: {err}"))
                else:
                    out.append(ExampleResult(ex, False, f"afvist, men beskeden nævner ikke «{text}»: {err}"))
            else:
                out.append(ExampleResult(ex, False, f"afvist: {err}"))
            continue
        fired = tuple(result.get("regler", ()))
        if ex.expect_error:
            shown = ", ".join(f"{n} = {result[n]}" for n, _ in module.decisions[ex.decision].items)
            out.append(ExampleResult(ex, False, f"forventede en afvisning, men fik: {shown}", fired))
            continue
        wrong = []
        for name, value, t in ex.expected:
            actual = result.get(name)
            if not _same(actual, value):
                wrong.append(f"{name}: forventet {format_value(t, value)}, fik {format_value(t, actual)}")
        if wrong:
            out.append(ExampleResult(ex, False, "; ".join(wrong), fired))
        else:
            out.append(ExampleResult(ex, True, "ok", fired))
    return out


def run_module_examples(module: Module) -> list[ExampleResult]:
    name = "regel_test_" + module_filename(module)[:-3]
    return run_examples(module, import_generated(name, generate(module)))
