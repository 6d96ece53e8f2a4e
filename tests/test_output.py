import csv
import datetime as dt
import io
import json

from flows.output import Format, render

COLUMNS = ["fact", "value", "when", "urls"]
ROWS = [("iss.deorbit", "2030", dt.datetime(2026, 11, 21, 9, 30, 5, 123, tzinfo=dt.UTC), ["http://a", "http://b"]),
        ("iss.operations_end", None, None, [])]


def rendered(fmt: Format) -> str:
    out = io.StringIO()
    render(COLUMNS, ROWS, fmt, out=out)
    return out.getvalue()


def test_json_is_one_array_of_objects_with_iso_times():
    data = json.loads(rendered(Format.json))
    assert data == [{"fact": "iss.deorbit", "value": "2030", "when": "2026-11-21T09:30:05.000123+00:00",
                     "urls": ["http://a", "http://b"]},
                    {"fact": "iss.operations_end", "value": None, "when": None, "urls": []}]


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
