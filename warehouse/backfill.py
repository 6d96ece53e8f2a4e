"""Backfill rows: which archive records were read, and the past replayed in publication order.

Every record read is stored in ``backfill_records`` in the same transaction as the articles and claims
it gave, so a backfill killed half-way leaves whole batches only, and the next run skips what is
stored (``known_records``) without extracting it again. Change detection is then replayed day by day
over the reported dates (``replay_days``, ``isswatch.warehouse.changes.detect_changes(as_of=...)``), so the
changes, accepted values and their times end as if isswatch had been running back then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import duckdb

from isswatch.warehouse.articles import StoredArticle, article_id, store_articles
from isswatch.warehouse.connection import transaction
from isswatch.warehouse.writes import insert_new


def known_records(con: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> set[str]:
    """The record keys already read by an earlier (or interrupted) backfill."""
    if not keys:
        return set()
    rows = con.execute(
        "SELECT record_key FROM backfill_records WHERE record_key IN (SELECT unnest(?))", [list(keys)]
    ).fetchall()
    return {r[0] for r in rows}


def store_batch(
    con: duckdb.DuckDBPyConnection,
    backfill_id: str,
    articles: Sequence[StoredArticle],
    records: Sequence[dict[str, Any]],
    *,
    extractor_version: str,
) -> tuple[int, int]:
    """Articles, claims and the record rows of one batch, all or nothing; (articles, claims) inserted.

    A record row names the article it became (``article_id`` is derived from url and text, so it is
    known before the insert)."""
    now = dt.datetime.now(dt.UTC)
    by_key = {a.entry_id: article_id(a.url, a.content_hash) for a in articles}
    rows = [
        {
            **r,
            "backfill_id": backfill_id,
            "processed_at": now,
            "article_id": by_key.get(r["record_key"]) if r["outcome"] == "stored" else None,
        }
        for r in records
    ]
    with transaction(con):
        counts = store_articles(con, backfill_id, articles, extractor_version=extractor_version)
        insert_new(con, "backfill_records", ["record_key"], rows)
    return counts


def replay_days(con: duckdb.DuckDBPyConnection) -> list[dt.datetime]:
    """End of each day on which a current claim was reported, from the first backfilled article's day,
    in order: the times at which a round would have seen the evidence grow."""
    rows = con.execute("""
        WITH first AS (
            SELECT min(CAST(c.reported_at AS DATE)) AS d FROM claims c
            WHERE c.article_id IN (SELECT article_id FROM backfill_records WHERE article_id IS NOT NULL))
        SELECT DISTINCT CAST(c.reported_at AS DATE) AS d FROM claims c, first
        WHERE c.status = 'current' AND c.reported_at IS NOT NULL AND CAST(c.reported_at AS DATE) >= first.d
        ORDER BY d""").fetchall()
    return [dt.datetime.combine(r[0], dt.time(23, 59, 59), dt.UTC) for r in rows]


def skip_counts(con: duckdb.DuckDBPyConnection, backfill_id: str | None = None) -> dict[str, int]:
    """Skipped records per reason (of one backfill, or of all)."""
    sql = "SELECT skip_reason, count(*) FROM backfill_records WHERE outcome = 'skipped'"
    params: list[Any] = []
    if backfill_id:
        sql += " AND backfill_id = ?"
        params.append(backfill_id)
    return {r[0]: int(r[1]) for r in con.execute(sql + " GROUP BY 1 ORDER BY 1", params).fetchall()}
