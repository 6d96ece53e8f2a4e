"""Entry rows: every item seen in a feed, with the relevance decision and why it was skipped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb

from extractors.polling import EntryRecord
from warehouse.writes import insert_new, upsert


def store_entries(con: duckdb.DuckDBPyConnection, round_id: str, records: Sequence[EntryRecord]) -> int:
    """Insert entries not seen before; return how many were new."""
    now = dt.datetime.now(dt.UTC)
    rows = [{"entry_id": r.entry_id, "feed_url": r.feed_url, "guid": r.entry.guid, "link": r.entry.link,
             "canonical_url": r.canonical_url, "title": r.entry.title, "summary": r.entry.summary,
             "published_at": r.entry.published, "published_raw": r.entry.published_raw,
             "date_flag": r.entry.date_flag, "first_seen_at": now, "round_id": round_id,
             "relevant": r.relevant, "skip_reason": r.skip_reason, "matched_terms": list(r.matched_terms)}
            for r in records]
    return insert_new(con, "entries", ["entry_id"], rows)


def entries_to_fetch(con: duckdb.DuckDBPyConnection, records: Sequence[EntryRecord],
                     limit: int) -> list[EntryRecord]:
    """Relevant entries whose page has not been stored yet (nor a page at the same canonical url)."""
    candidates = [r for r in records if r.relevant and r.canonical_url]
    if not candidates:
        return []
    done = {row[0] for row in con.execute(
        "SELECT DISTINCT url FROM articles WHERE url IN (SELECT unnest(?))",
        [[r.canonical_url for r in candidates]]).fetchall()}
    done |= {row[0] for row in con.execute(
        "SELECT DISTINCT entry_id FROM articles WHERE entry_id IN (SELECT unnest(?))",
        [[r.entry_id for r in candidates]]).fetchall()}
    out, seen = [], set()
    for r in candidates:
        if r.canonical_url in done or r.entry_id in done or r.canonical_url in seen:
            continue
        seen.add(r.canonical_url)
        out.append(r)
    return out[:limit]


def mark_skipped(con: duckdb.DuckDBPyConnection, reasons: dict[str, str]) -> None:
    """Record why entries that passed the first filter were not kept (download or text failed)."""
    upsert(con, "entries", ["entry_id"], [{"entry_id": k, "skip_reason": v} for k, v in reasons.items()])
