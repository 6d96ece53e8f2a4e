"""`isswatch serve` for real: it starts a Prefect server on 127.0.0.1, a scheduled run happens and
writes a round to the warehouse, and SIGTERM stops the flow server and the Prefect server."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from tests.prefect_api import call

pytestmark = pytest.mark.slow


def completed_rounds(path: Path) -> int:
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:  # missing, or a round is writing right now
        return 0
    try:
        return con.execute("SELECT count(*) FROM rounds WHERE status = 'completed'").fetchone()[0]
    except duckdb.Error:
        return 0
    finally:
        con.close()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_runs_the_flow_on_schedule_and_stops_its_server(tmp_path, misbehaving_server):
    config = tmp_path / "isswatch.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\nallow_hosts = ["127.0.0.1"]\n'
        f'[[feeds]]\nurl = "{misbehaving_server.url("/feed")}"\nname = "loopback"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ISSWATCH_"))}
    stderr_path = tmp_path / "serve.err"
    with open(stderr_path, "wb") as stderr:
        report_port = free_port()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "isswatch.flows.cli",
                "serve",
                "--config",
                str(config),
                "--interval",
                "5",
                "--report-port",
                str(report_port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
            cwd=tmp_path,
        )
    warehouse = tmp_path / "data" / "isswatch.duckdb"
    try:
        deadline = time.monotonic() + 240
        while completed_rounds(warehouse) < 1:
            assert proc.poll() is None, stderr_path.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "no scheduled round within 240 s"
            time.sleep(2)
        log = stderr_path.read_text(errors="replace")
        api = re.search(r"Prefect server ready at (http://127\.0\.0\.1:\d+/api)", log).group(1)
        runs = call("POST", f"{api}/flow_runs/filter", json={}).json()
        done = [r for r in runs if r["state_type"] == "COMPLETED"]
        assert done and all(r["auto_scheduled"] for r in done), json.dumps(runs)[:2000]
        report = httpx.get(f"http://127.0.0.1:{report_port}/report.html", timeout=60)  # beside the schedule
        assert report.status_code == 200 and "Feed health" in report.text and "loopback" in report.text
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(120)
    assert code == 0, stderr_path.read_text(errors="replace")[-3000:]
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{api}/health", timeout=2)
    con = duckdb.connect(str(warehouse), read_only=True)
    polls = con.execute("SELECT outcome, count(*) FROM polls GROUP BY ALL").fetchall()
    con.close()
    assert dict(polls).get("ok", 0) + dict(polls).get("not_modified", 0) >= 1
    assert "Stopped." in stderr_path.read_text(errors="replace")
