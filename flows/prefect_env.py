"""Prefect's environment, set before prefect is first imported: offline, quiet, home under data/.

Prefect reads its settings when it is imported, so every entry point (CLI, tests, deployments) calls
``configure_prefect`` first. Values the user already set in the environment win.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

STARTUP_TIMEOUT_SECONDS = "120"


def configure_prefect(data_dir: Path | str) -> None:
    home = Path(data_dir).resolve() / "prefect"
    home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_HOME", str(home))
    # Prefect's server otherwise sends telemetry to the internet.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    # A first start of the ephemeral server takes nearly the default 20 s on a small machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", STARTUP_TIMEOUT_SECONDS)
    os.environ.setdefault("PREFECT_API_DATABASE_CONNECTION_URL", f"sqlite+aiosqlite:///{home / 'prefect.db'}")
    # Tracebacks stay off the terminal in every process Prefect configures, flow runs of serve included.
    os.environ.setdefault(
        "PREFECT_LOGGING_HANDLERS_CONSOLE_CLASS", "isswatch.flows.console_handler.QuietConsoleHandler"
    )


class _WithoutTraceback:
    """A formatter wrapper that leaves exception tracebacks and stacks out of a console record."""

    def __init__(self, inner: logging.Formatter | None) -> None:
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        try:
            return self.inner.format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


def quiet_tracebacks(log_file: Path | None = None) -> None:
    """Keep tracebacks off the terminal: Prefect logs a failed task or flow with its traceback on the
    console, while the CLI ends with one Error: line. With ``log_file`` (--verbose), Prefect's and
    isswatch's records, tracebacks included, are appended to that file."""
    import prefect.main  # noqa: F401  (configures Prefect's logging and its handlers)

    names = ["", "prefect", "prefect.flow_runs", "prefect.task_runs", "prefect.server", "isswatch"]
    for name in names:
        for handler in logging.getLogger(name).handlers:
            if (
                isinstance(handler, logging.StreamHandler)
                and not isinstance(handler, logging.FileHandler)
                and not isinstance(handler.formatter, _WithoutTraceback)
            ):
                handler.setFormatter(_WithoutTraceback(handler.formatter))  # type: ignore[arg-type]
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        for name in ("prefect", "isswatch"):
            logging.getLogger(name).addHandler(handler)


def start_ephemeral_api() -> float:
    """Start Prefect's temporary API server now, once per process, and return the seconds it took.

    Prefect would start it lazily at the first flow run anyway; starting it here lets the CLI report
    start-up apart from round time, and lets several rounds in one process share it.
    """
    if os.environ.get("PREFECT_API_URL"):
        return 0.0
    import time

    from prefect.server.api.server import SubprocessASGIServer

    started = time.monotonic()
    server = SubprocessASGIServer()
    if not server.running:
        server._run_uvicorn_command = _dies_with_us(server._run_uvicorn_command)  # type: ignore[method-assign]
    with start_lock(Path(os.environ["PREFECT_HOME"])):
        server.start(timeout=int(os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"]))
    return time.monotonic() - started


@contextlib.contextmanager
def start_lock(home: Path) -> Iterator[None]:
    """Serialise Prefect start-ups on one data directory: two first starts at once would race the
    database migrations of one Prefect home (and the choice of a free port)."""
    home.mkdir(parents=True, exist_ok=True)
    with open(home / ".isswatch-start.lock", "a+b") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _dies_with_us(run: Callable[[], subprocess.Popen[Any]]) -> Callable[[], subprocess.Popen[Any]]:
    """Prefect starts its temporary API server with a plain Popen and stops it only at a clean exit
    (atexit): wrap that one call so the server is killed when this process dies, even by SIGKILL. Its
    output goes to ``<PREFECT_HOME>/api-server.log``: the server logs tracebacks of its own (events
    cancelled while it stops) that do not belong on the user's terminal."""
    from isswatch.extractors.pages.worker_pool import parent_death_preexec

    def guarded() -> subprocess.Popen[Any]:
        real = subprocess.Popen
        preexec = parent_death_preexec(signal.SIGKILL)  # its state is SQLite: safe to cut anywhere
        log_path = Path(os.environ["PREFECT_HOME"]) / "api-server.log"

        def popen(*args: Any, **kwargs: Any) -> subprocess.Popen[Any]:
            kwargs.setdefault("preexec_fn", preexec)
            with open(log_path, "ab") as log:
                kwargs.setdefault("stdout", log)
                kwargs.setdefault("stderr", subprocess.STDOUT)
                return real(*args, **kwargs)

        subprocess.Popen = popen  # type: ignore[assignment,misc]
        try:
            return run()
        finally:
            subprocess.Popen = real  # type: ignore[misc]

    return guarded
