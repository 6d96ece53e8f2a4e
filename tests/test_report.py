"""The report's pure parts, and serving it on 127.0.0.1 (the browser test covers the drawing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx

from isswatch.flows.report_page import ReportServer, accepted_steps, build_html, value_to_date
from isswatch.warehouse.report import ReportData

FACT = {
    "fact": "iss.operations_end",
    "description": "End of operations",
    "baseline_value": "2028",
    "baseline_as_of": dt.date(2025, 7, 31),
    "baseline_source": "agreement",
    "reported_value": "2030",
    "accepted_at": None,
    "muted": False,
}


def change(kind: str, old: str, new: str, day: int) -> dict:
    at = dt.datetime(2026, 11, day, 8, tzinfo=dt.UTC)
    return {
        "change_id": f"c{day}",
        "fact": FACT["fact"],
        "kind": kind,
        "old_value": old,
        "new_value": new,
        "qualifier": "until",
        "speaker": "NASA",
        "sentence": "s </script> <b>",
        "first_reported_at": at,
        "detected_at": at,
        "article_urls": ["http://127.0.0.1:1/a?x=1&y=2"],
        "disputed_values": None,
        "outlets": 2,
        "primary_source": True,
        "suppressed": None,
    }


def test_values_are_drawn_at_their_first_day():
    assert value_to_date("2030") == "2030-01-01"
    assert value_to_date("2030-06") == "2030-06-01"
    assert value_to_date("2030-06-15") == "2030-06-15"
    assert value_to_date("20x0") is None and value_to_date(None) is None


def test_the_step_line_starts_at_the_baseline_and_moves_at_each_change_not_at_disagreements():
    changes = [change("change", "2028", "2030", 21), change("disagreement", "2030", "2031", 22)]
    x, y = accepted_steps(FACT, changes, "2026-11-25 00:00:00")
    assert x == ["2025-07-31", "2026-11-21 08:00:00", "2026-11-25 00:00:00"]
    assert y == ["2028-01-01", "2030-01-01", "2030-01-01"]


def test_the_page_is_self_contained_and_escapes_stored_text():
    claim = {
        "claim_id": "k1",
        "fact": FACT["fact"],
        "value": "2030",
        "value_end": None,
        "granularity": "year",
        "qualifier": "until",
        "status": "current",
        "modality": "agreed",
        "speaker": "NASA",
        "confidence": 0.9,
        "sentence": "Until 2030 </script><script>alert(1)</script>",
        "lang": "en",
        "reported_at": dt.datetime(2026, 11, 21, tzinfo=dt.UTC),
        "url": "http://127.0.0.1:1/a",
        "title": "T",
        "outlet": "Outlet <i>",
        "syndicated": False,
    }
    html = build_html(
        ReportData(facts=[FACT], claims=[claim], changes=[change("change", "2028", "2030", 21)]), warehouse="wh.duckdb"
    )
    assert html.count("<script>alert(1)") == 0 and "</script><script>alert" not in html
    assert "Outlet <i>" not in html and "s &lt;/script&gt; &lt;b&gt;" in html
    assert "default-src 'none'" in html
    assert "<script src=" not in html and "<link " not in html


def test_the_report_is_served_on_loopback_only(tmp_path: Path):
    page = tmp_path / "report.html"
    page.write_text("<html>ok</html>", encoding="utf-8")
    refreshed = []
    server = ReportServer(page, port=0, refresh=lambda: refreshed.append(1))
    import threading

    threading.Thread(target=server.httpd.serve_forever, daemon=True).start()
    try:
        assert server.url.startswith("http://127.0.0.1:")
        r = httpx.get(server.url)
        assert r.status_code == 200 and r.text == "<html>ok</html>" and refreshed == [1]
        assert httpx.get(server.url.replace("report.html", "etc/passwd")).status_code == 404
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
