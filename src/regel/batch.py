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
    text = str(d)  # digit for digit, except that str() may use an exponent
    return text if "E" not in text else format(d, "f")


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
    # Cases fire few distinct combinations of rules: count those, and the rules at the end
    # (and whenever there are many, so memory stays bounded).
    combos: Counter[tuple[str, ...]] = Counter()
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
    pending: list[str] = []  # output lines, written in blocks
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
                combos[tuple(result.get("regler", ()))] += 1
                if len(combos) > 10_000:
                    _add_rules(hits, combos)
            if out_csv:
                if writer is None:
                    cols = [n for n in getattr(mod, "DECISION_ITEMS", {}).get(decision, ())] or [
                        k for k in row if k != "fejl"]
                    cols = [c for c in cols if c != "regler"] + ["regler", "fejl"]
                    writer = csv.DictWriter(dst, fieldnames=cols, extrasaction="ignore")
                    writer.writeheader()
                writer.writerow({k: _csv_out(v) for k, v in row.items()})
            else:
                pending.append(encode(row))
                if len(pending) >= 1000:
                    pending.append("")
                    write("\n".join(pending))
                    pending.clear()
            if progress is not None and total % 10000 == 0:
                progress.update(task, completed=total)
        if pending:
            pending.append("")
            write("\n".join(pending))
    finally:
        if progress is not None:
            progress.stop()
        if src is not sys.stdin:
            src.close()
        if dst is not sys.stdout:
            dst.close()
    _add_rules(hits, combos)
    console.print(f"{_dk(total)} sager, {_dk(errors)} afvist. Regler der ramte:", highlight=False)
    for rule, n in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:40]:
        console.print(f"  {_dk(n):>10}  {escape(rule)}", highlight=False)
    return 0


def _add_rules(hits: Counter[str], combos: Counter[tuple[str, ...]]) -> None:
    for fired, n in combos.items():
        for r in fired:
            hits[r] += n
    combos.clear()


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
