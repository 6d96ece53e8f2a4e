"""``isswatch alerts``: the outbox and its delivery state, a test message, a retry now."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import typer

from isswatch.extractors.errors import IsswatchError
from isswatch.flows.cli_common import CONFIG_OPTION, options_to_subcommand, settings_for
from isswatch.flows.output import COLUMNS_OPTION, FORMAT_OPTION, WIDE_OPTION, Format, inert, render

alerts_app = typer.Typer(add_completion=False, rich_markup_mode=None, invoke_without_command=True)

STATES = ("pending", "retrying", "delivered")


@contextlib.contextmanager
def one_line_errors() -> Iterator[None]:
    """Any isswatch error becomes one line on stderr and exit code 1 (also when run without cli.py)."""
    try:
        yield
    except IsswatchError as err:
        typer.echo(f"Error: {inert(err)}", err=True)
        raise typer.Exit(1) from None


def existing_warehouse(config: Path | None) -> Path:
    from isswatch.extractors.errors import WarehouseError

    path = settings_for(config).warehouse_path
    if not path.is_file():
        raise WarehouseError(f"no warehouse at {path}: run `isswatch run` or `isswatch demo` first")
    return path


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
    from isswatch.warehouse.connection import reader
    from isswatch.warehouse.outbox import ALERTS
    from isswatch.warehouse.queries import run_sql

    with one_line_errors():
        if state is not None and state not in STATES:
            raise IsswatchError(f"--state {state!r} is not one of {', '.join(STATES)}")
        path = existing_warehouse(config)
        where, params = [], []
        if fact:
            where.append("fact = ?")
            params.append(fact)
        if state:
            where.append("state = ?")
            params.append(state)
        sql = ALERTS.format(where=("WHERE " + " AND ".join(where)) if where else "")
        with reader(path) as con:
            names, rows = run_sql(con, sql, [*params, limit])
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

    with one_line_errors():
        settings = settings_for(config)
        where = send_test(url, settings.address_policy())
    typer.echo(f"Test message sent to {where}")


@alerts_app.command("retry")
def retry(config: Path | None = CONFIG_OPTION) -> None:
    """Retry undelivered alerts now, ignoring their backoff (exit code 1 if some still fail)."""
    from isswatch.flows.alerts import deliver_pending

    with one_line_errors():
        settings = settings_for(config)
        path = existing_warehouse(config)
        report = deliver_pending(path, settings.alert_channels(), force=True)
    for err in report.errors:
        typer.echo(f"Error: {inert(err)}", err=True)
    typer.echo(f"{report.sent} alert(s) delivered, {report.failed} failed", err=True)
    if report.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(alerts_app, name="alerts")
