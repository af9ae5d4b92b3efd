"""Batch evaluation: stream many cases (JSONL, CSV or Parquet) through a generated module.

Parquet in and out lives in sql/parquet.py (pyarrow, read and written in blocks of rows).

What a run guarantees (docs/batch.md says it in Danish):

* One output line per input line, in order: a result, or `{"fejl": …}` naming
  the line — a blank line, bytes that are not UTF-8, broken or hostile JSON,
  duplicate keys, an unreadable CSV cell, an over-long line. A bad line never
  stops the run.
* Input is read as bytes and split on `\n` only (one trailing `\r` of CRLF is
  dropped), each line decoded by itself, and a line is capped (`max_line`)
  without ever holding more than the cap in memory: constant memory.
* Output is atomic: written to a temporary file beside the target, fsynced and
  renamed over it only when the run is complete. Interrupted (SIGINT/SIGTERM)
  or failing (disk full), the temporary file is removed and the old target is
  untouched; exit 130/143 after an interruption. Output onto the input file is
  refused before anything is opened.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal, DecimalException
from types import ModuleType
from typing import BinaryIO

from rich.console import Console
from rich.markup import escape

from .csvio import CellError, HeaderError, check_columns, out_cell, parse_header, row_case, split_line
from .jsonio import CaseError, load_case, number_text
from .oserrors import os_problem
from .outfile import (
    BatchUsageError,
    TerminatedError,
    _Output,
    _output_target,
    _signals_ignored,
    _sigterm_raises,
    _WriteError,
)
from .runtime.core import _number as _dk
from .sniff import JSONL_NAMES, other_format
from .stop import stop_requested

# A line longer than this is refused without being read into memory (`--maks-linje`).
DEFAULT_MAX_LINE = 1 << 20
_BOM = b"\xef\xbb\xbf"
_BLOCK = 1000  # output lines written at a time
_CHUNK = 1 << 16  # bytes read at a time while skipping the rest of an over-long line


_num = number_text  # how a result's number is written (jsonio, one place for every output)


# JSON texts already written: results repeat the same keys, rule references,
# citations and enum values line after line, so `"key":"value"` pairs and lists of
# rules are remembered. Bounded, so memory stays constant however many cases stream by.
_TEXTS: dict[object, str] = {}
_TEXTS_MAX = 20_000


def _remember(key: object, text: str) -> str:
    if len(_TEXTS) < _TEXTS_MAX:
        _TEXTS[key] = text
    return text


def _key(k: str) -> str:
    t = _TEXTS.get(k)
    return t if t is not None else _remember(k, json.dumps(k, ensure_ascii=False) + ":")


def encode(obj: dict) -> str:
    """One compact JSON line; Decimals exact, dates ISO. A hot path: flat dicts
    of str/bool/int/Decimal/date/list are written directly."""
    parts = []
    for k, v in obj.items():
        t = type(v)
        if t is str or t is bool:
            pair = (k, v)
            text = _TEXTS.get(pair)
            if text is None:
                text = _remember(pair, _key(k) + _value(v))
        elif t is Decimal:
            text = _key(k) + _num(v)
        elif t is list:
            items = (k, tuple(v))
            try:
                text = _TEXTS.get(items)
            except TypeError:  # an unhashable value in the list
                text = items = None
            if text is None:
                text = _key(k) + _value(v)
                if items is not None:
                    _remember(items, text)
        else:
            text = _key(k) + _value(v)
        parts.append(text)
    return "{" + ",".join(parts) + "}"


def _value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return _num(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, date):
        return '"' + v.isoformat() + '"'
    if v is None:
        return "null"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return encode(v)
    return json.dumps(str(v), ensure_ascii=False)


# ---- reading ---------------------------------------------------------------------------------------
def _lines(fh: BinaryIO, max_line: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes without the line end) for each `\\n`-terminated line; None for
    a line longer than `max_line` bytes, whose rest is skipped in chunks, never held."""
    readline = fh.readline
    limit = max_line + 1  # room for the "\n" of a line exactly at the cap
    n = 0
    while True:
        raw = readline(limit)
        if not raw:
            return
        n += 1
        if raw[-1:] == b"\n":
            raw = raw[:-1]
        elif len(raw) > max_line:
            while True:
                rest = readline(_CHUNK)
                if not rest or rest[-1:] == b"\n":
                    break
            yield n, None
            continue
        if raw[-1:] == b"\r":  # CRLF; a CR anywhere else is part of the line
            raw = raw[:-1]
        if n == 1 and raw.startswith(_BOM):
            raw = raw[3:]
        yield n, raw


