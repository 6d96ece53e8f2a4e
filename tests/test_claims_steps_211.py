"""The steps changed in claims-2.11, read from the 31st corpus round's development errors and from replays of random
parts of the development articles: budget and launch-site words that are not the event, China named as another
programme, Russian past wishes and options, French talks in every person, an option still studied, and a date the
speaker corrects at once."""

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
