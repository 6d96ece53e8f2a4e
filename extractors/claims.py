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
from extractors.binding import Binding, bind, clause_bounds, same_clause
from extractors.catalogue import Catalogue, Fact, load_catalogue
from extractors.dates import DateMention, find_dates
from extractors.language import LANGUAGES, detect_language, sentence_language
from extractors.sentences import Sentence, split_span
from extractors.speakers import find_speaker
from extractors.terms import CompiledCatalogue, compiled

EXTRACTOR_VERSION = "claims-1.1"

# "(?<!\d)19\d\d" with the look-behind after the literal pair, so the engine can skip to candidate
# positions (a character-set prefix scan) instead of testing the look-behind at every character.
_HAS_YEAR = re.compile(r"(?:19|20|21)(?<!\d..)\d\d(?!\d)")
_FAR = 10_000   # distance given to a subject found only in the preceding sentences
_MAX_DATES = 12
_CONTEXT = 300   # characters before a sentence where its subject may be ("The ISS ... It will be deorbited")
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
    m = _HAS_YEAR.search(text)
    if m is None:
        return []
    comp = compiled(catalogue if catalogue is not None else _default_catalogue())
    doc_lang = lang if lang in LANGUAGES else (detect_language(text) or "en")
    if isinstance(published, dt.datetime):
        published = published.date()
    out: list[Claim] = []
    while m is not None:   # only the lines (paragraphs) holding a year are split and read
        line_end = text.find("\n", m.start())
        line_end = len(text) if line_end < 0 else line_end
        for s in split_span(text, m.start(), m.start()):
            if _HAS_YEAR.search(s.text):
                context = text[max(0, s.start - _CONTEXT):s.start]
                out.extend(_sentence_claims(s, context, doc_lang, comp, published))
        m = _HAS_YEAR.search(text, line_end + 1)
    return out


def _first(rx: re.Pattern[str], text: str, lo: int, hi: int, skip: tuple[int, int] = (0, 0)) -> re.Match | None:
    for m in rx.finditer(text, max(0, lo), max(0, hi)):
        if not (skip[0] <= m.start() < skip[1]):
            return m
    return None


def _status(text: str, lang: str, b: Binding, fact: Fact, value: str, published: dt.date | None,
            dates: list[DateMention], bounds: list[int]) -> tuple[str, str]:
    d = b.date
    if cues.pattern("displaced", lang).search(text[max(0, d.start - 30):d.start]):
        return "historical", "replaced ('instead of')"
    clause_lo = max([p for p in bounds if p < d.cue_start], default=0)
    lo = max(clause_lo, d.cue_start - 120)
    hist = None
    confirming = cues.pattern("confirming", lang)
    for m in cues.pattern("historical", lang).finditer(text, lo, d.cue_start):
        if confirming.search(text, max(0, m.start() - 25), m.start()):   # "as previously announced"
            continue
        if cues.pattern("weak_history", lang).fullmatch(m.group(0)) and not (
                cues.pattern("contrast", lang).search(text) or cues.pattern("change", lang).search(text)):
            continue   # "announced that they had agreed to operate it until 2028": narrative tense only
        hist = m
    if hist is not None:
        between = text[hist.end():d.cue_start]
        other_date = any(hist.end() <= o.start < d.start for o in dates if o is not d)
        resets = list(cues.pattern("reset", lang).finditer(between))
        if resets and cues.pattern("complement", lang).match(between):
            # "it was planned that the station will work until 2028": the future is the old plan's
            future = cues.pattern("future", lang)
            resets = [r for r in resets if not future.fullmatch(r.group(0))]
        if not resets and not other_date:
            return "historical", f"history cue '{hist.group(0)}'"
    if d.cue.lower() in _FROM_WORDS and cues.pattern("change", lang).search(text, clause_lo, d.cue_start):
        return "historical", f"changed from '{d.cue} {value}'"
    if value in fact.superseded:
        return "historical", f"value {value} is superseded in the catalogue"
    if published is not None and int(value[:4]) < published.year:
        return "historical", f"{value} was already past when published ({published.isoformat()})"
    return "current", "no history cue"


def _modality(matches: list[re.Match], hi: int, bounds: list[int]) -> tuple[str | None, str]:
    """The modality cue nearest before the date in its clause, else the first after it, else any.
    ``matches``: the sentence's modality cues, found once per sentence."""
    lo = max([p for p in bounds if p < hi], default=0)
    before = [m for m in matches if lo <= m.start() and m.end() <= hi]
    after = [m for m in matches if m.start() >= hi]
    pick = before[-1] if before else after[0] if after else matches[-1] if matches else None
    if pick is None:
        return None, ""
    return pick.lastgroup, f"modality cue '{pick.group(0)}'"


