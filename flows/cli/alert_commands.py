"""``isswatch alerts``: the outbox and its delivery state, a test message, a retry now."""

from __future__ import annotations

from pathlib import Path

import typer

from isswatch.extractors.errors import InputError
from isswatch.flows.cli.app_factory import new_app
from isswatch.flows.cli.invocation import existing_warehouse, settings_for
from isswatch.flows.cli.shared_options import (
    COLUMNS_OPTION,
    CONFIG_OPTION,
    FORMAT_OPTION,
    WIDE_OPTION,
    options_to_subcommand,
)
from isswatch.flows.output import Format, inert, render
from isswatch.warehouse import queries

alerts_app = new_app(invoke_without_command=True)

#: The table columns of `alerts` without --wide.
ALERTS_NARROW = ("created_at", "fact", "kind", "channel", "state", "attempts", "last_error")


@alerts_app.callback()
def alerts(
    ctx: typer.Context,
    config: Path | None = CONFIG_OPTION,
    fact: str | None = typer.Option(None, help="Only alerts about this fact."),
    state: str | None = typer.Option(None, help="Only alerts in this state: pending, retrying, delivered."),
    limit: int = typer.Option(100, min=1, help="At most this many rows, newest first."),
    fmt: Format = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
    columns: str | None = COLUMNS_OPTION,
) -> None:
    """List alerts (one row per change and channel) with their delivery state, newest first.

    Subcommands: `test URL` sends a test message, `retry` sends undelivered alerts now."""
    if ctx.invoked_subcommand is not None:
        options_to_subcommand(ctx, "config", "fact", "state", "limit", "fmt")
        return
    if state is not None and state not in queries.ALERT_STATES:
        raise InputError(f"--state {state!r} is not one of {', '.join(queries.ALERT_STATES)}")
    path = existing_warehouse(settings_for(config))
    names, rows = queries.alerts(path, fact=fact, state=state, limit=limit)
    render(names, rows, fmt, title="alerts", narrow=ALERTS_NARROW, wide=wide, only=columns)


@alerts_app.command("test")
def test(
    url: str = typer.Argument(
        ..., help="An apprise URL, e.g. mailtos://user:pass@example.org or json://hooks.example.org/isswatch."
    ),
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Send a test message through one apprise URL and report the result (exit code 1 on failure).

    The URL passes the same address guard as feeds: private and loopback hosts need allow_hosts.
    """
    from isswatch.flows.alerts import send_test

    where = send_test(url, settings_for(config).address_policy())
    typer.echo(f"Test message sent to {where}")


@alerts_app.command("retry")
def retry(config: Path | None = CONFIG_OPTION) -> None:
    """Retry undelivered alerts now, ignoring their backoff (exit code 1 if some still fail)."""
    from isswatch.flows.alerts import deliver_pending

    settings = settings_for(config)
    path = existing_warehouse(settings)
    report = deliver_pending(path, settings.alert_channels(), force=True)
    for err in report.errors:
        typer.echo(f"Error: {inert(err)}", err=True)
    typer.echo(f"{report.sent} alert(s) delivered, {report.failed} failed", err=True)
    if report.failed:
        raise typer.Exit(1)
