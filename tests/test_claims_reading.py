"""The reading steps of claims-2.0, one behaviour each: who acts, clause-scoped conditions and denials, other
stations, status by publication date, light verbs, teaser lines, inflected terms."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.extractors.claims.catalogue import parse_catalogue
from isswatch.extractors.claims.reading import extract_claims
from isswatch.extractors.claims.terms import compile_term, words

PUB = dt.date(2025, 6, 1)  # before the 2025 agreement made 2030 history (catalogue `superseded`)


def keys(text: str, **kw) -> set[tuple[str, str, str]]:
    kw.setdefault("published", PUB)
    return {(c.fact, c.value, c.status) for c in extract_claims(text, **kw)}


@pytest.mark.parametrize(
    "text",
    [
        "Moscow will keep its modules and cosmonauts on the station through 2028.",
        "Russia will extend the operation of its segment until 2028.",
        "L'agence Roscosmos continuera à exploiter son segment de la station jusqu'en 2028.",
        "Россия продолжит эксплуатацию своего сегмента МКС до 2028 года.",
    ],
)
def test_an_actor_of_russia_makes_the_station_event_russias_participation(text):
    assert ("iss.russia_participation_end", "2028", "current") in keys(text)
    assert not any(k[0] == "iss.operations_end" for k in keys(text))


@pytest.mark.parametrize(
    "text",
    [
        "NASA and Roscosmos agreed to operate the ISS until 2028.",
        "Roscosmos said the two agencies had agreed to operate the ISS until 2028.",
        "Bakanov said he and Duffy had agreed to keep using the International Space Station until 2028.",
    ],
)
def test_a_joint_or_reported_action_stays_the_stations(text):
    assert keys(text) == {("iss.operations_end", "2028", "current")}


def test_a_condition_governs_its_own_clause_only():
    kept = "If the next cargo run goes well, the crew will stay aboard until the station retires in 2030."
    assert ("iss.operations_end", "2030", "current") in keys(kept)
    assert keys("If Congress refuses, the station could come down in 2026.") == set()
    assert keys("It is unclear whether the station will fly until 2030.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "The agency rejected claims that the station would be deorbited in 2026.",
        "A former flight director argued the lab should not be scuttled before 2031.",
        "Some lawmakers have floated keeping the ISS alive until 2032.",
        "Рогозин: продолжать работу на МКС после 2020 года нет смысла.",
    ],
)
def test_denials_opinions_and_proposals_of_outsiders_are_not_claims(text):
    assert keys(text, published=dt.date(2021, 1, 1)) == set()


def test_other_stations_keep_their_dates():
    text = "After the ISS retires in 2030, China's Tiangong station will operate until 2035."
    assert keys(text) == {("iss.operations_end", "2030", "current")}
    assert keys("The Russian station will operate until 2035.") == set()


def test_status_is_judged_at_the_articles_date():
    text = "Russia will leave the International Space Station after 2024, Roscosmos said."
    assert keys(text, published=dt.date(2022, 7, 26)) == {("iss.russia_participation_end", "2024", "current")}
    # The catalogue says 2024 is superseded from 2023-04-25: a later article can only mean it as history.
    assert keys(text, published=dt.date(2023, 6, 1)) == {("iss.russia_participation_end", "2024", "historical")}


def test_a_past_event_date_is_not_a_claim_but_a_past_plan_is_history():
    assert (
        keys(
            "China's station was completed in November 2022, two years after the ISS extension talks.",
            published=dt.date(2024, 1, 1),
        )
        == set()
    )
    assert keys("The ISS was originally due to retire in 2020.", published=dt.date(2024, 1, 1)) == {
        ("iss.operations_end", "2020", "historical")
    }


def test_a_light_verb_gives_its_date_to_the_event_named_before_it():
    text = "Roscosmos and NASA agreed to operate the ISS until 2028, and work on its deorbit will continue until 2030."
    assert keys(text) == {("iss.operations_end", "2028", "current"), ("iss.deorbit", "2030", "current")}


def test_an_old_plan_continued_by_a_coordination_stays_history():
    text = "Jusqu'ici, Washington tablait sur une exploitation de l'ISS jusqu'en 2030, suivie d'une rentrée en 2031."
    assert keys(text, lang="fr") == {
        ("iss.operations_end", "2030", "historical"),
        ("iss.deorbit", "2031", "historical"),
    }


def test_teaser_caption_and_edition_lines_are_skipped():
    text = (
        "Read also: Vast completes tests as the ISS nears its 2030 retirement (June 3, 2026)\n"
        "Photo: the ISS in 2018, before its retirement was set for 2030.\n"
        "ISS end date, explained (2021 update)\n"
    )
    assert keys(text, published=dt.date(2026, 6, 4)) == set()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Первый модуль Российской орбитальной станции выведут на орбиту в 2027 году.", "ru"),
        ("Запуск первого модуля Российской орбитальной станции намечен на 2027 год.", "ru"),
        ("The first module of the Russian Orbital Station is to be launched in 2027.", "en"),
    ],
)
def test_inflected_names_match_their_terms(text, lang):
    assert ("ros.first_module_launch", "2027", "current") in keys(text, lang=lang)


def test_term_syntax_stems_forms_prefixes_and_acronyms():
    assert compile_term("station", "en") == (("stem", "station"),)
    assert compile_term("=Russians", "en") == (("form", "russians"),)
    assert compile_term("deorbit*", "en") == (("prefix", "deorbit"),)
    assert compile_term("ISS", "en") == (("exact", "ISS"),)
    assert compile_term("bring _ down", "en")[1] == ("gap", "")
    w = words("Российской орбитальной станции", "ru")
    assert [w.stem(i) for i in range(3)] == [
        compile_term(t, "ru")[0][1] for t in ("Российская", "орбитальная", "станция")
    ]


def test_a_new_fact_borrowing_events_needs_nothing_but_the_catalogue():
    cat = parse_catalogue("""
[facts."iss.operations_end"]
description = "d"
baseline = { value = "2028", as_of = 2025-01-01, source = "s" }
terms.en = { subject = ["ISS", "station"], event = ["operate"] }

[facts."esa.participation_end"]
description = "Year Europe stops taking part in the ISS"
baseline = { value = "2030", as_of = 2025-01-01, source = "s" }
borrows = ["iss.operations_end"]
terms.en = { subject = ["ESA", "Europe"], actor = ["ESA", "Europe"], event = ["take part"] }
""")
    found = {
        (c.fact, c.value)
        for c in extract_claims(
            "ESA will operate its Columbus lab on the station until 2030.", catalogue=cat, published=PUB
        )
    }
    assert found == {("esa.participation_end", "2030")}


@pytest.mark.parametrize(
    "text",
    [
        "Думаю, российские космонавты останутся на станции до 2030 года.",
        "I think Russia will stay on the ISS until 2030.",
    ],
)
def test_a_personal_guess_is_not_a_claim(text):
    assert keys(text) == set()


def test_a_titled_partner_still_acts_jointly():
    text = (
        "NASA and the State Space Corporation Roscosmos have agreed to extend operations of the International "
        "Space Station until 2030."
    )
    assert keys(text) == {("iss.operations_end", "2030", "current")}


def test_a_decoy_subject_of_a_light_verb_keeps_its_date():
    text = (
        "The seat-swap arrangement under which cosmonauts and astronauts fly on each other's vehicles runs "
        "through 2027, officials said."
    )
    assert keys(text) == set()
