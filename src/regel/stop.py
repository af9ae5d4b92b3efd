"""Whether a signal asked the current batch run to stop, for code below the command line.

batch.run_batch records the KeyboardInterrupt or TerminatedError that Ctrl-C or SIGTERM raised.
An engine asks before it treats a failure as its own: DuckDB reports an interrupted query as an
error of its own, and wraps an exception raised in the Python that feeds it — a stop is never
answered by falling back to another way of deciding, nor reported as an unreadable file.
"""

from __future__ import annotations

_STOP: list[BaseException] = []


def stop_requested() -> BaseException | None:
    """The interruption a signal raised during this run, if one did."""
    return _STOP[0] if _STOP else None


def raise_if_stopped() -> None:
    """Raise the interruption a signal asked for, if one did: an engine's error that is really
    Ctrl-C or SIGTERM (DuckDB's «Query interrupted») stops the run, never falls back."""
    stopped = stop_requested()
    if stopped is not None:
        raise stopped from None


def record_stop(exc: BaseException) -> None:
    if not _STOP:
        _STOP.append(exc)


def clear_stop() -> None:
    _STOP.clear()
