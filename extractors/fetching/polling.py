"""One polling round's network work: feeds with conditional GET, then the pages of new relevant entries.

Requests run in a thread pool (network-bound) with a limit per host, so that twenty feeds of one outlet
are never fetched at once; one broken feed yields a failed ``PollResult``, never an exception.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

import httpx

from isswatch.extractors.errors import FetchError, HTTPStatusError, IsswatchError
from isswatch.extractors.fetching.downloads import FetchLimits, FetchResult, fetch
from isswatch.extractors.fetching.feed_parsing import FeedEntry, parse_feed
from isswatch.extractors.fetching.urls import canonical_url, url_host
from isswatch.extractors.pages.relevance import judge
from isswatch.extractors.stable_ids import stable_id

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class FeedState:
    """A feed as the round sees it: its config and what the last poll left (validators for 304s)."""

    url: str
    name: str | None = None
    lang: str | None = None
    primary: bool = False
    etag: str | None = None
    last_modified: str | None = None
    terms: tuple[str, ...] = ()
    all_relevant: bool = False


@dataclass(frozen=True)
class EntryRecord:
    entry_id: str
    feed_url: str
    entry: FeedEntry
    canonical_url: str | None
    relevant: bool
    matched_terms: tuple[str, ...]
    skip_reason: str | None


@dataclass(frozen=True)
class PollResult:
    feed_url: str
    outcome: str  # ok | not_modified | error
    polled_at: dt.datetime
    elapsed: float
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    entries: tuple[EntryRecord, ...] = ()
    error_class: str | None = None
    error: str | None = None
    retry_after: float | None = None
    #: Seconds the server or feed asks us to wait before the next poll (Cache-Control max-age, RSS ttl).
    min_interval: float | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def entry_id(feed_url: str, entry: FeedEntry) -> str:
    ident = entry.guid or entry.link or f"{entry.title}|{entry.published_raw}"
    return stable_id(feed_url, ident)


def run_per_host(
    items: Sequence[T], url_of: Callable[[T], str], fn: Callable[[T], R], *, concurrency: int, per_host: int
) -> list[R]:
    """``[fn(item)]`` in order, at most ``concurrency`` at once and ``per_host`` per host."""
    locks: dict[str, threading.BoundedSemaphore] = defaultdict(lambda: threading.BoundedSemaphore(per_host))
    guard = threading.Lock()

    def limited(item: T) -> R:
        with guard:
            sem = locks[url_host(url_of(item))]
        with sem:
            return fn(item)

    if not items:
        return []
    with ThreadPoolExecutor(max_workers=min(concurrency, len(items)), thread_name_prefix="isswatch-http") as ex:
        return list(ex.map(limited, items))


def _max_age(headers: dict[str, str]) -> float | None:
    for part in headers.get("cache-control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() == "max-age" and value.strip().isdigit():
            return float(value.strip())
    return None


def poll_feed(
    feed: FeedState, *, client: httpx.Client | None, limits: FetchLimits, relevance_terms: Sequence[str]
) -> PollResult:
    """Poll one feed; every failure becomes a PollResult with outcome 'error' and a named cause."""
    started = time.monotonic()
    now = dt.datetime.now(dt.UTC)
    try:
        res: FetchResult = fetch(
            feed.url,
            client=client,
            etag=feed.etag,
            last_modified=feed.last_modified,
            limits=limits,
            accept="application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1",
        )
        max_age = _max_age(res.headers)
        if res.not_modified:
            return PollResult(
                feed.url,
                "not_modified",
                now,
                time.monotonic() - started,
                res.status,
                res.etag or feed.etag,
                res.last_modified or feed.last_modified,
                min_interval=max_age,
            )
        parsed = parse_feed(res.body, url=res.final_url, content_type=res.content_type)
    except HTTPStatusError as err:
        return PollResult(
            feed.url,
            "error",
            now,
            time.monotonic() - started,
            err.status,
            error_class=err.kind,
            error=str(err),
            retry_after=err.retry_after,
        )
    except IsswatchError as err:
        return PollResult(feed.url, "error", now, time.monotonic() - started, error_class=err.kind, error=str(err))
    terms = [*relevance_terms, *feed.terms]
    records = []
    matched: tuple[str, ...]
    for e in parsed.entries:
        if feed.all_relevant:
            verdict_relevant, matched, reason = True, (), None
        else:
            v = judge([e.title, e.summary], terms, where="title and summary")
            verdict_relevant, matched, reason = v.relevant, v.matched, (None if v.relevant else v.reason)
        if verdict_relevant and not e.link:
            verdict_relevant, reason = False, "entry has no link"
        canon = None
        if e.link:
            try:
                canon = canonical_url(e.link)
            except (ValueError, IsswatchError):
                verdict_relevant, reason = False, f"entry link {e.link!r} is not a usable URL"
        records.append(EntryRecord(entry_id(feed.url, e), feed.url, e, canon, verdict_relevant, matched, reason))
    ttl = parsed.ttl_minutes * 60.0 if parsed.ttl_minutes else None
    floor = max((x for x in (ttl, _max_age(res.headers)) if x), default=None)
    return PollResult(
        feed.url,
        "ok",
        now,
        time.monotonic() - started,
        res.status,
        res.etag,
        res.last_modified,
        parsed.title,
        tuple(records),
        min_interval=floor,
        warnings=parsed.warnings,
    )


def poll_feeds(
    feeds: Sequence[FeedState],
    *,
    client: httpx.Client | None,
    limits: FetchLimits,
    relevance_terms: Sequence[str],
    concurrency: int = 16,
    per_host: int = 2,
) -> list[PollResult]:
    def one(feed: FeedState) -> PollResult:
        try:
            return poll_feed(feed, client=client, limits=limits, relevance_terms=relevance_terms)
        except Exception as err:  # a bug for one feed must not fail the round; record it instead
            return PollResult(
                feed.url,
                "error",
                dt.datetime.now(dt.UTC),
                0.0,
                error_class="internal",
                error=f"{feed.url}: unexpected {err.__class__.__name__}: {err}",
            )

    return run_per_host(list(feeds), lambda f: f.url, one, concurrency=concurrency, per_host=per_host)


@dataclass(frozen=True)
class PageDownload:
    entry: EntryRecord
    result: FetchResult | None
    error_class: str | None = None
    error: str | None = None


def download_page(rec: EntryRecord, *, client: httpx.Client | None, limits: FetchLimits) -> PageDownload:
    """The page of one entry; a failure is a ``PageDownload`` without a result, never an exception."""
    try:
        return PageDownload(
            rec,
            fetch(
                rec.entry.link or "",
                client=client,
                limits=limits,
                accept="text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
            ),
        )
    except FetchError as err:
        return PageDownload(rec, None, err.kind, str(err))
    except Exception as err:
        return PageDownload(rec, None, "internal", f"{rec.entry.link}: {err.__class__.__name__}: {err}")


def download_pages(
    entries: Sequence[EntryRecord],
    *,
    client: httpx.Client | None,
    limits: FetchLimits,
    concurrency: int = 16,
    per_host: int = 2,
) -> list[PageDownload]:
    return run_per_host(
        list(entries),
        lambda r: r.entry.link or "",
        lambda r: download_page(r, client=client, limits=limits),
        concurrency=concurrency,
        per_host=per_host,
    )
