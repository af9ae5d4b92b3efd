"""Batch evaluation: stream many cases (JSONL or CSV) through a generated module.

Constant memory (one line at a time), results in input order, one result or
one `{"fejl": …}` per line — a bad line never stops the run — and a summary
with per-rule hit counts.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import ModuleType

from rich.console import Console
from rich.markup import escape


def _num(d: Decimal) -> str:
    return format(d, "f")


def encode(obj: dict) -> str:
    """One compact JSON line; Decimals exact, dates ISO. A hot path: flat dicts
    of str/bool/int/Decimal/date/list are written directly."""
    parts = []
    for k, v in obj.items():
        parts.append(json.dumps(k, ensure_ascii=False) + ":" + _value(v))
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


def _jsonl_cases(fh) -> Iterator[tuple[dict | None, str | None]]:
    loads = json.JSONDecoder(parse_float=Decimal).decode
    for n, line in enumerate(fh, start=1):
        if not line.strip():
            continue
        try:
            obj = loads(line)
        except ValueError as err:
            yield None, f"linje {n}: ikke gyldig JSON ({err.args[0].split(':')[0]})"
            continue
        if not isinstance(obj, dict):
            yield None, f"linje {n}: skal være et JSON-objekt"
            continue
        yield obj, None


_TRUE = {"ja", "true", "1", "sand"}
_FALSE = {"nej", "false", "0", "falsk"}


def csv_value(kind: str, text: str) -> object:
    """A CSV cell as the value the evaluator expects, by the field's type kind.
    Danish notation is accepted for numbers (`10.469,50`)."""
    t = text.strip()
    if kind == "bool":
        low = t.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        return t
    if kind in ("int", "amount", "percent", "number"):
        raw = t.replace(" ", "").removesuffix("kr").removesuffix("%").strip()
        if "," in raw:
            raw = raw.replace(".", "").replace(",", ".")
        try:
            d = Decimal(raw)
        except InvalidOperation:
            return t
        if kind in ("int", "percent") and d == d.to_integral_value():
            return int(d)
        return d
    return t


def _csv_cases(fh, inputs: dict) -> Iterator[tuple[dict | None, str | None]]:
    reader = csv.DictReader(fh)
    for row in reader:
        case = {}
        for k, v in row.items():
            if k is None or v is None or v == "":
                continue
            kind = (inputs.get(k) or {}).get("type", "text")
            case[k] = csv_value(kind, v)
        yield case, None


def run_batch(mod: ModuleType, decision: str, input_spec: str, out_spec: str | None, console: Console) -> int:
    src = sys.stdin if input_spec == "-" else Path(input_spec).open(encoding="utf-8-sig", newline="")
    is_csv = input_spec.endswith(".csv")
    out_csv = bool(out_spec and out_spec.endswith(".csv"))
    dst = sys.stdout if not out_spec or out_spec == "-" else Path(out_spec).open("w", encoding="utf-8", newline="")
    cases = _csv_cases(src, getattr(mod, "INPUTS", {})) if is_csv else _jsonl_cases(src)
    evaluate, error_type = mod.evaluate, mod.RegelFejl
    hits: Counter[str] = Counter()
    total = errors = 0
    writer = None
    show = console.is_terminal and dst is not sys.stdout
    progress = None
    if show:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        progress = Progress(SpinnerColumn(), TextColumn("{task.completed:,} sager"), TimeElapsedColumn(),
                            console=console, transient=True)
        task = progress.add_task("eval", total=None)
        progress.start()
    try:
        write = dst.write
        for case, problem in cases:
            total += 1
            if problem is None:
                try:
                    result = evaluate(case, decision)
                except error_type as err:
                    problem = str(err)
            if problem is not None:
                errors += 1
                row = {"fejl": problem}
            else:
                row = result
                for r in result.get("regler", ()):
                    hits[r] += 1
            if out_csv:
                if writer is None:
                    cols = [n for n in getattr(mod, "DECISION_ITEMS", {}).get(decision, ())] or [
                        k for k in row if k != "fejl"]
                    cols = [c for c in cols if c != "regler"] + ["regler", "fejl"]
                    writer = csv.DictWriter(dst, fieldnames=cols, extrasaction="ignore")
                    writer.writeheader()
                writer.writerow({k: _csv_out(v) for k, v in row.items()})
            else:
                write(encode(row) + "\n")
            if progress is not None and total % 10000 == 0:
                progress.update(task, completed=total)
    finally:
        if progress is not None:
            progress.stop()
        if src is not sys.stdin:
            src.close()
        if dst is not sys.stdout:
            dst.close()
    console.print(f"{_dk(total)} sager, {_dk(errors)} afvist. Regler der ramte:", highlight=False)
    for rule, n in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:40]:
        console.print(f"  {_dk(n):>10}  {escape(rule)}", highlight=False)
    return 0


def _dk(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _csv_out(v: object) -> str:
    if isinstance(v, bool):
        return "ja" if v else "nej"
    if isinstance(v, (list, tuple)):
        return " ".join(map(str, v))
    if isinstance(v, Decimal):
        return _num(v)
    return str(v)


__all__ = ["run_batch", "encode", "csv_value"]
