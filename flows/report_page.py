"""``isswatch report``: one self-contained HTML file showing how the reported dates moved.

Per fact, a plotly chart with the report date (when the news said it) across and the claimed date up:
one point per stored claim (colour: status, symbol: qualifier; hover names outlet, speaker, qualifier),
the accepted value as a step line starting at the baseline, changes and disagreements as vertical marks.
Clicking a point shows its sentence and a link to the article below the chart. Then a table of changes
with their evidence and a feed-health summary.

plotly.js is inlined (about 4.7 MB) so the file works offline from ``file://`` and asks nothing of any
other address (docs/decisions.md says why plotly). Each point carries its claim id in ``customdata``,
so a browser test can match marks to stored claims.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape

from isswatch.extractors.errors import IsswatchError
from isswatch.warehouse.lake import Lake
from isswatch.warehouse.report import ReportData, report_data

if TYPE_CHECKING:
    import plotly.graph_objects as go

_HOST = "127.0.0.1"
STATUS_COLOURS = {"current": "#1f77b4", "historical": "#8c8c8c"}
QUALIFIER_SYMBOLS = {
    "until": "circle",
    "by": "square",
    "after": "triangle-up",
    "no earlier than": "triangle-up",
    "around": "diamond",
    "range": "hourglass",
}
#: Plotly's own config: no logo, no link to plotly's cloud, nothing that would reach the network.
PLOT_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "showLink": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "toImageButtonOptions": {"format": "png"},
}


def value_to_date(value: str | None) -> str | None:
    """A claimed value (YYYY, YYYY-MM, YYYY-MM-DD) as a date for the y axis: its first day."""
    if not value:
        return None
    parts = value.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(y, m, d).isoformat()
    except (ValueError, IndexError):
        return None


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        naive = value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo is not None else value
        return naive.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _short(text: str | None, n: int = 140) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def accepted_steps(
    fact: dict[str, Any], changes: list[dict[str, Any]], end: str | None
) -> tuple[list[str | None], list[str | None]]:
    """(x, y) of the accepted value as a step line: the baseline from its as-of date, then each change
    (or rebaseline) from its first report, held until ``end``."""
    x = [_iso(fact["baseline_as_of"]) or end]
    y = [value_to_date(fact["baseline_value"])]
    for ch in changes:
        if ch["kind"] not in ("change", "rebaseline") or not value_to_date(ch["new_value"]):
            continue
        at = _iso(ch["first_reported_at"] or ch["detected_at"])
        x.append(at)
        y.append(value_to_date(ch["new_value"]))
    if end and end > (x[-1] or ""):
        x.append(end)
        y.append(y[-1])
    return x, y


def fact_figure(fact: dict[str, Any], claims: list[dict[str, Any]], changes: list[dict[str, Any]]) -> go.Figure:
    """The timeline of one fact as a plotly Figure."""
    import plotly.graph_objects as go

    fig = go.Figure()
    stamps = [_iso(c["reported_at"]) for c in claims] + [
        _iso(c["first_reported_at"] or c["detected_at"]) for c in changes
    ]
    times = [t for t in stamps if t]
    end = max(times) if times else None
    sx, sy = accepted_steps(fact, changes, end)
    fig.add_trace(
        go.Scatter(
            x=sx,
            y=sy,
            mode="lines",
            line={"shape": "hv", "width": 3, "color": "#2ca02c"},
            name="accepted value",
            hoverinfo="skip",
            meta="accepted",
        )
    )
    baseline = value_to_date(fact["baseline_value"])
    if baseline and sx:
        fig.add_hline(
            y=baseline,
            line={"dash": "dot", "color": "#999", "width": 1},
            annotation_text=f"baseline {fact['baseline_value']}",
            annotation_position="top left",
        )
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        if value_to_date(c["value"]):
            groups[(c["status"] or "unknown", c["qualifier"] or "none")].append(c)
    for (status, qualifier), rows in sorted(groups.items()):
        fig.add_trace(
            go.Scatter(
                x=[_iso(c["reported_at"]) for c in rows],
                y=[value_to_date(c["value"]) for c in rows],
                mode="markers",
                name=f"{status}, {qualifier}",
                meta="claims",
                marker={
                    "size": 11,
                    "color": STATUS_COLOURS.get(status, "#d62728"),
                    "symbol": QUALIFIER_SYMBOLS.get(qualifier, "circle"),
                    "line": {"width": 1, "color": "#fff"},
                    "opacity": 0.85,
                },
                customdata=[
                    [
                        c["claim_id"],
                        html.escape(c["outlet"] or ""),
                        f"<br>speaker: {html.escape(c['speaker'])}" if c["speaker"] else "",
                        html.escape(c["value"]),
                        html.escape(_short(c["sentence"])),
                    ]
                    for c in rows
                ],
                hovertemplate=(
                    "<b>%{customdata[3]}</b> " + f"({qualifier}, {status})<br>"
                    "%{customdata[1]}, %{x|%Y-%m-%d}%{customdata[2]}<br>"
                    "%{customdata[4]}<extra></extra>"
                ),
            )
        )
    for ch in changes:
        at = _iso(ch["first_reported_at"] or ch["detected_at"])
        if not at:
            continue
        if ch["kind"] == "disagreement":
            values = ", ".join(ch["disputed_values"] or [v for v in (ch["old_value"], ch["new_value"]) if v])
            fig.add_vline(x=at, line={"dash": "dash", "color": "#ff7f0e", "width": 2})
            fig.add_annotation(
                x=at,
                y=1,
                yref="paper",
                text=f"disagreement: {values}",
                showarrow=False,
                yanchor="bottom",
                font={"color": "#ff7f0e"},
            )
        else:
            fig.add_vline(x=at, line={"dash": "dash", "color": "#2ca02c", "width": 2})
            fig.add_annotation(
                x=at,
                y=1,
                yref="paper",
                showarrow=False,
                yanchor="bottom",
                text=f"{ch['kind']}: {ch['old_value'] or '?'} → {ch['new_value']}",
                font={"color": "#2ca02c"},
            )
    fig.update_layout(
        height=420,
        margin={"l": 60, "r": 20, "t": 40, "b": 50},
        hovermode="closest",
        clickmode="event",
        template="plotly_white",
        legend={"orientation": "h", "y": -0.18},
        xaxis={
            "title": "reported on",
            "type": "date",
            "range": _x_range([_iso(c["reported_at"]) for c in claims] or sx),
        },
        yaxis={
            "title": "claimed date",
            "type": "date",
            "tickformat": "%Y",
            "dtick": "M12",
            "range": _y_range([value_to_date(c["value"]) for c in claims] + sy),
        },
    )
    return fig


def _x_range(times: list[str | None]) -> list[str] | None:
    """The span of the claims, padded, so that points reported within days are told apart; the step line
    may start earlier (the baseline's as-of date), zoom out or double-click to see it all."""
    stamps = sorted(dt.datetime.fromisoformat(t) for t in times if t)
    if not stamps:
        return None
    pad = max((stamps[-1] - stamps[0]) * 0.08, dt.timedelta(days=2))
    return [(stamps[0] - pad).isoformat(sep=" "), (stamps[-1] + pad).isoformat(sep=" ")]


def _y_range(dates: list[str | None]) -> list[str] | None:
    """Whole years around every claimed value, so that one value alone still gets an axis."""
    years = [int(d[:4]) for d in dates if d]
    if not years:
        return None
    return [f"{min(years) - 1}-07-01", f"{max(years) + 1}-07-01"]


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    js: str = get_plotlyjs()  # plotly ships no type information
    return js


def build_html(data: ReportData, *, warehouse: str, generated_at: dt.datetime | None = None) -> str:
    """The report as one HTML string: plotly.js inlined, data as JSON, no external reference."""
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    by_fact: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in data.claims:
        by_fact[c["fact"]].append(c)
    changes_by_fact: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ch in data.changes:
        changes_by_fact[ch["fact"]].append(ch)
    sections = []
    for i, fact in enumerate(data.facts):
        claims = by_fact.get(fact["fact"], [])
        changes = changes_by_fact.get(fact["fact"], [])
        fig = fact_figure(fact, claims, changes)
        sections.append(
            {
                "fact": fact,
                "div_id": f"chart-{i}",
                "claims": len(claims),
                "current": sum(c["status"] == "current" for c in claims),
                "changes": sum(c["kind"] == "change" for c in changes),
                "disagreements": sum(c["kind"] == "disagreement" for c in changes),
                "figure": _script_safe(fig.to_json()),
            }
        )
    claims_json = {
        c["claim_id"]: {
            "fact": c["fact"],
            "value": c["value"],
            "qualifier": c["qualifier"],
            "status": c["status"],
            "modality": c["modality"],
            "speaker": c["speaker"],
            "outlet": c["outlet"],
            "reported_at": _iso(c["reported_at"]),
            "sentence": c["sentence"],
            "url": c["url"],
            "title": c["title"],
            "confidence": c["confidence"],
        }
        for c in data.claims
    }
    env = Environment(loader=PackageLoader("isswatch.flows", "templates"), autoescape=select_autoescape(["html", "j2"]))
    env.filters["iso"] = _iso
    env.filters["short"] = _short
    template = env.get_template("report.html.j2")
    return template.render(
        plotly_js=_plotly_js(),
        sections=sections,
        changes=data.changes,
        feeds=data.feeds,
        rounds=data.rounds,
        claims_json=_script_json(claims_json),
        config_json=_script_json(PLOT_CONFIG),
        warehouse=warehouse,
        generated_at=_iso(generated_at),
        total_claims=len(data.claims),
    )


def _script_safe(text: str) -> str:
    """JSON text safe inside a <script> element: no closing tag, no HTML comment opener."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _script_json(value: Any) -> str:
    return _script_safe(json.dumps(value, ensure_ascii=False, default=str))


class ReportServer:
    """Serves one report file on 127.0.0.1 (``/`` and ``/report.html``), rewritten on each request when a
    ``refresh`` callable is given, so a browser's reload shows the warehouse as it is now."""

    def __init__(self, path: Path, *, port: int = 0, refresh: Callable[[], object] | None = None) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        report = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path.split("?", 1)[0] not in ("/", "/report.html"):
                    self.send_error(404)
                    return
                if refresh is not None:
                    with contextlib.suppress(IsswatchError):  # a round is writing: serve the last report
                        refresh()
                if not report.path.is_file():
                    self.send_error(503, "no report yet: the first round has not run")
                    return
                body = report.path.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.path = path
        self.httpd = ThreadingHTTPServer((_HOST, port), Handler)
        self.httpd.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://{_HOST}:{self.httpd.server_port}/report.html"

    def start(self) -> ReportServer:
        """Serve from a daemon thread (for `isswatch serve`, beside the flow)."""
        import threading

        threading.Thread(target=self.httpd.serve_forever, name="report-server", daemon=True).start()
        return self


def write_report(warehouse: Path | Lake, out: Path) -> Path:
    """Read the warehouse (read-only) and write the report to ``out``; returns the path written."""
    html = build_html(report_data(warehouse), warehouse=str(warehouse))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
    return out
