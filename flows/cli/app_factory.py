"""The one way a Typer is made here, for the root command and for every command group alike."""

from __future__ import annotations

from typing import Any

import typer

from isswatch.flows.cli.error_handler import ErrorsAsMessages


def new_app(help_text: str | None = None, **options: Any) -> typer.Typer:
    """A Typer under the one error handler, with no shell-completion commands, rich's pretty tracebacks
    or rich markup in help; ``options`` adds what a group needs (``invoke_without_command`` for a group
    that lists when given no subcommand, ``no_args_is_help``)."""
    settings: dict[str, Any] = {
        "cls": ErrorsAsMessages,
        "no_args_is_help": False,
        "add_completion": False,
        "pretty_exceptions_enable": False,
        "rich_markup_mode": None,
    }
    if help_text is not None:  # else the group's callback docstring is its help
        settings["help"] = help_text
    return typer.Typer(**{**settings, **options})
