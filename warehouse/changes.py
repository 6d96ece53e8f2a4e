"""Change detection: from accepted claims to recorded changes and queued alerts, in one transaction.

``detect_changes`` reads each fact's accepted current claims, asks ``isswatch.warehouse.corroboration.judge``
what they say, and for every new change or disagreement writes, in ONE transaction: the ``changes`` row,
the fact's new ``accepted_value`` (changes only), and one ``alerts`` outbox row per channel. A crash
before the commit leaves nothing; a crash after it leaves everything, and the outbox delivers later.
Ids are derived from the content (fact, kind, values, the time the accepted value was established), so
calling it twice writes nothing new. Muted and snoozed facts get their change recorded (with
``suppressed`` set) and no alert.

Also here: the user's edits of a fact (rebaseline, mute, unmute, snooze), which are small transactions
that validate their input first and never touch other rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import duckdb

from isswatch.extractors.errors import InputError, UnknownFact
from isswatch.extractors.fetching.urls import url_host
from isswatch.extractors.stable_ids import stable_id
from isswatch.warehouse.connection import scalar, transaction
from isswatch.warehouse.corroboration import (
    DEFAULT_PRIMARY_SPEAKERS,
    Evidence,
    Rules,
    is_primary_speaker,
    judge,
    spokesman,
)
from isswatch.warehouse.writes import insert_new, upsert


@dataclass(frozen=True)
class ChangePolicy:
    """What it takes to accept a reported value, and what gets an alert."""

    min_confidence: float = 0.6
    min_outlets: int = 2
    #: Speakers whose word is a primary source (substring, case-insensitive).
    primary_speakers: tuple[str, ...] = DEFAULT_PRIMARY_SPEAKERS
    #: Article hosts that are primary sources in addition to feeds marked ``primary``.
    primary_hosts: tuple[str, ...] = ()
    window: dt.timedelta = dt.timedelta(days=30)
    concurrency: dt.timedelta = dt.timedelta(days=1)
    #: How far back the accepted value's outlets count against a new value (``Rules.memory``).
    memory: dt.timedelta = dt.timedelta(days=90)
    #: How far apart a new value's reports must be before it is alerted (``Rules.persistence``).
    persistence: dt.timedelta = dt.timedelta(days=1)
    alert_disagreements: bool = True
    #: Channel names whose alerts wait for the daily digest.
    digest_channels: tuple[str, ...] = ()

    @property
    def rules(self) -> Rules:
        return Rules(
            min_outlets=self.min_outlets,
            window=self.window,
            concurrency=self.concurrency,
            memory=self.memory,
            persistence=self.persistence,
        )


@dataclass(frozen=True)
class ChangeRecord:
    """One recorded change, disagreement or rebaseline of a fact, as stored in ``changes``."""

    change_id: str
    fact: str
    kind: str  # change | disagreement | rebaseline
    old_value: str | None
    new_value: str | None
    qualifier: str | None
    speaker: str | None
    sentence: str | None
    article_urls: tuple[str, ...]
    detected_at: dt.datetime
    first_reported_at: dt.datetime | None = None
    disputed_values: tuple[str, ...] = ()
    outlets: int = 0
    primary_source: bool = False
    suppressed: str | None = None  # muted | snoozed: recorded without alert
    claim_ids: tuple[str, ...] = ()
    round_id: str | None = None
    description: str | None = field(default=None, compare=False)

    @property
    def title(self) -> str:
        """A short plain title (the channel renderers in flows/messages.py make the full message)."""
        if self.kind == "disagreement":
            return f"{self.fact}: sources disagree ({' vs '.join(self.disputed_values)})"
        return f"{self.fact}: {self.old_value} → {self.new_value}"

    def to_row(self) -> dict[str, Any]:
        return {
            "change_id": self.change_id,
            "fact": self.fact,
            "kind": self.kind,
            "old_value": self.old_value,
            "new_value": self.new_value,
            "qualifier": self.qualifier,
            "speaker": self.speaker,
            "sentence": self.sentence,
            "first_reported_at": self.first_reported_at,
            "detected_at": self.detected_at,
            "claim_ids": list(self.claim_ids),
            "article_urls": list(self.article_urls),
            "round_id": self.round_id,
            "disputed_values": list(self.disputed_values),
            "outlets": self.outlets,
            "primary_source": self.primary_source,
            "suppressed": self.suppressed,
        }


CHANGE_COLUMNS = (
    "change_id, fact, kind, old_value, new_value, qualifier, speaker, sentence, article_urls, "
    "detected_at, first_reported_at, disputed_values, outlets, primary_source, suppressed, "
    "claim_ids, round_id"
)


def change_from_row(row: Sequence[Any], description: str | None = None) -> ChangeRecord:
    """A ChangeRecord from a row selected with ``CHANGE_COLUMNS``."""
    (
        change_id,
        fact,
        kind,
        old,
        new,
        qualifier,
        speaker,
        sentence,
        urls,
        detected,
        first,
        disputed,
        outlets,
        primary,
        suppressed,
        claim_ids,
        round_id,
    ) = row
    return ChangeRecord(
        change_id,
        fact,
        kind,
        old,
        new,
        qualifier,
        speaker,
        sentence,
        tuple(urls or ()),
        detected,
        first,
        tuple(disputed or ()),
        outlets or 0,
        bool(primary),
        suppressed,
        tuple(claim_ids or ()),
        round_id,
        description,
    )


def load_change(con: duckdb.DuckDBPyConnection, change_id: str) -> ChangeRecord | None:
    row = con.execute(
        f"SELECT {CHANGE_COLUMNS}, (SELECT description FROM facts WHERE key = changes.fact) "
        "FROM changes WHERE change_id = ?",
        [change_id],
    ).fetchone()
    return change_from_row(row[:-1], row[-1]) if row else None


def _id(*parts: object) -> str:
    return stable_id(*parts, sep="|")


def alert_id(change_id: str, channel: str) -> str:
    """The outbox key of one change on one channel; also the idempotency key receivers see."""
    return _id("alert", change_id, channel)


@overload
def _utc(value: dt.datetime | dt.date) -> dt.datetime: ...
@overload
def _utc(value: dt.datetime | dt.date | None) -> dt.datetime | None: ...
def _utc(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    """A stored time as an aware UTC datetime (DuckDB hands back naive times and bare dates)."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time(), dt.UTC)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


