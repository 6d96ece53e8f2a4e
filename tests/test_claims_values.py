"""The reading steps added in claims-2.4, one behaviour each: which date of a sentence is a plan's value (not the date
of the statement or decision, not one of several alternatives, not a step only weighed or not ruled out), and when a
value decided years ago is still the one in force."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.extractors.claims.reading import extract_claims


def keys(text: str, published: dt.date, lang: str = "en") -> set[tuple[str, str, str]]:
    return {(c.fact, c.value, c.status) for c in extract_claims(text, published=published, lang=lang)}


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        (
            "Russia had originally said in 2022 it would leave the station after 2024.",
            "en",
            dt.date(2026, 3, 11),
            {("iss.russia_participation_end", "2024", "historical")},
        ),
        (
            "That is earlier than NASA's previous plan, set in 2022, of operating the station through 2030.",
            "en",
            dt.date(2026, 6, 15),
            {("iss.operations_end", "2030", "historical")},
        ),
        (
            "La Russie, qui avait envisagé en 2022 de quitter le projet après 2024, s'est depuis engagée à y rester "
            "jusqu'en 2028.",
            "fr",
            dt.date(2025, 7, 31),
            {
                ("iss.russia_participation_end", "2024", "historical"),
                ("iss.russia_participation_end", "2028", "current"),
            },
        ),
        (
            "Прежний срок работы МКС для NASA, установленный в 2021 году, — 2030 год.",
            "ru",
            dt.date(2025, 7, 31),
            {("iss.operations_end", "2030", "historical")},
        ),
    ],
)
def test_the_date_of_a_statement_or_decision_is_not_the_value(text, lang, published, expected):
    assert keys(text, published, lang) == expected


def test_a_value_right_after_the_event_is_kept_whoever_said_it():
    text = "NASA said in a statement that the station would be deorbited in 2031."
    assert keys(text, dt.date(2023, 5, 1)) == {("iss.deorbit", "2031", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Roscosmos later said the exit could happen in 2025, 2028 or 2030 depending on the station's condition.",
            "en",
        ),
        ("NASA has been talking with partners about keeping the station flying to 2028 or 2030.", "en"),
        ("Говорят и о продлении работы МКС до 2028 или даже 2030 года.", "ru"),
    ],
)
def test_dates_offered_as_alternatives_are_no_plan(text, lang):
    assert keys(text, dt.date(2021, 4, 20), lang) == set()


def test_two_values_of_two_facts_are_not_alternatives():
    text = "The partners will operate the station until 2030 and deorbit it in 2031."
    assert keys(text, dt.date(2023, 5, 1)) == {
        ("iss.operations_end", "2030", "current"),
        ("iss.deorbit", "2031", "current"),
    }


def test_a_decision_takes_its_own_value_not_the_old_one_beyond_it():
    text = (
        "The Biden administration has committed to extending International Space Station operations through 2030, "
        "six years past the current end date of 2024."
    )
    assert keys(text, dt.date(2021, 12, 31)) == {
        ("iss.operations_end", "2030", "current"),
        ("iss.operations_end", "2024", "historical"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Deputy Prime Minister Yuri Borisov said Russia was weighing leaving the programme from 2025.",
        "Russia is considering pulling out of the International Space Station programme from 2025.",
        "Roscosmos does not rule out that its cosmonauts stay on the station after 2028.",
    ],
)
def test_an_option_weighed_or_not_ruled_out_is_no_plan(text):
    assert keys(text, dt.date(2021, 4, 21)) == set()


def test_a_weighed_option_does_not_reach_the_next_clause():
    text = (
        "Russia is considering leaving the station once its commitment expires and wants to launch the first module "
        "of its own orbital station in 2025."
    )
    assert keys(text, dt.date(2021, 4, 20)) == {("ros.first_module_launch", "2025", "current")}


def test_a_plan_in_force_stays_current_beside_a_hope_for_another_value():
    text = (
        "The orbiting laboratory is slated to operate through 2024 under the extension approved by the Obama "
        "administration in 2014. Some partners hope NASA will stay in through at least 2028."
    )
    assert ("iss.operations_end", "2024", "current") in keys(text, dt.date(2018, 1, 25))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia says its own station's first module should fly in 2027.", "en"),
        (
            "Ils se concentreront sur leur propre station, dont le premier module doit partir de Baïkonour en 2027.",
            "fr",
        ),
        ("Россия намерена перейти на собственную станцию, первый модуль которой запланирован на 2027 год.", "ru"),
    ],
)
def test_an_own_station_is_the_russian_one(text, lang):
    assert ("ros.first_module_launch", "2027", "current") in keys(text, dt.date(2024, 3, 1), lang)


def test_a_promise_for_a_month_is_its_value_not_its_date():
    text = "Изначально компания Vast обещала вывести станцию Haven-1 на орбиту в августе 2025 года."
    assert keys(text, dt.date(2025, 2, 10), "ru") == {("haven1.launch", "2025-08", "historical")}


def test_a_pronoun_after_a_dated_saying_verb_takes_the_actor_up_again():
    text = "Russia's space agency said on Tuesday it would support continued use of the station until 2024."
    assert keys(text, dt.date(2015, 2, 24)) == {("iss.russia_participation_end", "2024", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Rogozin said Moscow would not agree to the American proposal to extend the station until 2024.", "en"),
        ("Roscosmos will carefully study the US proposal to extend the operation of the station until 2024.", "en"),
        ("В Роскосмосе изучат предложение США продлить работу МКС до 2024 года.", "ru"),
    ],
)
def test_what_a_partner_asks_for_is_not_russias_act(text, lang):
    assert ("iss.russia_participation_end", "2024", "current") not in keys(text, dt.date(2014, 1, 9), lang)


def test_the_country_us_is_no_first_person():
    text = "Rogozin said on Tuesday, rebuffing a US request to extend the outpost to 2024, that Russia would leave."
    assert ("iss.russia_participation_end", "2024", "current") not in keys(text, dt.date(2014, 5, 13))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Я убеждён, что МКС нельзя сводить с орбиты раньше 2032 года.", "ru"),
        ("Поэтому я считаю, что российскому сегменту нельзя уходить со станции раньше 2030 года.", "ru"),
        ("I am convinced the station must keep flying until 2032.", "en"),
    ],
)
def test_a_first_person_conviction_of_what_must_be_is_an_opinion(text, lang):
    assert keys(text, dt.date(2026, 4, 12), lang) == set()


def test_talks_of_the_next_clause_leave_the_value_asserted():
    text = (
        "Американское агентство рассчитывает эксплуатировать станцию до 2030 года и продолжает переговоры с партнерами."
    )
    assert keys(text, dt.date(2022, 7, 26), "ru") == {("iss.operations_end", "2030", "current")}
    under = "Вопрос продления работы станции до 2030 года обсуждается с партнерами."
    assert keys(under, dt.date(2022, 7, 26), "ru") == set()


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        (
            "The Soyuz-5 rocket had been due to lift off before the end of this year.",
            "en",
            dt.date(2025, 12, 26),
            {("soyuz5.first_flight", "2025", "historical")},
        ),
        (
            "NASA plans to operate the station through 2030 and to crash it into the Pacific the following January.",
            "en",
            dt.date(2023, 10, 28),
            {("iss.operations_end", "2030", "current"), ("iss.deorbit", "2031-01", "current")},
        ),
        (
            "Le premier vol de Soyouz-5 aura lieu d'ici la fin de l'année.",
            "fr",
            dt.date(2025, 3, 26),
            {("soyuz5.first_flight", "2025", "current")},
        ),
        (
            "Первый пуск «Союза-5» состоится до конца этого года.",
            "ru",
            dt.date(2025, 3, 26),
            {("soyuz5.first_flight", "2025", "current")},
        ),
    ],
)
def test_years_named_from_the_publication_date(text, lang, published, expected):
    assert keys(text, published, lang) == expected


def test_a_relative_year_needs_the_publication_date_and_a_deadline():
    text = "The Soyuz-5 rocket is due to lift off before the end of this year."
    assert extract_claims(text, lang="en") == []
    assert keys(text, dt.date(2025, 3, 1)) == {("soyuz5.first_flight", "2025", "current")}
    # a bare "this year" or "next year" dated talks, orders and announcements more often than plans in the dev part
    bare = "NASA expects to announce the deorbit vehicle award this year and the first Soyuz-5 will fly next year."
    assert keys(bare, dt.date(2025, 6, 1)) == set()


def test_a_date_naming_a_plan_takes_the_event_of_the_sentence():
    text = "Vast has delayed the launch of Haven-1 to May 2026, abandoning the August 2025 target."
    assert keys(text, dt.date(2025, 1, 16)) == {
        ("haven1.launch", "2026-05", "current"),
        ("haven1.launch", "2025-08", "historical"),
    }


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Roscosmos moved the Scientific and Energy Module to 2028.", "en", ("ros.first_module_launch", "2028")),
        (
            "Le plan américain pour la station prévoyait que la lente descente ne débute que vers 2030.",
            "fr",
            ("iss.deorbit_start", "2030"),
        ),
        ("Earlier, the station's orbit was to start to drop around 2030.", "en", ("iss.deorbit_start", "2030")),
        ("Le processus de retrait de l'orbite de la station sera achevé d'ici 2030.", "fr", ("iss.deorbit", "2030")),
    ],
)
def test_more_words_for_the_first_module_and_the_descent(text, lang, expected):
    assert expected in {(f, v) for f, v, _ in keys(text, dt.date(2026, 3, 12), lang)}


def test_what_follows_the_first_module_is_a_later_stage():
    text = "Le module scientifique et énergétique serait suivi de trois autres éléments entre 2028 et 2030."
    assert keys(text, dt.date(2023, 10, 26), "fr") == set()


def test_the_start_of_the_descent_by_name():
    text = "Bakanov: 'In 2028 we will begin bringing the station down.'"
    assert keys(text, dt.date(2026, 3, 10)) == {("iss.deorbit_start", "2028", "current")}


def test_a_negation_before_the_event_does_not_reach_a_relative_clause():
    text = "Borisov said Moscow may decide not to renew its commitment, which runs through 2024."
    assert keys(text, dt.date(2021, 4, 20)) == {("iss.russia_participation_end", "2024", "current")}
    negated = "Borisov said Moscow may decide not to extend its commitment through 2024."
    assert keys(negated, dt.date(2021, 4, 20)) == set()


def test_a_decoy_inside_an_event_of_the_fact_is_no_decoy():
    text = "He said crewed operations on the station would continue until 2028."
    assert keys(text, dt.date(2026, 3, 10)) == {("iss.operations_end", "2028", "current")}


def test_an_initialism_does_not_end_a_clause():
    text = "Previously, the U.S. commitment to the station ran through 2024."
    assert keys(text, dt.date(2021, 12, 31)) == {("iss.operations_end", "2024", "historical")}


def test_a_date_restated_for_another_event_is_its_value_too():
    text = "Russia plans to stay on the ISS through 2028, when the partners intend to stop operating the station."
    assert keys(text, dt.date(2025, 12, 5)) == {
        ("iss.russia_participation_end", "2028", "current"),
        ("iss.operations_end", "2028", "current"),
    }
    alone = "Russia plans to stay on the ISS through 2028, when its own station should be ready."
    assert keys(alone, dt.date(2025, 12, 5)) == {("iss.russia_participation_end", "2028", "current")}


def test_a_timeline_goes_on_with_became():
    text = "When the station was designed, it was meant to run until 2015. That became 2020."
    assert keys(text, dt.date(2020, 11, 2)) == {
        ("iss.operations_end", "2015", "historical"),
        ("iss.operations_end", "2020", "historical"),
    }


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Roscosmos chief Yury Borisov said the next probe, Luna-26, might fly in 2026.", "en"),
        ("L'équipage doit rester à bord de la station un peu plus de six mois, jusqu'en juin 2019.", "fr"),
    ],
)
def test_other_programmes_and_crews_are_not_the_facts(text, lang):
    assert keys(text, dt.date(2018, 12, 3), lang) == set()
