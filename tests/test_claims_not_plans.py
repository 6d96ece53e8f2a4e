"""The reading steps added in claims-2.5, one behaviour each: what a sentence may say about a fact's date without
giving its plan (what the station could still do, a span of years, a slip on a condition, the date of a linked
story, work on something else), and a limit that merely still stands."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.extractors.claims.reading import extract_claims


def keys(text: str, published: dt.date, lang: str = "en") -> set[tuple[str, str, str]]:
    return {(c.fact, c.value, c.status) for c in extract_claims(text, published=published, lang=lang)}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Engineers say the structure could probably be certified to fly until 2028.", "en"),
        ("Sur le plan technique, l'agence estimait pouvoir la faire voler jusqu'en 2028 et au-delà.", "fr"),
        ("По словам инженеров, станция могла бы летать до 2035 года.", "ru"),
    ],
)
def test_what_the_station_could_still_do_is_no_plan(text, lang):
    assert keys(text, dt.date(2016, 4, 12), lang) == set()


def test_the_agency_saying_what_its_station_could_do_is_its_plan():
    text = "NASA has said the station could keep going until 2030."
    assert keys(text, dt.date(2022, 1, 10)) == {("iss.operations_end", "2030", "current")}


def test_a_capability_is_only_about_going_on():
    text = "The Russian Orbital Station's first module could reach orbit no earlier than 2027."
    assert keys(text, dt.date(2025, 8, 1)) == {("ros.first_module_launch", "2027", "current")}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The second stage of the Russian station, with four more modules, is planned for 2030-2035.", "en", set()),
        (
            "Europe committed funding for its share of ISS operations over the period 2015–2017.",
            "en",
            set(),
        ),
        ("The deorbit of the ISS is planned for 2030-31.", "en", {("iss.deorbit", "2030", "current")}),
    ],
)
def test_a_span_of_several_years_is_a_period(text, lang, expected):
    assert keys(text, dt.date(2022, 8, 15), lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('"If the Kazakh side delays some of its work, the Soyuz-5 launch will move to 2024," Rogozin said.', "en"),
        ("Si les travaux prennent du retard, le premier vol de Soyouz-5 sera repoussé à 2024.", "fr"),
    ],
)
def test_a_slip_on_a_condition_is_a_risk(text, lang):
    assert keys(text, dt.date(2022, 7, 2), lang) == set()


def test_a_slip_without_a_condition_is_the_new_plan():
    text = "Because the Kazakh side delayed its work, the Soyuz-5 launch will move to 2024."
    assert keys(text, dt.date(2023, 3, 2)) == {("soyuz5.first_flight", "2024", "current")}


def test_a_dated_link_in_a_list_is_another_story():
    text = (
        "Союз-5 впервые стартует в 2026 году, сообщил Роскосмос.\n"
        "Читайте по теме:\n"
        "— Роскосмос: МКС проработает до 2028 года (01.08.2025)\n"
    )
    assert keys(text, dt.date(2025, 12, 26), "ru") == {("soyuz5.first_flight", "2026", "current")}


def test_the_bracketed_date_of_a_linked_story_is_no_value():
    text = "Vast books a second Falcon 9 for Haven-1, still aiming at an August 2025 launch (May 2024)"
    assert keys(text, dt.date(2024, 6, 28)) == {("haven1.launch", "2025-08", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Roscosmos also said it intends to fly cosmonauts to the Moon around 2030.", "en"),
        ("The awards for the station's successors cover design work through 2025.", "en"),
    ],
)
def test_other_work_is_not_the_facts(text, lang):
    assert keys(text, dt.date(2021, 12, 3), lang) == set()


def test_a_limit_that_still_stands_is_no_new_decision():
    text = "The extension still needs partners, and Congress has so far approved money for the ISS only through 2024."
    assert keys(text, dt.date(2021, 12, 31)) == {("iss.operations_end", "2024", "historical")}


def test_the_end_of_a_named_year_is_that_year():
    text = "La NASA compte exploiter la Station spatiale internationale jusqu'à la fin de l'année 2030."
    assert keys(text, dt.date(2022, 2, 4), "fr") == {("iss.operations_end", "2030", "current")}


def test_the_state_corporation_is_roscosmos():
    text = '"We plan to use the ISS until 2024," the state corporation said.'
    assert keys(text, dt.date(2021, 4, 20)) == {("iss.russia_participation_end", "2024", "current")}


@pytest.mark.parametrize(
    ("text", "lang", "fact"),
    [
        ("Russia's participation in the International Space Station was extended to 2028.", "en", "russia"),
        ("Участие России в программе МКС продлено до 2028 года.", "ru", "russia"),
        ("U.S. participation in the International Space Station was extended to 2028.", "en", "station"),
        ("Участие США в программе МКС продлено до 2028 года.", "ru", "station"),
    ],
)
def test_what_is_extended_is_whose_participation_it_names(text, lang, fact):
    key = "iss.russia_participation_end" if fact == "russia" else "iss.operations_end"
    assert keys(text, dt.date(2024, 7, 2), lang) == {(key, "2028", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('"We agreed with our partners on the term of work at the station — 2024," Roscosmos said.', "en"),
        ("Российские космонавты продолжат работать на МКС до 2024 года, сообщил Роскосмос.", "ru"),
    ],
)
def test_working_aboard_the_station_is_taking_part(text, lang):
    assert keys(text, dt.date(2021, 4, 20), lang) == {("iss.russia_participation_end", "2024", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Первый пуск «Союза-5» запланирован на 2022 год, затем в 2023 и 2024 годах последуют еще два старта.", "ru"),
        ("The first Soyuz-5 launch is planned for 2022, followed in 2023 and 2024 by two more test flights.", "en"),
    ],
)
def test_more_launches_after_the_first_are_later_steps(text, lang):
    assert keys(text, dt.date(2019, 9, 26), lang) == {("soyuz5.first_flight", "2022", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Moscow has given its approval to prolonging the life of the International Space Station until 2024.", "en"),
        (
            "Le gouvernement russe a approuvé la prolongation de la vie de la Station spatiale internationale "
            "jusqu'en 2024.",
            "fr",
        ),
        (
            "« Tous nos partenaires, y compris Roscosmos, progressent vers une prolongation de la station "
            "jusqu'en 2024 ».",
            "fr",
        ),
    ],
)
def test_russia_agreeing_to_extend_the_station_is_the_stations_end(text, lang):
    assert keys(text, dt.date(2015, 7, 24), lang) == {("iss.operations_end", "2024", "current")}


def test_russia_extending_its_role_on_the_station_is_its_own():
    text = "Russia extends its ISS role to 2028"
    assert keys(text, dt.date(2023, 4, 26)) == {("iss.russia_participation_end", "2028", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The power module is now meant to go up first, in 2027, attach to the ISS briefly and then fly free.", "en"),
        ("A space telescope, Xuntian, is to fly alongside the station from 2027.", "en"),
        ("Trois Européens doivent encore voler vers la station d'ici la fin de 2027.", "fr"),
    ],
)
def test_flying_to_or_beside_the_station_is_not_its_flight(text, lang):
    assert keys(text, dt.date(2024, 10, 30), lang) == set()


def test_the_time_things_stand_at_is_no_value():
    text = "Here is where the plans for the station's retirement stand at the end of 2022."
    assert keys(text, dt.date(2022, 12, 15)) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Соглашение о перекрестных полетах на МКС продлено на 2026 год, экипажи формируются.",
        "Роскосмос ведет работы по многоразовой ракете «Амур-СПГ», первый пуск которой намечен на 2026 год.",
    ],
)
def test_a_year_more_or_another_rocket_is_no_date_of_the_facts(text):
    assert keys(text, dt.date(2025, 8, 1), "ru") == set()


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "La NASA envisageait jusqu'ici une exploitation de l'ISS jusqu'en 2030 et un plongeon dans le Pacifique en "
            "janvier 2031.",
            "fr",
            {("iss.operations_end", "2030", "historical"), ("iss.deorbit", "2031-01", "historical")},
        ),
        (
            "Американская сторона планировала держать МКС на орбите до 2030 года, а затопить ее в январе 2031 года.",
            "ru",
            {("iss.operations_end", "2030", "historical"), ("iss.deorbit", "2031-01", "historical")},
        ),
        (
            "Prévue à l'origine en 2031, la désorbitation de l'ISS aura finalement lieu en 2030.",
            "fr",
            {("iss.deorbit", "2031", "historical"), ("iss.deorbit", "2030", "current")},
        ),
    ],
)
def test_a_date_is_not_carried_into_a_clause_of_its_own(text, lang, expected):
    assert keys(text, dt.date(2025, 8, 1), lang) == expected


def test_the_station_after_another_stations_name_is_that_one():
    text = "Haven-1: Vast says tests continue and it still targets August 2025 for the station's Falcon 9 launch."
    assert keys(text, dt.date(2024, 11, 29)) == {("haven1.launch", "2025-08", "current")}
    commercial = "Under the plan for commercial stations, the station keeps working through 2030."
    assert keys(commercial, dt.date(2022, 2, 3)) == {("iss.operations_end", "2030", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ISRO chairman S Somanath said the complete station of about 52 tonnes would be operating by 2035.", "en"),
        ("Engineers think the American segment could, in principle, remain structurally sound through 2028.", "en"),
        ("По его мнению, затоплять станцию раньше 2030 года было бы «расточительством».", "ru"),
        ("Эксперт считает, что уход России с МКС в 2025 году технически маловероятен.", "ru"),
        ("Всего до 2033 года к Российской орбитальной станции планируется вывести еще пять модулей.", "ru"),
    ],
)
def test_other_stations_and_what_would_or_could_be_are_no_plans(text, lang):
    assert keys(text, dt.date(2024, 1, 8), lang) == set()


def test_the_date_a_plan_was_reshuffled_is_the_acts():
    text = "Axiom reshuffled its plans in 2024 so that its first module would fly to the ISS before splitting off."
    assert keys(text, dt.date(2025, 1, 22)) == set()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The year 2028 will be decisive for the further operation of the International Space Station.",
            "en",
        ),
        ("По словам Рогозина, 2028 год станет определяющим для дальнейшей работы МКС.", "ru"),
    ],
)
def test_a_year_described_is_no_value(text, lang):
    assert keys(text, dt.date(2021, 12, 3), lang) == set()
