"""The command line's one error handler: every failure ends in one ``Error:`` line on stderr, never a traceback.

Errors isswatch raises on purpose (``IsswatchError``), DuckDB's own errors (I/O, full disk),
operating-system errors and anything unexpected all exit with code 1; Ctrl-C exits 130; the command line's
own flow (``typer.Exit``, usage errors) passes through. With ``isswatch --verbose`` the traceback is
appended to ``<data_dir>/isswatch.log`` (Prefect's log records too), and the line says so.
``app_factory.new_app`` gives this handler to every Typer, so no command catches errors itself.
"""

from __future__ import annotations

import datetime as dt
import errno
import gc
import traceback
from pathlib import Path
from typing import Any

import typer
from typer._click.core import Context
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

from isswatch.extractors.errors import IsswatchError
from isswatch.flows.cli.invocation import Run
from isswatch.flows.output import inert

#: Where `isswatch demo` writes its config by default; named in the hint when no warehouse is found.
DEMO_CONFIG = Path("data/demo/isswatch.toml")

#: Exceptions that are the command line's own flow (exit, usage error, abort): passed on as they are.
_CLI_FLOW = (typer.Exit, typer.Abort, ClickException)


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


class ErrorsAsMessages(TyperGroup):
    """Turns any error below into one line on stderr and exit code 1, never a traceback."""

    def invoke(self, ctx: Context) -> Any:
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
