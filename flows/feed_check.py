"""One feed fetched and parsed exactly as a round would (same limits, address policy and relevance terms),
without writing anything: what ``isswatch feeds check`` explains and what ``feeds add`` requires."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from isswatch.extractors.errors import FetchError, HTTPStatusError, IsswatchError
from isswatch.flows.settings import Settings


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
        matched: tuple[str, ...] = ()
        if feed is not None and feed.all_relevant:
            relevant, reason = True, None
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
