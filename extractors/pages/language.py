"""Cheap language identification for en / fr / ru: script counts and stop words, no model, no download.

The claim extractor only needs to pick a lexicon, and news about the ISS in these three languages is
easy to tell apart: Cyrillic means Russian; among Latin-script texts a handful of very frequent
function words separates French from English. Articles often carry a line in another language (a
quote, a caption), so ``sentence_language`` decides per sentence and falls back to the article's.
"""

from __future__ import annotations

import re
from collections import Counter

LANGUAGES = ("en", "fr", "ru")

_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def _count(rx: re.Pattern[str], text: str) -> int:
    """Letters of one script, counted by runs (a word is one match, not one per letter)."""
    return sum(map(len, rx.findall(text)))


def _cyrillic(text: str) -> int:
    """Cyrillic letters; a plain search first, since most texts have none (no list to build then)."""
    return _count(_CYRILLIC, text) if _CYRILLIC.search(text) else 0


_WORD = re.compile(r"[a-zà-ÿœæ]+(?:['’][a-zà-ÿ]+)?")
_EN = frozenset(
    str.split(
        "the and of to is in will that with for on was be by its it has have are said from this "
        "would which at an as after until"
    )
)
_FR = frozenset(
    str.split(
        "le la les des du de et est une un dans pour que qui sur au aux sera été par avec son sa "
        "ses pas jusqu ici après selon elle il ont ne en"
    )
)
# Letters that only French uses among the two Latin-script languages.
_FR_LETTER_SET = "éèêàçùûôîœ"
_FR_LETTERS = re.compile(f"[{_FR_LETTER_SET}]")


def _latin_language(text: str) -> tuple[str | None, int]:
    """('en' | 'fr' | None, margin) from stop-word counts on a lower-cased sample."""
    en = fr = 0
    for word, n in Counter(_WORD.findall(text.lower())).items():  # each distinct word once: most repeat
        if "'" in word or "’" in word:
            head = word.split("'")[0].split("’")[0]
            if head in ("l", "d", "qu", "jusqu", "n", "s", "c"):
                fr += n
                continue
        if word in _EN:
            en += n
        elif word in _FR:
            fr += n
    fr += sum(map(text.count, _FR_LETTER_SET)) // 3  # = len(_FR_LETTERS.findall(text)), without the list
    if en == fr:
        return None, 0
    return ("en" if en > fr else "fr"), abs(en - fr)


def detect_language(text: str, *, sample: int = 2000) -> str | None:
    """'en', 'fr' or 'ru' for an article, or None when there is too little text to say.

    Looks at the start and the middle of the text only (bounded cost on huge input)."""
    if not text:
        return None
    if len(text) > sample:
        half = sample // 2
        mid = len(text) // 2
        text = text[:half] + " " + text[mid : mid + half]
    cyr = _cyrillic(text)
    lat = _count(_LATIN, text)
    if cyr + lat < 8:
        return None
    if cyr > lat:
        return "ru"
    lang, _ = _latin_language(text)
    if lang is None and lat >= 8:
        return "en" if not _FR_LETTERS.search(text) else "fr"
    return lang


# Anything that could make a sentence count as French: its letters, elisions, its stop words.
_FR_HINT = re.compile(rf"[{_FR_LETTER_SET}]|['’]|\b(?:{'|'.join(sorted(_FR))})\b", re.IGNORECASE)


# Any English stop word as the counts read words (between characters that are not letters): without one, a French
# sentence cannot turn English.
_EN_HINT = re.compile(rf"(?<![a-zà-ÿœæ])(?:{'|'.join(sorted(_EN))})(?![a-zà-ÿœæ])")


def sentence_language(sentence: str, default: str) -> str:
    """The language of one sentence: its own when the evidence is clear, else the article's."""
    if default == "en" and not _FR_HINT.search(sentence) and not _CYRILLIC.search(sentence):
        return "en"  # nothing French or Cyrillic in it: the counts below could not say otherwise
    if default == "ru" and not _LATIN.search(sentence):
        return "ru"  # no Latin letter: Russian, or nothing to tell, which leaves the article's Russian
    if default == "fr" and not _CYRILLIC.search(sentence) and not _EN_HINT.search(sentence.lower()):
        return "fr"  # no English stop word: the counts below could only keep the article's French
    cyr = _cyrillic(sentence)
    lat = _count(_LATIN, sentence)
    if cyr > lat:
        return "ru"
    if lat == 0:
        return default
    if default == "ru" and cyr == 0:
        lang, margin = _latin_language(sentence)
        return lang or "en"
    lang, margin = _latin_language(sentence)
    if lang is not None and lang != default and margin >= 2:
        return lang
    return default if default in LANGUAGES and default != "ru" else (lang or "en")
