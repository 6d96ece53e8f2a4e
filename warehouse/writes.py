"""Batch writes: a whole batch goes in with one statement, never row by row.

Rows are handed over as an Arrow table typed after the target table's own columns (DuckDB's fastest
correct append), each batch is deduplicated on its key first (DuckDB keeps only the first row when an
``ON CONFLICT`` statement meets the same key twice), and inserts skip keys already stored, so running
the same round twice writes no duplicate rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from isswatch.warehouse.lake import is_lake

_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "UBIGINT": pa.uint64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP WITH TIME ZONE": pa.timestamp("us", tz="UTC"),
    "VARCHAR[]": pa.list_(pa.string()),
}


def _arrow_schema(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]) -> pa.Schema:
    types = {r[0]: r[1] for r in con.execute(f"DESCRIBE {table}").fetchall()}
    fields = []
    for c in columns:
        if c not in types:
            raise KeyError(f"{table} has no column {c!r}")
        fields.append(pa.field(c, _ARROW_TYPES[types[c]]))
    return pa.schema(fields)


def _batch(
    con: duckdb.DuckDBPyConnection, table: str, key: Sequence[str], rows: Iterable[Mapping[str, Any]]
) -> pa.Table | None:
    unique: dict[tuple[Any, ...], Mapping[str, Any]] = {}
    for row in rows:
        unique[tuple(row[k] for k in key)] = row  # the last row of a key wins
    if not unique:
        return None
    columns = list(next(iter(unique.values())).keys())
    schema = _arrow_schema(con, table, columns)
    return pa.Table.from_pylist([dict(r) for r in unique.values()], schema=schema)


def insert_new(
    con: duckdb.DuckDBPyConnection, table: str, key: Sequence[str], rows: Iterable[Mapping[str, Any]]
) -> int:
    """Insert the rows whose key is not stored yet; return how many were inserted."""
    batch = _batch(con, table, key, rows)
    if batch is None:
        return 0
    con.register("_isswatch_batch", batch)
    try:
        keys = ", ".join(key)
        result = con.execute(
            f"INSERT INTO {table} BY NAME SELECT b.* FROM _isswatch_batch b ANTI JOIN {table} t USING ({keys})"
        ).fetchone()
    finally:
        con.unregister("_isswatch_batch")
    return int(result[0]) if result else 0


def upsert(con: duckdb.DuckDBPyConnection, table: str, key: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert rows, or update every given column of rows whose key is stored; return the row count."""
    batch = _batch(con, table, key, rows)
    if batch is None:
        return 0
    updates = [c for c in batch.column_names if c not in key]
    con.register("_isswatch_batch", batch)
    try:
        if is_lake(con):  # no keys, so no ON CONFLICT, on a DuckLake
            matched = f"WHEN MATCHED THEN UPDATE SET {', '.join(f'{c} = b.{c}' for c in updates)} " if updates else ""
            result = con.execute(
                f"MERGE INTO {table} USING _isswatch_batch b USING ({', '.join(key)}) "
                f"{matched}WHEN NOT MATCHED THEN INSERT BY NAME"
            ).fetchone()
            return int(result[0]) if result else 0
        conflict = f"DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in updates)}" if updates else "DO NOTHING"
        result = con.execute(
            f"INSERT INTO {table} BY NAME SELECT * FROM _isswatch_batch ON CONFLICT ({', '.join(key)}) {conflict}"
        ).fetchone()
    finally:
        con.unregister("_isswatch_batch")
    return int(result[0]) if result else 0
