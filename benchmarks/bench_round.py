"""Round benchmark: cold rounds of real-world-sized pages against bare trafilatura, with peak memory.

    python -m benchmarks.bench_round [--sizes 250,500,1000,2000] [--workers 2] [--in-flight 64] [--profile]

A news site on 127.0.0.1 (a child process, as a remote site would be) serves feeds of 50 entries whose
pages come from ``benchmarks.page_generator``: 80-150 KB each, with navigation, scripts, comments and
related links, every one about the ISS. Prefect's API is started first, once, and a trivial flow run
against it (its first request costs seconds of server warm-up) is reported apart. Then
for each N, in one run:

- **bare**: ``trafilatura.extract`` over the same N pages in one process (a child), nothing else; then
  the same pages split between two processes started together (**bare x2**: what two cores give
  trafilatura alone on this machine, the floor under any round with two workers);
- **round**: one cold ``monitor`` flow run over N/50 feeds into a fresh warehouse, in a child process
  whose process tree (the round, its forkserver and extraction workers; not the site, not Prefect's
  server) is sampled for its summed resident memory every 50 ms.

It prints the round's time, the ratio to bare, the stages (measured inside them: download span,
extraction per worker, storage, the rest of the round's stages) and orchestration, which is the round's
time minus the time spent inside its stages (Prefect's task and flow runs, the flow's own work), and
the CPU seconds of the round's own process (downloads, storage, feeding the workers, Prefect, imports),
of its extraction workers with their forkserver, and of the site, beside bare's. ``--profile`` prints
a cProfile of the round's own thread to stderr.
Targets (issue 13): round / bare at most 0.6 at 1,000 and 2,000 pages; peak memory at most 600 MB and
within 10 % between the smallest and largest N; orchestration under 10 % of the round. Results:
``docs/benchmarks.md``, section "Rounds".
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import multiprocessing as mp
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PER_FEED = 50
RATIO_TARGET = 0.6
MEMORY_TARGET_MB = 600
MEMORY_SPREAD = 0.10
ORCHESTRATION_SHARE = 0.10
#: Stages that are work (download, extraction, storage); the rest of a round is orchestration.
WORK_STAGES = ("prepare", "poll", "store_polls", "pages", "detect", "deliver", "finish")


def serve(pages: int) -> None:
    """The child process: the site with ``pages`` pages in feeds of ``PER_FEED``; stops when stdin closes."""
    from benchmarks.page_generator import news_page, story
    from tests.round_fixtures import NewsSite, Story

    t0 = dt.datetime(2026, 11, 20, 6, 0, tzinfo=dt.UTC)
    with NewsSite() as site:
        for f in range(-(-pages // PER_FEED)):
            stories = []
            for i in range(f * PER_FEED, min(pages, (f + 1) * PER_FEED)):
                path = f"/space/story-{i}"
                site.set_page(path, news_page(i))
                title = story(i)[0]
                stories.append(Story(f"s{i}", title, path, "NASA and Roscosmos on the space station.", t0))
            site.set_feed(f"f{f}", stories, title=f"Outlet {f}")
        print(site.base, flush=True)
        sys.stdin.read()


def bare(n: int) -> None:
    """The child process: seconds of ``trafilatura.extract`` over pages 0..n-1, one process."""
    import trafilatura

    from benchmarks.page_generator import news_page

    pages = [news_page(i) for i in range(n)]
    trafilatura.extract(pages[0])  # imports and first-call set-up are not the pages' cost
    started, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        trafilatura.extract(page)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu, "two": _bare_on_two(pages)}), flush=True)


def _extract_half(pages: list[bytes], start: Any, spans: Any) -> None:
    import trafilatura

    start.wait()
    began = time.monotonic()
    for page in pages:
        trafilatura.extract(page)
    spans.put((began, time.monotonic()))


def _bare_on_two(pages: list[bytes]) -> float:
    """Seconds of ``trafilatura.extract`` over the pages split between two processes started together:
    what two cores give trafilatura alone here, the floor under any two-worker round."""
    ctx = mp.get_context("fork")
    start, spans = ctx.Barrier(2), ctx.Queue()
    half = len(pages) // 2
    procs = [ctx.Process(target=_extract_half, args=(part, start, spans)) for part in (pages[:half], pages[half:])]
    for proc in procs:
        proc.start()
    got = [spans.get() for _ in procs]
    for proc in procs:
        proc.join()
    return max(end for _, end in got) - min(began for began, _ in got)


def warm_up() -> None:
    """The child process: one trivial flow run, so the new API server's first-request costs (its
    database and lazy imports, seconds on a busy machine) are not charged to the first round."""
    from prefect import flow

    flow(name="bench-warm-up")(lambda: None)()
    print(json.dumps({}), flush=True)


def one_round(config: str) -> None:
    """The child process: one cold round; its summary and the time of the call, as JSON."""
    from isswatch.flows.monitor import run_monitor

    profile = cProfile.Profile() if os.environ.get("ISSWATCH_BENCH_PROFILE") else None
    started = time.monotonic()
    if profile:
        profile.enable()
    summary = run_monitor(config=config)
    summary["call_seconds"] = time.monotonic() - started
    if profile:
        profile.disable()
        pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
    print(
        json.dumps(
            {
                k: summary[k]
                for k in (
                    "call_seconds",
                    "seconds",
                    "stages",
                    "articles_new",
                    "claims_new",
                    "pages_fetched",
                    "pages_failed",
                )
            }
        ),
        flush=True,
    )


def _proc_stat(pid: int | str) -> list[str] | None:
    """The fields of ``/proc/PID/stat`` after the command name (state first), or None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _cpu_seconds(fields: list[str]) -> float:
    """User plus system CPU time of a process from its stat fields."""
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tree(root: int) -> tuple[int, dict[int, tuple[int, float]]]:
    """Summed resident memory (bytes) of ``root`` and its descendants, and each one's (parent, CPU s)."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or (fields := _proc_stat(entry)) is None:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        stats[pid] = fields
    total, todo, cpu = 0, [root], {}
    while todo:
        pid = todo.pop()
        if pid in stats:
            total += int(stats[pid][21]) * page
            cpu[pid] = (int(stats[pid][1]), _cpu_seconds(stats[pid]))
        todo += children.get(pid, [])
    return total, cpu


@dataclass
class TreeUse:
    """What a child's process tree used: peak summed RSS, and CPU seconds of the child itself and of its
    descendants (the forkserver and extraction workers for a round), each process's last sample."""

    root: int
    peak: int = 0
    cpu: dict[int, tuple[int, float]] = field(default_factory=dict)

    @property
    def own_cpu(self) -> float:
        return self.cpu.get(self.root, (0, 0.0))[1]

    @property
    def descendants_cpu(self) -> float:
        return sum(c for pid, (_, c) in self.cpu.items() if pid != self.root)


