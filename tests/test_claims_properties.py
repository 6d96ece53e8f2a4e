"""Property-based robustness of the claim extractor: never crashes, offsets valid, bounded time."""

from __future__ import annotations

import datetime as dt
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from isswatch.extractors.claims.date_mentions import find_dates
from isswatch.extractors.claims.reading import extract_claims
from isswatch.extractors.claims.sentences import split_sentences

WORDS = [
    "ISS",
    "МКС",
    "station",
    "станция",
    "deorbit",
    "до",
    "until",
    "jusqu'en",
    "2028",
    "2030",
    "года",
    "в",
    "not",
    "if",
    "«",
    "»",
    '"',
    ".",
    "!",
    "?",
    "\n",
    " ",
    "initially",
    "изначально",
    "from",
    "to",
    "2024-2030",
    "31",
    "July",
    "июля",
    "Roscosmos",
    "NASA",
    "agreed",
    "—",
    "(",
    ")",
    "\x00",
    "\u2028",
    "\t",
    "e.g.",
    "U.S.",
]
word_soup = st.lists(st.sampled_from(WORDS), max_size=200).map(" ".join)
anything = st.text(alphabet=st.characters(codec="utf-8"), max_size=2000)
PUB = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)))


def check(text: str, claims) -> None:
    for c in claims:
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start : c.end] == c.sentence
        assert 0.0 <= c.confidence <= 1.0
        assert c.status in ("current", "historical")
        assert c.qualifier in ("until", "by", "after", "no_earlier_than", "around", "range", "in")
        assert len(c.value) in (4, 7, 10)


@settings(max_examples=150, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(text=anything, published=PUB, lang=st.sampled_from([None, "en", "fr", "ru", "xx"]))
def test_arbitrary_text(text, published, lang):
    check(text, extract_claims(text, published=published, lang=lang))


@settings(max_examples=150, deadline=1000)
@given(text=word_soup, published=PUB)
def test_claim_shaped_soup(text, published):
    check(text, extract_claims(text, published=published))


@settings(max_examples=60, deadline=1000)
@given(text=st.text(alphabet=st.sampled_from("abc АБВ 2028 \x00\x07\r\x1b\u200b\ufeff«»\"'.…"), max_size=3000))
def test_control_characters_and_mixed_scripts(text):
    check(text, extract_claims(text))
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text and s.text == s.text.strip()
    for lang in ("en", "fr", "ru"):
        for d in find_dates(text, lang):
            assert 0 <= d.start < d.end <= len(text)


def test_huge_text_without_punctuation_is_bounded():
    chunk = "the ISS will operate until 2028 and Roscosmos agreed to deorbit the station in 2030 "
    text = (chunk * (1_000_000 // len(chunk)))[:1_000_000]
    t0 = time.perf_counter()
    claims = extract_claims(text)
    elapsed = time.perf_counter() - t0
    assert elapsed < 30, elapsed  # generous wall check: about 4 s here (worst case: every sentence dense)
    check(text, claims)
    assert claims


def test_huge_text_of_one_character_and_of_digits():
    for text in ("a" * 1_000_000, "2028 " * 200_000, "." * 500_000, "«" * 300_000):
        t0 = time.perf_counter()
        check(text, extract_claims(text))
        assert time.perf_counter() - t0 < 20
