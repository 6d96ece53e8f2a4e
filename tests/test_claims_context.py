"""The reading steps added in claims-2.2 (claims-2.3: test_claims_actors.py), one behaviour each: what the article
around a sentence says (the claim of the sentence before, the subject named earlier, the same value said twice),
and the cues and catalogue keys that decide a date's meaning (a negated former plan, talks about a deorbit, funding
through a date, a series that continues, what a subject is)."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.extractors.claims.binding import clause_bounds
from isswatch.extractors.claims.catalogue import load_catalogue, parse_catalogue
from isswatch.extractors.claims.reading import extract_claims

PUB = dt.date(2025, 6, 1)


def keys(text: str, **kw) -> set[tuple[str, str, str]]:
    kw.setdefault("published", PUB)
    kw.setdefault("lang", "en")
    return {(c.fact, c.value, c.status) for c in extract_claims(text, **kw)}


def test_an_elliptical_sentence_continues_the_claim_before_it():
    text = "The ISS was at first meant to retire in 2015. A later agreement pushed it to 2020."
    assert keys(text, published=dt.date(2022, 1, 1)) == {
        ("iss.operations_end", "2015", "historical"),
        ("iss.operations_end", "2020", "historical"),
    }
    # without the sentence before, nothing says what was pushed out
    assert keys("A later agreement pushed it to 2020.", published=dt.date(2022, 1, 1)) == set()


def test_a_list_after_a_carried_date_is_carried_too():
    text = "Soyuz-5 was first due to fly in 2022. It had been planned for 2023 and 2024 since."
    found = keys(text, published=dt.date(2025, 12, 1))
    assert {("soyuz5.first_flight", v, "historical") for v in ("2022", "2023", "2024")} <= found


def test_then_adds_later_steps_to_the_first_of_a_series():
    text = "Soyuz-5 will fly for the first time in 2022, and then in 2023 and 2024 two more test flights will follow."
    assert keys(text, published=dt.date(2019, 4, 1)) == {("soyuz5.first_flight", "2022", "current")}
    # a fact that is not the first of a series takes the dates "then" adds: revisions of one end date
    revised = "The ISS was once meant to retire in 2015, then in 2020."
    assert ("iss.operations_end", "2020", "historical") in keys(revised, published=dt.date(2022, 1, 1))


def test_first_of_series_is_a_catalogue_key():
    cat = load_catalogue()
    series = {f.key for f in cat.facts if f.first_of_series}
    assert series == {"ros.first_module_launch", "soyuz5.first_flight"}


def test_a_fact_of_its_own_event_words_takes_a_subject_named_earlier_in_the_article():
    text = (
        "Soyuz-5 rocket nears the pad at Baikonur.\n"
        "Engineers finished the last fit checks this week, the agency said, after a decade of work. "
        "The programme has been delayed many times over the years by money and engines.\n"
        "Crews at the site worked through the holidays to prepare the launch complex and its fuel lines. "
        "Its first flight was originally due in 2022."
    )
    assert ("soyuz5.first_flight", "2022", "historical") in keys(text, published=dt.date(2025, 12, 1))


def test_shared_event_words_still_need_their_subject_near():
    # "run" is an event of the station's operations, which shares words with Russia's participation: a subject
    # named paragraphs before does not make "run through 2014" the station's end
    text = (
        "The International Space Station gets four more years.\n"
        + "Filler words about budgets and science make this paragraph long enough to push the subject away. " * 4
        + "\nTalks with the partners are expected to run through 2014."
    )
    assert not any(k[1] == "2014" for k in keys(text, published=dt.date(2014, 1, 8)))


def test_the_precise_value_stands_for_its_year():
    text = "NASA plans to drop the ISS into the Pacific in 2031.\nThe reentry is scheduled for January 2031."
    assert keys(text, published=dt.date(2022, 2, 2)) == {("iss.deorbit", "2031-01", "current")}


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Haven-1 will not launch in August 2025 as planned.", "en", "2025-08"),
        ("Haven-1 ne décollera pas en août 2025 comme prévu.", "fr", "2025-08"),
        ("Первый модуль РОС выведут на орбиту в 2028 году, а не в 2027-м, как планировалось.", "ru", "2027"),
    ],
)
def test_a_negated_date_as_planned_is_the_former_plan(text, lang, value):
    found = keys(text, lang=lang, published=dt.date(2025, 1, 16))
    assert any(k[1] == value and k[2] == "historical" for k in found), found


def test_a_plain_negation_still_rejects():
    assert keys("Haven-1 will not launch in August 2025.", published=dt.date(2025, 1, 16)) == set()


def test_a_launch_pad_is_no_negation():
    text = "Le premier vol de Soyouz-5 depuis l'ancien pas de tir Zenit de Baïkonour est prévu en 2022."
    assert keys(text, lang="fr", published=dt.date(2018, 12, 5)) == {("soyuz5.first_flight", "2022", "current")}


@pytest.mark.parametrize(
    "text",
    [
        "Roscosmos and NASA will discuss the schedule for bringing the station out of orbit during 2026.",
        "Roscosmos will hold in 2026 negotiations with NASA on how to deorbit the station.",
    ],
)
def test_talks_about_the_deorbit_date_the_talks(text):
    assert keys(text, published=dt.date(2026, 1, 18)) == set()


def test_a_deorbit_discussed_but_scheduled_keeps_its_date():
    text = "The two sides also discussed the station's eventual deorbiting, scheduled for 2030."
    assert keys(text, published=dt.date(2025, 8, 2)) == {("iss.deorbit", "2030", "current")}


def test_funding_through_a_date_is_the_stations_life_but_a_bill_is_not():
    assert keys("NASA is committed to fund the station through 2024.", published=dt.date(2018, 1, 25)) == {
        ("iss.operations_end", "2024", "current")
    }
    assert keys("Congress passed a bill funding ISS operations through 2030.") == set()


def test_words_for_what_the_subject_is_are_not_another_station():
    text = "Vast said Haven-1, the first commercial space station, would launch no earlier than May 2026."
    assert ("haven1.launch", "2026-05", "current") in keys(text, published=dt.date(2025, 1, 16))
    # without Haven-1 named, "commercial station" is another programme
    assert keys("A commercial space station would launch no earlier than May 2026.") == set()


def test_kind_is_a_catalogue_key(tmp_path):
    src = tmp_path / "facts.toml"
    src.write_text(
        '[facts."x.launch"]\nbaseline = { value = "2027", as_of = 2025-01-01, source = "docs" }\n'
        'terms.en = { subject = ["Lab-X"], event = ["launch"], kind = ["free-flying lab"] }\n'
        '[others]\nen = ["free-flying lab"]\n',
        encoding="utf-8",
    )
    cat = parse_catalogue(src.read_text(encoding="utf-8"), src)
    assert cat.facts[0].terms["en"].kind == ("free-flying lab",)
    found = keys("Lab-X, a free-flying lab, will launch in 2027.", catalogue=cat)
    assert found == {("x.launch", "2027", "current")}


def test_a_module_bound_for_the_iss_is_not_the_russian_stations_first():
    text = "The Science and Power Module was built for the ISS and was due to go up to the station in 2024."
    assert not any(k[0] == "ros.first_module_launch" for k in keys(text, published=dt.date(2021, 4, 21)))


def test_a_dashed_aside_does_not_break_the_clause():
    text = "Запуск первого модуля РОС — научно-энергетического — намечен на 2027 год."
    assert keys(text, lang="ru", published=dt.date(2023, 4, 25)) == {("ros.first_module_launch", "2027", "current")}
    assert clause_bounds("The ISS — launched in 1998 — will fly until 2030; more", "en") == [7, 26, 48]


def test_a_later_date_of_another_event_does_not_take_this_ones():
    text = "In 2028 we will start the gradual deorbiting of the station, and its sinking is planned for 2030."
    assert keys(text, published=dt.date(2026, 3, 10)) == {
        ("iss.deorbit_start", "2028", "current"),
        ("iss.deorbit", "2030", "current"),
    }


def test_a_shared_event_needs_the_borrowers_party_in_the_sentence():
    text = "La NASA envisageait jusqu'ici une exploitation jusqu'en 2030."
    found = keys(text, lang="fr", published=dt.date(2025, 8, 1))
    assert not any(k[0] == "iss.russia_participation_end" for k in found)


def test_earlier_statements_are_history_only_when_the_plan_changed():
    said = "Глава Роскосмоса не раз говорил, что Россия будет работать на МКС до 2024 года."
    assert keys(said, lang="ru", published=dt.date(2020, 11, 2)) == {
        ("iss.russia_participation_end", "2024", "current")
    }


def test_superseded_covers_the_months_of_a_year():
    cat = load_catalogue()
    haven = next(f for f in cat.facts if f.key == "haven1.launch")
    assert haven.superseded_at("2025-08", dt.date(2025, 2, 1)) is not None
    assert haven.superseded_at("2025-08", dt.date(2024, 11, 1)) is None
    assert haven.superseded_at("2026-05", dt.date(2025, 2, 1)) is None


def test_a_replaced_value_is_history_unless_it_is_agreed_anew():
    later = dt.date(2026, 9, 1)  # after the 2025 agreement replaced 2030 (catalogue `superseded`)
    assert keys("NASA still plans to operate the ISS until 2030.", published=later) == {
        ("iss.operations_end", "2030", "historical")
    }
    assert keys("NASA and Roscosmos agreed to operate the ISS until 2030.", published=later) == {
        ("iss.operations_end", "2030", "current")
    }
    for news in (
        "The partners will keep the ISS operating until 2030, the agencies announced on Tuesday.",
        "Under a new plan the International Space Station is to be operated until 2030, NASA said.",
    ):
        assert keys(news, published=later) == {("iss.operations_end", "2030", "current")}, news
    # an agreement the sentence dates in an earlier year is the history of that value
    dated = "In 2021 the partners agreed to operate the ISS until 2030."
    assert keys(dated, published=later) == {("iss.operations_end", "2030", "historical")}


def test_an_event_after_until_the_is_a_point_in_time():
    text = "Borisov said the collaboration could continue until 2028, at least until the launch of the Russian station."
    assert not any(k[0] == "ros.first_module_launch" for k in keys(text, published=dt.date(2023, 4, 29)))


def test_a_name_or_decoy_past_a_comma_after_the_date_belongs_to_what_follows():
    mir = "The report schedules a controlled reentry of the ISS in January 2031, at Point Nemo, where Mir was steered."
    assert ("iss.deorbit", "2031-01", "current") in keys(mir, published=dt.date(2022, 2, 2))
    funds = "Europe will remain a partner in the ISS until the end of its operations in 2024, and committed funds too."
    assert ("iss.operations_end", "2024", "current") in keys(funds, published=dt.date(2016, 12, 2))
    # in the same phrase, the other station still takes the date
    assert keys("After the ISS retires in 2030, China's Tiangong station will operate until 2035.") == {
        ("iss.operations_end", "2030", "current")
    }


def test_a_decoy_opening_a_sentence_without_the_subject_is_what_it_is_about():
    text = "Vast moved Haven-1 to May 2026.\nThe first four-person crew would go up no earlier than late June 2026."
    found = keys(text, published=dt.date(2025, 1, 16))
    assert ("haven1.launch", "2026-05", "current") in found
    assert not any(k[1] == "2026-06" for k in found)


def test_the_old_value_of_a_change_between_months_is_history():
    en = "Vast moved the launch of its Haven-1 module from August 2025 to May 2026."
    assert keys(en, published=dt.date(2025, 1, 16)) == {
        ("haven1.launch", "2025-08", "historical"),
        ("haven1.launch", "2026-05", "current"),
    }
    ru = "Vast перенесла запуск своего модуля Haven-1 с августа 2025 на май 2026 года."
    assert ("haven1.launch", "2025-08", "historical") in keys(ru, lang="ru", published=dt.date(2025, 1, 16))


def test_reported_speech_in_the_pluperfect_is_the_news():
    text = "Bakanov said Thursday he had agreed with his NASA counterpart to extend the ISS until 2028."
    assert keys(text, published=dt.date(2025, 8, 1)) == {("iss.operations_end", "2028", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Soyuz-5 debut could slip to 2024 over Kazakh launch pad delays, Rogozin says.", "en"),
        ("If the Kazakh side delays its work, it means that the Soyuz-5 launch will move to 2024.", "en"),
        ("Le premier vol de Soyouz-5 pourrait être repoussé à 2024.", "fr"),
        ("Первый пуск «Союза-5» может быть перенесен на 2024 год.", "ru"),
    ],
)
def test_a_possible_slip_is_a_risk_not_a_plan(text, lang):
    assert keys(text, lang=lang, published=dt.date(2022, 7, 2)) == set()
