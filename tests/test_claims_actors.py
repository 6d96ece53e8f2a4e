"""The reading steps added in claims-2.3, one behaviour each: who does an event decides its fact (a speaker's "we",
a subject dropped after "что", another partner, an actor named as left out), a possessive subject owned by
another programme, a past time that keeps a replaced value history, later stages of a series, values still under
talks, related-story lines."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from isswatch.extractors.claims.catalogue import parse_catalogue
from isswatch.extractors.claims.reading import extract_claims
from isswatch.extractors.errors import CatalogueError

PUB = dt.date(2025, 6, 1)


def keys(text: str, **kw) -> set[tuple[str, str, str]]:
    kw.setdefault("published", PUB)
    kw.setdefault("lang", "en")
    return {(c.fact, c.value, c.status) for c in extract_claims(text, **kw)}


OLD = dt.date(2014, 5, 14)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('"We plan to use the ISS only until 2020," Rogozin told journalists.', "en"),
        ("« Nous prévoyons d'utiliser l'ISS jusqu'en 2020 », a déclaré Rogozine.", "fr"),
        ("«Мы намерены использовать МКС только до 2020 года», — заявил Рогозин.", "ru"),
    ],
)
def test_a_russian_speakers_we_is_russias_participation(text, lang):
    assert keys(text, lang=lang, published=OLD) == {("iss.russia_participation_end", "2020", "current")}


def test_we_of_an_agreement_or_of_another_speaker_stays_the_stations():
    agreed = '"We agreed to continue using the ISS until 2028," Bakanov said.'
    assert keys(agreed) == {("iss.operations_end", "2028", "current")}
    american = '"We plan to use the ISS until 2030," Nelson said.'
    assert keys(american, published=dt.date(2022, 1, 5)) == {("iss.operations_end", "2030", "current")}


def test_voices_name_speakers_of_the_catalogue():
    text = textwrap.dedent(
        """
        [facts."a.b"]
        baseline = { value = "2030", as_of = 2025-01-01, source = "x" }
        voices = ["Nobody"]
        terms.en = { subject = ["station"], event = ["retire"] }

        [speakers]
        "NASA" = ["NASA"]
        """
    )
    with pytest.raises(CatalogueError, match=r"voices names no \[speakers\] entry: \['Nobody'\]"):
        parse_catalogue(text, path="my/facts.toml")
    assert parse_catalogue(text.replace('"Nobody"', '"NASA"')).facts[0].voices == ("NASA",)


def test_a_subject_dropped_after_a_reporting_verb_is_the_actor():
    text = "Ранее российская сторона заявляла, что видит смысл работать на МКС лишь до 2020 года."
    assert keys(text, lang="ru", published=dt.date(2015, 2, 24)) == {
        ("iss.russia_participation_end", "2020", "historical")
    }
    # a new subject after "что" is somebody else's plan
    other = "Российская сторона заявила, что станция будет работать до 2024 года."
    assert keys(other, lang="ru", published=dt.date(2015, 2, 1)) == {("iss.operations_end", "2024", "current")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Europe, Japan and Canada have already signed on to stay on the ISS until 2030.", "en"),
        ("ЕКА и японское агентство JAXA подтвердили участие в проекте МКС до 2030 года.", "ru"),
    ],
)
def test_another_partners_participation_is_the_stations_operations(text, lang):
    found = keys(text, lang=lang, published=dt.date(2023, 10, 1))
    assert ("iss.operations_end", "2030", "current") in found
    assert not {k for k in found if k[0] == "iss.russia_participation_end"}


def test_an_actor_named_as_left_out_does_nothing():
    text = "Ранее партнеры по проекту, кроме России, планировали эксплуатировать станцию до 2030 года."
    found = keys(text, lang="ru", published=dt.date(2025, 7, 31))
    assert {k[0] for k in found} == {"iss.operations_end"}
    acting = "Ранее Россия планировала эксплуатировать свой сегмент до 2024 года."
    assert {k[0] for k in keys(acting, lang="ru", published=dt.date(2022, 1, 1))} == {"iss.russia_participation_end"}


def test_a_possessive_subject_belongs_to_the_programme_named_before_it():
    assert keys("Axiom says its own station's first module could fly as soon as 2027.") == set()
    assert keys("Roscosmos says its own station's first module will launch in 2027.") == {
        ("ros.first_module_launch", "2027", "current")
    }


def test_an_announcement_dated_in_the_past_does_not_bring_a_replaced_value_back():
    later = dt.date(2023, 5, 3)
    past = "That closes a chapter that began last July, when Borisov announced that Russia would leave after 2024."
    assert keys(past, published=later) == {("iss.russia_participation_end", "2024", "historical")}
    fr = "Roscosmos revient sur l'annonce de l'été dernier d'un départ de la Russie « après 2024 »."
    assert keys(fr, lang="fr", published=later) == {("iss.russia_participation_end", "2024", "historical")}


def test_a_later_stage_of_a_series_takes_its_own_date():
    text = (
        "Selon RKK Energia, le premier module de la station russe sera lancé en 2027, et la station complète "
        "doit être assemblée en deux étapes jusqu'en 2035."
    )
    assert keys(text, lang="fr", published=dt.date(2022, 8, 16)) == {("ros.first_module_launch", "2027", "current")}


def test_a_value_under_talks_is_not_a_plan_but_an_agreement_is():
    asked = "Interrogé sur les négociations pour prolonger les vols de l'ISS jusqu'à 2028, il a souri."
    assert keys(asked, lang="fr", published=dt.date(2017, 2, 24)) == set()
    agreed = "After talks in Houston, NASA and Roscosmos agreed to operate the ISS until 2028."
    assert keys(agreed, published=dt.date(2025, 8, 1)) == {("iss.operations_end", "2028", "current")}
    scheduled = "The sides also discussed the station's eventual deorbiting, scheduled for 2030."
    assert keys(scheduled, published=dt.date(2025, 8, 1)) == {("iss.deorbit", "2030", "current")}


def test_a_meeting_year_before_the_talks_is_not_the_deorbit():
    text = "В 2026 году руководители двух агентств собираются встретиться, чтобы обсудить детали сведения МКС с орбиты."
    assert keys(text, lang="ru", published=dt.date(2025, 8, 1)) == set()


@pytest.mark.parametrize(
    "line",
    [
        "Также по теме: Борисов: Россия выйдет из МКС после 2024 года (26.07.2022)",
        "Related searches: ISS retirement 2030, best space stocks 2026",
        "À lire également : la Russie quittera l'ISS après 2024",
    ],
)
def test_related_story_lines_are_not_read(line):
    lang = "ru" if "Россия" in line else "fr" if "lire" in line else "en"
    body = "La station orbite à 400 km." if lang == "fr" else "The station orbits at 400 km."
    assert keys(f"{body}\n{line}", lang=lang, published=dt.date(2022, 8, 15)) == set()


def test_other_programmes_modules_are_not_the_facts():
    text = "Russia's long-delayed Nauka laboratory is now due to launch in 2021, on a Proton rocket."
    assert keys(text, published=dt.date(2020, 11, 2)) == set()
    gateway = "NASA's Gateway HALO habitat and Power and Propulsion Element are now expected to launch in 2027."
    assert keys(gateway, published=dt.date(2025, 1, 16)) == set()


def test_the_value_a_new_plan_goes_beyond_is_history():
    en = (
        "The Biden administration has committed to operating the ISS through 2030, six years beyond the 2024 end "
        "date that had governed the program."
    )
    assert keys(en, published=dt.date(2021, 12, 31)) == {
        ("iss.operations_end", "2030", "current"),
        ("iss.operations_end", "2024", "historical"),
    }
    fr = (
        "La Maison-Blanche a donné son feu vert pour maintenir l'ISS en service jusqu'en 2024, soit quatre années de "
        "plus que l'échéance actuelle de 2020."
    )
    assert ("iss.operations_end", "2020", "historical") in keys(fr, lang="fr", published=dt.date(2014, 1, 8))
    until_now = "L'exploitation de l'ISS, dont la fin était jusqu'à présent fixée à 2024, ira jusqu'en 2030."
    assert ("iss.operations_end", "2024", "historical") in keys(until_now, lang="fr", published=dt.date(2021, 12, 31))


def test_a_negated_date_followed_by_as_planned_is_the_old_plan():
    fr = "Le premier module de la station russe ne sera pas lancé en 2027 comme l'avait annoncé Vladimir Poutine."
    assert ("ros.first_module_launch", "2027", "historical") in keys(fr, lang="fr", published=dt.date(2025, 12, 2))
    ru = "Сведение МКС с орбиты завершится в 2030 году, а не в 2031-м, как было в плане НАСА."
    assert ("iss.deorbit", "2031", "historical") in keys(ru, lang="ru", published=dt.date(2025, 7, 31))


def test_who_needs_the_station_and_launching_into_orbit_in_russian():
    need = "Россия пересматривает свои космические планы. «МКС нужна нам до 2020 года», — заявил Рогозин."
    assert keys(need, lang="ru", published=OLD) == {("iss.russia_participation_end", "2020", "current")}
    module = "Первый модуль РОС планируется вывести на орбиту в 2027 году."
    assert keys(module, lang="ru", published=dt.date(2023, 4, 25)) == {("ros.first_module_launch", "2027", "current")}


@pytest.mark.parametrize(
    ("text", "lang", "published"),
    [
        ("Some industry groups had hoped Washington would extend the ISS through at least 2028.", "en", "2018-01-25"),
        ("Many public and private stakeholders want the ISS extended to 2028 instead.", "en", "2018-02-13"),
        ("Bill Nelson has said he is confident Russia will stay on the ISS until 2030.", "en", "2023-04-26"),
        ("Nelson, qui espère voir les Russes rester sur l'ISS jusqu'en 2030, a salué la décision.", "fr", "2023-04-26"),
        ("В НАСА выражали надежду, что Россия останется на МКС до 2030 года.", "ru", "2022-07-26"),
    ],
)
def test_a_hope_for_what_somebody_else_does_is_not_a_plan(text, lang, published):
    assert keys(text, lang=lang, published=dt.date.fromisoformat(published)) == set()


def test_the_premise_of_a_question_is_not_asserted():
    fr = "Interrogé sur un départ de la Russie « à partir de 2025 », il a répondu que rien n'était décidé."
    assert keys(fr, lang="fr", published=dt.date(2021, 4, 20)) == set()
    answer = "Asked about the ISS, Bakanov said the agencies agreed to operate it until 2028."
    assert keys(answer, published=dt.date(2025, 8, 1)) == {("iss.operations_end", "2028", "current")}


def test_a_fiscal_year_is_a_budget_label_not_a_date():
    text = "The White House's fiscal 2026 request would cut ISS operations spending and shrink crew sizes."
    assert keys(text, published=dt.date(2025, 8, 1)) == set()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ISS deorbit vehicle, SpaceX ISS, ISS end 2030, ISS crash ocean, NASA deorbit contract 2024.", "en"),
        ("When will the ISS be retired, ISS end date, ISS deorbit date, ISS 2028, ISS 2030, all answers.", "en"),
        ("МКС когда упадет: точные сроки МКС сведение с орбиты 2028 2030", "ru"),
    ],
)
def test_search_keywords_strung_together_assert_nothing(text, lang):
    assert keys(text, lang=lang, published=dt.date(2026, 3, 11)) == set()


def test_a_timeline_list_is_not_a_keyword_list():
    text = "The ISS was meant to retire in 2015. So the end date, once 2020, then 2024, then 2030, is now 2028."
    found = keys(text, published=dt.date(2025, 8, 6))
    assert ("iss.operations_end", "2028", "current") in found
    assert ("iss.operations_end", "2020", "historical") in found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Dans cette hypothèse, la station pourrait devoir être désorbitée dès 2025.", "fr"),
        ("Некоторые эксперты считают, что МКС способна летать вплоть до 2028 года.", "ru"),
        ("Some experts say the ISS could keep flying until 2032.", "en"),
    ],
)
def test_scenarios_and_experts_views_are_not_plans(text, lang):
    assert keys(text, lang=lang, published=dt.date(2018, 6, 22)) == set()


def test_later_modules_of_a_station_are_not_its_first():
    text = (
        "The first module of the Russian station is still to go up in 2027, Borisov says, with the core of the "
        "station assembled by 2030."
    )
    assert keys(text, published=dt.date(2024, 6, 6)) == {("ros.first_module_launch", "2027", "current")}


def test_a_plan_given_up_is_history():
    text = "Vast no longer expects to launch its Haven-1 commercial space station in August 2025."
    assert keys(text, published=dt.date(2025, 1, 15)) == {("haven1.launch", "2025-08", "historical")}
    after_all = "The first module of the Russian station will not fly in 2027 after all."
    assert keys(after_all, published=dt.date(2025, 12, 2)) == {("ros.first_module_launch", "2027", "historical")}
    # the clause after "mais" gives the new plan
    fr = "Le premier module de la station russe ne partira plus en 2027 comme annoncé depuis 2022, mais en 2028."
    assert keys(fr, lang="fr", published=dt.date(2025, 12, 8)) == {
        ("ros.first_module_launch", "2027", "historical"),
        ("ros.first_module_launch", "2028", "current"),
    }


def test_a_dash_standing_for_the_verb_keeps_the_event():
    text = "Станцию будут эксплуатировать до 2028 года, а сводить МКС с орбиты — до 2030-го."
    assert keys(text, lang="ru", published=dt.date(2025, 12, 1)) == {
        ("iss.operations_end", "2028", "current"),
        ("iss.deorbit", "2030", "current"),
    }


def test_a_sum_before_the_station_describes_it():
    text = "The White House backed running the $100 billion outpost until at least 2024."
    assert keys(text, published=dt.date(2014, 1, 8)) == {("iss.operations_end", "2024", "current")}
    budget = "Congress approved a $3 billion budget for the ISS through 2024."
    assert keys(budget, published=dt.date(2014, 1, 8)) == set()


def test_crew_stays_expeditions_and_funding_ends_are_decoys():
    stay = "Scott Kelly et le cosmonaute Mikhaïl Kornienko doivent rester 342 jours en orbite, jusqu'en mars 2016."
    assert keys(stay, lang="fr", published=dt.date(2015, 3, 28)) == set()
    funding = "La Maison-Blanche voudrait cesser de financer directement l'ISS en 2025."
    assert keys(funding, lang="fr", published=dt.date(2019, 2, 18)) == set()


def test_a_russian_speaker_quoted_in_the_genitive_speaks_for_russia():
    text = "«Мы планируем использовать станцию до 2020 года», — цитируют Рогозина российские агентства."
    assert keys(text, lang="ru", published=dt.date(2014, 5, 14)) == {
        ("iss.russia_participation_end", "2020", "current")
    }


def test_a_plans_date_named_a_few_lines_later_continues_the_fact_told_of():
    text = (
        "NASA now plans to operate the ISS through 2030. The White House backed the extension on Friday.\n"
        "Before that, the target was 2024. The old baseline, 2020, had stood since the late 2000s."
    )
    found = keys(text, published=dt.date(2022, 1, 4))
    assert {("iss.operations_end", "2024", "historical"), ("iss.operations_end", "2020", "historical")} <= found
    # an idiom is no plan's date: "à l'horizon 2025" says when, not which plan
    concept = (
        "Roscosmos prolonge sa participation à l'ISS jusqu'en 2024. Le concept vise des vols lunaires à l'horizon 2030."
    )
    assert ("iss.russia_participation_end", "2030", "current") not in keys(
        concept, lang="fr", published=dt.date(2015, 2, 25)
    )


def test_a_short_label_and_its_value_are_one_clause():
    text = "The Russian Orbital Station, at a glance.\nFirst module launch: planned for 2027"
    assert keys(text, published=dt.date(2022, 8, 16)) == {("ros.first_module_launch", "2027", "current")}
    # a colon after a clause with its own verb still separates
    said = "Roscosmos said the ISS will fly until 2028: the partners disagree about 2030."
    assert ("iss.operations_end", "2030", "current") not in keys(said, published=dt.date(2025, 8, 1))
