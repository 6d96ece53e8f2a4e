"""Feed rows: configured feeds, their polling state and health.

Health rules (a polite poller, like the best feed readers; docs/polling.md):

- every poll is a row in ``polls`` (outcome ok | not_modified | error, HTTP status, error class, the
  parser's warnings, new entries) and updates the feed's state in ``feeds``;
- after a failure the next poll waits ``5 min × 2^(failures-1)``, at most a day, or what Retry-After
  asked if that is longer (also capped at a day);
- a successful poll clears the failure count; the feed's RSS ttl or Cache-Control max-age is a floor on
  the next poll. The floor of the last full answer is remembered (``min_interval_seconds``), so that a
  304, which carries no ttl, still respects it;
- after ``DISABLE_AFTER`` failures in a row the feed is disabled, with the reason, until the user
  re-enables it (``isswatch feeds enable URL``), which clears the count and makes it due at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

import duckdb

from isswatch.extractors.fetching.polling import FeedState, PollResult
from isswatch.warehouse.backoff import Backoff
from isswatch.warehouse.connection import scalar
from isswatch.warehouse.writes import insert_new, upsert

#: The wait after a failed poll: 5 minutes, doubling, at most a day.
POLL_BACKOFF = Backoff(dt.timedelta(minutes=5), dt.timedelta(days=1))
BACKOFF_BASE, BACKOFF_MAX = POLL_BACKOFF.base, POLL_BACKOFF.maximum
DISABLE_AFTER = 10

#: Columns of ``health`` (the ``feed_health`` view plus whether the feed is in the current config).
HEALTH_COLUMNS = (
    "url",
    "name",
    "lang",
    "configured",
    "disabled",
    "disabled_reason",
    "last_outcome",
    "last_status",
    "last_polled_at",
    "last_success_at",
    "consecutive_failures",
    "error_class",
    "last_error",
    "next_poll_at",
    "entries",
    "relevant_entries",
)


def sync_feeds(con: duckdb.DuckDBPyConnection, feeds: Iterable[FeedState]) -> int:
    """Add configured feeds not stored yet, and refresh name, lang and primary of the others."""
    now = dt.datetime.now(dt.UTC)
    rows = [{"url": f.url, "name": f.name, "lang": f.lang, "is_primary": f.primary, "added_at": now} for f in feeds]
    added = insert_new(con, "feeds", ["url"], rows)
    upsert(con, "feeds", ["url"], [{k: r[k] for k in ("url", "name", "lang", "is_primary")} for r in rows])
    return added


def due_feeds(
    con: duckdb.DuckDBPyConnection,
    configured: Sequence[FeedState],
    *,
    now: dt.datetime | None = None,
    force: bool = False,
) -> tuple[list[FeedState], list[str]]:
    """Configured feeds to poll now (with the validators stored for them), and the urls skipped with the reason.

    ``force`` polls feeds that are not due yet (backoff, ttl), never disabled ones.
    """
    now = now or dt.datetime.now(dt.UTC)
    state = {
        r[0]: r[1:]
        for r in con.execute("SELECT url, etag, last_modified, next_poll_at, disabled FROM feeds").fetchall()
    }
    due: list[FeedState] = []
    skipped: list[str] = []
    for f in configured:
        etag, last_modified, next_poll_at, disabled = state.get(f.url, (None, None, None, False))
        if disabled:
            skipped.append(f"{f.url}: disabled")
            continue
        if not force and next_poll_at is not None and next_poll_at > now:
            skipped.append(f"{f.url}: not due before {next_poll_at:%Y-%m-%d %H:%M} UTC")
            continue
        due.append(replace(f, etag=etag, last_modified=last_modified))
    return due, skipped


def backoff(failures: int, retry_after: float | None = None) -> dt.timedelta:
    """The wait after the ``failures``-th failure in a row (Retry-After wins when longer)."""
    return POLL_BACKOFF.after(failures, retry_after)


def _floor(r: PollResult, remembered: float | None) -> float | None:
    """Seconds before the next poll that the feed asked for: this answer's, or on a 304 the larger of
    its max-age and the ttl remembered from the last full answer."""
    if r.outcome == "ok":
        return r.min_interval
    return max((x for x in (r.min_interval, remembered) if x), default=None)


def _next_poll(r: PollResult, failures: int, floor: float | None) -> dt.datetime | None:
    if r.outcome == "error":
        return r.polled_at + backoff(failures, r.retry_after)
    if floor:
        return r.polled_at + dt.timedelta(seconds=min(floor, BACKOFF_MAX.total_seconds()))
    return None


def record_polls(con: duckdb.DuckDBPyConnection, round_id: str, results: Sequence[PollResult]) -> None:
    """Store each poll and the feed's new state in one batch each (call before ``store_entries``, so that
    each poll's count of new entries can be told)."""
    known = {
        r[0]: r[1:] for r in con.execute("SELECT url, consecutive_failures, min_interval_seconds FROM feeds").fetchall()
    }
    ids = [e.entry_id for r in results for e in r.entries]
    seen = (
        {
            row[0]
            for row in con.execute(
                "SELECT entry_id FROM entries WHERE entry_id IN (SELECT unnest(?))", [ids]
            ).fetchall()
        }
        if ids
        else set()
    )
    feed_rows, poll_rows = [], []
    for r in results:
        failures, remembered = known.get(r.feed_url, (0, None))
        n = (failures or 0) + 1 if r.outcome == "error" else 0
        floor = _floor(r, remembered)
        row: dict[str, Any] = {
            "url": r.feed_url,
            "last_polled_at": r.polled_at,
            "last_status": r.http_status,
            "last_outcome": r.outcome,
            "consecutive_failures": n,
            "error_class": r.error_class,
            "last_error": r.error,
            "next_poll_at": _next_poll(r, n, floor),
            "last_warnings": list(r.warnings),
        }
        if r.outcome != "error":
            row.update(etag=r.etag, last_modified=r.last_modified, last_success_at=r.polled_at)
            if r.outcome == "ok":
                row["min_interval_seconds"] = r.min_interval
            if r.title:
                row["title"] = r.title
        if n >= DISABLE_AFTER:
            row.update(
                disabled=True,
                disabled_at=r.polled_at,
                disabled_reason=f"disabled after {n} failures in a row; last: {r.error}",
            )
        feed_rows.append(row)
        new = len({e.entry_id for e in r.entries} - seen)
        poll_rows.append(
            {
                "round_id": round_id,
                "feed_url": r.feed_url,
                "polled_at": r.polled_at,
                "outcome": r.outcome,
                "http_status": r.http_status,
                "entries": len(r.entries),
                "new_entries": new,
                "error_class": r.error_class,
                "error": r.error,
                "elapsed_ms": r.elapsed * 1000,
                "warnings": list(r.warnings),
            }
        )
    # Rows differ in their columns (a failure keeps the validators): group them by shape.
    by_shape: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in feed_rows:
        by_shape.setdefault(tuple(row), []).append(row)
    for rows in by_shape.values():
        upsert(con, "feeds", ["url"], rows)
    upsert(con, "polls", ["round_id", "feed_url"], poll_rows)


