"""The steps changed in claims-2.12, read from the 35th to 37th corpus rounds' development errors (the 37th raised the
first false change of a fresh slice) and from the wrong current values of the development articles that differ from
the value in force: a fact whose subject the article never names, talk and failures that are not plans, a past
intention in the neuter, a vehicle's readiness, partners named after the event or in a relative clause, a job title,
a correction of what was written before, a station's relative clause between another station and its verb, a name
with a year, a quoted headline judged after a dash, possibility modals, and "flying to the ISS"."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.extractors.claims.reading import extract_claims
from tests.test_claims_values import keys


def facts(text: str, published: dt.date, lang: str = "en") -> set[tuple[str, str]]:
    return {(f, v) for f, v, _ in keys(text, published, lang)}


def test_a_fact_whose_subject_the_article_never_names_is_not_claimed():
    text = (
        "Vostochny's second launch pad is behind schedule because of the rain, the builders told the president.\n"
        "Asked when everything would be ready, the Roscosmos chief answered that the work would be completed at "
        "the end of next year."
    )
    assert not facts(text, dt.date(2021, 9, 4))
    guard = "The ISS will keep working until 2030, the Roscosmos chief said."
    assert ("iss.operations_end", "2030") in facts(guard, dt.date(2022, 1, 10))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Все разговоры про «Россия уходит в 2025-м» так и остаются разговорами.", "ru"),
        ("В РКК «Энергия» предупредили о сбоях в работе МКС после 2025 года.", "ru"),
        ("Engineers warned of failures in the station's work after 2025.", "en"),
    ],
)
def test_talk_and_failures_are_not_plans(text, lang):
    assert not facts(text, dt.date(2021, 11, 20), lang)


def test_a_past_intention_said_in_the_neuter_is_history():
    text = "НАСА собиралось затопить станцию в 2026 году, но стороны решили продолжить работу МКС до 2028 года."
    found = keys(text, dt.date(2025, 8, 24), "ru")
    assert ("iss.deorbit", "2026", "current") not in found
    assert ("iss.operations_end", "2028", "current") in found


def test_a_deorbit_vehicle_ready_by_a_date_is_not_the_deorbit():
    text = (
        "SpaceX must have the vehicle that will deorbit the ISS ready by 2029; the reentry is planned for early 2031."
    )
    found = facts(text, dt.date(2024, 12, 20))
    assert ("iss.deorbit", "2029") not in found
    assert ("iss.deorbit", "2031") in found


@pytest.mark.parametrize(
    "text",
    [
        "La Russie reste sur l'ISS jusqu'en 2024. L'administration Biden prolonge l'engagement américain "
        "jusqu'en 2030.",
        "Pour l'ISS, les partenaires occidentaux se sont engagés jusqu'en 2030 ; la Russie, jusqu'en 2028.",
        "Pour l'ISS, la Russie s'est engagée jusqu'en 2028, aux côtés des États-Unis et de l'Europe, qui poursuivront "
        "jusqu'en 2030.",
    ],
)
def test_what_the_other_partners_do_is_the_stations_not_russias(text):
    found = facts(text, dt.date(2024, 6, 27), "fr")
    assert ("iss.operations_end", "2030") in found
    assert ("iss.russia_participation_end", "2030") not in found


def test_a_mistake_said_between_the_event_and_the_date_is_an_opinion():
    text = "Un ancien cosmonaute juge qu'un départ de la Russie « serait une erreur avant 2030 »."
    assert not facts(text, dt.date(2021, 4, 20), "fr")


def test_a_station_in_the_relative_clause_of_another_is_not_what_operates():
    text = (
        "Putin said the first segment of Russia's new orbital station, which Moscow sees as the next step after the "
        "International Space Station, should be operating by 2027."
    )
    assert ("iss.operations_end", "2027") not in facts(text, dt.date(2023, 10, 30))
    guard = "The ISS, which its partners see as a model, will operate until 2028."
    assert ("iss.operations_end", "2028") in facts(guard, dt.date(2025, 9, 1))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Correction 16:25: we earlier wrote that all the station's modules would fly until 2027.", "en"),
        ("Note: an earlier headline on this entry read 'Soyuz-5 launch delayed to 2024'.", "en"),
        ("Ранее мы ошибочно написали, что МКС будут эксплуатировать до 2027 года.", "ru"),
    ],
)
def test_a_correction_of_what_was_written_before_claims_nothing(text, lang):
    assert not facts(text, dt.date(2023, 10, 26), lang)
    guard = "The agency previously said it planned to retire the station in 2030."  # a past statement, no correction
    assert ("iss.operations_end", "2030") in facts(guard, dt.date(2023, 10, 26))


def test_a_year_called_critical_with_a_remark_between_dashes_is_described():
    text = 'He said 2028 will be a — his word was "critical" — a critical year for the station\'s work.'
    assert not facts(text, dt.date(2021, 12, 6))


def test_a_counterfactual_bill_and_a_preference_are_not_plans():
    published = dt.date(2018, 12, 21)
    assert ("iss.operations_end", "2030") not in facts(
        "Had it become law, it would have kept the International Space Station operating through 2030.", published
    )
    assert ("iss.operations_end", "2028") not in facts(
        "The witness said he would prefer the station remain in service until 2028.", published
    )


def test_stopping_support_is_a_budget_line_not_the_end_of_the_station():
    text = "The budget request includes plans to stop supporting the International Space Station in 2025."
    assert not facts(text, dt.date(2018, 2, 13))


def test_a_year_in_an_events_name_is_no_date():
    text = "The station's model will be shown at the Army 2022 forum, which runs through August 21."
    assert ("iss.operations_end", "2022") not in facts(text, dt.date(2022, 8, 15))


def test_a_quoted_headline_called_inaccurate_after_a_dash_is_no_claim():
    text = "Иными словами, «уничтожить МКС в 2030-м» — не совсем точно: падать станция будет уже в 2031 году."
    found = keys(text, dt.date(2024, 7, 4), "ru")
    assert ("iss.deorbit", "2030", "current") not in found


def test_the_end_of_its_mission_is_the_end_of_operations():
    text = "NASA asked industry how to safely deorbit the ISS at the end of its mission in 2030."
    found = facts(text, dt.date(2022, 8, 19))
    assert ("iss.operations_end", "2030") in found
    assert ("iss.deorbit", "2030") not in found


def test_more_modules_are_not_the_first_module():
    text = (
        "Russia's orbital programme takes a big step in 2027, when the first module of the Russian Orbital Station is "
        "due to launch, with four more modules reaching orbit between 2028 and 2030."
    )
    assert facts(text, dt.date(2023, 2, 14)) == {("ros.first_module_launch", "2027")}


def test_russias_support_for_the_stations_operation_is_russias_part():
    text = "Russia will support continued station operations until 2028, NASA said."
    assert facts(text, dt.date(2023, 4, 28)) == {("iss.russia_participation_end", "2028")}
    joint = "Russia And US Agree To Extend ISS Operations To 2028"
    assert ("iss.russia_participation_end", "2028") not in facts(joint, dt.date(2025, 8, 1))


def test_flying_to_the_station_is_not_the_station_flying():
    text = "Roscosmos, which Borisov now heads, has told its partners it will keep flying to the ISS until 2028."
    assert ("iss.operations_end", "2028") not in facts(text, dt.date(2024, 2, 13))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia can leave the ISS from 2025 and build its own station.", "en"),
        ("Borissov : la Russie peut quitter l'ISS en 2025.", "fr"),
    ],
)
def test_can_is_a_possibility(text, lang):
    claims = [c for c in extract_claims(text, lang=lang, published=dt.date(2021, 4, 20)) if c.value == "2025"]
    assert claims and all(c.modality == "possible" for c in claims)


def test_leaving_the_project_is_no_plan_word():
    text = "La Russie sortira du projet à partir de 2025, a dit le ministre."
    claims = extract_claims(text, lang="fr", published=dt.date(2021, 4, 20))
    assert claims and all(c.modality != "planned" for c in claims)


@pytest.mark.parametrize(
    ("text", "lang", "published"),
    [
        (
            "Roscosmos and NASA agreed the ISS should work until 2028, though it will likely remain in demand "
            "until 2030.",
            "en",
            dt.date(2025, 7, 31),
        ),
        (
            "МКС, вероятно, останется востребованной и до 2030 года, сказал глава Роскосмоса.",
            "ru",
            dt.date(2025, 7, 31),
        ),
        ("The US agency has been lobbying to keep the station flying until 2030.", "en", dt.date(2021, 4, 21)),
        (
            "NASA would like the deorbit vehicle ready to launch in 2029, before the station's final plunge.",
            "en",
            dt.date(2024, 5, 2),
        ),
    ],
)
def test_demand_lobbying_and_a_vehicles_readiness_are_not_plans(text, lang, published):
    assert not {v for f, v in facts(text, published, lang) if v in ("2029", "2030")}


def test_possibly_is_a_possibility():
    text = "NASA said it would extend the station's operation beyond the agreed date, possibly to 2030."
    claims = [c for c in extract_claims(text, lang="en", published=dt.date(2021, 4, 20)) if c.value == "2030"]
    assert claims and all(c.modality == "possible" for c in claims)
