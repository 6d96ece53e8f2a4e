"""Ordered, named schema migrations recorded in a table (sqlite-utils' migrations are the model).

Each migration is a file ``warehouse/sql/NNNN_name.sql``; its stem is its name. A migration runs once,
inside a transaction together with the row that records it, so a failure leaves the schema as it was.
Never edit an applied migration: add the next one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from importlib import resources

import duckdb

from isswatch.extractors.errors import MigrationError
from isswatch.warehouse.comments import apply_comments
from isswatch.warehouse.lake import install_macros, is_lake, lake_sql

_TABLE = "schema_migrations"


def available() -> list[tuple[str, str]]:
    """(name, sql) of every bundled migration, in order."""
    files = [f for f in resources.files("isswatch.warehouse").joinpath("sql").iterdir() if f.name.endswith(".sql")]
    return [(f.name[:-4], f.read_text(encoding="utf-8")) for f in sorted(files, key=lambda f: f.name)]


def applied(con: duckdb.DuckDBPyConnection) -> list[str]:
    key = "" if is_lake(con) else " PRIMARY KEY"
    con.execute(f"CREATE TABLE IF NOT EXISTS {_TABLE} (name VARCHAR{key}, applied_at TIMESTAMPTZ)")
    return [r[0] for r in con.execute(f"SELECT name FROM {_TABLE} ORDER BY name").fetchall()]


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations not yet applied; return their names."""
    done = set(applied(con))
    lake = is_lake(con)
    ran: list[str] = []
    for name, sql in available():
        if name in done:
            continue
        if lake:
            sql = lake_sql(sql)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute(f"INSERT INTO {_TABLE} VALUES (?, ?)", [name, dt.datetime.now(dt.UTC)])
        except duckdb.Error as err:
            con.execute("ROLLBACK")
            raise MigrationError(f"migration {name} failed: {err}") from None
        con.execute("COMMIT")
        ran.append(name)
    if lake and ran:
        install_macros(con)
    with contextlib.suppress(duckdb.Error):  # documentation only: never a reason to refuse the warehouse
        apply_comments(con, force=bool(ran))
    return ran
