"""Crash consistency of a round's warehouse writes: a failure at any commit point loses nothing for good.

A fault-injecting connection (``FaultyConnection``) wraps every write connection the round opens and
raises DuckDB's own ``IOException`` ("No space left on device") instead of running the N-th commit
point: each COMMIT, and each write statement that commits on its own (outside a transaction). Failing a
statement inside a transaction rolls the whole transaction back, which is what a failed COMMIT does, so
the commit points are the moments where a round can be cut in two.

For every commit point of a first round (counted on an undisturbed run), a fresh warehouse runs that
round with the fault, then a second, undisturbed round; the warehouse must then hold exactly the rows,
changes and alerts of two undisturbed rounds (polls and round rows are the log of what happened and
differ by design), and the webhook receiver must have seen each alert id. The site does not change
between the rounds, so whatever the first round failed to store can only come from the second redoing it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w

import isswatch.warehouse.connection as connection
from isswatch.warehouse.connection import writer
from tests.alert_fixtures import Webhook, free_port
from tests.fault_fixtures import FaultyConnection
from tests.round_fixtures import NewsSite, Story, article_html, rows, run_round, story_paragraphs, write_config


@pytest.fixture
def faulty(monkeypatch: pytest.MonkeyPatch) -> type[FaultyConnection]:
    real = connection.open_connection

    def wrapped(path: Any, *, read_only: bool = False, wait: float = 15.0) -> Any:
        con = real(path, read_only=read_only, wait=wait)
        return con if read_only else FaultyConnection(con)

    FaultyConnection.counter, FaultyConnection.fail_at = 0, None
    monkeypatch.setattr(connection, "open_connection", wrapped)
    return FaultyConnection


def _stories(site: NewsSite, outlet: str, year: int, seed: int) -> list[Story]:
    out = []
    for i in range(2):
        path = f"/{outlet}/story-{i}"
        lead = (
            f"NASA and Roscosmos agreed to operate the International Space Station until {year}, "
            f"officials said on day {i} of the talks in {outlet}."
        )
        site.set_page(path, article_html(f"ISS operations until {year}", story_paragraphs(lead, seed=seed + i)))
        out.append(
            Story(
                f"{outlet}-{i}",
                f"ISS to operate until {year} ({outlet} {i})",
                path,
                summary="NASA and Roscosmos agreed on the space station.",
                published=dt.datetime(2026, 11, 19 + i, 8, i, tzinfo=dt.UTC),  # two days: a change needs both
            )
        )
    return out


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    with NewsSite() as s:
        s.set_feed("alpha", _stories(s, "alpha", 2030, 0), title="Alpha")
        s.set_feed("beta", _stories(s, "beta", 2030, 4), title="Beta")
        s.set_feed("gamma", [Story("g-0", "Local weather", None)], title="Gamma")
        yield s


def _config(tmp: Path, site: NewsSite, hook: Webhook) -> Path:
    feeds = [{"url": site.feed_url(n), "name": n, "lang": "en"} for n in ("alpha", "beta", "gamma")]
    path = write_config(tmp / "isswatch.toml", data_dir=tmp, feeds=feeds)
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    # No backoff worth waiting for: an alert sent but not marked is sent again by the next round.
    config["alerts"] = {"console": False, "urls": [hook.url], "retry_base_seconds": 0.001}
    path.write_text(tomli_w.dumps(config), encoding="utf-8")
    return path


_STATE = {
    "feeds": "SELECT url, etag, consecutive_failures, disabled FROM feeds",
    "entries": "SELECT entry_id, link, canonical_url, title, relevant, skip_reason, entry_hash, refetch FROM entries",
    "articles": "SELECT article_id, url, entry_id, content_hash, duplicate_of, version, relevant, skip_reason "
    "FROM articles",
    "claims": "SELECT claim_id, article_id, fact, value, status, qualifier FROM claims",
    "facts": "SELECT key, baseline_value, accepted_value, accepted_since FROM facts",
    "changes": "SELECT change_id, fact, kind, old_value, new_value, claim_ids, article_urls, outlets FROM changes",
    "alerts": "SELECT alert_id, change_id, channel, delivered_at IS NOT NULL FROM alerts",
}


def _state(warehouse: Path) -> dict[str, list[tuple]]:
    return {t: sorted(rows(warehouse, sql), key=repr) for t, sql in _STATE.items()}


def _fresh(tmp: Path, site: NewsSite, hook: Webhook) -> Path:
    config = _config(tmp, site, hook)
    with writer(tmp / "isswatch.duckdb"):  # the schema exists before the round: its migrations are not counted
        pass
    return config


@pytest.fixture(scope="module")
def hook() -> Iterator[Webhook]:
    """One receiver for every run: the channel's name (stored with each alert) comes from its URL."""
    h = Webhook(free_port()).start()
    yield h
    h.stop()


@pytest.fixture(scope="module")
def reference(
    prefect_api: str, site: NewsSite, hook: Webhook, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Two undisturbed rounds, with the number of commit points of the first."""
    tmp = tmp_path_factory.mktemp("reference")
    mp = pytest.MonkeyPatch()
    try:
        config = _fresh(tmp, site, hook)
        real = connection.open_connection
        mp.setattr(
            connection,
            "open_connection",
            lambda p, *, read_only=False, wait=15.0: (
                real(p, read_only=read_only, wait=wait) if read_only else FaultyConnection(real(p, wait=wait))
            ),
        )
        FaultyConnection.counter, FaultyConnection.fail_at = 0, None
        run_round(config)
        points = FaultyConnection.counter
        mp.undo()
        run_round(config)
        state = _state(tmp / "isswatch.duckdb")
        return {"points": points, "state": state, "alerts": set(hook.unique)}
    finally:
        mp.undo()


def test_the_reference_round_has_a_change_and_an_alert(reference: dict[str, Any]) -> None:
    state = reference["state"]
    assert [c[1:5] for c in state["changes"]] == [("iss.operations_end", "change", "2028", "2030")]
    assert len(state["alerts"]) == 1 and state["alerts"][0][3] is True
    assert reference["alerts"] == {state["alerts"][0][0]}
    assert len(state["articles"]) == 4 and state["claims"]
    # prepare, polls + entries, articles + claims, changes + alerts, claim and mark the alert, finish (2)
    assert reference["points"] >= 8


def test_a_failure_at_any_commit_point_is_made_good_by_the_next_round(
    reference: dict[str, Any], site: NewsSite, hook: Webhook, faulty: type[FaultyConnection], tmp_path: Path
) -> None:
    for point in range(1, reference["points"] + 1):
        tmp = tmp_path / f"fault-{point}"
        tmp.mkdir()
        hook.unique.clear()
        config = _fresh(tmp, site, hook)
        faulty.counter, faulty.fail_at = 0, point
        with pytest.raises(Exception, match="No space left on device"):
            run_round(config)
        faulty.fail_at = None
        run_round(config)
        wh = tmp / "isswatch.duckdb"
        assert _state(wh) == reference["state"], f"fault at commit point {point}"
        assert set(hook.unique) == reference["alerts"], f"fault at commit point {point}"
        statuses = [r[0] for r in rows(wh, "SELECT status FROM rounds ORDER BY started_at")]
        assert statuses[-1] == "completed" and "running" not in statuses, (point, statuses)
