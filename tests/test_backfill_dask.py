"""Extraction batches on a real local Dask cluster of 2 worker processes, through prefect-dask's task
runner, store exactly the rows the process pool stores."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.archive_fixtures import demo_config, demo_pages, write_warc

ARTICLES = "SELECT article_id, url, published_at, duplicate_of, version, relevant FROM articles ORDER BY 1"
CLAIMS = "SELECT claim_id, article_id, fact, value, status, reported_at FROM claims ORDER BY 1"
CHANGES = "SELECT change_id, fact, old_value, new_value, first_reported_at, detected_at FROM changes ORDER BY 1"
RECORDS = "SELECT record_key, outcome, skip_reason, article_id FROM backfill_records ORDER BY 1"


def _dump(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {q: con.execute(q).fetchall() for q in (ARTICLES, CLAIMS, CHANGES, RECORDS)}


@pytest.mark.slow
def test_a_backfill_on_two_dask_workers_stores_the_same_rows_as_the_process_pool(tmp_path: Path, prefect_api):
    from isswatch.flows.backfill_flow import run_backfill_flow

    warc = write_warc(tmp_path / "crawl.warc.gz", demo_pages())
    pool = demo_config(tmp_path / "pool.toml", tmp_path / "pool")
    dask = demo_config(tmp_path / "dask.toml", tmp_path / "dask", dask={"workers": 2, "batch": 8})
    a = run_backfill_flow([str(warc)], config=str(pool))
    b = run_backfill_flow([str(warc)], config=str(dask))
    assert (a["runner"], b["runner"]) == ("process pool", "dask")
    for key in ("records_read", "articles_new", "claims_new", "skipped"):
        assert a[key] == b[key], key
    rows_a, rows_b = _dump(tmp_path / "pool" / "isswatch.duckdb"), _dump(tmp_path / "dask" / "isswatch.duckdb")
    for q in rows_a:
        assert rows_a[q] == rows_b[q], q
    assert len(rows_b[CHANGES]) == 1 and len(rows_b[ARTICLES]) == 22
