"""``isswatch backfill`` on archives the tests write themselves: a WARC of the demo corpus with the damage
real crawls have, JSON Lines published out of order, folders of saved pages. Real DuckDB, real Prefect
(its temporary API), the real extraction pool."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from isswatch.extractors.fetching.archives import archive_files, read_archives
from tests.archive_fixtures import ROUND2, demo_config, demo_pages, write_warc
from tests.round_fixtures import article_html, story_paragraphs


def _reasons(records) -> Counter:
    return Counter(getattr(r, "reason", "page") for r in records)


def test_the_reader_names_every_damaged_record(tmp_path: Path):
    pages = demo_pages()
    warc = write_warc(tmp_path / "crawl.warc.gz", pages)
    records = list(read_archives([warc], max_bytes=5_000_000))
    assert _reasons(records) == Counter(
        {
            "page": len(pages) + 1,
            "not a response": 1,
            "not html": 2,
            "http error": 1,
            "too large": 1,
            "duplicate capture": 1,
            "truncated": 1,
        }
    )
    urls = [r.url for r in records if not hasattr(r, "reason")]
    assert urls[0] == urls[-1]  # the repeated capture has the same key: the backfill counts it once
    assert records[-1].reason == "truncated" and "after the last whole record" in records[-1].detail


def test_an_uncompressed_warc_cut_mid_record_is_truncated(tmp_path: Path):
    warc = write_warc(tmp_path / "crawl.warc", dict(list(demo_pages().items())[:3]), damaged=False, gz=False)
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) - 2000])
    records = list(read_archives([warc], max_bytes=5_000_000))
    assert records[-1].reason == "truncated"
    assert sum(not hasattr(r, "reason") for r in records) >= 1


def test_json_lines_and_saved_pages(tmp_path: Path):
    lines = [
        json.dumps(
            {"url": "https://a.example/x", "published": "2027-01-05T10:00:00Z", "html": "<html><body>ISS</body></html>"}
        ),
        "{not json",
        json.dumps({"url": 3}),
    ]
    (tmp_path / "pages.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "one.html").write_bytes(
        b'<html><head><link rel="canonical" href="https://b.example/one"></head><body>ISS</body></html>'
    )
    (saved / "notes.txt").write_text("not a page", encoding="utf-8")
    records = list(read_archives(archive_files([tmp_path / "pages.jsonl", saved]), max_bytes=5_000_000))
    assert [getattr(r, "reason", r.url) for r in records] == [
        "https://a.example/x",
        "undecodable",
        "undecodable",
        "https://b.example/one",
    ]
    assert records[0].published == dt.date(2027, 1, 5)


def _rows(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return demo_config(tmp_path / "isswatch.toml", tmp_path / "data")


def test_backfill_stores_the_demo_world_and_finds_its_one_change(tmp_path: Path, config: Path, prefect_api):
    from isswatch.flows.backfill_flow import run_backfill_flow

    warc = write_warc(tmp_path / "crawl.warc.gz", demo_pages())
    s = run_backfill_flow([str(warc)], config=str(config))
    assert s["records_read"] == 48 and s["articles_new"] == 22 and s["claims_new"] > 50
    assert s["skipped"] == {
        "duplicate capture": 2,
        "http error": 1,
        "no relevance term in article text": 1,
        "no relevance term in page": 17,
        "not a response": 1,
        "not html": 2,
        "too large": 1,
        "truncated": 1,
    }
    assert [(c["fact"], c["old_value"], c["new_value"]) for c in s["changes"]] == [
        ("iss.operations_end", "2028", "2030")
    ]
    change = s["changes"][0]
    # detected at the end of the day the change was first published, not today
    assert change["first_reported_at"].date() == dt.date(2026, 11, 21)
    assert change["detected_at"] == dt.datetime(2026, 11, 21, 23, 59, 59, tzinfo=dt.UTC)
    wh = tmp_path / "data" / "isswatch.duckdb"
    # reported_at is the page's own date, never the crawl's (2026-11-25)
    dates = dict(
        _rows(wh, "SELECT a.url, min(c.reported_at) FROM claims c JOIN articles a USING (article_id) GROUP BY 1")
    )
    assert dates["https://orbital-times.example/articles/ot-iss-2030-extension.html"].date() == dt.date(2026, 11, 21)
    assert all(d.date() < dt.date(2026, 11, 25) for d in dates.values())
    assert _rows(wh, "SELECT count(*) FROM alerts") == [(0,)]  # the past raises no alert
    assert _rows(wh, "SELECT accepted_value FROM facts WHERE key = 'iss.operations_end'") == [("2030",)]
    stored = {r[0] for r in _rows(wh, "SELECT url FROM articles")}
    assert {u for u in stored if u.rsplit("/", 1)[1][:-5] in ROUND2} >= {
        "https://agency-newsroom.example/articles/nr-iss-2030-statement.html"
    }
    # syndicated copies of the wire story count once
    assert _rows(wh, "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL") == [(1,)]
    skips = dict(_rows(wh, "SELECT skip_reason, records FROM backfill_skips"))
    assert skips["not html"] == 2 and skips["truncated"] == 1

    again = run_backfill_flow([str(warc)], config=str(config))
    assert again["articles_new"] == again["claims_new"] == 0 and again["changes"] == []
    assert again["already_stored"] == 47
    assert _rows(wh, "SELECT count(*) FROM changes") == [(1,)]


def test_an_interrupted_backfill_resumes_where_it_stopped(tmp_path: Path, config: Path, prefect_api):
    from isswatch.flows.backfill_flow import run_backfill_flow

    pages = demo_pages()
    first = dict(list(pages.items())[:15])
    run_backfill_flow([str(write_warc(tmp_path / "part.warc.gz", first, damaged=False))], config=str(config))
    s = run_backfill_flow([str(write_warc(tmp_path / "all.warc.gz", pages, damaged=False))], config=str(config))
    assert s["already_stored"] == 15
    assert s["extracted"] + s["already_stored"] + sum(s["skipped"].values()) == s["records_read"]
    wh = tmp_path / "data" / "isswatch.duckdb"
    assert _rows(wh, "SELECT count(*), count(DISTINCT url) FROM articles") == [(22, 22)]
    assert [r[:3] for r in _rows(wh, "SELECT fact, old_value, new_value FROM changes")] == [
        ("iss.operations_end", "2028", "2030")
    ]


LEADS = [
    "NASA and Roscosmos agreed to operate the International Space Station until {v}, officials said.",
    "The partners will keep the ISS operating until {v}, the agencies announced on Tuesday.",
    "Under a new plan the International Space Station is to be operated until {v}, NASA said.",
    "Roscosmos confirmed that the ISS will be operated until {v} under the revised agreement.",
]


def _story(value: str, outlet: str, day: str, n: int) -> dict:
    """A story of its own (different words, so not a syndicated copy of another)."""
    html = article_html(
        f"ISS to operate until {value} ({outlet})",
        story_paragraphs(LEADS[n % len(LEADS)].format(v=value), seed=n * 3, extra=3),
        published=f"{day}T09:00:00Z",
    ).decode()
    return {"url": f"https://{outlet}.example/news/{n}.html", "published": f"{day}T09:00:00Z", "html": html}


def test_changes_are_replayed_in_publication_order_whatever_the_archive_order(
    tmp_path: Path, config: Path, prefect_api
):
    from isswatch.flows.backfill_flow import run_backfill_flow

    stories = [
        _story("2030", "orbital-times", "2026-01-10", 1),
        _story("2030", "launchpad-daily", "2026-01-11", 2),
        _story("2032", "orbital-times", "2026-05-03", 3),
        _story("2032", "ciel-et-orbite", "2026-05-04", 4),
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in reversed(stories)) + "\n", encoding="utf-8")
    s = run_backfill_flow([str(path)], config=str(config))
    assert [
        (c["old_value"], c["new_value"], c["detected_at"].date())
        for c in s["changes"]
        if c["fact"] == "iss.operations_end"
    ] == [("2028", "2030", dt.date(2026, 1, 11)), ("2030", "2032", dt.date(2026, 5, 4))]


def test_the_command_shows_progress_and_lists_the_changes(tmp_path: Path, config: Path, prefect_api):
    from isswatch.flows.cli import app

    warc = write_warc(tmp_path / "crawl.warc.gz", demo_pages(), damaged=False)
    result = CliRunner().invoke(app, ["backfill", str(warc), "--config", str(config), "--format", "json"])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)
    assert [(c["fact"], c["new_value"]) for c in changes] == [("iss.operations_end", "2030")]
    assert "records read" in result.stderr and "rec/s" in result.stderr
    missing = CliRunner().invoke(app, ["backfill", str(tmp_path / "nope.warc"), "--config", str(config)])
    assert missing.exit_code == 1 and "no such file" in missing.output


def test_the_markup_test_agrees_with_the_relevance_filter():
    from isswatch.extractors.pages.relevance import judge, mentions_any
    from isswatch.flows.settings import load_settings

    terms = load_settings(None).relevance.all_terms()
    texts = [p.decode() for p in demo_pages().values()] + [
        "a kiss",
        "Ros Atkins reports",
        "the ISS",
        "Роскосмосом",
        "une station de ski",
        "space stations",
    ]
    assert [mentions_any(t, terms) for t in texts] == [judge([t], terms, where="page").relevant for t in texts]
