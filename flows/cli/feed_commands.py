"""``isswatch feeds``: the configured feeds with their health; ``check``, ``enable`` and ``disable`` one;
``add``, ``remove``, ``import`` and ``export`` edit the config file.

``isswatch feeds`` reads the ``feed_health`` view (read-only) and adds configured feeds never polled yet;
``feeds check URL`` fetches and parses one feed exactly as a round would (same limits, same address
policy, same relevance terms) and explains the result on one screen, without writing anything;
``feeds enable URL`` / ``disable URL`` change a feed's state in the warehouse (docs/polling.md).
Feed edits go to the user's TOML config and keep its comments (``flows/feed_config.py``); a feed is
checked exactly as ``feeds check`` does before it is added, unless ``--no-check``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import asdict
from pathlib import Path
from typing import Any

import tomlkit
import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

from isswatch.extractors.errors import ConfigError, InputError
from isswatch.flows.cli.app_factory import new_app
from isswatch.flows.cli.invocation import settings_for
from isswatch.flows.cli.shared_options import (
    COLUMNS_OPTION,
    CONFIG_OPTION,
    FORMAT_OPTION,
    WIDE_OPTION,
    options_to_subcommand,
)
from isswatch.flows.feed_check import FeedCheck, check_feed
from isswatch.flows.feed_config import (
    add_feeds,
    configured_feeds,
    editable_config,
    load_document,
    read_opml,
    remove_feed,
    save_document,
    validated,
    write_opml,
)
from isswatch.flows.output import Format, err_console, inert, render
from isswatch.flows.settings import Settings

feeds_app = new_app(invoke_without_command=True)

#: Columns of the table view (json and csv carry every column of ``isswatch.warehouse.feeds.HEALTH_COLUMNS``).
TABLE_COLUMNS = (
    "feed",
    "url",
    "name",
    "lang",
    "state",
    "status",
    "last_success",
    "failures",
    "error_class",
    "next_poll",
    "entries",
    "relevant",
)
#: The table columns without --wide.
TABLE_NARROW = ("feed", "lang", "state", "status", "last_success", "failures", "error_class", "entries", "relevant")
#: Entries shown by ``feeds check`` in the table view (relevant ones first), to keep to one screen.
CHECK_ENTRIES_SHOWN = 12


def _when(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M") if value else None


def _state(row: dict[str, Any]) -> str:
    if row["disabled"]:
        return "disabled"
    if not row["configured"]:
        return "not in config"
    return row["last_outcome"] or "never polled"


@feeds_app.callback()
def feeds(
    ctx: typer.Context,
    config: Path | None = CONFIG_OPTION,
    fmt: Format = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
    columns: str | None = COLUMNS_OPTION,
) -> None:
    """List the feeds with their health: last outcome and HTTP status, last success, failures in a row,
    error class, next poll, entries and relevant entries. Configured feeds come first; feeds still in the
    warehouse but no longer in the config are listed after them.

    Subcommands: `check URL` fetches and explains one feed, `enable URL` and `disable URL`; `add URL`,
    `remove URL`, `import FILE.opml` and `export` edit the config file."""
    if ctx.invoked_subcommand is not None:
        options_to_subcommand(ctx, "config", "fmt")
        return
    from isswatch.warehouse.connection import reader
    from isswatch.warehouse.feeds import HEALTH_COLUMNS, health

    settings = settings_for(config)
    configured = settings.feed_states()
    if settings.warehouse_path.is_file():
        with reader(settings.warehouse_path) as con:
            rows = health(con, configured)
    else:
        err_console.print(f"No warehouse at {settings.warehouse_path} yet: showing the configured feeds.")
        rows = health(None, configured)
    if fmt is not Format.table or columns:
        render(HEALTH_COLUMNS, rows, fmt, only=columns)
        return
    table = []
    for r in rows:
        d = dict(zip(HEALTH_COLUMNS, r, strict=True))
        table.append(
            (
                d["name"] or d["url"],
                d["url"],
                d["name"],
                d["lang"],
                _state(d),
                d["last_status"],
                _when(d["last_success_at"]),
                d["consecutive_failures"],
                d["error_class"],
                _when(d["next_poll_at"]) or ("-" if d["disabled"] else "next round"),
                d["entries"],
                d["relevant_entries"],
            )
        )
    render(TABLE_COLUMNS, table, fmt, title="feeds", narrow=TABLE_NARROW, wide=wide)


# ----------------------------------------------------------------------------------------------- check


def _safe(value: object) -> str:
    """Untrusted text for a rich print: control and bidi characters visible, markup escaped."""
    return escape(inert(value))


def _explain(c: FeedCheck, console: Console) -> None:
    def line(label: str, value: Any) -> None:
        if value not in (None, "", []):
            console.print(f"  {label:<14} {_safe(str(value))}")

    console.print(f"[bold]Feed check[/] {_safe(c.url)}" + ("" if c.configured else "  (not in the config)"))
    line("addresses", c.address_policy)
    line("HTTP status", c.http_status)
    if c.retry_after is not None:
        line("Retry-After", f"{c.retry_after:g} s (a round waits at least this long before polling again)")
    if c.redirects:
        line("redirects", " -> ".join([*c.redirects, c.final_url or ""]))
    elif c.final_url and c.final_url != c.url:
        line("final URL", c.final_url)
    line("content type", c.content_type)
    line("encoding", c.encoding)
    line("format", c.format)
    line("title", c.title)
    if c.bytes is not None:
        line("size, time", f"{c.bytes:,} bytes in {c.seconds:.2f} s")
    line(
        "validators",
        ", ".join(
            x
            for x in (f"ETag {c.etag}" if c.etag else "", f"Last-Modified {c.last_modified}" if c.last_modified else "")
            if x
        ),
    )
    floors = [
        f"ttl {c.ttl_minutes} min" if c.ttl_minutes else "",
        f"max-age {c.max_age_seconds} s" if c.max_age_seconds else "",
    ]
    line("poll floor", ", ".join(x for x in floors if x))
    if c.usable:
        line("entries", f"{len(c.entries)}, {c.relevant_entries} relevant, {c.flagged_dates} with an untrusted date")
        shown = sorted(c.entries, key=lambda e: not e.relevant)[:CHECK_ENTRIES_SHOWN]
        for e in shown:
            mark = "[green]+[/]" if e.relevant else "[dim]-[/]"
            why = ", ".join(e.matched_terms) if e.relevant else (e.reason or "")
            when = f" {e.published}" if e.published else ""
            flag = f" [yellow]date {_safe(e.date_flag)}[/]" if e.date_flag else ""
            console.print(f"    {mark} {_safe(e.title[:70] or '(no title)')}  [dim]{_safe(why)}{_safe(when)}[/]{flag}")
        if len(c.entries) > len(shown):
            console.print(f"    … and {len(c.entries) - len(shown)} more (--format json lists them all)")
    for w in c.warnings:
        console.print(f"  [yellow]warning[/]        {_safe(w)}")
    if c.error:
        console.print(f"  [red]error[/]          {_safe(c.error_class or 'error')}: {_safe(c.error)}")
    console.print(
        "[green]usable[/]: a round would read this feed."
        if c.usable
        else "[red]not usable[/]: a round would record this poll as failed."
    )


@feeds_app.command()
def check(
    url: str = typer.Argument(..., help="The feed's URL (http or https)."),
    config: Path | None = CONFIG_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Fetch and parse one feed with the configured limits, address policy and relevance terms, and explain
    the result: HTTP status, final URL after redirects, content type, encoding, entries, the relevant ones
    with the terms they matched, untrusted dates, warnings and errors. Nothing is written.

    Exit code 0 when the feed is usable (answered 2xx and parsed as a feed), 1 otherwise. --format json gives
    every field and entry; csv and jsonl give one row per entry."""
    settings = settings_for(config)
    result = check_feed(url.strip(), settings)
    if fmt is Format.json:
        d = asdict(result)
        render(list(d), [list(d.values())], fmt)  # one object, in the usual array
    elif fmt in (Format.csv, Format.jsonl):  # one row per entry
        cols = ["title", "link", "published", "date_flag", "relevant", "matched_terms", "reason"]
        render(cols, [[getattr(e, c) for c in cols] for e in result.entries], fmt)  # lists become JSON text
    else:
        _explain(result, Console(highlight=False, soft_wrap=True))  # the terminal wraps, a pipe gets whole lines
    if not result.usable:
        raise typer.Exit(1)


