"""`isswatch query` reads only the warehouse, runs several statements; `isswatch export` writes the views.

Real DuckDB files and the real command line; the files a query tries to read or write are real too.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from isswatch.extractors.errors import QueryError
from isswatch.flows.cli import app
from isswatch.warehouse.connection import writer
from isswatch.warehouse.export import VIEWS, export
from isswatch.warehouse.queries import user_queries, user_query
from isswatch.warehouse.writes import insert_new

WHEN = dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def filled(warehouse_path: Path) -> Path:
    with writer(warehouse_path) as con:
        insert_new(con, "feeds", ["url"], [{"url": "http://127.0.0.1:1/feed", "name": "Feed", "disabled": False}])
        insert_new(
            con,
            "changes",
            ["change_id"],
            [
                {
                    "change_id": "c1",
                    "fact": "iss.operations_end",
                    "kind": "change",
                    "old_value": "2028",
                    "new_value": "2030",
                    "detected_at": WHEN,
                    "first_reported_at": WHEN,
                    "article_urls": ["http://127.0.0.1:1/a", "http://127.0.0.1:1/b"],
                    "primary_source": True,
                }
            ],
        )
    return warehouse_path


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def config_for(tmp_path: Path, warehouse: Path) -> Path:
    path = tmp_path / "isswatch.toml"
    path.write_text(f'data_dir = "{tmp_path}"\nwarehouse = "{warehouse}"\n', encoding="utf-8")
    return path


def test_query_cannot_write_or_read_other_files(filled: Path, tmp_path: Path):
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    for sql in (
        f"COPY feeds TO '{target}'",
        f"SELECT * FROM read_csv('{secret}')",
        f"ATTACH '{tmp_path / 'other.duckdb'}' AS other",
        "SET enable_external_access = true",
        f"SELECT * FROM glob('{tmp_path}/*')",
        f"EXPORT DATABASE '{tmp_path / 'dump'}'",
    ):
        with pytest.raises(QueryError):
            user_query(filled, sql)
    assert not target.exists() and not (tmp_path / "other.duckdb").exists() and not (tmp_path / "dump").exists()
    assert user_query(filled, "SELECT count(*) FROM feeds")[1] == [(1,)]  # the warehouse itself still reads


def test_several_statements_each_give_a_result(filled: Path):
    results = user_queries(filled, "SELECT 1 AS a; SELECT url FROM feeds;")
    assert results == [(["a"], [(1,)]), (["url"], [("http://127.0.0.1:1/feed",)])]
    with pytest.raises(QueryError, match="2 statements"):
        user_query(filled, "SELECT 1; SELECT 2")


def test_cli_query_shows_every_result_as_a_table_and_refuses_them_in_json(filled: Path, tmp_path: Path):
    cfg = str(config_for(tmp_path, filled))
    table = invoke("query", "-c", cfg, "SELECT 41 + 1 AS first; SELECT 'x' AS second")
    assert table.exit_code == 0 and "42" in table.stdout and "second" in table.stdout
    refused = invoke("query", "-c", cfg, "-f", "json", "SELECT 1; SELECT 2")
    assert refused.exit_code == 1 and "2 statements" in refused.stderr
    copy = invoke("query", "-c", cfg, f"COPY feeds TO '{tmp_path / 'x.csv'}'")
    assert copy.exit_code == 1 and "isswatch export" in copy.stderr and not (tmp_path / "x.csv").exists()


def test_export_parquet_keeps_types(filled: Path, tmp_path: Path):
    done = export(filled, tmp_path / "out")
    assert [e.name for e in done] == list(VIEWS)
    log = pq.read_table(tmp_path / "out" / "change_log.parquet").to_pylist()
    assert log[0]["article_urls"] == ["http://127.0.0.1:1/a", "http://127.0.0.1:1/b"]
    assert log[0]["detected_at"] == WHEN
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_export_csv_for_spreadsheets_and_tables_on_request(filled: Path, tmp_path: Path):
    cfg = str(config_for(tmp_path, filled))
    result = invoke("export", str(tmp_path / "csv"), "-c", cfg, "--format", "csv", "--tables", "--list-format", "json")
    assert result.exit_code == 0, result.stderr
    listed = {e["name"]: e for e in json.loads(result.stdout)}
    assert listed["changes"]["kind"] == "table" and listed["change_log"]["rows"] == 1
    with open(tmp_path / "csv" / "changes.csv", encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    assert json.loads(row["article_urls"]) == ["http://127.0.0.1:1/a", "http://127.0.0.1:1/b"]
    assert row["primary_source"] == "true"
    assert dt.datetime.fromisoformat(row["detected_at"]) == WHEN
    bad = invoke("export", str(tmp_path / "x"), "-c", cfg, "--format", "xlsx")
    assert bad.exit_code == 1 and "parquet or csv" in bad.stderr


def test_csv_and_jsonl_stream_large_results(filled: Path, tmp_path: Path):
    cfg = str(config_for(tmp_path, filled))
    result = invoke("query", "-c", cfg, "-f", "jsonl", "SELECT i, i % 2 = 0 AS even FROM range(25000) t(i)")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 25000
    assert json.loads(lines[-1]) == {"i": 24999, "even": False}
    refused = invoke("query", "-c", cfg, "-f", "csv", f"SELECT * FROM read_csv('{tmp_path / 'isswatch.toml'}')")
    assert refused.exit_code == 1 and "Permission" in refused.stderr
