"""Claim assembly: facts, qualifiers, status, modality, speaker, negation, conditions, decoys, offsets."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.extractors.claims.reading import EXTRACTOR_VERSION, Claim, extract_claims

PUB = dt.date(2025, 8, 1)


def keys(text: str, **kw) -> set[tuple[str, str, str]]:
    return {(c.fact, c.value, c.status) for c in extract_claims(text, **kw)}


def test_the_baseline_sentence():
    text = "NASA and Roscosmos agreed to operate the ISS until 2028, Roscosmos head Dmitry Bakanov said."
    [c] = extract_claims(text)
    assert (c.fact, c.value, c.granularity, c.qualifier, c.status) == (
        "iss.operations_end",
        "2028",
        "year",
        "until",
        "current",
    )
    assert c.modality == "agreed"
    assert c.speaker == "Dmitry Bakanov"
    assert c.lang == "en"
    assert text[c.start : c.end] == c.sentence
    assert 0.6 <= c.confidence <= 1
    assert "operate" in c.explanation and "ISS" in c.explanation
    assert EXTRACTOR_VERSION.startswith("claims-")


def test_to_dict_has_every_field():
    [c] = extract_claims("The ISS will be deorbited in 2030.")
    d = c.to_dict()
    assert set(d) == {f for f in Claim.__dataclass_fields__}
    assert d["fact"] == "iss.deorbit" and d["value_end"] is None


def test_two_facts_in_one_sentence():
    assert keys("They agreed to operate the ISS until 2028 and to work on its deorbit until 2030.") == {
        ("iss.operations_end", "2028", "current"),
        ("iss.deorbit", "2030", "current"),
    }


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("La NASA et Roscosmos ont convenu d'exploiter l'ISS jusqu'en 2028.", "fr"),
        ("Роскосмос и НАСА договорились эксплуатировать МКС до 2028 года.", "ru"),
    ],
)
def test_french_and_russian(text, lang):
    [c] = extract_claims(text)
    assert (c.fact, c.value, c.qualifier, c.lang, c.modality) == ("iss.operations_end", "2028", "until", lang, "agreed")


@pytest.mark.parametrize(
    "text",
    [
        "The ISS will not be extended beyond 2028.",
        "If the station comes down by 2027, debris could fall.",
        "NASA and Roscosmos extended their seat-swap agreement until 2027.",
        "Bakanov and Duffy met in Houston on July 31, 2025.",
        "The ISS has been continuously inhabited since 2000.",
        "Assembly of the ISS began in 1998.",
        "The station will be deorbited in six years.",
        "Will the ISS really fly until 2030?",
        "Congress passed a bill funding ISS operations through 2030.",
        "МКС не будет продлена после 2028 года.",
        "Si la station retombe d'ici 2027, des débris pourraient tomber.",
    ],
)
def test_not_claims(text):
    assert extract_claims(text, published=PUB) == []


def test_history_and_change():
    assert keys("The ISS was originally scheduled to retire in 2024, but will now operate until 2030.") == {
        ("iss.operations_end", "2024", "historical"),
        ("iss.operations_end", "2030", "current"),
    }
    assert keys("NASA extended ISS operations from 2024 to 2030.") == {
        ("iss.operations_end", "2024", "historical"),
        ("iss.operations_end", "2030", "current"),
    }
    assert keys("Изначально эксплуатацию МКС планировалось завершить в 2024 году.") == {
        ("iss.operations_end", "2024", "historical")
    }
    assert keys("Instead of 2028, the station will now be operated until 2030.") == {
        ("iss.operations_end", "2028", "historical"),
        ("iss.operations_end", "2030", "current"),
    }


def test_published_date_makes_past_values_history():
    text = "Roscosmos said the station's deorbit would take place in 2023."
    assert keys(text) == {("iss.deorbit", "2023", "current")}
    assert keys(text, published=PUB) == {("iss.deorbit", "2023", "historical")}


def test_meeting_date_is_not_bound_to_the_agreement():
    assert keys("At a meeting on July 31, 2025, they agreed to operate the ISS until 2028.") == {
        ("iss.operations_end", "2028", "current")
    }


def test_subject_from_previous_sentence_lowers_confidence():
    text = "The ISS is ageing. It will be deorbited in 2030."
    [c] = extract_claims(text)
    [d] = extract_claims("The ISS will be deorbited in 2030.")
    assert c.confidence < d.confidence
    assert c.sentence == "It will be deorbited in 2030."
    assert text[c.start : c.end] == c.sentence


def test_offsets_point_into_the_original_text():
    text = "Cookie banner\n\nNews.   NASA plans to deorbit the ISS by 2030.\nShare"
    [c] = extract_claims(text)
    assert text[c.start : c.end] == c.sentence == "NASA plans to deorbit the ISS by 2030."
    assert c.qualifier == "by" and c.modality == "planned"


def test_machine_translation_noise():
    assert keys("The station will be orbit out in 2030 over the Pacific.") == {("iss.deorbit", "2030", "current")}


def test_line_in_another_language():
    claims = extract_claims("NASA update\nLa NASA désorbitera l'ISS en 2030.\nMore news below.", lang="en")
    assert [(c.fact, c.lang) for c in claims] == [("iss.deorbit", "fr")]


def test_range_and_month():
    [c] = extract_claims("Deorbit of the ISS is planned for 2030-31.")
    assert (c.value, c.value_end, c.qualifier) == ("2030", "2031", "range")
    [m] = extract_claims("Russia plans to put the first ROS module into orbit in December 2027.")
    assert (m.fact, m.value, m.granularity) == ("ros.first_module_launch", "2027-12", "month")


def test_not_before_is_a_qualifier_not_a_negation():
    [c] = extract_claims("The station won't be deorbited before 2030.")
    assert (c.value, c.qualifier) == ("2030", "no_earlier_than")


def test_speaker_and_modality_variants():
    [c] = extract_claims("Roscosmos hopes to launch the first module of the Russian Orbital Station in 2027.")
    assert (c.modality, c.speaker) == ("hoped", "Roscosmos")
    [r] = extract_claims("По словам Баканова, срок службы МКС продлили до 2028 года.")
    assert r.speaker == "Dmitry Bakanov"


@pytest.mark.parametrize(
    ("text", "lang", "modality"),
    [
        ("Russia could leave the International Space Station from 2025, Borisov said.", "en", "possible"),
        ("La Russie pourrait quitter l'ISS en 2025, a déclaré Borissov.", "fr", "possible"),
        ("Россия может выйти из проекта МКС в 2025 году, заявил Борисов.", "ru", "possible"),
        ("Russia is expected to leave the International Space Station in 2025.", "en", "expected"),
    ],
)
def test_a_possibility_is_its_own_modality(text, lang, modality):
    """The words "could", "pourrait", "может" float an option: change detection does not count them toward a change."""
    [c] = extract_claims(text, lang=lang, published=dt.date(2021, 4, 21))
    assert (c.fact, c.value, c.modality) == ("iss.russia_participation_end", "2025", modality)


def test_unknown_lang_is_detected_and_empty_text_is_fine():
    assert extract_claims("", lang="xx") == []
    assert keys("МКС сведут с орбиты в 2030 году.", lang="de") == {("iss.deorbit", "2030", "current")}
