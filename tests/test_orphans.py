"""No orphans: what a round starts dies with it, even when the round is SIGKILLed.

- extraction workers (busy on a page) and their forkserver die with the process that runs the pool;
- Prefect's temporary API server, started by ``isswatch run``, dies with it;
- ``isswatch serve`` SIGKILLed leaves neither its Prefect server nor the child that serves the flow;
- Prefect start-ups on one data directory wait for each other (a file lock).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from isswatch.flows.prefect_env import start_lock

REPO = Path(__file__).resolve().parents[1]


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper counts as dead)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _children(pid: int) -> list[tuple[int, str]]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text(errors="replace").rsplit(")", 1)[1].split()[1])
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid:
            out.append((int(entry.name), cmd))
    return out


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def test_busy_extraction_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    pidfile = tmp_path / "worker.pid"
    code = (
        "import sys; from isswatch.extractors.pages.worker_pool import run_bounded; from tests.worker_funcs import "
        "write_pid_and_sleep; run_bounded(write_pid_and_sleep, [sys.argv[1]], workers=1, timeout=600)"
    )
    parent = subprocess.Popen([sys.executable, "-c", code, str(pidfile)], cwd=REPO)
    try:
        assert _wait(lambda: pidfile.exists() and pidfile.read_text(), 30), "the worker never started"
        worker = int(pidfile.read_text())
        assert _alive(worker)
        forkservers = [p for p, _ in _children(parent.pid)]
    finally:
        parent.kill()
        parent.wait()
    assert _wait(lambda: not _alive(worker), 10), "the busy worker outlived its parent"
    assert _wait(lambda: not any(_alive(p) for p in forkservers), 10), "the forkserver outlived its parent"


def test_prefects_api_server_dies_with_a_killed_run(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(
        f'data_dir = "{tmp_path}/data"\n[[feeds]]\nurl = "http://127.0.0.1:9/feed.xml"\nname = "a"\nlang = "en"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ISSWATCH_", "PREFECT_"))}
    run = subprocess.Popen(
        [sys.executable, "-m", "isswatch.flows.cli", "run", "--config", str(config)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait(lambda: any("uvicorn" in c for _, c in _children(run.pid)), 180), "no API server started"
        server = next(p for p, c in _children(run.pid) if "uvicorn" in c)
    finally:
        run.send_signal(signal.SIGKILL)
        run.wait()
    assert _wait(lambda: not _alive(server), 10), "Prefect's API server outlived the killed run"


def test_prefect_start_ups_on_one_data_directory_wait_for_each_other(tmp_path: Path) -> None:
    code = (
        "import sys, time; from pathlib import Path; from isswatch.flows.prefect_env import start_lock; "
        "print('ready', flush=True); t = time.monotonic(); cm = start_lock(Path(sys.argv[1])); cm.__enter__(); "
        "print(round(time.monotonic() - t, 2), flush=True)"
    )
    with start_lock(tmp_path):
        other = subprocess.Popen(
            [sys.executable, "-c", code, str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE, text=True
        )
        assert other.stdout is not None
        assert other.stdout.readline().strip() == "ready"  # imports done: the wait measured is the lock's alone
        time.sleep(1.5)
        assert other.poll() is None, "the second start-up did not wait"
    out, _ = other.communicate(timeout=30)
    assert float(out) >= 1.0


def _descendants(pid: int) -> list[tuple[int, str]]:
    out, todo = [], [pid]
    while todo:
        kids = _children(todo.pop())
        out += kids
        todo += [k for k, _ in kids]
    return out


@pytest.mark.slow
def test_serve_killed_leaves_neither_its_prefect_server_nor_its_flow_server(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(
        f'data_dir = "{tmp_path}/data"\n[[feeds]]\nurl = "http://127.0.0.1:9/feed.xml"\nname = "a"\nlang = "en"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ISSWATCH_", "PREFECT_"))}
    err = tmp_path / "serve.err"
    with open(err, "wb") as stderr:
        serve = subprocess.Popen(
            [sys.executable, "-m", "isswatch.flows.cli", "serve", "--config", str(config), "--interval", "600"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        # the Prefect server and the child serving the flow (and what they started) are all there
        assert _wait(
            lambda: "Prefect server ready" in err.read_text(errors="replace") and len(_children(serve.pid)) >= 2, 180
        ), err.read_text(errors="replace")[-2000:]
        time.sleep(3)
        started = _descendants(serve.pid)
        assert any("uvicorn" in c or "server" in c for _, c in started), started
    finally:
        serve.send_signal(signal.SIGKILL)
        serve.wait()
    assert _wait(lambda: not any(_alive(p) for p, _ in started), 30), [c for p, c in started if _alive(p)]
