"""``isswatch feeds``: the configured feeds with their health; ``check``, ``enable`` and ``disable`` one.

``isswatch feeds`` reads the ``feed_health`` view (read-only) and adds configured feeds never polled yet;
``feeds check URL`` fetches and parses one feed exactly as a round would (same limits, same address
policy, same relevance terms) and explains the result on one screen, without writing anything;
``feeds enable URL`` / ``disable URL`` change a feed's state in the warehouse (docs/polling.md).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from isswatch.extractors.errors import FetchError, HTTPStatusError, InputError, IsswatchError
from isswatch.flows.cli_common import CONFIG_OPTION, ErrorsAsMessages, err_console, options_to_subcommand, settings_for
from isswatch.flows.output import COLUMNS_OPTION, FORMAT_OPTION, WIDE_OPTION, Format, inert, render
from isswatch.flows.settings import Settings

feeds_app = typer.Typer(
    cls=ErrorsAsMessages,
    add_completion=False,
    rich_markup_mode=None,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
)

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


@dataclass
class CheckedEntry:
    title: str
    link: str | None
    published: str | None
    date_flag: str | None
    relevant: bool
    matched_terms: list[str]
    reason: str | None


@dataclass
class FeedCheck:
    """What ``feeds check`` found; ``usable`` when the feed answered 2xx and parsed as a feed."""

    url: str
    usable: bool = False
    configured: bool = False
    address_policy: str = ""
    http_status: int | None = None
    final_url: str | None = None
    redirects: list[str] = field(default_factory=list)
    content_type: str | None = None
    encoding: str | None = None
    format: str | None = None
    title: str | None = None
    bytes: int | None = None
    seconds: float | None = None
    etag: str | None = None
    last_modified: str | None = None
    ttl_minutes: int | None = None
    max_age_seconds: int | None = None
    entries: list[CheckedEntry] = field(default_factory=list)
    relevant_entries: int = 0
    flagged_dates: int = 0
    warnings: list[str] = field(default_factory=list)
    retry_after: float | None = None
    error_class: str | None = None
    error: str | None = None


def check_feed(url: str, settings: Settings) -> FeedCheck:
    """Fetch and parse one feed with the configured limits, address policy and relevance terms."""
    from isswatch.extractors.fetching.downloads import fetch, make_client
    from isswatch.extractors.fetching.feed_parsing import parse_feed
    from isswatch.extractors.pages.relevance import judge

    feed = next((f for f in settings.feeds if f.url == url), None)
    policy = settings.address_policy()
    limits = settings.fetch_limits("feed")
    out = FeedCheck(url=url, configured=feed is not None, address_policy=policy.describe())
    started = time.monotonic()
    try:
        with make_client(limits, policy, max_connections=2) as client:
            res = fetch(url, client=client, limits=limits)
    except HTTPStatusError as err:
        out.http_status, out.error_class, out.error = err.status, err.kind, str(err)
        out.retry_after = err.retry_after
        out.seconds = time.monotonic() - started
        return out
    except FetchError as err:
        out.error_class, out.error, out.seconds = err.kind, str(err), time.monotonic() - started
        return out
    out.seconds = res.elapsed
    out.http_status, out.final_url, out.redirects = res.status, res.final_url, list(res.redirects)
    out.content_type, out.bytes = res.content_type, len(res.body)
    out.etag, out.last_modified, out.max_age_seconds = res.etag, res.last_modified, res.cache_max_age
    try:
        parsed = parse_feed(res.body, url=res.final_url, content_type=res.content_type)
    except IsswatchError as err:
        out.error_class, out.error = err.kind, str(err)
        return out
    out.usable = True
    out.encoding, out.format, out.title = parsed.encoding, parsed.version, parsed.title
    out.ttl_minutes, out.warnings = parsed.ttl_minutes, list(parsed.warnings)
    terms = [*settings.relevance.all_terms(), *(feed.terms if feed else ())]
    for e in parsed.entries:
        if feed is not None and feed.all_relevant:
            relevant, matched, reason = True, (), None
        else:
            verdict = judge([e.title, e.summary], terms, where="title and summary")
            relevant, matched, reason = verdict.relevant, verdict.matched, None if verdict.relevant else verdict.reason
        if relevant and not e.link:
            relevant, reason = False, "entry has no link"
        out.entries.append(
            CheckedEntry(
                e.title,
                e.link,
                e.published.isoformat() if e.published else e.published_raw,
                e.date_flag,
                relevant,
                list(matched),
                reason,
            )
        )
    out.relevant_entries = sum(e.relevant for e in out.entries)
    out.flagged_dates = sum(bool(e.date_flag) for e in out.entries)
    if not parsed.entries:
        out.warnings.append("the feed has no entries")
    return out


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


def register(app: typer.Typer) -> None:
    app.add_typer(feeds_app, name="feeds")
