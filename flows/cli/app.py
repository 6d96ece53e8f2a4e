"""The root ``isswatch`` command: global options, and every command registered here, by name."""

from __future__ import annotations

import typer

from isswatch.flows.cli import (
    alert_commands,
    backfill_commands,
    claim_commands,
    config_commands,
    fact_commands,
    feed_commands,
    round_commands,
    warehouse_commands,
)
from isswatch.flows.cli.app_factory import new_app
from isswatch.flows.cli.invocation import Run

app = new_app("Watch the news for changes in the reported end-of-life dates of the ISS.")


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


# In the order `isswatch --help` lists them.
app.command()(round_commands.run)
app.command()(round_commands.demo)
app.command()(round_commands.serve)
app.command()(warehouse_commands.query)
app.command()(warehouse_commands.changes)
app.command()(warehouse_commands.report)
app.command()(warehouse_commands.export)
app.command()(warehouse_commands.reprocess)
app.add_typer(fact_commands.facts_app, name="facts")
app.add_typer(alert_commands.alerts_app, name="alerts")
app.command("claims")(claim_commands.claims)
app.command("eval")(claim_commands.evaluate)
app.add_typer(feed_commands.feeds_app, name="feeds")
app.command("rounds")(round_commands.rounds)
app.add_typer(config_commands.config_app, name="config")
app.command("backfill")(backfill_commands.backfill)


def main() -> None:
    app()
