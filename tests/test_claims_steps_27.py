"""The steps added in claims-2.7, one behaviour each: an article gives a fact one current value (the one read in more
sentences, then with more confidence, then not also another fact's value; a tie keeps every value); a value said
before still stands when nothing replaced it; bets, predictions, doubts, mistakes, possibilities and what no decision
or a condition leaves open are no plans; a crew's stay, a rental, a caption in brackets are decoys; who acts when
Russia acts with NASA or is named far from the event; history cues in asides and dates of past acts."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.extractors.claims.reading import Claim, extract_claims, one_current_value

PUBLISHED = dt.date(2023, 5, 2)
PLAN = "NASA will operate the International Space Station through 2030, the agency said on Tuesday. "
AGAIN = "The agency's plan keeps the ISS in service until 2030 and then hands low orbit to commercial stations. "
ASIDE = "Engineers say nothing in the structure would stop the station from flying to 2032. "


def claim(fact: str, value: str, status: str = "current", confidence: float = 0.9) -> Claim:
    return Claim(
        fact=fact,
        value=value,
        granularity="year",
        qualifier="until",
        value_end=None,
        status=status,
        modality=None,
        speaker=None,
        sentence=f"{fact} {value}",
        start=0,
        end=10,
        confidence=confidence,
        lang="en",
        explanation="read",
    )


def keys(claims: list[Claim]) -> set[tuple[str, str, str]]:
    return {(c.fact, c.value, c.status) for c in claims}


def test_the_value_read_in_more_sentences_stands_and_says_what_it_outweighs():
    claims = extract_claims(PLAN + ASIDE + AGAIN, published=PUBLISHED, lang="en")
    assert keys(claims) == {("iss.operations_end", "2030", "current")}
    assert all("outweighs 2032 (current in 1 sentence, against 2)" in c.explanation for c in claims)


def test_a_tie_keeps_both_values():
    claims = extract_claims(PLAN + ASIDE, published=PUBLISHED, lang="en")
    assert keys(claims) == {("iss.operations_end", "2030", "current"), ("iss.operations_end", "2032", "current")}
    assert not any("outweighs" in c.explanation for c in claims)


def test_equal_counts_are_decided_by_confidence():
    sure, unsure = claim("iss.deorbit", "2030", confidence=0.9), claim("iss.deorbit", "2031", confidence=0.75)
    assert keys(one_current_value([unsure, sure])) == {("iss.deorbit", "2030", "current")}


def test_history_and_other_facts_are_left_alone():
    claims = [
        claim("iss.operations_end", "2030"),
        claim("iss.operations_end", "2030"),
        claim("iss.operations_end", "2024", status="historical"),
        claim("iss.operations_end", "2020", status="historical"),
        claim("iss.russia_participation_end", "2028", confidence=0.65),
    ]
    assert one_current_value(claims) == claims


def test_a_third_value_goes_with_the_second():
    claims = [claim("soyuz5.first_flight", "2026")] * 2 + [
        claim("soyuz5.first_flight", "2025"),
        claim("soyuz5.first_flight", "2027", confidence=0.6),
    ]
    assert keys(one_current_value(claims)) == {("soyuz5.first_flight", "2026", "current")}


def test_a_tie_at_the_top_keeps_the_weaker_values_too():
    """Nothing says which of the two leading values the article means, so nothing is dropped for that fact."""
    claims = [claim("haven1.launch", "2025"), claim("haven1.launch", "2026")]
    claims.append(claim("haven1.launch", "2027", confidence=0.7))
    assert one_current_value(claims) == claims


def test_in_a_tie_a_value_the_article_gives_another_fact_goes():
    """Russia's 2028 read once for the station's end, beside NASA's 2030: the 2028 belongs to Russia's part."""
    claims = [
        claim("iss.operations_end", "2028"),
        claim("iss.operations_end", "2030"),
        claim("iss.russia_participation_end", "2028"),
    ]
    kept = one_current_value(claims)
    assert keys(kept) == {
        ("iss.operations_end", "2030", "current"),
        ("iss.russia_participation_end", "2028", "current"),
    }
    assert [c.explanation for c in kept if c.fact == "iss.operations_end"] == [
        "read; outweighs 2028 (also another fact's current value)"
    ]


def test_the_explanation_says_how_each_value_was_outweighed():
    claims = [claim("iss.deorbit", "2030")] * 2 + [
        claim("iss.deorbit", "2031"),
        claim("iss.deorbit", "2030", confidence=0.75),
    ]
    claims += [claim("iss.deorbit_start", "2028"), claim("iss.deorbit_start", "2030", confidence=0.7)]
    explanations = {c.fact: c.explanation for c in one_current_value(claims)}
    assert explanations == {
        "iss.deorbit": "read; outweighs 2031 (current in 1 sentence, against 3)",
        "iss.deorbit_start": "read; outweighs 2030 (confidence 0.70, against 0.90)",
    }


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("\"I'd keep the station flying until 2035 at least. The science isn't done.\"", "en"),
        ("I would extend the space station to 2030 tomorrow.", "en"),
        ("I'll make a prediction for the record: the first ROS module flies no earlier than 2028.", "en"),
        ("My bet: the ISS keeps operating until 2032.", "en"),
        ("Je parie que l'ISS sera exploitée jusqu'en 2032.", "fr"),
        ("Готов поспорить, что МКС проработает до 2032 года.", "ru"),
    ],
)
def test_a_first_person_bet_or_prediction_is_no_plan(text, lang):
    assert extract_claims(text, published=dt.date(2024, 11, 18), lang=lang) == []


def test_the_same_sentences_without_the_first_person_are_plans():
    text = "NASA will keep the station flying until 2030. Roscosmos says the first ROS module flies in 2027."
    got = keys(extract_claims(text, published=dt.date(2024, 11, 18), lang="en"))
    assert got == {("iss.operations_end", "2030", "current"), ("ros.first_module_launch", "2027", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Roscosmos launched two cosmonauts to the space station on Friday. They will work on the station about "
            "eight months, until July 2026.",
            "en",
        ),
        (
            "Russia sent two cosmonauts to the International Space Station. They will stay for 187 days, until March "
            "2026.",
            "en",
        ),
        (
            "La Russie a lancé deux cosmonautes vers la Station spatiale internationale. Ils doivent y rester six "
            "mois, jusqu'en mai 2026.",
            "fr",
        ),
        (
            "Роскосмос отправил на МКС новый экипаж. Космонавты будут работать на станции 187 суток, до марта 2026 "
            "года.",
            "ru",
        ),
    ],
)
def test_the_end_of_a_crews_stay_is_no_date_of_the_station(text, lang):
    assert extract_claims(text, published=dt.date(2025, 9, 1), lang=lang) == []


def test_a_duration_before_another_facts_month_leaves_it_alone():
    text = "After about eighteen months of lowering, the station will make a controlled reentry in January 2031."
    got = keys(extract_claims(text, published=dt.date(2024, 6, 26), lang="en"))
    assert got == {("iss.deorbit", "2031-01", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "NASA and the Russian space agency Roscosmos have agreed to operate the International Space Station until "
            "2028.",
            "en",
        ),
        ("ISS : Russes et Américains s'accordent pour exploiter la station jusqu'en 2028", "fr"),
    ],
)
def test_russia_acting_with_nasa_or_the_americans_is_the_stations_operations(text, lang):
    got = keys(extract_claims(text, published=dt.date(2025, 8, 1), lang=lang))
    assert got == {("iss.operations_end", "2028", "current")}


def test_russia_acting_alone_is_still_russias_part():
    text = "Roscosmos will keep its cosmonauts on the station until 2028."
    got = keys(extract_claims(text, published=dt.date(2025, 8, 1), lang="en"))
    assert got == {("iss.russia_participation_end", "2028", "current")}


def test_a_history_cue_in_an_aside_leaves_the_main_clause_current():
    text = (
        "Russia, which had originally been expected to provide the thrust with Progress ships, has agreed to stay "
        "aboard the station until 2028."
    )
    got = keys(extract_claims(text, published=dt.date(2024, 6, 26), lang="en"))
    assert got == {("iss.russia_participation_end", "2028", "current")}


def test_a_history_cue_in_the_main_clause_still_counts():
    text = "Russia, which built the Zvezda module, had originally planned to stay aboard the station until 2024."
    got = keys(extract_claims(text, published=dt.date(2019, 6, 26), lang="en"))
    assert got == {("iss.russia_participation_end", "2024", "historical")}


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        (
            "La Station spatiale internationale vieillit. Officiellement, son exploitation est prévue jusqu'en 2024, "
            "un horizon validé par les États-Unis en 2014 puis par la Russie en 2015.",
            "fr",
            dt.date(2017, 2, 20),
            ("iss.operations_end", "2024", "current"),
        ),
        (
            "The space station has been extended before. In 2014 the plan was to operate it until 2020; the United "
            "States pushed that to 2024 the same year, and Russia agreed in 2015.",
            "en",
            dt.date(2026, 5, 20),
            ("iss.operations_end", "2020", "historical"),
        ),
    ],
)
def test_russia_named_far_after_a_shared_event_does_not_take_it(text, lang, published, expected):
    got = keys(extract_claims(text, published=published, lang=lang))
    assert expected in got
    assert not any(k[0] == "iss.russia_participation_end" and k[1] == expected[1] for k in got)


@pytest.mark.parametrize("opening", ["[Photo: ", "(Photo: ", "Photo: "])
def test_a_caption_in_brackets_is_a_caption(opening):
    text = (
        f"{opening}Soyuz-5 during a fit check on the Baiterek pad at Baikonur, November 2025.\n"
        "The first flight of Soyuz-5 is now expected in 2026."
    )
    got = keys(extract_claims(text, published=dt.date(2025, 12, 29), lang="en"))
    assert got == {("soyuz5.first_flight", "2026", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "L'agence spatiale russe Roscosmos a annoncé jeudi que les vols croisés avec la NASA vers la Station "
            "spatiale internationale seraient prolongés jusqu'en 2025.",
            "fr",
        ),
        (
            "Roscosmos said on Thursday that the cross-flights with NASA to the International Space Station will be "
            "extended until 2025.",
            "en",
        ),
        (
            "Роскосмос сообщил, что перекрестные полеты с NASA на Международную космическую станцию продлены до "
            "2025 года.",
            "ru",
        ),
    ],
)
def test_a_decoy_is_the_subject_when_the_station_is_only_where_it_goes(text, lang):
    assert extract_claims(text, published=dt.date(2023, 12, 15), lang=lang) == []


def test_the_station_named_before_a_relative_clause_is_still_its_subject():
    text = (
        "The Federation ship was first to dock with the International Space Station, which partners plan to operate "
        "until 2024."
    )
    got = keys(extract_claims(text, published=dt.date(2018, 3, 14), lang="en"))
    assert {k[:2] for k in got} == {("iss.operations_end", "2024")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('"We indeed extended our participation in the international project ISS until 2028," he said.', "en"),
        ("Le gouvernement a prolongé sa participation à l'ISS jusqu'en 2028.", "fr"),
        ("Правительство продлило участие в проекте МКС до 2028 года.", "ru"),
    ],
)
def test_extending_a_participation_named_after_the_verb_is_russias_part(text, lang):
    got = keys(extract_claims(text, published=dt.date(2023, 10, 2), lang=lang))
    assert got == {("iss.russia_participation_end", "2028", "current")}


def test_extending_the_stations_operations_stays_the_stations():
    got = keys(
        extract_claims("Congress extended the operations of the ISS until 2030.", published=dt.date(2023, 10, 2))
    )
    assert got == {("iss.operations_end", "2030", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ISS extension beyond 2028 depends on its technical condition, the Roscosmos chief said.", "en"),
        ("Roscosmos répète que sa participation après 2024 dépendra de l'état des modules.", "fr"),
        ("Продление работы МКС после 2028 года будет зависеть от ее технического состояния.", "ru"),
    ],
)
def test_what_depends_on_something_after_a_date_is_undecided(text, lang):
    assert extract_claims(text, published=dt.date(2023, 10, 2), lang=lang) == []


def test_after_a_date_with_a_condition_in_another_clause_is_still_a_plan():
    text = "Russia will leave the ISS after 2024, and the timing depends on its own station."
    got = keys(extract_claims(text, published=dt.date(2022, 7, 29), lang="en"))
    assert got == {("iss.russia_participation_end", "2024", "current")}


def test_a_station_gradually_brought_down_starts_its_descent():
    text = "The International Space Station will start to be gradually brought down from orbit in 2028."
    got = keys(extract_claims(text, published=dt.date(2026, 3, 10), lang="en"))
    assert got == {("iss.deorbit_start", "2028", "current")}


def test_renting_a_cosmodrome_is_a_decoy():
    text = "Russia rents the Baikonur cosmodrome from Kazakhstan under an agreement running until 2050."
    assert extract_claims(text, published=dt.date(2026, 3, 11), lang="en") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "There is to date no official decision of the partners of the ISS programme to deorbit the station in "
            "2030-2031, the state company noted.",
            "en",
        ),
        (
            "Il n'existe pas de décision formelle des partenaires du programme ISS de désorbiter la station en "
            "2030-2031.",
            "fr",
        ),
        ("Пока нет официального решения партнеров о сведении станции с орбиты в 2030 году.", "ru"),
    ],
)
def test_what_no_decision_has_been_taken_on_is_no_plan(text, lang):
    assert extract_claims(text, published=dt.date(2023, 5, 19), lang=lang) == []


def test_no_decision_in_another_clause_leaves_the_plan():
    text = "After years with no agreement, NASA now plans to deorbit the station in January 2031."
    got = keys(extract_claims(text, published=dt.date(2023, 5, 19), lang="en"))
    assert got == {("iss.deorbit", "2031-01", "current")}


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        (
            "The station's retirement was first planned for 2020, but in January 2014 the United States said it wanted "
            "to keep it going until 2024.",
            "en",
            dt.date(2015, 3, 5),
            {("iss.operations_end", "2020", "historical"), ("iss.operations_end", "2024", "current")},
        ),
        (
            "Канада, Япония и Европа присоединились к продлению эксплуатации МКС в 2022–2023 годах.",
            "ru",
            dt.date(2024, 11, 2),
            set(),
        ),
        (
            "Later the partners agreed to keep the space station until 2020.",
            "en",
            dt.date(2022, 2, 3),
            {("iss.operations_end", "2020", "historical")},
        ),
    ],
)
def test_a_past_year_or_span_when_something_was_done_is_no_plan(text, lang, published, expected):
    """The plan word before an earlier date is that date's ("first planned for 2020, but in January 2014 …")."""
    assert keys(extract_claims(text, published=published, lang=lang)) == expected


