"""The demo end to end: the bundled corpus on a loopback server, two real rounds, a real DuckDB file.

The rounds run the real ``monitor`` flow on Prefect's temporary API; the assertions read the
warehouse and what the demo printed, so any stage that stops doing its job fails here.
"""

from __future__ import annotations

import duckdb
import pytest

from isswatch.flows.demo import run_demo

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory, prefect_api):
    data_dir = tmp_path_factory.mktemp("demo")
    capture = pytest.MonkeyPatch()
    import io
    import sys

    out, err = io.StringIO(), io.StringIO()
    capture.setattr(sys, "stdout", out)
    capture.setattr(sys, "stderr", err)
    try:
        result = run_demo(data_dir=data_dir)
    finally:
        capture.undo()
    return result, out.getvalue(), err.getvalue()


def rows(result, sql, params=None):
    con = duckdb.connect(result["warehouse"], read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_every_feed_polled_in_both_rounds_and_unchanged_ones_answer_304(demo_run):
    result, _, _ = demo_run
    r1, r2 = result["rounds"]
    assert r1["feeds_due"] >= 6 and r1["feeds_failed"] == 0 and r1["feeds_ok"] == r1["feeds_due"]
    assert r2["feeds_failed"] == 0
    assert r2["feeds_not_modified"] >= 1, "conditional GET: feeds unchanged since round 1 answer 304"
    polls = rows(result, "SELECT outcome, count(*) FROM polls GROUP BY ALL")
    assert dict(polls)["ok"] >= 6


def test_irrelevant_entries_are_skipped_with_a_reason(demo_run):
    result, _, _ = demo_run
    skipped = rows(result, "SELECT title, skip_reason FROM entries WHERE NOT relevant")
    assert skipped, "the corpus mixes irrelevant stories in"
    assert all(reason and "no relevance term" in reason for _, reason in skipped)
    relevant = rows(result, "SELECT count(*) FROM entries WHERE relevant")[0][0]
    articles = rows(result, "SELECT count(*) FROM articles")[0][0]
    assert relevant >= 6 and articles >= 6


def test_articles_have_text_without_page_furniture_in_three_languages(demo_run):
    result, _, _ = demo_run
    langs = dict(rows(result, "SELECT lang, count(*) FROM articles WHERE relevant GROUP BY ALL"))
    assert {"en", "fr", "ru"} <= set(langs)
    texts = [t for (t,) in rows(result, "SELECT text FROM articles WHERE relevant")]
    assert all(len(t) > 300 for t in texts)
    assert not any("cookie" in t.lower() for t in texts)


def test_claims_read_the_baseline_and_the_new_date(demo_run):
    result, _, _ = demo_run
    current = dict(
        rows(
            result,
            "SELECT value, count(*) FROM claims WHERE fact = 'iss.operations_end' AND status = 'current' GROUP BY ALL",
        )
    )
    assert current.get("2028", 0) >= 1 and current.get("2030", 0) >= 2
    deorbit = {
        v
        for (v,) in rows(result, "SELECT DISTINCT value FROM claims WHERE fact = 'iss.deorbit' AND status = 'current'")
    }
    assert deorbit == {"2030"}
    # history is never read as a current claim
    assert rows(result, "SELECT count(*) FROM claims WHERE value IN ('1998', '2024') AND status = 'current'")[0][0] == 0


def test_one_change_is_recorded_and_alerted_once(demo_run):
    result, out, err = demo_run
    changes = rows(result, "SELECT fact, kind, old_value, new_value, article_urls FROM changes WHERE kind = 'change'")
    assert [(c[0], c[2], c[3]) for c in changes] == [("iss.operations_end", "2028", "2030")]
    assert all(u.startswith("http://127.0.0.1:") for u in changes[0][4])
    alerts = rows(result, "SELECT channel, delivered_at IS NOT NULL, attempts FROM alerts")
    assert len(alerts) == 1 and alerts[0][1] is True and alerts[0][2] == 1
    printed = out + err
    assert "iss.operations_end" in printed and "2028" in printed and "2030" in printed
    assert "http://127.0.0.1:" in printed
    assert result["rounds"][0]["changes"] == []


def test_the_demo_prints_where_the_warehouse_is_and_queries_to_try(demo_run):
    result, out, _ = demo_run
    assert result["warehouse"] in out
    from pathlib import Path as _Path

    report = _Path(result["report"])
    assert f"The report is {report.resolve()}" in out and report.stat().st_size > 1_000_000
    assert f"export ISSWATCH_CONFIG={result['config']}" in out
    assert out.count("isswatch query") >= 3
    from pathlib import Path

    from isswatch.warehouse.queries import user_query

    printed = [line.split(' "', 1)[1].rstrip('"') for line in out.splitlines() if "isswatch query" in line]
    for sql in printed:  # every query the demo suggests works and has something to show
        columns, found = user_query(Path(result["warehouse"]), sql)
        assert columns and found, sql


def test_running_a_round_again_writes_no_duplicates(demo_run):
    result, _, _ = demo_run
    tables = ["entries", "articles", "claims", "changes", "alerts", "feeds"]
    before = {t: rows(result, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    # the demo config points at the (now stopped) demo server's port: serve the corpus there again
    import tomllib
    from pathlib import Path

    from isswatch.flows.demo_server import DemoServer
    from isswatch.flows.monitor import monitor

    cfg = tomllib.loads(Path(result["config"]).read_text())
    port = int(cfg["feeds"][0]["url"].split(":")[2].split("/")[0])
    with DemoServer(port=port) as server:
        server.set_round(2)
        summary = monitor(config=result["config"], force=True)
    after = {t: rows(result, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    assert summary["feeds_failed"] == 0
    assert after == before
