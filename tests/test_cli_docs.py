"""Every command is documented: a docstring (its --help), a working --help, and a line in the README
(sqlite-utils' test_docs is the model: a new command without documentation fails here)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from isswatch.flows.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
ROOT = typer.main.get_command(app)


def walk(command, path: tuple[str, ...] = ()) -> list:
    found = [(path, command)] if path else []
    if hasattr(command, "commands"):  # a group (typer ships its own click)
        for name, sub in command.commands.items():
            found += walk(sub, (*path, name))
    return found


COMMANDS = walk(ROOT)


def test_the_cli_has_the_commands_the_readme_promises():
    names = {p[0] for p, _ in COMMANDS}
    assert {
        "run",
        "demo",
        "serve",
        "query",
        "facts",
        "changes",
        "claims",
        "eval",
        "reprocess",
        "feeds",
        "alerts",
    } <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_text_and_a_working_help(path, command):
    assert (command.help or "").strip(), f"isswatch {' '.join(path)} has no docstring"
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


@pytest.mark.parametrize("name", sorted({p[0] for p, _ in COMMANDS}))
def test_every_top_level_command_is_in_the_readme(name):
    assert f"isswatch {name}" in README


def test_bad_usage_exits_2_and_bad_input_exits_1(tmp_path):
    runner = CliRunner()
    assert runner.invoke(app, ["query"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2
    missing = runner.invoke(app, ["query", "SELECT 1", "--config", str(tmp_path / "none.toml")])
    assert missing.exit_code == 1
    assert "none.toml: config file not found" in missing.output
    assert "Traceback" not in missing.output


def test_run_with_an_unreadable_catalogue_is_one_line_before_any_flow_starts(tmp_path):
    catalogue = tmp_path / "facts.toml"
    catalogue.write_text("[facts.bad]\nbaseline = 1\n", encoding="utf-8")
    cfg = tmp_path / "isswatch.toml"
    cfg.write_text(f'catalogue = "{catalogue}"\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["run", "--config", str(cfg)])
    assert result.exit_code == 1
    assert str(catalogue) in result.output and "Traceback" not in result.output
    assert not (tmp_path / "data" / "isswatch.duckdb").exists()
    missing = CliRunner().invoke(app, ["run", "--config", str(cfg).replace("isswatch.toml", "nope.toml")])
    assert missing.exit_code == 1 and "config file not found" in missing.output