FIRST_MODULE_SAID = (
    "Roscosmos officials have previously said the first module of the Russian Orbital Station would be launched "
    "in 2025."
)


def test_a_value_said_before_and_not_replaced_still_stands():
    got = keys(extract_claims(FIRST_MODULE_SAID, published=dt.date(2022, 7, 26), lang="en"))
    assert got == {("ros.first_module_launch", "2025", "current")}


def test_a_value_said_before_and_replaced_is_history():
    got = keys(extract_claims(FIRST_MODULE_SAID + " It is now due in 2027.", published=dt.date(2022, 8, 26), lang="en"))
    assert got == {("ros.first_module_launch", "2025", "historical"), ("ros.first_module_launch", "2027", "current")}


def test_a_former_plan_told_without_a_statement_stays_history():
    text = "Auparavant, Washington comptait exploiter la station jusqu'en 2030 et la faire plonger en 2031."
    got = keys(extract_claims(text, published=dt.date(2025, 12, 20), lang="fr"))
    assert ("iss.deorbit", "2031", "historical") in got
    assert not any(k[2] == "current" for k in got)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("NASA is studying a possible deorbit of the station in 2020.", "en"),
        ('"It would be a mistake to bring the space station down before 2031," said a German researcher.', "en"),
        ("Ce serait une erreur de désorbiter la station avant 2031, estime-t-il.", "fr"),
        ("I don't buy the idea that Moscow would pull out of the station in 2026.", "en"),
        ('Rogozin wrote: "There is no talk of flooding the ISS in 2025."', "en"),
        ("Il n'est pas question de désorbiter l'ISS en 2025, a-t-il écrit.", "fr"),
        ("Речи не идет о затоплении МКС в 2025 году.", "ru"),
    ],
)
def test_possibilities_mistakes_doubts_and_no_talk_are_no_plans(text, lang):
    assert extract_claims(text, published=dt.date(2021, 4, 21), lang=lang) == []


def test_a_value_said_before_that_the_catalogue_says_was_replaced_stays_history():
    text = "Previously, Russia said it would quit the station after 2024."
    got = keys(extract_claims(text, published=dt.date(2025, 8, 1), lang="en"))
    assert got == {("iss.russia_participation_end", "2024", "historical")}
