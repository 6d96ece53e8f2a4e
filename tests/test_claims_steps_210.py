"""The step changed in claims-2.10: more of the labels that open a line announcing another story ("Links:",
"More from ...:", "Read next:", "À voir aussi :", "Материалы по теме:"), whose dates belong to that story."""

from __future__ import annotations

import datetime as dt

import pytest

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
