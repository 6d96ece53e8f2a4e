"""``isswatch demo``: the whole product on a bundled corpus, served on 127.0.0.1, in two rounds.

Round 1 reads the baseline world (ISS operated until 2028); round 2 brings stories that the ISS will
now be operated until 2030, corroborated by independent outlets and the agency's newsroom, so the
second round records a change and prints its alert. Nothing beyond 127.0.0.1 is contacted: the demo
config allows only that address, and the address guard refuses every other private or public one.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import tomli_w

from isswatch.flows.demo_server import DemoServer
from isswatch.flows.output import err_console
from isswatch.flows.settings import load_settings

if TYPE_CHECKING:
    from isswatch.warehouse.lake import Lake

EXAMPLE_QUERIES = (
    (
        "the value reported for each fact",
        "SELECT fact, baseline_value, reported_value, last_change_at FROM fact_status",
    ),
    (
        "how the reports of the ISS's end of operations moved",
        "SELECT reported_at, value, status, outlet, sentence FROM fact_timeline "
        "WHERE fact = 'iss.operations_end' ORDER BY reported_at",
    ),
    (
        "why each entry was skipped",
        "SELECT skip_reason, count(*) AS n FROM entries WHERE skip_reason IS NOT NULL GROUP BY ALL ORDER BY n DESC",
    ),
)


def write_demo_config(server: DemoServer, data_dir: Path) -> Path:
    """A real config file for the demo: the loopback feeds, and 127.0.0.1 explicitly allowed."""
    config = {
        "data_dir": str(data_dir.resolve()),  # the config works from any directory
        "allow_hosts": ["127.0.0.1"],
        "http": {"deadline": 10, "connect_timeout": 5},
        "extraction": {"workers": 2, "timeout": 30},
        "alerts": {"console": True},
        "relevance": load_settings(None).relevance.model_dump(),
        "feeds": [
            {"url": server.feed_url(f.name), "name": f.title, "lang": f.lang, "primary": f.primary}
            for f in server.feeds.values()
        ],
    }
    path = data_dir / "isswatch.toml"
    path.write_text(
        "# Written by `isswatch demo`: the demo's feeds on a loopback server.\n" + tomli_w.dumps(config),
        encoding="utf-8",
    )
    return path


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _command_name() -> str:
    """How the user can type this command again: `isswatch` when it is on PATH, else its path."""
    invoked = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path("isswatch")
    on_path = shutil.which("isswatch")
    if invoked.name == "isswatch" and on_path and Path(on_path).resolve() == invoked.resolve():
        return "isswatch"
    return str(invoked) if invoked.name == "isswatch" else ".venv/bin/isswatch"


def _reset(data_dir: Path) -> None:
    """Start from an empty warehouse so that every demo shows the same two rounds (Prefect's home stays)."""
    for name in ("isswatch.duckdb", "isswatch.duckdb.wal"):
        (data_dir / name).unlink(missing_ok=True)
    shutil.rmtree(data_dir / "tmp", ignore_errors=True)


#: The demo's fixed port, so that its config, stored links and a later ``demo --serve`` agree.
DEMO_PORT = 8765


def _open_server(port: int | None) -> DemoServer:
    """The demo server on ``port``; with None, on DEMO_PORT, or any free port when that one is taken."""
    if port is not None:
        return DemoServer(port=port)
    try:
        return DemoServer(port=DEMO_PORT)
    except OSError:
        err_console.print(f"Port {DEMO_PORT} is taken: the demo uses another one this time.")
        return DemoServer(port=0)


class DemoResult(TypedDict):
    """What a demo did and left behind, for the tests that run it."""

    startup: float
    rounds: list[dict[str, Any]]
    warehouse: str
    config: str
    report: str
    base: str


def run_demo(*, data_dir: Path, port: int | None = 0, serve: bool = False) -> DemoResult:
    """Two rounds on the corpus, then the report; with ``serve``, the outlets stay online until Ctrl-C."""
    data_dir.mkdir(parents=True, exist_ok=True)
    _reset(data_dir)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from isswatch.flows.cli.invocation import Run
    from isswatch.flows.prefect_env import configure_prefect, quiet_tracebacks, start_ephemeral_api
    from isswatch.warehouse.connection import preflight

    preflight(data_dir / "isswatch.duckdb")
    configure_prefect(data_dir)
    quiet_tracebacks(data_dir / "isswatch.log" if Run.verbose else None)
    with _open_server(port) as server:
        config = write_demo_config(server, data_dir)
        settings = load_settings(config)
        err_console.print(
            f"[bold]isswatch demo[/]: {len(server.feeds)} feeds of fictional outlets served on {server.base}"
        )
        err_console.print("Starting Prefect's local API (no server or account needed)…")
        startup = start_ephemeral_api()
        err_console.print(f"Prefect ready in {startup:.1f} s.")
        from isswatch.flows.monitor import run_monitor

        summaries = []
        for n in (1, 2):
            server.set_round(n)
            started = time.monotonic()
            summary = run_monitor(config=str(config))
            summaries.append(summary)
            err_console.print(
                f"Round {n}: {_plural(summary['feeds_due'], 'feed')} polled ({summary['feeds_not_modified']} "
                f"unchanged, {summary['feeds_failed']} failed), {summary['entries_new']} new "
                f"{'entry' if summary['entries_new'] == 1 else 'entries'}, "
                f"{_plural(summary['articles_new'], 'article')}, {_plural(summary['claims_new'], 'claim')}, "
                f"{_plural(len(summary['changes']), 'change')}, in {time.monotonic() - started:.1f} s"
            )
        from isswatch.flows.report_page import write_report

        warehouse = settings.warehouse_path
        report = write_report(warehouse, data_dir / "report.html")
        server.files["/report.html"] = report
        _print_next_steps(warehouse, config, report)
        if serve:
            _serve_until_interrupted(server, config)
    return {
        "startup": startup,
        "rounds": summaries,
        "warehouse": str(warehouse),
        "config": str(config),
        "report": str(report),
        "base": server.base,
    }


def _print_next_steps(warehouse: Path | Lake, config: Path, report: Path) -> None:
    cmd = _command_name()
    print()
    print(f"The report is {report.resolve()}: open it in a browser (it works offline).")
    print(f"The warehouse is {warehouse}. Try:")
    for what, sql in EXAMPLE_QUERIES:
        print(f"  # {what}")
        print(f'  {cmd} query --config {config} "{sql}"')
    print(f"  {cmd} changes --config {config}")
    print(f"  {cmd} facts --config {config}")
    print(f"Or set ISSWATCH_CONFIG={config} once, and the README's commands read the demo's warehouse:")
    print(f"  export ISSWATCH_CONFIG={config}")


def _serve_until_interrupted(server: DemoServer, config: Path) -> None:
    """Keep the outlets (round 2) and the report online until Ctrl-C, for more rounds and the alert's links."""
    cmd = _command_name()
    err_console.print(
        f"[bold]Serving the demo outlets on {server.base}[/] until Ctrl-C "
        f"(report: {server.base}/report.html). In another terminal:"
    )
    err_console.print(f"  {cmd} run --config {config} --force")

    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)  # a service manager's stop, like Ctrl-C
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        err_console.print("Demo server stopped.")
    finally:
        signal.signal(signal.SIGTERM, previous)
