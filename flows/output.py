"""One output format for every query-like command (sqlite-utils style): data to stdout, table|json|csv|jsonl.

- table is for reading: on a terminal it never exceeds the terminal's width (long cells end in "…");
  commands show a narrow set of columns unless ``--wide`` or ``--columns`` asks for more; into a pipe
  rows are never folded and long cells are cut too (``--wide`` keeps them whole).
- json is one array of objects; jsonl one object a line (for streaming into other tools).
- csv is what spreadsheets read: lists and objects as JSON text, booleans ``true``/``false``, ISO times.

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
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from rich import box as rich_box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from isswatch.extractors.errors import InputError

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
    return _JSON_HOSTILE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False, indent=indent))


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    jsonl = "jsonl"


#: Logs, progress and messages; data goes to stdout.
err_console = Console(stderr=True, highlight=False, soft_wrap=True)  # whole lines: the terminal wraps them


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def csv_cell(value: Any) -> str:
    """A cell as spreadsheets read it: empty for null, lowercase booleans, JSON for lists, ISO times."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    plain = _plain(value)
    if isinstance(plain, list | dict):
        return json.dumps(plain, ensure_ascii=False)
    return str(plain)


def pick_columns(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], wanted: Sequence[str]
) -> tuple[list[str], Iterator[list[Any]]]:
    """Keep ``wanted`` columns in that order (lazily); an unknown name is an error listing the known ones."""
    unknown = [c for c in wanted if c not in columns]
    if unknown:
        raise InputError(f"no column {', '.join(unknown)}; columns: {', '.join(columns)}")
    idx = [list(columns).index(c) for c in wanted]
    return list(wanted), ([r[i] for i in idx] for r in rows)


def parse_columns(text: str | None) -> list[str] | None:
    return [c.strip() for c in text.split(",") if c.strip()] if text else None


def render(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    fmt: Format,
    *,
    title: str | None = None,
    out: TextIO | None = None,
    narrow: Sequence[str] | None = None,
    wide: bool = False,
    only: str | None = None,
) -> None:
    """Write rows to stdout in the chosen format; csv and jsonl stream ``rows`` as they come.

    ``narrow`` is the command's default set of columns for a table; ``wide`` shows them all; ``only``
    (the --columns text) picks columns in any format.
    """
    out = out or sys.stdout
    tty = getattr(out, "isatty", lambda: False)()
    wanted = parse_columns(only)
    if wanted:
        columns, rows = pick_columns(columns, rows, wanted)
    elif fmt is Format.table and narrow and not wide:
        columns, rows = pick_columns(columns, rows, [c for c in narrow if c in columns])
    if fmt is Format.json:
        out.write(json_text([{c: _plain(v) for c, v in zip(columns, r, strict=True)} for r in rows]))
        out.write("\n")
    elif fmt is Format.jsonl:
        for r in rows:
            out.write(json_text({c: _plain(v) for c, v in zip(columns, r, strict=True)}, indent=None))
            out.write("\n")
    elif fmt is Format.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow([inert(csv_cell(v)) if tty else csv_cell(v) for v in r])
    else:
        print_table(columns, list(rows), title=title, out=out, wide=wide)


#: Into a pipe, a table cell shows at most this many characters (all with --wide; csv and json are whole).
PIPED_CELL_WIDTH = 60


def print_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    out: TextIO | None = None,
    wide: bool = False,
) -> None:
    """A rich table: on a terminal within its width (cells cut with "…", or folded with ``wide``); into a
    pipe or file one line per row, never folded, cells cut at PIPED_CELL_WIDTH unless ``wide``."""
    out = out or sys.stdout
    tty = getattr(out, "isatty", lambda: False)()
    table = Table(
        title=Text(inert(title)) if tty and title else None,
        show_lines=False,
        box=rich_box.SIMPLE_HEAD if tty else None,
        pad_edge=False,
        padding=(0, 1),
        collapse_padding=True,
    )
    for c in columns:  # cells are Text: never read as markup; inert: no control character reaches the terminal
        table.add_column(
            Text(inert(c)),
            overflow="fold" if wide else "ellipsis",
            no_wrap=not wide,
            max_width=None if tty or wide else PIPED_CELL_WIDTH,
        )
    for r in rows:
        table.add_row(*(Text(inert(_cell(v))) for v in r))
    if tty:
        Console(file=out, highlight=False).print(table)
        return
    buf = io.StringIO()
    Console(file=buf, width=100_000, highlight=False, soft_wrap=True, color_system=None).print(table)
    out.write("".join(line.rstrip() + "\n" for line in buf.getvalue().splitlines()))


def _cell(value: Any) -> str:
    """Table cells are for reading: times to the second in UTC, lists joined, booleans lowercase."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        when = value.astimezone(dt.UTC) if value.tzinfo is not None else value
        return when.strftime("%Y-%m-%d %H:%M:%S") + (" UTC" if when.tzinfo else "")
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    text = str(_plain(value))
    return " ".join(text.split()) if "\n" in text else text


def to_text(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: Format) -> str:
    buf = io.StringIO()
    render(columns, rows, fmt, out=buf)
    return buf.getvalue()
