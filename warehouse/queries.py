"""Named queries behind the CLI, and the user's own SQL, always on a read-only connection."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from isswatch.extractors.errors import QueryError, UnknownFact
from isswatch.warehouse.connection import reader
from isswatch.warehouse.lake import Lake
from isswatch.warehouse.rounds import alive

Rows = tuple[list[str], list[tuple[Any, ...]]]


def run_sql(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Rows:
    try:
        cur = con.execute(sql, params or [])
        if cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()
    except duckdb.Error as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else err.__class__.__name__
        raise QueryError(first) from None


def lock_down(con: duckdb.DuckDBPyConnection, path: object = None) -> None:
    """No file, network or extension access beyond the open warehouse, and no way to turn it back on.

    DuckDB applies this to the whole database instance, that is to every connection to this file in this
    process, until they are all closed: the CLI runs one command per process, so that is only the query.
    A DuckLake's data files are part of the warehouse: their directory stays readable.
    """
    data_path = getattr(path, "data_path", None)
    if data_path:
        con.execute("SET allowed_directories = ?", [[str(data_path)]])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def _user_error(err: duckdb.Error) -> QueryError:
    first = str(err).strip().splitlines()[0] if str(err).strip() else err.__class__.__name__
    if isinstance(err, duckdb.PermissionException):
        first += " (queries read only the warehouse; `isswatch export DIR` writes files)"
    return QueryError(first)


@contextlib.contextmanager
def _locked(path: Path | Lake, sql: str) -> Iterator[tuple[duckdb.DuckDBPyConnection, list[duckdb.Statement]]]:
    """A locked-down read-only connection and the user's statements (at least one)."""
    if not sql.strip():
        raise QueryError("empty SQL")
    with reader(path) as con:
        lock_down(con, path)
        try:
            statements = con.extract_statements(sql)
        except duckdb.Error as err:
            raise _user_error(err) from None
        if not statements:
            raise QueryError("empty SQL")
        yield con, statements


def user_queries(path: Path | Lake, sql: str) -> list[Rows]:
    """Run each statement of the user's SQL on a locked-down read-only connection, one result each.

    Read-only: nothing stored can change; locked down: no file is read or written besides the warehouse.
    """
    with _locked(path, sql) as (con, statements):
        results = []
        for st in statements:
            try:
                cur = con.execute(st.query)
                results.append(([d[0] for d in cur.description], cur.fetchall()) if cur.description else ([], []))
            except duckdb.Error as err:
                raise _user_error(err) from None
        return results


def stream_query(path: Path | Lake, sql: str, *, batch: int = 10_000) -> Iterator[list[str] | tuple[Any, ...]]:
    """One statement on the same locked-down connection, yielding its column names, then its rows in
    batches (for csv and jsonl output of results larger than memory)."""
    with _locked(path, sql) as (con, statements):
        if len(statements) != 1:
            raise QueryError(f"{len(statements)} statements given where one is expected")
        try:
            cur = con.execute(statements[0].query)
        except duckdb.Error as err:
            raise _user_error(err) from None
        yield [d[0] for d in cur.description] if cur.description else []
        while cur.description:
            try:
                chunk = cur.fetchmany(batch)
            except duckdb.Error as err:
                raise _user_error(err) from None
            if not chunk:
                break
            yield from chunk


def statement_count(sql: str) -> int:
    """How many statements ``sql`` holds (0 when it does not parse: running it will say why)."""
    try:
        return len(duckdb.extract_statements(sql))
    except duckdb.Error:
        return 0


def user_query(path: Path | Lake, sql: str) -> Rows:
    """One statement's result (see ``user_queries``); several statements are refused."""
    results = user_queries(path, sql)
    if len(results) > 1:
        raise QueryError(f"{len(results)} statements given where one is expected")
    return results[0]


FACT_STATUS = """
SELECT fact, baseline_value, reported_value, accepted_at, last_change_at, current_claims, description
FROM fact_status ORDER BY fact
"""

