"""``isswatch export``: the views (and, on request, the tables) as Parquet or CSV files for other tools.

Parquet keeps DuckDB's types (lists, timestamps with time zone) for pandas, Polars or a BI tool. CSV is
written as spreadsheets read it: lists as JSON text, booleans ``true``/``false``, times in ISO 8601.
Each file is written under a temporary name and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb

from isswatch.extractors.errors import InputError, QueryError
from isswatch.warehouse.connection import reader, scalar

#: The views with stable names (docs/schema.md), in the order they are written.
VIEWS = (
    "fact_status",
    "claim_details",
    "fact_timeline",
    "change_log",
    "disagreements",
    "alert_status",
    "feed_health",
    "entry_skips",
)

ExportFormat = Literal["parquet", "csv"]


@dataclass(frozen=True)
class Exported:
    name: str
    kind: str  # view | table
    rows: int
    path: Path


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _select(con: duckdb.DuckDBPyConnection, name: str, fmt: ExportFormat) -> str:
    """SELECT for one relation; for CSV, list and struct columns become JSON text."""
    if fmt != "csv":
        return f"SELECT * FROM {_quote(name)}"
    described = con.execute(f"DESCRIBE {_quote(name)}").fetchall()
    nested = [col for col, typ, *_ in described if typ.endswith("]") or typ.startswith(("STRUCT", "MAP"))]
    if not nested:
        return f"SELECT * FROM {_quote(name)}"
    replace = ", ".join(f"to_json({_quote(c)}) AS {_quote(c)}" for c in nested)
    return f"SELECT * REPLACE ({replace}) FROM {_quote(name)}"


def export(path: Path, out_dir: Path, *, fmt: ExportFormat = "parquet", tables: bool = False) -> list[Exported]:
    """Write every stable view (and every table with ``tables``) to ``out_dir/<name>.<fmt>``."""
    if fmt not in ("parquet", "csv"):
        raise InputError(f"export format {fmt!r} is not parquet or csv")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"cannot create the export directory: {err.strerror or err}", source=str(out_dir)) from None
    options = (
        "FORMAT parquet, COMPRESSION zstd"
        if fmt == "parquet"
        else "FORMAT csv, HEADER, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S.%fZ', DATEFORMAT '%Y-%m-%d'"
    )
    done: list[Exported] = []
    with reader(path) as con:
        con.execute("SET TimeZone = 'UTC'")  # every time is stored in UTC; CSV writes it with a Z
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        wanted = [(v, "view") for v in VIEWS if v in views]
        if tables:
            wanted += [
                (t, "table")
                for (t,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()
            ]
        for name, kind in wanted:
            target = out_dir / f"{name}.{fmt}"
            tmp = out_dir / f".{name}.{fmt}.tmp"
            try:
                con.execute(f"COPY ({_select(con, name, fmt)}) TO '{_escape(tmp)}' ({options})")
                rows = scalar(con, f"SELECT count(*) FROM {_quote(name)}")
            except duckdb.Error as err:
                tmp.unlink(missing_ok=True)
                raise QueryError(f"exporting {name} failed: {str(err).splitlines()[0]}") from None
            tmp.replace(target)
            done.append(Exported(name, kind, int(rows), target))
    return done


def _escape(p: Path) -> str:
    return str(p).replace("'", "''")
