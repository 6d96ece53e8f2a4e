"""The first-character gate must never change what a cue regex finds, only how fast."""

from __future__ import annotations

import re

import pytest

from isswatch.extractors.claims import cues, date_mentions, first_chars, reading
from isswatch.extractors.claims.first_chars import gated

TEXTS = [
    "NASA had planned to deorbit the ISS in 2030, but Congress will not fund it: the plan was scrapped.",
    "La station devait être désorbitée en 2030 ; toutefois Roscosmos n'a pas confirmé.",
    "МКС планировалось затопить в 2030 году, но Роскосмос опроверг эти слухи — решение отложено.",
    "DENIED: the Agency REJECTED the rumours; it was ORIGINALLY scheduled for 2028.",
    "",
]


@pytest.mark.parametrize(
    "source",
    [
        r"\b(?:reject\w*|den(?:y|ies|ied)|rumou?rs?)\b",
        r";|\s?:\s|[.!?…]\s|\s[—–·•|]\s|\b(?:but|however)\b",
        r"(?<!\w)(?:опроверг\w*|слух\w*|но)(?!\w)",
        r"(?:was|were)?\s*planned",
    ],
)
def test_gate_keeps_every_match(source: str) -> None:
    plain, fast = re.compile(source, re.IGNORECASE), gated(source, re.IGNORECASE)
    for text in TEXTS:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_gate_added_for_a_word_alternation_only() -> None:
    assert gated(r"\b(?:reject\w*|deny)\b", re.IGNORECASE).pattern.startswith("(?=[dr])")
    for source in (r"x?", r"\w+ing", r",\s*and", r"(?=a)abc|b"):  # empty, any word, one literal, a look-ahead
        assert gated(source, 0).pattern == source


def test_every_cue_kind_finds_what_its_source_finds() -> None:
    for kind in ("historical", "negation", "clause", "denial", "light", "saying", "history_after"):
        for lang in ("en", "fr", "ru"):
            plain = re.compile(getattr(cues, f"_{kind.upper()}")[lang], re.IGNORECASE)
            for text in TEXTS:
                found = [m.span() for m in cues.pattern(kind, lang).finditer(text)]
                assert found == [m.span() for m in plain.finditer(text)]


# --- searches tried only at the words that may start a match --------------------------------------------------------

WORD_TEXTS = [
    "NASA had planned to deorbit the ISS in 2030, but Congress will not fund it: the plan was scrapped.",
    "Prévue à l'origine en 2031, la désorbitation aura finalement lieu d’ici la fin de 2030 (au plus tard).",
    "Роскосмос и НАСА договорились: МКС будет работать до 2028 года — не ранее, а не позднее 2030-го.",
    "The mid-2030 target -- a re-entry by the end of 2030 -- was NOT confirmed; says Dr. Smith, 'no decision'.",
    "Lonſ ſtation: the long s folds to s, so this text is searched plainly by 2030 at the latest.",
    "A text with other digits ٢٠٣٠ and 2030 — and İstanbul — still finds what the plain search finds.",
    "Tiangong, Haven-1 and Axiom's station: none of them replaces the ISS before 2030, officials said.",
    "We at NASA and OUR partners: US and Russian crews, нам и нашим партнёрам, until 2030.",
]


def _gated_patterns() -> list[first_chars.Gated]:
    """Every searched pattern of the reader that goes through ``gated``: the cues of each language, the date
    qualifiers and the reader's own."""
    found = [cues.pattern(kind, lang) for kind in cues._KINDS for lang in ("en", "fr", "ru")]
    found += [cues.modality_pattern(lang) for lang in ("en", "fr", "ru")]
    found += [p for lang in ("en", "fr", "ru") for p in date_mentions._patterns(lang)[:2]]
    found += [v for v in vars(reading).values() if isinstance(v, first_chars.Gated)]
    return found


def test_most_patterns_are_searched_at_words() -> None:
    patterns = _gated_patterns()
    assert len(patterns) > 100
    assert sum(p.indexed for p in patterns) > 0.6 * len(patterns)
    numbers = [p.number for p in patterns if p.indexed]
    assert len(set(numbers)) == len(numbers)  # one bit each


