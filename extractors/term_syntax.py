"""The term syntax users write, parsed in one place for relevance terms and catalogue terms.

Relevance terms (settings ``[relevance]``, a feed's ``terms``) and catalogue terms (``facts.toml``) are
the same little language, so a user learns it once (docs/claims.md, "Terms"):

- words are separated by spaces; an apostrophe also separates ("d'orbite" is "d" then "orbite");
- ``word*`` matches any word starting with ``word`` ("Роскосмос*" finds Роскосмоса);
- ``=word`` matches that word form only ("=Russians" is not the adjective "Russian");
- a word written in capitals, at most ``ACRONYM_MAX`` letters (ISS, NASA, МКС, ROS), matches only as
  written, so "iss" in "kiss" or "Ros" as a name do not count; with a star, as written too ("NASA*");
- a lone ``_`` stands for up to ``GAP_WORDS`` words in between ("bring _ down").

Each user of the syntax matches the parsed words its own way: relevance with one regex per term on the
raw text (a plain word is that word, ignoring case; the words of a term may also be joined by hyphens:
"space station" finds "space-station"), the claims extractor on Snowball stems (a plain word is every
word with the same stem).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ACRONYM_MAX = 6
GAP_WORDS = 3


@dataclass(frozen=True, slots=True)
class TermWord:
    """One word of a term. ``kind``: "word" (any inflection the matcher allows), "form" (this form only),
    "prefix" (any ending), "acronym" (as written; ``prefix`` when it has a star), "gap" (up to GAP_WORDS)."""

    kind: str
    text: str  # as written, without its "=" or "*"
    elided: bool = False  # joined to the previous word by an apostrophe ("d'orbite")
    prefix: bool = False


def is_acronym(word: str) -> bool:
    """A word written in capitals, short enough to be an abbreviation (ISS, NASA, МКС, MS-25)."""
    return word.isupper() and len(word) <= ACRONYM_MAX


def parse_term(term: str) -> tuple[TermWord, ...]:
    """The words of one term, without leading or trailing gaps; empty for a term with no word."""
    out: list[TermWord] = []
    for w in term.replace("’", "'").split():
        if w == "_":
            out.append(TermWord("gap", ""))
            continue
        first = True
        for part in w.split("'"):
            word = _word(part, elided=not first)
            if word is not None:
                out.append(word)
                first = False
    while out and out[0].kind == "gap":
        out.pop(0)
    while out and out[-1].kind == "gap":
        out.pop()
    return tuple(out)


def _word(part: str, *, elided: bool) -> TermWord | None:
    if part.startswith("=") and len(part) > 1:
        return TermWord("form", part[1:], elided)
    core = part.rstrip("*")
    if not core:
        return None
    star = core != part
    if is_acronym(core):
        return TermWord("acronym", core, elided, prefix=star)
    return TermWord("prefix" if star else "word", core, elided)


def term_regex(term: str) -> re.Pattern[str] | None:
    """The regex relevance uses for a term: words as written ignoring case, acronyms as written, a star any
    ending, words joined by spaces or hyphens (an elision by an apostrophe); None for a term with no word."""
    words = parse_term(term)
    if not words:
        return None
    body, gap = "", False
    for w in words:
        if w.kind == "gap":
            gap = True
            continue
        if body:
            body += rf"(?:[\s\-]+[\w'’\-]+){{0,{GAP_WORDS}}}" if gap else ""
            body += r"['’]" if w.elided else r"[\s\-]+"
        gap = False
        core = re.escape(w.text) + (r"\w*" if w.kind == "prefix" or w.prefix else "")
        body += f"(?-i:{core})" if w.kind == "acronym" else core
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)
