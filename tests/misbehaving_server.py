"""A threaded HTTP server on 127.0.0.1 that misbehaves on purpose, one way per path.

    /feed                 a normal RSS feed with ETag and Last-Modified; answers 304 to a matching
                          If-None-Match or If-Modified-Since
    /cyrillic-feed        a UTF-8 feed in Russian
    /drip                 headers at once, then the body one byte a second
    /drip-headers         the status line and headers one byte a second
    /stall                accepts, then says nothing (stall before headers)
    /status/<code>        that status; /status/429?retry_after=<value> adds a Retry-After header
    /loop/a, /loop/b      redirect to each other forever
    /chain/<n>            n redirects in a row, then the normal feed
    /redirect?to=<url>    a 302 to any URL (private addresses, file://, ftp://)
    /redirect-relative    a 301 with a relative Location, to /feed
    /huge                 50 MB of data, chunked, no Content-Length
    /huge-declared        a Content-Length of 50 MB (the body is never sent in full)
    /gzip-bomb            10 MB of zeros, gzip-compressed (~10 KB on the wire), Content-Encoding: gzip
    /deflate-bomb         the same with Content-Encoding: deflate
    /gzip-feed            the normal feed, gzip-compressed
    /wrong-charset        a windows-1251 feed declared as utf-8 in the header and the XML declaration
    /undeclared-koi8      a KOI8-R feed with no charset anywhere
    /malformed            an ill-formed feed feedparser recovers from
    /html                 an HTML page (not a feed)
    /billion-laughs       nested entity declarations (10^9 expansion)
    /quadratic            one 100 KB entity referenced 5000 times (500 MB if expanded)
    /file/<name>          a file from tests/data/feeds (as application/xml)
    /echo-headers         the request headers as text (to check User-Agent and conditional GET)

Every loop that sleeps watches ``stop`` and a hard time limit, so stopping the server never waits long.
"""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from isswatch.extractors.fetching.downloads import FetchLimits

DATA = Path(__file__).resolve().parent / "data" / "feeds"
FEED_DATA = DATA
#: Short limits so that the slow modes end quickly; a deadline of 1.5 s must end well within 3 s.
TEST_LIMITS = FetchLimits(deadline=1.5, connect_timeout=1.0, max_bytes=1_000_000, max_redirects=5)
MAX_MISBEHAVIOUR_SECONDS = 20.0

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Space news</title><link>http://127.0.0.1/</link><ttl>30</ttl>
<language>en</language>
<item><title>ISS to operate until 2028</title><link>http://127.0.0.1/a/1?utm_source=rss</link>
<guid>a1</guid><pubDate>Thu, 31 Jul 2025 18:00:00 +0000</pubDate>
<description>&lt;p&gt;NASA and &lt;b&gt;Roscosmos&lt;/b&gt; agreed.&lt;/p&gt;</description></item>
<item><title>Deorbit by 2030</title><link>http://127.0.0.1/a/2</link><guid>a2</guid>
<pubDate>2024-02-30T10:00:00Z</pubDate><description>Plain text summary.</description></item>
</channel></rss>
"""

CYRILLIC_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Новости космонавтики</title><link>http://127.0.0.1/</link>
<item><title>МКС будет работать до 2028 года</title><link>http://127.0.0.1/ru/1</link><guid>r1</guid>
<pubDate>Thu, 31 Jul 2025 18:00:00 +0300</pubDate>
<description>Роскосмос и НАСА договорились продлить эксплуатацию станции.</description></item>
</channel></rss>
"""

ETAG = '"feed-v1"'
LAST_MODIFIED = "Thu, 31 Jul 2025 18:00:00 GMT"


def _billion_laughs() -> bytes:
    lines = ['<?xml version="1.0"?>', "<!DOCTYPE rss [", '<!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "lol" if i == 1 else f"lol{i - 1}"
        lines.append(f'<!ENTITY lol{i} "' + f"&{prev};" * 10 + '">')
    lines.append("]>")
    lines.append(
        '<rss version="2.0"><channel><title>t</title><item><title>&lol9;</title>'
        "<link>http://example.com/1</link></item></channel></rss>"
    )
    return "\n".join(lines).encode()


def _quadratic(entity_size: int = 100_000, refs: int = 5000) -> bytes:
    head = f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "{"A" * entity_size}">\n]>\n'
    body = (
        '<rss version="2.0"><channel><title>q</title><item><title>'
        + "&a;" * refs
        + "</title><link>http://example.com/q</link></item></channel></rss>"
    )
    return (head + body).encode()


