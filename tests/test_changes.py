"""Change detection: corroboration, historical claims, disagreements, idempotency, mute/snooze, rebaseline."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.warehouse.changes import ChangePolicy, rebaseline, set_muted, snooze
from tests.alert_fixtures import FACT, Warehouse, t


def test_one_outlet_is_not_enough(wh: Warehouse) -> None:
    wh.report("spacenews", "2030")
    assert wh.detect() == []
    assert wh.accepted() == "2028"


def test_two_independent_outlets_on_two_days_are_enough(wh: Warehouse) -> None:
    wh.report("spacenews", "2030", when=t(0))
    wh.report("tass", "2030", when=t(1, hours=3))
    [change] = wh.detect(now=t(1, hours=4))
    assert (change.kind, change.old_value, change.new_value, change.outlets) == ("change", "2028", "2030", 2)
    assert change.article_urls == ("https://spacenews.example/story/1", "https://tass.example/story/3")
    assert change.first_reported_at == t(0)
    assert change.qualifier == "until"
    assert wh.accepted() == "2030"
    [(kind, old, new, urls)] = wh.rows("SELECT kind, old_value, new_value, article_urls FROM changes")
    assert (kind, old, new, len(urls)) == ("change", "2028", "2030", 2)


def test_a_change_waits_until_its_value_is_reported_a_day_later(wh: Warehouse) -> None:
    """Two outlets the same day may be copying one misread story: nothing yet. A report the next day makes the
    change, dated from the first report; a policy without persistence alerts on the first day."""
    wh.report("spacenews", "2030", when=t(0))
    wh.report("tass", "2030", when=t(0, hours=3))
    assert wh.detect(now=t(0, hours=4)) == []
    assert wh.accepted() == "2028" and wh.rows("SELECT count(*) FROM changes") == [(0,)]
    assert [c.new_value for c in wh.detect(now=t(0, hours=5), policy=ChangePolicy(persistence=dt.timedelta(0)))] == [
        "2030"
    ]


def test_a_change_reported_again_the_next_day_is_alerted_from_its_first_report(wh: Warehouse) -> None:
    wh.report("spacenews", "2030", when=t(0))
    wh.report("tass", "2030", when=t(0, hours=3))
    assert wh.detect(now=t(0, hours=4)) == []
    wh.report("ria", "2030", when=t(1, hours=2))
    [change] = wh.detect(now=t(1, hours=3))
    assert (change.kind, change.new_value, change.outlets, change.first_reported_at) == ("change", "2030", 3, t(0))
    assert wh.accepted() == "2030"


def test_a_value_said_only_as_a_possibility_is_contested_not_a_change(wh: Warehouse) -> None:
    """Outlets saying the station "could" end in 2031 float an option: a disagreement, the accepted value stays. Two
    outlets saying it plainly make the change."""
    wh.report("spacenews", "2031", when=t(0), modality="possible", sentence="The ISS could fly until 2031.")
    wh.report("tass", "2031", when=t(1), modality="possible", sentence="The ISS may be kept until 2031.")
    [d] = wh.detect(now=t(1, hours=1))
    assert (d.kind, d.disputed_values) == ("disagreement", ("2028", "2031")) and wh.accepted() == "2028"
    wh.report("ria", "2031", when=t(2))
    assert wh.detect(now=t(2, hours=1)) == []
    wh.report("lemonde", "2031", when=t(3))
    [c] = wh.detect(now=t(3, hours=1))
    assert (c.kind, c.old_value, c.new_value, c.outlets) == ("change", "2028", "2031", 4)
    assert wh.accepted() == "2031"


def test_two_articles_of_one_outlet_count_once(wh: Warehouse) -> None:
    wh.report("spacenews", "2030", when=t(0))
    wh.report("spacenews", "2030", when=t(1))
    assert wh.detect(now=t(2)) == []


def test_syndicated_copies_of_one_story_count_once(wh: Warehouse) -> None:
    original = wh.report("reuters", "2030", when=t(0))
    wh.report("yahoo", "2030", when=t(0, hours=1), duplicate_of=original)
    wh.report("msn", "2030", when=t(0, hours=2), duplicate_of=original)
    assert wh.detect() == []
    wh.report("tass", "2030", when=t(1, hours=5))  # an independent outlet, the next day
    [change] = wh.detect(now=t(1, hours=6))
    assert change.new_value == "2030" and change.outlets == 2


def test_one_primary_source_is_enough(wh: Warehouse) -> None:
    wh.report("nasa", "2030", primary=True)
    [change] = wh.detect()
    assert change.primary_source and change.outlets == 1


def test_a_named_agency_head_is_a_primary_source(wh: Warehouse) -> None:
    wh.report("interfax", "2030", speaker="Roscosmos head Dmitry Bakanov")
    [change] = wh.detect()
    assert change.speaker == "Roscosmos head Dmitry Bakanov"


def test_a_syndicated_copy_of_a_primary_release_is_primary(wh: Warehouse) -> None:
    release = wh.article("nasa", primary=True)  # the release itself carries no claim we kept
    wh.report("aggregator", "2030", duplicate_of=release)
    assert [c.new_value for c in wh.detect()] == ["2030"]


def test_historical_claims_never_trigger(wh: Warehouse) -> None:
    for outlet in ("spacenews", "tass", "ria"):
        wh.report(outlet, "2024", status="historical", sentence="The ISS was once due to retire in 2024.")
    wh.report("nasa", "2020", status="historical", primary=True)
    assert wh.detect() == []
    assert wh.accepted() == "2028"


def test_low_confidence_claims_do_not_count(wh: Warehouse) -> None:
    wh.report("spacenews", "2030", confidence=0.3, when=t(0))
    wh.report("tass", "2030", confidence=0.5, when=t(1))
    assert wh.detect(now=t(2)) == []
    assert [c.new_value for c in wh.detect(now=t(2), policy=ChangePolicy(min_confidence=0.2))] == ["2030"]


def test_claims_before_the_baseline_do_not_count(wh: Warehouse) -> None:
    old = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    wh.report("spacenews", "2030", when=old)
    wh.report("tass", "2030", when=old)
    assert wh.detect() == []


def test_detect_changes_is_idempotent(wh: Warehouse) -> None:
    wh.report("spacenews", "2030", when=t(0))
    wh.report("tass", "2030", when=t(1))
    assert len(wh.detect(channels=("console", "mail"), now=t(1, hours=1))) == 1
    counts = wh.rows("SELECT (SELECT count(*) FROM changes), (SELECT count(*) FROM alerts)")
    assert counts == [(1, 2)]
    assert wh.detect(channels=("console", "mail"), now=t(2)) == []
    assert wh.detect(channels=("console", "mail"), now=t(3)) == []
    assert wh.rows("SELECT (SELECT count(*) FROM changes), (SELECT count(*) FROM alerts)") == counts


def test_one_alert_per_change_however_many_outlets_repeat_it(wh: Warehouse) -> None:
    for i, outlet in enumerate(("spacenews", "tass", "ria", "lemonde", "space.com")):
        wh.report(outlet, "2030", when=t(i))
        wh.detect(now=t(i, hours=1))
    assert wh.rows("SELECT count(*) FROM changes") == [(1,)]
    assert wh.rows("SELECT count(*) FROM alerts") == [(1,)]


def test_outbox_row_per_channel_written_with_the_change(wh: Warehouse) -> None:
    wh.report("nasa", "2030", primary=True)
    [change] = wh.detect(channels=("console", "json-abc", "mailto-def"))
    rows = wh.rows("SELECT channel, change_id, attempts, delivered_at FROM alerts ORDER BY channel")
    assert rows == [
        ("console", change.change_id, 0, None),
        ("json-abc", change.change_id, 0, None),
        ("mailto-def", change.change_id, 0, None),
    ]


def test_simultaneous_different_values_are_a_disagreement(wh: Warehouse) -> None:
    wh.report("roscosmos", "2028", primary=True, when=t(0), speaker="Dmitry Bakanov")
    wh.report("nasa", "2030", primary=True, when=t(0, hours=2))
    [d] = wh.detect()
    assert d.kind == "disagreement" and d.disputed_values == ("2028", "2030")
    assert wh.accepted() == "2028"  # the value does not move
    # both parties keep repeating themselves: no new record, no flip
    for day in range(1, 8):
        wh.report("roscosmos", "2028", primary=True, when=t(day))
        wh.report("nasa", "2030", primary=True, when=t(day, hours=1))
        assert wh.detect(now=t(day, hours=2)) == []
        assert wh.accepted() == "2028"
    assert wh.rows("SELECT kind, count(*) FROM changes GROUP BY kind") == [("disagreement", 1)]


def test_no_flapping_after_a_change(wh: Warehouse) -> None:
    """NASA moves to 2030 (a change); ten days later Roscosmos repeats 2028; then NASA repeats 2030.
    The value must not go 2030 → 2028 → 2030: the 2028 report is a disagreement."""
    wh.report("spacenews", "2028", when=t(-5))
    wh.report("tass", "2028", when=t(-5))
    wh.report("nasa", "2030", primary=True, when=t(0))
    [c] = wh.detect(now=t(0, hours=1))
    assert (c.kind, c.new_value) == ("change", "2030")
    wh.report("roscosmos", "2028", primary=True, when=t(10))
    [d] = wh.detect(now=t(10, hours=1))
    assert d.kind == "disagreement" and wh.accepted() == "2030"
    wh.report("nasa", "2030", primary=True, when=t(20))
    assert wh.detect(now=t(20, hours=1)) == []
    assert wh.accepted() == "2030"
    kinds = [k for (k,) in wh.rows("SELECT kind FROM changes ORDER BY detected_at")]
    assert kinds == ["change", "disagreement"]


def test_news_moving_on_is_a_change_not_a_disagreement(wh: Warehouse) -> None:
    """Reports of the baseline value older than its memory (90 days), then a newer corroborated value: the news
    moved."""
    wh.report("spacenews", "2028", when=t(-100))
    wh.report("tass", "2028", when=t(-99))
    wh.report("ria", "2030", when=t(0))
    wh.report("lemonde", "2030", when=t(1, hours=4))
    assert [(c.kind, c.new_value) for c in wh.detect(now=t(1, hours=5))] == [("change", "2030")]


def test_a_change_needs_more_outlets_than_the_accepted_value_has_in_the_window(wh: Warehouse) -> None:
    """Two outlets for a new value against two that gave the accepted one this month: contested, not moved. A
    third outlet for the new value outweighs the accepted one."""
    wh.report("spacenews", "2028", when=t(-3))
    wh.report("tass", "2028", when=t(-2))
    wh.report("ria", "2030", when=t(0))
    wh.report("lemonde", "2030", when=t(0, hours=4))
    [d] = wh.detect(now=t(0, hours=5))
    assert (d.kind, d.disputed_values) == ("disagreement", ("2028", "2030"))
    assert wh.accepted() == "2028"
    wh.report("space.com", "2030", when=t(1))
    [c] = wh.detect(now=t(1, hours=1))
    assert (c.kind, c.old_value, c.new_value, c.outlets) == ("change", "2028", "2030", 3)
    assert wh.accepted() == "2030"


def _two_misreadings_after_three_reports(wh: Warehouse, days: tuple[int, int, int]) -> list[str]:
    """Three outlets give 2028 on ``days`` (accepted), then two outlets give 2031 yesterday and today: what
    detection records."""
    for day, outlet in zip(days, ("spacenews", "tass", "ria"), strict=True):
        wh.report(outlet, "2028", when=t(day))
    wh.detect(now=t(days[-1] + 1))
    wh.report("aggregator", "2031", when=t(0))
    wh.report("blog", "2031", when=t(1, hours=3))
    return [c.kind for c in wh.detect(now=t(1, hours=4))]


def test_two_misreadings_do_not_overturn_a_value_three_outlets_gave_that_month(wh: Warehouse) -> None:
    assert _two_misreadings_after_three_reports(wh, (-20, -12, -5)) == ["disagreement"]
    assert wh.accepted() == "2028"
    # one primary source outweighs any number of outlets
    wh.report("nasa", "2031", primary=True, when=t(2))
    [c] = wh.detect(now=t(2, hours=1))
    assert (c.kind, c.new_value) == ("change", "2031") and wh.accepted() == "2031"


def test_two_misreadings_in_a_quiet_month_do_not_overturn_a_value_reported_that_season(wh: Warehouse) -> None:
    """Nobody gave the accepted value this month, but three outlets did in the last two months: two outlets for
    another value are a disagreement. With the accepted value's memory cut to the window, they make a change."""
    assert _two_misreadings_after_three_reports(wh, (-60, -50, -45)) == ["disagreement"]
    assert wh.accepted() == "2028"
    short = ChangePolicy(memory=dt.timedelta(days=30))
    [c] = wh.detect(now=t(1, hours=5), policy=short, round_id="r2")
    assert (c.kind, c.old_value, c.new_value) == ("change", "2028", "2031") and wh.accepted() == "2031"


