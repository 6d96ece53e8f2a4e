"""Language detection for articles and for single sentences."""

from __future__ import annotations

from isswatch.extractors.pages.language import detect_language, sentence_language


def test_detects_the_three_languages():
    assert detect_language("NASA and Roscosmos agreed to operate the station until 2028.") == "en"
    assert detect_language("La NASA et Roscosmos ont convenu d'exploiter la station jusqu'en 2028.") == "fr"
    assert detect_language("Роскосмос и НАСА договорились эксплуатировать МКС до 2028 года.") == "ru"


def test_too_little_text_is_unknown():
    assert detect_language("") is None
    assert detect_language("2028 !!!") is None


def test_huge_text_is_sampled():
    text = "The station will be deorbited in 2030. " * 50_000
    assert detect_language(text) == "en"


def test_sentence_in_another_language_is_recognised():
    assert sentence_language("Роскосмос и НАСА договорились до 2028 года.", "en") == "ru"
    assert sentence_language("NASA and Roscosmos agreed to operate the ISS until 2028.", "ru") == "en"
    assert sentence_language("La NASA désorbitera l'ISS en 2030 selon le plan.", "en") == "fr"
    assert sentence_language("ISS 2028", "fr") == "fr"
