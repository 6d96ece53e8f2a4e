"""Rounds left ``running`` by a dead process are closed as ``crashed`` at the next start, with what they
stored; ``isswatch rounds`` shows them. A round of a live process is left alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from isswatch.flows.cli import app
from isswatch.warehouse.connection import writer
from isswatch.warehouse.rounds import close_dead_rounds
from tests.round_fixtures import rows, run_round, write_config

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()

_START = (
    "import os, signal, sys, time; from isswatch.warehouse.connection import writer; "
    "from isswatch.warehouse.rounds import start_round\n"
    "with writer(sys.argv[1]) as con:\n"
    "    con.execute(\"INSERT INTO polls (round_id, feed_url, outcome) VALUES ('x', 'u', 'ok')\")\n"
    "    rid = start_round(con, flow_run_id=sys.argv[3] or None)\n"
    "    con.execute(\"UPDATE polls SET round_id = ? WHERE round_id = 'x'\", [rid])\n"
    "print(rid, flush=True)\n"
    "if sys.argv[2] == 'die': os.kill(os.getpid(), signal.SIGKILL)\n"
    "time.sleep(60)\n"
)


def _start_round_in_a_process(warehouse: Path, how: str, flow_run_id: str = "") -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _START, str(warehouse), how, flow_run_id], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    return proc, proc.stdout.readline().strip()


def test_a_killed_rounds_row_is_closed_as_crashed_by_the_next_round(prefect_api: str, tmp_path: Path) -> None:
    config = write_config(tmp_path / "c.toml", data_dir=tmp_path, feeds=[])
    wh = tmp_path / "isswatch.duckdb"
    with writer(wh):
        pass
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.states import Running

    @flow(name="killed-round")
    def killed() -> None:
        pass

    with get_client(sync_client=True) as client:  # the flow run a SIGKILLed round leaves Running in Prefect
        run = client.create_flow_run(killed, state=Running())
    dead, dead_id = _start_round_in_a_process(wh, "die", str(run.id))
    dead.wait()
    listed = runner.invoke(app, ["rounds", "--config", str(config), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout)[0]["status"] == "crashed (closed at the next start)"
    run_round(config)
    ((status, polled, error),) = rows(
        wh, "SELECT status, feeds_polled, error FROM rounds WHERE round_id = ?", [dead_id]
    )
    assert status == "crashed" and polled == 1 and "process ended" in error
    listed = runner.invoke(app, ["rounds", "--config", str(config), "--format", "json"])
    assert [r["status"] for r in json.loads(listed.stdout)] == ["completed", "crashed"]
    table = runner.invoke(app, ["rounds", "--config", str(config)])
    assert "crashed" in table.output
    with get_client(sync_client=True) as client:
        assert client.read_flow_run(run.id).state.is_crashed()


def test_a_live_processs_round_is_left_running(tmp_path: Path) -> None:
    wh = tmp_path / "isswatch.duckdb"
    with writer(wh):
        pass
    live, live_id = _start_round_in_a_process(wh, "live")
    try:
        with writer(wh) as con:
            assert close_dead_rounds(con) == []
        assert rows(wh, "SELECT status FROM rounds") == [("running",)]
    finally:
        live.kill()
        live.wait()
    with writer(wh) as con:
        assert close_dead_rounds(con) == [(live_id, None)]