def test_disagreement_resolves_when_one_side_stops(wh: Warehouse) -> None:
    wh.report("roscosmos", "2028", primary=True, when=t(0))
    wh.report("nasa", "2030", primary=True, when=t(0))
    assert [c.kind for c in wh.detect()] == ["disagreement"]
    # only 2030 is reported for more than the evidence window
    for day in (20, 40):
        wh.report("nasa", "2030", primary=True, when=t(day))
    [c] = wh.detect(now=t(41))
    assert (c.kind, c.new_value) == ("change", "2030")


def test_muted_fact_records_the_change_without_alert(wh: Warehouse) -> None:
    set_muted(wh.con, FACT, True)
    wh.report("nasa", "2030", primary=True)
    [c] = wh.detect()
    assert c.suppressed == "muted"
    assert wh.accepted() == "2030"
    assert wh.rows("SELECT count(*) FROM alerts") == [(0,)]


def test_snoozed_fact_records_the_change_without_alert_until_the_date(wh: Warehouse) -> None:
    snooze(wh.con, FACT, t(5))
    wh.report("nasa", "2030", primary=True, when=t(0))
    assert [c.suppressed for c in wh.detect(now=t(1))] == ["snoozed"]
    wh.report("nasa", "2031", primary=True, when=t(6))
    assert [c.suppressed for c in wh.detect(now=t(7))] == [None]
    assert wh.rows("SELECT count(*) FROM alerts") == [(1,)]


