"""``isswatch serve``: the monitor flow on a schedule, with a local Prefect server when none is configured.

Prefect refuses to schedule on its ephemeral server, so without PREFECT_API_URL this starts
``prefect server start`` on 127.0.0.1 (database under the data directory), points the process at it,
serves the flow, and stops the server on exit, however the exit comes (Ctrl-C, SIGTERM, an error).
Both the server and the flow-serving child also get SIGTERM from the kernel when this process dies
without a chance to clean up (SIGKILL, OOM): nothing it started outlives it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from isswatch.extractors.errors import ConfigError, IsswatchError
from isswatch.extractors.pages.worker_pool import parent_death_preexec
from isswatch.flows.output import err_console
from isswatch.flows.settings import Settings

SERVER_START_TIMEOUT = 180.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]  # the socket module types addresses as Any
        return port


@contextlib.contextmanager
def local_prefect_server(data_dir: Path, *, timeout: float = SERVER_START_TIMEOUT) -> Iterator[str]:
    """Run ``prefect server start`` on 127.0.0.1 while the block runs; yields its API URL."""
    port = _free_port()
    log_path = data_dir / "prefect-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
            preexec_fn=parent_death_preexec(signal.SIGTERM),
        )
    api = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise IsswatchError(f"the local Prefect server exited with code {proc.returncode}; see {log_path}")
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise IsswatchError(f"the local Prefect server did not start in {timeout:.0f} s; see {log_path}")
            time.sleep(0.5)
        yield api
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)


def serve_monitor(
    settings: Settings, *, config: Path | None, cron: str, interval: float | None = None, run_once: bool = False
) -> None:
    """Serve the monitor flow on ``cron`` (or every ``interval`` seconds) until interrupted.

    With PREFECT_API_URL set, this process serves the flow. Without it, this process only supervises:
    it starts a local Prefect server, runs ``isswatch serve`` again as a child pointed at that server,
    and on Ctrl-C or SIGTERM stops the child first (so Prefect can record its runs' end) and the
    server last. Keeping Prefect's client out of the supervisor means nothing is left retrying calls to
    a server that is gone.
    """
    from prefect.schedules import Cron

    try:
        Cron(cron, timezone=settings.timezone)
    except Exception as err:
        raise ConfigError(f"schedule {cron!r} is not a valid cron expression: {err}") from None
    if os.environ.get("PREFECT_API_URL"):
        _serve_here(config=config, cron=cron, timezone=settings.timezone, interval=interval, run_once=run_once)
        return
    err_console.print("No PREFECT_API_URL set: starting a local Prefect server on 127.0.0.1…")
    started = time.monotonic()
    stop = _StopSignal()
    with local_prefect_server(settings.data_dir.resolve()) as api:
        err_console.print(f"Prefect server ready at {api} in {time.monotonic() - started:.1f} s.")
        args = [sys.executable, "-m", "isswatch.flows.cli", "serve", "--cron", cron]
        if config:
            args += ["--config", str(Path(config).resolve())]
        if interval:
            args += ["--interval", str(interval)]
        if run_once:
            args.append("--run-once")
        child = subprocess.Popen(
            args,
            env={**os.environ, "PREFECT_API_URL": api},
            start_new_session=True,
            preexec_fn=parent_death_preexec(signal.SIGTERM),
        )
        try:
            while child.poll() is None and not stop.requested:
                time.sleep(0.5)
        finally:
            if child.poll() is None:
                err_console.print("Stopping the flow server…")
                child.send_signal(signal.SIGINT)
                try:
                    child.wait(CHILD_STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait(5)
            with contextlib.suppress(ProcessLookupError):  # flow runs the child may have left behind
                os.killpg(child.pid, signal.SIGKILL)
            stop.restore()
    if child.returncode not in (0, -signal.SIGINT, 130) and not stop.requested:
        raise IsswatchError(f"the flow server exited with code {child.returncode}")
    err_console.print("Stopped.")


CHILD_STOP_TIMEOUT = 60.0


class _StopSignal:
    """Turns SIGINT and SIGTERM into a flag the supervisor loop reads."""

    def __init__(self) -> None:
        self.requested = False
        self._old = {s: signal.signal(s, self._handle) for s in (signal.SIGINT, signal.SIGTERM)}

    def _handle(self, signum: int, frame: object) -> None:
        self.requested = True

    def restore(self) -> None:
        for s, handler in self._old.items():
            signal.signal(s, handler)


def _serve_here(*, config: Path | None, cron: str, timezone: str, interval: float | None, run_once: bool) -> None:
    from prefect.schedules import Cron, Interval

    from isswatch.flows.monitor import monitor

    params = {"config": str(Path(config).resolve()) if config else None}
    if run_once:
        err_console.print("Running one round now…")
        monitor(config=params["config"])
    schedule = Interval(interval) if interval else Cron(cron, timezone=timezone)
    err_console.print(
        f"Serving the monitor flow ({f'every {interval:g} s' if interval else cron}) on "
        f"{os.environ['PREFECT_API_URL']}; Ctrl-C stops it."
    )
    try:
        monitor.serve(
            name="isswatch-monitor", parameters=params, limit=1, print_starting_message=False, schedule=schedule
        )
    except KeyboardInterrupt:
        err_console.print("Stopping.")
