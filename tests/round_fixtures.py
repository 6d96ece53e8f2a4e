"""A small news site on 127.0.0.1 for tests that run whole polling rounds, and helpers around them.

``NewsSite`` serves RSS feeds (``/feeds/<name>.xml``, with an ETag and 304 answers to a matching
If-None-Match) and article pages. Tests change what it serves between rounds (``set_feed``,
``set_page``). Pages are found by their path with AMP markers and the query string ignored, so that
``/story?utm_source=rss``, ``/amp/story`` and ``/story?amp=1`` are the same page, as on a real site;
``page_hits`` counts the requests per page.

``write_config`` writes a real config file (loopback allowed, short deadlines); ``run_round`` runs the
``monitor`` flow once; ``counts`` and ``rows`` read the warehouse.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections import Counter
from dataclasses import dataclass
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomli_w

TERMS = {
    "en": ["ISS", "International Space Station", "space station*", "Roscosmos", "NASA", "deorbit*"],
    "fr": ["ISS", "Station spatiale internationale", "Roscosmos"],
    "ru": ["МКС", "Роскосмос*"],
}

NAV = """<header><nav><a href="/">Home</a> | <a href="/space">Space</a> | <a href="/science">Science</a> |
<a href="/about">About us</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>"""
FOOTER = """<aside class="related"><h3>Related stories</h3><ul><li><a href="/r1">Mars sample return delayed</a></li>
<li><a href="/r2">New crew trains for lunar mission</a></li></ul></aside>
<section class="comments"><h3>Comments</h3><p>Great article, thanks!</p></section>
<footer><p>© 2026 Example Media. All rights reserved.</p></footer>"""


def article_html(title: str, paragraphs: list[str], *, published: str | None = None) -> bytes:
    """A realistic news page: navigation, cookie banner, the story, related links, comments, footer."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>{meta}'
        f"</head><body>{NAV}<main><article><h1>{escape(title)}</h1>{body}</article></main>{FOOTER}"
        f"</body></html>"
    ).encode()


FILLER = [
    "The station has been continuously crewed since November 2000 and hosts experiments from dozens of countries.",
    "Engineers say the ageing modules need careful maintenance, including repairs to small air leaks.",
    "Commercial companies are developing free-flying stations meant to take over research work in low orbit.",
    "Officials did not say how the decision would affect the schedule of cargo and crew flights.",
    "A cargo ship docked last week with food, water and spare parts for the six people on board.",
    "Scientists hope to finish a series of protein crystal experiments before the laboratory is retired.",
    "The budget request sent to lawmakers includes money for a vehicle that will guide the outpost down.",
    "European partners said they would review their own plans for experiments on the orbiting complex.",
    "A spacewalk planned for next month will replace a failed power unit on the truss of the complex.",
    "Analysts noted that the programme has survived several political crises over the past decades.",
]


def story_paragraphs(lead: str, *, seed: int = 0, extra: int = 2) -> list[str]:
    """A lead and ``extra`` paragraphs chosen by ``seed``, so that different stories differ in most text."""
    return [lead, *(FILLER[(seed * 3 + k * 7) % len(FILLER)] for k in range(extra))]


@dataclass
class Story:
    """One item of a feed; ``path`` is the page's path on the site (a query string is allowed)."""

    guid: str
    title: str
    path: str | None
    summary: str = ""
    published: dt.datetime | None = None


def page_key(path: str) -> str:
    """The page a path names: query string and AMP markers ignored (``/amp/x``, ``/x/amp``, ``?amp=1``)."""
    parts = [p for p in urlsplit(path).path.split("/") if p and p.lower() != "amp"]
    return "/" + "/".join(parts)


