"""Opening the warehouse file, briefly, with a clear word when another process holds the lock.

DuckDB allows one writing process or many reading ones, never both. Writers therefore hold their
connection only for the length of one batch of writes; readers and writers that meet a lock retry for
a while and then raise ``WarehouseBusy`` with a sentence a user understands.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from extractors.errors import WarehouseBusy, WarehouseError
from warehouse.migrations import migrate

_LOCK_WORDS = ("Could not set lock", "Conflicting lock", "lock on file")


def _is_lock_error(err: Exception) -> bool:
    return any(w in str(err) for w in _LOCK_WORDS)


def lock_holder(message: str) -> str:
    """Who holds the lock, as far as DuckDB's message tells: it names the holder's PID, and adds that a
    read-only open would work when the holder is a reader."""
    pid = re.search(r"\(PID (\d+)\)", message)
    who = "a reader" if "read-only mode" in message else "a writer"
    if "read-only mode" not in message and "Conflicting lock" not in message:
        who = "another process"
    return f"{who} (process {pid.group(1)})" if pid else who


def busy_message(err: Exception, *, read_only: bool, wait: float) -> str:
    """The sentence for a lock held elsewhere: who holds it, and what to do."""
    holder = lock_holder(str(err))
    what = "reading" if holder.startswith("a reader") else "writing to"
    if holder.startswith("another"):
        what = "using"
    return (f"the warehouse is locked: {holder} is {what} it (waited {wait:.0f} s to "
            f"{'read' if read_only else 'write'}); try again when it ends")


def open_connection(path: Path | str, *, read_only: bool = False, wait: float = 15.0) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, waiting up to ``wait`` seconds while another process holds its lock."""
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
                raise WarehouseBusy(busy_message(err, read_only=read_only, wait=wait), source=str(p)) from None
            raise WarehouseError(f"cannot open the warehouse: {one_line(err)}", source=str(p)) from None


@contextlib.contextmanager
def writer(path: Path | str, *, wait: float = 60.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived write connection with the schema brought up to date."""
    con = open_connection(path, wait=wait)
    try:
        migrate(con)
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def reader(path: Path | str, *, wait: float = 15.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection; raises WarehouseError when the file does not exist yet."""
    con = open_connection(path, read_only=True, wait=wait)
    try:
        yield con
    finally:
        con.close()


def one_line(err: BaseException) -> str:
    """DuckDB's message without its class prefix and extra lines (hints, stack), for an Error: line."""
    text = " ".join(str(err).split("\n\n")[0].split())
    return text or err.__class__.__name__


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN/COMMIT, rolled back on any error so a failed batch leaves stored rows as they were.

    A failed ROLLBACK (the database already invalidated by an I/O error) never hides the first error:
    DuckDB then discards the open transaction when the connection closes."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
