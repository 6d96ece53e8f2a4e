"""What every command shares: the --config option, settings loading, one-line errors, stderr console."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from typer.core import TyperGroup

from extractors.errors import IsswatchError
from flows.settings import Settings, load_settings

#: Where `isswatch demo` writes its config by default; named in the hint when no warehouse is found.
DEMO_CONFIG = Path("data/demo/isswatch.toml")

#: Logs, progress and messages; data goes to stdout.
err_console = Console(stderr=True, highlight=False, soft_wrap=True)  # whole lines: the terminal wraps them

CONFIG_OPTION = typer.Option(None, "--config", "-c", help="Config file (default: ISSWATCH_CONFIG, "
                             "./isswatch.toml, then the bundled default).", dir_okay=False)


class ErrorsAsMessages(TyperGroup):
    """Turns an IsswatchError anywhere below into one line on stderr and exit code 1, never a traceback."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except IsswatchError as err:
            typer.echo(f"Error: {err}", err=True)
            if "no warehouse at" in str(err) and DEMO_CONFIG.is_file():
                typer.echo(f"The demo's warehouse is in {DEMO_CONFIG.parent}: add --config {DEMO_CONFIG}, or "
                           f"export ISSWATCH_CONFIG={DEMO_CONFIG}", err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            typer.echo("Interrupted.", err=True)
            raise typer.Exit(130) from None


def new_app(help_text: str) -> typer.Typer:
    return typer.Typer(help=help_text, cls=ErrorsAsMessages, no_args_is_help=False, add_completion=False,
                       pretty_exceptions_enable=False, rich_markup_mode=None)


def settings_for(config: Path | None, **overrides) -> Settings:
    return load_settings(config, **overrides)


def start_prefect(settings: Settings) -> None:
    """Set Prefect's environment; must run before the first import of prefect in this process."""
    from flows.prefect_env import configure_prefect

    configure_prefect(settings.data_dir)
