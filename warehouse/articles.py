"""Article and claim rows, with the deduplication that makes one story count once.

- the same canonical url with the same text is stored once;
- the same url with changed text is stored again as the next ``version`` (claims of both kept);
- a near-duplicate text at another url (a syndicated wire story) is stored with ``duplicate_of`` set to
  the earliest such article, so corroboration counts the story once. The copy published first is the
  original whatever order the copies are stored in: within a batch articles are taken in order of
  publication, and a copy that comes in a later batch (a streaming round stores pages as they are
  extracted) but was published before the stored original takes its place, the stored one and its
  copies then pointing to it.

Syndicated copies of a short news story differ by a headline, a dateline, a byline or a closing line:
on a 200-word text, 20 changed words move the 64-bit simhash by 10 bits on average (14 at most,
measured), past ``near_duplicate``'s default of 3, while unrelated texts stay more than 20 bits apart. So
the simhash only picks candidates (``CANDIDATE_DISTANCE`` bits), and the share of word 3-shingles the two
texts have in common decides (``MIN_SHARED`` of the shorter text's shingles).

Each analysed entry's ``skip_reason`` is set from its text (``no relevance term in article text``, or
cleared when the text is relevant) and its pending re-fetch is cleared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from isswatch.extractors.pages.fingerprints import MASK, near_duplicate, normalise_words
from isswatch.extractors.stable_ids import stable_id
from isswatch.warehouse.entries import mark_fetched
from isswatch.warehouse.writes import insert_new

#: How far back a syndicated copy is looked for.
DUPLICATE_WINDOW = dt.timedelta(days=30)
#: Simhash distance within which two texts are compared word by word.
CANDIDATE_DISTANCE = 16
#: Share of the shorter text's word 3-shingles found in the other text for the two to be one story.
MIN_SHARED = 0.6
#: Texts with fewer shingles than this are compared by their fingerprints only (near_duplicate's default).
MIN_SHINGLES = 20


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


def shingles(text: str) -> set[str]:
    """Word 3-shingles of a text, normalised as for its fingerprint."""
    words = normalise_words(text)
    return {" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))} if words else set()


def same_story(a: set[str], b: set[str], fp_a: int, fp_b: int) -> bool:
    """Whether two texts (their shingles and fingerprints) are copies of one story."""
    if not near_duplicate(fp_a, fp_b, CANDIDATE_DISTANCE):
        return False
    if min(len(a), len(b)) < MIN_SHINGLES:
        return near_duplicate(fp_a, fp_b)
    return len(a & b) >= MIN_SHARED * min(len(a), len(b))


class _Originals:
    """Recent original articles (not copies themselves), their texts read only for close fingerprints."""

    def __init__(self, con: duckdb.DuckDBPyConnection, since: dt.datetime) -> None:
        self.con = con
        self.items: list[tuple[str, str, int, tuple[dt.datetime, str]]] = [
            (aid, url, fp, _order(published, url))
            for aid, url, fp, published in con.execute(
                "SELECT article_id, url, fingerprint, published_at FROM articles WHERE fingerprint IS NOT NULL "
                "AND duplicate_of IS NULL AND relevant AND fetched_at >= ? ORDER BY fetched_at, article_id",
                [since],
            ).fetchall()
        ]
        self.texts: dict[str, set[str]] = {}
        #: Texts of this batch's originals, made into shingles only if a close fingerprint asks.
        self.unread: dict[str, str] = {}

    def _shingles(self, aid: str) -> set[str]:
        if aid not in self.texts:
            if aid in self.unread:
                text = self.unread.pop(aid)
            else:
                row = self.con.execute("SELECT text FROM articles WHERE article_id = ?", [aid]).fetchone()
                text = row[0] if row and row[0] else ""
            self.texts[aid] = shingles(text)
        return self.texts[aid]

    def original_of(self, url: str, text: str, fingerprint: int) -> tuple[str, tuple[dt.datetime, str]] | None:
        """The original this text is a copy of, and that original's place in publication order."""
        if not fingerprint:
            return None
        # near_duplicate(fp, fingerprint, CANDIDATE_DISTANCE) inlined: this runs for every stored article
        # against every recent original (half a million pairs in a round of 1,000 pages)
        close = [
            item
            for item in self.items
            if item[2] and item[1] != url and ((item[2] ^ fingerprint) & MASK).bit_count() <= CANDIDATE_DISTANCE
        ]
        mine: set[str] | None = None
        for aid, _, fp, order in close:
            mine = shingles(text) if mine is None else mine
            if same_story(mine, self._shingles(aid), fingerprint, fp):
                return aid, order
        return None

    def add(self, aid: str, url: str, text: str, fingerprint: int, order: tuple[dt.datetime, str]) -> None:
        self.items.append((aid, url, fingerprint, order))
        self.unread[aid] = text

    def supersede(
        self, old: str, new: str, url: str, text: str, fingerprint: int, order: tuple[dt.datetime, str]
    ) -> None:
        """``new`` was published before the original ``old``: it takes old's place."""
        self.items = [item for item in self.items if item[0] != old]
        self.add(new, url, text, fingerprint, order)


