"""Fact rows: the catalogue's facts with their baseline and the value currently accepted."""

from __future__ import annotations

import datetime as dt

import duckdb

from isswatch.extractors.claims.catalogue import Catalogue
from isswatch.warehouse.writes import insert_new, upsert


def baseline_of(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """The stored baseline value of a fact (None when the fact is unknown)."""
    row = con.execute("SELECT baseline_value FROM facts WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def fact_keys(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT key FROM facts ORDER BY key").fetchall()]


def sync_facts(con: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> int:
    """Add catalogue facts not stored yet and refresh descriptions; stored baselines are kept, because a
    user may have rebaselined a fact since (``isswatch facts rebaseline``)."""
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "key": f.key,
            "description": f.description,
            "baseline_value": f.baseline.value,
            "baseline_as_of": f.baseline.as_of,
            "baseline_source": f.baseline.source,
            "updated_at": now,
        }
        for f in catalogue.facts
    ]
    added = insert_new(con, "facts", ["key"], rows)
    upsert(con, "facts", ["key"], [{"key": r["key"], "description": r["description"]} for r in rows])
    return added
