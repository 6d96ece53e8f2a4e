"""The steps added in claims-2.9, one behaviour each: a change named after "then" starts a new plan, not the old one's;
a call on somebody else to act is a wish; a sentence naming another station, whose fact's subject is only in the
text before, is about that station; "привержена" (committed) names Russia's part, as "engagée" already did."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_claims_values import keys


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Initially the exploitation of the station was planned until 2020, then it was prolonged till 2024.", "en"),
        (
            "L'exploitation de la station était d'abord prévue jusqu'en 2020, puis elle a été prolongée jusqu'en 2024.",
            "fr",
        ),
        ("Сначала эксплуатация станции планировалась до 2020 года, а затем её продлили до 2024 года.", "ru"),
    ],
)
def test_a_change_after_then_is_the_new_plan(text, lang):
    found = keys(text, dt.date(2020, 10, 22), lang)
    assert ("iss.operations_end", "2020", "historical") in found
    assert ("iss.operations_end", "2024", "current") in found


def test_a_plan_continued_after_then_stays_one_plan():
    text = "NASA had planned to operate the station until 2030, then to bring it down in January 2031."
    found = keys(text, dt.date(2025, 9, 1), "en")
    assert ("iss.deorbit", "2031-01", "historical") in found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Industry groups last week urged lawmakers to keep the ISS going to 2030 rather than 2024.", "en"),
        ("Le sénateur exhorte la NASA à prolonger l'exploitation de l'ISS jusqu'en 2030.", "fr"),
        ("Сенатор призвал продлить эксплуатацию МКС до 2030 года.", "ru"),
    ],
)
def test_a_call_on_others_to_act_is_no_plan(text, lang):
    assert not any(f == "iss.operations_end" and v == "2030" for f, v, _ in keys(text, dt.date(2021, 10, 26), lang))


def test_a_call_for_something_else_leaves_the_dated_plan_standing():
    text = (
        "Witnesses urged Congress to fund the U.S. Deorbit Vehicle, which NASA says it needs to bring the station down "
        "in a controlled way in early 2031."
    )
    assert ("iss.deorbit", "2031", "current") in keys(text, dt.date(2024, 2, 15), "en")


def test_another_station_named_in_a_sentence_that_lacks_the_facts_subject():
    before = "Vast would not give a month for the Haven-1 launch."
    other = ' Starlab\'s CEO: a single Starship launch is still the plan, "2029 is realistic."'
    assert not any(f == "haven1.launch" for f, _, _ in keys(before + other, dt.date(2026, 4, 14), "en"))
    own = " Its launch is still planned for 2026, the company added."
    assert ("haven1.launch", "2026", "current") in keys(before + own, dt.date(2025, 9, 1), "en")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("La Russie s'est engagée jusqu'en 2028 sur la Station spatiale internationale.", "fr"),
        ("Россия формально привержена станции до 2028 года.", "ru"),
    ],
)
def test_committed_names_russias_part(text, lang):
    assert ("iss.russia_participation_end", "2028", "current") in keys(text, dt.date(2023, 6, 1), lang)
