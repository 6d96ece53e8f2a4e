"""Feed rows: configured feeds, their polling state and health.

Health rules (a polite poller, like the best feed readers): after a failure the next poll waits
``5 min × 2^(failures-1)``, at most a day, or what Retry-After asked if longer; a successful poll
clears the count and respects the feed's ttl or Cache-Control max-age as a floor on the next poll; after
``DISABLE_AFTER`` failures in a row the feed is disabled until the user re-enables it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import duckdb

from extractors.polling import FeedState, PollResult
from warehouse.writes import insert_new, upsert

BACKOFF_BASE = dt.timedelta(minutes=5)
BACKOFF_MAX = dt.timedelta(days=1)
DISABLE_AFTER = 10


def sync_feeds(con: duckdb.DuckDBPyConnection, feeds: Iterable[dict]) -> int:
    """Add configured feeds not stored yet, and refresh name, lang and primary of the others."""
    now = dt.datetime.now(dt.UTC)
    rows = [{"url": f["url"], "name": f.get("name"), "lang": f.get("lang"), "is_primary": bool(f.get("primary")),
             "added_at": now} for f in feeds]
    added = insert_new(con, "feeds", ["url"], rows)
    upsert(con, "feeds", ["url"], [{k: r[k] for k in ("url", "name", "lang", "is_primary")} for r in rows])
    return added


def due_feeds(con: duckdb.DuckDBPyConnection, configured: Sequence[dict], *, now: dt.datetime | None = None,
              force: bool = False) -> tuple[list[FeedState], list[str]]:
    """Configured feeds to poll now (with their validators), and the urls skipped with the reason."""
    now = now or dt.datetime.now(dt.UTC)
    state = {r[0]: r[1:] for r in con.execute(
        "SELECT url, etag, last_modified, next_poll_at, disabled FROM feeds").fetchall()}
    due, skipped = [], []
    for f in configured:
        etag, last_modified, next_poll_at, disabled = state.get(f["url"], (None, None, None, False))
        if disabled:
            skipped.append(f"{f['url']}: disabled")
            continue
        if not force and next_poll_at is not None and next_poll_at > now:
            skipped.append(f"{f['url']}: not due before {next_poll_at:%Y-%m-%d %H:%M} UTC")
            continue
        due.append(FeedState(f["url"], f.get("name"), f.get("lang"), bool(f.get("primary")), etag, last_modified,
                             tuple(f.get("terms") or ()), bool(f.get("all_relevant"))))
    return due, skipped


def _next_poll(r: PollResult, failures: int) -> dt.datetime | None:
    if r.outcome == "error":
        wait = min(BACKOFF_BASE * (2 ** max(failures - 1, 0)), BACKOFF_MAX)
        if r.retry_after:
            wait = max(wait, dt.timedelta(seconds=min(r.retry_after, BACKOFF_MAX.total_seconds())))
        return r.polled_at + wait
    if r.min_interval:
        return r.polled_at + dt.timedelta(seconds=min(r.min_interval, BACKOFF_MAX.total_seconds()))
    return None


def record_polls(con: duckdb.DuckDBPyConnection, round_id: str, results: Sequence[PollResult]) -> None:
    """Store each poll and the feed's new state in one batch each."""
    failures = dict(con.execute("SELECT url, consecutive_failures FROM feeds").fetchall())
    feed_rows, poll_rows = [], []
    for r in results:
        n = (failures.get(r.feed_url) or 0) + 1 if r.outcome == "error" else 0
        row = {"url": r.feed_url, "last_polled_at": r.polled_at, "last_status": r.http_status,
               "last_outcome": r.outcome, "consecutive_failures": n, "error_class": r.error_class,
               "last_error": r.error, "next_poll_at": _next_poll(r, n)}
        if r.outcome != "error":
            row.update(etag=r.etag, last_modified=r.last_modified, last_success_at=r.polled_at)
            if r.title:
                row["title"] = r.title
        if n >= DISABLE_AFTER:
            row.update(disabled=True, disabled_reason=f"{n} failures in a row, last: {r.error}")
        feed_rows.append(row)
        poll_rows.append({"round_id": round_id, "feed_url": r.feed_url, "polled_at": r.polled_at,
                          "outcome": r.outcome, "http_status": r.http_status, "entries": len(r.entries),
                          "error_class": r.error_class, "error": r.error, "elapsed_ms": r.elapsed * 1000})
    # Rows differ in their columns (a failure keeps the validators): group them by shape.
    by_shape: dict[tuple[str, ...], list[dict]] = {}
    for row in feed_rows:
        by_shape.setdefault(tuple(row), []).append(row)
    for rows in by_shape.values():
        upsert(con, "feeds", ["url"], rows)
    upsert(con, "polls", ["round_id", "feed_url"], poll_rows)


def set_disabled(con: duckdb.DuckDBPyConnection, url: str, disabled: bool) -> bool:
    """Disable or re-enable a feed (re-enabling clears its failure count); False if no such feed."""
    found = con.execute("SELECT count(*) FROM feeds WHERE url = ?", [url]).fetchone()[0]
    if not found:
        return False
    if disabled:
        con.execute("UPDATE feeds SET disabled = true, disabled_reason = 'disabled by the user' WHERE url = ?",
                    [url])
    else:
        con.execute("UPDATE feeds SET disabled = false, disabled_reason = NULL, consecutive_failures = 0, "
                    "next_poll_at = NULL WHERE url = ?", [url])
    return True
