"""The warehouse as a DuckLake: PostgreSQL catalog (a real server on 127.0.0.1), Parquet data in a
folder. The same migrations, views and queries as the DuckDB file, and several writers at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from isswatch.warehouse import queries
from isswatch.warehouse.connection import reader, writer
from isswatch.warehouse.lake import Lake
from isswatch.warehouse.migrations import applied, available
from tests.archive_fixtures import demo_config, demo_pages, write_warc

ARTICLES = "SELECT article_id, url, published_at, duplicate_of, version, relevant FROM articles ORDER BY 1"
CLAIMS = "SELECT claim_id, article_id, fact, value, status, reported_at FROM claims ORDER BY 1"
CHANGES = "SELECT change_id, fact, old_value, new_value, first_reported_at, detected_at FROM changes ORDER BY 1"


def _dump(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {q: con.execute(q).fetchall() for q in (ARTICLES, CLAIMS, CHANGES)}


def test_every_migration_applies_on_a_lake_once(tmp_path: Path, lake_catalog: str):
    lake = Lake(lake_catalog, str(tmp_path / "lake") + "/")
    with writer(lake) as con:
        assert applied(con) == [name for name, _ in available()]
    with writer(lake) as con:  # a second writer finds nothing to do
        assert len(applied(con)) == len(available())
        con.execute("INSERT INTO facts (key, baseline_value) VALUES ('x', '2028')")
        assert con.execute("SELECT muted FROM facts").fetchall() == [(False,)]  # the default survived
    with reader(lake) as con:
        assert con.execute("SELECT * FROM reported_as_of('x', DATE '2030-01-01')").fetchall() == []
        for view in (
            "fact_status",
            "fact_timeline",
            "claim_details",
            "change_log",
            "disagreements",
            "feed_health",
            "backfill_skips",
            "alert_status",
        ):
            con.execute(f"SELECT * FROM {view}").fetchall()


def test_a_backfill_into_a_lake_stores_what_it_stores_in_a_file(tmp_path: Path, lake_catalog: str, prefect_api):
    from isswatch.flows.backfill_flow import run_backfill_flow

    warc = write_warc(tmp_path / "crawl.warc.gz", demo_pages())
    file_cfg = demo_config(tmp_path / "file.toml", tmp_path / "file")
    lake_cfg = demo_config(tmp_path / "lake.toml", tmp_path / "lakedir", lake={"catalog": lake_catalog})
    a = run_backfill_flow([str(warc)], config=str(file_cfg))
    b = run_backfill_flow([str(warc)], config=str(lake_cfg))
    assert (a["articles_new"], a["claims_new"], a["skipped"]) == (b["articles_new"], b["claims_new"], b["skipped"])
    with duckdb.connect(str(tmp_path / "file" / "isswatch.duckdb"), read_only=True) as con:
        rows_file = _dump(con)
    lake = Lake(lake_catalog, str(tmp_path / "lakedir" / "lake") + "/")
    with reader(lake) as con:
        rows_lake = _dump(con)
    for q in rows_file:
        assert rows_file[q] == rows_lake[q], q
    assert list(Path(lake.data_path).rglob("*.parquet"))
    _columns, rows = queries.user_query(lake, "SELECT fact, reported_value FROM fact_status ORDER BY fact")
    assert ("iss.operations_end", "2030") in rows
    again = run_backfill_flow([str(warc)], config=str(lake_cfg))
    assert again["articles_new"] == again["claims_new"] == 0 and again["changes"] == []


@pytest.mark.slow
def test_two_backfills_at_once_from_two_processes_on_one_lake(tmp_path: Path, lake_catalog: str, prefect_api):
    warc = write_warc(tmp_path / "crawl.warc.gz", demo_pages())
    cfg = demo_config(tmp_path / "lake.toml", tmp_path / "data", lake={"catalog": lake_catalog}, dask={"batch": 10})
    env = {**os.environ, "PREFECT_API_URL": prefect_api, "PREFECT_LOGGING_LEVEL": "WARNING"}
    cmd = [sys.executable, "-m", "isswatch.flows.cli", "backfill", str(warc), "--config", str(cfg), "--format", "json"]
    procs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-3000:]
    lake = Lake(lake_catalog, str(tmp_path / "data" / "lake") + "/")
    with reader(lake) as con:
        for table, key in (
            ("articles", "article_id"),
            ("claims", "claim_id"),
            ("backfill_records", "record_key"),
            ("changes", "change_id"),
            ("facts", "key"),
            ("feeds", "url"),
        ):
            total, distinct = con.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()
            assert total == distinct, table
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (22,)
        assert con.execute("SELECT fact, old_value, new_value FROM changes").fetchall() == [
            ("iss.operations_end", "2028", "2030")
        ]
