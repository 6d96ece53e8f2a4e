"""Deduplication and versions: one page per story, syndicated copies linked, updated articles versioned.

The first tests work on the warehouse functions directly; the last runs two real rounds against a
loopback news site and counts the requests the site received.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from isswatch.extractors.fetching.feed_parsing import FeedEntry
from isswatch.extractors.fetching.polling import EntryRecord, FeedState, entry_id
from isswatch.extractors.fetching.urls import canonical_url
from isswatch.extractors.pages.fingerprints import text_fingerprint
from isswatch.warehouse.articles import StoredArticle, store_articles
from isswatch.warehouse.connection import writer
from isswatch.warehouse.entries import entries_to_fetch, store_entries
from isswatch.warehouse.feeds import sync_feeds
from tests.round_fixtures import NewsSite, Story, article_html, rows, run_round, story_paragraphs, write_config

A, B, C = "https://a.example/feed", "https://b.example/rss", "https://c.example/atom"
T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)

WIRE = [
    "MOSCOW, Nov 2 (Wire) - Russia's space agency Roscosmos and NASA have agreed to keep the International Space "
    "Station in operation until 2030, two years longer than planned, the head of Roscosmos said on Sunday.",
    "The agreement, reached after months of talks, means Russian cosmonauts will keep flying to the orbital "
    "laboratory on Soyuz spacecraft and American astronauts on commercial capsules.",
    "The station, a joint project of the United States, Russia, Europe, Japan and Canada, has been continuously "
    "occupied for more than two decades and is showing its age.",
    "Engineers on both sides have spent the past year tracking small air leaks in the Russian segment, which "
    "officials said did not threaten the crew.",
    "NASA has paid a private company to build a vehicle that will push the station out of orbit once its work is "
    "done, so that it burns up over a remote part of the Pacific Ocean.",
    "Russia has said it plans to build its own orbital station, though the timeline for its first module remains "
    "uncertain according to industry analysts.",
]
#: The same wire story as two outlets run it: another headline, dateline and closing line.
WIRE_AT_C = ["Russia and US extend ISS to 2030", *WIRE, "Reporting by Ivan Petrov; editing by Jane Doe."]
WIRE_AT_B = [
    "ISS life extended: station to fly until 2030",
    "(Wire) " + WIRE[0],
    *WIRE[1:],
    "Copyright 2026 Wire News. All rights reserved. Republished with permission.",
]
OTHER = [
    "NASA picks crew for next ISS mission",
    "NASA named four astronauts on Monday for a six-month stay on the International Space Station next "
    "spring, including a pilot on her first flight and a veteran of two earlier missions.",
    "The crew will launch on a commercial capsule from Florida and conduct experiments on plant growth, "
    "muscle loss and new water recycling hardware during their stay.",
    "Training begins this month in Houston and continues at partner centres in Germany, Japan and Canada.",
]


def record(
    feed: str,
    guid: str,
    link: str | None,
    *,
    title: str = "ISS news",
    summary: str = "NASA and Roscosmos",
    published: dt.datetime | None = T0,
) -> EntryRecord:
    entry = FeedEntry(
        guid=guid,
        link=link,
        title=title,
        summary=summary,
        published=published,
        published_raw=published.isoformat() if published else None,
        date_flag=None,
        author=None,
        lang="en",
    )
    return EntryRecord(entry_id(feed, entry), feed, entry, canonical_url(link) if link else None, True, ("ISS",), None)


def article(
    rec: EntryRecord, text: list[str], *, published: dt.datetime | None = T0, claims: list[dict] | None = None
) -> StoredArticle:
    body = "\n".join(text)
    return StoredArticle(
        entry_id=rec.entry_id,
        feed_url=rec.feed_url,
        url=rec.canonical_url or "",
        final_url=rec.entry.link or "",
        title=text[0],
        text=body,
        lang="en",
        published_at=published,
        content_hash=hashlib.sha256(body.encode()).hexdigest()[:32],
        fingerprint=text_fingerprint(body),
        relevant=True,
        skip_reason=None,
        claims=claims or [],
    )


def claim(value: str, sentence: str) -> dict:
    return {
        "fact": "iss.operations_end",
        "value": value,
        "status": "current",
        "sentence": sentence,
        "start": 0,
        "end": len(sentence),
    }


def skip_reasons(con) -> dict[str, str | None]:
    return dict(con.execute("SELECT entry_id, skip_reason FROM entries").fetchall())


@pytest.fixture
def con(warehouse_path: Path):
    with writer(warehouse_path) as c:
        sync_feeds(c, [FeedState(A), FeedState(B), FeedState(C)])
        yield c


def test_tracking_amp_and_mobile_variants_of_one_story_are_fetched_once(con) -> None:
    variants = [
        record(A, "a-1", "https://www.example.com/news/story?utm_source=rss&utm_medium=feed"),
        record(B, "b-1", "https://m.example.com/news/story/amp/"),
        record(B, "b-2", "https://example.com/news/story?amp=1#comments"),
    ]
    assert len({r.canonical_url for r in variants}) == 1
    assert store_entries(con, "r1", variants) == 3
    todo = entries_to_fetch(con, variants, 100)
    assert len(todo) == 1
    first = todo[0]
    reasons = skip_reasons(con)
    others = [r.entry_id for r in variants if r.entry_id != first.entry_id]
    assert all(reasons[e].startswith(f"same page as entry {first.entry_id}") for e in others)
    store_articles(con, "r1", [article(first, OTHER)], extractor_version="t")
    # a later round: another outlet links the mobile page of the stored story; it is not fetched again
    late = record(C, "c-9", "https://mobile.example.com/news/story/")
    store_entries(con, "r2", [late])
    assert entries_to_fetch(con, [late], 100) == []
    assert skip_reasons(con)[late.entry_id].startswith("same page as stored article")
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_the_same_wire_story_at_two_outlets_is_linked_to_the_first(con) -> None:
    at_c = record(C, "c-1", "https://c.example/world/iss-2030")
    at_b = record(B, "b-1", "https://b.example/space/iss-life-extended")
    other = record(A, "a-1", "https://a.example/crew")
    store_entries(con, "r1", [at_c, at_b, other])
    # handed over in the "wrong" order: the copy published first is still the original
    items = [
        article(at_b, WIRE_AT_B, published=T0 + dt.timedelta(hours=2)),
        article(at_c, WIRE_AT_C),
        article(other, OTHER),
    ]
    assert store_articles(con, "r1", items, extractor_version="t")[0] == 3
    ids = dict(con.execute("SELECT url, article_id FROM articles").fetchall())
    dup = dict(con.execute("SELECT url, duplicate_of FROM articles").fetchall())
    assert dup[at_b.canonical_url] == ids[at_c.canonical_url]
    assert dup[at_c.canonical_url] is None and dup[other.canonical_url] is None
    # a third outlet running the story a day later (another round) is linked to the same original
    late = record(A, "a-2", "https://a.example/wire/iss-2030")
    store_entries(con, "r2", [late])
    store_articles(
        con, "r2", [article(late, [*WIRE, "(Wire)"], published=T0 + dt.timedelta(days=1))], extractor_version="t"
    )
    assert (
        con.execute("SELECT duplicate_of FROM articles WHERE url = ?", [late.canonical_url]).fetchone()[0]
        == ids[at_c.canonical_url]
    )
    stories = con.execute("SELECT count(DISTINCT coalesce(duplicate_of, article_id)) FROM articles").fetchone()[0]
    assert stories == 2


def test_an_updated_entry_is_fetched_again_and_its_new_text_stored_as_version_2(con) -> None:
    v1 = record(A, "a-1", "https://a.example/iss", summary="Agreement on the ISS.")
    store_entries(con, "r1", [v1])
    assert entries_to_fetch(con, [v1], 10) == [v1]
    text1 = story_paragraphs("NASA and Roscosmos agreed to operate the ISS until 2028.", seed=1)
    store_articles(con, "r1", [article(v1, text1, claims=[claim("2028", text1[0])])], extractor_version="t")
    # the feed serves the entry unchanged: nothing to fetch
    store_entries(con, "r2", [v1])
    assert entries_to_fetch(con, [v1], 10) == []
    # the feed updates the entry (same guid, new summary): it is fetched again
    v2 = record(A, "a-1", "https://a.example/iss", summary="UPDATED: the ISS will fly until 2030.")
    assert v2.entry_id == v1.entry_id
    assert store_entries(con, "r3", [v2]) == 0
    assert con.execute("SELECT refetch, summary FROM entries").fetchone() == (True, v2.entry.summary)
    assert [r.entry_id for r in entries_to_fetch(con, [v2], 10)] == [v1.entry_id]
    text2 = story_paragraphs("NASA and Roscosmos now agree to operate the ISS until 2030.", seed=1)
    assert store_articles(con, "r3", [article(v2, text2, claims=[claim("2030", text2[0])])], extractor_version="t") == (
        1,
        1,
    )
    versions = con.execute("SELECT version, text FROM articles ORDER BY version").fetchall()
    assert [v for v, _ in versions] == [1, 2] and "2028" in versions[0][1] and "2030" in versions[1][1]
    assert sorted(v for (v,) in con.execute("SELECT value FROM claims").fetchall()) == ["2028", "2030"]
    assert con.execute("SELECT refetch FROM entries").fetchone()[0] is False
    assert entries_to_fetch(con, [v2], 10) == []
    # fetched again with the same text (the feed touched the entry only): no new version
    v3 = record(A, "a-1", "https://a.example/iss", summary="UPDATED again, same article.")
    store_entries(con, "r4", [v3])
    assert len(entries_to_fetch(con, [v3], 10)) == 1
    assert store_articles(con, "r4", [article(v3, text2)], extractor_version="t") == (0, 0)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_entries_beyond_the_round_limit_are_fetched_by_the_next_rounds(con) -> None:
    recs = [record(A, f"a-{i}", f"https://a.example/s/{i}", published=T0 + dt.timedelta(minutes=i)) for i in range(3)]
    store_entries(con, "r1", recs)
    first = entries_to_fetch(con, recs, 2)
    assert len(first) == 2
    store_articles(
        con,
        "r1",
        [article(r, story_paragraphs(f"ISS story {i}.", seed=i)) for i, r in enumerate(first)],
        extractor_version="t",
    )
    # next round: the feed answered 304 (no records), the third entry is still fetched
    assert [r.entry_id for r in entries_to_fetch(con, [], 2)] == [r.entry_id for r in recs if r not in first]


# ----------------------------------------------------------------------------------------- real rounds


def test_rounds_fetch_variants_once_link_syndicated_copies_and_version_updates(
    prefect_api: str, tmp_path: Path
) -> None:
    with NewsSite() as site:
        t = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)
        lead = "NASA and Roscosmos agreed to operate the International Space Station until 2028, officials said."
        site.set_page("/news/iss-deal", article_html("ISS deal", story_paragraphs(lead, seed=2)))
        site.set_page("/world/iss-2030", article_html(WIRE_AT_C[0], WIRE_AT_C[1:]))
        site.set_page("/space/iss-life-extended", article_html(WIRE_AT_B[0], WIRE_AT_B[1:]))
        a_story = Story(
            "a-1", "ISS deal signed", "/news/iss-deal?utm_source=rss&utm_campaign=feed", "NASA and Roscosmos agree", t
        )
        feeds = {
            "a": [a_story],
            "b": [
                Story("b-1", "ISS deal (AMP)", "/amp/news/iss-deal", "NASA and Roscosmos agree", t),
                Story(
                    "b-2",
                    "ISS life extended",
                    "/space/iss-life-extended",
                    "ISS to fly until 2030",
                    t + dt.timedelta(hours=3),
                ),
            ],
            "c": [Story("c-1", "Russia and US extend ISS", "/world/iss-2030?amp=1", "ISS to 2030", t)],
        }
        urls = [site.set_feed(name, stories) for name, stories in feeds.items()]
        config = write_config(tmp_path / "c.toml", data_dir=tmp_path, feeds=[{"url": u} for u in urls])
        wh = tmp_path / "isswatch.duckdb"
        run_round(config)
        assert site.page_hits["/news/iss-deal"] == 1
        assert rows(wh, "SELECT count(*) FROM articles WHERE url LIKE '%/news/iss-deal'")[0][0] == 1
        skipped = rows(wh, "SELECT skip_reason FROM entries WHERE title LIKE 'ISS deal%' AND skip_reason IS NOT NULL")
        assert len(skipped) == 1 and skipped[0][0].startswith("same page as")
        dup = dict(rows(wh, "SELECT url, duplicate_of FROM articles"))
        ids = dict(rows(wh, "SELECT url, article_id FROM articles"))
        original = next(u for u in ids if u.endswith("/world/iss-2030"))
        copy = next(u for u in ids if u.endswith("/space/iss-life-extended"))
        assert dup[copy] == ids[original] and dup[original] is None

        # round 2: outlet a updates its story (same guid, new summary, new text)
        new_lead = "NASA and Roscosmos now agree to operate the International Space Station until 2030."
        site.set_page("/news/iss-deal", article_html("ISS deal updated", story_paragraphs(new_lead, seed=2)))
        site.set_feed("a", [Story("a-1", "ISS deal signed (updated)", a_story.path, "Now until 2030", t)])
        summary, _ = run_round(config)
        assert site.page_hits["/news/iss-deal"] == 2
        assert site.page_hits["/world/iss-2030"] == 1  # unchanged stories are not fetched again
        versions = rows(wh, "SELECT version, text FROM articles WHERE url LIKE '%/news/iss-deal' ORDER BY version")
        assert [v for v, _ in versions] == [1, 2]
        assert "until 2028" in versions[0][1] and "until 2030" in versions[1][1]
        assert summary["articles_new"] == 1


def test_a_copy_published_first_but_stored_later_becomes_the_original(con) -> None:
    """A streaming round stores pages in batches as they are extracted: the earlier copy can come second."""
    early = record(C, "c-9", "https://c.example/wire-iss-2030", published=T0)
    late = record(B, "b-9", "https://b.example/iss-2030-wire", published=T0 + dt.timedelta(hours=2))
    later = record(A, "a-9", "https://a.example/iss-2030", published=T0 + dt.timedelta(hours=3))
    store_entries(con, "r1", [early, late, later])
    store_articles(con, "r1", [article(late, WIRE_AT_B, published=late.entry.published)], extractor_version="t")
    store_articles(con, "r1", [article(later, WIRE, published=later.entry.published)], extractor_version="t")
    store_articles(con, "r1", [article(early, WIRE_AT_C, published=early.entry.published)], extractor_version="t")
    links = dict(
        con.execute(
            "SELECT a.url, o.url FROM articles a LEFT JOIN articles o ON o.article_id = a.duplicate_of"
        ).fetchall()
    )
    assert links == {
        early.canonical_url: None,
        late.canonical_url: early.canonical_url,
        later.canonical_url: early.canonical_url,
    }
