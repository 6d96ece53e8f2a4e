"""Fault injection at the level of a whole round: misbehaving feeds never fail a round.

One round (a real ``monitor`` flow run) polls two good feeds of a loopback news site together with one
feed per misbehaviour of ``tests.misbehaving_server``. A first round, of the good feeds alone, stored
entries, articles and claims before. Each mode is then checked on its own: the round ended within its
deadline, the good feeds were processed, the failure was recorded with its error class (or, for the
modes that are neutralised rather than refused, the feed was read safely and the warnings kept), and
nothing stored before was lost. Both rounds are shared by all the tests (Prefect's start-up is paid once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.misbehaving_server import MisbehavingServer
from tests.round_fixtures import NewsSite, Story, article_html, rows, run_round, story_paragraphs, write_config
from tests.round_fixtures import counts as table_counts

DEADLINE = 2.0
#: Generous: polling (all feeds at once, the slow ones cut at the deadline) + page downloads (same
#: deadline) + text extraction in a fresh process pool + Prefect's task bookkeeping.
ROUND_BOUND = 4 * DEADLINE + 25


@dataclass(frozen=True)
class Mode:
    path: str
    outcome: str  # what the poll records: error (refused) or ok (neutralised)
    error_class: str | None = None
    status: int | None = None
    warning: str | None = None  # a word expected among the poll's warnings


MODES = {
    "slow_drip": Mode("/drip", "error", "timeout"),
    "stall_before_headers": Mode("/stall", "error", "timeout"),
    "drip_headers": Mode("/drip-headers", "error", "timeout"),
    "status_500": Mode("/status/500", "error", "http_status", 500),
    "status_429_retry_after": Mode("/status/429?retry_after=7200", "error", "http_status", 429),
    "redirect_loop": Mode("/loop/a", "error", "redirects"),
    "redirect_to_private": Mode("/redirect?to=http://169.254.169.254/latest/meta-data/", "error", "blocked_address"),
    "huge_body": Mode("/huge", "error", "too_large"),
    "gzip_bomb": Mode("/gzip-bomb", "error", "too_large"),
    "wrong_charset": Mode("/wrong-charset", "ok", warning="decoded as"),
    "malformed_xml": Mode("/malformed", "ok", warning="ill-formed"),
    "billion_laughs": Mode("/billion-laughs", "ok", warning="unsafe entity"),
    "quadratic_blowup": Mode("/quadratic", "error", "parse"),
}


def _good_stories(site: NewsSite, outlet: str, n: int, *, first: int = 0) -> list[Story]:
    stories = []
    for i in range(first, first + n):
        path = f"/{outlet}/story-{i}"
        year = 2028 + i % 3
        lead = (
            f"NASA and Roscosmos agreed to operate the International Space Station until {year}, "
            f"officials said on day {i} of the talks."
        )
        seed = i + (5 if outlet == "beta" else 0)
        site.set_page(path, article_html(f"ISS operations until {year}", story_paragraphs(lead, seed=seed)))
        stories.append(
            Story(
                f"{outlet}-{i}",
                f"ISS to operate until {year} ({outlet} {i})",
                path,
                summary="NASA and Roscosmos agreed on the space station.",
                published=dt.datetime(2026, 11, 1, 8, i, tzinfo=dt.UTC),
            )
        )
    return stories


@dataclass
class FaultRounds:
    warehouse: Path
    bad: dict[str, str]  # mode -> feed url
    good: list[str]
    before: dict[str, int]
    after: dict[str, int]
    before_ids: dict[str, set[str]]
    summary: dict[str, Any]
    seconds: float


def _ids(warehouse: Path) -> dict[str, set[str]]:
    return {
        "entries": {r[0] for r in rows(warehouse, "SELECT entry_id FROM entries")},
        "articles": {r[0] for r in rows(warehouse, "SELECT article_id FROM articles")},
        "claims": {r[0] for r in rows(warehouse, "SELECT claim_id FROM claims")},
    }


@pytest.fixture(scope="module")
def fault_rounds(prefect_api: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultRounds]:
    tmp = tmp_path_factory.mktemp("round-faults")
    bad_server = MisbehavingServer().start()
    try:
        with NewsSite() as site:
            good = [site.set_feed(o, _good_stories(site, o, 3), title=f"Outlet {o}") for o in ("alpha", "beta")]
            good_feeds = [{"url": u, "name": f"good {i}", "lang": "en"} for i, u in enumerate(good)]
            first = write_config(tmp / "first.toml", data_dir=tmp, feeds=good_feeds, deadline=DEADLINE)
            run_round(first)
            before, before_ids = table_counts(tmp / "isswatch.duckdb"), _ids(tmp / "isswatch.duckdb")
            # Round 2: the good outlets publish new stories; the misbehaving feeds join.
            for o in ("alpha", "beta"):
                site.set_feed(o, _good_stories(site, o, 5), title=f"Outlet {o}")
            bad = {name: bad_server.url(m.path) for name, m in MODES.items()}
            feeds = good_feeds + [{"url": u, "name": name} for name, u in bad.items()]
            second = write_config(tmp / "second.toml", data_dir=tmp, feeds=feeds, deadline=DEADLINE)
            summary, seconds = run_round(second)
            wh = tmp / "isswatch.duckdb"
            yield FaultRounds(wh, bad, good, before, table_counts(wh), before_ids, summary, seconds)
    finally:
        bad_server.stop_server()


def _poll(r: FaultRounds, url: str) -> tuple:
    found = rows(
        r.warehouse,
        "SELECT outcome, error_class, http_status, warnings, elapsed_ms, polled_at FROM polls "
        "WHERE feed_url = ? AND round_id = ?",
        [url, r.summary["round_id"]],
    )
    assert len(found) == 1, f"no poll recorded for {url}"
    return found[0]


def _feed(r: FaultRounds, url: str) -> tuple:
    return rows(
        r.warehouse,
        "SELECT consecutive_failures, error_class, last_error, next_poll_at, disabled, "
        "last_warnings FROM feeds WHERE url = ?",
        [url],
    )[0]


@pytest.mark.parametrize("mode", list(MODES))
def test_a_misbehaving_feed_is_recorded_and_spoils_nothing(fault_rounds: FaultRounds, mode: str) -> None:
    r, m = fault_rounds, MODES[mode]
    url = r.bad[mode]
    # the round completed, within its bound, and the slow feed was cut at the deadline
    assert r.seconds < ROUND_BOUND, f"round took {r.seconds:.1f} s"
    status = rows(r.warehouse, "SELECT status FROM rounds WHERE round_id = ?", [r.summary["round_id"]])[0][0]
    assert status == "completed"
    outcome, error_class, http_status, warnings, elapsed_ms, polled_at = _poll(r, url)
    assert elapsed_ms < (DEADLINE + 1.0) * 1000
    # the failure is recorded with its class (or the neutralised feed was read, with its warnings)
    assert (outcome, error_class) == (m.outcome, m.error_class)
    failures, feed_error_class, last_error, next_poll_at, disabled, last_warnings = _feed(r, url)
    if m.outcome == "error":
        assert failures == 1 and feed_error_class == m.error_class and last_error and not disabled
        assert next_poll_at - polled_at >= dt.timedelta(minutes=5)  # backoff
        if m.status:
            assert http_status == m.status
        if mode == "status_429_retry_after":
            assert next_poll_at - polled_at == dt.timedelta(seconds=7200)  # Retry-After beats the backoff
    else:
        assert failures == 0 and feed_error_class is None
        assert any(m.warning in w for w in warnings) and list(last_warnings) == list(warnings)
    # the good feeds were processed: their new entries and articles are stored
    for good in r.good:
        assert _poll(r, good)[0] == "ok"
        new = rows(
            r.warehouse,
            "SELECT count(*) FROM entries WHERE feed_url = ? AND round_id = ?",
            [good, r.summary["round_id"]],
        )[0][0]
        assert new == 2
        assert rows(r.warehouse, "SELECT count(*) FROM articles WHERE feed_url = ?", [good])[0][0] == 5
    # nothing stored before was lost
    for table, key in (("entries", "entry_id"), ("articles", "article_id"), ("claims", "claim_id")):
        assert r.after[table] >= r.before[table]
        stored = {x[0] for x in rows(r.warehouse, f"SELECT {key} FROM {table}")}
        assert r.before_ids[table] <= stored


def test_the_round_counts_the_failures(fault_rounds: FaultRounds) -> None:
    failing = sum(m.outcome == "error" for m in MODES.values())
    assert fault_rounds.summary["feeds_failed"] == failing
    assert fault_rounds.summary["feeds_due"] == len(MODES) + len(fault_rounds.good)
    assert fault_rounds.before["claims"] > 0 and fault_rounds.after["claims"] > fault_rounds.before["claims"]


def test_neutralised_feeds_keep_their_text_intact(fault_rounds: FaultRounds) -> None:
    r = fault_rounds
    titles = {t for (t,) in rows(r.warehouse, "SELECT title FROM entries WHERE feed_url = ?", [r.bad["wrong_charset"]])}
    assert titles == {"МКС будет работать до 2028 года"}
    laughs = [
        t for (t,) in rows(r.warehouse, "SELECT title FROM entries WHERE feed_url = ?", [r.bad["billion_laughs"]])
    ]
    assert laughs and all(len(t) < 100 for t in laughs)  # never expanded