_EVIDENCE_SQL = """
SELECT c.claim_id, c.fact, c.value,
       least(coalesce(c.reported_at, c.extracted_at), coalesce(c.extracted_at, c.reported_at)) AS reported,
       coalesce(o.feed_url, a.feed_url, a.url) AS outlet,
       coalesce(fa.is_primary, false) OR coalesce(fo.is_primary, false) AS primary_feed,
       coalesce(c.confidence, 0) AS confidence, a.url, coalesce(o.url, a.url) AS original_url,
       c.qualifier, c.speaker, c.sentence, c.modality
FROM claims c
JOIN articles a USING (article_id)
LEFT JOIN articles o ON o.article_id = a.duplicate_of
LEFT JOIN feeds fa ON fa.url = a.feed_url
LEFT JOIN feeds fo ON fo.url = o.feed_url
WHERE c.status = 'current' AND coalesce(c.confidence, 0) >= ?
  AND coalesce(c.reported_at, c.extracted_at) IS NOT NULL
  AND (CAST(? AS TIMESTAMPTZ) IS NULL OR coalesce(c.reported_at, c.extracted_at) <= CAST(? AS TIMESTAMPTZ))
ORDER BY c.fact, reported, c.claim_id
"""


def load_evidence(
    con: duckdb.DuckDBPyConnection, policy: ChangePolicy, as_of: dt.datetime | None = None
) -> dict[str, list[Evidence]]:
    """Accepted current claims per fact, each with its outlet and primary-source flag; ``as_of``: only
    those reported by then (a backfill replays the past day by day)."""
    by_fact: dict[str, list[Evidence]] = {}
    hosts = {h.removeprefix("www.") for h in policy.primary_hosts}
    for (
        claim_id,
        fact,
        value,
        reported,
        outlet,
        primary_feed,
        confidence,
        url,
        original_url,
        qualifier,
        speaker,
        sentence,
        modality,
    ) in con.execute(_EVIDENCE_SQL, [policy.min_confidence, as_of, as_of]).fetchall():
        primary = (
            bool(primary_feed)
            or url_host(original_url, drop_www=True) in hosts
            or url_host(url, drop_www=True) in hosts
            or is_primary_speaker(speaker, policy.primary_speakers)
        )
        by_fact.setdefault(fact, []).append(
            Evidence(
                claim_id,
                value,
                _utc(reported),
                outlet,
                primary,
                float(confidence),
                url,
                qualifier,
                speaker,
                sentence,
                tentative=modality == "possible",
            )
        )
    return by_fact


