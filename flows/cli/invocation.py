"""What a command needs of its invocation: the settings (remembering the data directory for the log),
a warehouse that must already exist, Prefect's environment, a spinner on a terminal."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from isswatch.extractors.errors import WarehouseError
from isswatch.flows.output import err_console
from isswatch.flows.settings import Settings, load_settings
from isswatch.warehouse.lake import Lake


class Run:
    """What the CLI learnt of this invocation: --verbose, and the data directory once settings are read."""

    verbose: bool = False
    data_dir: Path = Path("data")

    @classmethod
    def log_path(cls) -> Path:
        return cls.data_dir / "isswatch.log"


def settings_for(config: Path | None) -> Settings:
    settings = load_settings(config)
    Run.data_dir = settings.data_dir
    return settings


def existing_warehouse(settings: Settings) -> Path | Lake:
    """The warehouse, for a command that changes it but must not create it."""
    path = settings.warehouse_path
    if isinstance(path, Path) and not path.is_file():
        raise WarehouseError(f"no warehouse at {path}: run `isswatch run` or `isswatch demo` first")
    return path


def start_prefect(settings: Settings) -> None:
    """Check the warehouse can be written now (a locked, read-only or full warehouse is one line in a
    second, not a failed flow after Prefect's start-up), then set Prefect's environment; must run before
    the first import of prefect in this process."""
    from isswatch.flows.prefect_env import configure_prefect, quiet_tracebacks
    from isswatch.warehouse.connection import preflight

    preflight(settings.warehouse_path)
    configure_prefect(settings.data_dir)
    quiet_tracebacks(Run.log_path() if Run.verbose else None)


def busy(message: str) -> contextlib.AbstractContextManager[Any]:
    """A spinner on stderr when it is a terminal; nothing in a pipe or under cron."""
    if err_console.is_terminal:
        return err_console.status(message)
    return contextlib.nullcontext()
