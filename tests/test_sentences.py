"""Sentence splitting: offsets, run-together sentences, abbreviations, quotes, long runs."""

from __future__ import annotations

from isswatch.extractors.claims.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_offsets_match_text():
    text = "  First one.  Second one!\n\nThird?  "
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
    assert texts(text) == ["First one.", "Second one!", "Third?"]


def test_run_together_sentences_are_split():
    assert texts("They agreed to operate the ISS until 2028.The station will then be deorbited.") == [
        "They agreed to operate the ISS until 2028.",
        "The station will then be deorbited.",
    ]
    assert texts("Станция продлена до 2028 года.МКС сведут с орбиты.") == [
        "Станция продлена до 2028 года.",
        "МКС сведут с орбиты.",
    ]


def test_abbreviations_and_initials_do_not_split():
    assert len(split_sentences("The U.S. segment and Dr. Smith agreed. Next.")) == 2
    assert len(split_sentences("Работы завершат в 2030 г. и затем начнут новые.")) == 1
    assert len(split_sentences("J. Isaacman said so. Then he left.")) == 2


def test_decimals_do_not_split():
    assert texts("The budget is 3.5 billion dollars.") == ["The budget is 3.5 billion dollars."]


def test_full_stop_inside_a_quote_does_not_split():
    text = "«Мы договорились. Станция будет работать до 2028 года», — сказал Баканов. Next one."
    assert texts(text)[0].endswith("сказал Баканов.")
    assert len(texts(text)) == 2


def test_every_line_is_its_own_sentence():
    assert texts("Headline without stop\nBody line one. Body two") == [
        "Headline without stop",
        "Body line one.",
        "Body two",
    ]


def test_long_runs_are_cut_at_a_space():
    text = ("word " * 2000).strip()
    parts = split_sentences(text, max_len=500)
    assert all(len(p.text) <= 500 for p in parts)
    assert all(text[p.start : p.end] == p.text for p in parts)
    assert "".join(p.text for p in parts).replace(" ", "") == text.replace(" ", "")


def test_empty_and_blank():
    assert split_sentences("") == []
    assert split_sentences(" \n\n\t ") == []
