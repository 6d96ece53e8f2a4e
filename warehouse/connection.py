"""Opening the warehouse file, briefly, with a clear word when another process holds the lock.

DuckDB allows one writing process or many reading ones, never both. Writers therefore hold their
connection only for the length of one batch of writes; readers and writers that meet a lock retry for
a while and then raise ``WarehouseBusy`` with a sentence a user understands.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from isswatch.extractors.errors import WarehouseBusy, WarehouseError
from isswatch.warehouse.lake import Lake, connect_lake
from isswatch.warehouse.migrations import migrate

_LOCK_WORDS = ("Could not set lock", "Conflicting lock", "lock on file")


# The engine's error class under the warehouse's name: code above ``warehouse/`` catches it without importing
# DuckDB (tests/test_layout.py keeps DuckDB inside this package).
DatabaseError = duckdb.Error


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
    return (
        f"the warehouse is locked: {holder} is {what} it (waited {wait:.0f} s to "
        f"{'read' if read_only else 'write'}); try again when it ends"
    )


def open_connection(
    path: Path | str | Lake, *, read_only: bool = False, wait: float = 15.0
) -> duckdb.DuckDBPyConnection:
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
                raise WarehouseBusy(busy_message(err, read_only=read_only, wait=wait), source=str(p)) from None
            raise WarehouseError(f"cannot open the warehouse: {one_line(err)}", source=str(p)) from None


#: Free space under which a round is not started: DuckDB needs room for its WAL and a checkpoint.
MIN_FREE_BYTES = 16 * 1024**2


def preflight(path: Path | str | Lake, *, wait: float = 15.0, min_free: int = MIN_FREE_BYTES) -> None:
    """Check, before any long start-up, that the warehouse can be written now: its directory can be
    created and written (a real write, so a read-only mount is found even by root), the disk has room,
    the file is writable, no other process holds its lock, and its schema is up to date. A DuckLake has no
    file lock to check: its writers take turns under a PostgreSQL lock (``isswatch.warehouse.lake``)."""
    if isinstance(path, Lake):
        return
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WarehouseError(f"cannot create the warehouse directory: {err.strerror}", source=str(p)) from None
    probe = p.parent / f".isswatch-probe-{os.getpid()}"
    try:
        with open(probe, "wb") as f:
            f.write(b"\0" * 65536)
            f.flush()
            os.fsync(f.fileno())
    except OSError as err:
        if err.errno == errno.ENOSPC:
            raise WarehouseError(f"the disk holding {p.parent} is full", source=str(p)) from None
        raise WarehouseError(f"cannot write in {p.parent}: {err.strerror}", source=str(p)) from None
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    free = shutil.disk_usage(p.parent).free
    if free < min_free:
        raise WarehouseError(
            f"the disk holding {p.parent} is full ({free // 1024} KiB free, a round needs "
            f"at least {min_free // 1024**2} MiB)",
            source=str(p),
        )
    if p.exists() and not os.access(p, os.W_OK):
        raise WarehouseError("the warehouse file is read-only", source=str(p))
    with writer(p, wait=wait):
        pass


@contextlib.contextmanager
def writer(path: Path | str | Lake, *, wait: float = 60.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived write connection with the schema brought up to date (on a lake, holding the
    writers' lock, as the file lock does for a DuckDB file: see ``isswatch.warehouse.lake``)."""
    con = open_connection(path, wait=wait)
    try:
        try:
            migrate(con)
        except duckdb.Error as err:
            raise WarehouseError(f"cannot update the warehouse schema: {one_line(err)}", source=str(path)) from None
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


def one_line(err: BaseException) -> str:
    """DuckDB's message on one line (extra paragraphs such as hints dropped), for an Error: line;
    a full disk is said first."""
    text = " ".join(str(err).split("\n\n")[0].split()) or err.__class__.__name__
    if "No space left" in text or "disk is full" in text.lower():
        return f"the disk is full ({text})"
    return text


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