def test_a_pattern_made_after_a_text_was_listed_still_finds_everything() -> None:
    text = "The agency said the station would be retired in 2030, not before."
    first_chars._WORDS.clear()
    first_chars.words(text)
    listed = first_chars.words(text)
    assert listed is not None
    late = gated(r"(?<!\w)(?:retired|scrapped)\s+in", re.IGNORECASE)  # registered now: the list forgets its texts
    assert late.number >= listed.known
    assert late.search(text).span() == re.search(r"retired\s+in", text).span()
    relisted = first_chars.words(text, first=True)
    assert relisted is not None and relisted.known > late.number
    assert late.search(text, 10).span() == re.search(r"retired\s+in", text).span()


@pytest.mark.parametrize("text", WORD_TEXTS)
def test_searches_at_words_find_what_the_regex_finds(text: str) -> None:
    first_chars._WORDS.clear()
    first_chars._ONCE.clear()
    windows = [(0, len(text))] + [(lo, hi) for lo in range(0, len(text), 13) for hi in range(lo, len(text) + 9, 17)]
    for pattern in _gated_patterns():
        as_written = re.compile(pattern.source, pattern.flags)  # neither the gate nor the words may change a match
        for _ in range(2):  # the first question about a text is answered plainly, the next ones from its words
            for lo, hi in windows:
                m, plain = pattern.search(text, lo, hi), as_written.search(text, lo, hi)
                assert (m and m.span()) == (plain and plain.span()), (pattern.source[:60], lo, hi)
            found = [m.span() for m in pattern.finditer(text, 3)]
            assert found == [m.span() for m in as_written.finditer(text, 3)], pattern.source[:60]


def test_a_text_is_listed_on_its_second_question_unless_it_must_be_searched_plainly() -> None:
    text = "The mid-2030 target, l'ISS et la station_2 ont été prolongées."
    first_chars._WORDS.clear()
    first_chars._ONCE.clear()
    assert first_chars.words(text) is None
    listed = first_chars.words(text)
    assert listed is not None
    assert [text[p : p + 3] for p in listed.starts] == [
        "The",
        "mid",
        "203",
        "tar",
        "l'I",
        "ISS",
        "et ",
        "la ",
        "sta",
        "ont",
        "été",
        "pro",
    ]
    assert [len(column) for column in listed.masks] == [len(listed.starts)] * len(listed.masks)
    assert listed.known == first_chars._BITS.count
    assert first_chars.words(text, first=True) is listed
    for plain in ("Lonſ ſtation in 2030", "другие цифры ٢٠٣٠", "x" * 2000):
        first_chars.words(plain)
        assert first_chars.words(plain) is None, plain[:20]


def test_word_heads_are_read_from_the_pattern() -> None:
    ones, twos, threes = first_chars.word_heads(r"\b(?:reject\w*|deny|no|a\s+\w+)\b", re.IGNORECASE) or ((), (), ())
    assert (set(ones), set(twos), set(threes)) == ({"a"}, {"no"}, {"rej", "den"})
    assert first_chars.word_heads(r"(?<!\w)(?:the\s+)?end", re.IGNORECASE) == (
        frozenset(),
        frozenset(),
        frozenset({"the", "end"}),
    )
    for source in (r"(?:19|20)\d\d", r"\w+ing", r"(?<!\w)(?:x|\w+)", r"(?<!\w)(?:x|-y)", r"(?<!\w)x?"):
        assert first_chars.word_heads(source, re.IGNORECASE) is None, source


def test_runs_are_split_once_for_the_terms_and_the_cues() -> None:
    text = "Haven-1 and the ISS, until 2030."
    assert first_chars.runs(text) is first_chars.runs(text)
    assert first_chars.runs(text) == [
        "",
        "Haven-1",
        " ",
        "and",
        " ",
        "the",
        " ",
        "ISS",
        ", ",
        "until",
        " ",
        "2030",
        ".",
    ]


def test_no_gate_where_a_group_sets_its_own_case() -> None:
    source = r"(?<!\w)(?:(?i:we|our)|[Uu]s)(?!\w)"
    fast = gated(source, 0)
    assert fast.regex.pattern == source
    for text in ("We said so.", "OUR plan", "let us go", "US NASA"):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in re.finditer(source, text)]
