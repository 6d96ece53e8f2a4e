"""Untrusted text is inert in every terminal output, and intact in the warehouse and in JSON.

A whole round reads feeds whose titles and article sentences carry rich markup (``[/]``, ``[bold]``),
ANSI sequences (``ESC[2J`` clears the screen) and a bidi override (U+202E). The round must store them as
they came, and every command that prints them (``query``, ``changes``, ``feeds``, ``feeds check``,
``alerts``, the console alert) must neither crash on the markup nor let a control character through.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Iterator
from typing import Any

import pytest
import tomli_w
from typer.testing import CliRunner

from isswatch.flows.cli import app
from isswatch.flows.output import Format, inert, to_text
from tests.round_fixtures import NewsSite, Story, article_html, rows, run_round, story_paragraphs, write_config

ESC = "\x1b[2J"
RLO = "\u202e"
MARKUP = "[/] [bold red]"
HOSTILE_TITLE = f"ISS news {MARKUP} {ESC} {RLO}txet desrever"
HOSTILE_LEAD = (
    "NASA and Roscosmos agreed to operate the International Space Station until 2030, "
    f"officials said {MARKUP} {RLO}in Moscow."
)
#: What must never reach a terminal.
ACTIVE = ("\x1b", RLO, "\x9b", "\x07")

runner = CliRunner()


def _no_active(text: str) -> None:
    for c in ACTIVE:
        assert c not in text, f"{c!r} reached the terminal"


def test_inert_makes_controls_and_bidi_visible() -> None:
    assert inert(f"a{ESC}b{RLO}c\x9bd\te\nf") == "a\\x1b[2Jb\\u202ec\\x9bd\te\nf"
    assert inert("plain, accentué, кириллица") == "plain, accentué, кириллица"


def test_json_keeps_the_text_and_escapes_what_acts_on_a_terminal() -> None:
    value = f"x{ESC}{RLO}\x9b[/]"
    out = to_text(["v"], [[value]], Format.json)
    _no_active(out)
    assert json.loads(out) == [{"v": value}]


@pytest.fixture(scope="module")
def hostile_round(prefect_api: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("hostile")
    with NewsSite() as site:
        feeds = []
        for n, outlet in enumerate(("alpha", "beta")):
            path = f"/{outlet}/hostile"
            site.set_page(path, article_html(HOSTILE_TITLE, story_paragraphs(HOSTILE_LEAD, seed=4 * n)))
            url = site.set_feed(
                outlet,
                [
                    Story(
                        f"{outlet}-h",
                        HOSTILE_TITLE,
                        path,
                        summary="ISS " + MARKUP,
                        published=dt.datetime(2026, 11, 19 + n, 8, n, tzinfo=dt.UTC),  # a change needs two days
                    )
                ],
                title=f"{outlet} {ESC}{MARKUP}",
            )
            feeds.append({"url": url, "name": outlet, "lang": "en"})
        config = write_config(tmp / "isswatch.toml", data_dir=tmp, feeds=feeds)
        data = tomllib.loads(config.read_text(encoding="utf-8"))
        data["alerts"] = {"console": True}
        config.write_text(tomli_w.dumps(data), encoding="utf-8")
        yield {"config": config, "warehouse": tmp / "isswatch.duckdb", "site": site, "feeds": feeds}


def test_a_round_stores_hostile_text_intact_and_prints_it_inert(
    hostile_round: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    summary, _ = run_round(hostile_round["config"])
    printed = capsys.readouterr()
    assert summary["changes"], "the hostile sentence should still make a change"
    _no_active(printed.out)
    assert "\\x1b" not in printed.out or "\\u202e" in printed.out
    wh = hostile_round["warehouse"]
    assert {r[0] for r in rows(wh, "SELECT title FROM entries")} == {HOSTILE_TITLE}
    sentences = {r[0] for r in rows(wh, "SELECT sentence FROM claims")}
    assert any(MARKUP in s for s in sentences), sentences


@pytest.mark.parametrize(
    "args",
    [
        ["query", "SELECT title, text FROM articles"],
        ["query", "SELECT title FROM entries"],
        ["changes"],
        ["feeds"],
        ["alerts"],
        ["facts"],
        ["rounds"],
    ],
)
def test_commands_print_hostile_text_inert(hostile_round: dict[str, Any], args: list[str]) -> None:
    if not hostile_round["warehouse"].exists():
        run_round(hostile_round["config"])
    table = runner.invoke(app, [*args, "--config", str(hostile_round["config"])])
    assert table.exit_code == 0, table.output
    _no_active(table.output)
    as_json = runner.invoke(app, [*args, "--config", str(hostile_round["config"]), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    _no_active(as_json.output)
    json.loads(as_json.stdout)
    if args[0] == "query" and "entries" in args[1]:
        assert "\\x1b[2J" in table.output and "[/]" in table.output
        assert {r["title"] for r in json.loads(as_json.stdout)} == {HOSTILE_TITLE}


def test_feeds_check_prints_hostile_titles_inert(hostile_round: dict[str, Any]) -> None:
    url = hostile_round["feeds"][0]["url"]
    result = runner.invoke(app, ["feeds", "check", url, "--config", str(hostile_round["config"])])
    assert result.exit_code == 0, result.output
    _no_active(result.output)
    assert "[/]" in result.output and "\\u202e" in result.output


def test_claims_prints_a_hostile_text_inert() -> None:
    result = runner.invoke(app, ["claims", "-", "--explain"], input=HOSTILE_LEAD.replace("[/]", f"[/] {ESC}"))
    assert result.exit_code == 0, result.output
    _no_active(result.output)
    assert "[/]" in result.output and "2030" in result.output
