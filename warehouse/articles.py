"""Article and claim rows, with the deduplication that makes one story count once.

- the same canonical url with the same text is stored once;
- the same url with changed text is stored again as the next ``version`` (claims of both kept);
- a near-duplicate text at another url (a syndicated wire story) is stored with ``duplicate_of`` set to
  the earliest such article, so corroboration counts the story once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from extractors.fingerprints import near_duplicate
from warehouse.writes import insert_new

#: How far back a syndicated copy is looked for.
DUPLICATE_WINDOW = dt.timedelta(days=30)


@dataclass(frozen=True)
class StoredArticle:
    """What the round hands the warehouse for one analysed page."""

    entry_id: str
    feed_url: str
    url: str
    final_url: str
    title: str | None
    text: str
    lang: str | None
    published_at: dt.datetime | None
    content_hash: str
    fingerprint: int | None
    relevant: bool
    skip_reason: str | None
    claims: Sequence[dict[str, Any]]


def article_id(url: str, content_hash: str) -> str:
    return hashlib.sha1(f"{url}\n{content_hash}".encode()).hexdigest()[:24]


def claim_id(article: str, version: str, claim: dict[str, Any]) -> str:
    key = f"{article}|{version}|{claim['fact']}|{claim['value']}|{claim['status']}|{claim['start']}|{claim['end']}"
    return hashlib.sha1(key.encode()).hexdigest()[:24]


def claim_rows(article: str, claims: Iterable[dict[str, Any]], *, version: str,
               reported_at: dt.datetime | None, now: dt.datetime) -> list[dict[str, Any]]:
    return [{"claim_id": claim_id(article, version, c), "article_id": article, "fact": c["fact"],
             "value": c["value"], "value_end": c.get("value_end"), "granularity": c.get("granularity"),
             "qualifier": c.get("qualifier"), "status": c["status"], "modality": c.get("modality"),
             "speaker": c.get("speaker"), "sentence": c["sentence"], "start_offset": c["start"],
             "end_offset": c["end"], "confidence": c.get("confidence"), "lang": c.get("lang"),
             "explanation": c.get("explanation"), "extractor_version": version, "reported_at": reported_at,
             "extracted_at": now} for c in claims]


def store_articles(con: duckdb.DuckDBPyConnection, round_id: str, items: Sequence[StoredArticle], *,
                   extractor_version: str) -> tuple[int, int]:
    """Insert new articles and their claims; return (articles, claims) inserted."""
    now = dt.datetime.now(dt.UTC)
    urls = list({a.url for a in items})
    versions: dict[str, tuple[int, set[str]]] = {}
    for url, ver, hashes in con.execute(
            "SELECT url, max(version), list(content_hash) FROM articles WHERE url IN (SELECT unnest(?)) "
            "GROUP BY url", [urls]).fetchall():
        versions[url] = (ver or 1, set(hashes))
    recent = con.execute(
        "SELECT article_id, url, fingerprint FROM articles WHERE fingerprint IS NOT NULL AND duplicate_of IS NULL "
        "AND fetched_at >= ? ORDER BY fetched_at, article_id", [now - DUPLICATE_WINDOW]).fetchall()
    article_rows, all_claims = [], []
    for a in items:
        aid = article_id(a.url, a.content_hash)
        ver, hashes = versions.get(a.url, (0, set()))
        if a.content_hash in hashes:
            continue
        version = ver + 1
        versions[a.url] = (version, hashes | {a.content_hash})
        original = None
        if a.fingerprint is not None and a.relevant:
            original = next((rid for rid, rurl, fp in recent
                             if rurl != a.url and near_duplicate(fp, a.fingerprint)), None)
            if original is None:
                recent.append((aid, a.url, a.fingerprint))
        article_rows.append({"article_id": aid, "url": a.url, "final_url": a.final_url, "entry_id": a.entry_id,
                             "feed_url": a.feed_url, "title": a.title, "text": a.text, "lang": a.lang,
                             "published_at": a.published_at, "content_hash": a.content_hash,
                             "fingerprint": a.fingerprint, "duplicate_of": original, "version": version,
                             "fetched_at": now, "round_id": round_id, "relevant": a.relevant,
                             "skip_reason": a.skip_reason})
        all_claims += claim_rows(aid, a.claims, version=extractor_version,
                                 reported_at=a.published_at or now, now=now)
    n_articles = insert_new(con, "articles", ["article_id"], article_rows)
    n_claims = insert_new(con, "claims", ["claim_id"], all_claims)
    return n_articles, n_claims
