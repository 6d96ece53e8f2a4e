"""Is an entry or an article about what isswatch follows? Terms in en, fr and ru, with the reason kept.

Terms are user configuration, in the syntax the facts catalogue uses too (``isswatch.extractors.term_syntax``):
a term matches a whole word or phrase, case-insensitively, except a word in capitals (ISS, NASA, МКС), which
must match as written so that "iss" in a word or "Ros" as a name does not count. A trailing ``*`` on a word
matches any ending: Russian and French inflect ("Роскосмос*" finds Роскосмоса, Роскосмосом). The words of a
term may be joined by spaces or hyphens in the text ("space station" finds "space-station").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from isswatch.extractors.term_syntax import parse_term, term_regex


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    matched: tuple[str, ...]
    reason: str


@lru_cache(maxsize=64)
def _compile(terms: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    compiled = []
    for t in dict.fromkeys(t.strip() for t in terms):
        rx = term_regex(t) if t else None
        if rx is not None:
            compiled.append((t, rx))
    return tuple(compiled)


def _first_word(term: str) -> str:
    """The first word of a term as it must occur in a text (lower-cased), for a cheap substring test."""
    return next(w.text for w in parse_term(term) if w.kind != "gap").lower()


def match_terms(text: str, terms: Sequence[str]) -> tuple[str, ...]:
    """The terms found in ``text``, in the order given."""
    return tuple(t for t, rx in _compile(tuple(terms)) if rx.search(text))


def judge(parts: Iterable[str | None], terms: Sequence[str], *, where: str) -> Relevance:
    """Relevance of some text (title, summary or article text), with a reason a user can read."""
    text = "\n".join(p for p in parts if p)
    if not terms:
        return Relevance(True, (), "no relevance terms configured")
    if not text.strip():
        return Relevance(False, (), f"empty {where}")
    matched = match_terms(text, terms)
    if matched:
        return Relevance(True, matched, f"{where} mentions {', '.join(matched[:5])}")
    return Relevance(False, (), f"no relevance term in {where}")


def mentions_any(text: str, terms: Sequence[str]) -> bool:
    """Whether any term occurs: the cheap test run on every page of a crawl before extraction. A term's
    pattern runs only where the first word of the term occurs as a plain substring (most pages of a
    news crawl contain none of the words at all), and the first match ends the search."""
    if not terms:
        return True
    lowered = text.lower()
    return any(_first_word(t) in lowered and rx.search(text) for t, rx in _compile(tuple(terms)))
