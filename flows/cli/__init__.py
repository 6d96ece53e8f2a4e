"""The ``isswatch`` command line, one pattern throughout (sqlite-utils is the model).

- ``app_factory.new_app`` makes every Typer (the root and each command group), so every command runs
  under the one error handler (``error_handler.ErrorsAsMessages``): bad input is one ``Error:`` line and
  exit code 1, bad usage 2, never a traceback.
- ``shared_options`` holds the options commands share (``--config``, ``--format``, ``--wide``,
  ``--columns``); ``invocation`` what a command needs of its invocation (settings, the warehouse, Prefect).
- One module per command group (``round_commands``, ``warehouse_commands``, ``feed_commands``,
  ``config_commands``, ``alert_commands``, ``fact_commands``, ``claim_commands``, ``backfill_commands``);
  none imports another, and ``app`` registers each command explicitly.
- Commands hold no SQL: they call named functions of ``isswatch.warehouse``.

Data goes to stdout, logs and progress to stderr.
"""

from isswatch.flows.cli.app import app, main
from isswatch.flows.cli.round_commands import EXIT_FEEDS_FAILED, summary_line

__all__ = ["EXIT_FEEDS_FAILED", "app", "main", "summary_line"]
