"""One output format for every query-like command (sqlite-utils style): data to stdout, table|json|csv."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import enum
import io
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import typer
from rich.console import Console
from rich.table import Table


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


#: The shared option; use as ``fmt: Format = FORMAT_OPTION``.
FORMAT_OPTION = typer.Option(Format.table, "--format", "-f", help="Output format: table, json or csv.")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def render(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: Format, *, title: str | None = None,
           out=None) -> None:
    """Write rows to stdout in the chosen format; json is one array of objects."""
    out = out or sys.stdout
    rows = list(rows)
    if fmt is Format.json:
        json.dump([{c: _plain(v) for c, v in zip(columns, r, strict=True)} for r in rows], out,
                  ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt is Format.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow(["" if v is None else _plain(v) for v in r])
    else:
        table = Table(title=title, show_lines=False)
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(_cell(v) for v in r))
        # On a terminal, fit its width; into a pipe or file, never fold lines.
        width = None if getattr(out, "isatty", lambda: False)() else 10_000
        Console(file=out, width=width, highlight=False).print(table)


def _cell(value: Any) -> str:
    """Table cells are for reading: times to the second in UTC, lists joined."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.strftime("%Y-%m-%d %H:%M:%S") + (" UTC" if value.tzinfo else "")
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    return str(_plain(value))


def to_text(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: Format) -> str:
    buf = io.StringIO()
    render(columns, rows, fmt, out=buf)
    return buf.getvalue()
