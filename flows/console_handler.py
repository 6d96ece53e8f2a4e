"""Prefect's console handler without tracebacks, for every process that logs through Prefect.

``configure_prefect`` names this class in ``PREFECT_LOGGING_HANDLERS_CONSOLE_CLASS``, an override
Prefect reads from the environment, so that processes isswatch does not configure itself (the flow-run
processes of ``serve``) keep tracebacks off the terminal too: a failure is reported in one line, and
``--verbose`` writes tracebacks to the log file.
"""

from __future__ import annotations

import logging

from prefect.logging.handlers import PrefectConsoleHandler


class QuietConsoleHandler(PrefectConsoleHandler):
    """Prints the record's message line, never its exception traceback or stack."""

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        try:
            return super().format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved
