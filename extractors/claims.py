"""Dated claims about catalogue facts, read from article text (en / fr / ru), each with its reason.

Pipeline: sentences (``sentences``) -> only those holding a year -> language per sentence
(``language``) -> date mentions with qualifiers (``dates``) -> catalogue event terms (``terms``) ->
each date is bound to the event term that governs it -> filters (negation, condition, question, decoy,
reported-event date, implausible year) -> status, modality, speaker, confidence (``cues``,
``speakers``). See docs/claims.md for the rules and the measured quality.

Binding: a date belongs to the nearest event term before it in the same clause, unless another date
sits between them (then the event already has its date); a date with no such event takes the next
event after it, unless a later date in the clause claims that event ("At a meeting on 31 July 2025
they agreed to operate the ISS until 2028": 2028 takes "operate", the meeting date takes nothing).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass

from extractors import cues
from extractors.catalogue import Catalogue, Fact, load_catalogue
from extractors.dates import DateMention, find_dates
from extractors.language import LANGUAGES, detect_language, sentence_language
from extractors.sentences import Sentence, split_sentences
from extractors.speakers import find_speaker
from extractors.terms import CompiledCatalogue, TermMatch, compiled

EXTRACTOR_VERSION = "claims-1.0"

_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d\d(?!\d)")
_BACK_WINDOW = 150
_FORWARD_WINDOW = 110
_FROM_WORDS = ("from", "de", "d'", "d’", "с", "со")


@dataclass(frozen=True)
class Claim:
    fact: str
    value: str
    granularity: str
    qualifier: str
    value_end: str | None
    status: str
    modality: str | None
    speaker: str | None
    sentence: str
    start: int
    end: int
    confidence: float
    lang: str
    explanation: str

    def to_dict(self) -> dict:
        return asdict(self)


_DEFAULT: list[Catalogue] = []


def _default_catalogue() -> Catalogue:
    if not _DEFAULT:
        _DEFAULT.append(load_catalogue())
    return _DEFAULT[0]


def extract_claims(text: str, *, published: dt.date | None = None, lang: str | None = None,
                   catalogue: Catalogue | None = None) -> list[Claim]:
    """Claims about the catalogue's facts in ``text``; ``lang`` None (or unknown) means detect it.

    ``published`` lets a date already past at publication read as history ("in 2024", said in 2026)."""
    if not text:
        return []
    comp = compiled(catalogue if catalogue is not None else _default_catalogue())
    doc_lang = lang if lang in LANGUAGES else (detect_language(text) or "en")
    if isinstance(published, dt.datetime):
        published = published.date()
    out: list[Claim] = []
    sentences: list[Sentence] | None = None
    if not _HAS_YEAR.search(text):
        return out
    sentences = split_sentences(text)
    for i, s in enumerate(sentences):
        if not _HAS_YEAR.search(s.text):
            continue
        context = " ".join(x.text for x in sentences[max(0, i - 2):i])
        out.extend(_sentence_claims(s, context, doc_lang, comp, published))
    return out


@dataclass
class _Binding:
    date: DateMention
    event: TermMatch
    backward: bool


def _boundaries(text: str, lang: str) -> list[int]:
    return [m.start() for m in cues.pattern("clause", lang).finditer(text)]


def _same_clause(bounds: list[int], a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not any(lo <= p < hi for p in bounds)


def _bind(dates: list[DateMention], events: list[TermMatch], bounds: list[int]) -> list[_Binding]:
    """Pair each date with the event term governing it (rules in the module docstring)."""
    bindings: dict[int, _Binding] = {}
    used: set[int] = set()
    for di, d in enumerate(dates):
        if d.qualifier == "since":
            continue
        best = None
        for ei, e in enumerate(events):
            if e.end <= d.cue_start and d.start - e.end <= _BACK_WINDOW and _same_clause(bounds, e.end, d.cue_start):
                if any(e.end <= o.start < d.start for o in dates if o is not d):
                    continue
                if best is None or e.end > events[best].end:
                    best = ei
        if best is not None:
            bindings[di] = _Binding(d, events[best], True)
            used.add(best)
    for di, d in enumerate(dates):
        if di in bindings or d.qualifier == "since":
            continue
        for ei, e in enumerate(events):
            if ei in used or e.start < d.end or e.start - d.end > _FORWARD_WINDOW:
                continue
            if not _same_clause(bounds, d.end, e.start):
                break
            if any(d.end <= o.start < e.start + _BACK_WINDOW and _same_clause(bounds, e.end, o.start)
                   for o in dates if o is not d):
                break   # a later date in the clause is this event's date ("met in 2021 ... extended to 2030")
            bindings[di] = _Binding(d, e, False)
            break
    return [bindings[k] for k in sorted(bindings)]


def _first(rx: re.Pattern[str], text: str, lo: int, hi: int, skip: tuple[int, int] = (0, 0)) -> re.Match | None:
    for m in rx.finditer(text, max(0, lo), max(0, hi)):
        if not (skip[0] <= m.start() < skip[1]):
            return m
    return None


def _status(text: str, lang: str, b: _Binding, fact: Fact, value: str, published: dt.date | None,
            dates: list[DateMention], bounds: list[int]) -> tuple[str, str]:
    d = b.date
    if _first(cues.pattern("displaced", lang), text[max(0, d.cue_start - 30):d.cue_start], 0, 40):
        return "historical", "replaced ('instead of')"
    clause_lo = max([p for p in bounds if p < d.cue_start], default=0)
    lo = max(clause_lo, d.cue_start - 120)
    hist = None
    for m in cues.pattern("historical", lang).finditer(text, lo, d.cue_start):
        hist = m
    if hist is not None:
        between = text[hist.end():d.cue_start]
        other_date = any(hist.end() <= o.start < d.start for o in dates if o is not d)
        if not cues.pattern("reset", lang).search(between) and not other_date:
            return "historical", f"history cue '{hist.group(0)}'"
    if d.cue.lower() in _FROM_WORDS and cues.pattern("change", lang).search(text, clause_lo, d.cue_start):
        return "historical", f"changed from '{d.cue} {value}'"
    if value in fact.superseded:
        return "historical", f"value {value} is superseded in the catalogue"
    if published is not None and int(value[:4]) < published.year:
        return "historical", f"{value} was already past when published ({published.isoformat()})"
    return "current", "no history cue"


def _modality(text: str, lang: str, hi: int, bounds: list[int]) -> tuple[str | None, str]:
    """The modality cue nearest before the date in its clause, else the first after it, else any."""
    rx = cues.modality_pattern(lang)
    lo = max([p for p in bounds if p < hi], default=0)
    last = None
    for m in rx.finditer(text, lo, hi):
        last = m
    if last is None:
        last = rx.search(text, hi) or rx.search(text, 0, hi)
    if last is None:
        return None, ""
    return last.lastgroup, f"modality cue '{last.group(0)}'"


def _confidence(b: _Binding, subject_here: bool, d: DateMention, modality: str | None) -> float:
    c = 0.9
    if not b.backward:
        c -= 0.1
    if not subject_here:
        c -= 0.15
    gap = (d.cue_start - b.event.end) if b.backward else (b.event.start - d.end)
    if gap > 60:
        c -= 0.1
    if d.granularity == "day":
        c -= 0.05
    if d.qualifier in ("around", "range"):
        c -= 0.05
    if modality in ("hoped", "proposed"):
        c -= 0.1
    return round(max(0.3, min(0.99, c)), 2)


def _sentence_claims(s: Sentence, context: str, doc_lang: str, comp: CompiledCatalogue,
                     published: dt.date | None) -> list[Claim]:
    text = s.text
    lang = sentence_language(text, doc_lang)
    dates = find_dates(text, lang)
    if not dates:
        return []
    events = comp.events(lang, text)
    if not events:
        return []
    if text.rstrip().rstrip("»”\"'").endswith("?"):
        return []
    bounds = _boundaries(text, lang)
    facts = {f.key: f for f in comp.catalogue.facts}
    speaker, speaker_why = None, ""
    speaker_done = False
    out: list[Claim] = []
    seen: set[tuple[str, str, str]] = set()
    for b in _bind(dates, events, bounds):
        d, e = b.date, b.event
        fact = facts[e.fact]
        year = int(d.value[:4])
        if not fact.years[0] <= year <= fact.years[1]:
            continue
        subj = comp.subject(lang, fact.key, text)
        subject_here = subj is not None
        if subj is None and comp.subject(lang, fact.key, context) is None:
            continue
        span_lo, span_hi = (e.start, d.cue_start) if b.backward else (d.end, e.end)
        scope_lo = max([p for p in bounds if p < min(e.start, d.start)], default=0)
        neg = _first(cues.pattern("negation", lang), text, max(scope_lo, min(e.start, d.cue_start) - 40),
                     max(e.end, d.cue_start), skip=(d.cue_start, d.end))
        if neg:
            continue
        if _first(cues.pattern("conditional", lang), text, 0, d.start):
            continue
        decoy = next((t for t in comp.decoy_matches(lang, fact.key, text)
                      if span_lo <= t.start < span_hi or 0 <= e.start - t.end <= 40 and
                      _same_clause(bounds, t.end, e.start)), None)
        if decoy is not None:
            continue
        ev_lo, ev_hi = (e.end, d.cue_start) if b.backward else (max(0, d.cue_start - 40), d.cue_start)
        if d.granularity != "year" and d.qualifier == "in" and _first(cues.pattern("event_date", lang), text,
                                                                        ev_lo, ev_hi):
            continue
        if not speaker_done:
            speaker, speaker_why = find_speaker(text, lang, comp)
            speaker_done = True
        modality, modality_why = _modality(text, lang, d.start, bounds)
        parts: list[tuple[str, str, str | None, str]] = []   # (value, qualifier, value_end, forced status)
        if d.form == "from_to" and d.value_end and cues.pattern("change", lang).search(text, scope_lo, d.cue_start):
            parts = [(d.value, "in", None, "historical"), (d.value_end, "until", None, "")]
        else:
            parts = [(d.value, d.qualifier, d.value_end, "")]
        for value, qualifier, value_end, forced in parts:
            if forced:
                status, why = forced, f"changed from {value} (from ... to ...)"
            else:
                status, why = _status(text, lang, b, fact, value, published, dates, bounds)
            key = (fact.key, value, status)
            if key in seen:
                continue
            seen.add(key)
            how = "before" if b.backward else "after"
            explanation = "; ".join(x for x in (
                f"event '{e.text}' ({fact.key}) {how} date '{text[d.cue_start:d.end]}'",
                f"subject '{subj.text}'" if subj else "subject in preceding sentences",
                f"lang {lang}", f"{status}: {why}", modality_why, speaker_why) if x)
            out.append(Claim(
                fact=fact.key, value=value, granularity=d.granularity if value == d.value else "year",
                qualifier=qualifier, value_end=value_end, status=status, modality=modality, speaker=speaker,
                sentence=text, start=s.start, end=s.end,
                confidence=_confidence(b, subject_here, d, modality), lang=lang, explanation=explanation))
    return out