def _common(values: Iterable[str | None]) -> str | None:
    counts: dict[str, int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    return max(counts, key=lambda v: (counts[v], v)) if counts else None


def detect_changes(
    con: duckdb.DuckDBPyConnection,
    *,
    round_id: str,
    policy: ChangePolicy,
    channels: Sequence[str],
    now: dt.datetime | None = None,
    as_of: dt.datetime | None = None,
) -> list[ChangeRecord]:
    """Record new changes and disagreements, update accepted values, queue one alert per channel.

    Returns only what this call recorded (a second call with nothing new returns ``[]`` and writes
    nothing). Must be called outside any open transaction on ``con``: it opens its own. ``as_of``: judge
    only the claims reported by then, as a round run at that time would have (backfill replay).
    """
    now = _utc(now) or dt.datetime.now(dt.UTC)
    channels = list(dict.fromkeys(channels))
    with transaction(con):
        facts = con.execute(
            "SELECT key, description, baseline_value, baseline_as_of, accepted_value, accepted_since, muted, "
            "snoozed_until FROM facts ORDER BY key"
        ).fetchall()
        evidence = load_evidence(con, policy, as_of)
        records: list[ChangeRecord] = []
        fact_rows: list[dict[str, Any]] = []
        for key, description, baseline, baseline_as_of, accepted, since, muted, snoozed in facts:
            current = accepted or baseline
            since_t = _utc(since) or _utc(baseline_as_of)
            verdict = judge(evidence.get(key, []), accepted=current, since=since_t, rules=policy.rules)
            if verdict.kind == "none" or current is None:
                continue
            quote = spokesman(verdict.support)
            urls = tuple(dict.fromkeys(c.url for c in verdict.support))
            suppressed = "muted" if muted else ("snoozed" if snoozed is not None and _utc(snoozed) > now else None)
            if verdict.kind == "disagreement" and not policy.alert_disagreements and suppressed is None:
                suppressed = "disagreement"
            record = ChangeRecord(
                change_id=_id(
                    key, verdict.kind, current, ",".join(verdict.values), since_t.isoformat() if since_t else ""
                ),
                fact=key,
                kind=verdict.kind,
                old_value=current,
                new_value=verdict.value,
                qualifier=quote.qualifier or _common(c.qualifier for c in verdict.support),
                speaker=quote.speaker,
                sentence=quote.sentence,
                article_urls=urls,
                detected_at=now,
                first_reported_at=verdict.first_reported,
                disputed_values=verdict.values if verdict.kind == "disagreement" else (),
                outlets=len({c.outlet for c in verdict.support}),
                primary_source=any(c.primary for c in verdict.support),
                suppressed=suppressed,
                claim_ids=tuple(c.claim_id for c in verdict.support),
                round_id=round_id,
                description=description,
            )
            if insert_new(con, "changes", ["change_id"], [record.to_row()]) == 0:
                continue  # recorded by an earlier call
            records.append(record)
            if verdict.kind == "change":
                fact_rows.append(
                    {
                        "key": key,
                        "accepted_value": verdict.value,
                        "accepted_at": now,
                        "accepted_since": verdict.first_reported,
                        "updated_at": now,
                    }
                )
            if suppressed is None:
                insert_new(
                    con,
                    "alerts",
                    ["alert_id"],
                    [
                        {
                            "alert_id": alert_id(record.change_id, ch),
                            "change_id": record.change_id,
                            "fact": key,
                            "channel": ch,
                            "title": record.title,
                            "body": record.sentence or "",
                            "created_at": now,
                            "attempts": 0,
                            "next_attempt_at": now,
                            "digest": ch in policy.digest_channels,
                        }
                        for ch in channels
                    ],
                )
        upsert(con, "facts", ["key"], fact_rows)
    return records


def _fact_exists(con: duckdb.DuckDBPyConnection, key: str) -> None:
    if con.execute("SELECT 1 FROM facts WHERE key = ?", [key]).fetchone() is None:
        known = ", ".join(r[0] for r in con.execute("SELECT key FROM facts ORDER BY key").fetchall())
        raise UnknownFact(f"no fact named {key!r} (known: {known or 'none yet: run a round first'})")


def rebaseline(
    con: duckdb.DuckDBPyConnection,
    key: str,
    value: str,
    *,
    source: str,
    as_of: dt.date | None = None,
    now: dt.datetime | None = None,
) -> ChangeRecord:
    """Accept ``value`` as the fact's new baseline; claims reported before ``as_of`` stop counting.

    Recorded as a ``rebaseline`` change (no alert). ``value`` must be checked by the caller
    (``isswatch.extractors.claims.catalogue.check_value``).
    """
    now = _utc(now) or dt.datetime.now(dt.UTC)
    as_of = as_of or now.date()
    if not source.strip():
        raise InputError("--source must say where the new baseline comes from")
    with transaction(con):
        _fact_exists(con, key)
        old = scalar(con, "SELECT coalesce(accepted_value, baseline_value) FROM facts WHERE key = ?", [key])
        since = _utc(as_of)
        record = ChangeRecord(
            change_id=_id(key, "rebaseline", old, value, now.isoformat()),
            fact=key,
            kind="rebaseline",
            old_value=old,
            new_value=value,
            qualifier=None,
            speaker=None,
            sentence=source.strip(),
            article_urls=(),
            detected_at=now,
            first_reported_at=since,
            suppressed="rebaseline",
        )
        insert_new(con, "changes", ["change_id"], [record.to_row()])
        upsert(
            con,
            "facts",
            ["key"],
            [
                {
                    "key": key,
                    "baseline_value": value,
                    "baseline_as_of": as_of,
                    "baseline_source": source.strip(),
                    "accepted_value": value,
                    "accepted_at": now,
                    "accepted_since": since,
                    "updated_at": now,
                }
            ],
        )
    return record


def set_muted(con: duckdb.DuckDBPyConnection, key: str, muted: bool) -> None:
    with transaction(con):
        _fact_exists(con, key)
        con.execute("UPDATE facts SET muted = ?, updated_at = ? WHERE key = ?", [muted, dt.datetime.now(dt.UTC), key])


def snooze(con: duckdb.DuckDBPyConnection, key: str, until: dt.datetime | None) -> None:
    """Hold alerts of ``key`` until ``until`` (None: end the snooze). Changes are still recorded."""
    with transaction(con):
        _fact_exists(con, key)
        con.execute(
            "UPDATE facts SET snoozed_until = ?, updated_at = ? WHERE key = ?",
            [_utc(until), dt.datetime.now(dt.UTC), key],
        )