def _too_long(n: int, max_line: int) -> str:
    return f"linje {n}: linjen er længere end {_dk(max_line)} bytes"


def _not_utf8(n: int, raw: bytes, err: UnicodeDecodeError) -> str:
    return (f"linje {n}: ikke gyldig UTF-8 (byte {err.start + 1}: 0x{raw[err.start]:02x}); filen er måske "
            "gemt som Windows-1252/latin-1 — gem den som UTF-8")


def _texts(lines: Iterator[tuple[int, bytes | None]], max_line: int) -> Iterator[tuple[int, str | None, str | None]]:
    """Each line as (number, text, None), or (number, None, why it cannot be read)."""
    for n, raw in lines:
        if raw is None:
            yield n, None, _too_long(n, max_line)
            continue
        try:
            yield n, raw.decode("utf-8"), None
        except UnicodeDecodeError as err:
            yield n, None, _not_utf8(n, raw, err)


def _jsonl_cases(fh: BinaryIO, max_line: int) -> Iterator[tuple[dict | None, str | None]]:
    for n, text, problem in _texts(_lines(fh, max_line), max_line):
        yield (None, problem) if text is None else jsonl_case(n, text)


def jsonl_case(n: int, text: str) -> tuple[dict | None, str | None]:
    """Line `n` of a JSONL file (decoded, line end and BOM removed) as (case, None) or (None, why not)."""
    try:
        return load_case(text), None
    except CaseError as err:
        if not text.strip():
            return None, f"linje {n}: tom linje (hver linje skal være én sag som et JSON-objekt)"
        # the message counts lines within the text given to it: always 1 here
        return None, f"linje {n}: " + str(err).replace("(linje 1, kolonne ", "(kolonne ")


def _csv_cases(fh: BinaryIO, inputs: dict, max_line: int) -> Iterator[tuple[dict | None, str | None]]:
    """Reads the header at once (a bad header is a usage error before any output
    exists), then gives a generator over the lines after it."""
    lines = _lines(fh, max_line)
    first = next(lines, None)
    if first is None:
        raise HeaderError("CSV-filen er tom (ingen overskrift); første linje skal være feltnavnene, fx "
                          "«ordning;forseelse;dato».")
    if first[1] is None:
        raise HeaderError(f"CSV-filens overskrift er længere end {_dk(max_line)} bytes.")
    try:
        header = first[1].decode("utf-8")
    except UnicodeDecodeError as err:
        raise HeaderError(f"CSV-filens overskrift er ikke gyldig UTF-8 (byte {err.start + 1}: "
                          f"0x{first[1][err.start]:02x}); filen er måske gemt som Windows-1252/latin-1. "
                          "Gem den som «CSV UTF-8» (i Excel: Gem som → CSV UTF-8).") from None
    delimiter, columns = parse_header(header)
    check_columns(columns, inputs)

    def rows() -> Iterator[tuple[dict | None, str | None]]:
        for n, text, problem in _texts(lines, max_line):
            if text is None:
                yield None, problem
                continue
            if not text.strip():
                yield None, f"linje {n}: tom linje (hver linje efter overskriften skal være én sag)"
                continue
            try:
                yield row_case(split_line(text, delimiter), columns, inputs), None
            except CellError as err:
                yield None, f"linje {n}: {err}"

    return rows()


# ---- writing -------------------------------------------------------------------------------------
def _output_columns(mod: ModuleType, decision: str) -> list[str]:
    """CSV columns from the decision's declared results — never from the first case,
    which may be refused and have none of them."""
    outputs = getattr(mod, "OUTPUTS", {}).get(decision) or getattr(mod, "DECISION_ITEMS", {}).get(decision)
    if not outputs:
        raise BatchUsageError(f"Det genererede modul oplyser ikke resultaterne af «{decision}»; "
                              "kør «regel compile» igen.")
    return [c for c in outputs if c not in ("regler", "fejl")] + ["regler", "fejl"]


def _is_csv(spec: str | None) -> bool:
    return bool(spec) and spec.lower().endswith(".csv")


def _is_parquet(spec: str | None) -> bool:
    return bool(spec) and spec.lower().endswith(".parquet")


def _stdin() -> BinaryIO:
    """Standard input as bytes; a closed one (`<&-`: Python has no sys.stdin then) is a usage error."""
    if sys.stdin is None:
        raise BatchUsageError("Standard input er lukket; der er ingen sager at læse.")
    return sys.stdin.buffer


