import csv
import datetime as dt
import io
import json

from isswatch.flows.output import Format, render

COLUMNS = ["fact", "value", "when", "urls"]
ROWS = [
    ("iss.deorbit", "2030", dt.datetime(2026, 11, 21, 9, 30, 5, 123, tzinfo=dt.UTC), ["http://a", "http://b"]),
    ("iss.operations_end", None, None, []),
]


def rendered(fmt: Format) -> str:
    out = io.StringIO()
    render(COLUMNS, ROWS, fmt, out=out)
    return out.getvalue()


def test_json_is_one_array_of_objects_with_iso_times():
    data = json.loads(rendered(Format.json))
    assert data == [
        {
            "fact": "iss.deorbit",
            "value": "2030",
            "when": "2026-11-21T09:30:05.000123+00:00",
            "urls": ["http://a", "http://b"],
        },
        {"fact": "iss.operations_end", "value": None, "when": None, "urls": []},
    ]


def test_csv_has_a_header_and_empty_cells_for_nulls():
    rows = list(csv.reader(io.StringIO(rendered(Format.csv))))
    assert rows[0] == COLUMNS
    assert rows[1][:3] == ["iss.deorbit", "2030", "2026-11-21T09:30:05.000123+00:00"]
    assert rows[2][1:3] == ["", ""]


def test_table_into_a_pipe_never_folds_and_shows_times_to_the_second():
    text = rendered(Format.table)
    line = next(x for x in text.splitlines() if "iss.operations_end" in x)
    assert "iss.operations_end" in line
    assert "2026-11-21 09:30:05 UTC" in text and ".000123" not in text
    assert "http://a, http://b" in text


def test_csv_is_what_spreadsheets_read_json_lists_lowercase_booleans_iso_times():
    out = io.StringIO()
    render(
        ["flag", "urls", "when", "n"],
        [(True, ["http://a", "http://b"], dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC), 1), (False, [], None, None)],
        Format.csv,
        out=out,
    )
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1] == ["true", '["http://a", "http://b"]', "2026-01-02T03:04:05+00:00", "1"]
    assert rows[2] == ["false", "[]", "", ""]


def test_jsonl_is_one_object_a_line():
    lines = rendered(Format.jsonl).splitlines()
    assert [json.loads(x)["fact"] for x in lines] == ["iss.deorbit", "iss.operations_end"]


def test_narrow_columns_by_default_wide_and_columns_for_more():
    def table(**kw):
        out = io.StringIO()
        render(COLUMNS, ROWS, Format.table, out=out, narrow=["fact", "value"], **kw)
        return out.getvalue()

    assert "http://a" not in table() and "iss.deorbit" in table()
    assert "http://a" in table(wide=True)
    only = table(only="urls,fact")
    assert only.splitlines()[0].split() == ["urls", "fact"]


def test_an_unknown_column_is_an_error_naming_the_known_ones():
    import pytest

    from isswatch.extractors.errors import InputError

    with pytest.raises(InputError, match="no column nope; columns: fact, value"):
        render(COLUMNS, ROWS, Format.csv, out=io.StringIO(), only="nope")


def test_a_terminal_table_never_exceeds_the_terminal_width():
    from rich.console import Console

    from isswatch.flows import output

    class Tty(io.StringIO):
        def isatty(self):
            return True

    out = Tty()
    long = [("x" * 300, "y" * 200, None, ["http://" + "z" * 150])]
    original = output.Console
    try:
        output.Console = lambda **kw: Console(**{**kw, "width": 100 if kw.get("width") is None else kw["width"]})
        render(COLUMNS, long, Format.table, out=out)
    finally:
        output.Console = original
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())
    assert max(len(line) for line in plain.splitlines()) <= 100


def test_a_piped_table_keeps_each_row_on_one_line_and_cuts_long_cells_unless_wide():
    long = [("x" * 300, "2030", None, [])]
    text = rendered_rows(long)
    assert len(text.splitlines()) == 2 and "x" * 59 + "…" in text and "x" * 61 not in text
    assert all(line == line.rstrip() for line in text.splitlines())
    assert "x" * 300 in rendered_rows(long, wide=True)


def rendered_rows(rows, **kw) -> str:
    out = io.StringIO()
    render(COLUMNS, rows, Format.table, out=out, **kw)
    return out.getvalue()
