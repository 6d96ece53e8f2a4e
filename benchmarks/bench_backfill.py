"""Backfill throughput (records per second) on generated WARC files, process pool against Dask, with bare
single-process trafilatura on the same pages as the yardstick, in one run.

The WARC files are written from the demo corpus (40 pages of seven outlets in three languages, about
half of them about the ISS) with varied text: every record gets its own url, a paragraph of its own and
shuffled filler, so no two records are the same capture. Each configuration backfills into a new
warehouse; peak memory is the largest sum of resident memory of this process and its children (the
extraction pool or the Dask workers) sampled every 0.2 s. Prefect's temporary API is started first and
timed apart. Run: ``python -m benchmarks.bench_backfill [--sizes 1000,5000,20000] [--runners pool,dask1,dask2]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS = [
    "orbit",
    "module",
    "crew",
    "cargo",
    "spacewalk",
    "laboratory",
    "budget",
    "agency",
    "engineers",
    "schedule",
    "experiment",
    "station",
    "launch",
    "docking",
    "partners",
    "research",
    "segment",
    "truss",
    "power",
    "radiator",
    "science",
]


def make_pages(n: int, seed: int = 7) -> dict[str, bytes]:
    """``n`` varied pages from the demo corpus, each at a url of its own."""
    from tests.archive_fixtures import demo_pages

    rng = random.Random(seed)
    base = list(demo_pages().items())
    pages = {}
    for i in range(n):
        url, html = base[i % len(base)]
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 60)))
        extra = f"<p>Dispatch {i}: {words.capitalize()}.</p>".encode()
        body = html.replace(b"</article>", extra + b"</article>", 1) if b"</article>" in html else html + extra
        pages[url.replace(".html", f"-{i}.html")] = body
    return pages


class PeakMemory:
    """Largest resident memory of this process and all its descendants, sampled in a thread."""

    def __init__(self) -> None:
        import psutil

        self.proc = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for p in [self.proc, *self.proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except Exception:  # a child that just ended
                continue
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def bare_trafilatura(pages: dict[str, bytes]) -> float:
    """Seconds for ``trafilatura.extract`` on every page, one process (the yardstick)."""
    import trafilatura

    started = time.perf_counter()
    for body in pages.values():
        trafilatura.extract(body.decode("utf-8", "replace"))
    return time.perf_counter() - started


def backfill_once(warc: Path, runner: str, workdir: Path) -> tuple[float, int, dict]:
    from isswatch.flows.backfill_flow import run_backfill_flow
    from tests.archive_fixtures import demo_config

    extra = {"dask": {"workers": int(runner[4:])}} if runner.startswith("dask") else {}
    config = demo_config(workdir / f"{runner}.toml", workdir / runner, **extra)
    with PeakMemory() as mem:
        started = time.perf_counter()
        summary = run_backfill_flow([str(warc)], config=str(config))
        seconds = time.perf_counter() - started
    return seconds, mem.peak, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="records per WARC, comma-separated")
    parser.add_argument("--runners", default="pool,dask1,dask2", help="pool, daskN (N local workers)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    import logging
    import os

    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    workdir = Path(tempfile.mkdtemp(prefix="isswatch-bench-backfill-"))
    from isswatch.flows.prefect_env import configure_prefect, start_ephemeral_api

    configure_prefect(workdir)
    logging.getLogger("distributed").setLevel(logging.ERROR)
    from tests.archive_fixtures import write_warc

    print(f"Prefect API start-up: {start_ephemeral_api():.1f} s (apart from the runs below)")
    print("| records | runner | seconds | records/s | pages extracted | peak memory | vs bare trafilatura |")
    print("|---|---|---|---|---|---|---|")
    for n in (int(s) for s in args.sizes.split(",")):
        pages = make_pages(n)
        warc = write_warc(workdir / f"bench-{n}.warc.gz", pages, damaged=False)
        bare = bare_trafilatura(pages)
        print(
            f"| {n:,} | bare trafilatura.extract, 1 process | {bare:.1f} | {n / bare:.0f} | {n:,} | - | 1.00 |",
            flush=True,
        )
        for runner in args.runners.split(","):
            seconds, peak, s = backfill_once(warc, runner, workdir)
            rate = s["records_read"] / seconds
            print(
                f"| {n:,} | {runner} | {seconds:.1f} | {rate:.0f} | {s['extracted']:,} | "
                f"{peak / 2**20:,.0f} MB | {rate / (n / bare):.2f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
