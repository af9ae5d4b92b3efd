"""Latency of `regel lsp`: from an edit to the diagnostics, measured with a real client.

    python bench/lsp_latency.py [--runs 15]

Starts `python -m regel lsp` over stdio (pygls's client), opens tables/sanktion.regel and
times, for each run, a didChange (a comment appended, alternately removed) on the module
and on one of its fragments until the server publishes the module's diagnostics. Compares
with `regel check tables/sanktion.regel` (a new process, as a user runs it) and with one
load+check of the module in this process. Prints the figures of this one run; nothing is
asserted (machines differ).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "tables" / "sanktion.regel"
FRAGMENT = ROOT / "tables" / "_satser_rfy.regel"


class Timer:
    def __init__(self) -> None:
        self.waiting: dict[str, asyncio.Future] = {}
        self.last: dict[str, list] = {}

    def published(self, params: lsp.PublishDiagnosticsParams) -> None:
        self.last[params.uri] = list(params.diagnostics)
        fut = self.waiting.pop(params.uri, None)
        if fut is not None and not fut.done():
            fut.set_result(time.perf_counter())

    def expect(self, uri: str) -> asyncio.Future:
        fut = asyncio.get_running_loop().create_future()
        self.waiting[uri] = fut
        return fut


async def measure(runs: int, debounce: float) -> dict[str, list[float]]:
    client = LanguageClient("regel-bench", "1")
    timer = Timer()
    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: lsp.PublishDiagnosticsParams) -> None:
        timer.published(params)

    await client.start_io(sys.executable, "-m", "regel", "lsp")
    await client.initialize_async(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=ROOT.as_uri(),
        initialization_options={"forsinkelse": debounce}))
    client.initialized(lsp.InitializedParams())
    out: dict[str, list[float]] = {"åbn": [], "ændring i modulet": [], "ændring i et fragment": []}
    mod_uri, frag_uri = MODULE.as_uri(), FRAGMENT.as_uri()
    texts = {mod_uri: MODULE.read_text(encoding="utf-8"), frag_uri: FRAGMENT.read_text(encoding="utf-8")}

    fut = timer.expect(mod_uri)
    t0 = time.perf_counter()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(mod_uri, "regel", 1, texts[mod_uri])))
    out["åbn"].append(await fut - t0)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(frag_uri, "regel", 1, texts[frag_uri])))
    await asyncio.sleep(1.0)
    version = 1
    for i in range(runs):
        for label, uri in (("ændring i modulet", mod_uri), ("ændring i et fragment", frag_uri)):
            version += 1
            text = texts[uri] + (f"\n# ændring {i}\n" if i % 2 == 0 else "")
            fut = timer.expect(mod_uri)
            t0 = time.perf_counter()
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=version, uri=uri),
                [lsp.TextDocumentContentChangeWholeDocument(text)]))
            out[label].append(await asyncio.wait_for(fut, 60) - t0)
            await asyncio.sleep(0.05)
    findings = sum(len(v) for v in timer.last.values())
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    out["fund"] = [findings]
    return out


def cli_check() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "regel", "check", str(MODULE)], capture_output=True, check=False)
    return time.perf_counter() - t0


def in_process() -> float:
    from regel.checks import Budget, check_module
    from regel.model import load

    load([str(MODULE)])  # warm: the grammar's parser is built once
    t0 = time.perf_counter()
    modules, _diags = load([str(MODULE)])
    budget = Budget(60)
    for m in modules:
        check_module(m, budget=budget)
    return time.perf_counter() - t0


def ms(x: float) -> str:
    return f"{x * 1000:.0f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    cli = min(cli_check() for _ in range(3))
    warm = min(in_process() for _ in range(3))
    print(f"regel check {MODULE.relative_to(ROOT)} (ny proces, bedste af 3): {ms(cli)}")
    print(f"indlæs + tjek i én proces (varm, bedste af 3):              {ms(warm)}")
    for debounce in (0.05, 0.001):
        res = asyncio.run(measure(args.runs, debounce))
        print(f"\nregel lsp, forsinkelse {debounce * 1000:g} ms ({args.runs} ændringer af hver slags; "
              f"{res['fund'][0]} fund til sidst):")
        print(f"  åbn sanktion.regel → diagnostik (koldt, alle filer læses):  {ms(res['åbn'][0])}")
        for label in ("ændring i modulet", "ændring i et fragment"):
            xs = sorted(res[label])
            med = statistics.median(xs)
            print(f"  {label:<22} → diagnostik: median {ms(med)}, maks {ms(xs[-1])}, "
                  f"{med / cli:.2f} × regel check, {med / warm:.2f} × varmt tjek")


if __name__ == "__main__":
    main()