class _Handler(BaseHTTPRequestHandler):
    server: MisbehavingServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    # ------------------------------------------------------------------ helpers
    def _send(
        self,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        content_type: str = "application/rss+xml; charset=utf-8",
    ) -> None:
        self.send_response(status)
        sent = {k.lower() for k in (headers or {})}
        if "content-type" not in sent and content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if "content-length" not in sent:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self._send(status, b"", {"Location": location}, content_type="text/plain")

    def _sleep(self, seconds: float) -> bool:
        """Sleep unless the server stops; False when it did."""
        return not self.server.stop.wait(seconds)

    def _drip(self, data: bytes, interval: float = 1.0) -> None:
        deadline = time.monotonic() + MAX_MISBEHAVIOUR_SECONDS
        for i in range(len(data)):
            if time.monotonic() > deadline:
                return
            self.wfile.write(data[i : i + 1])
            self.wfile.flush()
            if not self._sleep(interval):
                return

    # ------------------------------------------------------------------ routes
    def do_GET(self) -> None:
        try:
            self._route()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True

    def _route(self) -> None:
        self.server.requests.append((self.path, dict(self.headers.items())))
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        srv = self.server
        if path == "/feed":
            if self.headers.get("If-None-Match") == ETAG or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self._send(304, b"", {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}, content_type="")
                return
            self._send(200, FEED, {"ETag": ETAG, "Last-Modified": LAST_MODIFIED, "Cache-Control": "max-age=600"})
        elif path == "/cyrillic-feed":
            self._send(200, CYRILLIC_FEED.encode("utf-8"))
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self._drip(FEED)
            self.close_connection = True
        elif path == "/drip-headers":
            head = (
                b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: "
                + str(len(FEED)).encode()
                + b"\r\n\r\n"
            )
            self._drip(head)
            self.close_connection = True
        elif path == "/stall":
            self._sleep(MAX_MISBEHAVIOUR_SECONDS)
            self.close_connection = True
        elif path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            headers = {}
            if "retry_after" in query:
                headers["Retry-After"] = query["retry_after"][0]
            self._send(code, f"status {code}\n".encode(), headers, content_type="text/plain")
        elif path == "/loop/a":
            self._redirect("/loop/b")
        elif path == "/loop/b":
            self._redirect("/loop/a")
        elif path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            self._redirect(f"/chain/{n - 1}" if n > 1 else "/feed", 301)
        elif path == "/redirect":
            self._redirect(query["to"][0])
        elif path == "/redirect-relative":
            self._redirect("feed", 301)
        elif path == "/huge":
            self._huge()
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(50_000_000))
            self.end_headers()
            self.wfile.write(b"x" * 65536)
            self.close_connection = True
        elif path == "/gzip-bomb":
            self._send(200, srv.gzip_bomb, {"Content-Encoding": "gzip"}, content_type="application/xml")
        elif path == "/deflate-bomb":
            self._send(200, srv.deflate_bomb, {"Content-Encoding": "deflate"}, content_type="application/xml")
        elif path == "/gzip-feed":
            self._send(200, gzip.compress(FEED), {"Content-Encoding": "gzip"})
        elif path == "/wrong-charset":
            body = CYRILLIC_FEED.replace('encoding="utf-8"', 'encoding="utf-8"').encode("windows-1251")
            self._send(200, body, content_type="application/rss+xml; charset=utf-8")
        elif path == "/undeclared-koi8":
            body = CYRILLIC_FEED.replace(' encoding="utf-8"', "").encode("koi8-r")
            self._send(200, body, content_type="text/xml")
        elif path == "/malformed":
            body = FEED.replace(b"</channel>", b"<item><title>broken & unescaped <b></title></item></channel>")
            self._send(200, body)
        elif path == "/html":
            self._send(
                200,
                b"<!doctype html><html><head><title>Not a feed</title></head><body><p>Hello</p></body></html>",
                content_type="text/html; charset=utf-8",
            )
        elif path == "/billion-laughs":
            self._send(200, _billion_laughs(), content_type="application/xml")
        elif path == "/quadratic":
            self._send(200, srv.quadratic, content_type="application/xml")
        elif path.startswith("/file/"):
            name = path.split("/", 2)[2]
            file = (DATA / name).resolve()
            if file.parent != DATA.resolve() or not file.is_file():
                self._send(404, b"no such file\n", content_type="text/plain")
                return
            ctype = query.get("content_type", ["application/xml"])[0]
            self._send(200, file.read_bytes(), content_type=ctype)
        elif path == "/echo-headers":
            text = "".join(f"{k}: {v}\n" for k, v in self.headers.items())
            self._send(200, text.encode(), content_type="text/plain; charset=utf-8")
        else:
            self._send(404, b"not found\n", content_type="text/plain")

    def _huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        block = b"y" * 65536
        chunk = f"{len(block):x}\r\n".encode() + block + b"\r\n"
        deadline = time.monotonic() + MAX_MISBEHAVIOUR_SECONDS
        for _ in range(50_000_000 // len(block)):
            if self.server.stop.is_set() or time.monotonic() > deadline:
                break
            self.wfile.write(chunk)
        self.wfile.write(b"0\r\n\r\n")


class MisbehavingServer(ThreadingHTTPServer):
    """Start with ``start()``, stop with ``stop_server()``; ``url(path)`` builds an URL on it."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the default 5 drops SYNs when a round connects in parallel

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stop = threading.Event()
        self.requests: list[tuple[str, dict[str, str]]] = []
        zeros = b"\0" * 10_000_000
        self.gzip_bomb = gzip.compress(zeros, compresslevel=9)
        self.deflate_bomb = zlib.compress(zeros, 9)
        self.quadratic = _quadratic()
        self._thread: threading.Thread | None = None

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up (the point of most modes) are not errors; anything else is printed."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> MisbehavingServer:
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.1}, name="misbehaving-server", daemon=True
        )
        self._thread.start()
        return self

    def stop_server(self) -> None:
        self.stop.set()
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join(5)


def http_date(ts: float | None = None) -> str:
    return formatdate(ts, usegmt=True)


if __name__ == "__main__":  # manual use: python tests/misbehaving_server.py
    server = MisbehavingServer().start()
    print(f"serving on {server.base}; Ctrl-C to stop")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop_server()
