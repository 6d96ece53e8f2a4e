"""A DuckDB connection that fails at a chosen commit point, and a CLI entry point that uses it.

``python -m tests.fault_fixtures ARGS`` runs the ``isswatch`` CLI with every write connection wrapped,
failing the commit point given by ``ISSWATCH_TEST_FAIL_AT`` (1-based): tests run it as a subprocess to
see what a user sees when the disk fills during a round.
"""

from __future__ import annotations

import os
import re
from typing import Any

import duckdb

_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.I)


_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.I)


class FaultyConnection:
    """A DuckDB connection that counts commit points and fails the ``fail_at``-th one (1-based)."""

    counter = 0
    fail_at: int | None = None

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con
        self._in_transaction = False

    def execute(self, sql: str, *args: Any, **kwargs: Any) -> Any:
        head = sql.lstrip().upper()
        commit_point = head.startswith(("COMMIT", "CHECKPOINT")) or (
            not self._in_transaction and bool(_WRITE.match(sql))
        )
        if commit_point:
            cls = type(self)
            cls.counter += 1
            if cls.counter == cls.fail_at:
                raise duckdb.IOException("IO Error: injected: could not write: No space left on device")
        if head.startswith("BEGIN"):
            self._in_transaction = True
        elif head.startswith(("COMMIT", "ROLLBACK")):
            self._in_transaction = False
        return self._con.execute(sql, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def install(fail_at: int | None) -> None:
    """Wrap every write connection opened from now on in this process."""
    import isswatch.warehouse.connection as connection

    real = connection.open_connection

    def wrapped(path: Any, *, read_only: bool = False, wait: float = 15.0) -> Any:
        con = real(path, read_only=read_only, wait=wait)
        return con if read_only else FaultyConnection(con)

    FaultyConnection.counter, FaultyConnection.fail_at = 0, fail_at
    connection.open_connection = wrapped  # type: ignore[assignment]


if __name__ == "__main__":
    install(int(os.environ["ISSWATCH_TEST_FAIL_AT"]))
    from isswatch.flows.cli import main

    main()