CHANGES = """
SELECT detected_at, fact, kind, old_value, new_value, qualifier, speaker, sentence, article_urls
FROM change_log {where} ORDER BY detected_at DESC LIMIT ?
"""


def fact_status(path: Path | Lake) -> Rows:
    with reader(path) as con:
        return run_sql(con, FACT_STATUS)


def changes(path: Path | Lake, *, fact: str | None = None, limit: int = 100) -> Rows:
    """Changes, newest first; an unknown ``fact`` is an error naming the known ones, not an empty list."""
    with reader(path) as con:
        if fact:
            known = [r[0] for r in con.execute("SELECT key FROM facts ORDER BY key").fetchall()]
            if fact not in known:
                raise UnknownFact(f"no fact {fact!r}; facts: {', '.join(known)}")
        where = "WHERE fact = ?" if fact else ""
        return run_sql(con, CHANGES.format(where=where), [fact, limit] if fact else [limit])


ALERTS = """
SELECT created_at, fact, kind, channel, state, attempts, last_error, next_attempt_at, delivered_at, alert_id
FROM alert_status {where} ORDER BY created_at DESC, channel LIMIT ?
"""
#: The delivery states ``alert_status`` reports.
ALERT_STATES = ("pending", "retrying", "delivered")


def alerts(path: Path | Lake, *, fact: str | None = None, state: str | None = None, limit: int = 100) -> Rows:
    """Alerts (one row per change and channel) with their delivery state, newest first."""
    conditions, params = [], []
    for column, value in (("fact", fact), ("state", state)):
        if value:
            conditions.append(f"{column} = ?")
            params.append(value)
    where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
    with reader(path) as con:
        return run_sql(con, ALERTS.format(where=where), [*params, limit])


FACTS = """
SELECT f.key AS fact, f.baseline_value, f.baseline_as_of,
       coalesce(f.accepted_value, f.baseline_value) AS reported_value, f.accepted_at,
       l.value AS latest_claim, l.reported AS latest_claim_at,
       (SELECT count(*) FROM changes c WHERE c.fact = f.key AND c.kind = 'disagreement') AS disagreements,
       f.muted, f.snoozed_until, f.baseline_source
FROM facts f
LEFT JOIN (SELECT fact, arg_max(value, coalesce(reported_at, extracted_at)) AS value,
                  max(coalesce(reported_at, extracted_at)) AS reported
           FROM claims WHERE status = 'current' GROUP BY fact) l ON l.fact = f.key
ORDER BY f.key
"""


def facts(path: Path | Lake) -> Rows:
    """Each fact's baseline, reported value, latest claim, disagreements, mute and snooze."""
    with reader(path) as con:
        return run_sql(con, FACTS)


ROUND_COLUMNS = (
    "round_id",
    "status",
    "started_at",
    "finished_at",
    "seconds",
    "feeds_polled",
    "feeds_failed",
    "entries_new",
    "articles_new",
    "claims_new",
    "changes_new",
    "alerts_sent",
    "host",
    "pid",
    "error",
)
ROUNDS = f"""
SELECT {", ".join(ROUND_COLUMNS)},
       (SELECT pid_started FROM rounds r WHERE r.round_id = round_log.round_id)
FROM round_log LIMIT ?
"""


def rounds(path: Path | Lake, *, limit: int = 20) -> Rows:
    """Polling rounds, newest first (``ROUND_COLUMNS``). Read-only: a round still marked running whose
    process is gone on this host shows as ``crashed (closed at the next start)``."""
    with reader(path) as con:
        _, rows = run_sql(con, ROUNDS, [limit])
    here = socket.gethostname()
    shown = []
    for *row, started in rows:
        d = dict(zip(ROUND_COLUMNS, row, strict=True))
        if d["status"] == "running" and d["host"] == here and d["pid"] and not alive(d["pid"], started):
            d["status"] = "crashed (closed at the next start)"
        shown.append(tuple(d.values()))
    return list(ROUND_COLUMNS), shown
