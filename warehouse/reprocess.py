"""Re-reading stored articles with the current claim extractor, without fetching anything.

Claims carry the extractor version that made them. Reprocessing replaces each article's claims with
the current version's, one transaction per batch, so an interrupted run leaves every article with a
complete set of claims (old or new), never half of one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from isswatch.warehouse.articles import claim_rows
from isswatch.warehouse.connection import scalar, transaction
from isswatch.warehouse.writes import insert_new


@dataclass(frozen=True)
class StoredText:
    article_id: str
    text: str
    lang: str | None
    published_at: dt.datetime | None
    fetched_at: dt.datetime | None


def stored_texts(
    con: duckdb.DuckDBPyConnection, *, batch: int = 500, only_outdated: str | None = None
) -> Iterator[list[StoredText]]:
    """Relevant articles with text, in batches; ``only_outdated``: skip articles whose claims all carry
    that extractor version already. Ids are read first so the caller may write between batches."""
    sql = "SELECT article_id FROM articles WHERE relevant AND text <> ''"
    params: list[Any] = []
    if only_outdated:
        sql += (
            " AND (article_id IN (SELECT article_id FROM claims WHERE extractor_version <> ?)"
            " OR (article_id NOT IN (SELECT article_id FROM claims)"
            " AND coalesce(claims_version, '') <> ?))"
        )
        params += [only_outdated, only_outdated]
    ids = [r[0] for r in con.execute(sql + " ORDER BY article_id", params).fetchall()]
    for i in range(0, len(ids), batch):
        rows = con.execute(
            "SELECT article_id, text, lang, published_at, fetched_at FROM articles "
            "WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id",
            [ids[i : i + batch]],
        ).fetchall()
        yield [StoredText(*r) for r in rows]


def replace_claims(
    con: duckdb.DuckDBPyConnection,
    articles: Sequence[StoredText],
    extract: Callable[[StoredText], list[dict[str, Any]]],
    *,
    version: str,
) -> tuple[int, int]:
    """Replace the claims of ``articles`` by ``extract``'s; return (claims removed, claims written)."""
    now = dt.datetime.now(dt.UTC)
    rows = []
    for a in articles:
        rows += claim_rows(
            a.article_id, extract(a), version=version, reported_at=a.published_at or a.fetched_at or now, now=now
        )
    ids = [a.article_id for a in articles]
    with transaction(con):
        removed = scalar(con, "SELECT count(*) FROM claims WHERE article_id IN (SELECT unnest(?))", [ids])
        con.execute("DELETE FROM claims WHERE article_id IN (SELECT unnest(?))", [ids])
        written = insert_new(con, "claims", ["claim_id"], rows)
        con.execute("UPDATE articles SET claims_version = ? WHERE article_id IN (SELECT unnest(?))", [version, ids])
    return int(removed), written
