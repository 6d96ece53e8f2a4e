"""Round rows: one per polling round, written at its start and completed at its end.

A round killed half-way stays 'running' in this table (and in Prefect's database); nothing else depends
on it, because every other write is idempotent and keyed, so the next round simply does the work again.
"""

from __future__ import annotations

import datetime as dt
import uuid

import duckdb

from warehouse.writes import insert_new, upsert


def start_round(con: duckdb.DuckDBPyConnection) -> str:
    round_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    insert_new(con, "rounds", ["round_id"], [{"round_id": round_id, "started_at": dt.datetime.now(dt.UTC),
                                              "status": "running"}])
    return round_id


def finish_round(con: duckdb.DuckDBPyConnection, round_id: str, *, status: str = "completed", **counts: int) -> None:
    upsert(con, "rounds", ["round_id"], [{"round_id": round_id, "finished_at": dt.datetime.now(dt.UTC),
                                          "status": status, **counts}])
    con.execute("CHECKPOINT")