def _confidence(b: Binding, subject_here: bool, d: DateMention, modality: str | None) -> float:
    """0.9 for the plain case, less for each sign of a weaker reading (documented in docs/claims.md)."""
    c = 0.9
    if b.how != "backward":
        c -= 0.1
    if not subject_here:
        c -= 0.15
    if b.hi - b.lo > 60:
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
    if text.rstrip().rstrip("»”\"'").endswith("?"):
        return []   # a question asserts nothing: "Will the ISS really fly until 2030?"
    lang = sentence_language(text, doc_lang)
    copula = cues.pattern("copula", lang)
    events = [e for e in comp.events(lang, text) if not copula.match(text, e.start)]   # "remains planned for"
    if not events:
        return []
    dates = find_dates(text, lang, limit=_MAX_DATES)
    if not dates:
        return []
    if cues.pattern("conditional", lang).search(text):
        return []   # conditionals assert nothing: "if the station comes down by 2027", "..., если"
    bounds = clause_bounds(text, lang)
    facts = comp.facts
    subjects: dict[str, list] = {}
    in_context: dict[str, bool] = {}

    def subject_distance(fact: str, lo: int, hi: int) -> int | None:
        if fact not in subjects:
            subjects[fact] = comp.subjects(lang, fact, text)
        if subjects[fact]:
            return min(lo - m.end if m.end <= lo else max(0, m.start - hi) for m in subjects[fact])
        if fact not in in_context:
            in_context[fact] = (bool(context) and bool(comp.subjects(lang, fact, context))
                                and not _names_other_event(fact))
        return _FAR if in_context[fact] else None

    def _names_other_event(fact: str) -> bool:
        """The sentence names another fact's event (on words that are not also this fact's event) whose subject
        is in the sentence: then a subject from the preceding text does not carry over ("...the Russian segment
        would remain. The agencies will prepare the deorbit of the station, which remains planned for 2030")."""
        own = {(e.start, e.end) for e in events if e.fact == fact}
        for e in events:
            if e.fact == fact or (e.start, e.end) in own:
                continue
            if e.fact not in subjects:
                subjects[e.fact] = comp.subjects(lang, e.fact, text)
            if subjects[e.fact]:
                return True
        return False

    speaker, speaker_why, speaker_done = None, "", False
    decoys: dict[str, list] = {}
    modal_cues: list[re.Match] | None = None
    out: list[Claim] = []
    seen: set[tuple[str, str, str]] = set()
    for b in bind(text, lang, dates, events, bounds, subject_distance):
        d, e = b.date, b.event
        fact = facts[e.fact]
        if not fact.years[0] <= int(d.value[:4]) <= fact.years[1]:
            continue
        qualifier = d.qualifier
        neg = _first(cues.pattern("negation", lang), text, max(_clause_start(bounds, b.lo), b.lo - 40), b.hi)
        if neg:
            if d.qualifier == "by" and d.cue.lower().startswith(("before", "avant")):
                qualifier = "no_earlier_than"   # "won't be deorbited before 2030"
            else:
                continue
        if fact.key not in decoys:
            decoys[fact.key] = comp.decoy_matches(lang, fact.key, text)
        if any(b.lo <= t.start < b.hi or (0 <= e.start - t.end <= 25 and same_clause(bounds, t.end, e.start))
               for t in decoys[fact.key]):
            continue
        ev_lo = b.lo if b.how == "backward" else max(0, d.cue_start - 40)
        if d.granularity != "year" and d.qualifier == "in" and _first(cues.pattern("event_date", lang), text,
                                                                        ev_lo, d.cue_start):
            continue   # "met on July 31, 2025": the date of a reported event
        cue_at = d.cue_start if d.cue_start < d.start else d.start
        if d.qualifier == "in" and d.cue.lower() not in ("for", "to", "pour", "à", "на") and cues.pattern(
                "agreed_at", lang).search(text[max(0, cue_at - 40):cue_at]):
            continue   # "than was agreed in summer 2025": when the agreement was made
        if not speaker_done:
            speaker, speaker_why = find_speaker(text, lang, comp)
            speaker_done = True
        if modal_cues is None:
            modal_cues = list(cues.modality_pattern(lang).finditer(text))
        modality, modality_why = _modality(modal_cues, d.start, bounds)
        subj = subjects.get(fact.key) or []
        scope_lo = _clause_start(bounds, min(e.start, d.start))
        if d.form == "from_to" and d.value_end and cues.pattern("change", lang).search(text, scope_lo, d.cue_start):
            parts = [(d.value, "in", None, "historical"), (d.value_end, "until", None, "")]
        else:
            parts = [(d.value, qualifier, d.value_end, "")]
        for value, qual, value_end, forced in parts:
            if forced:
                status, why = forced, f"changed from {value} (from ... to ...)"
            else:
                status, why = _status(text, lang, b, fact, value, published, dates, bounds)
            if (fact.key, value, status) in seen:
                continue
            seen.add((fact.key, value, status))
            explanation = "; ".join(x for x in (
                f"event '{e.text}' ({fact.key}) bound {b.how} to date '{text[d.cue_start:d.end]}'",
                f"subject '{subj[0].text}'" if subj else "subject in preceding sentences",
                f"lang {lang}", f"{status}: {why}", modality_why, speaker_why) if x)
            out.append(Claim(
                fact=fact.key, value=value, granularity=d.granularity if value == d.value else "year",
                qualifier=qual, value_end=value_end, status=status, modality=modality, speaker=speaker,
                sentence=text, start=s.start, end=s.end,
                confidence=_confidence(b, bool(subj), d, modality), lang=lang, explanation=explanation))
    return out


def _clause_start(bounds: list[int], pos: int) -> int:
    return max([p for p in bounds if p < pos], default=0)
