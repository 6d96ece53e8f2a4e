"""The ``isswatch`` command line (typer; sqlite-utils is the model).

Every command has a docstring (its --help); query-like commands share ``--format table|json|csv``;
data goes to stdout, logs and progress to stderr; bad input is one line and exit code 1, bad usage 2.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import typer

from extractors.catalogue import load_catalogue
from flows.cli_common import CONFIG_OPTION, err_console, new_app, settings_for, start_prefect
from flows.output import FORMAT_OPTION, Format, render
from warehouse import queries

app = new_app("Watch the news for changes in the reported end-of-life dates of the ISS.")


@app.command()
def run(config: Path | None = CONFIG_OPTION,
        force: bool = typer.Option(False, "--force", help="Poll every feed, even those not due yet."),
        fmt: Format = FORMAT_OPTION) -> None:
    """Run one polling round against the configured feeds (a Prefect flow run)."""
    settings = settings_for(config)
    load_catalogue(settings.catalogue)  # a bad catalogue is one line here, not a failed flow run
    start_prefect(settings)
    from flows.prefect_env import start_ephemeral_api

    startup = start_ephemeral_api()
    if startup:
        err_console.print(f"Prefect's local API started in {startup:.1f} s.")
    from flows.monitor import run_monitor

    summary = run_monitor(config=str(config) if config else None, force=force)
    _print_summary(summary, fmt)


def _print_summary(summary: dict, fmt: Format) -> None:
    keys = ["round_id", "feeds_due", "feeds_ok", "feeds_not_modified", "feeds_failed", "entries_new",
            "pages_fetched", "articles_new", "claims_new", "alerts_sent", "seconds"]
    row = [summary.get(k) if k != "seconds" else round(summary.get(k, 0.0), 2) for k in keys]
    render([*keys, "changes"], [[*row, len(summary.get("changes", []))]], fmt, title="round")


@app.command()
def demo(port: int = typer.Option(0, help="Loopback port for the demo feeds (0: any free port)."),
         data_dir: Path = typer.Option(Path("data/demo"), help="Where the demo warehouse is written.")) -> None:
    """Run two polling rounds over a bundled corpus served on 127.0.0.1, and show the alert."""
    from flows.demo import run_demo

    run_demo(data_dir=data_dir, port=port)


@app.command()
def serve(config: Path | None = CONFIG_OPTION,
          cron: str | None = typer.Option(None, help="Cron schedule (default: `schedule` from config)."),
          interval: float | None = typer.Option(None, min=1, help="Run every this many seconds instead of cron."),
          once: bool = typer.Option(False, "--run-once", help="Run one round at start, then keep the schedule.")
          ) -> None:
    """Run the monitor flow on its cron schedule (starts a local Prefect server if none is configured)."""
    settings = settings_for(config)
    load_catalogue(settings.catalogue)
    start_prefect(settings)
    from flows.serve import serve_monitor

    serve_monitor(settings, config=config, cron=cron or settings.schedule, interval=interval, run_once=once)


@app.command()
def query(sql: str = typer.Argument(..., help="SQL to run on the warehouse (read-only)."),
          config: Path | None = CONFIG_OPTION, fmt: Format = FORMAT_OPTION) -> None:
    """Run SQL on the warehouse, read-only. Views: fact_status, fact_timeline, claim_details, change_log,
    disagreements, feed_health."""
    settings = settings_for(config)
    columns, rows = queries.user_query(settings.warehouse_path, sql)
    render(columns, rows, fmt)


@app.command()
def changes(config: Path | None = CONFIG_OPTION,
            fact: str | None = typer.Option(None, help="Only this fact (a catalogue key)."),
            limit: int = typer.Option(100, min=1, help="At most this many rows, newest first."),
            fmt: Format = FORMAT_OPTION) -> None:
    """List recorded changes and disagreements of reported dates, newest first."""
    settings = settings_for(config)
    columns, rows = queries.changes(settings.warehouse_path, fact=fact, limit=limit)
    render(columns, rows, fmt, title="changes")


@app.command()
def reprocess(config: Path | None = CONFIG_OPTION,
              everything: bool = typer.Option(False, "--all", help="Also articles already read by this version."),
              fmt: Format = FORMAT_OPTION) -> None:
    """Re-read stored article texts with the current claim extractor (nothing is fetched) and replace
    their claims, so an improved extractor reaches the history."""
    from flows.reprocess import reprocess as run_reprocess

    settings = settings_for(config)
    totals = run_reprocess(settings, everything=everything)
    render(list(totals), [list(totals.values())], fmt, title="reprocess")


for _name in ("flows.cli_facts", "flows.cli_alerts", "flows.cli_claims", "flows.cli_feeds", "flows.cli_backfill"):
    try:
        importlib.import_module(_name).register(app)
    except ModuleNotFoundError as _err:
        if _err.name != _name:
            raise


def main() -> None:
    app()


if __name__ == "__main__":
    main()