def _parquet():
    """regel.sql.parquet (pyarrow), or a usage error saying what to install."""
    from .sql import INSTALL_HINT, MissingDependency

    try:
        from .sql import parquet

        parquet._libs()
    except MissingDependency:  # said for Parquet, not for the SQL target (either motor reads it so)
        raise BatchUsageError(f"Parquet-filer læses og skrives med pyarrow; {INSTALL_HINT}.") from None
    return parquet


# ---- the run -------------------------------------------------------------------------------------
def run_batch(mod: ModuleType, decision: str, input_spec: str, out_spec: str | None, console: Console,
              max_line: int = DEFAULT_MAX_LINE, engine: object = None) -> int:
    """Evaluate every case of `input_spec` into `out_spec` (None or "-": standard output).
    Returns the exit code: 0 (also when lines were refused), 130/143 when interrupted;
    raises BatchUsageError (exit 2) when the run cannot start or its output cannot be written."""
    target = _output_target(input_spec, out_spec)
    out_csv = _is_csv(out_spec)
    in_pq, out_pq = _is_parquet(input_spec), _is_parquet(out_spec) and target is not None
    if target is not None and not (out_csv or out_pq) and not str(out_spec).lower().endswith(JSONL_NAMES):
        console.print(f"advarsel: {escape(str(out_spec))} skrives som JSONL (én sag pr. linje); regel vælger "
                      "formatet efter endelsen: .jsonl, .csv eller .parquet.", highlight=False, soft_wrap=True)
    pq = _parquet() if in_pq or out_pq else None
    # an engine: a function from read cases to answers, or an object with .results and
    # optionally .stream (the DuckDB engine, which reads JSONL itself: sql/stream.py) and
    # .parquet (DuckDB reading and writing Parquet itself: sql/duck.py)
    results = getattr(engine, "results", engine)
    stream = getattr(engine, "stream", None)
    columns = _output_columns(mod, decision) if out_csv or out_pq else []
    pin = None
    try:
        if in_pq:
            src: BinaryIO | None = None
            pin = pq.ParquetInput(input_spec, getattr(mod, "INPUTS", {}))
        else:
            src = _stdin() if input_spec == "-" else open(input_spec, "rb")
    except HeaderError as err:  # a ValueError: first
        raise BatchUsageError(f"{input_spec}: {err}") from None
    except (OSError, ValueError) as err:
        raise BatchUsageError(f"Kan ikke læse {input_spec!r}: {os_problem(err)}.") from None
    out: _Output | None = None
    sink = None
    counter = [0]  # cases done, kept current by the loop so an interrupt can say how far it got
    try:
        if pin is not None:
            cases = pin.cases()
        elif _is_csv(input_spec):
            try:
                cases = _csv_cases(src, getattr(mod, "INPUTS", {}), max_line)
            except HeaderError as err:
                raise BatchUsageError(f"{input_spec}: {err}") from None
        else:
            other_format(src, input_spec, getattr(mod, "INPUTS", {}))
            cases = _jsonl_cases(src, max_line)
        with _sigterm_raises():
            try:
                try:
                    out = _Output(target, external=out_pq)
                except OSError as err:
                    raise BatchUsageError(f"Kan ikke skrive {out_spec}: {os_problem(err)}.") from None
                pieces = done = None
                fields = pq.output_fields(mod, decision, columns) if out_pq else []
                direct = getattr(engine, "parquet", None)
                if pin is not None and out_pq and direct is not None:
                    done = direct(pin, out.tmp, fields)  # DuckDB reads and writes the files itself
                elif stream is not None and src is not None and not _is_csv(input_spec) and not out_pq:
                    pieces = stream(src, out_csv, max_line, _line_decider(mod, decision, columns if out_csv else None))
                if done is not None:
                    total, errors, combos = done
                    counter[0] = total
                    rules = Counter()
                    _add_rules(rules, combos)
                elif pieces is not None:
                    errors, rules = _write_pieces(pieces, out, columns if out_csv else None, counter)
                else:
                    if out_pq:
                        sink = pq.ParquetSink(out.tmp, fields)
                    errors, rules = _evaluate_all(mod, decision, cases, out, columns if out_csv else None, console,
                                                  counter, results, sink)
                    if sink is not None:
                        sink.close()
                        sink = None
                out.commit()
            except (KeyboardInterrupt, TerminatedError) as exc:
                with _signals_ignored():  # a second Ctrl-C must not cut the clean-up short
                    _abandon(sink)
                    if out is not None:
                        out.discard()
                    return _interrupted(console, exc, counter[0], out)
            except _WriteError as err:
                _abandon(sink)
                if out is not None:
                    out.discard()
                if target is None and isinstance(err.err, BrokenPipeError):
                    raise err.err from None  # `… | head`: the CLI says so, in the same words for every command
                raise BatchUsageError(f"Kunne ikke skrive {out_spec if target else 'standard output'}: "
                                      f"{os_problem(err.err)}."
                                      + (f" {_untouched(out).capitalize()}" if target else "")) from None
            except BaseException as exc:
                stopped = stop_requested()
                if stopped is not None:  # an engine's error that is really Ctrl-C or SIGTERM
                    with _signals_ignored():
                        _abandon(sink)
                        if out is not None:
                            out.discard()
                        return _interrupted(console, stopped, counter[0], out)
                _abandon(sink)
                if out is not None:
                    out.discard()
                if pq is not None and isinstance(exc, (pq.ParquetValueError, HeaderError)):
                    raise BatchUsageError(f"{exc} {_untouched(out).capitalize()}") from None
                if pq is not None and isinstance(exc, pq.ParquetWriteError):
                    raise BatchUsageError(f"Kunne ikke skrive {out_spec}: {os_problem(exc.err)}. "
                                          f"{_untouched(out).capitalize()}") from None
                if pq is not None and isinstance(exc, OSError) and out_pq and not in_pq:
                    raise BatchUsageError(f"Kunne ikke skrive {out_spec}: {os_problem(exc)}. "
                                          f"{_untouched(out).capitalize()}") from None
                raise
    except BrokenPipeError:
        raise
    except OSError as err:  # reading the input failed halfway (an I/O error, a vanished disk)
        raise BatchUsageError(f"Kan ikke læse {input_spec}: {os_problem(err)}.") from None
    finally:
        if src is not None and src is not getattr(sys.stdin, "buffer", None):
            src.close()
    total = counter[0]
    if total == 0:
        console.print("Ingen sager i " + ("input." if input_spec == "-" else "filen."), highlight=False)
        return 0
    line = f"{_cases(total)}, {_dk(errors)} afvist."
    console.print(line + (" Regler der ramte:" if rules else " Ingen regler ramte."), highlight=False)
    ranked = sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))
    for rule, n in ranked[:SHOWN_RULES]:
        console.print(f"  {_dk(n):>10}  {escape(rule)}", highlight=False)
    if len(ranked) > SHOWN_RULES:  # never cut off without a word (walkthrough: 40 of 63, no sign of the rest)
        rest = len(ranked) - SHOWN_RULES
        console.print(f"  … og {_dk(rest)} {'anden regel' if rest == 1 else 'andre regler'}.",
                      highlight=False)
    return 0


