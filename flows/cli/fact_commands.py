"""``isswatch facts``: baseline and reported value per fact; rebaseline, mute, unmute, snooze."""

from __future__ import annotations

import datetime as dt
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
from isswatch.flows.output import Format, render
from isswatch.warehouse import queries

facts_app = new_app(invoke_without_command=True)

#: The table columns of `facts` without --wide.
FACTS_NARROW = ("fact", "baseline_value", "reported_value", "latest_claim", "latest_claim_at", "disagreements")


def parse_when(text: str, option: str) -> dt.datetime:
    """A date (YYYY-MM-DD, midnight UTC) or an ISO date-time; errors name the option."""
    try:
        if len(text.strip()) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(text.strip()), dt.time(), dt.UTC)
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{option} {text!r} is not a date such as 2026-05-01 (or 2026-05-01T08:00)") from None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@facts_app.callback()
def facts(
    ctx: typer.Context,
    config: Path | None = CONFIG_OPTION,
    fmt: Format = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
    columns: str | None = COLUMNS_OPTION,
) -> None:
    """Show each fact's baseline, the value currently reported (after corroboration), the latest value a
    claim gave, and whether it is muted or snoozed.

    Subcommands: rebaseline, mute, unmute, snooze."""
    if ctx.invoked_subcommand is not None:
        options_to_subcommand(ctx, "config", "fmt")
        return
    names, rows = queries.facts(existing_warehouse(settings_for(config)))
    render(names, rows, fmt, title="facts", narrow=FACTS_NARROW, wide=wide, only=columns)


@facts_app.command("rebaseline")
def rebaseline(
    key: str = typer.Argument(..., help="The fact's key, e.g. iss.operations_end."),
    value: str = typer.Argument(..., help="The new baseline: YYYY, YYYY-MM or YYYY-MM-DD."),
    source: str = typer.Option(..., "--source", help="Where the new value comes from."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Date of the new value (default: today); claims reported before it stop counting."
    ),
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Accept VALUE as the new baseline of fact KEY (recorded as a 'rebaseline' change, no alert)."""
    from isswatch.extractors.claims.catalogue import check_value
    from isswatch.warehouse.changes import rebaseline as do_rebaseline
    from isswatch.warehouse.connection import writer
    from isswatch.warehouse.facts import baseline_of

    check_value(value, f"value for {key}")
    when = parse_when(as_of, "--as-of").date() if as_of else None
    if not source.strip():
        raise InputError("--source must say where the new baseline comes from")
    path = existing_warehouse(settings_for(config))
    with writer(path) as con:
        old_baseline = baseline_of(con, key)
        record = do_rebaseline(con, key, value, source=source, as_of=when)
    reported = f"; the value reported was {record.old_value}" if record.old_value not in (old_baseline, value) else ""
    typer.echo(f"{key}: baseline {old_baseline} → {value} (source: {source.strip()}{reported})")


@facts_app.command("mute")
def mute(key: str = typer.Argument(..., help="The fact's key."), config: Path | None = CONFIG_OPTION) -> None:
    """Stop alerts about fact KEY (changes are still recorded and listed)."""
    _set(key, config, muted=True)
    typer.echo(f"{key}: muted")


@facts_app.command("unmute")
def unmute(key: str = typer.Argument(..., help="The fact's key."), config: Path | None = CONFIG_OPTION) -> None:
    """Send alerts about fact KEY again (ends a mute and a snooze)."""
    _set(key, config, muted=False)
    typer.echo(f"{key}: alerts on")


@facts_app.command("snooze")
def snooze(
    key: str = typer.Argument(..., help="The fact's key."),
    until: str = typer.Option(..., "--until", help="Date (UTC) when alerts resume, e.g. 2026-06-01."),
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Hold alerts about fact KEY until a date; changes detected meanwhile are recorded without alert."""
    when = parse_when(until, "--until")
    if when <= dt.datetime.now(dt.UTC):
        raise InputError(f"--until {until!r} is in the past")
    _set(key, config, snoozed_until=when)
    typer.echo(f"{key}: snoozed until {when.isoformat()}")


def _set(key: str, config: Path | None, *, muted: bool | None = None, snoozed_until: dt.datetime | None = None) -> None:
    from isswatch.warehouse.changes import set_muted
    from isswatch.warehouse.changes import snooze as do_snooze
    from isswatch.warehouse.connection import writer

    path = existing_warehouse(settings_for(config))
    with writer(path) as con:
        if muted is not None:
            set_muted(con, key, muted)
            if not muted:
                do_snooze(con, key, None)
        else:
            do_snooze(con, key, snoozed_until)
