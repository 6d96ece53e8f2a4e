"""A loopback HTTP server for the bundled demo corpus (and the integration tests).

It serves ``/feeds/<name>.xml`` from the current round's documents and ``/articles/<slug>.html`` pages,
with ETag and Last-Modified so that conditional GET is exercised as on the real web: a feed unchanged
between rounds answers 304. ``{base}`` in every document becomes the server's own origin.
"""

from __future__ import annotations

import email.utils
import hashlib
import threading
import tomllib
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_HOST = "127.0.0.1"
CORPUS = Path(__file__).parent / "demo_corpus"


@dataclass(frozen=True)
class DemoFeed:
    name: str
    title: str
    lang: str
    format: str
    rounds: tuple[Path, ...]
    primary: bool


def load_manifest(corpus: Path = CORPUS) -> list[DemoFeed]:
    data = tomllib.loads((corpus / "manifest.toml").read_text(encoding="utf-8"))
    return [
        DemoFeed(
            f["name"],
            f["title"],
            f["lang"],
            f["format"],
            (corpus / f["round1"], corpus / f["round2"]),
            bool(f.get("primary", False)),
        )
        for f in data["feeds"]
    ]


class DemoServer:
    """``with DemoServer() as s: s.base, s.set_round(2), s.requests``."""

    def __init__(self, corpus: Path = CORPUS, port: int = 0) -> None:
        self.corpus = corpus
        self.feeds = {f.name: f for f in load_manifest(corpus)}
        self.round = 1
        self.requests: list[tuple[str, int]] = []
        #: Extra files served as they are, by path (the demo adds its report at /report.html).
        self.files: dict[str, Path] = {}
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer((_HOST, port), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="demo-server", daemon=True)
        self.mtime = {
            1: email.utils.formatdate(1763290800, usegmt=True),
            2: email.utils.formatdate(1763895600, usegmt=True),
        }

    @property
    def base(self) -> str:
        return f"http://{_HOST}:{self._httpd.server_port}"

    def feed_url(self, name: str) -> str:
        return f"{self.base}/feeds/{name}.xml"

    def set_round(self, n: int) -> None:
        self.round = n

    def __enter__(self) -> DemoServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _document(self, path: str) -> tuple[bytes, str, str | None] | None:
        """(body, content type, last-modified) for a path, or None."""
        if path.startswith("/feeds/") and path.endswith(".xml"):
            feed = self.feeds.get(path[len("/feeds/") : -len(".xml")])
            if feed is None:
                return None
            source = feed.rounds[min(self.round, len(feed.rounds)) - 1]
            ctype = "application/atom+xml" if feed.format == "atom" else "application/rss+xml"
            raw = source.read_bytes().replace(b"{base}", self.base.encode())
            changed = feed.rounds[0].read_bytes() != feed.rounds[-1].read_bytes()
            return raw, ctype, self.mtime[self.round if changed else 1]
        if path.startswith("/articles/") and path.endswith(".html") and "/" not in path[len("/articles/") :]:
            page = self.corpus / "pages" / path[len("/articles/") :]
            if not page.is_file():
                return None
            return page.read_bytes().replace(b"{base}", self.base.encode()), "text/html; charset=utf-8", None
        if path in self.files and self.files[path].is_file():
            ctype = "text/html; charset=utf-8" if path.endswith(".html") else "application/octet-stream"
            return self.files[path].read_bytes(), ctype, None
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                doc = server._document(path)
                if doc is None:
                    self._send(404, b"not found", "text/plain")
                    return
                body, ctype, modified = doc
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag or (
                    modified
                    and self.headers.get("If-Modified-Since") == modified
                    and not self.headers.get("If-None-Match")
                ):
                    self._send(304, b"", None, etag=etag, modified=modified)
                    return
                self._send(200, body, ctype, etag=etag, modified=modified)

            def _send(
                self,
                status: int,
                body: bytes,
                ctype: str | None,
                *,
                etag: str | None = None,
                modified: str | None = None,
            ) -> None:
                with server._lock:
                    server.requests.append((self.path, status))
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                if etag:
                    self.send_header("ETag", etag)
                if modified:
                    self.send_header("Last-Modified", modified)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # quiet: the demo prints its own
                pass

        return Handler
