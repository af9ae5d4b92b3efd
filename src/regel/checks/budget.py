"""One time and memory budget for a whole check run.

The CLI makes one Budget and passes it to every table and version, so
`--tidsgrænse` bounds the run, not each table. Every loop that can grow with
the table calls `tick()`; the clock (and the process size) is looked at every
CLOCK_EVERY ticks, which keeps the cost of a tick to an integer add.

Memory is bounded by counting, not by polling: the analyses `charge()` an
estimate of the bytes they keep (partition nodes and memo entries, gap boxes,
region bookkeeping, overlap bitmasks), so a table stops at the same point on
every machine. As a backstop the process size (RSS) is compared with the same
budget at the clock checks, counted from when the budget was made.
"""

from __future__ import annotations

import math
import os
import time

# How many ticks between two looks at the clock and the process size.
CLOCK_EVERY = 256
# Defaults of the CLI (regel check and regel compile).
DEFAULT_TIME_LIMIT = 60.0
DEFAULT_MEMORY_MB = 2048
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class AnalysisTimeoutError(Exception):
    """The budget (time or memory) ran out during an analysis; its partial
    result is unsound. The name is kept from when only time was bounded."""


def rss_bytes() -> int:
    """The resident size of this process, or 0 where /proc is missing."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


class Budget:
    """A deadline (seconds from now) and a memory budget (MB, 10^6 bytes).

    `exceeded` says which ran out ("tid" or "hukommelse") once one has; the
    time budget stays spent for the rest of the run. The memory count is per
    analysis (`start()` resets it): a table that is too big for the budget
    does not stop the tables after it."""

    def __init__(self, time_limit: float | None = None, memory_mb: float | None = None) -> None:
        for v in (time_limit, memory_mb):
            if v is not None and math.isnan(v):
                raise ValueError("a budget cannot be NaN")
        self.time_limit = time_limit
        self.memory_mb = memory_mb
        self.deadline = None if time_limit is None else time.monotonic() + time_limit
        self.max_bytes = None if memory_mb is None else int(memory_mb * 1_000_000)
        self.used = 0
        self.exceeded: str | None = None
        self._ticks = 0
        self._rss_base = rss_bytes() if self.max_bytes is not None else 0

    @classmethod
    def until(cls, deadline: float | None) -> Budget:
        """A budget with only a deadline on time.monotonic() (the old API)."""
        b = cls()
        b.deadline = deadline
        return b

    @classmethod
    def of(cls, budget: Budget | float | None) -> Budget:
        return budget if isinstance(budget, Budget) else cls.until(budget)

    def start(self) -> None:
        """A new analysis begins: its memory count starts from zero. A spent
        time budget stops it at once."""
        self.used = 0
        if self.exceeded == "hukommelse":
            self.exceeded = None
        self.check()

    def expired(self) -> bool:
        """Has the time run out? (Never raises.)"""
        if self.exceeded == "tid":
            return True
        if self.deadline is not None and time.monotonic() >= self.deadline:
            self.exceeded = "tid"
            return True
        return False

    def check(self) -> None:
        """Raise AnalysisTimeoutError if the time or the memory has run out."""
        if self.expired():
            raise AnalysisTimeoutError
        if self.max_bytes is not None and (
                self.used > self.max_bytes or rss_bytes() - self._rss_base > self.max_bytes):
            self.exceeded = "hukommelse"
            raise AnalysisTimeoutError

    def tick(self, n: int = 1) -> None:
        self._ticks += n
        if self._ticks >= CLOCK_EVERY:
            self._ticks = 0
            self.check()

    def charge(self, nbytes: int) -> None:
        """Count memory the analysis keeps; stop when it passes the budget."""
        self.used += nbytes
        if self.max_bytes is not None and self.used > self.max_bytes:
            self.exceeded = "hukommelse"
            raise AnalysisTimeoutError


def _positive(text: str, what: str) -> float:
    import argparse

    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"skal være et endeligt tal større end 0 ({what}), ikke «{text}»")
    return value


def seconds_arg(text: str) -> float:
    """argparse type of --tidsgrænse: 0, negative, nan and inf are usage errors
    (0 would analyse nothing and nan would mean no limit, both silently)."""
    return _positive(text, "sekunder")


def megabytes_arg(text: str) -> float:
    """argparse type of --hukommelse (MB)."""
    return _positive(text, "MB")


def add_budget_options(sp) -> None:
    """--tidsgrænse and --hukommelse, as `regel check` and `regel compile` take them."""
    sp.add_argument("--tidsgrænse", dest="tidsgraense", type=seconds_arg, default=DEFAULT_TIME_LIMIT,
                    metavar="SEK", help=f"tid til hele tjekket i sekunder (standard {DEFAULT_TIME_LIMIT:g}); "
                    "en afbrudt analyse giver W207 og afslutningskode 1")
    sp.add_argument("--hukommelse", type=megabytes_arg, default=DEFAULT_MEMORY_MB, metavar="MB",
                    help=f"hukommelse til analysen af én tabel i MB (standard {DEFAULT_MEMORY_MB}); "
                    "overskredet giver W207")
