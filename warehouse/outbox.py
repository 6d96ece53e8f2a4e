"""The alert outbox: claim due rows before sending, mark them after, in two short writes.

Delivery never holds the warehouse while it talks to the network:

1. ``claim_due`` (short write): pick the undelivered rows that are due, add one to ``attempts``, set
   ``claimed_at`` and push ``next_attempt_at`` back by the backoff. The push is a lease: a process that dies
   while sending leaves the row due again only after the backoff, never twice at once.
2. the caller sends, with the warehouse closed;
3. ``mark_results`` (short write): ``delivered_at`` for the rows sent, ``last_error`` for the others.

A row with ``delivered_at`` is never selected again. A crash between 2 and 3 makes the row due again after
its backoff: it is sent a second time with the same ``alert_id``, which receivers use to drop the repeat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from isswatch.warehouse.backoff import Backoff
from isswatch.warehouse.changes import CHANGE_COLUMNS, ChangeRecord, change_from_row
from isswatch.warehouse.connection import scalar, transaction

#: A claimed row is not taken by ``force`` (``isswatch alerts retry``) for this long.
LEASE = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class DueAlert:
    alert_id: str
    channel: str
    attempts: int  # including the attempt being made
    digest: bool
    change: ChangeRecord


_DUE = f"""
SELECT a.alert_id, a.channel, a.attempts, coalesce(a.digest, false),
       {", ".join("ch." + c.strip() for c in CHANGE_COLUMNS.split(","))}, f.description
FROM alerts a JOIN changes ch USING (change_id) LEFT JOIN facts f ON f.key = ch.fact
WHERE a.delivered_at IS NULL AND a.channel IN (SELECT unnest(?))
  AND (CASE WHEN ? THEN a.claimed_at IS NULL OR a.claimed_at < ?
            ELSE a.attempts < ? AND (a.next_attempt_at IS NULL OR a.next_attempt_at <= ?) END)
  AND (NOT coalesce(a.digest, false) OR a.channel IN (SELECT unnest(?)))
ORDER BY a.created_at, a.alert_id
"""


def claim_due(
    con: duckdb.DuckDBPyConnection,
    channels: Sequence[str],
    *,
    now: dt.datetime,
    max_attempts: int,
    backoff: Backoff | None = None,
    force: bool = False,
    digest_channels: Sequence[str] = (),
) -> list[DueAlert]:
    """Select and lease the rows to send now. ``force`` ignores backoff and ``max_attempts`` (a user's
    explicit retry) but still respects a lease taken in the last ``LEASE``; digest rows are taken only
    for the channels in ``digest_channels`` (those whose digest is due)."""
    backoff = backoff or Backoff()
    with transaction(con):
        params = [list(channels), force, now - LEASE, max_attempts, now, list(digest_channels)]
        rows = con.execute(_DUE, params).fetchall()
        due = []
        for r in rows:
            change = change_from_row(r[4:-1], r[-1])
            due.append(DueAlert(r[0], r[1], int(r[2] or 0) + 1, bool(r[3]), change))
        if due:
            con.execute(
                # numbered parameters: DuckDB 1.4 numbers a bare ? in UPDATE ... FROM in binding order
                "UPDATE alerts SET attempts = m.n, claimed_at = $1, last_attempt_at = $2, "
                "next_attempt_at = m.t FROM (SELECT unnest($3) AS k, unnest($4) AS n, unnest($5) AS t) m "
                "WHERE alerts.alert_id = m.k",
                [
                    now,
                    now,
                    [d.alert_id for d in due],
                    [d.attempts for d in due],
                    [now + backoff.after(d.attempts) for d in due],
                ],
            )
    return due


def mark_results(
    con: duckdb.DuckDBPyConnection,
    results: Sequence[tuple[str, str | None]],
    *,
    now: dt.datetime,
    carried_by: dict[str, str] | None = None,
) -> None:
    """Record each (alert_id, error) pair: error None means delivered."""
    ok = [a for a, err in results if err is None]
    failed = [{"alert_id": a, "err": err} for a, err in results if err is not None]
    carried_by = carried_by or {}
    with transaction(con):
        if ok:
            con.execute(
                "UPDATE alerts SET delivered_at = ?, claimed_at = NULL, last_error = NULL, "
                "next_attempt_at = NULL "
                "WHERE alert_id IN (SELECT unnest(?)) AND delivered_at IS NULL",
                [now, ok],
            )
            carried = [(a, carried_by[a]) for a in ok if a in carried_by]
            if carried:
                con.execute(
                    "UPDATE alerts SET delivered_in = m.v "
                    "FROM (SELECT unnest(?) AS k, unnest(?) AS v) m WHERE alerts.alert_id = m.k",
                    [[a for a, _ in carried], [d for _, d in carried]],
                )
        if failed:
            con.execute(
                "UPDATE alerts SET claimed_at = NULL, last_error = m.err "
                "FROM (SELECT unnest(?) AS k, unnest(?) AS err) m WHERE alerts.alert_id = m.k",
                [[f["alert_id"] for f in failed], [f["err"][:1000] for f in failed]],
            )


def last_digest_at(con: duckdb.DuckDBPyConnection, channel: str) -> dt.datetime | None:
    """When ``channel`` last delivered a digest (None: never), so that it sends one a day at most."""
    last: dt.datetime | None = scalar(
        con, "SELECT max(delivered_at) FROM alerts WHERE channel = ? AND digest AND delivered_at IS NOT NULL", [channel]
    )
    return last


def pending_count(con: duckdb.DuckDBPyConnection) -> int:
    return int(scalar(con, "SELECT count(*) FROM alerts WHERE delivered_at IS NULL"))
