"""Opening the warehouse file, briefly, with a clear word when another process holds the lock.

DuckDB allows one writing process or many reading ones, never both. Writers therefore hold their
connection only for the length of one batch of writes; readers and writers that meet a lock retry for
a while and then raise ``WarehouseBusy`` with a sentence a user understands.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from extractors.errors import WarehouseBusy, WarehouseError
from warehouse.lake import Lake, connect_lake
from warehouse.migrations import migrate

_LOCK_WORDS = ("Could not set lock", "Conflicting lock", "lock on file")


def _is_lock_error(err: Exception) -> bool:
    return any(w in str(err) for w in _LOCK_WORDS)


def open_connection(path: Path | str | Lake, *, read_only: bool = False,
                    wait: float = 15.0) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, waiting up to ``wait`` seconds while another process holds its lock (or a
    DuckLake, which has no such lock: see ``writer``)."""
    if isinstance(path, Lake):  # a writer holds the lake's writers' lock until it closes
        return connect_lake(path, read_only=read_only, lock_wait=None if read_only else wait)
    p = Path(path)
    if read_only and not p.exists():
        raise WarehouseError(f"no warehouse at {p}: run `isswatch run` or `isswatch demo` first")
    if not read_only:
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise WarehouseError(f"cannot create the warehouse directory: {err}", source=str(p)) from None
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(p), read_only=read_only)
        except duckdb.Error as err:
            if _is_lock_error(err) and time.monotonic() < deadline:
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
                continue
            if _is_lock_error(err):
                raise WarehouseBusy(
                    f"another isswatch process is writing to the warehouse (waited {wait:.0f} s); "
                    "try again when its round ends", source=str(p)) from None
            raise WarehouseError(f"cannot open the warehouse: {err}", source=str(p)) from None


@contextlib.contextmanager
def writer(path: Path | str | Lake, *, wait: float = 60.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived write connection with the schema brought up to date (on a lake, holding the
    writers' lock, as the file lock does for a DuckDB file: see ``warehouse.lake``)."""
    con = open_connection(path, wait=wait)
    try:
        migrate(con)
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def reader(path: Path | str | Lake, *, wait: float = 15.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection; raises WarehouseError when the file does not exist yet."""
    con = open_connection(path, read_only=True, wait=wait)
    try:
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN/COMMIT, rolled back on any error so a failed batch leaves stored rows as they were."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
