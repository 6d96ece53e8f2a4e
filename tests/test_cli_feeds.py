"""``isswatch feeds``: the health listing, ``check URL`` against a misbehaving server, enable / disable."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from isswatch.extractors.fetching.polling import FeedState, PollResult
from isswatch.flows.cli import app
from isswatch.warehouse.connection import reader, writer
from isswatch.warehouse.feeds import DISABLE_AFTER, record_polls, sync_feeds
from tests.misbehaving_server import MisbehavingServer

runner = CliRunner()


@pytest.fixture(scope="module")
def server() -> Iterator[MisbehavingServer]:
    s = MisbehavingServer().start()
    try:
        yield s
    finally:
        s.stop_server()


@pytest.fixture
def config(tmp_path: Path, server: MisbehavingServer) -> Path:
    path = tmp_path / "isswatch.toml"
    path.write_text(
        f"""
data_dir = "{tmp_path.as_posix()}"
allow_hosts = ["127.0.0.1"]
[http]
deadline = 2
[relevance]
en = ["ISS", "NASA", "Roscosmos"]
ru = ["МКС"]
[[feeds]]
url = "{server.url("/feed")}"
name = "Space news"
lang = "en"
[[feeds]]
url = "{server.url("/status/500")}"
name = "Broken"
[[feeds]]
url = "{server.url("/cyrillic-feed")}"
name = "Ru"
lang = "ru"
all_relevant = true
""",
        encoding="utf-8",
    )
    return path


def invoke(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "250"})  # a wide terminal: table cells unfolded


def test_every_command_has_help() -> None:
    for args in (["feeds"], ["feeds", "check"], ["feeds", "enable"], ["feeds", "disable"]):
        result = invoke(*args, "--help")
        assert result.exit_code == 0 and "Usage" in result.output
    assert "health" in invoke("feeds", "--help").output
    assert "usable" in invoke("feeds", "check", "--help").output


def test_listing_before_any_round_shows_the_configured_feeds(config: Path, server: MisbehavingServer) -> None:
    result = invoke("feeds", "-c", str(config), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["url"] for r in rows] == [server.url(p) for p in ("/feed", "/status/500", "/cyrillic-feed")]
    assert all(r["last_outcome"] is None and r["configured"] for r in rows)


def test_listing_shows_health_in_every_format(config: Path, server: MisbehavingServer, tmp_path: Path) -> None:
    import datetime as dt

    broken = server.url("/status/500")
    now = dt.datetime.now(dt.UTC)
    with writer(tmp_path / "isswatch.duckdb") as con:
        sync_feeds(con, [FeedState(broken, "Broken"), FeedState("https://gone.example/feed")])
        record_polls(
            con,
            "r1",
            [PollResult(broken, "error", now, 0.1, 500, error_class="http_status", error=f"{broken}: HTTP 500")],
        )
    rows = {r["url"]: r for r in json.loads(invoke("feeds", "-c", str(config), "-f", "json").stdout)}
    assert rows[broken]["error_class"] == "http_status" and rows[broken]["consecutive_failures"] == 1
    assert rows[broken]["last_status"] == 500 and rows[broken]["next_poll_at"]
    assert rows["https://gone.example/feed"]["configured"] is False
    table = invoke("feeds", "-c", str(config))
    assert table.exit_code == 0 and "http_status" in table.stdout and "never polled" in table.stdout
    lines = list(csv.reader(io.StringIO(invoke("feeds", "-c", str(config), "-f", "csv").stdout)))
    assert lines[0][:4] == ["url", "name", "lang", "configured"] and len(lines) == 5


def test_check_explains_a_usable_feed(config: Path, server: MisbehavingServer) -> None:
    result = invoke("feeds", "check", server.url("/chain/2"), "-c", str(config))
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in (
        "HTTP status    200",
        "redirects",
        "/feed",
        "application/rss+xml",
        "utf-8",
        "rss20",
        "2, 1 relevant, 1 with an untrusted date",
        "ISS to operate until 2028",
        "Roscosmos",
        "corrected_by_parser",
        "ttl 30 min",
        "usable",
    ):
        assert expected in out, expected
    assert len(out.splitlines()) < 40  # one screen


def test_check_in_json_keeps_non_latin_text_and_uses_the_feeds_own_settings(
    config: Path, server: MisbehavingServer
) -> None:
    result = invoke("feeds", "check", server.url("/wrong-charset"), "-c", str(config), "-f", "json")
    assert result.exit_code == 0, result.output
    (check,) = json.loads(result.stdout)
    assert check["encoding"] == "cp1251" and check["title"] == "Новости космонавтики"
    assert check["entries"][0]["title"] == "МКС будет работать до 2028 года"
    assert check["entries"][0]["matched_terms"] == ["МКС"]
    assert any("decoded" in w for w in check["warnings"])
    # a configured all_relevant feed: every entry with a link is relevant, whatever its words
    (ru,) = json.loads(invoke("feeds", "check", server.url("/cyrillic-feed"), "-c", str(config), "-f", "json").stdout)
    assert ru["configured"] and ru["relevant_entries"] == 1


@pytest.mark.parametrize(
    ("path", "error_class", "shown"),
    [
        ("/status/500", "http_status", "HTTP status    500"),
        ("/status/429?retry_after=120", "http_status", "Retry-After    120 s"),
        ("/redirect?to=http://169.254.169.254/latest/meta-data/", "blocked_address", "link-local"),
        ("/html", "parse", "not a feed"),
        ("/quadratic", "parse", "entity expansion"),
        ("/gzip-bomb", "too_large", "after decompression"),
        ("/drip", "timeout", "deadline"),
    ],
)
def test_check_exits_1_with_the_reason_for_an_unusable_feed(
    config: Path, server: MisbehavingServer, path: str, error_class: str, shown: str
) -> None:
    result = invoke("feeds", "check", server.url(path), "-c", str(config))
    assert result.exit_code == 1
    assert error_class in result.stdout and shown in result.stdout and "not usable" in result.stdout
    assert "Traceback" not in result.output


def test_check_applies_the_address_policy(tmp_path: Path, server: MisbehavingServer) -> None:
    strict = tmp_path / "strict.toml"
    strict.write_text(f'data_dir = "{tmp_path.as_posix()}"\n', encoding="utf-8")
    result = invoke("feeds", "check", server.url("/feed"), "-c", str(strict), "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)[0]["error_class"] == "blocked_address"


def test_disable_and_enable(config: Path, server: MisbehavingServer, tmp_path: Path) -> None:
    import datetime as dt

    url = server.url("/status/500")
    assert invoke("feeds", "disable", url, "--reason", "moved to a paywall", "-c", str(config)).exit_code == 0
    with reader(tmp_path / "isswatch.duckdb") as con:
        assert con.execute("SELECT disabled, disabled_reason FROM feeds WHERE url = ?", [url]).fetchone() == (
            True,
            "moved to a paywall",
        )
    rows = {r["url"]: r for r in json.loads(invoke("feeds", "-c", str(config), "-f", "json").stdout)}
    assert rows[url]["disabled"] is True
    # auto-disabled after repeated failures, then re-enabled by the user
    assert invoke("feeds", "enable", url, "-c", str(config)).exit_code == 0
    with writer(tmp_path / "isswatch.duckdb") as con:
        for i in range(DISABLE_AFTER):
            record_polls(
                con,
                f"r{i}",
                [
                    PollResult(
                        url, "error", dt.datetime.now(dt.UTC), 0.1, 500, error_class="http_status", error="HTTP 500"
                    )
                ],
            )
        assert con.execute("SELECT disabled FROM feeds WHERE url = ?", [url]).fetchone()[0] is True
    assert invoke("feeds", "enable", url, "-c", str(config)).exit_code == 0
    with reader(tmp_path / "isswatch.duckdb") as con:
        assert con.execute(
            "SELECT disabled, consecutive_failures, next_poll_at FROM feeds WHERE url = ?", [url]
        ).fetchone() == (False, 0, None)


def test_enable_an_unknown_feed_is_one_line_and_exit_1(config: Path) -> None:
    result = invoke("feeds", "enable", "https://unknown.example/feed", "-c", str(config))
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: no feed https://unknown.example/feed")
    assert "Traceback" not in result.output
