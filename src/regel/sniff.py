"""What a batch input is when its name says JSONL: Parquet, CSV or one JSON document given
by mistake is refused before a line is read (batch.run_batch), with the fix in Danish."""

from __future__ import annotations

import codecs
import json
import os
import stat
from typing import BinaryIO

from .outfile import BatchUsageError

JSONL_NAMES = (".jsonl", ".ndjson")
_WHOLE_JSON_MAX = 16 << 20  # a pretty-printed document larger than this is read line by line as usual


def other_format(src: BinaryIO, input_spec: str, inputs: dict) -> None:
    """Refuse, before a line is read, a JSONL input that is plainly another format, where every
    line would be refused and the run still exit 0 (a walkthrough: a Parquet file named .pq, a
    CSV named .txt, one pretty-printed case given with --out). Only the unmistakable: Parquet's
    marker at both ends, a file that is one JSON document over several lines, a first line that
    is a CSV header of the case's fields (also in a .jsonl file: a walkthrough's CSV saved as
    .jsonl had all 1.997 lines refused, exit 0); any other bad line is refused for itself."""
    peek = getattr(src, "peek", None)
    head = peek(1 << 16)[: 1 << 16] if peek is not None else b""
    where = "Standard input" if input_spec == "-" else input_spec
    if head.startswith(b"PAR1") and _file_bytes(src, tail=4) in (None, b"PAR1"):
        raise BatchUsageError(f"{where} er Parquet (det begynder med «PAR1»), {_misnamed(input_spec, '.parquet')}")
    first, _, rest = head.partition(b"\n")
    first = first.removeprefix(codecs.BOM_UTF8).strip()
    whole = _file_bytes(src) if first in (b"{", b"[") and rest.strip() else None
    if whole is not None:
        try:
            json.loads(whole.removeprefix(codecs.BOM_UTF8))
        except ValueError:
            pass
        else:
            raise BatchUsageError(f"{where} er ét JSON-dokument over flere linjer, ikke JSONL (én sag pr. linje). "
                                  "Én sag evalueres uden --out (regel eval BESLUTNING --input FIL); mange sager "
                                  "skrives én pr. linje i en .jsonl-fil.")
    if first[:1] not in (b"{", b""):  # also under a .jsonl name: a header of the fields is no JSONL line
        cells = [c.strip().strip('"').lower() for c in first.decode("utf-8", "replace").replace(";", ",").split(",")]
        named = [c for c in cells if c in inputs]
        if len(cells) >= 2 and len(named) * 2 >= len(cells):
            raise BatchUsageError(f"{where} ser ud til at være CSV (første linje nævner felterne "
                                  f"{', '.join(named[:4])}), {_misnamed(input_spec, '.csv')}")


def _misnamed(input_spec: str, ext: str) -> str:
    """Why the input is read as JSONL, and how to have it read as `ext`."""
    if input_spec == "-":
        return (f"men læses som JSONL, fordi det ikke er en fil. Gem den i en fil, der ender på {ext}, og giv "
                "den som --input.")
    jsonl = next((e for e in JSONL_NAMES if input_spec.lower().endswith(e)), None)
    why = f"navnet ender på {jsonl}" if jsonl else f"navnet ikke ender på {ext}"
    return f"men læses som JSONL, fordi {why}. Giv filen endelsen {ext}."


def _file_bytes(src: BinaryIO, tail: int | None = None) -> bytes | None:
    """The last `tail` bytes of `src`, or all of it up to _WHOLE_JSON_MAX, when it is a regular
    file (read with pread: the stream's position does not move); else None."""
    try:
        fd = src.fileno()
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (tail is None and st.st_size > _WHOLE_JSON_MAX):
            return None
        if tail is not None:
            return os.pread(fd, tail, max(0, st.st_size - tail))
        return os.pread(fd, st.st_size, 0)
    except (AttributeError, OSError, ValueError):  # no descriptor (a test's BytesIO), a pipe
        return None
