"""`isswatch run` for cron: one line on stdout, and an exit status that says when nothing could be read."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from isswatch.flows.cli import EXIT_FEEDS_FAILED, app, summary_line


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_feed_configured_is_exit_1_before_prefect_starts(tmp_path: Path):
    cfg = tmp_path / "isswatch.toml"
    cfg.write_text(f'data_dir = "{tmp_path.as_posix()}"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["run", "-c", str(cfg)])
    assert result.exit_code == 1 and "no feed configured" in result.stderr
    assert not (tmp_path / "prefect").exists()


def test_the_summary_is_one_line_with_plurals():
    line = summary_line(
        {
            "round_id": "r1",
            "feeds_due": 1,
            "feeds_not_modified": 0,
            "feeds_failed": 0,
            "entries_new": 1,
            "articles_new": 2,
            "claims_new": 1,
            "changes": [],
            "alerts_sent": 0,
            "seconds": 1.25,
        }
    )
    assert line == (
        "Round r1: 1 feed polled (0 unchanged, 0 failed), 1 new entry, 2 articles, 1 claim, "
        "0 changes, 0 alerts sent, in 1.2 s"
    )


@pytest.mark.slow
def test_every_feed_failing_is_exit_3_with_one_line_on_stdout(tmp_path: Path, prefect_api):
    port = closed_port()
    cfg = tmp_path / "isswatch.toml"
    cfg.write_text(
        f'''data_dir = "{tmp_path.as_posix()}"
allow_hosts = ["127.0.0.1"]
[http]
deadline = 3
[[feeds]]
url = "http://127.0.0.1:{port}/a.xml"
[[feeds]]
url = "http://127.0.0.1:{port}/b.xml"
''',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["run", "-c", str(cfg)])
    assert result.exit_code == EXIT_FEEDS_FAILED, result.output
    assert len(result.stdout.splitlines()) == 1 and "2 feeds polled (0 unchanged, 2 failed)" in result.stdout
    assert "Finished in state" not in result.output  # Prefect's INFO logs only with --verbose
    assert "2 of 2 feeds failed" in result.stderr


def test_stage_names_are_read_from_task_run_names():
    from isswatch.flows.progress import stage_of

    assert stage_of("poll-feeds-e7f") == "polling feeds"
    assert stage_of("extract-articles-0a1") == "extracting articles"
    assert stage_of("something-else") is None


def test_the_status_line_shows_the_stage_and_the_pages_extracted_as_text():
    import logging

    from isswatch.flows.progress import _StageHandler

    class Line:
        text = ""

        def update(self, text: str) -> None:
            self.text = text

    line = Line()
    handler = _StageHandler(line)

    def record(name: str, message: str, task: str | None = None) -> logging.LogRecord:
        r = logging.LogRecord(name, logging.INFO, __file__, 1, message, None, None)
        if task:
            r.task_run_name = task
        return r

    handler.emit(record("prefect.flow_runs", "12 pages fetched, 0 failed"))
    handler.emit(record("prefect.task_runs", "Running", "extract-articles-0a1"))
    assert line.text.startswith("extracting articles…") and "12 pages fetched" in line.text
    handler.emit(record("prefect.flow_runs", "11 pages extracted [/] \x1b[2J"))
    handler.emit(record("prefect.task_runs", "Running", "store-articles-0a1"))
    assert "11 pages extracted" in line.text
    assert "\\[/]" in line.text and "\x1b" not in line.text  # markup escaped, control characters visible
