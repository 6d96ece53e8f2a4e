"""Catalogue terms compiled to regexes, once per catalogue object.

Compiling a few hundred alternations costs milliseconds, more than reading a whole article, so the
result is cached per catalogue (keyed by identity; ``load_catalogue`` returns the same object while
the file is unchanged). Term syntax is the catalogue's: ``deorbit*`` matches any ending, a term of at
most four capitals (ISS, МКС, ROS) is case-sensitive, the rest ignore case; apostrophes ' and ’ match
each other; a lone ``_`` stands for up to three words ("bring _ down" = "bring the station down").
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, field

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
    any_event: dict[str, re.Pattern[str] | None]   # every fact's event terms in one scan
    decoys: dict[str, re.Pattern[str] | None]
    speakers: re.Pattern[str] | None
    speaker_names: dict[str, str]          # alias -> canonical name
    facts: dict[str, Fact]                 # key -> fact
    # (lang, event span) -> keys of the facts whose event terms match it; bounded (cleared when full)
    span_facts: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def events(self, lang: str, text: str) -> list[TermMatch]:
        """Event terms of every fact. One scan finds the spans (the longest term wins where two overlap:
        "begin deorbiting" is the start of the descent, not the deorbit); each span then goes to every
        fact whose own terms match it exactly ("operate": ISS operations and Russia's segment)."""
        rx = self.any_event.get(lang)
        if rx is None:
            return []
        out = []
        for m in rx.finditer(text):
            span = m.group(0)
            out += [TermMatch(key, "event", m.start(), m.end(), span) for key in self._event_facts(lang, span)]
        return out

    def _event_facts(self, lang: str, span: str) -> tuple[str, ...]:
        """Keys of the facts whose own event terms match ``span`` exactly. Memoised: the same few spans
        ("operate", "deorbit") recur in every article, and each test is a regex per fact."""
        hit = self.span_facts.get((lang, span))
        if hit is None:
            hit = tuple(fp.fact.key for fp in self.by_lang[lang] if fp.event is not None and fp.event.fullmatch(span))
            if len(self.span_facts) >= _SPAN_CACHE:
                self.span_facts.clear()
            self.span_facts[(lang, span)] = hit
        return hit

    def subjects(self, lang: str, fact: str, text: str) -> list[TermMatch]:
        """Every subject term of ``fact`` in ``text``."""
        for fp in self.by_lang.get(lang, ()):
            if fp.fact.key == fact and fp.subject is not None:
                return [TermMatch(fact, "subject", m.start(), m.end(), m.group(0)) for m in fp.subject.finditer(text)]
        return []

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
_SPAN_CACHE = 4096


def _term_regex(term: str) -> tuple[str, bool, str]:
    """(regex source, case-sensitive?) for one catalogue term."""
    words = term.split()
    parts = []
    for w in words:
        if w == "_":   # up to three words in between: "bring _ down", "свест* _ с орбиты"
            parts.append(r"(?:[\w'’\-]+[\s\u00a0]+){0,3}")
            continue
        star = w.endswith("*")
        w = w.rstrip("*")
        rx = _APOSTROPHE.sub("['’]", re.escape(w))
        parts.append(rx + (r"[\w\-]*" if star else ""))
    core = ""
    for i, part in enumerate(parts):
        core += part
        if i + 1 < len(parts) and not part.endswith("{0,3}"):
            core += r"[\s\u00a0]+"
    bare = term.replace("*", "").replace("_", "").strip()
    sensitive = len(bare) <= 4 and bare.isupper()
    first = bare[:1]
    firsts = first if sensitive else first.lower() + first.upper()
    return rf"{core}(?!\w)", sensitive, firsts.replace("'", "'’").replace("’", "'’")


def compile_terms(terms: tuple[str, ...], *, sensitive_all: bool = False) -> re.Pattern[str] | None:
    """One alternation, longest terms first; case-sensitive terms kept outside the (?i:) groups.

    The word-start lookbehind and a first-character lookahead come before the alternation, so that
    the engine tries the few hundred alternatives only where a term can start (a tenth of positions)."""
    if not terms:
        return None
    alts, firsts = [], set()
    for term in sorted(set(terms), key=len, reverse=True):
        rx, sensitive, first = _term_regex(term)
        sensitive = sensitive or sensitive_all
        alts.append(rx if sensitive else f"(?i:{rx})")
        firsts.update(first if not sensitive_all else term[:1])
    chars = "".join(sorted(re.escape(c) for c in firsts if c))
    return re.compile(rf"(?<![\w\-])(?=[{chars}])(?:{'|'.join(alts)})")


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
    any_event = {lang: compile_terms(tuple(t for f in catalogue.facts if lang in f.terms for t in f.terms[lang].event))
                 for lang in LANGUAGES}
    names = {alias: s.name for s in catalogue.speakers for alias in (s.name, *s.aliases)}
    speakers = None
    if names:
        firsts = "".join(sorted({re.escape(a[0]) for a in names}))
        alts = [re.escape(a) + r"(?!\w)" for a in sorted(names, key=len, reverse=True)]
        speakers = re.compile(rf"(?<![\w\-])(?=[{firsts}])(?:{'|'.join(alts)})")
    facts = {f.key: f for f in catalogue.facts}
    return CompiledCatalogue(catalogue, by_lang, any_event, decoys, speakers, names, facts)


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
