"""The claim core's named steps, each tried alone: date values and qualifiers, questions, status steps, and the
explanation assembled from the steps that decided a claim."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.extractors.claims import reading
from isswatch.extractors.claims.catalogue import load_catalogue
from isswatch.extractors.claims.date_mentions import find_dates
from isswatch.extractors.claims.reading import extract_claims


@pytest.mark.parametrize(
    ("text", "lang", "value", "granularity", "qualifier"),
    [
        ("until 2030", "en", "2030", "year", "until"),
        ("by March 15, 2027", "en", "2027-03-15", "day", "by"),
        ("jusqu'en mars 2027", "fr", "2027-03", "month", "until"),
        ("не ранее 15.03.2027", "ru", "2027-03-15", "day", "no_earlier_than"),
        ("between 2029 and 2030", "en", "2029", "year", "range"),
        ("in 2030 at the earliest", "en", "2030", "year", "no_earlier_than"),
    ],
)
def test_find_dates_reads_value_granularity_and_qualifier(text, lang, value, granularity, qualifier):
    [d] = find_dates(text, lang)
    assert (d.value, d.granularity, d.qualifier) == (value, granularity, qualifier)


@pytest.mark.parametrize("text", ["the 2030s", "les années 2030", "(2021 update)", "on 2027-02-30", "may 2030"])
def test_find_dates_refuses_what_names_no_date(text):
    assert find_dates(text, "fr" if "années" in text else "en") == []


def test_a_range_that_goes_backwards_keeps_its_first_year():
    [d] = find_dates("the 2030-2024 plan", "en")
    assert (d.value, d.value_end) == ("2030", None)


def test_a_question_is_a_step_of_its_own():
    assert extract_claims("Will the ISS really fly until 2030?»", lang="en") == []
    assert (
        extract_claims("«Will the station really be retired in 2028, or will it be extended again?»", lang="en") == []
    )
    [claim] = extract_claims("The ISS is scheduled to retire in 2030, so can Haven-1 bridge the gap?", lang="en")
    assert (claim.fact, claim.value) == ("iss.operations_end", "2030")


def test_status_steps_each_find_their_history():
    fact = load_catalogue().get("iss.russia_participation_end")
    [d] = find_dates("instead of 2028", "en")
    assert reading._displaced("instead of 2028", "en", d) == "replaced ('instead of')"
    assert reading._superseded(fact, "2024", dt.date(2023, 6, 1), decided=lambda: False) is not None
    assert reading._superseded(fact, "2024", dt.date(2022, 6, 1), decided=lambda: False) is None  # the plan of its day
    assert reading._superseded(fact, "2024", dt.date(2023, 6, 1), decided=lambda: True) is None  # agreed anew
    assert reading._already_past("2024", dt.date(2025, 1, 1)) is not None
    assert reading._already_past("2025-03", dt.date(2025, 3, 10)) is None


def test_the_explanation_names_the_steps_that_decided():
    [c] = extract_claims(
        "The station was initially scheduled to be retired in 2024, Roscosmos said.",
        published=dt.date(2021, 6, 1),
        lang="en",
    )
    assert c.status == "historical"
    parts = c.explanation.split("; ")
    assert parts[0].startswith("event 'retired' (iss.operations_end) bound backward to date 'in 2024'")
    assert parts[1:] == [
        "subject 'station'",
        "lang en",
        "historical: history cue 'was initially scheduled'",
        "modality cue 'scheduled'",
        "speaker 'Roscosmos' attributed",
    ]


def test_a_dated_decision_reads_as_its_sentence_says_and_the_catalogue_dates_its_replacement():
    """No article-wide guess that an older decision was replaced (measured to mark plans still in force as history
    whenever the article also reported a hope or a wrong value): the catalogue's ``superseded`` dates do it."""
    text = (
        "NASA and Roscosmos agreed to operate the ISS until 2028.\n"
        "On December 31, 2021, the Biden administration committed the United States to operating the ISS through 2030."
    )
    found = {(c.fact, c.value, c.status) for c in extract_claims(text, published=dt.date(2025, 3, 1), lang="en")}
    assert found == {("iss.operations_end", "2028", "current"), ("iss.operations_end", "2030", "current")}
    later = extract_claims(text, published=dt.date(2025, 8, 15), lang="en")
    assert {(c.value, c.status) for c in later} == {("2028", "current"), ("2030", "historical")}
    [old] = [c for c in later if c.value == "2030"]
    assert "superseded since 2025-07-31 (catalogue)" in old.explanation


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Komarov said the first stage was to continue ISS operations through 2024.", "current"),
        ("The first stage was to continue ISS operations through 2024, but that changed.", "historical"),
        ("The American side earlier named the operation of the ISS up to 2024.", "historical"),
    ],
)
def test_reported_speech_tense_is_not_history_but_an_earlier_statement_is(text, status):
    found = {(c.value, c.status) for c in extract_claims(text, published=dt.date(2015, 3, 28), lang="en")}
    assert found == {("2024", status)}
