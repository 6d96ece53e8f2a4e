"""One output format for every query-like command (sqlite-utils style): data to stdout, table|json|csv.

Values come from the news and are untrusted. In the table format (and csv written to a terminal) they
are inert: never read as rich markup, and control characters, ANSI escape sequences and bidi overrides
are shown as visible escapes (``\\x1b``, ``\\u202e``) instead of acting on the terminal (``inert``). JSON
keeps every value intact, with C1 controls and bidi/format characters written as ``\\uXXXX`` escapes, so
it decodes to the stored text and still cannot act on a terminal it is printed to.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import enum
import io
import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

#: Characters that act on a terminal or reorder text: C0 and C1 controls (tab and newline excepted),
#: DEL, bidi embeddings, overrides and isolates, directional and zero-width marks, line separators, BOM.
_HOSTILE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
#: In JSON: what json.dump leaves raw with ensure_ascii=False (it already escapes C0).
_JSON_HOSTILE = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _visible(m: re.Match[str]) -> str:
    c = m.group()
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def inert(text: object) -> str:
    """Untrusted text made safe to print on a terminal: control, escape and bidi characters shown as
    visible escapes. Not markup-escaped: print it as ``rich.text.Text`` (or with ``markup=False``)."""
    return _HOSTILE.sub(_visible, str(text))


def json_text(value: Any, indent: int | None = 2) -> str:
    """``json.dumps`` with non-ASCII text kept readable but characters that act on a terminal escaped
    (``indent=None``: one line, for JSON lines)."""
    return _JSON_HOSTILE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                             json.dumps(value, ensure_ascii=False, indent=indent))


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
    tty = getattr(out, "isatty", lambda: False)()
    if fmt is Format.json:
        out.write(json_text([{c: _plain(v) for c, v in zip(columns, r, strict=True)} for r in rows]))
        out.write("\n")
    elif fmt is Format.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            cells = ["" if v is None else _plain(v) for v in r]
            writer.writerow([inert(c) if tty and isinstance(c, str) else c for c in cells])
    else:
        table = Table(title=Text(inert(title)) if title else None, show_lines=False)
        for c in columns:
            table.add_column(Text(inert(c)), overflow="fold")
        for r in rows:
            table.add_row(*(Text(inert(_cell(v))) for v in r))
        # On a terminal, fit its width; into a pipe or file, never fold lines.
        width = None if tty else 10_000
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
