"""`isswatch demo --serve`: after its rounds the demo keeps its outlets and report online until Ctrl-C,
so the printed commands and the alert's links work."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_demo_serve_keeps_the_outlets_and_the_report_online_until_interrupted(tmp_path: Path):
    port = free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    err = tmp_path / "stderr.txt"
    with open(err, "wb") as stderr:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "isswatch.flows.cli",
                "demo",
                "--serve",
                "--port",
                str(port),
                "--data-dir",
                str(tmp_path / "demo"),
            ],
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=env,
            cwd=tmp_path,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 240
        while b"Serving the demo outlets" not in err.read_bytes():
            assert proc.poll() is None, err.read_text()
            assert time.monotonic() < deadline, err.read_text()
            time.sleep(0.5)
        base = f"http://127.0.0.1:{port}"
        feed = httpx.get(f"{base}/feeds/orbital-times.xml")
        assert feed.status_code == 200 and b"<rss" in feed.content
        report = httpx.get(f"{base}/report.html")
        assert report.status_code == 200 and "iss.operations_end" in report.text
        config = (tmp_path / "demo" / "isswatch.toml").read_text(encoding="utf-8")
        assert f"{base}/feeds/" in config  # the demo's config points at the server that stays up
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == 0
        assert b"The report is" in out
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"{base}/report.html")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