_LAST = dt.datetime.max.replace(tzinfo=dt.UTC)


def _order(published: dt.datetime | None, url: str) -> tuple[dt.datetime, str]:
    """Publication order: dated before undated, then by url, so the original does not depend on the
    order the copies were stored in."""
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=dt.UTC)
    return (published or _LAST, url)


def article_id(url: str, content_hash: str) -> str:
    return stable_id(url, content_hash)


def claim_id(article: str, version: str, claim: dict[str, Any]) -> str:
    parts = (claim["fact"], claim["value"], claim["status"], claim["start"], claim["end"])
    return stable_id(article, version, *parts, sep="|")


def claim_rows(
    article: str, claims: Iterable[dict[str, Any]], *, version: str, reported_at: dt.datetime | None, now: dt.datetime
) -> list[dict[str, Any]]:
    return [
        {
            "claim_id": claim_id(article, version, c),
            "article_id": article,
            "fact": c["fact"],
            "value": c["value"],
            "value_end": c.get("value_end"),
            "granularity": c.get("granularity"),
            "qualifier": c.get("qualifier"),
            "status": c["status"],
            "modality": c.get("modality"),
            "speaker": c.get("speaker"),
            "sentence": c["sentence"],
            "start_offset": c["start"],
            "end_offset": c["end"],
            "confidence": c.get("confidence"),
            "lang": c.get("lang"),
            "explanation": c.get("explanation"),
            "extractor_version": version,
            "reported_at": reported_at,
            "extracted_at": now,
        }
        for c in claims
    ]


def store_articles(
    con: duckdb.DuckDBPyConnection, round_id: str, items: Sequence[StoredArticle], *, extractor_version: str
) -> tuple[int, int]:
    """Insert new articles and their claims; return (articles, claims) inserted."""
    now = dt.datetime.now(dt.UTC)
    urls = list({a.url for a in items})
    versions: dict[str, tuple[int, set[str]]] = {}
    for url, ver, hashes in con.execute(
        "SELECT url, max(version), list(content_hash) FROM articles WHERE url IN (SELECT unnest(?)) GROUP BY url",
        [urls],
    ).fetchall():
        versions[url] = (ver or 1, set(hashes))
    originals = _Originals(con, now - DUPLICATE_WINDOW)
    article_rows: list[dict[str, Any]] = []
    all_claims = []
    superseded: dict[str, str] = {}
    for a in sorted(items, key=lambda a: _order(a.published_at, a.url)):
        aid = article_id(a.url, a.content_hash)
        ver, hashes = versions.get(a.url, (0, set()))
        if a.content_hash in hashes:
            continue
        version = ver + 1
        versions[a.url] = (version, hashes | {a.content_hash})
        original = None
        if a.fingerprint is not None and a.relevant:
            order = _order(a.published_at, a.url)
            found = originals.original_of(a.url, a.text, a.fingerprint)
            if found is None:
                originals.add(aid, a.url, a.text, a.fingerprint, order)
            elif order < found[1]:  # stored earlier (an earlier batch) but published later: a copy of this
                superseded[found[0]] = aid
                originals.supersede(found[0], aid, a.url, a.text, a.fingerprint, order)
            else:
                original = found[0]
        article_rows.append(
            {
                "article_id": aid,
                "url": a.url,
                "final_url": a.final_url,
                "entry_id": a.entry_id,
                "feed_url": a.feed_url,
                "title": a.title,
                "text": a.text,
                "lang": a.lang,
                "published_at": a.published_at,
                "content_hash": a.content_hash,
                "fingerprint": a.fingerprint,
                "duplicate_of": original,
                "version": version,
                "fetched_at": now,
                "round_id": round_id,
                "relevant": a.relevant,
                "skip_reason": a.skip_reason,
            }
        )
        all_claims += claim_rows(aid, a.claims, version=extractor_version, reported_at=a.published_at or now, now=now)
    n_articles = insert_new(con, "articles", ["article_id"], article_rows)
    for old, new in superseded.items():
        con.execute("UPDATE articles SET duplicate_of = ? WHERE article_id = ? OR duplicate_of = ?", [new, old, old])
    mark_fetched(
        con,
        {
            a.entry_id: (None if a.relevant else a.skip_reason or "no relevance term in article text")
            for a in items
            if a.entry_id
        },
    )
    n_claims = insert_new(con, "claims", ["claim_id"], all_claims)
    return n_articles, n_claims
