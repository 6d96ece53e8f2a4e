"""Is an entry or an article about what isswatch follows? Terms in en, fr and ru, with the reason kept.

Terms are user configuration: a term matches a whole word or phrase, case-insensitively, except an
all-capital acronym (ISS, NASA, МКС), which must match as written so that "iss" in a word or "Ros" as a
name does not count. A trailing ``*`` on a word matches any ending: Russian and French inflect
("Роскосмос*" finds Роскосмоса, Роскосмосом).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    matched: tuple[str, ...]
    reason: str


def _term_pattern(term: str) -> str:
    words = term.split()
    parts = []
    for w in words:
        star = w.endswith("*")
        core = re.escape(w.rstrip("*"))
        parts.append(core + (r"\w*" if star else ""))
    body = r"[\s\-]+".join(parts)
    return rf"(?<!\w){body}(?!\w)"


@lru_cache(maxsize=64)
def _compile(terms: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    compiled = []
    for t in dict.fromkeys(t.strip() for t in terms):
        if not t:
            continue
        acronym = t.replace("*", "").isupper() and " " not in t and len(t) <= 6
        flags = 0 if acronym else re.IGNORECASE
        compiled.append((t, re.compile(_term_pattern(t), flags)))
    return tuple(compiled)


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
    for t, rx in _compile(tuple(terms)):
        word = t.split()[0].rstrip("*")
        folded = bool(rx.flags & re.IGNORECASE)
        if (word.lower() in lowered if folded else word in text) and rx.search(text):
            return True
    return False
