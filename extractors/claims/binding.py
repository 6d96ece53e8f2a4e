"""Which event term governs which date in one sentence.

Rules, in order (each is explained in the claim's ``explanation``):

1. backward: a date takes the nearest event term before it in the same clause whose fact has a subject
   (in the sentence or the two before), unless another date stands between them; a date inside a
   parenthesis between commas does not count ("The deorbit, now set for 2030, was once planned for
   2028": 2028 still belongs to "deorbit");
2. forward: a date with no such event takes the next event term after it, unless a later date of the
   clause claims that event ("At a meeting on 31 July 2025 they agreed to operate the ISS until
   2028": 2028 takes "operate", the meeting date nothing);
3. one event, two dates: "extended in 2021 until 2030": the plain "in" date is when it happened, the
   directional one ("until", "by", "after") is the claim; the first is dropped;
4. carry-over: a date still unbound but introduced by a change, replacement or history cue ("slipped
   to 2028", "instead of 2028", "перенесли на 2028") takes the event of the nearest bound date;
5. from the sentence before: in a sentence naming no other fact's event, such a date (and the dates listed
   after it: "then for 2023 and 2024") continues the fact claimed just before ("The ISS was to retire in
   2015. A later agreement pushed that out to 2020.").

When one span is an event of two facts ("operate": ISS operations or Russia's segment), the fact
whose subject is nearest wins.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from isswatch.extractors.claims import cues
from isswatch.extractors.claims.date_mentions import DateMention
from isswatch.extractors.claims.first_chars import gated
from isswatch.extractors.claims.terms import TermMatch

BACK_WINDOW = 150
FORWARD_WINDOW = 110
CARRY_WINDOW = 50  # a change cue must be this close before a date to carry an event to it
_CUE_GAP = 15  # ... and this close, from the sentence before ("then in 2024", "pushed that out to 2020")
_IN_SENTENCE = 5_000  # subject distances from here up mean "only in the preceding text"
_DIRECTIONAL = ("until", "by", "after", "no_earlier_than", "range")
_COMMA = re.compile(r",|\s[—–]\s|\(|\)")
# An event after "until the", "before the", "jusqu'au", "до" is a point in time, not what a date before it is about
# ("could continue until 2028, at least until the launch of the future Russian station").
_TIME_REFERENCE = gated(
    r"(?<!\w)(?:until|till|before|after|jusqu['’]à|jusqu['’]au|avant|après|до|после)\s+(?:the\s+|la\s+|le\s+|l['’]"
    r"|les\s+)?$",
    re.IGNORECASE,
)
# "then for 2023": a target date after "then" is a revision even for the first of a series ("first flight
# foreseen for 2022, then for 2023 and 2024"), where "then in 2023" lists a later step.
FROM_CUES = ("from", "de", "d'", "d’", "с", "со")  # the old value of a change ("moved from 2024")
TARGET_CUES = ("for", "to", "pour", "à", "на")  # a target date ("set for 2030"), not when it happened
_THEN = {  # and "became": a timeline's next value ("That became 2023.", "Puis ce fut 2023", "потом стал 2024-й")
    "en": r"\b(?:later|then|again|now|became)\b",
    "fr": r"(?<!\w)(?:puis|ensuite|encore|désormais|maintenant|devint|est\s+devenue?|ce\s+fut)(?!\w)",
    "ru": r"(?<!\w)(?:затем|потом|позже|снова|теперь|стал[аио]?)(?!\w)",
}
_THEN_RX = {lang: gated(rx, re.IGNORECASE) for lang, rx in _THEN.items()}


@dataclass(frozen=True)
class Binding:
    date: DateMention
    event: TermMatch
    how: str  # "backward" | "forward" | "carried"
    lo: int  # start of the text between event and date (the scope of negation and decoys)
    hi: int
    note: str = ""  # why the event's fact was changed after binding (route by actor), for explanations


_DASH_PAIR = re.compile(r"\s[—–]\s([^—–\d.;:!?]{1,60}?)\s[—–]\s")
_LABEL_COLON = re.compile(
    r"(?:^|(?<=[\n•·|]))\s*(?:[^\W\d][\w'’-]*\s+){0,5}[^\W\d][\w'’-]*(?=\s?:\s+[^\n.;:]{0,25}?(?:19|20)\d\d)"
)
_DASH_DATE = re.compile(
    r"(?:\s[—–]\s+|:\s+(?=(?:first|initially|d['’]abord|initialement|сначала|вначале)\s))"
    r"(?:(?:first|initially|d['’]abord|initialement|сначала|вначале)\s+)?"
    r"(?:(?:до|к|в|на|не\s+ранее|не\s+позднее|until|by|in|to|en|jusqu['’]en|d['’]ici)\s+)?(?:19|20)\d\d(?!\d)"
    r"(?!\s*(?:,|и|and|et|or|ou|или)\s*(?:(?:в|in|en)\s+)?(?:19|20)\d\d)",  # not a list: "— в 2022, 2023 и 2024 годах"
    re.IGNORECASE,
)


def clause_bounds(text: str, lang: str) -> list[int]:
    """Where clauses break; the two dashes around a short aside without a date are no break ("Запуск первого
    модуля РОС — научно-энергетического — намечен на 2027 год"), nor a dash standing for the verb before a date
    ("эксплуатировать до 2028 года, а сводить с орбиты — до 2030-го"), nor a dash or colon opening the dates of what
    was just told ("its life has been extended several times — first to 2020, then to 2024")."""
    dash = "—" in text or "–" in text
    asides = {p for m in _DASH_PAIR.finditer(text) for p in (m.start(), m.end(1))} if dash else set()
    if dash or ":" in text:  # "extended several times — first to 2020, then to 2024"
        asides.update(m.start() for m in _DASH_DATE.finditer(text))
    if ":" in text:  # a short label and its value: "First module launch: planned for 2027", "Previous end date: 2024"
        asides.update(m.end() for m in _LABEL_COLON.finditer(text))
    return [m.start() for m in cues.pattern("clause", lang).finditer(text) if m.start() not in asides]


def same_clause(bounds: list[int], a: int, b: int) -> bool:
    """No clause boundary in [min(a, b), max(a, b)); ``bounds`` are ascending (one bisection, not a scan)."""
    lo, hi = (a, b) if a <= b else (b, a)
    i = bisect_left(bounds, lo)
    return i == len(bounds) or bounds[i] >= hi


def _parenthetical(text: str, commas: list[int], o: DateMention, lo: int, hi: int) -> bool:
    """True when date ``o`` sits between two commas that both lie inside (lo, hi)."""
    before = [c for c in commas if lo <= c < o.cue_start]
    after = [c for c in commas if o.end <= c < hi]
    return bool(before and after and after[0] - before[-1] <= 110)


def _transparent(text: str, o: DateMention, d: DateMention) -> bool:
    """ "extended in 2021 until 2030": the plain "in" date right before a directional one does not block it."""
    return o.qualifier == "in" and d.qualifier in _DIRECTIONAL and not text[o.end : d.cue_start].strip(" ,")


def _may_take(sc: _Scene, light: TermMatch, c: TermMatch) -> bool:
    """A specific event may take a light verb's date when it is not light itself and its fact's subject is in the
    sentence, or in the text before when the two facts are unrelated (``may_defer``)."""
    if sc.light.fullmatch(c.text) or c.fact == light.fact:
        return False
    dist = sc.subject_distance(c.fact, c.start, c.end)
    return dist is not None and (dist < _IN_SENTENCE or sc.may_defer(light.fact, c.fact))


def _specific_before(e: TermMatch, cands: list[TermMatch], sc: _Scene) -> TermMatch | None:
    """ "the work on its deorbit will continue until 2030": a light verb (continue, keep, work) takes the date for the
    specific event of another fact named just before it in the clause."""
    own = {(c.start, c.end) for c in cands if c.fact == e.fact}
    for c in sorted(cands, key=lambda t: -t.end):
        if c.end <= e.start and e.start - c.end <= 60 and (c.start, c.end) not in own and _may_take(sc, e, c):
            return c
    return None


def _specific_after(e: TermMatch, cands: list[TermMatch], sc: _Scene) -> TermMatch | None:
    """ "until 2030 they will carry out work on its safe deorbit": the light word before a specific event."""
    own = {(c.start, c.end) for c in cands if c.fact == e.fact}
    for c in sorted(cands, key=lambda t: t.start):
        if c.start >= e.end and c.start - e.end <= 40 and (c.start, c.end) not in own and _may_take(sc, e, c):
            return c
    return None


@dataclass
class _Scene:
    """What every binding rule reads: the sentence, its dates and events, and how to weigh a candidate."""

    text: str
    lang: str
    dates: list[DateMention]
    events: list[TermMatch]
    bounds: list[int]
    subject_distance: Callable[[str, int, int], int | None]
    may_defer: Callable[[str, str], bool]
    series: Callable[[str], bool] = lambda fact: False

    def __post_init__(self) -> None:
        self.commas = [m.start() for m in _COMMA.finditer(self.text)]
        self.light = cues.pattern("light", self.lang)

    def pick(self, cands: list[TermMatch]) -> TermMatch | None:
        """Among candidates on one span, the fact whose subject is nearest (None when no fact has one)."""
        best, best_dist = None, None
        for e in cands:
            dist = self.subject_distance(e.fact, e.start, e.end)
            if dist is not None and (best_dist is None or dist < best_dist):
                best, best_dist = e, dist
        return best

    def nearest(self, cands: list[TermMatch], key: Callable[[TermMatch], int]) -> TermMatch | None:
        """The eligible candidate closest to the date; among same-span candidates the best subject."""
        for pos in sorted({key(e) for e in cands}, reverse=True):
            chosen = self.pick([e for e in cands if key(e) == pos])
            if chosen is not None:
                return chosen
        return None


def bind(
    text: str,
    lang: str,
    dates: list[DateMention],
    events: list[TermMatch],
    bounds: list[int],
    subject_distance: Callable[[str, int, int], int | None],
    may_defer: Callable[[str, str], bool] = lambda light_fact, other_fact: True,
    series: Callable[[str], bool] = lambda fact: False,
) -> list[Binding]:
    """Bind dates to events (rules in the module docstring). ``subject_distance(fact, start, end)`` is the
    distance from an event span to the fact's nearest subject term, a large number when the subject is only in
    the context, None when the fact has no subject at all; ``may_defer(light_fact, other_fact)`` says whether a
    light verb of one fact may give its date to another fact's event; ``series(fact)`` whether the fact's event is
    the first of a series, which "then" continues with later steps rather than new values."""
    sc = _Scene(text, lang, dates, events, bounds, subject_distance, may_defer, series)
    out: dict[int, Binding] = {}
    used: set[tuple[int, int]] = set()
    _bind_backward(sc, out, used)
    _bind_forward(sc, out, used)
    dropped = _drop_dates_of_changes(sc, out)
    _carry_over(sc, out, dropped)
    return [out[k] for k in sorted(out)]


def _bind_backward(sc: _Scene, out: dict[int, Binding], used: set[tuple[int, int]]) -> None:
    """Rule 1: the nearest event before the date in its clause, no other date between."""
    for di, d in enumerate(sc.dates):
        if d.qualifier == "since":
            continue
        cands = [
            e
            for e in sc.events
            if e.end <= d.cue_start
            and d.start - e.end <= BACK_WINDOW
            and same_clause(sc.bounds, e.end, d.cue_start)
            and not _date_between(sc, e, d)
        ]
        e = sc.nearest(cands, lambda t: t.end)
        if e is not None and sc.light.fullmatch(e.text):
            e = _specific_before(e, cands, sc) or e
        if e is not None:
            out[di] = Binding(d, e, "backward", e.end, d.cue_start)
            used.add((e.start, e.end))


def _date_between(sc: _Scene, e: TermMatch, d: DateMention) -> bool:
    """Another date between event and date (not one in a parenthesis, nor "in 2021" right before "until 2030")."""
    return any(
        e.end <= o.start < d.start
        and not _parenthetical(sc.text, sc.commas, o, e.end, d.cue_start)
        and not _transparent(sc.text, o, d)
        for o in sc.dates
        if o is not d
    )


def _bind_forward(sc: _Scene, out: dict[int, Binding], used: set[tuple[int, int]]) -> None:
    """Rule 2: a date left over takes the next unused event of its clause, unless a later date claims it."""
    coordination = cues.pattern("coordination", sc.lang)
    for di, d in enumerate(sc.dates):
        if di in out or d.qualifier == "since":
            continue
        cands = [
            e
            for e in sc.events
            if (e.start, e.end) not in used
            and d.end <= e.start <= d.end + FORWARD_WINDOW
            and same_clause(sc.bounds, d.end, e.start)
            and not coordination.search(sc.text, d.end, e.start)
            and not _TIME_REFERENCE.search(sc.text[max(0, e.start - 24) : e.start])
        ]
        e = sc.nearest(cands, lambda t: -t.start)
        if e is not None and sc.light.fullmatch(e.text):
            e = _specific_after(e, cands, sc) or e
        if e is None:
            continue
        if any(
            d.end <= o.start < e.start + BACK_WINDOW
            and same_clause(sc.bounds, e.end, o.start)
            and not any(e.end <= x.start and x.end <= o.cue_start for x in sc.events)
            for o in sc.dates
            if o is not d
        ):
            # a later date of the clause is this event's date ("met in 2021 ... extended to 2030"), unless another
            # event stands between them and takes it ("In 2028 we will start lowering it, and the sinking is
            # planned for 2030")
            continue
        out[di] = Binding(d, e, "forward", max(0, d.start - 40), e.end)


def _drop_dates_of_changes(sc: _Scene, out: dict[int, Binding]) -> set[int]:
    """Rule 3: "extended in 2021 until 2030", "в 2021 году продлили до 2030 года": the plain "in" date next to a
    change verb governing a directional date is when the change happened, not a claim."""
    change = cues.pattern("change", sc.lang)
    dates, dropped = sc.dates, set()
    for i, bi in list(out.items()):
        if dates[i].qualifier != "in" or dates[i].form or dates[i].cue.lower() in FROM_CUES:
            continue  # "moved from August 2025 to May 2026": the old value, read as history
        for j, bj in out.items():
            if j <= i or dates[j].qualifier not in _DIRECTIONAL or bj.event.fact != bi.event.fact:
                continue
            if not same_clause(sc.bounds, dates[i].end, dates[j].start):
                continue
            adjacent = not sc.text[dates[i].end : dates[j].cue_start].strip(" ,")
            changed = bool(change.fullmatch(bj.event.text)) and (
                bj.event == bi.event or dates[i].end <= bj.event.start < dates[j].start
            )
            if adjacent or changed:
                dropped.add(i)
                break
    for i in dropped:
        del out[i]
    return dropped


_CARRY_KINDS = ("change", "historical", "plan_words", "plan_nouns")  # cues that carry the claim of the sentence before


def _carry_cue(sc: _Scene, d: DateMention) -> re.Match[str] | None:
    """A change cue, a history cue or a plan word (or "then", "again") close before the date, after the date
    before it."""
    lo = max([o.end for o in sc.dates if o.end <= d.start] + [d.cue_start - _CUE_GAP], default=0)
    for kind in _CARRY_KINDS:
        m = cues.pattern(kind, sc.lang).search(sc.text, max(0, lo), d.start)
        if m is not None:
            return m
    if sc.series("") and d.cue.lower() not in TARGET_CUES:
        return None
    return _THEN_RX.get(sc.lang, _THEN_RX["en"]).search(sc.text, max(0, lo), d.start)


_LISTED = re.compile(r"\s*(?:,|and|or|et|ou|и|или)\s*(?:(?:then|puis|затем|потом)\s+)?(?:in\s+|en\s+|в\s+)?$", re.I)


def may_carry(text: str, lang: str) -> bool:
    """Whether a sentence without an event has a cue that could carry the claim of the sentence before (a quick test
    before its dates are read)."""
    return any(cues.pattern(k, lang).search(text) for k in _CARRY_KINDS) or bool(
        _THEN_RX.get(lang, _THEN_RX["en"]).search(text)
    )


CARRIED = "carried from the sentence before"  # how a date continuing the claim of the sentence before is bound


def carry_from_before(
    text: str, lang: str, dates: list[DateMention], fact: str, bounds: list[int], taken: set[int], series: bool
) -> list[Binding]:
    """Rule 5: dates of a sentence with no event that continue the fact claimed in the sentence before; the
    cue that introduces a date stands in for the event ("pushed that out to 2020", "then in 2024"); only a change
    cue continues the first of a series."""
    sc = _Scene(text, lang, dates, [], bounds, lambda *_: None, lambda *_: True, lambda _: series)
    out: list[Binding] = []
    prev: Binding | None = None
    for i, d in enumerate(dates):
        if i in taken or d.qualifier == "since" or d.granularity == "day":
            prev = None
            continue
        cue = _carry_cue(sc, d)
        if cue is not None:
            event = TermMatch(fact, "event", cue.start(), cue.end(), cue.group(0))
            prev = Binding(d, event, CARRIED, cue.end(), d.cue_start)
            out.append(prev)
        elif prev is not None and _LISTED.fullmatch(text, prev.date.end, d.cue_start):
            prev = Binding(d, prev.event, prev.how, prev.date.end, d.cue_start)
            out.append(prev)
        else:
            prev = None
    return out


#: After a bound date, a clause that restates it for another event: ", when the partners intend to stop operating the
#: station", ", the same year operations of the station are due to end", ", l'année où", ", когда".
_RESTATED = {
    "en": re.compile(
        r",\s*(?:when|the\s+(?:same\s+)?(?:year|date)|which\s+is\s+(?:also\s+)?(?:when|the\s+year))\s", re.IGNORECASE
    ),
    "fr": re.compile(
        r",\s*(?:quand|lorsque|l['’]année\s+où|date\s+à\s+laquelle|année\s+où|soit\s+l['’]année)\s", re.IGNORECASE
    ),
    "ru": re.compile(r",\s*(?:когда|в\s+котором|(?:то\s+есть\s+)?в\s+том\s+же\s+году)\s", re.IGNORECASE),
}
_RESTATED_REACH = 80  # characters from the restating words to the other event


def restated(text: str, lang: str, events: list[TermMatch], bound: list[Binding]) -> list[Binding]:
    """A bound date that a following clause restates for another fact's event ("Russia plans to stay on the ISS
    through 2028, when the partners intend to stop operating the station": 2028 is also the station's end) is bound
    to that event too."""
    rx = _RESTATED.get(lang, _RESTATED["en"])
    out = []
    for b in bound:
        m = rx.match(text, b.date.end)
        if m is None:
            continue
        later = [e for e in events if m.end() <= e.start <= m.end() + _RESTATED_REACH]
        if not later or any(m.end() <= x.date.start < later[0].start for x in bound):
            continue
        first = min(e.start for e in later)  # the restating clause's own event, of another fact
        for e in later:
            if (
                e.start == first
                and e.fact != b.event.fact
                and not any(o.fact == b.event.fact and o.start == first for o in later)
            ):
                out.append(Binding(b.date, e, "forward", b.date.end, e.start))
    return out


_NAMED_PLAN = {
    lang: re.compile(rf"(?:\s+(?:year|année|года?))?\s*(?:{cues.pattern('plan_nouns', lang).pattern})", re.IGNORECASE)
    for lang in ("en", "fr", "ru")
}


_COORDINATED = re.compile(r"(?:\s*(?:год\w*|г\.))?\s*,?\s+(?:and|while|whereas|et|tandis\s+que|а|и)\s", re.IGNORECASE)


# The whole gap between a change's old and new value. Not date_mentions' ``_TO_NEXT``, which takes a prefix only: there
# the new value may keep its own qualifier ("с августа 2025 года на не ранее мая 2026 года" stays "from"); here that
# looser test would carry the event to such a date too (tried: other outputs on 3 corpus articles).
_TO_THE_NEW = re.compile(r"\s*,?\s*(?:на|до|to|à|au|en|jusqu['’]en)\s*", re.IGNORECASE)


def _new_of_change(sc: _Scene, d: DateMention) -> bool:
    """The date right after a change's old value is its new one ("перенесли с декабря 2027 года на 2028 год")."""
    before = [o for o in sc.dates if o.end <= d.start]
    return (
        bool(before)
        and before[-1].cue.lower() in FROM_CUES
        and bool(_TO_THE_NEW.fullmatch(sc.text, before[-1].end, d.start))
    )


def _carry_over(sc: _Scene, out: dict[int, Binding], dropped: set[int]) -> None:
    """Rule 4: a date still unbound, introduced by a change, replacement or history cue close before it, takes
    the event of the nearest bound date ("slipped to 2028", "instead of 2028")."""
    triggers = [cues.pattern(k, sc.lang) for k in ("change", "displaced", "historical", "reset")]
    then = _THEN_RX.get(sc.lang, _THEN_RX["en"])
    for di, d in enumerate(sc.dates):
        if di in out or di in dropped or d.qualifier == "since" or d.granularity == "day":
            continue
        lo = max([o.end for o in sc.dates if o.end <= d.start] + [d.start - CARRY_WINDOW], default=0)
        window = sc.text[max(0, lo) : d.start]
        # "abandoning the August 2025 target", "the 2023 date is gone": the date names a plan of the fact at hand
        cued = (
            any(rx.search(window) for rx in triggers)
            or bool(_NAMED_PLAN[sc.lang].match(sc.text, d.end))
            or _new_of_change(sc, d)
        )
        if not (cued or then.search(window)):
            continue
        bound = sorted(out.items(), key=lambda kv: abs(kv[1].date.start - d.start))
        if bound and bound[0][1].event.start > d.end and _COORDINATED.match(sc.text, d.end):
            continue  # the event comes in a clause of its own ("keep it in orbit until 2030, and sink it in 2031")
        if (
            not cued
            and bound
            and any(
                e.fact != bound[0][1].event.fact and bound[0][1].date.end <= e.start and e.end <= d.start
                for e in sc.events
            )
        ):
            continue  # "then" before another fact's event ("…до 2028 года, а затем свести с орбиты к 2030-му")
        if bound and (cued or d.cue.lower() in TARGET_CUES or not sc.series(bound[0][1].event.fact)):
            out[di] = Binding(d, bound[0][1].event, "carried", lo, d.cue_start)