def set_disabled(
    con: duckdb.DuckDBPyConnection, url: str, disabled: bool, *, reason: str = "disabled by the user"
) -> bool:
    """Disable or re-enable a feed (re-enabling clears its failure count and makes it due at once);
    False if no such feed is stored."""
    found = scalar(con, "SELECT count(*) FROM feeds WHERE url = ?", [url])
    if not found:
        return False
    if disabled:
        con.execute(
            "UPDATE feeds SET disabled = true, disabled_reason = ?, disabled_at = ? WHERE url = ?",
            [reason, dt.datetime.now(dt.UTC), url],
        )
    else:
        con.execute(
            "UPDATE feeds SET disabled = false, disabled_reason = NULL, disabled_at = NULL, "
            "consecutive_failures = 0, next_poll_at = NULL WHERE url = ?",
            [url],
        )
    return True


def health(con: duckdb.DuckDBPyConnection | None, configured: Sequence[FeedState] = ()) -> list[tuple[Any, ...]]:
    """One row per feed (``HEALTH_COLUMNS``) from the ``feed_health`` view, plus configured feeds never
    stored yet (all of them when ``con`` is None: no warehouse yet); configured feeds first, in config
    order, then the others by url."""
    order = {f.url: i for i, f in enumerate(configured)}
    stored = (
        {
            r[0]: r
            for r in con.execute(
                "SELECT url, name, lang, disabled, disabled_reason, last_outcome, last_status, last_polled_at, "
                "last_success_at, consecutive_failures, error_class, last_error, next_poll_at, entries, "
                "relevant_entries FROM feed_health"
            ).fetchall()
        }
        if con is not None
        else {}
    )
    rows = []
    for f in configured:
        r = stored.get(f.url)
        if r is None:
            rows.append(
                (
                    f.url,
                    f.name,
                    f.lang,
                    True,
                    False,
                    None,
                    None,
                    None,
                    None,
                    None,
                    0,
                    None,
                    None,
                    None,
                    0,
                    0,
                )
            )
        else:
            rows.append((*r[:3], True, *r[3:]))
    for url in sorted(set(stored) - set(order)):
        r = stored[url]
        rows.append((*r[:3], False, *r[3:]))
    return rows