SHOWN_RULES = 40  # the summary's rules, most frequent first


def _abandon(sink: object) -> None:
    if sink is not None:
        sink.abandon()  # type: ignore[attr-defined]


def _cases(n: int) -> str:
    return f"{_dk(n)} {'sag' if n == 1 else 'sager'}"


def _untouched(out: _Output | None) -> str:
    """What became of the result file when the run did not finish."""
    if out is not None and not out.existed:
        return "der er ikke skrevet nogen resultatfil."
    return "resultatfilen er ikke ændret."


def _interrupted(console: Console, exc: BaseException, total: int, out: _Output | None) -> int:
    if out is not None and out.committed:
        where = "resultatfilen var allerede skrevet færdig."
    elif out is not None and out.target is not None:
        where = _untouched(out)
    else:
        where = "resultaterne på standard output er ufuldstændige."
    console.print(f"Afbrudt efter {_cases(total)}; {where}", highlight=False)
    return 143 if isinstance(exc, TerminatedError) else 130


def python_results(mod: ModuleType, decision: str) -> Callable[[Iterable[tuple[dict | None, str | None]]],
                                                                 Iterator[tuple[dict | None, str | None]]]:
    """The Python evaluator over read cases: (result, None) or (None, the refusal) per case."""
    evaluate, error_type = mod.evaluate, mod.RegelFejl

    def results(cases: Iterable[tuple[dict | None, str | None]]) -> Iterator[tuple[dict | None, str | None]]:
        for case, problem in cases:
            result = None
            if problem is None:
                try:
                    result = evaluate(case, decision)
                except error_type as err:
                    problem = str(err)
                except DecimalException:  # a number beyond what the evaluator's context can hold
                    problem = "Et tal i sagen er uden for det område, der kan regnes med."
            yield result, problem

    return results