# ------------------------------------------------------------------------------------ enable / disable


def _set(url: str, config: Path | None, disabled: bool, reason: str) -> None:
    from isswatch.warehouse.connection import writer
    from isswatch.warehouse.feeds import set_disabled, sync_feeds

    settings = settings_for(config)
    with writer(settings.warehouse_path) as con:
        sync_feeds(con, [f for f in settings.feed_states() if f.url == url])
        if not set_disabled(con, url, disabled, reason=reason):
            raise InputError(f"no feed {url} in the config or the warehouse (`isswatch feeds` lists them)")


@feeds_app.command()
def enable(
    url: str = typer.Argument(..., help="The feed's URL, as `isswatch feeds` lists it."),
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Re-enable a feed (disabled by you, or automatically after repeated failures): its failure count is
    cleared and the next round polls it."""
    _set(url.strip(), config, False, "")
    err_console.print(f"Enabled {_safe(url)}: the next round polls it.")


@feeds_app.command()
def disable(
    url: str = typer.Argument(..., help="The feed's URL, as `isswatch feeds` lists it."),
    reason: str = typer.Option("disabled by the user", help="Why (shown by `isswatch feeds`)."),
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Disable a feed: rounds skip it until `isswatch feeds enable URL`. Its stored entries and articles
    stay."""
    _set(url.strip(), config, True, reason)
    err_console.print(f"Disabled {_safe(url)}.")


# ------------------------------------------------------------------------- add / remove / import / export

NO_CHECK_OPTION = typer.Option(False, "--no-check", help="Add without fetching the feed first.")


def _validate_document(doc: tomlkit.TOMLDocument, path: Path) -> None:
    """The edited file must still load: same model, same messages as at start-up."""
    try:
        Settings(**tomllib.loads(tomlkit.dumps(doc)))
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ConfigError(f"the edit would make {where} invalid: {first.get('msg')}", source=str(path)) from None


def _usable_or_reason(url: str, config: Path | None) -> str | None:
    """None when a round could read the feed, else why not (the `feeds check` verdict)."""
    result = check_feed(url, settings_for(config))
    if result.usable:
        return None
    return f"{result.error_class or 'error'}: {result.error or 'not a feed'}"


def _where(path: Path, new: bool) -> str:
    return f"{path} (a new copy of the bundled default)" if new else str(path)


@feeds_app.command("add")
def add(
    url: str = typer.Argument(..., help="The feed's URL (http or https)."),
    name: str | None = typer.Option(None, help="A name to show (default: none; the feed's title is kept)."),
    lang: str | None = typer.Option(None, help="Language of the feed: en, fr or ru."),
    primary: bool = typer.Option(False, "--primary", help="An agency's own newsroom: a primary source."),
    no_check: bool = NO_CHECK_OPTION,
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Add a feed to the config file, after checking it as `feeds check` does (the file keeps its comments;
    the bundled default is first copied to ./isswatch.toml)."""
    entry = validated(url, name, lang, primary)
    path, new = editable_config(config)
    doc = load_document(path, copy_default=new)
    if any(f.get("url") == entry["url"] for f in configured_feeds(doc)):
        raise InputError(f"{entry['url']} is already in {path}")
    if not no_check and (reason := _usable_or_reason(entry["url"], config)):
        raise InputError(f"{entry['url']} is not usable ({reason}); --no-check adds it anyway")
    add_feeds(doc, [entry])
    _validate_document(doc, path)
    save_document(path, doc)
    err_console.print(f"Added {entry['url']} to {_where(path, new)}.")


@feeds_app.command("remove")
def remove(
    url: str = typer.Argument(..., help="The feed's URL, as in the config."), config: Path | None = CONFIG_OPTION
) -> None:
    """Remove a feed from the config file (its stored entries and articles stay in the warehouse)."""
    path, new = editable_config(config)
    doc = load_document(path, copy_default=new)
    if not remove_feed(doc, url.strip()):
        raise InputError(f"{url} is not in {path}")
    save_document(path, doc)
    err_console.print(f"Removed {url} from {_where(path, new)}.")


@feeds_app.command("import")
def import_opml(
    file: Path = typer.Argument(..., dir_okay=False, help="An OPML file (from any feed reader)."),
    no_check: bool = NO_CHECK_OPTION,
    config: Path | None = CONFIG_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Add the feeds of an OPML file to the config file: each is checked as `feeds check` does and added
    when usable; feeds already configured are skipped. Prints what happened to each."""
    try:
        data = file.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", source=str(file)) from None
    found = read_opml(data, source=str(file))
    path, new = editable_config(config)
    doc = load_document(path, copy_default=new)
    known = {f.get("url") for f in configured_feeds(doc)}
    rows, to_add = [], []
    for f in found:
        try:
            entry = validated(f.url, f.name, f.lang)
        except InputError as err:
            rows.append((f.url, f.name, f"invalid: {err}"))
            continue
        if entry["url"] in known:
            rows.append((f.url, f.name, "already configured"))
            continue
        reason = None if no_check else _usable_or_reason(entry["url"], config)
        if reason:
            rows.append((f.url, f.name, f"not usable: {reason}"))
            continue
        known.add(entry["url"])
        to_add.append(entry)
        rows.append((f.url, f.name, "added"))
    if to_add:
        add_feeds(doc, to_add)
        _validate_document(doc, path)
        save_document(path, doc)
    render(["url", "name", "result"], rows, fmt, title=f"import {file.name}")
    err_console.print(f"{len(to_add)} of {len(found)} feeds added to {_where(path, new)}.")


@feeds_app.command("export")
def export_opml(
    output: Path | None = typer.Option(
        None, "--output", "-o", dir_okay=False, help="Write to this file (default: stdout)."
    ),
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Write the configured feeds as OPML, which every feed reader imports."""
    settings = settings_for(config)
    text = write_opml([f.model_dump() for f in settings.feeds])
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror or err}", source=str(output)) from None
    err_console.print(f"Wrote {len(settings.feeds)} feeds to {output}.")
