"""DuckDB COMMENTs on every table, view and column, from ``sql/comments/schema.toml``.

Comments are applied after the migrations whenever the descriptions changed or a migration ran (a view
replaced by a later migration loses its comments), so any DuckDB client can read what a column means:
``SELECT table_name, column_name, comment FROM duckdb_columns()``. The descriptions' hash is kept as the
comment of ``schema_migrations``, so an up-to-date warehouse costs one query to check.
"""

from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from importlib import resources
from typing import Any

import duckdb

_FILE = ("sql", "comments", "schema.toml")
_MARK = "applied schema migrations; comments "


@cache
def descriptions() -> dict[str, Any]:
    return tomllib.loads(_text())


@cache
def _text() -> str:
    return resources.files("isswatch.warehouse").joinpath(*_FILE).read_text(encoding="utf-8")


def _digest() -> str:
    return hashlib.sha256(_text().encode()).hexdigest()[:16]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def column_comment(relation: str, column: str) -> str | None:
    """The description of a column of a table or view (a view falls back on its ``from`` tables)."""
    d = descriptions()
    if relation in d["tables"]:
        return _text_or_none(d["tables"][relation].get(column))
    view = d["views"].get(relation, {})
    if column in view and column not in ("_", "from"):
        return _text_or_none(view[column])
    for table in view.get("from", []):
        if column in d["tables"].get(table, {}):
            return _text_or_none(d["tables"][table][column])
    return None


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def statements(con: duckdb.DuckDBPyConnection) -> list[str]:
    """COMMENT statements for every relation and column present in the database that has a description."""
    d = descriptions()
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal").fetchall()}
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    out = []
    for name in sorted(tables | views):
        kind = "TABLE" if name in tables else "VIEW"
        text = (d["tables"] if name in tables else d["views"]).get(name, {}).get("_")
        if text:
            out.append(f"COMMENT ON {kind} {_quote(name)} IS {_literal(text)}")
    for relation, column in con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal ORDER BY 1, column_index"
    ).fetchall():
        text = column_comment(relation, column)
        if text:
            out.append(f"COMMENT ON COLUMN {_quote(relation)}.{_quote(column)} IS {_literal(text)}")
    return out


def apply_comments(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """Apply the comments when they changed or ``force``; returns whether they were applied."""
    mark = _MARK + _digest()
    current = con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'schema_migrations'").fetchone()
    if not force and current and current[0] == mark:
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        for sql in statements(con):
            con.execute(sql)
        con.execute(f"COMMENT ON TABLE schema_migrations IS {_literal(mark)}")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return True
