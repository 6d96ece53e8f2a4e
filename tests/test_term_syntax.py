"""One term syntax for relevance terms and catalogue terms: parsed once, matched by each its own way."""

from __future__ import annotations

import pytest

from isswatch.extractors.claims.terms import compile_term
from isswatch.extractors.pages.relevance import match_terms
from isswatch.extractors.term_syntax import ACRONYM_MAX, TermWord, parse_term, term_regex


def test_parse_names_each_kind_of_word():
    assert parse_term("=Russians deorbit* _ ISS l’orbite") == (
        TermWord("form", "Russians"),
        TermWord("prefix", "deorbit"),
        TermWord("gap", ""),
        TermWord("acronym", "ISS"),
        TermWord("word", "l"),
        TermWord("word", "orbite", elided=True),
    )
    assert parse_term("_ _") == ()
    assert parse_term("NASA*") == (TermWord("acronym", "NASA", prefix=True),)


@pytest.mark.parametrize("word", ["ISS", "МКС", "NASA", "SPACEX"])
def test_an_acronym_is_the_same_for_relevance_and_the_catalogue(word):
    assert len(word) <= ACRONYM_MAX
    assert compile_term(word, "en") == (("exact", word),)
    assert match_terms(f"news from {word} today", [word]) == (word,)
    assert match_terms(f"news from {word.capitalize()} today", [word]) == ()


def test_a_long_capital_word_is_a_plain_word_for_both():
    word = "ROSCOSMOS"
    assert compile_term(word, "en")[0][0] == "stem"
    assert match_terms("Roscosmos said", [word]) == (word,)


def test_relevance_joins_words_by_spaces_or_hyphens_and_elisions_by_apostrophes():
    rx = term_regex("space station*")
    assert rx is not None and rx.search("Space-stations crews") and not rx.search("spacestation")
    elided = term_regex("l'ISS")
    assert elided is not None and elided.search("à bord de l’ISS") and not elided.search("l’iss")


def test_relevance_understands_forms_and_gaps_like_the_catalogue():
    assert match_terms("bring the old station down", ["bring _ down"]) == ("bring _ down",)
    assert match_terms("bring a b c d e down", ["bring _ down"]) == ()
    assert match_terms("The Russians left", ["=Russians"]) == ("=Russians",)
    assert match_terms("The Russian segment", ["=Russians"]) == ()