def test_rebaseline_sets_the_value_and_counts_claims_from_its_date(wh: Warehouse) -> None:
    wh.report("spacenews", "2030", when=t(0))
    wh.report("tass", "2030", when=t(0))
    record = rebaseline(wh.con, FACT, "2030", source="NASA budget request", as_of=t(2).date(), now=t(2))
    assert (record.kind, record.old_value, record.new_value) == ("rebaseline", "2028", "2030")
    sql = "SELECT baseline_value, baseline_source, accepted_value FROM facts WHERE key = ?"
    assert wh.rows(sql, [FACT]) == [("2030", "NASA budget request", "2030")]
    assert wh.detect(now=t(3)) == []
    assert wh.rows("SELECT count(*) FROM alerts") == [(0,)]
    # claims before the new as-of date no longer count, even for another value
    wh.report("ria", "2031", when=t(1))
    wh.report("lemonde", "2031", when=t(1))
    assert wh.detect(now=t(4)) == []


def test_reported_as_of_is_one_query(wh: Warehouse) -> None:
    wh.report("spacenews", "2028", when=t(-10))
    original = wh.report("reuters", "2030", when=t(0))
    wh.report("yahoo", "2030", when=t(0), duplicate_of=original)
    wh.report("tass", "2030", when=t(3))
    rows = wh.rows(
        "SELECT value, claims, stories, outlets FROM reported_as_of(?, ?::DATE) ORDER BY value", [FACT, t(1).date()]
    )
    assert rows == [("2028", 1, 1, 1), ("2030", 2, 1, 1)]
    sql = "SELECT value, stories FROM reported_as_of(?, ?::DATE) ORDER BY value"
    rows = wh.rows(sql, [FACT, t(-1).date()])
    assert rows == [("2028", 1)]


def test_change_and_outbox_rows_commit_together(wh: Warehouse, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while queuing the alerts rolls back the change and the accepted value too."""
    import isswatch.warehouse.changes as changes

    real = changes.insert_new

    def failing(con, table, key, rows):
        if table == "alerts":
            raise RuntimeError("disk full")
        return real(con, table, key, rows)

    wh.report("nasa", "2030", primary=True)
    monkeypatch.setattr(changes, "insert_new", failing)
    with pytest.raises(RuntimeError):
        wh.detect()
    assert wh.rows("SELECT count(*) FROM changes") == [(0,)] and wh.accepted() == "2028"
    monkeypatch.setattr(changes, "insert_new", real)
    assert [c.new_value for c in wh.detect()] == ["2030"]
    assert wh.rows("SELECT count(*) FROM alerts") == [(1,)]
