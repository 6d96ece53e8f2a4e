"""A live line on the terminal while a round runs: the stage and what the flow has said so far.

The flow already logs each stage (task runs start and finish, "7 feeds polled ...", "12 pages fetched
..."). Rather than threading a callback through the flow, this listens to Prefect's run loggers at INFO
while keeping their console output at WARNING, and shows the latest stage in a rich status line on
stderr. Used only when stderr is a terminal and --verbose is off; cron and pipes see nothing of it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from rich.console import Console
from rich.markup import escape
from rich.status import Status

from isswatch.flows.output import inert

#: Task names of the monitor flow, as the user reads them.
STAGES = {
    "prepare-round": "preparing",
    "poll-feeds": "polling feeds",
    "store-polls": "storing entries",
    "download-pages": "downloading pages",
    "extract-articles": "extracting articles",
    "store-articles": "storing articles and claims",
    "detect-changes": "detecting changes",
    "deliver-alerts": "delivering alerts",
    "finish-round": "finishing",
}
_RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")


def stage_of(task_run_name: str) -> str | None:
    """'poll-feeds-e7f' → 'polling feeds'."""
    base = task_run_name.rsplit("-", 1)[0] if "-" in task_run_name else task_run_name
    return STAGES.get(base)


class _StageHandler(logging.Handler):
    def __init__(self, status: Status) -> None:
        super().__init__(level=logging.INFO)
        self.status = status
        self.said = ""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            task = getattr(record, "task_run_name", None)
            stage = stage_of(task) if task else None
            if (
                record.name == "prefect.flow_runs"
                and record.levelno == logging.INFO
                and "Finished" not in record.getMessage()
                and "Beginning" not in record.getMessage()
            ):
                self.said = record.getMessage()
            if stage:
                self.status.update(f"{stage}…" + (f"  [dim]{escape(inert(self.said))}[/]" if self.said else ""))
        except Exception:  # a display must never fail a round
            pass


@contextlib.contextmanager
def round_progress(console: Console, first: str = "Polling feeds…") -> Iterator[None]:
    """Show the round's stages on ``console`` while the block runs (only on a terminal)."""
    if not console.is_terminal:
        yield
        return
    loggers = [logging.getLogger(n) for n in _RUN_LOGGERS]
    consoles = [h for h in logging.getLogger().handlers if type(h).__name__ == "PrefectConsoleHandler"]
    saved = [(lg, lg.level) for lg in loggers] + [(h, h.level) for h in consoles]
    with console.status(first) as status:
        handler = _StageHandler(status)
        for h in consoles:
            h.setLevel(logging.WARNING)  # the records exist for us; the console still shows warnings only
        for lg in loggers:
            lg.setLevel(logging.INFO)
            lg.addHandler(handler)
        try:
            yield
        finally:
            for lg in loggers:
                lg.removeHandler(handler)
            for obj, level in saved:
                obj.setLevel(level)
