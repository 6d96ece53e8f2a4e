"""Replaying dated claims through corroboration and change detection, to compare with a true history.

The corpus of labelled articles (``tests/claims_corpus``) comes with the history of each fact as its
articles tell it (``history.toml``: the value in force from each date). Replaying the articles in
publication order through the same rules as the warehouse (``isswatch.warehouse.corroboration.judge``) shows the
changes isswatch would have alerted; comparing them with the history tells false and missed alerts.
Pure: claims in, changes out, no database, so the evaluation runs anywhere.

Values are compared by year: the history is written in years, and a month or a day ("May 2026") refines
its year without changing it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from isswatch.extractors.errors import InputError
from isswatch.extractors.stable_ids import stable_id
from isswatch.warehouse.corroboration import DEFAULT_PRIMARY_SPEAKERS, Evidence, Rules, is_primary_speaker, judge


@dataclass(frozen=True)
class Step:
    """The value of a fact in force from ``since``."""

    fact: str
    since: dt.date
    value: str


@dataclass(frozen=True)
class Reported:
    """One claim of one article, as change detection sees it."""

    fact: str
    value: str
    status: str
    confidence: float
    speaker: str | None
    outlet: str
    published: dt.date
    article: str
    modality: str | None = None  # "possible": said only as a possibility, not enough for a change


@dataclass
class ReplayReport:
    true_changes: list[Step] = field(default_factory=list)  # the history's changes in the replayed span
    reachable: list[Step] = field(default_factory=list)  # those some replayed article reports as current
    found: list[Step] = field(default_factory=list)  # reachable changes the replay alerted
    missed: list[Step] = field(default_factory=list)  # reachable changes it did not
    false: list[Step] = field(default_factory=list)  # alerted changes the history does not have
    disagreements: int = 0


def load_history(path: Path | str) -> dict[str, list[Step]]:
    """``[[fact."key"]] from = DATE, value = "YYYY"`` tables, in date order per fact."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise InputError(f"cannot read the history: {err}", source=str(p)) from None
    out: dict[str, list[Step]] = {}
    for fact, steps in (data.get("fact") or {}).items():
        if not isinstance(steps, list):
            raise InputError(f"fact {fact!r}: expected [[fact.{fact!r}]] tables", source=str(p))
        for s in steps:
            if not isinstance(s, dict) or not isinstance(s.get("from"), dt.date) or not isinstance(s.get("value"), str):
                raise InputError(f'fact {fact!r}: each step needs from = DATE and value = "YYYY"', source=str(p))
            out.setdefault(fact, []).append(Step(fact, s["from"], s["value"][:4]))
        out[fact].sort(key=lambda s: s.since)
    return out


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), dt.UTC)


def replay(
    reports: Iterable[Reported],
    history: dict[str, list[Step]],
    *,
    rules: Rules | None = None,
    min_confidence: float = 0.6,
    primary_speakers: Sequence[str] = DEFAULT_PRIMARY_SPEAKERS,
) -> list[Step]:
    """The changes change detection alerts when ``reports`` arrive in publication order (one round a day)."""
    rules = rules or Rules()
    by_fact: dict[str, list[Reported]] = {}
    for r in reports:
        if r.status == "current" and r.confidence >= min_confidence and r.fact in history:
            by_fact.setdefault(r.fact, []).append(r)
    changes: list[Step] = []
    for fact, items in by_fact.items():
        items.sort(key=lambda r: (r.published, r.article))
        first = history[fact][0]
        accepted, since = first.value, _at(first.since)
        evidence: list[Evidence] = []
        for day in sorted({r.published for r in items}):
            for r in (r for r in items if r.published == day):
                cid = stable_id(r.article, fact, r.value, sep="|", length=12)
                evidence.append(
                    Evidence(
                        cid,
                        r.value[:4],
                        _at(day),
                        r.outlet,
                        is_primary_speaker(r.speaker, primary_speakers),
                        r.confidence,
                        r.article,
                        speaker=r.speaker,
                        tentative=r.modality == "possible",
                    )
                )
            verdict = judge(evidence, accepted=accepted, since=since, rules=rules)
            if verdict.kind == "change" and verdict.value is not None:
                changes.append(Step(fact, day, verdict.value))
                accepted, since = verdict.value, verdict.first_reported or _at(day)
    return sorted(changes, key=lambda s: (s.since, s.fact))


def compare(alerted: Sequence[Step], reference: Sequence[Step], history: dict[str, list[Step]]) -> ReplayReport:
    """Match alerted changes to the history: an alert is right when its value is the one in force at its date
    and differs from the one before. ``reference`` is the replay of the true labels: the changes that any
    monitor could have found from these articles."""
    report = ReplayReport()
    for steps in history.values():
        report.true_changes += [s for prev, s in itertools.pairwise(steps) if s.value != prev.value]

    def truth(fact: str, day: dt.date) -> str | None:
        value = None
        for s in history.get(fact, []):
            if s.since <= day:
                value = s.value
        return value

    def matches(a: Step, t: Step) -> bool:
        return a.fact == t.fact and a.value == t.value and truth(a.fact, a.since) == t.value

    report.reachable = [t for t in report.true_changes if any(matches(r, t) for r in reference)]
    report.found = [t for t in report.reachable if any(matches(a, t) for a in alerted)]
    report.missed = [t for t in report.reachable if t not in report.found]
    report.false = [a for a in alerted if truth(a.fact, a.since) != a.value]
    return report
