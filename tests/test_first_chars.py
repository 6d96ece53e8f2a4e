"""The first-character gate must never change what a cue regex finds, only how fast."""

from __future__ import annotations

import re

import pytest

from isswatch.extractors.claims import cues
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