def _evaluate_all(mod: ModuleType, decision: str, cases: Iterator[tuple[dict | None, str | None]],
                  out: _Output, columns: list[str] | None, console: Console,
                  counter: list[int], engine: Callable | None = None, sink: object = None
                  ) -> tuple[int, Counter[str]]:
    """The hot loop. `counter[0]` is the number of cases done, readable after an interrupt.
    `engine` maps the read cases to (result, refusal) pairs (default: the Python evaluator);
    `sink` (a sql.parquet.ParquetSink) takes the answers instead of `out`."""
    answers = (engine or python_results(mod, decision))(cases)
    hits: Counter[str] = Counter()
    # Cases fire few distinct combinations of rules: count those, and the rules at the end
    # (and whenever there are many, so memory stays bounded).
    combos: Counter[tuple[str, ...]] = Counter()
    total = errors = 0
    pending: list[str] = []  # output lines, written in blocks
    writerow: Callable[[list[str]], object] | None = None
    if columns is not None:
        # csv.writer writes each row through .write(): straight into the pending block.
        writerow = csv.writer(_Appender(pending), lineterminator="\r\n").writerow
        writerow(columns)
    progress = None
    if console.is_terminal and out.target is not None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        progress = Progress(SpinnerColumn(), TextColumn("{task.completed:,} sager"), TimeElapsedColumn(),
                            console=console, transient=True)
        task = progress.add_task("eval", total=None)
        progress.start()
    try:
        for result, problem in answers:
            if problem is not None:
                errors += 1
                row = {"fejl": problem}
            else:
                row = result
                combos[tuple(result.get("regler", ()))] += 1
                if len(combos) > 10_000:
                    _add_rules(hits, combos)
            if sink is not None:
                sink.add(total + 1, result, problem)  # type: ignore[attr-defined]
            elif writerow is not None:
                writerow([out_cell(row.get(c)) for c in columns])
            else:
                pending.append(encode(row))
            total += 1
            counter[0] = total
            if len(pending) >= _BLOCK:
                out.write(_block(pending, writerow is None))
                pending.clear()
                if progress is not None and total % 10000 == 0:
                    progress.update(task, completed=total)
        if pending:
            out.write(_block(pending, writerow is None))
            pending.clear()
        counter[0] = total
    finally:
        if progress is not None:
            progress.stop()
    _add_rules(hits, combos)
    return errors, hits


def _line_decider(mod: ModuleType, decision: str, columns: list[str] | None
                  ) -> Callable[[int, str], tuple[str, dict | None, str | None]]:
    """For an engine that reads JSONL itself: line n's text → (its output line, result, refusal),
    exactly as this module reads, evaluates and writes it."""
    python = python_results(mod, decision)
    pending: list[str] = []
    writerow = csv.writer(_Appender(pending), lineterminator="\r\n").writerow if columns is not None else None

    def decide(n: int, text: str) -> tuple[str, dict | None, str | None]:
        result, problem = next(python(iter([jsonl_case(n, text)])))
        row = {"fejl": problem} if problem is not None else result
        assert row is not None
        if writerow is None:
            return encode(row) + "\n", result, problem
        writerow([out_cell(row.get(c)) for c in columns or ()])
        text = "".join(pending)
        pending.clear()
        return text, result, problem

    return decide


def _write_pieces(pieces: Iterable[tuple[bytes, int, int, Counter]], out: _Output, columns: list[str] | None,
                  counter: list[int]) -> tuple[int, Counter[str]]:
    """Write an engine's output pieces (bytes of whole lines, cases, refusals, rule combinations)."""
    if columns is not None:
        header: list[str] = []
        csv.writer(_Appender(header), lineterminator="\r\n").writerow(columns)
        out.write("".join(header))
    hits: Counter[str] = Counter()
    errors = 0
    for data, n, refused, combos in pieces:
        out.write_bytes(data)
        errors += refused
        counter[0] += n
        _add_rules(hits, combos)
    return errors, hits


def _block(pending: list[str], jsonl: bool) -> str:
    return "\n".join(pending) + "\n" if jsonl else "".join(pending)


class _Appender:
    def __init__(self, pending: list[str]) -> None:
        self.write = pending.append


def _add_rules(hits: Counter[str], combos: Counter[tuple[str, ...]]) -> None:
    for fired, n in combos.items():
        for r in fired:
            hits[r] += n
    combos.clear()


__all__ = ["DEFAULT_MAX_LINE", "BatchUsageError", "TerminatedError", "encode", "python_results", "run_batch"]
