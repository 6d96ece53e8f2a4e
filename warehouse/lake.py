"""A DuckLake warehouse: the catalog in PostgreSQL, the data as Parquet files on a path or object store.

One DuckDB file admits one writing process; a DuckLake admits many, on many machines. The same
migrations, views and queries run on both, with what DuckLake lacks made up here:

- no PRIMARY KEY or UNIQUE constraints: isswatch never relied on them to reject rows (every insert is
  an anti join on the key, ``isswatch.warehouse.writes``), but two processes could each find a key missing and
  both insert it. So a writer holds a PostgreSQL advisory lock for its short batch of writes (the lake's
  equivalent of the DuckDB file lock), and extraction, the long part, stays parallel;
- no ``ON CONFLICT``: ``upsert`` becomes ``MERGE INTO`` on a lake;
- only literal defaults (``DEFAULT 'false'``, not ``DEFAULT false``) and no stored macros: migrations
  are rewritten on the way in, and table macros are created as temporary macros on every connection.

The extensions come from the registry packages ``duckdb-ext-ducklake`` and ``duckdb-ext-postgres``
(the ``lake`` extra), built for exactly the pinned DuckDB; nothing is downloaded at run time.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from isswatch.extractors.errors import WarehouseBusy, WarehouseError

ALIAS = "lake"
_LOCK_ALIAS = "isswatch_lock"
#: The advisory lock isswatch writers take on the catalog database (any constant, the same everywhere).
LOCK_KEY = 0x15577A7C
_MACRO = re.compile(r"CREATE OR REPLACE MACRO.*?;\s*$", re.S | re.M | re.I)


@dataclass(frozen=True)
class Lake:
    """Where a DuckLake lives: ``catalog`` is a libpq connection string (``dbname=... host=...``)."""

    catalog: str
    data_path: str

    def exists(self) -> bool:
        return True

    def is_file(self) -> bool:
        return True

    def __str__(self) -> str:
        safe = re.sub(r"password=\S+", "password=***", self.catalog)
        return f"DuckLake (catalog '{safe}', data {self.data_path})"


def is_lake(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT type FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return row is not None and row[0] == "ducklake"


def lake_sql(sql: str) -> str:
    """A migration as DuckLake takes it: no key constraints, literal defaults, macros left out."""
    sql = _MACRO.sub("", sql)
    sql = re.sub(r",\s*PRIMARY KEY\s*\([^)]*\)", "", sql, flags=re.I)
    sql = re.sub(r"\s+PRIMARY KEY\b", "", sql, flags=re.I)
    return re.sub(r"DEFAULT (true|false)\b", r"DEFAULT '\1'", sql, flags=re.I)


def _macros() -> list[str]:
    from isswatch.warehouse.migrations import available

    found = []
    for _, sql in available():
        found += [
            m.group(0).replace("CREATE OR REPLACE MACRO", "CREATE OR REPLACE TEMP MACRO", 1)
            for m in _MACRO.finditer(sql)
        ]
    return found


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """isswatch's table macros, as temporary macros of this connection; a macro is bound to its tables
    when created, so on a lake not migrated yet this waits for ``migrate`` to call it again."""
    for macro in _macros():
        try:
            con.execute(macro)
        except duckdb.CatalogException:
            return


def _extension_directory() -> str:
    try:
        import duckdb_ext
    except ImportError:
        raise WarehouseError(
            "a DuckLake warehouse needs the lake extensions: pip install -c constraints.txt -e '.[lake]'"
        ) from None
    return str(Path(next(iter(duckdb_ext.__path__))) / "extensions")


def connect_lake(lake: Lake, *, read_only: bool = False, lock_wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """A connection whose default catalog is the lake, with isswatch's table macros. ``lock_wait``: take
    the writers' lock first (before the lake is attached: the first attach of a new catalog creates its
    tables, which two processes must not do at once)."""
    con = duckdb.connect(
        config={
            "extension_directory": _extension_directory(),
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        }
    )
    try:
        con.execute("LOAD ducklake; LOAD postgres")
        if lock_wait is not None:
            take_write_lock(con, lake, wait=lock_wait)
        if not lake.data_path.startswith(("s3://", "gs://", "az://", "r2://", "http")):
            Path(lake.data_path).mkdir(parents=True, exist_ok=True)
        options = f"DATA_PATH '{lake.data_path.replace(chr(39), chr(39) * 2)}'" + (", READ_ONLY" if read_only else "")
        con.execute(f"ATTACH 'ducklake:postgres:{lake.catalog.replace(chr(39), chr(39) * 2)}' AS {ALIAS} ({options})")
        con.execute(f"USE {ALIAS}")
        install_macros(con)
    except duckdb.Error as err:
        con.close()
        raise WarehouseError(f"cannot open the lake: {err}", source=str(lake)) from None
    except WarehouseError:
        con.close()
        raise
    return con


def take_write_lock(con: duckdb.DuckDBPyConnection, lake: Lake, *, wait: float) -> None:
    """Hold isswatch's writer lock on the catalog database until ``con`` closes (its PostgreSQL session
    ends with it); WarehouseBusy after ``wait`` seconds."""
    con.execute(f"ATTACH '{lake.catalog.replace(chr(39), chr(39) * 2)}' AS {_LOCK_ALIAS} (TYPE postgres)")
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        got = con.execute(
            f"SELECT * FROM postgres_query('{_LOCK_ALIAS}', 'SELECT pg_try_advisory_lock({LOCK_KEY}) AS got')"
        ).fetchone()
        if got and got[0]:
            return
        if time.monotonic() >= deadline:
            raise WarehouseBusy(
                f"another isswatch process is writing to the lake (waited {wait:.0f} s)", source=str(lake)
            )
        time.sleep(delay)
        delay = min(delay * 2, 0.5)
