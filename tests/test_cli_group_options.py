"""Options given before a subcommand apply to it (``isswatch feeds --config C check URL``), or are refused."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from isswatch.flows.cli import app
from tests.round_fixtures import NewsSite, Story, write_config

runner = CliRunner()


def test_config_before_check_is_honoured(tmp_path: Path) -> None:
    with NewsSite() as site:
        url = site.set_feed("a", [Story("a-1", "ISS news", "/a/1")])
        config = write_config(tmp_path / "c.toml", data_dir=tmp_path, feeds=[{"url": url, "name": "a"}])
        before = runner.invoke(app, ["feeds", "--config", str(config), "--format", "json", "check", url])
        after = runner.invoke(app, ["feeds", "check", url, "--config", str(config), "--format", "json"])
        unset = runner.invoke(app, ["feeds", "check", url, "--format", "json"])
    assert before.exit_code == 0, before.output
    first, second = json.loads(before.stdout)[0], json.loads(after.stdout)[0]
    assert {**first, "seconds": 0} == {**second, "seconds": 0}
    assert first["configured"] is True and first["usable"] is True
    # Without the config, 127.0.0.1 is not an allowed host: the option made the difference.
    assert json.loads(unset.stdout)[0]["error_class"] == "blocked_address"


def test_config_before_a_facts_subcommand_is_honoured(tmp_path: Path) -> None:
    from isswatch.warehouse.connection import reader, writer
    from isswatch.warehouse.writes import insert_new

    config = write_config(tmp_path / "c.toml", data_dir=tmp_path, feeds=[])
    with writer(tmp_path / "isswatch.duckdb") as con:
        insert_new(con, "facts", ["key"], [{"key": "iss.deorbit", "baseline_value": "2030"}])
    result = runner.invoke(app, ["facts", "--config", str(config), "mute", "iss.deorbit"])
    assert result.exit_code == 0, result.output
    with reader(tmp_path / "isswatch.duckdb") as con:
        assert con.execute("SELECT muted FROM facts").fetchone() == (True,)


def test_an_option_the_subcommand_does_not_take_is_refused() -> None:
    result = runner.invoke(app, ["feeds", "--format", "json", "enable", "http://example.org/feed.xml"])
    assert result.exit_code == 2
    assert "--format does not apply to `feeds enable`" in result.output
