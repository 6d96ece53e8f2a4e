"""Entry rows: every item seen in a feed, with the relevance decision and why it was skipped.

An entry is keyed by its feed and guid (``isswatch.extractors.fetching.polling.entry_id``). What the feed says about it
(link, title, summary, date) is hashed into ``entry_hash``; when a later poll shows the same entry with
another hash, the feed has updated it: the row is updated, judged again, and marked ``refetch`` so that
its page is fetched again and a changed text is stored as the article's next version.

Which pages to fetch is read from the warehouse, not only from this round's polls: a relevant entry with
a link, no skip reason and no stored article (or marked ``refetch``) waits until a round fetches it, so
entries beyond ``extraction.max_articles`` are fetched by the next rounds even when their feed answers
304. Every entry that is not fetched gets a ``skip_reason`` (see the ``entry_skips`` view).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import duckdb

from isswatch.extractors.fetching.feed_parsing import FeedEntry
from isswatch.extractors.fetching.polling import EntryRecord
from isswatch.extractors.stable_ids import stable_id
from isswatch.warehouse.writes import insert_new, upsert

#: Columns updated when a feed changes an entry it already served.
_UPDATED = (
    "link",
    "canonical_url",
    "title",
    "summary",
    "published_at",
    "published_raw",
    "date_flag",
    "relevant",
    "skip_reason",
    "matched_terms",
    "entry_hash",
)


def entry_hash(entry: FeedEntry) -> str:
    """What the feed says about an entry; another value for the same entry means the feed updated it."""
    return stable_id(entry.link, entry.title, entry.summary, entry.published_raw, length=20)


def _row(r: EntryRecord) -> dict[str, Any]:
    return {
        "entry_id": r.entry_id,
        "feed_url": r.feed_url,
        "guid": r.entry.guid,
        "link": r.entry.link,
        "canonical_url": r.canonical_url,
        "title": r.entry.title,
        "summary": r.entry.summary,
        "published_at": r.entry.published,
        "published_raw": r.entry.published_raw,
        "date_flag": r.entry.date_flag,
        "relevant": r.relevant,
        "skip_reason": r.skip_reason,
        "matched_terms": list(r.matched_terms),
        "entry_hash": entry_hash(r.entry),
    }


def store_entries(con: duckdb.DuckDBPyConnection, round_id: str, records: Sequence[EntryRecord]) -> int:
    """Insert entries not seen before and update those the feed changed; return how many were new."""
    if not records:
        return 0
    now = dt.datetime.now(dt.UTC)
    latest = {r.entry_id: r for r in records}  # one feed listing an entry twice: the last one counts
    stored = dict(
        con.execute(
            "SELECT entry_id, entry_hash FROM entries WHERE entry_id IN (SELECT unnest(?))", [list(latest)]
        ).fetchall()
    )
    new, changed, hashed = [], [], []
    for r in latest.values():
        row = _row(r)
        if r.entry_id not in stored:
            new.append({**row, "first_seen_at": now, "round_id": round_id, "refetch": False})
        elif stored[r.entry_id] is None:  # stored before hashes existed: remember, do not refetch
            hashed.append({"entry_id": r.entry_id, "entry_hash": row["entry_hash"]})
        elif stored[r.entry_id] != row["entry_hash"]:
            changed.append(
                {
                    **{k: row[k] for k in ("entry_id", *_UPDATED)},
                    "updated_at": now,
                    "refetch": bool(r.relevant and r.canonical_url),
                }
            )
    inserted = insert_new(con, "entries", ["entry_id"], new)
    upsert(con, "entries", ["entry_id"], changed)
    upsert(con, "entries", ["entry_id"], hashed)
    return inserted


_PENDING = """
SELECT e.entry_id, e.feed_url, e.guid, e.link, e.canonical_url, e.title, e.summary, e.published_at,
       e.published_raw, e.date_flag, e.matched_terms, e.refetch
FROM entries e JOIN feeds f ON f.url = e.feed_url
WHERE e.relevant AND e.canonical_url IS NOT NULL AND e.link IS NOT NULL AND e.skip_reason IS NULL
  AND NOT f.disabled
  AND (e.refetch OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.entry_id = e.entry_id))
ORDER BY e.refetch DESC, coalesce(e.updated_at, e.first_seen_at) DESC, e.entry_id
"""


def _record(row: tuple[Any, ...], fresh: dict[str, EntryRecord]) -> EntryRecord:
    eid, feed_url, guid, link, canon, title, summary, published, raw, flag, matched, _refetch = row
    if eid in fresh:
        return fresh[eid]
    entry = FeedEntry(
        guid=guid,
        link=link,
        title=title or "",
        summary=summary or "",
        published=published,
        published_raw=raw,
        date_flag=flag,
        author=None,
        lang=None,
    )
    return EntryRecord(eid, feed_url, entry, canon, True, tuple(matched or ()), None)


def entries_to_fetch(con: duckdb.DuckDBPyConnection, records: Sequence[EntryRecord], limit: int) -> list[EntryRecord]:
    """Relevant entries whose page must be fetched (call after ``store_entries``), at most ``limit``.

    Pending entries come from the warehouse (this round's and earlier ones): updated entries first, then
    the newest. An entry whose canonical url already has a stored article, or repeats the link of another
    entry fetched in this batch, is not fetched: it is marked ``same page as ...``.
    """
    fresh = {r.entry_id: r for r in records}
    rows = con.execute(_PENDING).fetchall()
    if not rows:
        return []
    plain = [r[4] for r in rows if not r[11]]
    stored_urls = (
        dict(
            con.execute(
                "SELECT url, min(article_id) FROM articles WHERE url IN (SELECT unnest(?)) GROUP BY url", [plain]
            ).fetchall()
        )
        if plain
        else {}
    )
    out: list[EntryRecord] = []
    taken: dict[str, str] = {}
    skipped: dict[str, str] = {}
    for row in rows:
        eid, canon, refetch = row[0], row[4], row[11]
        if not refetch and canon in stored_urls:
            skipped[eid] = f"same page as stored article {stored_urls[canon]} ({canon})"
        elif canon in taken:
            skipped[eid] = f"same page as entry {taken[canon]} ({canon})"
        elif len(out) < limit:
            taken[canon] = eid
            out.append(_record(row, fresh))
    if skipped:
        mark_skipped(con, skipped)
    return out


def _update_existing(con: duckdb.DuckDBPyConnection, reasons: dict[str, str | None]) -> None:
    if not reasons:
        return
    known = {
        r[0]
        for r in con.execute(
            "SELECT entry_id FROM entries WHERE entry_id IN (SELECT unnest(?))", [list(reasons)]
        ).fetchall()
    }
    upsert(
        con,
        "entries",
        ["entry_id"],
        [{"entry_id": k, "skip_reason": v, "refetch": False} for k, v in reasons.items() if k in known],
    )


def mark_skipped(con: duckdb.DuckDBPyConnection, reasons: dict[str, str]) -> None:
    """Record why entries that passed the first filter were not kept (download or text failed)."""
    _update_existing(con, dict(reasons))


def mark_fetched(con: duckdb.DuckDBPyConnection, outcomes: dict[str, str | None]) -> None:
    """After an entry's page was analysed: its skip reason (None when the text was relevant); any
    pending re-fetch is done."""
    _update_existing(con, outcomes)
