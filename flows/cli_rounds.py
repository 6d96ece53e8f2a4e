"""``isswatch rounds``: the polling rounds, newest first, with how each ended.

A round is ``running``, ``completed``, ``failed`` (it raised, and said so before ending) or ``crashed``
(its process died: SIGKILL, OOM, power loss; the next round's start closes it with the counts of what it
stored). Read-only: a round still marked running whose process is gone on this host is shown as
``crashed (closed at the next start)``.
"""

from __future__ import annotations

import socket
from pathlib import Path

import typer

from isswatch.flows.cli_common import CONFIG_OPTION, settings_for
from isswatch.flows.output import FORMAT_OPTION, Format, render

COLUMNS = (
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


def rounds(
    config: Path | None = CONFIG_OPTION,
    limit: int = typer.Option(20, min=1, help="At most this many rounds, newest first."),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """List polling rounds, newest first: status (running, completed, failed, crashed), times, counts
    of what each stored, and the error of a failed or crashed round."""
    from isswatch.extractors.errors import WarehouseError
    from isswatch.warehouse.connection import reader
    from isswatch.warehouse.queries import run_sql
    from isswatch.warehouse.rounds import alive

    path = settings_for(config).warehouse_path
    if not path.is_file():
        raise WarehouseError(f"no warehouse at {path}: run `isswatch run` or `isswatch demo` first")
    with reader(path) as con:
        _, rows = run_sql(
            con,
            f"SELECT {', '.join(COLUMNS)}, "
            "(SELECT pid_started FROM rounds r WHERE r.round_id = round_log.round_id) "
            "FROM round_log LIMIT ?",
            [limit],
        )
    host = socket.gethostname()
    shown = []
    for *row, started in rows:
        d = dict(zip(COLUMNS, row, strict=True))
        if d["status"] == "running" and d["host"] == host and d["pid"] and not alive(d["pid"], started):
            d["status"] = "crashed (closed at the next start)"
        shown.append(list(d.values()))
    render(COLUMNS, shown, fmt, title="rounds")


def register(app: typer.Typer) -> None:
    app.command("rounds")(rounds)