def _child(args: list[str], env: dict[str, str] | None = None) -> tuple[dict, TreeUse]:
    """Run ``python -m benchmarks.bench_round ARGS``; its JSON line and what its process tree used."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.bench_round", *args], stdout=subprocess.PIPE, text=True, env=env
    )
    use = TreeUse(proc.pid)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, cpu = _tree(proc.pid)
            use.peak = max(use.peak, rss)
            use.cpu.update(cpu)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed with exit code {proc.returncode}")
    return json.loads(out.strip().splitlines()[-1]), use


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_round", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,1000,2000", help="pages per round, comma-separated")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes")
    parser.add_argument(
        "--in-flight", type=int, default=None, help="extraction.pages_in_flight (default: the setting's)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the round's own thread (top functions on stderr)"
    )
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--bare", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--round", help=argparse.SUPPRESS)
    parser.add_argument("--warm-up", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve)
        return 0
    if args.bare:
        bare(args.bare)
        return 0
    if args.round:
        one_round(args.round)
        return 0
    if args.warm_up:
        warm_up()
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = Path(tempfile.mkdtemp(prefix="isswatch-bench-round-"))
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    if args.profile:
        os.environ["ISSWATCH_BENCH_PROFILE"] = "1"
    from isswatch.flows.prefect_env import configure_prefect, start_ephemeral_api

    configure_prefect(work)
    site = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.bench_round", "--serve", str(max(sizes))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        base = (site.stdout.readline() if site.stdout else "").strip()
        if not base.startswith("http://127.0.0.1:"):
            print("the loopback site did not start", file=sys.stderr)
            return 1
        startup = start_ephemeral_api()
        from prefect.server.api.server import SubprocessASGIServer

        env = dict(os.environ, PREFECT_API_URL=os.environ.get("PREFECT_API_URL") or SubprocessASGIServer().api_url)
        print(
            f"Round benchmark: pages of 80-150 KB in feeds of {PER_FEED} on {base}; {os.cpu_count()} cores, "
            f"{args.workers} extraction workers; load average {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        started = time.monotonic()
        _child(["--warm-up"], env)
        print(
            f"Prefect API start-up: {startup:.2f} s, first flow run against it: {time.monotonic() - started:.2f} s "
            "(both reported apart)",
            flush=True,
        )
        print(
            f"{'pages':>6} {'bare s':>7} {'bare x2':>7} {'round s':>8} {'ratio':>6} {'peak MB':>8} {'download':>9} "
            f"{'extract':>8} {'store':>6} {'other':>6} {'orch':>6} {'orch %':>6}  articles",
            flush=True,
        )
        rows = []
        from tests.round_fixtures import write_config

        for n in sizes:
            base_out, _ = _child(["--bare", str(n)])
            data = work / f"n{n}"
            data.mkdir()
            feeds = [{"url": f"{base}/feeds/f{f}.xml", "lang": "en"} for f in range(-(-n // PER_FEED))]
            config = write_config(
                data / "isswatch.toml",
                data_dir=data,
                feeds=feeds,
                deadline=30.0,
                per_host=16,
                concurrency=16,
                extraction_timeout=30.0,
                max_articles=n,
            )
            _set_extraction(config, args.workers, args.in_flight)
            site_cpu = _site_cpu(site.pid)
            out, use = _child(["--round", str(config)], env)
            site_cpu = _site_cpu(site.pid) - site_cpu
            st = out["stages"]
            round_s = out["call_seconds"]
            other = sum(st.get(k, 0.0) for k in WORK_STAGES if k != "pages")
            orch = round_s - sum(st.get(k, 0.0) for k in WORK_STAGES)
            row = {
                "pages": n,
                "bare": base_out["seconds"],
                "round": round_s,
                "ratio": round_s / base_out["seconds"],
                "peak_mb": use.peak / 1e6,
                "cpu": {"round": use.own_cpu, "workers": use.descendants_cpu, "site": site_cpu},
                "orch": orch,
                **out,
            }
            rows.append(row)
            print(
                f"{n:>6} {row['bare']:>7.2f} {base_out['two']:>7.2f} {round_s:>8.2f} {row['ratio']:>6.2f} "
                f"{row['peak_mb']:>8.0f} "
                f"{st.get('download', 0):>9.2f} {st.get('extract', 0):>8.2f} {st.get('store', 0):>6.2f} "
                f"{other:>6.2f} {orch:>6.2f} {100 * orch / round_s:>5.1f}%  {out['articles_new']}"
                + (f" ({out['pages_failed']} pages failed)" if out["pages_failed"] else ""),
                flush=True,
            )
            print("        stages: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(st.items())), flush=True)
            print(
                "        CPU s: "
                + ", ".join(f"{k} {v:.2f}" for k, v in row["cpu"].items())
                + f" (bare {base_out['cpu']:.2f})",
                flush=True,
            )
        print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return _verdict(rows)
    finally:
        if site.poll() is None:
            site.kill()
            site.wait(10)
        if args.keep:
            print(f"data kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def _site_cpu(pid: int) -> float:
    """CPU seconds the loopback site has used so far."""
    fields = _proc_stat(pid)
    return _cpu_seconds(fields) if fields else 0.0


def _set_extraction(config: Path, workers: int, in_flight: int | None) -> None:
    import tomllib

    import tomli_w

    data = tomllib.loads(config.read_text(encoding="utf-8"))
    data["extraction"]["workers"] = workers
    if in_flight:
        data["extraction"]["pages_in_flight"] = in_flight
    config.write_text(tomli_w.dumps(data), encoding="utf-8")


def _verdict(rows: list[dict]) -> int:
    big = [r for r in rows if r["pages"] >= 1000]
    ratio_ok = all(r["ratio"] <= RATIO_TARGET for r in big)
    peaks = [r["peak_mb"] for r in rows]
    memory_ok = max(peaks) <= MEMORY_TARGET_MB and (max(peaks) - min(peaks)) <= MEMORY_SPREAD * min(peaks)
    orch_ok = all(r["orch"] < ORCHESTRATION_SHARE * r["round"] for r in rows)
    complete = all(r["articles_new"] == r["pages"] for r in rows)
    print(f"round / bare at most {RATIO_TARGET} at 1,000 pages and more: {'yes' if ratio_ok else 'NO'}")
    print(
        f"peak memory at most {MEMORY_TARGET_MB} MB and within {MEMORY_SPREAD:.0%} across sizes: "
        f"{'yes' if memory_ok else 'NO'} ({min(peaks):.0f}-{max(peaks):.0f} MB)"
    )
    print(f"orchestration under {ORCHESTRATION_SHARE:.0%} of the round: {'yes' if orch_ok else 'NO'}")
    print(f"every page stored as an article: {'yes' if complete else 'NO'}")
    return 0 if ratio_ok and memory_ok and orch_ok and complete else 1


if __name__ == "__main__":
    sys.exit(main())