class _Handler(BaseHTTPRequestHandler):
    server: NewsSite
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self) -> None:
        site = self.server
        path = urlsplit(self.path).path
        if path.startswith("/feeds/") and path.endswith(".xml"):
            name = path[len("/feeds/") : -len(".xml")]
            with site.lock:
                site.feed_hits[name] += 1
                body = site.feed_body(name)
            if body is None:
                self._send(404, b"no such feed\n", "text/plain")
                return
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304, b"", "", {"ETag": etag})
                return
            self._send(200, body, "application/rss+xml; charset=utf-8", {"ETag": etag})
            return
        key = page_key(self.path)
        with site.lock:
            site.page_hits[key] += 1
            page = site.pages.get(key)
        if page is None:
            self._send(404, b"not found\n", "text/plain")
        else:
            self._send(200, page, "text/html; charset=utf-8")


class NewsSite(ThreadingHTTPServer):
    """Feeds and pages on 127.0.0.1 (a random port); use as a context manager."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.feeds: dict[str, list[Story]] = {}
        self.feed_titles: dict[str, str] = {}
        self.pages: dict[str, bytes] = {}
        self.page_hits: Counter[str] = Counter()
        self.feed_hits: Counter[str] = Counter()
        self._bodies: dict[str, bytes] = {}
        self._thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def feed_url(self, name: str) -> str:
        return self.url(f"/feeds/{name}.xml")

    def set_feed(self, name: str, stories: list[Story], *, title: str | None = None) -> str:
        with self.lock:
            self.feeds[name] = list(stories)
            self.feed_titles[name] = title or name
            self._bodies.pop(name, None)
        return self.feed_url(name)

    def set_page(self, path: str, html: bytes) -> str:
        with self.lock:
            self.pages[page_key(path)] = html
        return self.url(path)

    def feed_body(self, name: str) -> bytes | None:
        if name not in self.feeds:
            return None
        if name not in self._bodies:
            self._bodies[name] = rss(self.feed_titles[name], self.base, self.feeds[name])
        return self._bodies[name]

    def __enter__(self) -> NewsSite:
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


def rss(title: str, base: str, stories: list[Story]) -> bytes:
    items = []
    for s in stories:
        link = f"<link>{escape(base + s.path)}</link>" if s.path else ""
        date = f"<pubDate>{format_datetime(s.published)}</pubDate>" if s.published else ""
        items.append(
            f'<item><title>{escape(s.title)}</title>{link}<guid isPermaLink="false">{escape(s.guid)}'
            f"</guid>{date}<description>{escape(s.summary)}</description></item>"
        )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>{base}/</link><language>en</language>{''.join(items)}</channel></rss>\n"
    ).encode()


# ------------------------------------------------------------------------------------------ rounds


def write_config(
    path: Path,
    *,
    data_dir: Path,
    feeds: list[dict[str, Any]],
    deadline: float = 2.0,
    per_host: int = 8,
    concurrency: int = 16,
    max_feed_bytes: int = 1_000_000,
    max_articles: int = 500,
    extraction_timeout: float = 20.0,
) -> Path:
    """A config file for a round against loopback servers (127.0.0.1 explicitly allowed)."""
    config = {
        "data_dir": str(data_dir),
        "allow_hosts": ["127.0.0.1"],
        "http": {
            "deadline": deadline,
            "connect_timeout": min(deadline, 2.0),
            "per_host": per_host,
            "concurrency": concurrency,
            "max_feed_bytes": max_feed_bytes,
            "max_page_bytes": 2_000_000,
        },
        "extraction": {"workers": 2, "timeout": extraction_timeout, "max_articles": max_articles},
        "alerts": {"console": False},
        "relevance": TERMS,
        "feeds": feeds,
    }
    path.write_text(tomli_w.dumps(config), encoding="utf-8")
    return path


def run_round(config: Path, *, force: bool = True) -> tuple[dict[str, Any], float]:
    """One ``monitor`` flow run; its summary and its wall time in seconds."""
    from isswatch.flows.monitor import monitor

    started = time.monotonic()
    summary = monitor(config=str(config), force=force)
    return summary, time.monotonic() - started


def counts(warehouse: Path) -> dict[str, int]:
    from isswatch.warehouse.connection import reader

    with reader(warehouse) as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("feeds", "polls", "entries", "articles", "claims")
        }


def rows(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    from isswatch.warehouse.connection import reader

    with reader(warehouse) as con:
        return con.execute(sql, params or []).fetchall()
