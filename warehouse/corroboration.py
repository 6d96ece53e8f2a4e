"""Deciding what a fact's reported value is, from the claims that support each value.

Pure functions over ``Evidence`` (one accepted current claim with where it came from); no database here,
so that the rules are easy to read and to test. The rules, in words (docs/alerts.md has examples):

- **Accepted claim**: status ``current`` and confidence at least ``min_confidence``. Historical mentions
  ("the ISS was once due to retire in 2024") never count.
- **Corroborated value**: claimed by at least ``min_outlets`` independent outlets, or by one primary
  source. An outlet is the feed of the story's original: a syndicated copy (``articles.duplicate_of``)
  counts as its original's outlet, so a wire story repeated by ten sites is one outlet. A primary source
  is an agency's own newsroom (``feeds.is_primary``, or a host listed in the policy) or a named agency
  head quoted as the speaker.
- **Evidence window**: only claims reported since the accepted value was established
  (``accepted_since``: the baseline's as-of date, then the first report of each accepted change), and
  within ``window`` of the newest of them, count.
- **Change**: a corroborated value other than the accepted one, when no other value has been reaffirmed
  (corroborated) since it first appeared (less ``concurrency``, for time zones and publication lags), and
  when it outweighs the accepted value: a primary source says it, or more independent outlets give it in
  the window than gave the accepted value in the last ``memory`` (90 days). Two outlets misreading the same
  week do not overturn a value that three others reported that season, even when nobody reported it that month.
  A value that the accepted one replaced (it had support before ``accepted_since``) must wait until the
  accepted value has no corroborated support left in the window: this is what stops flapping.
- **Said as a possibility**: claims that give the value only as a possibility ("could", "may", "pourrait",
  "может": ``Evidence.tentative``) are evidence like any other, but a change needs ``min_outlets`` outlets (or a
  primary source) that say it as more than that; otherwise the new value is contested, not a change. An option
  floated in many outlets ("Russia could leave the ISS from 2025") is not a new plan.
- **Persistence**: a change also waits until its value has been reported on days at least ``persistence`` (one
  day) apart, unless a primary source says it. One story misread by the outlets that copy it the same day is
  not alerted; a real change is still in the news the next day. Until then the verdict is "none".
- **Disagreement**: otherwise, when two or more values are corroborated at the same time (a new value
  that does not outweigh the accepted one is corroborated beside it). The accepted value stays; the
  disagreement is recorded once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: People whose quoted word is a primary source: heads of the agencies running the ISS (present and
#: recent), in the spellings the news uses. Matched case-insensitively as a substring of the speaker.
DEFAULT_PRIMARY_SPEAKERS: tuple[str, ...] = (
    "Bakanov",
    "Баканов",
    "Bakanow",  # Roscosmos, since 2025
    "Borisov",
    "Борисов",  # Roscosmos, 2022-2025
    "Duffy",
    "Даффи",  # NASA acting administrator, 2025
    "Isaacman",
    "Айзекман",  # NASA administrator
    "Bill Nelson",
    "Нельсон",  # NASA, 2021-2025
    "Aschbacher",
    "Ашбахер",  # ESA
    "Yamakawa",  # JAXA
    "Lisa Campbell",  # CSA
    "Roscosmos press service",
    "пресс-служба Роскосмоса",
    "NASA spokesperson",
)


@dataclass(frozen=True)
class Evidence:
    """One accepted current claim, with the outlet it counts for and whether it is a primary source."""

    claim_id: str
    value: str
    reported: dt.datetime
    outlet: str
    primary: bool
    confidence: float
    url: str
    qualifier: str | None = None
    speaker: str | None = None
    sentence: str | None = None
    #: The claim gives the value only as a possibility (modality "possible": "could", "may"): it counts as
    #: evidence, not toward a change.
    tentative: bool = False


@dataclass(frozen=True)
class Rules:
    min_outlets: int = 2
    window: dt.timedelta = dt.timedelta(days=30)
    concurrency: dt.timedelta = dt.timedelta(days=1)
    #: How far back the accepted value's outlets count against a new value (never less than ``window``): a value in
    #: force is not reported every month, and a quiet month is when two misreadings would overturn it.
    memory: dt.timedelta = dt.timedelta(days=90)
    #: How far apart the first and last reports of a new value must be before it is alerted (primary sources
    #: excepted); ``timedelta(0)`` alerts on the first corroboration.
    persistence: dt.timedelta = dt.timedelta(days=1)


@dataclass(frozen=True)
class Verdict:
    """What the evidence says about a fact: nothing new, a change to ``value``, or a disagreement."""

    kind: str  # "none" | "change" | "disagreement"
    value: str | None = None  # the new value (change) or the newest contender
    values: tuple[str, ...] = ()  # every corroborated contender (disagreement)
    support: tuple[Evidence, ...] = ()  # the claims behind ``value``
    first_reported: dt.datetime | None = None


def is_primary_speaker(speaker: str | None, names: Iterable[str]) -> bool:
    if not speaker:
        return False
    low = speaker.casefold()
    return any(n.casefold() in low for n in names if n)


def corroborated(claims: Iterable[Evidence], min_outlets: int) -> bool:
    outlets: set[str] = set()
    for c in claims:
        if c.primary:
            return True
        outlets.add(c.outlet)
    return len(outlets) >= min_outlets


def outweighs(new: Iterable[Evidence], accepted: Iterable[Evidence]) -> bool:
    """Whether a new value's support overturns the accepted value's: a primary source, or more independent outlets.
    Wrong readings come in ones and twos; the accepted value keeps being reported."""
    outlets: set[str] = set()
    for c in new:
        if c.primary:
            return True
        outlets.add(c.outlet)
    return len(outlets) > len({c.outlet for c in accepted})


def persists(support: Sequence[Evidence], persistence: dt.timedelta) -> bool:
    """Whether a new value has been reported long enough to alert: a primary source, or reports at least
    ``persistence`` apart (a burst of same-day copies of one misread story is not)."""
    if not support or any(c.primary for c in support):
        return True
    return max(c.reported for c in support) - min(c.reported for c in support) >= persistence


def _by_value(claims: Iterable[Evidence]) -> dict[str, list[Evidence]]:
    groups: dict[str, list[Evidence]] = {}
    for c in claims:
        groups.setdefault(c.value, []).append(c)
    return groups


def judge(claims: Sequence[Evidence], *, accepted: str, since: dt.datetime | None, rules: Rules) -> Verdict:
    """Apply the rules of the module docstring to every accepted claim of one fact."""
    recent = [c for c in claims if since is None or c.reported >= since]
    if not recent:
        return Verdict("none")
    anchor = max(c.reported for c in recent)
    start = anchor - rules.window
    window = [c for c in recent if c.reported >= start]
    groups = _by_value(window)
    live = {v: cs for v, cs in groups.items() if corroborated(cs, rules.min_outlets)}
    candidates = [v for v in live if v != accepted]
    if not candidates:
        return Verdict("none")
    first = {v: min(c.reported for c in cs) for v, cs in live.items()}
    value = max(candidates, key=lambda v: (first[v], v))
    t_new = first[value]
    rivals = []
    for other, cs in live.items():
        if other == value:
            continue
        if corroborated([c for c in cs if c.reported >= t_new - rules.concurrency], rules.min_outlets):
            rivals.append(other)
    returning = since is not None and corroborated(
        [c for c in claims if c.value == value and start <= c.reported < since], rules.min_outlets
    )
    if returning and accepted in live and accepted not in rivals:
        rivals.append(accepted)
    remembered = anchor - max(rules.window, rules.memory)
    if not rivals and not outweighs(
        live[value], [c for c in claims if c.value == accepted and c.reported >= remembered]
    ):
        rivals.append(accepted)
    if not rivals and not corroborated([c for c in live[value] if not c.tentative], rules.min_outlets):
        rivals.append(accepted)  # only said as a possibility ("could", "may"): contested, not a new plan
    support = tuple(sorted(live[value], key=lambda c: (c.reported, c.claim_id)))
    if rivals:
        return Verdict("disagreement", value, tuple(sorted({value, *rivals})), support, t_new)
    if not persists(support, rules.persistence):
        return Verdict("none")  # not yet: asked again at the next round, with the next day's reports
    return Verdict("change", value, (value,), support, t_new)


def spokesman(support: Sequence[Evidence]) -> Evidence:
    """The claim to quote: a primary source first, then the most confident, then the earliest."""
    return min(support, key=lambda c: (not c.primary, -c.confidence, c.reported, c.claim_id))
