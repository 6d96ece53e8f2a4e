"""Round rows: one per polling round, written at its start and completed at its end.

A round records the process that runs it (host, pid and the pid's start time). A round whose process
died (SIGKILL, OOM, power loss) stays 'running'; ``close_dead_rounds``, called when the next round
starts, closes it as 'crashed' with the counts of what it stored. Nothing else depends on a round's
row: every other write is keyed and idempotent, so the next round does the missing work again. A round
that raised in a live process is closed as 'failed' by its own flow when the warehouse allows it, and
otherwise by ``close_dead_rounds`` in the same process (rounds this process is not running any more).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid

import duckdb

from isswatch.warehouse.writes import insert_new, upsert

#: Rounds this process is running now; any other 'running' round of this process is over.
_ACTIVE: set[str] = set()


def process_started(pid: int) -> int | None:
    """The start time of ``pid`` in clock ticks since boot (Linux), None when unknown or not running."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return int(f.read().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def alive(pid: int, started: int | None) -> bool:
    """Whether process ``pid`` runs and is the one started at ``started`` (not a reused pid)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    now = process_started(pid)
    return started is None or now is None or now == started


def start_round(con: duckdb.DuckDBPyConnection, flow_run_id: str | None = None) -> str:
    round_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    pid = os.getpid()
    insert_new(
        con,
        "rounds",
        ["round_id"],
        [
            {
                "round_id": round_id,
                "started_at": dt.datetime.now(dt.UTC),
                "status": "running",
                "host": socket.gethostname(),
                "pid": pid,
                "pid_started": process_started(pid),
                "flow_run_id": flow_run_id,
            }
        ],
    )
    _ACTIVE.add(round_id)
    return round_id


def finish_round(
    con: duckdb.DuckDBPyConnection, round_id: str, *, status: str = "completed", error: str | None = None, **counts: int
) -> None:
    upsert(
        con,
        "rounds",
        ["round_id"],
        [{"round_id": round_id, "finished_at": dt.datetime.now(dt.UTC), "status": status, "error": error, **counts}],
    )
    _ACTIVE.discard(round_id)
    if status == "completed":
        con.execute("CHECKPOINT")


def fail_round(con: duckdb.DuckDBPyConnection, round_id: str, error: str) -> None:
    """Close a round that raised as 'failed' (if its start was stored at all)."""
    _ACTIVE.discard(round_id)
    con.execute(
        "UPDATE rounds SET status = 'failed', finished_at = ?, error = ? WHERE round_id = ? AND status = 'running'",
        [dt.datetime.now(dt.UTC), error[:1000], round_id],
    )


def running_here() -> list[str]:
    """The rounds this process has started and not finished."""
    return sorted(_ACTIVE)


def forget_round(round_id: str) -> None:
    """This process no longer runs ``round_id`` (it failed and could not be closed)."""
    _ACTIVE.discard(round_id)


_STORED = """
SELECT r.round_id,
       (SELECT count(*) FROM polls p WHERE p.round_id = r.round_id),
       (SELECT count(*) FROM polls p WHERE p.round_id = r.round_id AND p.outcome = 'error'),
       (SELECT count(*) FROM entries e WHERE e.round_id = r.round_id),
       (SELECT count(*) FROM articles a WHERE a.round_id = r.round_id),
       (SELECT count(*) FROM claims c JOIN articles a USING (article_id) WHERE a.round_id = r.round_id),
       (SELECT count(*) FROM changes ch WHERE ch.round_id = r.round_id)
FROM rounds r WHERE r.round_id IN (SELECT unnest(?))
"""


def close_dead_rounds(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None]]:
    """Close as 'crashed' the running rounds whose process is gone, with what they stored; their ids and
    Prefect flow run ids (the caller tells Prefect, which otherwise keeps them Running)."""
    host = socket.gethostname()
    me = os.getpid()
    dead = []
    flow_runs = {}
    for round_id, r_host, pid, started, flow_run_id in con.execute(
        "SELECT round_id, host, pid, pid_started, flow_run_id FROM rounds WHERE status = 'running'"
    ).fetchall():
        if round_id in _ACTIVE:
            continue
        if pid is None or (r_host == host and (pid == me or not alive(pid, started))):
            dead.append(round_id)
            flow_runs[round_id] = flow_run_id
    if not dead:
        return []
    rows = []
    for round_id, polled, failed, entries, articles, claims, changes in con.execute(_STORED, [dead]).fetchall():
        rows.append(
            {
                "round_id": round_id,
                "status": "crashed",
                "finished_at": None,
                "feeds_polled": polled,
                "feeds_failed": failed,
                "entries_new": entries,
                "articles_new": articles,
                "claims_new": claims,
                "changes_new": changes,
                "error": "its process ended before the round did; closed by the next start",
            }
        )
    upsert(con, "rounds", ["round_id"], rows)
    return [(r, flow_runs[r]) for r in dead]
