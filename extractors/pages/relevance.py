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


@lru_cache(maxsize=64)
def _gated(terms: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    """Each term's regex behind a gate: its first word alone, matched with the same case rule.

    A term's regex starts with a look-behind and ignores case, so the regex engine tries it at every
    position of the text (about 0.2 ms on a 5,000-character article, a term); the first word as a bare
    literal is found several times faster. Every match of the term contains that literal under the same
    case rule, so the gate never hides a match: the terms found are the same."""
    out = []
    for t, rx in _compile(terms):
        first = next(w for w in parse_term(t) if w.kind != "gap")
        flags = 0 if first.kind == "acronym" else re.IGNORECASE
        out.append((t, re.compile(re.escape(first.text), flags), rx))
    return tuple(out)


def _first_word(term: str) -> str:
    """The first word of a term as it must occur in a text (lower-cased), for a cheap substring test."""
    return next(w.text for w in parse_term(term) if w.kind != "gap").lower()


def match_terms(text: str, terms: Sequence[str]) -> tuple[str, ...]:
    """The terms found in ``text``, in the order given."""
    return tuple(t for t, gate, rx in _gated(tuple(terms)) if gate.search(text) and rx.search(text))


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
