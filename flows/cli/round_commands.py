"""Rounds: ``run`` one now, ``serve`` them on a schedule, ``demo`` two over a bundled corpus, list ``rounds``.

A round is ``running``, ``completed``, ``failed`` (it raised, and said so before ending) or ``crashed``
(its process died: SIGKILL, OOM, power loss; the next round's start closes it with the counts of what it
stored). ``rounds`` is read-only: a round still marked running whose process is gone on this host is
shown as ``crashed (closed at the next start)``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import typer

from isswatch.extractors.claims.catalogue import load_catalogue
from isswatch.extractors.errors import InputError
from isswatch.flows.cli.invocation import busy, settings_for, start_prefect
from isswatch.flows.cli.shared_options import CONFIG_OPTION, FORMAT_OPTION
from isswatch.flows.output import Format, err_console, render
from isswatch.warehouse import queries

#: Exit status of `run` when every feed polled failed (or, with --strict, when any did): cron mails it.
EXIT_FEEDS_FAILED = 3


def run(
    config: Path | None = CONFIG_OPTION,
    force: bool = typer.Option(False, "--force", help="Poll every feed, even those not due yet."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's logs (INFO) of the round."),
    strict: bool = typer.Option(
        False,
        "--strict",
        help=f"Exit {EXIT_FEEDS_FAILED} when any feed failed (default: only when every feed polled failed).",
    ),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Run one polling round against the configured feeds (a Prefect flow run) and print a one-line summary.

    Exit status: 0 done; 1 bad input, such as no feed configured; 3 every feed polled failed (with
    --strict: any feed failed), so that cron notices."""
    settings = settings_for(config)
    load_catalogue(settings.catalogue)  # a bad catalogue is one line here, not a failed flow run
    if not settings.feeds:
        raise InputError(
            f"no feed configured in {settings.source}: add one with `isswatch feeds add URL` "
            "or `isswatch feeds import FILE.opml`"
        )
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
    else:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    start_prefect(settings)
    from isswatch.flows.prefect_env import start_ephemeral_api

    with busy("Starting Prefect's local API…"):
        startup = start_ephemeral_api()
    if startup and verbose:
        err_console.print(f"Prefect's local API started in {startup:.1f} s.")
    from isswatch.flows.monitor import run_monitor
    from isswatch.flows.progress import round_progress

    with contextlib.nullcontext() if verbose else round_progress(err_console):
        summary = run_monitor(config=str(config) if config else None, force=force)
    _print_summary(summary, fmt)
    due, failed = summary.get("feeds_due", 0), summary.get("feeds_failed", 0)
    if failed and (strict or failed == due):
        err_console.print(f"{failed} of {due} feeds failed: `isswatch feeds` shows why.")
        raise typer.Exit(EXIT_FEEDS_FAILED)


def summary_line(summary: dict[str, Any]) -> str:
    """One line for a round: what was polled, found and alerted, and how long it took."""
    changes = len(summary.get("changes", []))
    entries = summary.get("entries_new", 0)

    def n(count: int, word: str) -> str:
        return f"{count} {word}" + ("" if count == 1 else "s")

    return (
        f"Round {summary.get('round_id', '?')}: {n(summary.get('feeds_due', 0), 'feed')} polled "
        f"({summary.get('feeds_not_modified', 0)} unchanged, {summary.get('feeds_failed', 0)} failed), "
        f"{entries} new {'entry' if entries == 1 else 'entries'}, "
        f"{n(summary.get('articles_new', 0), 'article')}, {n(summary.get('claims_new', 0), 'claim')}, "
        f"{n(changes, 'change')}, {n(summary.get('alerts_sent', 0), 'alert')} sent, "
        f"in {summary.get('seconds', 0.0):.1f} s"
    )


def _print_summary(summary: dict[str, Any], fmt: Format) -> None:
    if fmt is Format.table:
        print(summary_line(summary))
        return
    keys = [
        "round_id",
        "feeds_due",
        "feeds_ok",
        "feeds_not_modified",
        "feeds_failed",
        "entries_new",
        "pages_fetched",
        "articles_new",
        "claims_new",
        "alerts_sent",
        "seconds",
    ]
    row = [summary.get(k) if k != "seconds" else round(summary.get(k, 0.0), 2) for k in keys]
    render([*keys, "changes"], [[*row, len(summary.get("changes", []))]], fmt, title="round")


def demo(
    port: int | None = typer.Option(
        None,
        help="Loopback port for the demo feeds (default 8765, or any free port when it is taken; 0: any free port).",
    ),
    data_dir: Path = typer.Option(Path("data/demo"), help="Where the demo warehouse is written."),
    serve: bool = typer.Option(
        False, "--serve", help="Keep the demo's outlets and report online after the rounds, until Ctrl-C."
    ),
) -> None:
    """Run two polling rounds over a bundled corpus served on 127.0.0.1, show the alert, and write the
    timeline report (its path is printed). With --serve the outlets stay online for more rounds."""
    from isswatch.flows.demo import run_demo

    run_demo(data_dir=data_dir, port=port, serve=serve)


def serve(
    config: Path | None = CONFIG_OPTION,
    cron: str | None = typer.Option(None, help="Cron schedule (default: `schedule` from config)."),
    interval: float | None = typer.Option(None, min=1, help="Run every this many seconds instead of cron."),
    once: bool = typer.Option(False, "--run-once", help="Run one round at start, then keep the schedule."),
    report_port: int | None = typer.Option(
        None, "--report-port", help="Also serve the timeline report on 127.0.0.1 at this port, fresh at each reload."
    ),
) -> None:
    """Run the monitor flow on its cron schedule (starts a local Prefect server if none is configured);
    with --report-port, the timeline report is served on 127.0.0.1 too."""
    settings = settings_for(config)
    load_catalogue(settings.catalogue)
    if report_port is not None:
        from isswatch.flows.report_page import ReportServer, write_report

        out = settings.data_dir / "report.html"
        try:
            server = ReportServer(
                out, port=report_port, refresh=lambda: write_report(settings.warehouse_path, out)
            ).start()
        except OSError as err:
            raise InputError(f"cannot serve the report on 127.0.0.1:{report_port}: {err.strerror or err}") from None
        err_console.print(f"The report is served on {server.url}.")
    start_prefect(settings)
    from isswatch.flows.serve import serve_monitor

    serve_monitor(settings, config=config, cron=cron or settings.schedule, interval=interval, run_once=once)


def rounds(
    config: Path | None = CONFIG_OPTION,
    limit: int = typer.Option(20, min=1, help="At most this many rounds, newest first."),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """List polling rounds, newest first: status (running, completed, failed, crashed), times, counts
    of what each stored, and the error of a failed or crashed round."""
    names, rows = queries.rounds(settings_for(config).warehouse_path, limit=limit)
    render(names, rows, fmt, title="rounds")
