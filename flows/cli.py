"""The ``isswatch`` command line (typer; sqlite-utils is the model).

Every command has a docstring (its --help); query-like commands share ``--format table|json|csv``;
data goes to stdout, logs and progress to stderr; bad input is one line and exit code 1, bad usage 2.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from pathlib import Path

import typer

from isswatch.extractors.claims.catalogue import load_catalogue
from isswatch.extractors.errors import InputError
from isswatch.flows.cli_common import CONFIG_OPTION, Run, err_console, new_app, settings_for, start_prefect
from isswatch.flows.output import COLUMNS_OPTION, FORMAT_OPTION, WIDE_OPTION, Format, render
from isswatch.warehouse import queries

#: The table columns of `changes` without --wide.
CHANGES_NARROW = ("detected_at", "fact", "kind", "old_value", "new_value", "qualifier", "speaker")

app = new_app("Watch the news for changes in the reported end-of-life dates of the ISS.")


#: Exit status of `run` when every feed polled failed (or, with --strict, when any did): cron mails it.
EXIT_FEEDS_FAILED = 3


@app.command()
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

    with _busy("Starting Prefect's local API…"):
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


def _busy(message: str):
    """A spinner on stderr when it is a terminal; nothing in a pipe or under cron."""
    if err_console.is_terminal:
        return err_console.status(message)
    return contextlib.nullcontext()


def summary_line(summary: dict) -> str:
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


def _print_summary(summary: dict, fmt: Format) -> None:
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


@app.command()
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


@app.command()
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


@app.command()
def query(
    sql: str = typer.Argument(..., help="SQL to run on the warehouse (read-only)."),
    config: Path | None = CONFIG_OPTION,
    fmt: Format = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
    columns: str | None = COLUMNS_OPTION,
) -> None:
    """Run SQL on the warehouse, read-only: nothing stored can change and no other file is read or written
    (`isswatch export` writes files). Several statements run in order; the table format shows each result.
    Views: fact_status, fact_timeline, claim_details, change_log, disagreements, alert_status, feed_health,
    entry_skips."""
    settings = settings_for(config)
    if fmt in (Format.csv, Format.jsonl) and queries.statement_count(sql) == 1:
        stream = queries.stream_query(settings.warehouse_path, sql)
        names = next(stream)
        render(names, stream, fmt, only=columns)
        return
    results = [r for r in queries.user_queries(settings.warehouse_path, sql) if r[0]]
    if len(results) > 1 and fmt is not Format.table:
        raise InputError(
            f"{len(results)} statements return rows: --format {fmt.value} writes one result; run "
            "them one at a time, or use --format table to see each"
        )
    for i, (names, rows) in enumerate(results):
        if i:
            print()
        render(names, rows, fmt, wide=wide, only=columns)


@app.command()
def changes(
    config: Path | None = CONFIG_OPTION,
    fact: str | None = typer.Option(None, help="Only this fact (a catalogue key)."),
    limit: int = typer.Option(100, min=1, help="At most this many rows, newest first."),
    fmt: Format = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
    columns: str | None = COLUMNS_OPTION,
) -> None:
    """List recorded changes and disagreements of reported dates, newest first (the table shows the values;
    --wide adds the sentence and the articles)."""
    settings = settings_for(config)
    names, rows = queries.changes(settings.warehouse_path, fact=fact, limit=limit)
    render(names, rows, fmt, title="changes", narrow=CHANGES_NARROW, wide=wide, only=columns)


@app.command()
def report(
    config: Path | None = CONFIG_OPTION,
    output: Path | None = typer.Option(
        None, "--output", "-o", dir_okay=False, help="HTML file to write (default: report.html in the data dir)."
    ),
    serve_it: bool = typer.Option(
        False, "--serve", help="Also serve it on 127.0.0.1 until Ctrl-C, rewritten at each reload."
    ),
    port: int = typer.Option(8766, help="Port for --serve (0: any free port)."),
) -> None:
    """Write the timeline report: one self-contained HTML file (opens offline) with, per fact, the claims
    by report date and claimed date, the accepted value over the baseline, changes and disagreements;
    then the changes with their evidence and the feeds' health. Prints the file's path."""
    from isswatch.flows.report_page import ReportServer, write_report

    settings = settings_for(config)
    out = output or settings.data_dir / "report.html"
    path = write_report(settings.warehouse_path, out)
    print(path)
    if serve_it:
        try:
            server = ReportServer(path, port=port, refresh=lambda: write_report(settings.warehouse_path, out))
        except OSError as err:
            raise InputError(f"cannot serve on 127.0.0.1:{port}: {err.strerror or err}") from None
        err_console.print(f"Serving the report on {server.url} until Ctrl-C (each reload rewrites it).")
        try:
            server.httpd.serve_forever()
        except KeyboardInterrupt:
            err_console.print("Stopped.")
        finally:
            server.httpd.server_close()


@app.command()
def export(
    directory: Path = typer.Argument(..., file_okay=False, help="Directory to write the files into."),
    config: Path | None = CONFIG_OPTION,
    export_format: str = typer.Option("parquet", "--format", "-f", help="parquet or csv."),
    tables: bool = typer.Option(False, "--tables", help="Also every table, not only the views."),
    fmt: Format = typer.Option(Format.table, "--list-format", help="How the list of files is printed."),
) -> None:
    """Write every view (fact_status, claim_details, fact_timeline, change_log, disagreements, alert_status,
    feed_health, entry_skips), and every table with --tables, to DIR as Parquet (types kept, for pandas,
    Polars or a BI tool) or CSV (lists as JSON text, ISO times). Lists the files written."""
    from isswatch.warehouse.export import export as run_export

    if export_format not in ("parquet", "csv"):
        raise InputError(f"--format {export_format!r} is not parquet or csv")
    settings = settings_for(config)
    done = run_export(settings.warehouse_path, directory, fmt=export_format, tables=tables)  # type: ignore[arg-type]
    render(
        ["name", "kind", "rows", "file"], [(e.name, e.kind, e.rows, str(e.path)) for e in done], fmt, title="exported"
    )


@app.command()
def reprocess(
    config: Path | None = CONFIG_OPTION,
    everything: bool = typer.Option(False, "--all", help="Also articles already read by this version."),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Re-read stored article texts with the current claim extractor (nothing is fetched) and replace
    their claims, so an improved extractor reaches the history."""
    from isswatch.flows.reprocessing import reprocess as run_reprocess

    settings = settings_for(config)
    totals = run_reprocess(settings, everything=everything)
    render(list(totals), [list(totals.values())], fmt, title="reprocess")


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"isswatch {version('isswatch')}")
        except PackageNotFoundError:
            typer.echo("isswatch (not installed)")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: bool = typer.Option(
        False, "--verbose", help="On failure, append the traceback (and Prefect's log) to <data_dir>/isswatch.log."
    ),
    show_version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
    ),
) -> None:
    """Watch the news for changes in the reported end-of-life dates of the ISS."""
    Run.verbose = verbose


for _name in (
    "isswatch.flows.cli_facts",
    "isswatch.flows.cli_alerts",
    "isswatch.flows.cli_claims",
    "isswatch.flows.cli_feeds",
    "isswatch.flows.cli_rounds",
    "isswatch.flows.cli_config",
    "isswatch.flows.cli_backfill",
):
    try:
        importlib.import_module(_name).register(app)
    except ModuleNotFoundError as _err:
        if _err.name != _name:
            raise


def main() -> None:
    app()


if __name__ == "__main__":
    main()
