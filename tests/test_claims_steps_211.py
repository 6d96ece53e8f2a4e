"""The steps changed in claims-2.11, read from the 31st and 32nd corpus rounds' development errors and from replays
of random parts of the development articles: budget and launch-site words that are not the event, China named as
another programme, Russian past wishes and options, French talks in every person, an option still studied, a date
the speaker corrects at once; a dash or colon opening a chain of former dates, a report called false, the new value
of a change ("с декабря 2027 года на 2028 год", "not in 2027 as planned, but in 2028"), a renewed station; and, from
the 33rd round, a sentence that continues the last with another programme only in a side remark, an agreement dated
in a past decade, "the Russians" staying; and, from the 33rd and 34th, a year called critical, and a French date
"longtemps attendu" (the former plan, unlike "longtemps attendu," said of the rocket)."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.extractors.claims.reading import extract_claims
from tests.test_claims_values import keys


def facts(text: str, published: dt.date, lang: str = "en") -> set[tuple[str, str]]:
    return {(f, v) for f, v, _ in keys(text, published, lang)}


def test_a_continuing_resolution_is_a_budget_not_the_station_continuing():
    text = "NASA's station managers say they are coping with a full-year continuing resolution at 2024 levels."
    assert ("iss.operations_end", "2024") not in facts(text, dt.date(2025, 5, 3))


def test_a_launch_complex_is_not_the_russian_stations_launch():
    before = "Россия создает собственную орбитальную станцию. "
    assert not facts(
        before + "Стартовый комплекс на Байконуре будет готов к концу 2026 года.", dt.date(2024, 6, 8), "ru"
    )
    guard = before + "Первый модуль российской станции стартует в 2027 году."
    assert ("ros.first_module_launch", "2027") in facts(guard, dt.date(2024, 6, 8), "ru")


def test_the_deorbit_vehicles_launch_is_not_the_russian_stations():
    text = (
        "Russia plans to put the first module of its own station in orbit in 2028. "
        "The deorbit vehicle's launch was planned for 2029 under the old timeline."
    )
    found = keys(text, dt.date(2026, 3, 11))
    assert ("ros.first_module_launch", "2028", "current") in found
    assert not any(v == "2029" for _, v, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "Баканов: НАСА хотело затопить МКС уже в 2026 году",
        "НАСА рассматривало вариант затопить МКС в 2026 году.",
    ],
)
def test_a_russian_past_wish_or_option_is_not_the_current_plan(text):
    assert ("iss.deorbit", "2026", "current") not in keys(text, dt.date(2025, 8, 24), "ru")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Beijing says it will assemble a larger, modular station around 2022, as partners debate how long their "
            "own orbiting lab should fly.",
            "en",
        ),
        ("China will complete the building of the station around 2022, which will then operate for ten years.", "en"),
        ("Китай к 2022 году завершит сборку станции, которая будет работать около десяти лет.", "ru"),
    ],
)
def test_china_named_as_the_actor_is_another_programme(text, lang):
    assert ("iss.operations_end", "2022") not in facts(text, dt.date(2016, 10, 18), lang)


def test_china_beside_the_iss_leaves_the_iss_its_date():
    text = "After the ISS retires in 2030, China will be the only country with a station in orbit."
    assert ("iss.operations_end", "2030") in facts(text, dt.date(2022, 6, 1))


def test_french_talks_in_every_person_are_talks():
    text = (
        "L'ISS restera en service jusqu'en 2024. « Nous ne discutons pas pour l'instant avec nos partenaires "
        "étrangers d'une prolongation de la station jusqu'en 2028. »"
    )
    assert facts(text, dt.date(2017, 2, 23), "fr") == {("iss.operations_end", "2024")}


def test_what_it_would_take_is_an_option_studied():
    text = "The law asks NASA for a report on what it would take to extend station operations to 2028."
    assert ("iss.operations_end", "2028") not in facts(text, dt.date(2017, 3, 24))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The deorbit of the ISS, the final burn, happens in 2030 — excuse me, in early 2031.", "en"),
        ("Сведение МКС с орбиты пройдет в 2030 году, простите, в 2031 году.", "ru"),
    ],
)
def test_a_date_the_speaker_corrects_gives_way_to_the_next(text, lang):
    claims = extract_claims(text, published=dt.date(2024, 6, 26), lang=lang)
    assert {(c.fact, c.value) for c in claims} == {("iss.deorbit", "2031")}
    assert "corrected to" in claims[0].explanation


def test_an_apology_without_a_new_date_changes_nothing():
    assert facts("The ISS will be deorbited in 2030, sorry to say.", dt.date(2024, 6, 26)) == {("iss.deorbit", "2030")}


# Read from the 32nd round's dev errors.


@pytest.mark.parametrize("sep", [" —", ":"])
def test_a_dash_or_colon_opening_a_chain_of_dates_keeps_them_with_the_event(sep):
    text = f"The station's life has been extended several times{sep} first to 2020, then to 2024."
    assert keys(text, dt.date(2026, 1, 19)) == {
        ("iss.operations_end", "2020", "historical"),
        ("iss.operations_end", "2024", "historical"),
    }


def test_a_colon_before_other_words_still_ends_the_clause():
    found = keys("NASA has a message for the partners: the ISS will operate until 2030.", dt.date(2022, 6, 1))
    assert found == {("iss.operations_end", "2030", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Some websites even claimed the station would be brought down in 2026 - that is false.", "en"),
        ("Certains sites ont affirmé que la station serait désorbitée en 2026, ce qui est faux.", "fr"),
    ],
)
def test_a_report_called_false_is_not_a_claim(text, lang):
    assert not any(v == "2026" for _, v, _ in keys(text, dt.date(2024, 6, 28), lang))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Запуск первого модуля РОС перенесли с декабря 2027 года на 2028 год.", "ru"),
        ("The first module of the Russian station will not launch in 2027 as planned, but in 2028.", "en"),
        ("Le premier module de la station russe ne partira pas en 2027 comme prévu, mais en 2028.", "fr"),
    ],
)
def test_the_new_value_of_a_change_is_read_with_the_old(text, lang):
    found = keys(text, dt.date(2025, 12, 2), lang)
    assert ("ros.first_module_launch", "2028", "current") in found
    assert not any(v.startswith("2027") and s == "current" for _, v, s in found)


def test_a_negation_with_no_but_still_denies():
    text = "The first module of the Russian station will not launch in 2028, Roscosmos said."
    assert not any(v == "2028" for _, v, _ in keys(text, dt.date(2025, 12, 2)))


def test_a_renewed_station_is_extended():
    text = "The ISS was originally expected to be retired in 2020. Last year the White House renewed it through 2024."
    assert ("iss.operations_end", "2024", "current") in keys(text, dt.date(2015, 11, 2))


def test_a_side_remark_on_another_programme_does_not_stop_a_sentence_continuing_the_last():
    text = (
        "Vast said this week that Haven-1 will not launch in August 2025 after all. The new target is May 2026, on a "
        "Falcon 9 from Florida, with the first crew on a Crew Dragon no earlier than June 2026."
    )
    assert ("haven1.launch", "2026-05", "current") in keys(text, dt.date(2025, 1, 16))


def test_an_agreement_dated_in_a_past_decade_is_history():
    text = "The first stretch came in the late 2000s, when the partners agreed to keep the outpost going until 2020."
    assert keys(text, dt.date(2016, 4, 12)) == {("iss.operations_end", "2020", "historical")}


def test_the_russians_staying_is_russias_participation():
    text = "The general director recalled that the stay of the Russians on the ISS is prolonged till 2028."
    assert facts(text, dt.date(2024, 6, 4)) == {("iss.russia_participation_end", "2028")}


@pytest.mark.parametrize(
    "text",
    [
        "Rogozin named 2028 a critical year for the further work of the ISS",
        "Rogozin considers that the year 2028 will become critical for the continuation of works at the ISS.",
    ],
)
def test_a_year_called_critical_is_described_not_planned(text):
    assert not facts(text, dt.date(2021, 12, 3))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Roscosmos a confirmé que le premier tir de la fusée Soyouz-5, longtemps attendu fin 2025, aurait lieu en "
            "2026 depuis Baïkonour.",
            "fr",
        ),
    ],
)
def test_a_date_long_expected_is_the_former_plan(text, lang):
    assert keys(text, dt.date(2025, 12, 1), lang) == {
        ("soyuz5.first_flight", "2025", "historical"),
        ("soyuz5.first_flight", "2026", "current"),
    }


def test_a_long_awaited_rocket_keeps_its_date():
    text = "Le nouveau lanceur Soyouz-5, longtemps attendu, doit enfin effectuer son premier vol début 2026."
    assert keys(text, dt.date(2026, 1, 15), "fr") == {("soyuz5.first_flight", "2026", "current")}
