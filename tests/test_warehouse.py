import datetime as dt
import subprocess
import sys
import time

import duckdb
import pytest

from isswatch.extractors.errors import MigrationError, QueryError, WarehouseBusy, WarehouseError
from isswatch.warehouse import migrations
from isswatch.warehouse.connection import open_connection, reader, transaction, writer
from isswatch.warehouse.queries import user_query
from isswatch.warehouse.writes import insert_new, upsert


def test_migrations_are_recorded_in_order_and_run_once(warehouse_path):
    with writer(warehouse_path) as con:
        names = migrations.applied(con)
        assert names == sorted(names) and names[0] == "0001_initial"
        assert names == [n for n, _ in migrations.available()]
        assert migrations.migrate(con) == []
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"feeds", "polls", "entries", "articles", "claims", "facts", "changes", "alerts", "rounds"} <= tables
    assert {"fact_status", "fact_timeline", "claim_details", "change_log", "disagreements", "feed_health"} <= tables


def test_a_failing_migration_changes_nothing(warehouse_path, monkeypatch):
    with writer(warehouse_path) as con:
        con.execute("INSERT INTO feeds (url) VALUES ('https://kept.example/feed')")
    real = migrations.available()
    monkeypatch.setattr(
        migrations,
        "available",
        lambda: [*real, ("9999_broken", "CREATE TABLE half (x INT); SELECT * FROM no_such_table;")],
    )
    with pytest.raises(MigrationError, match="9999_broken"), writer(warehouse_path):
        pass
    monkeypatch.undo()
    with reader(warehouse_path) as con:
        assert con.execute("SELECT url FROM feeds").fetchall() == [("https://kept.example/feed",)]
        half = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'half'").fetchone()
        assert half[0] == 0
        assert con.execute("SELECT count(*) FROM schema_migrations WHERE name = '9999_broken'").fetchone()[0] == 0


def test_insert_new_deduplicates_the_batch_and_skips_stored_keys(warehouse_path):
    now = dt.datetime.now(dt.UTC)
    rows = [
        {"article_id": "a", "url": "u1", "fingerprint": 2**64 - 1, "fetched_at": now},
        {"article_id": "a", "url": "u1-later", "fingerprint": 1, "fetched_at": now},
        {"article_id": "b", "url": "u2", "fingerprint": None, "fetched_at": None},
    ]
    with writer(warehouse_path) as con:
        assert insert_new(con, "articles", ["article_id"], rows) == 2
        assert insert_new(con, "articles", ["article_id"], rows) == 0
        got = con.execute("SELECT article_id, url, fingerprint FROM articles ORDER BY 1").fetchall()
    assert got == [("a", "u1-later", 1), ("b", "u2", None)]


def test_upsert_updates_only_given_columns(warehouse_path):
    with writer(warehouse_path) as con:
        upsert(con, "feeds", ["url"], [{"url": "x", "etag": '"1"', "consecutive_failures": 3}])
        upsert(con, "feeds", ["url"], [{"url": "x", "etag": '"2"'}])
        assert con.execute("SELECT etag, consecutive_failures FROM feeds").fetchall() == [('"2"', 3)]


def test_a_failed_transaction_leaves_stored_rows(warehouse_path):
    with writer(warehouse_path) as con:
        insert_new(con, "feeds", ["url"], [{"url": "kept"}])
        with pytest.raises(duckdb.Error), transaction(con):
            insert_new(con, "feeds", ["url"], [{"url": "lost"}])
            con.execute("SELECT * FROM no_such_table")
        assert con.execute("SELECT url FROM feeds").fetchall() == [("kept",)]


def test_user_query_is_read_only_and_bad_sql_is_a_clear_error(warehouse_path):
    with writer(warehouse_path) as con:
        insert_new(con, "feeds", ["url"], [{"url": "kept"}])
    assert user_query(warehouse_path, "SELECT url FROM feeds") == (["url"], [("kept",)])
    with pytest.raises(QueryError, match="no_such"):
        user_query(warehouse_path, "SELECT * FROM no_such")
    with pytest.raises(QueryError, match="read-only"):
        user_query(warehouse_path, "DELETE FROM feeds")
    assert user_query(warehouse_path, "SELECT count(*) FROM feeds")[1] == [(1,)]


def test_missing_warehouse_is_named(tmp_path):
    with pytest.raises(WarehouseError, match="no warehouse at"):
        user_query(tmp_path / "none.duckdb", "SELECT 1")


@pytest.mark.parametrize(("mode", "holder_word"), [("w", "a writer"), ("r", "a reader")])
def test_a_lock_held_elsewhere_makes_us_wait_then_say_who_holds_it(warehouse_path, mode, holder_word):
    with writer(warehouse_path):
        pass
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == 'r'); "
                "print('locked', flush=True); time.sleep(30)"
            ),
            str(warehouse_path),
            mode,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(WarehouseBusy, match=f"locked: {holder_word} \\(process {holder.pid}\\)"):
            open_connection(warehouse_path, wait=1.0)
        assert 0.9 < time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()
    with reader(warehouse_path) as con:  # the lock is gone with the process
        assert con.execute("SELECT 1").fetchone() == (1,)
