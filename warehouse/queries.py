"""Named queries behind the CLI, and the user's own SQL, always on a read-only connection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from extractors.errors import QueryError
from warehouse.connection import reader

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


def user_query(path: Path, sql: str) -> Rows:
    """Run the user's SQL on a read-only connection: a query cannot change or lose stored data."""
    if not sql.strip():
        raise QueryError("empty SQL")
    with reader(path) as con:
        return run_sql(con, sql)


FACT_STATUS = """
SELECT fact, baseline_value, reported_value, accepted_at, last_change_at, current_claims, description
FROM fact_status ORDER BY fact
"""

CHANGES = """
SELECT detected_at, fact, kind, old_value, new_value, qualifier, speaker, sentence, article_urls
FROM change_log {where} ORDER BY detected_at DESC LIMIT ?
"""

def fact_status(path: Path) -> Rows:
    with reader(path) as con:
        return run_sql(con, FACT_STATUS)


def changes(path: Path, *, fact: str | None = None, limit: int = 100) -> Rows:
    with reader(path) as con:
        where = "WHERE fact = ?" if fact else ""
        return run_sql(con, CHANGES.format(where=where), [fact, limit] if fact else [limit])
