"""The options commands share, declared once: ``fmt: Format = FORMAT_OPTION``, ``config: Path | None =
CONFIG_OPTION`` and so on; and how a group's options reach its subcommands."""

from __future__ import annotations

import typer
from typer._click.core import ParameterSource

from isswatch.flows.output import Format

CONFIG_OPTION = typer.Option(
    None,
    "--config",
    "-c",
    help="Config file (default: ISSWATCH_CONFIG, ./isswatch.toml, then the bundled default).",
    dir_okay=False,
)
FORMAT_OPTION = typer.Option(
    Format.table, "--format", "-f", help="Output format: table, json (an array), csv or jsonl (one object a line)."
)
WIDE_OPTION = typer.Option(False, "--wide", "-w", help="Table with every column (default: a narrow set).")
COLUMNS_OPTION = typer.Option(
    None, "--columns", metavar="A,B,...", help="Only these columns, in this order (any format)."
)


def options_to_subcommand(ctx: typer.Context, *names: str) -> None:
    """Options given before a subcommand (``isswatch feeds --config C check URL``) apply to it: they become
    its defaults, and the same option given after the subcommand wins. An option the subcommand does not
    take is refused, never silently dropped."""
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
