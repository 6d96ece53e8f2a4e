"""The reading steps added in claims-2.6, one behaviour each: an actor doing a borrowed event where the station is
not named, later stages in a sentence that continues the first module's claim, what a dated event would cause,
decades written the Russian way, leases, keeping the station in orbit in Russian."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.extractors.claims.reading import extract_claims


def keys(text: str, published: dt.date, lang: str = "en") -> set[tuple[str, str, str]]:
    return {(c.fact, c.value, c.status) for c in extract_claims(text, published=published, lang=lang)}


@pytest.mark.parametrize(
    "text",
    [
        "Roscosmos says it will use its segment until 2028.",
        "Moscow has committed its segment and cosmonauts only until 2028.",
    ],
)
def test_an_actor_doing_the_stations_event_stands_for_the_station_it_does_not_name(text):
    assert keys(text, dt.date(2025, 1, 16)) == {("iss.russia_participation_end", "2028", "current")}


def test_an_actor_after_another_programme_does_not_stand_for_the_station():
    text = "Soyuz-5 stages will serve a super-heavy launcher that Roscosmos wants to fly from Vostochny around 2028."
    assert keys(text, dt.date(2018, 3, 14)) == set()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The first module of the Russian Orbital Station is due in 2027. Four core modules are due by 2030.", "en"),
        (
            "Le premier module de la station orbitale russe partira en 2027. Trois modules doivent suivre d'ici 2030.",
            "fr",
        ),
    ],
)
def test_a_later_stage_does_not_continue_the_first_modules_claim(text, lang):
    assert keys(text, dt.date(2024, 7, 18), lang) == {("ros.first_module_launch", "2027", "current")}


@pytest.mark.parametrize(
    "text",
    [
        "A Russian exit in 2025 would have forced NASA to find other ways to keep the station aloft.",
        "Keeping the ISS running to 2030 would demand colossal resources, he said.",
    ],
)
def test_what_a_dated_event_would_cause_is_no_plan(text):
    assert keys(text, dt.date(2023, 4, 26)) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Сторонники говорят, что МКС нужна для подготовки полетов к Марсу в 2030-е годы.",
        "Россия будет использовать МКС и в 2020-ые годы.",
    ],
)
def test_a_decade_written_the_russian_way_is_no_date(text):
    assert keys(text, dt.date(2019, 1, 1), "ru") == set()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Baiterek will use the old Zenit launch pad at Baikonur, which Russia leases from Kazakhstan until 2050.",
            "en",
        ),
        ("Аренда Байконура Россией продлена до 2050 года.", "ru"),
    ],
)
def test_a_lease_is_no_date_of_the_station(text, lang):
    assert keys(text, dt.date(2017, 9, 14), lang) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Ранее NASA рассчитывало держать станцию на орбите до 2030 года.",
        "В последний день 2021 года администрация Байдена пообещала поддерживать станцию до 2030 года.",
    ],
)
def test_keeping_the_station_in_orbit_is_its_operation(text):
    assert keys(text, dt.date(2026, 3, 10), "ru") == {("iss.operations_end", "2030", "historical")}


def test_the_state_corporation_acts_for_russia():
    text = "Earlier the state corporation promised to stop the use of the ISS after 2024, but last year the term moved."
    assert keys(text, dt.date(2024, 5, 19)) == {("iss.russia_participation_end", "2024", "historical")}


def test_a_decoy_doing_its_own_verb_leaves_the_next_event_alone():
    text = (
        "The lowering of the station's orbit would begin around 2030, after the last crews leave, with the final "
        "reentry over the South Pacific in January 2031."
    )
    assert ("iss.deorbit", "2031-01", "current") in keys(text, dt.date(2023, 3, 20))


def test_the_space_laboratory_is_the_station():
    text = "After hosting astronauts since 2000, the space laboratory should close its doors at the end of 2030."
    assert keys(text, dt.date(2023, 3, 22)) == {("iss.operations_end", "2030", "current")}


def test_step_by_step_is_no_negation():
    text = "L'orbite de l'ISS sera abaissée pas à pas jusqu'à la rentrée finale, attendue en 2030."
    assert keys(text, dt.date(2026, 3, 10), "fr") == {("iss.deorbit", "2030", "current")}


def test_a_debut_is_a_first_flight():
    text = "Изначально дебют «Союза-5» планировался на 2022 год."
    assert keys(text, dt.date(2021, 6, 2), "ru") == {("soyuz5.first_flight", "2022", "historical")}


def test_a_rocket_carrying_the_module_is_no_other_programme():
    text = (
        "It matters for the Russian Orbital Station, whose first module is slated for 2027 on an Angara from Vostochny."
    )
    assert keys(text, dt.date(2023, 11, 15)) == {("ros.first_module_launch", "2027", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('"Nobody is planning around a 2025 Russian exit," one industry executive said.', "en"),
        ("Rogozin: ISS in 2025 nobody going to flood", "en"),
        ("Никто не собирается сводить МКС с орбиты в 2025 году, заявил Рогозин.", "ru"),
    ],
)
def test_nobody_negates(text, lang):
    assert keys(text, dt.date(2021, 4, 21), lang) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Several viral posts claimed the station would be abandoned in 2026.",
        'CLAIM: A video shared widely on TikTok says "NASA confirmed the ISS will crash to Earth in 2026."',
    ],
)
def test_a_rumour_is_no_claim(text):
    assert keys(text, dt.date(2025, 8, 5)) == set()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('"Will it fly until 2030? Honestly, nobody knows yet," the volunteer told one fourth-grader.', "en"),
        ("Question d'un lecteur : « La station pourrait-elle être exploitée jusqu'en 2032 ? » Réponse : non.", "fr"),
    ],
)
def test_a_question_inside_a_sentence_asserts_nothing(text, lang):
    assert keys(text, dt.date(2019, 7, 18), lang) == set()


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Under NASA's plans, the station will be allowed to sink slowly from about 2030.",
            "en",
            {("iss.deorbit_start", "2030", "current")},
        ),
        (
            "Управляемое вхождение МКС в атмосферу назначено на январь 2031 года.",
            "ru",
            {("iss.deorbit", "2031-01", "current")},
        ),
    ],
)
def test_more_words_for_the_descent(text, lang, expected):
    assert keys(text, dt.date(2023, 1, 20), lang) == expected


def test_a_year_right_after_remains_is_the_value_of_what_remains():
    text = "So far, the official end date of the ISS programme remains 2024."
    assert keys(text, dt.date(2021, 4, 21)) == {("iss.operations_end", "2024", "current")}


@pytest.mark.parametrize(
    "text",
    [
        "The ISS's life was stretched to 2020, and then to 2024.",
        "The partners first expected to wind the station down in 2020.",
    ],
)
def test_stretching_and_winding_down_are_the_stations_end(text):
    assert ("iss.operations_end", "2020", "historical") in keys(text, dt.date(2026, 1, 18))


def test_russian_words_for_the_fall_and_the_lowering():
    text = (
        "Постепенное опускание орбиты МКС начнётся примерно в 2030 году. Обломки МКС должны упасть в южной части "
        "Тихого океана в январе 2031 года."
    )
    assert keys(text, dt.date(2023, 1, 20), "ru") == {
        ("iss.deorbit_start", "2030", "current"),
        ("iss.deorbit", "2031-01", "current"),
    }


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Moscow said in 2022 it would leave the ISS after 2024, then in 2023 decided to stay until 2028.",
            "en",
            {
                ("iss.russia_participation_end", "2024", "historical"),
                ("iss.russia_participation_end", "2028", "current"),
            },
        ),
        (
            "В 2014 году Москва заявляла, что будет работать на МКС лишь до 2020 года, но в 2015-м согласилась.",
            "ru",
            {("iss.russia_participation_end", "2020", "historical")},
        ),
    ],
)
def test_a_year_right_before_an_act_dates_the_act(text, lang, expected):
    assert keys(text, dt.date(2026, 4, 20), lang) == expected


def test_the_first_firing_is_the_first_flight():
    text = "Le premier tir du Soyouz-5 depuis Baïkonour, qui devait intervenir en 2025, est reporté."
    assert keys(text, dt.date(2025, 6, 4), "fr") == {("soyuz5.first_flight", "2025", "historical")}


def test_supporting_the_station_is_operating_it():
    text = "Earlier Moscow had said it will only support the station until 2020."
    assert keys(text, dt.date(2015, 2, 25)) == {("iss.russia_participation_end", "2020", "historical")}


def test_the_russian_station_in_machine_russian():
    text = "Баканов сказал, что первый модуль Русской Орбитальной Станции будет запущен из Байконура в 2028 году."
    assert keys(text, dt.date(2026, 3, 11), "ru") == {("ros.first_module_launch", "2028", "current")}


def test_the_remaining_modules_are_not_russia_remaining():
    text = (
        "Russia will build its own station after the ISS: the remaining modules would follow, completed by about 2035."
    )
    assert keys(text, dt.date(2022, 8, 16)) == set()


def test_a_french_dateline_with_an_abbreviated_month_is_the_articles_date():
    text = (
        "WASHINGTON, 31 déc 2021 (AFP) - L'administration Biden s'est engagée vendredi à poursuivre l'exploitation de "
        "la Station spatiale internationale jusqu'en 2030."
    )
    assert keys(text, dt.date(2021, 12, 31), "fr") == {("iss.operations_end", "2030", "current")}


@pytest.mark.parametrize(
    "text",
    ["There is no 2028 deorbit plan for the ISS.", "First start of rocket Soyuz-5 can be moved from 2023 to 2024."],
)
def test_no_plan_for_a_year_and_a_move_that_can_happen_are_no_values(text):
    assert keys(text, dt.date(2022, 7, 2)) == set()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Soyuz-5 first launch remains on the books for 2022.", "en"),
        ("Soyouz-5 : la nouvelle fusée russe volera en 2022, promet Roscosmos.", "fr"),
    ],
)
def test_soyuz5_on_the_books_and_flying_in_french(text, lang):
    assert keys(text, dt.date(2020, 11, 2), lang) == {("soyuz5.first_flight", "2022", "current")}


def test_the_first_module_lifts_off():
    text = "Earlier the first module of the Russian Orbital Station was due to lift off in December 2027."
    assert keys(text, dt.date(2025, 12, 2)) == {("ros.first_module_launch", "2027-12", "historical")}


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        (
            "Soyuz-5 will fly from Baiterek in 2025. Photo: a Soyuz rocket ahead of the Soyuz MS-26 launch in "
            "September 2024.",
            "en",
            dt.date(2025, 6, 5),
            {("soyuz5.first_flight", "2025", "historical")},
        ),
        (
            "Первый модуль РОС планируется запустить в 2025 году. Следующий пилотируемый «Союз МС-21» планируется "
            "запустить в марте 2022 года.",
            "ru",
            dt.date(2022, 1, 1),
            {("ros.first_module_launch", "2025", "current")},
        ),
    ],
)
def test_a_numbered_crew_or_cargo_ship_is_a_decoy(text, lang, published, expected):
    assert keys(text, published, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            # (the station named in the sentence before: a fact named nowhere in the text is not read, claims-2.12)
            "Судьба МКС решена. Летом Роскосмос и NASA договорились эксплуатировать её до 2028 года, а затем свести с "
            "орбиты к 2030-му.",
            "ru",
        ),
        (
            "Le laboratoire international doit être exploité jusqu'en 2028, puis désorbité d'ici 2030, dit Roscosmos.",
            "fr",
        ),
    ],
)
def test_then_before_another_facts_event_carries_nothing(text, lang):
    assert {value for fact, value, _ in keys(text, dt.date(2025, 12, 2), lang) if fact != "iss.deorbit"} == {"2028"}
