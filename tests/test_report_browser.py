"""The demo's report in a real headless Chromium (Debian's, driven by Playwright).

The report is opened from file:// exactly as an analyst would open it; every request the page makes is
recorded, and any beyond file:// is refused and fails the test. The chart must show one mark per
stored claim, the accepted-value line must step at the recorded change, and a click on a point must show
that claim's sentence with the article's link. A screenshot of the chart is written to docs/.

``.ci/run`` installs Debian's chromium and sets ISSWATCH_REQUIRE_BROWSER=1: then a missing browser is a
failure. Elsewhere, without /usr/bin/chromium, the test skips.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import sys
from pathlib import Path

import duckdb
import pytest

from isswatch.flows.demo import run_demo

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("ISSWATCH_CHROMIUM", "/usr/bin/chromium")
#: Flags for a headless Chromium on a closed network (no background connections, no sandbox as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
]
SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "report-timeline.png"


def _browser_or_skip() -> str:
    if Path(CHROMIUM).is_file() or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("ISSWATCH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"ISSWATCH_REQUIRE_BROWSER=1 but no browser at {CHROMIUM}")
    pytest.skip(f"no Chromium at {CHROMIUM} (`.ci/run` installs Debian's chromium)")


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory, prefect_api):
    data_dir = tmp_path_factory.mktemp("demo-report")
    capture = pytest.MonkeyPatch()
    capture.setattr(sys, "stdout", io.StringIO())
    capture.setattr(sys, "stderr", io.StringIO())
    try:
        result = run_demo(data_dir=data_dir, port=0)
    finally:
        capture.undo()
    return result


@pytest.fixture(scope="module")
def page(demo_report):
    executable = _browser_or_skip()
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        pg = context.new_page()
        pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        pg.goto(Path(demo_report["report"]).resolve().as_uri())
        pg.wait_for_function(
            "document.querySelectorAll('.chart').length > 0 && "
            "document.querySelectorAll('.chart[data-ready]').length === "
            "document.querySelectorAll('.chart').length",
            timeout=60_000,
        )
        pg.outside, pg.problems = outside, problems
        yield pg
        context.close()
        browser.close()


def _rows(result, sql, params=None):
    con = duckdb.connect(result["warehouse"], read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _chart(page, fact: str) -> str:
    return page.locator(f"section[data-fact='{fact}'] .chart").get_attribute("id")


def test_one_mark_per_stored_claim(page, demo_report):
    stored = dict(_rows(demo_report, "SELECT fact, list(claim_id) FROM claims GROUP BY fact"))
    facts = [f for (f,) in _rows(demo_report, "SELECT key FROM facts ORDER BY key")]
    assert sum(len(v) for v in stored.values()) > 50
    for fact in facts:
        chart = _chart(page, fact)
        marks = page.eval_on_selector_all(f"#{chart} .scatterlayer .trace path.point", "els => els.length")
        ids = page.evaluate(f"""() => document.getElementById('{chart}').data
            .filter(t => t.meta === 'claims').flatMap(t => t.customdata.map(c => c[0]))""")
        assert marks == len(stored.get(fact, [])), fact
        assert sorted(ids) == sorted(stored.get(fact, [])), fact


def test_the_accepted_line_steps_at_the_change(page, demo_report):
    [(old, new, first)] = _rows(
        demo_report,
        "SELECT old_value, new_value, first_reported_at FROM changes "
        "WHERE kind = 'change' AND fact = 'iss.operations_end'",
    )
    chart = _chart(page, "iss.operations_end")
    xs, ys = page.evaluate(f"""() => {{
        const t = document.getElementById('{chart}').data.find(t => t.meta === 'accepted');
        return [t.x, t.y]; }}""")
    years = [y[:4] for y in ys]
    step = next(i for i in range(1, len(years)) if years[i] != years[i - 1])
    assert (years[step - 1], years[step]) == (old, new)
    at = dt.datetime.fromisoformat(xs[step])
    assert at == first.astimezone(dt.UTC).replace(tzinfo=None)
    # drawn, not only in the data: plotly draws a step ("hv") line as horizontal and vertical moves
    path = page.get_attribute(f"#{chart} .scatterlayer .trace:first-child path.js-line", "d")
    assert "V" in path and "H" in path
    # and the change is marked on the chart
    assert f"{old} → {new}" in page.inner_text(f"#{chart}")


def test_a_click_on_a_point_shows_its_sentence_and_link(page, demo_report):
    # a claim alone at its place on the chart (overlapping points would let plotly pick either)
    [(claim_id,)] = _rows(
        demo_report,
        """
        SELECT c.claim_id FROM claims c JOIN articles a USING (article_id)
        WHERE c.fact = 'iss.operations_end' AND c.value = '2030' AND c.status = 'current'
          AND (c.reported_at, c.value) IN (SELECT (reported_at, value) FROM claims
                                           WHERE fact = 'iss.operations_end' GROUP BY ALL HAVING count(*) = 1)
        ORDER BY c.reported_at, c.sentence LIMIT 1""",
    )
    chart = _chart(page, "iss.operations_end")
    page.locator(f"#{chart}").scroll_into_view_if_needed()
    trace, point = page.evaluate(f"""() => {{
        const data = document.getElementById('{chart}').data;
        for (let t = 0; t < data.length; t++) {{
            const i = (data[t].customdata || []).findIndex(c => c[0] === '{claim_id}');
            if (i >= 0) {{ return [t, i]; }}
        }} }}""")
    mark = page.locator(f"#{chart} .scatterlayer .trace").nth(trace).locator("path.point").nth(point)
    box = mark.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    detail = page.locator(f"#{chart}-detail")
    page.wait_for_function(f"document.getElementById('{chart}-detail').dataset.claim !== undefined")
    shown = detail.get_attribute("data-claim")  # this claim, or one drawn at the same pixels
    [(sentence, url, value)] = _rows(
        demo_report,
        "SELECT c.sentence, a.url, c.value FROM claims c JOIN articles a USING (article_id) WHERE claim_id = ?",
        [shown],
    )
    assert value == "2030"
    assert " ".join(sentence.split()) in " ".join(detail.inner_text().split())
    assert detail.locator("a").get_attribute("href") == url
    page.mouse.move(0, 0)  # no hover label or tool bar in the screenshot


def test_changes_table_and_feed_health(page, demo_report):
    table = page.inner_text("#changes-table")
    assert "iss.operations_end" in table and "2028 → 2030" in table and "http://127.0.0.1:" in table
    feeds = page.locator("#feeds-table tbody tr")
    assert feeds.count() == len(_rows(demo_report, "SELECT url FROM feeds"))


def test_no_request_beyond_the_file_and_no_console_error(page):
    page.locator("section.fact").first.hover()
    page.wait_for_timeout(300)
    assert page.outside == []
    assert page.problems == []


def test_screenshot_for_the_docs(page, demo_report, tmp_path):
    """The chart of the demo's change with the agency's sentence shown; docs/ is rewritten only when the
    picture changed."""
    [(claim_id,)] = _rows(
        demo_report,
        "SELECT c.claim_id FROM claims c JOIN articles a USING (article_id) "
        "WHERE c.fact = 'iss.operations_end' AND c.value = '2030' "
        "AND a.url LIKE '%nr-iss-2030-statement%' ORDER BY c.start_offset LIMIT 1",
    )
    page.evaluate(f"window.isswatchShowClaim('{_chart(page, 'iss.operations_end')}', '{claim_id}')")
    page.mouse.move(0, 0)
    page.wait_for_timeout(800)  # plotly's tool bar fades out
    shot = tmp_path / "report-timeline.png"
    page.locator("section[data-fact='iss.operations_end']").screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if not SCREENSHOT.exists() or SCREENSHOT.read_bytes() != shot.read_bytes():
        SCREENSHOT.parent.mkdir(exist_ok=True)
        SCREENSHOT.write_bytes(shot.read_bytes())
