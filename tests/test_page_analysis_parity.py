"""The cheaper page analysis stores what the former one stored: same text, language, fingerprint, claims.

The former analysis (kept in tests/page_reference.py) ran trafilatura's ``bare_extraction`` with all its
metadata on every page. The current one skips the metadata when the feed entry gives the title and the
date, reads only title, canonical address and date otherwise, and builds trafilatura's options once.
Both run here on the demo corpus (with its feeds' titles and dates, as a round passes them, and without,
as a backfill does) and on the pages the round tests serve; any difference in what is stored fails.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

import feedparser
import pytest

from isswatch.extractors.pages.page_analysis import PageJob, analyse_page
from tests.archive_fixtures import demo_pages
from tests.page_reference import former_analysis
from tests.round_fixtures import TERMS, article_html, story_paragraphs
from tests.test_dedup import WIRE_AT_B, WIRE_AT_C
from tests.test_hostile_text import HOSTILE_LEAD, HOSTILE_TITLE

CORPUS = Path(__file__).resolve().parent.parent / "flows" / "demo_corpus"
ALL_TERMS = tuple(t for terms in TERMS.values() for t in terms)
reference = partial(former_analysis, terms=ALL_TERMS)


def current(html: bytes, url: str, title: str | None, published: dt.date | None) -> dict[str, Any]:
    job = PageJob(
        url=url,
        html=html,
        content_type="text/html; charset=utf-8",
        title_hint=title,
        published_hint=published,
        relevance_terms=ALL_TERMS,
    )
    r = analyse_page(job)
    return {
        "text": r.text,
        "title": r.title,
        "canonical_url": r.canonical_url,
        "published": r.published,
        "content_hash": r.content_hash,
        "fingerprint": r.fingerprint,
        "lang": r.lang,
        "relevant": r.relevant,
        "claims": r.claims,
    }


def entry_hints() -> dict[str, tuple[str, dt.date]]:
    """Demo page url -> its feed entry's title and date (round 2 lists every page)."""
    hints = {}
    for feed in sorted((CORPUS / "round2").glob("*.xml")):
        for e in feedparser.parse(feed.read_bytes().replace(b"{base}", b"http://127.0.0.1:8000")).entries:
            slug = e.link.rsplit("/", 1)[-1].removesuffix(".html")
            hints[slug] = (e.title, dt.date(*e.published_parsed[:3]))
    return hints


def fixture_pages() -> dict[str, bytes]:
    """The pages the round tests serve (tests/round_fixtures.py), with the leads those tests use."""
    leads = [
        "NASA and Roscosmos agreed to operate the International Space Station until 2028, officials said.",
        "NASA and Roscosmos now agree to operate the International Space Station until 2030.",
        "This week the ISS crew tested a new water recycling unit.",
        HOSTILE_LEAD,
    ]
    pages = {
        f"https://site.example/lead-{i}-{seed}": article_html(
            f"ISS operations until {2028 + seed}", story_paragraphs(lead, seed=seed)
        )
        for i, lead in enumerate(leads)
        for seed in (0, 3)
    }
    pages["https://site.example/hostile"] = article_html(HOSTILE_TITLE, story_paragraphs(HOSTILE_LEAD, seed=4))
    pages["https://site.example/wire-b"] = article_html(WIRE_AT_B[0], WIRE_AT_B[1:], published="2026-11-02T08:00:00Z")
    pages["https://site.example/wire-c"] = article_html(WIRE_AT_C[0], WIRE_AT_C[1:])
    pages["https://site.example/soup"] = article_html(
        "Autumn soups", ["Roast the pumpkin with garlic and thyme until it is soft, then blend it with stock."] * 3
    )
    return pages


DEMO = demo_pages()
HINTS = entry_hints()
FIXTURES = fixture_pages()


def _slug(url: str) -> str:
    return url.rsplit("/", 1)[-1].removesuffix(".html")


def test_every_demo_page_has_its_entry():
    assert len(DEMO) >= 40 and {_slug(u) for u in DEMO} <= set(HINTS)


@pytest.mark.parametrize("url", sorted(DEMO), ids=_slug)
def test_demo_page_with_the_feed_entry_metadata(url):
    title, published = HINTS[_slug(url)]
    before, after = reference(DEMO[url], url, published), current(DEMO[url], url, title, published)
    assert before["text"], f"{url}: the reference extracts no text"
    for key in ("text", "content_hash", "fingerprint", "lang", "relevant", "claims", "published"):
        assert after[key] == before[key], f"{url}: {key} differs"
    assert after["title"] == title


@pytest.mark.parametrize("url", sorted(DEMO), ids=_slug)
def test_demo_page_without_metadata_reads_the_page(url):
    """A backfill record has no entry: title, canonical address and date come from the page, as before."""
    before, after = reference(DEMO[url], url, None), current(DEMO[url], url, None, None)
    assert after == before


@pytest.mark.parametrize("url", sorted(FIXTURES), ids=_slug)
def test_fixture_page(url):
    before = reference(FIXTURES[url], url, None)
    assert after_matches(FIXTURES[url], url, before)


def after_matches(html: bytes, url: str, before: dict[str, Any]) -> bool:
    with_hints = current(html, url, "Entry title", dt.date(2026, 11, 3))
    without = current(html, url, None, None)
    assert without == before, url
    same = ("text", "content_hash", "fingerprint", "lang", "relevant")
    assert {k: with_hints[k] for k in same} == {k: before[k] for k in same}, url
    return True


def test_a_page_that_is_not_html_is_a_clear_skip():
    r = analyse_page(PageJob(url="https://site.example/x", html=b"\x00\x01 not a page", content_type="text/html"))
    assert r.error and "https://site.example/x" in r.error and r.skip_reason == "no text extracted"
