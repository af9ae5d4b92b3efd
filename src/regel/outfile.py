"""Where a batch run's results go, and the signals around writing them.

`_Output` writes to standard output or to a temporary file beside the target that replaces
it only on commit (fsynced, renamed, the old file's mode kept); `_output_target` checks the
target before anything is opened (not the input itself, not a device or a stream name);
SIGINT/SIGTERM are held back, ignored or turned into exceptions around the steps that must
not be cut in two. Used by batch.py and diffcmd.py.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from .oserrors import os_problem
from .stop import clear_stop, record_stop


class BatchUsageError(Exception):
    """The run cannot start or cannot finish writing (Danish message): exit 2."""


class TerminatedError(BaseException):
    """Raised by the SIGTERM handler, so a terminated run cleans up like Ctrl-C.
    A BaseException, like KeyboardInterrupt: no `except Exception` may swallow it."""


class _WriteError(Exception):
    def __init__(self, err: OSError) -> None:
        super().__init__(err)
        self.err = err


class _Output:
    """Where results go: standard output, or a temporary file beside the target that
    replaces it only on commit()."""

    def __init__(self, target: Path | None, external: bool = False) -> None:
        self.target = target
        self.tmp: Path | None = None
        self.committed = False
        self.existed = False  # whether there was a result file before this run
        self._fh = None
        # external: the temporary file is written by name by another writer (Parquet: pyarrow
        # or DuckDB's COPY, which may replace the file), so commit() fsyncs and sets its mode by name
        self.external = external
        self.mode = 0o600
        if target is None:
            return
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)  # a replaced file keeps its mode
            self.existed = True
        except FileNotFoundError:
            mask = os.umask(0)  # read the umask (the only way): a new file gets the usual mode
            os.umask(mask)
            mode = 0o666 & ~mask
        with _signals_blocked():  # a Ctrl-C between mkstemp and self.tmp would leak the file
            fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            self.tmp = Path(name)
        self.mode = mode
        if external:  # written by name by the other writer: commit() sets the mode (a 0444 file could
            os.close(fd)  # not be opened for writing again)
            return
        try:
            os.fchmod(fd, mode)  # mkstemp makes 0600
        except OSError:
            pass
        # backslashreplace: a text that cannot be UTF-8 must not stop the run halfway.
        self._fh = os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="")

    def write(self, text: str) -> None:
        try:
            if self._fh is not None:
                self._fh.write(text)
                return
            out = getattr(sys.stdout, "buffer", None)
            if out is not None:
                sys.stdout.flush()
                out.write(text.encode("utf-8", "backslashreplace"))
            else:
                sys.stdout.write(text)
        except OSError as err:
            raise _WriteError(err) from None

    def write_bytes(self, data: bytes) -> None:
        try:
            if self._fh is not None:
                self._fh.flush()
                self._fh.buffer.write(data)
                return
            out = getattr(sys.stdout, "buffer", None)
            sys.stdout.flush()
            if out is not None:
                out.write(data)
            else:
                sys.stdout.write(data.decode("utf-8"))
        except OSError as err:
            raise _WriteError(err) from None

    def commit(self) -> None:
        try:
            if self.external and self.tmp is not None:
                os.chmod(self.tmp, self.mode)
                fd = os.open(self.tmp, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
                with _signals_blocked():
                    os.replace(self.tmp, self.target)
                    self.committed = True
                self._sync_dir()
                return
            if self._fh is None:
                sys.stdout.flush()
                return
            self._fh.flush()
            os.fsync(self._fh.fileno())
            with _signals_blocked():  # rename and record it as one step
                self._fh.close()
                os.replace(self.tmp, self.target)
                self.committed = True
        except OSError as err:
            raise _WriteError(err) from None
        self._sync_dir()

    def _sync_dir(self) -> None:
        with contextlib.suppress(OSError):  # make the rename itself durable
            dfd = os.open(self.target.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)

    def discard(self) -> None:
        with _signals_blocked():
            if self._fh is not None:
                with contextlib.suppress(OSError):
                    self._fh.close()
            if self.tmp is not None and not self.committed:
                with contextlib.suppress(OSError):
                    self.tmp.unlink()


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """Hold SIGINT/SIGTERM back for a few lines that must not be cut in two."""
    sigs = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    except (AttributeError, OSError, ValueError):
        old = None
    try:
        yield
    finally:
        if old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextlib.contextmanager
def _signals_ignored() -> Iterator[None]:
    """Ignore SIGINT/SIGTERM for the duration (main thread only), then restore them."""
    saved = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            saved.append((sig, signal.signal(sig, signal.SIG_IGN)))
        except ValueError:  # not the main thread
            pass
    try:
        yield
    finally:
        for sig, handler in saved:
            if handler is not None:  # None: a handler not set from Python, which cannot be put back
                signal.signal(sig, handler)


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """SIGTERM raises TerminatedError, and Ctrl-C KeyboardInterrupt as always, for the duration
    (unless a signal is ignored or handled by someone else); both are remembered (stop_requested)."""

    def stop(exc: BaseException):
        def handler(_signum: int, _frame: FrameType | None) -> None:
            record_stop(exc)
            raise exc
        return handler

    clear_stop()
    saved = []
    for sig, usual, exc in ((signal.SIGTERM, signal.SIG_DFL, TerminatedError()),
                            (signal.SIGINT, signal.default_int_handler, KeyboardInterrupt())):
        try:
            previous = signal.getsignal(sig)
            if previous is usual:
                signal.signal(sig, stop(exc))
                saved.append((sig, previous))
        except ValueError:  # not the main thread: leave signals alone
            pass
    try:
        yield
    finally:
        for sig, previous in saved:
            signal.signal(sig, previous)


def _output_target(input_spec: str, out_spec: str | None) -> Path | None:
    """The file to replace (symlinks followed), checked before anything is opened."""
    if not out_spec or out_spec == "-":
        return None
    try:
        # The name as given, links followed by the kernel: /dev/stdout is the pipe or terminal
        # it stands for (its realpath, /proc/self/fd/pipe:[…], names nothing that exists).
        st_out: os.stat_result | None = os.stat(out_spec)
    except FileNotFoundError:
        st_out = None
    except (OSError, ValueError) as err:  # ValueError: a NUL byte in the name
        raise BatchUsageError(f"Kan ikke bruge {out_spec!r} som resultatfil: {os_problem(err)}.") from None
    target = Path(os.path.realpath(out_spec))
    # /dev/full, a FIFO: a rename would replace the device itself. /dev/stdout (or
    # /proc/self/fd/1) is a stream even when it ends in a file: renaming over that file
    # would leave the shell's redirection writing into an unlinked one.
    stream = _is_stream_name(out_spec) or _is_stream_name(str(target))
    if stream or (st_out is not None and not stat.S_ISREG(st_out.st_mode) and not stat.S_ISDIR(st_out.st_mode)):
        raise BatchUsageError(f"{out_spec} er ikke en almindelig fil; resultaterne skrives til en fil "
                              "(eller «--out -» for standard output).")
    if st_out is None:
        if not target.parent.is_dir():
            raise BatchUsageError(f"Mappen {target.parent} findes ikke, så {out_spec} kan ikke skrives.")
        return target
    if stat.S_ISDIR(st_out.st_mode):
        raise BatchUsageError(f"{out_spec} er en mappe; angiv en fil til resultaterne (.jsonl, .csv eller .parquet).")
    if input_spec != "-":
        with contextlib.suppress(OSError, ValueError):  # an unreadable input is reported when it is opened
            st_in = os.stat(input_spec)
            if (st_in.st_dev, st_in.st_ino) == (st_out.st_dev, st_out.st_ino):
                raise BatchUsageError(f"--out {out_spec} er den samme fil som --input {input_spec}; resultaterne "
                                      "ville overskrive sagerne. Vælg en anden resultatfil.")
    return target


def _is_stream_name(path: str) -> bool:
    """/dev/stdout, /dev/stderr, /dev/fd/N, /proc/…/fd/N: a name for an open stream, not a file."""
    p = os.path.abspath(path)
    return p in ("/dev/stdin", "/dev/stdout", "/dev/stderr") or p.startswith(("/dev/fd/", "/proc/"))
