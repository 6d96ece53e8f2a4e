"""`isswatch facts`: listing, rebaseline, mute, unmute, snooze; bad input never changes stored rows."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from isswatch.flows.cli import app as isswatch_app
from tests.alert_fixtures import FACT, Warehouse, t

runner = CliRunner()


def app() -> typer.Typer:
    return isswatch_app


def invoke(wh: Warehouse, *args: str):
    wh.close()
    cfg = wh.path.parent / "isswatch.toml"
    cfg.write_text(f'warehouse = "{wh.path.as_posix()}"\n', encoding="utf-8")
    return runner.invoke(app(), [*args, "--config", str(cfg)])


def fact_row(wh: Warehouse) -> tuple:
    row = wh.rows(
        "SELECT baseline_value, baseline_source, accepted_value, muted, snoozed_until FROM facts WHERE key = ?", [FACT]
    )[0]
    wh.close()
    return row


def test_every_command_has_help() -> None:
    for sub in ([], ["rebaseline"], ["mute"], ["unmute"], ["snooze"]):
        args = ["facts", *sub]
        result = runner.invoke(app(), [*args, "--help"])
        assert result.exit_code == 0 and len(result.output) > 50, args


def test_facts_lists_baseline_and_reported_value(wh: Warehouse) -> None:
    wh.report("nasa", "2030", primary=True, when=t(0))
    wh.detect()
    wh.report("tass", "2031", when=t(2))
    result = invoke(wh, "facts", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["fact"]: r for r in json.loads(result.stdout)}
    ops = rows[FACT]
    assert (ops["baseline_value"], ops["reported_value"], ops["latest_claim"]) == ("2028", "2030", "2031")
    assert rows["iss.deorbit"]["reported_value"] == "2030" and rows["iss.deorbit"]["latest_claim"] is None
    assert invoke(wh, "facts").exit_code == 0


def test_rebaseline(wh: Warehouse) -> None:
    result = invoke(wh, "facts", "rebaseline", FACT, "2030", "--source", "NASA, 2026-02-01", "--as-of", "2026-02-01")
    assert result.exit_code == 0, result.output
    assert "2028 → 2030" in result.stdout
    assert fact_row(wh)[:3] == ("2030", "NASA, 2026-02-01", "2030")
    [(kind, old, new)] = wh.rows("SELECT kind, old_value, new_value FROM changes")
    assert (kind, old, new) == ("rebaseline", "2028", "2030")


def test_bad_input_is_one_line_and_changes_nothing(wh: Warehouse) -> None:
    before = fact_row(wh)
    cases = [
        (["facts", "rebaseline", "iss.nope", "2030", "--source", "x"], "iss.nope"),
        (["facts", "rebaseline", FACT, "20300", "--source", "x"], "20300"),
        (["facts", "rebaseline", FACT, "2030-02-30", "--source", "x"], "2030-02-30"),
        (["facts", "rebaseline", FACT, "2030", "--source", " "], "--source"),
        (["facts", "rebaseline", FACT, "2030", "--source", "x", "--as-of", "yesterday"], "yesterday"),
        (["facts", "mute", "iss.nope"], "iss.nope"),
        (["facts", "snooze", FACT, "--until", "soon"], "soon"),
        (["facts", "snooze", FACT, "--until", "2001-01-01"], "past"),
    ]
    for args, needle in cases:
        result = invoke(wh, *args)
        assert result.exit_code == 1, (args, result.output)
        assert needle in result.stderr and len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)
        assert "Traceback" not in result.output
    assert fact_row(wh) == before


def test_missing_warehouse(tmp_path: Path) -> None:
    cfg = tmp_path / "isswatch.toml"
    cfg.write_text(f'warehouse = "{(tmp_path / "none.duckdb").as_posix()}"\n', encoding="utf-8")
    for args in (["facts"], ["facts", "mute", FACT]):
        result = runner.invoke(app(), [*args, "--config", str(cfg)])
        assert result.exit_code == 1 and "no warehouse at" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()


def test_mute_unmute_snooze(wh: Warehouse) -> None:
    assert invoke(wh, "facts", "mute", FACT).exit_code == 0
    assert fact_row(wh)[3] is True
    wh.report("nasa", "2030", primary=True)
    assert [c.suppressed for c in wh.detect()] == ["muted"]
    assert invoke(wh, "facts", "snooze", FACT, "--until", "2099-01-01").exit_code == 0
    assert fact_row(wh)[4].year == 2099
    assert invoke(wh, "facts", "unmute", FACT).exit_code == 0
    assert fact_row(wh)[3:] == (False, None)


def test_rebaseline_names_the_old_baseline_not_the_reported_value(wh: Warehouse) -> None:
    wh.report("nasa", "2030", primary=True)
    wh.detect()
    result = invoke(wh, "facts", "rebaseline", FACT, "2031", "--source", "NASA, 2026-03-01")
    assert result.exit_code == 0, result.output
    assert "baseline 2028 → 2031" in result.stdout and "the value reported was 2030" in result.stdout


def test_changes_of_an_unknown_fact_is_an_error_naming_the_facts(wh: Warehouse) -> None:
    from isswatch.flows.cli import app as full_app

    wh.close()
    cfg = wh.path.parent / "isswatch.toml"
    cfg.write_text(f'warehouse = "{wh.path.as_posix()}"\n', encoding="utf-8")
    result = runner.invoke(full_app, ["changes", "--fact", "nope", "--config", str(cfg)])
    assert result.exit_code == 1 and "no fact 'nope'" in result.stderr and FACT in result.stderr
    assert runner.invoke(full_app, ["changes", "--fact", FACT, "--config", str(cfg)]).exit_code == 0
