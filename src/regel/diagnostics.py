"""One Diagnostic type for every stage; rendering is the CLI's job."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .source import Span


class Severity(StrEnum):
    ERROR = "fejl"
    WARNING = "advarsel"
    NOTE = "note"


@dataclass(frozen=True)
class Label:
    """A secondary span with its own short message (e.g. the other rule of an overlap)."""

    span: Span
    message: str


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    code: str
    message: str
    span: Span | None
    hint: str | None = None
    labels: tuple[Label, ...] = ()
    # Structured facts (counter-example, rule ids) for --json and tests.
    data: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple:
        """By place and code; findings at the same place keep the order the checker gave
        them (sorts are stable), which is the columns' order, not their messages'."""
        if self.span is None:
            return ("", 0, self.code)
        return (self.span.path, self.span.start, self.code)


def error(code: str, message: str, span: Span | None, hint: str | None = None, **kw) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, span, hint, **kw)


def warning(code: str, message: str, span: Span | None, hint: str | None = None, **kw) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, message, span, hint, **kw)


def has_errors(diags: list[Diagnostic]) -> bool:
    return any(d.is_error for d in diags)
