"""Feed state in the warehouse: validators kept, backoff after failures, auto-disable, re-enable."""

import datetime as dt

from extractors.polling import PollResult
from warehouse.connection import writer
from warehouse.feeds import BACKOFF_BASE, DISABLE_AFTER, due_feeds, record_polls, set_disabled, sync_feeds

URL = "https://news.example/feed.xml"
FEEDS = [{"url": URL, "name": "News", "lang": "en"}]
T0 = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)


def ok(at=T0, **kw):
    return PollResult(URL, "ok", at, 0.1, 200, etag='"e1"', last_modified="Sun, 01 Nov 2026 11:00:00 GMT", **kw)


def failed(at=T0, **kw):
    return PollResult(URL, "error", at, 0.1, 500, error_class="http_status", error=f"{URL}: HTTP 500", **kw)


def state(con):
    return con.execute("SELECT etag, last_modified, consecutive_failures, next_poll_at, disabled, error_class "
                       "FROM feeds WHERE url = ?", [URL]).fetchone()


def test_success_stores_validators_and_a_failure_keeps_them(warehouse_path):
    with writer(warehouse_path) as con:
        sync_feeds(con, FEEDS)
        record_polls(con, "r1", [ok()])
        assert state(con)[:3] == ('"e1"', "Sun, 01 Nov 2026 11:00:00 GMT", 0)
        record_polls(con, "r2", [failed()])
        etag, lm, failures, next_poll, disabled, error_class = state(con)
        assert (etag, failures, error_class, disabled) == ('"e1"', 1, "http_status", False)
        due, _ = due_feeds(con, FEEDS, now=T0 + BACKOFF_BASE + dt.timedelta(seconds=1))
        assert due[0].etag == '"e1"' and due[0].last_modified == lm


def test_backoff_doubles_and_retry_after_wins_when_longer(warehouse_path):
    with writer(warehouse_path) as con:
        sync_feeds(con, FEEDS)
        waits = []
        for i in range(3):
            record_polls(con, f"r{i}", [failed()])
            waits.append(state(con)[3] - T0)
        assert waits == [BACKOFF_BASE, BACKOFF_BASE * 2, BACKOFF_BASE * 4]
        record_polls(con, "r9", [failed(retry_after=7200)])
        assert state(con)[3] - T0 == dt.timedelta(hours=2)
        due, skipped = due_feeds(con, FEEDS, now=T0 + dt.timedelta(minutes=30))
        assert due == [] and "not due before" in skipped[0]
        assert due_feeds(con, FEEDS, now=T0 + dt.timedelta(minutes=30), force=True)[0]


def test_ttl_or_max_age_is_a_floor_on_the_next_poll(warehouse_path):
    with writer(warehouse_path) as con:
        sync_feeds(con, FEEDS)
        record_polls(con, "r1", [ok(min_interval=3600)])
        assert state(con)[3] == T0 + dt.timedelta(hours=1)
        assert due_feeds(con, FEEDS, now=T0 + dt.timedelta(minutes=59))[0] == []
        assert len(due_feeds(con, FEEDS, now=T0 + dt.timedelta(minutes=61))[0]) == 1


def test_auto_disable_after_repeated_failures_and_user_reenables(warehouse_path):
    with writer(warehouse_path) as con:
        sync_feeds(con, FEEDS)
        for i in range(DISABLE_AFTER):
            record_polls(con, f"r{i}", [failed()])
        assert state(con)[4] is True
        due, skipped = due_feeds(con, FEEDS, now=T0 + dt.timedelta(days=30), force=True)
        assert due == [] and skipped == [f"{URL}: disabled"]
        assert set_disabled(con, URL, False) is True
        assert state(con)[2] == 0 and state(con)[4] is False
        assert len(due_feeds(con, FEEDS, now=T0)[0]) == 1
        assert set_disabled(con, "https://unknown.example/", True) is False


def test_polls_are_recorded_once_per_round(warehouse_path):
    with writer(warehouse_path) as con:
        sync_feeds(con, FEEDS)
        record_polls(con, "r1", [failed()])
        record_polls(con, "r1", [failed()])
        assert con.execute("SELECT count(*), max(outcome) FROM polls").fetchone() == (1, "error")
