"""Feed state in the warehouse: validators kept, error class per failure, backoff, Retry-After, the ttl /
max-age floor (kept across 304s), auto-disable with a reason, re-enable, and the health listing."""

import datetime as dt

from isswatch.extractors.fetching.polling import FeedState, PollResult
from isswatch.warehouse.connection import writer
from isswatch.warehouse.feeds import (
    BACKOFF_BASE,
    BACKOFF_MAX,
    DISABLE_AFTER,
    HEALTH_COLUMNS,
    backoff,
    due_feeds,
    health,
    record_polls,
    set_disabled,
    sync_feeds,
)

URL = "https://news.example/feed.xml"
FEEDS = [FeedState(URL, "News", "en")]
T0 = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)


def ok(at=T0, **kw):
    return PollResult(URL, "ok", at, 0.1, 200, etag='"e1"', last_modified="Sun, 01 Nov 2026 11:00:00 GMT", **kw)


def failed(at=T0, **kw):
    return PollResult(URL, "error", at, 0.1, 500, error_class="http_status", error=f"{URL}: HTTP 500", **kw)


def state(con):
    return con.execute(
        "SELECT etag, last_modified, consecutive_failures, next_poll_at, disabled, error_class "
        "FROM feeds WHERE url = ?",
        [URL],
    ).fetchone()


def test_success_stores_validators_and_a_failure_keeps_them(warehouse_path):
    with writer(warehouse_path) as con:
        sync_feeds(con, FEEDS)
        record_polls(con, "r1", [ok()])
        assert state(con)[:3] == ('"e1"', "Sun, 01 Nov 2026 11:00:00 GMT", 0)
        record_polls(con, "r2", [failed()])
        etag, lm, failures, _next_poll, disabled, error_class = state(con)
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


def not_modified(at=T0, **kw):
    return PollResult(URL, "not_modified", at, 0.01, 304, etag='"e1"', **kw)


def test_a_304_keeps_the_ttl_floor_of_the_last_full_answer(warehouse_path):
    with writer(warehouse_path) as con:
        sync_feeds(con, FEEDS)
        record_polls(con, "r1", [ok(min_interval=3600)])
        later = T0 + dt.timedelta(hours=2)
        record_polls(con, "r2", [not_modified(at=later)])
        assert state(con)[3] == later + dt.timedelta(hours=1)
        record_polls(con, "r3", [not_modified(at=later, min_interval=7200)])  # a longer max-age wins
        assert state(con)[3] == later + dt.timedelta(hours=2)
        record_polls(con, "r4", [ok(at=later)])  # a full answer without ttl clears the floor
        assert state(con)[3] is None


def test_each_failure_records_its_class_and_a_success_clears_it(warehouse_path):
    with writer(warehouse_path) as con:
        sync_feeds(con, FEEDS)
        timeout = PollResult(URL, "error", T0, 2.0, error_class="timeout", error=f"{URL}: no complete response")
        record_polls(con, "r1", [timeout])
        assert state(con)[2] == 1 and state(con)[5] == "timeout"
        record_polls(con, "r2", [failed()])
        assert state(con)[2] == 2 and state(con)[5] == "http_status"
        polls = con.execute(
            "SELECT round_id, outcome, error_class, http_status FROM polls ORDER BY round_id"
        ).fetchall()
        assert polls == [("r1", "error", "timeout", None), ("r2", "error", "http_status", 500)]
        record_polls(con, "r3", [ok(warnings=("decoded as detected cp1251",))])
        assert state(con)[2] == 0 and state(con)[5] is None
        row = con.execute("SELECT last_error, last_warnings, last_success_at FROM feeds").fetchone()
        assert row == (None, ["decoded as detected cp1251"], T0)
        assert con.execute("SELECT warnings FROM polls WHERE round_id = 'r3'").fetchone()[0] == [
            "decoded as detected cp1251"
        ]


def test_backoff_and_retry_after_are_capped_at_a_day():
    assert backoff(1) == BACKOFF_BASE and backoff(4) == BACKOFF_BASE * 8
    assert backoff(9) == BACKOFF_BASE * 256 < BACKOFF_MAX and backoff(10) == backoff(500) == BACKOFF_MAX
    assert backoff(1, retry_after=30) == BACKOFF_BASE
    assert backoff(1, retry_after=10 * 86400) == BACKOFF_MAX


def test_a_disabled_feed_says_why_and_when(warehouse_path):
    with writer(warehouse_path) as con:
        sync_feeds(con, FEEDS)
        for i in range(DISABLE_AFTER - 1):
            record_polls(con, f"r{i}", [failed(at=T0 + dt.timedelta(hours=i))])
        assert state(con)[4] is False
        last = T0 + dt.timedelta(days=2)
        record_polls(con, "rlast", [failed(at=last)])
        reason, disabled_at = con.execute("SELECT disabled_reason, disabled_at FROM feeds").fetchone()
        assert reason == f"disabled after {DISABLE_AFTER} failures in a row; last: {URL}: HTTP 500"
        assert disabled_at == last
        set_disabled(con, URL, True)  # the user can disable a feed too
        assert con.execute("SELECT disabled_reason FROM feeds").fetchone()[0] == "disabled by the user"


def test_polls_count_new_entries(warehouse_path):
    from isswatch.extractors.fetching.feed_parsing import FeedEntry
    from isswatch.extractors.fetching.polling import EntryRecord
    from isswatch.warehouse.entries import store_entries

    def rec(guid):
        e = FeedEntry(guid, f"https://news.example/{guid}", "t", "", None, None, None, None, None)
        return EntryRecord(guid, URL, e, e.link, False, (), "no relevance term in title and summary")

    with writer(warehouse_path) as con:
        sync_feeds(con, FEEDS)
        first = ok(entries=(rec("a"), rec("b")))
        record_polls(con, "r1", [first])
        store_entries(con, "r1", first.entries)
        second = ok(entries=(rec("a"), rec("b"), rec("c")))
        record_polls(con, "r2", [second])
        assert con.execute("SELECT round_id, entries, new_entries FROM polls ORDER BY round_id").fetchall() == [
            ("r1", 2, 2),
            ("r2", 3, 1),
        ]


def test_health_lists_configured_feeds_first_then_the_others(warehouse_path):
    other = "https://old.example/feed"
    with writer(warehouse_path) as con:
        sync_feeds(con, [*FEEDS, FeedState(other)])
        record_polls(con, "r1", [failed()])
        configured = [FeedState("https://new.example/rss", "New"), *FEEDS]
        listed = {r[0]: dict(zip(HEALTH_COLUMNS, r, strict=True)) for r in health(con, configured)}
        assert list(listed) == ["https://new.example/rss", URL, other]
        assert listed["https://new.example/rss"]["last_outcome"] is None
        assert listed[URL]["configured"] and listed[URL]["error_class"] == "http_status"
        assert listed[URL]["consecutive_failures"] == 1
        assert listed[other]["configured"] is False
