"""`isswatch reprocess`: stored texts re-read with the current extractor, nothing fetched, old claims replaced."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from isswatch.extractors.claims.reading import EXTRACTOR_VERSION
from isswatch.flows.cli import app
from isswatch.warehouse.connection import reader, writer
from isswatch.warehouse.writes import insert_new

TEXT = (
    "NASA and Roscosmos agreed to operate the International Space Station until 2028. "
    "The station was once scheduled to retire in 2024."
)
NOW = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)


def seed(path):
    with writer(path) as con:
        insert_new(
            con,
            "articles",
            ["article_id"],
            [
                {
                    "article_id": "a1",
                    "url": "https://news.example/a1",
                    "text": TEXT,
                    "lang": "en",
                    "relevant": True,
                    "published_at": NOW,
                    "fetched_at": NOW,
                },
                {
                    "article_id": "a2",
                    "url": "https://news.example/a2",
                    "text": "Weather today.",
                    "lang": "en",
                    "relevant": False,
                    "fetched_at": NOW,
                },
            ],
        )
        insert_new(
            con,
            "claims",
            ["claim_id"],
            [
                {
                    "claim_id": "old1",
                    "article_id": "a1",
                    "fact": "iss.deorbit",
                    "value": "1999",
                    "status": "current",
                    "sentence": "wrong",
                    "start_offset": 0,
                    "end_offset": 5,
                    "extractor_version": "claims-0.0",
                }
            ],
        )


def config_for(tmp_path, path):
    cfg = tmp_path / "isswatch.toml"
    cfg.write_text(f'warehouse = "{path}"\n', encoding="utf-8")
    return cfg


def test_reprocess_replaces_outdated_claims_from_stored_text(tmp_path, warehouse_path):
    seed(warehouse_path)
    cfg = config_for(tmp_path, warehouse_path)
    result = CliRunner().invoke(app, ["reprocess", "--config", str(cfg), "--format", "json"])
    assert result.exit_code == 0, result.output
    with reader(warehouse_path) as con:
        rows = con.execute(
            "SELECT fact, value, status, extractor_version, reported_at FROM claims ORDER BY value"
        ).fetchall()
    assert ("iss.operations_end", "2024", "historical") in [r[:3] for r in rows]
    assert ("iss.operations_end", "2028", "current") in [r[:3] for r in rows]
    assert all(r[3] == EXTRACTOR_VERSION for r in rows), "the stale claim of the old version is gone"
    assert all(r[4] == NOW for r in rows), "reported_at stays the article's time"
    assert '"articles": 1' in result.output and '"claims_removed": 1' in result.output


def test_reprocess_is_idempotent_and_all_rereads_current_version_too(tmp_path, warehouse_path):
    seed(warehouse_path)
    cfg = config_for(tmp_path, warehouse_path)
    runner = CliRunner()
    runner.invoke(app, ["reprocess", "--config", str(cfg)])
    with reader(warehouse_path) as con:
        before = sorted(con.execute("SELECT claim_id FROM claims").fetchall())
    again = runner.invoke(app, ["reprocess", "--config", str(cfg), "--format", "json"])
    assert '"articles": 0' in again.output
    forced = runner.invoke(app, ["reprocess", "--all", "--config", str(cfg), "--format", "json"])
    assert '"articles": 1' in forced.output
    with reader(warehouse_path) as con:
        assert sorted(con.execute("SELECT claim_id FROM claims").fetchall()) == before


def test_reprocess_without_a_warehouse_is_one_clear_error(tmp_path):
    cfg = config_for(tmp_path, tmp_path / "missing" / "w.duckdb")
    result = CliRunner().invoke(app, ["reprocess", "--config", str(cfg)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_an_article_without_claims_is_read_once_not_at_every_reprocess(tmp_path, warehouse_path):
    seed(warehouse_path)
    with writer(warehouse_path) as con:
        insert_new(
            con,
            "articles",
            ["article_id"],
            [
                {
                    "article_id": "a3",
                    "url": "https://news.example/a3",
                    "text": "The ISS crew ate lunch.",
                    "lang": "en",
                    "relevant": True,
                    "published_at": NOW,
                    "fetched_at": NOW,
                }
            ],
        )
    cfg = config_for(tmp_path, warehouse_path)
    runner = CliRunner()
    first = runner.invoke(app, ["reprocess", "--config", str(cfg), "--format", "json"])
    assert '"articles": 2' in first.output
    again = runner.invoke(app, ["reprocess", "--config", str(cfg), "--format", "json"])
    assert '"articles": 0' in again.output and '"claims_written": 0' in again.output
