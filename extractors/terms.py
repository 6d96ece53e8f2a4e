"""Catalogue terms compiled to regexes, once per catalogue object.

Compiling a few hundred alternations costs milliseconds, more than reading a whole article, so the
result is cached per catalogue (keyed by identity; ``load_catalogue`` returns the same object while
the file is unchanged). Term syntax is the catalogue's: ``deorbit*`` matches any ending, a term of at
most four capitals (ISS, МКС, ROS) is case-sensitive, the rest ignore case; apostrophes ' and ’ match
each other.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass

from extractors.catalogue import LANGUAGES, Catalogue, Fact


@dataclass(frozen=True, slots=True)
class TermMatch:
    fact: str        # catalogue key, "" for a catalogue-wide decoy
    kind: str        # "subject" | "event" | "decoy"
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FactPatterns:
    fact: Fact
    subject: re.Pattern[str] | None
    event: re.Pattern[str] | None
    decoy: re.Pattern[str] | None


@dataclass(frozen=True)
class CompiledCatalogue:
    catalogue: Catalogue
    by_lang: dict[str, tuple[FactPatterns, ...]]
    decoys: dict[str, re.Pattern[str] | None]
    speakers: re.Pattern[str] | None
    speaker_names: dict[str, str]          # alias -> canonical name

    def events(self, lang: str, text: str) -> list[TermMatch]:
        """Event terms of every fact, longest match kept where two overlap ("begin deorbiting")."""
        found = [TermMatch(fp.fact.key, "event", m.start(), m.end(), m.group(0))
                 for fp in self.by_lang.get(lang, ()) if fp.event is not None for m in fp.event.finditer(text)]
        found.sort(key=lambda t: (t.start, -(t.end - t.start)))
        kept: list[TermMatch] = []
        for t in found:
            if any(k.start <= t.start and t.end <= k.end and (k.end - k.start) > (t.end - t.start) for k in kept):
                continue
            kept = [k for k in kept
                    if not (t.start <= k.start and k.end <= t.end and (t.end - t.start) > (k.end - k.start))]
            kept.append(t)
        return kept

    def subject(self, lang: str, fact: str, text: str) -> TermMatch | None:
        for fp in self.by_lang.get(lang, ()):
            if fp.fact.key == fact and fp.subject is not None:
                m = fp.subject.search(text)
                return TermMatch(fact, "subject", m.start(), m.end(), m.group(0)) if m else None
        return None

    def decoy_matches(self, lang: str, fact: str, text: str) -> list[TermMatch]:
        out = []
        rx = self.decoys.get(lang)
        if rx is not None:
            out += [TermMatch("", "decoy", m.start(), m.end(), m.group(0)) for m in rx.finditer(text)]
        for fp in self.by_lang.get(lang, ()):
            if fp.fact.key == fact and fp.decoy is not None:
                out += [TermMatch(fact, "decoy", m.start(), m.end(), m.group(0)) for m in fp.decoy.finditer(text)]
        return out


_APOSTROPHE = re.compile(r"['’]")


def _term_regex(term: str) -> tuple[str, bool]:
    """(regex source, case-sensitive?) for one catalogue term."""
    words = term.split()
    parts = []
    for w in words:
        star = w.endswith("*")
        w = w.rstrip("*")
        rx = _APOSTROPHE.sub("['’]", re.escape(w))
        parts.append(rx + (r"[\w\-]*" if star else ""))
    core = r"[\s\u00a0]+".join(parts)
    bare = term.replace("*", "")
    sensitive = len(bare) <= 4 and bare.isupper()
    return rf"(?<![\w\-]){core}(?!\w)", sensitive


def compile_terms(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation, longest terms first; case-sensitive terms kept outside the (?i:) groups."""
    if not terms:
        return None
    alts = []
    for term in sorted(set(terms), key=len, reverse=True):
        rx, sensitive = _term_regex(term)
        alts.append(rx if sensitive else f"(?i:{rx})")
    return re.compile("|".join(alts))


def _compile(catalogue: Catalogue) -> CompiledCatalogue:
    by_lang: dict[str, tuple[FactPatterns, ...]] = {}
    for lang in LANGUAGES:
        pats = []
        for fact in catalogue.facts:
            t = fact.terms.get(lang)
            if t is None:
                continue
            pats.append(FactPatterns(fact, compile_terms(t.subject), compile_terms(t.event), compile_terms(t.decoy)))
        by_lang[lang] = tuple(pats)
    decoys = {lang: compile_terms(catalogue.decoys.get(lang, ())) for lang in LANGUAGES}
    names = {alias: s.name for s in catalogue.speakers for alias in (s.name, *s.aliases)}
    speakers = None
    if names:
        alts = [rf"(?<![\w\-]){re.escape(a)}(?!\w)" for a in sorted(names, key=len, reverse=True)]
        speakers = re.compile("|".join(alts))
    return CompiledCatalogue(catalogue, by_lang, decoys, speakers, names)


_CACHE: dict[int, tuple[weakref.ref, CompiledCatalogue]] = {}
_LOCK = threading.Lock()


def compiled(catalogue: Catalogue) -> CompiledCatalogue:
    """The compiled form of ``catalogue``, built once per catalogue object."""
    key = id(catalogue)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is catalogue:
        return hit[1]
    result = _compile(catalogue)
    with _LOCK:
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[key] = (weakref.ref(catalogue), result)
    return result
