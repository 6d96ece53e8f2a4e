"""What every command shares: the --config option, settings loading, one-line errors, stderr console.

Every failure ends in one ``Error:`` line on stderr and exit code 1, never a traceback: errors isswatch
raises on purpose (``IsswatchError``), DuckDB's own errors (I/O, full disk), operating-system errors, and
anything unexpected. With ``isswatch --verbose`` the traceback is appended to ``<data_dir>/isswatch.log``
(Prefect's log records too), and the line says so.
"""

from __future__ import annotations

import datetime as dt
import errno
import gc
import traceback
from pathlib import Path

import typer
from rich.console import Console
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

from isswatch.extractors.errors import IsswatchError
from isswatch.flows.output import inert
from isswatch.flows.settings import Settings, load_settings

#: Where `isswatch demo` writes its config by default; named in the hint when no warehouse is found.
DEMO_CONFIG = Path("data/demo/isswatch.toml")

#: Logs, progress and messages; data goes to stdout.
err_console = Console(stderr=True, highlight=False, soft_wrap=True)  # whole lines: the terminal wraps them

CONFIG_OPTION = typer.Option(
    None,
    "--config",
    "-c",
    help="Config file (default: ISSWATCH_CONFIG, ./isswatch.toml, then the bundled default).",
    dir_okay=False,
)


class Run:
    """What the CLI learnt of this invocation: --verbose, and the data directory once settings are read."""

    verbose: bool = False
    data_dir: Path = Path("data")

    @classmethod
    def log_path(cls) -> Path:
        return cls.data_dir / "isswatch.log"


def describe(err: BaseException) -> str:
    """One line for an error isswatch did not raise on purpose."""
    from isswatch.warehouse.connection import DatabaseError, one_line

    if isinstance(err, DatabaseError):
        return f"the warehouse failed: {one_line(err)}"
    if isinstance(err, OSError):
        where = f": {err.filename}" if err.filename else ""
        if err.errno == errno.ENOSPC:
            return f"the disk is full{where}"
        return f"{err.strerror or err}{where}"
    return f"unexpected {err.__class__.__name__}: {err}"


def log_traceback(err: BaseException) -> str:
    """With --verbose, append the traceback to the log file; the hint for the Error: line."""
    if not Run.verbose:
        return " (isswatch --verbose writes the details to the log)"
    try:
        path = Run.log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"--- {dt.datetime.now(dt.UTC).isoformat()} ---\n")
            f.write("".join(traceback.format_exception(err)))
        return f" (traceback in {path})"
    except OSError:
        return ""


#: Exceptions that are the command line's own flow (exit, usage error, abort): passed on as they are.
_CLI_FLOW = (typer.Exit, typer.Abort, ClickException)


class ErrorsAsMessages(TyperGroup):
    """Turns any error below into one line on stderr and exit code 1, never a traceback."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except _CLI_FLOW:
            raise
        except IsswatchError as err:
            hint = log_traceback(err) if Run.verbose else ""
            typer.echo(f"Error: {inert(err)}{hint}", err=True)
            if "no warehouse at" in str(err) and DEMO_CONFIG.is_file():
                typer.echo(
                    f"The demo's warehouse is in {inert(DEMO_CONFIG.parent)}: add --config "
                    f"{inert(DEMO_CONFIG)}, or export ISSWATCH_CONFIG={inert(DEMO_CONFIG)}",
                    err=True,
                )
            _release(err)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            typer.echo("Interrupted.", err=True)
            raise typer.Exit(130) from None
        except Exception as err:
            hint = log_traceback(err)
            typer.echo(f"Error: {inert(describe(err))}{hint}", err=True)
            _release(err)
            raise typer.Exit(1) from None


def _release(err: BaseException) -> None:
    """Drop the locals of the failed frames (Prefect keeps the exception in its run state): a DuckDB
    connection left alive in them makes DuckDB's bindings print leak warnings at interpreter exit,
    after the Error: line."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [err]
    while stack:
        e = stack.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        traceback.clear_frames(e.__traceback__)
        stack += [e.__cause__, e.__context__]
    gc.collect()


def new_app(help_text: str) -> typer.Typer:
    return typer.Typer(
        help=help_text,
        cls=ErrorsAsMessages,
        no_args_is_help=False,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )


def options_to_subcommand(ctx: typer.Context, *names: str) -> None:
    """Options given before a subcommand (``isswatch feeds --config C check URL``) apply to it: they become
    its defaults, and the same option given after the subcommand wins. An option the subcommand does not
    take is refused, never silently dropped."""
    from typer._click.core import ParameterSource

    sub = ctx.invoked_subcommand
    if sub is None:
        return
    command = ctx.command.get_command(ctx, sub)  # type: ignore[attr-defined]
    accepted = {p.name for p in command.params} if command is not None else set()
    given = {
        n: ctx.params[n]
        for n in names
        if ctx.get_parameter_source(n) not in (None, ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)
    }
    refused = [n for n in given if n not in accepted]
    if refused:
        flags = ", ".join(o for n in refused for p in ctx.command.params if p.name == n for o in p.opts[:1])
        raise typer.BadParameter(
            f"{flags} does not apply to `{ctx.info_name} {sub}`: give it to `{ctx.info_name}` alone, or leave it out"
        )
    if given:
        defaults = dict(ctx.default_map or {})
        defaults[sub] = {**defaults.get(sub, {}), **given}
        ctx.default_map = defaults


def settings_for(config: Path | None, **overrides) -> Settings:
    settings = load_settings(config, **overrides)
    Run.data_dir = settings.data_dir
    return settings


def start_prefect(settings: Settings) -> None:
    """Check the warehouse can be written now (a locked, read-only or full warehouse is one line in a
    second, not a failed flow after Prefect's start-up), then set Prefect's environment; must run before
    the first import of prefect in this process."""
    from isswatch.flows.prefect_env import configure_prefect, quiet_tracebacks
    from isswatch.warehouse.connection import preflight

    preflight(settings.warehouse_path)
    configure_prefect(settings.data_dir)
    quiet_tracebacks(Run.log_path() if Run.verbose else None)
