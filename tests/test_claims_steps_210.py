"""The steps changed in claims-2.10: more of the labels that open a line announcing another story ("Links:",
"More from ...:", "Read next:", "À voir aussi :", "Материалы по теме:"), whose dates belong to that story; a Russian
"not before" whose negation stands on the verb ("не ожидается раньше 2027 года") is the earliest date."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.extractors.claims.reading import extract_claims
from tests.test_claims_values import keys

STORY = {
    "en": "NASA and Roscosmos agreed to operate the International Space Station until 2030.",
    "fr": "La NASA et Roscosmos ont convenu d'exploiter la Station spatiale internationale jusqu'en 2030.",
    "ru": "NASA и Роскосмос договорились эксплуатировать Международную космическую станцию до 2030 года.",
}


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Links: Spacedaily on the 2015 Russian extension of the ISS · NASA OIG report on ISS costs (2018)", "en"),
        ("More from Kazinform: the ISS will be operated until 2035, Roscosmos says", "en"),
        ("More briefs: ISS to be operated until 2018 under a new plan | Council approves jetty repair", "en"),
        ("Read next: the ISS will be operated until 2032, a new study says", "en"),
        ("Further reading - why the ISS may be extended until 2035", "en"),
        ("À voir aussi : l'ISS sera exploitée jusqu'en 2035, selon la NASA", "fr"),
        ("Dans la même rubrique : l'ISS sera exploitée jusqu'en 2035", "fr"),
        ("Материалы по теме: МКС будут эксплуатировать до 2035 года", "ru"),
    ],
)
def test_a_line_announcing_another_story_claims_nothing(line, lang):
    found = keys(f"{STORY[lang]}\n{line}", dt.date(2023, 5, 2), lang)
    assert found == {("iss.operations_end", "2030", "current")}


@pytest.mark.parametrize(
    "line",
    [
        "Links between NASA and Roscosmos will hold: the ISS will be operated until 2028.",
        "More than 270 people have visited the ISS, which will be operated until 2028.",
    ],
)
def test_the_same_words_opening_a_sentence_of_the_story_keep_its_claim(line):
    assert ("iss.operations_end", "2028", "current") in keys(line, dt.date(2025, 9, 1), "en")


@pytest.mark.parametrize(
    "text",
    [
        "Запуск первого модуля РОС не ожидается раньше 2027 года.",
        "Запуск первого модуля РОС не планируется ранее 2027 года.",
    ],
)
def test_a_russian_not_before_split_by_its_verb_is_the_earliest_date_not_a_denial(text):
    """ "не ожидается раньше 2027 года" (not expected before 2027) says what "not expected before 2027" and "n'est pas
    attendu avant 2027" say: no earlier than 2027."""
    [c] = extract_claims(text, lang="ru", published=dt.date(2024, 2, 10))
    assert (c.fact, c.value, c.qualifier, c.status) == ("ros.first_module_launch", "2027", "no_earlier_than", "current")


def test_previously_opening_a_russian_sentence_is_no_before():
    [c] = extract_claims(
        "Ранее 2027 год называли сроком запуска первого модуля РОС.", lang="ru", published=dt.date(2024, 2, 10)
    )
    assert (c.value, c.qualifier) == ("2027", "in")
