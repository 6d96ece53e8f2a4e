"""Date mentions: values, granularity, qualifiers, ranges and what is not a date."""

from __future__ import annotations

import pytest

from isswatch.extractors.claims.date_mentions import find_dates


def one(text: str, lang: str = "en"):
    found = find_dates(text, lang)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "lang", "value", "qualifier"),
    [
        ("operate until 2028", "en", "2028", "until"),
        ("operate through 2030", "en", "2030", "until"),
        ("by the end of 2030", "en", "2030", "by"),
        ("no earlier than 2027", "en", "2027", "no_earlier_than"),
        ("in 2030 at the earliest", "en", "2030", "no_earlier_than"),
        ("after 2028", "en", "2028", "after"),
        ("around 2030", "en", "2030", "around"),
        ("in 2027", "en", "2027", "in"),
        ("until at least 2028", "en", "2028", "until"),
        ("jusqu'en 2028", "fr", "2028", "until"),
        ("jusqu’en 2028", "fr", "2028", "until"),
        ("d'ici 2030", "fr", "2030", "by"),
        ("d'ici la fin de 2030", "fr", "2030", "by"),
        ("pas avant 2027", "fr", "2027", "no_earlier_than"),
        ("au-delà de 2028", "fr", "2028", "after"),
        ("vers 2030", "fr", "2030", "around"),
        ("до 2028 года", "ru", "2028", "until"),
        ("к 2030-му", "ru", "2030", "by"),
        ("в 2027 году", "ru", "2027", "in"),
        ("не ранее 2027 года", "ru", "2027", "no_earlier_than"),
        ("после 2028 года", "ru", "2028", "after"),
        ("около 2030 года", "ru", "2030", "around"),
    ],
)
def test_year_qualifiers(text, lang, value, qualifier):
    d = one(text, lang)
    assert (d.value, d.granularity, d.qualifier) == (value, "year", qualifier)


@pytest.mark.parametrize(
    ("text", "lang", "value", "granularity"),
    [
        ("in March 2027", "en", "2027-03", "month"),
        ("on July 31, 2025", "en", "2025-07-31", "day"),
        ("on 31 July 2025", "en", "2025-07-31", "day"),
        ("2027-03-15", "en", "2027-03-15", "day"),
        ("en mars 2027", "fr", "2027-03", "month"),
        ("le 1er août 2025", "fr", "2025-08-01", "day"),
        ("в марте 2027 года", "ru", "2027-03", "month"),
        ("31 июля 2025 года", "ru", "2025-07-31", "day"),
        ("15.03.2027", "ru", "2027-03-15", "day"),
    ],
)
def test_months_and_days(text, lang, value, granularity):
    d = one(text, lang)
    assert (d.value, d.granularity) == (value, granularity)


@pytest.mark.parametrize(
    ("text", "lang", "start", "end"),
    [
        ("2030-31", "en", "2030", "2031"),
        ("between 2029 and 2030", "en", "2029", "2030"),
        ("entre 2029 et 2030", "fr", "2029", "2030"),
        ("в 2030-2031 годах", "ru", "2030", "2031"),
    ],
)
def test_ranges(text, lang, start, end):
    d = one(text, lang)
    assert (d.value, d.value_end, d.qualifier) == (start, end, "range")


def test_from_to_is_marked_for_the_claim_stage():
    d = one("extended from 2024 to 2030")
    assert (d.value, d.value_end, d.form) == ("2024", "2030", "from_to")
    assert one("продлили с 2024 по 2030 год", "ru").form == "from_to"


def test_since_is_its_own_qualifier():
    assert one("since 2018").qualifier == "since"
    assert one("depuis 2000", "fr").qualifier == "since"
    assert one("с 2018 года", "ru").qualifier == "since"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("in six years", "en"),
        ("end of the decade", "en"),
        ("two years from now", "en"),
        ("the 2030s", "en"),
        ("в 2030-х годах", "ru"),
        ("$2,030", "en"),
        ("Soyuz MS-27", "en"),
        ("dans une dizaine d'années", "fr"),
    ],
)
def test_not_dates(text, lang):
    assert find_dates(text, lang) == []


@pytest.mark.parametrize("text", ["31 February 2027", "2027-13-01", "2027-02-30"])
def test_impossible_days_are_not_days(text):
    assert all(d.granularity != "day" for d in find_dates(text))


def test_lower_case_may_is_the_verb():
    assert all(d.granularity == "year" for d in find_dates("the station may 2030 be gone"))
