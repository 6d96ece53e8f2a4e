"""Fixtures for change detection and alert delivery: a warehouse built row by row in a real DuckDB file,
and real receivers on 127.0.0.1 (an SMTP server and an HTTP webhook that dedups on the alert id)."""

from __future__ import annotations

import datetime as dt
import email
import hashlib
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb
import pytest

from isswatch.warehouse.changes import ChangePolicy, detect_changes
from isswatch.warehouse.connection import open_connection
from isswatch.warehouse.migrations import migrate
from isswatch.warehouse.writes import insert_new

UTC = dt.UTC
FACT = "iss.operations_end"
BASELINE_AS_OF = dt.date(2025, 7, 31)
DAY = dt.datetime(2026, 3, 1, 12, tzinfo=UTC)
HEADER = "X-Isswatch-Alert-Id"


def t(days: float = 0, hours: float = 0) -> dt.datetime:
    """A time relative to DAY, so tests read as 'day 0, day 10'."""
    return DAY + dt.timedelta(days=days, hours=hours)


FACTS = [
    {
        "key": "iss.operations_end",
        "description": "Year the ISS stops being operated",
        "baseline_value": "2028",
        "baseline_as_of": BASELINE_AS_OF,
        "baseline_source": "2025 agreement",
    },
    {
        "key": "iss.deorbit",
        "description": "Year the ISS is brought down from orbit",
        "baseline_value": "2030",
        "baseline_as_of": BASELINE_AS_OF,
        "baseline_source": "2025 agreement",
    },
]


class Warehouse:
    """Builds a warehouse in a DuckDB file: feeds, articles and claims, one call each."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._n = 0
        self._con: duckdb.DuckDBPyConnection | None = None
        insert_new(self.con, "facts", ["key"], [dict(f, updated_at=DAY) for f in FACTS])

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """One connection kept open between calls (opening and migrating per row is slow)."""
        if self._con is None:
            self._con = open_connection(self.path)
            migrate(self._con)
        return self._con

    def close(self) -> None:
        """Release the file, e.g. before delivery, which opens its own short connections."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def feed(self, name: str, *, primary: bool = False) -> str:
        url = f"https://{name}.example/feed"
        con = self.con
        insert_new(con, "feeds", ["url"], [{"url": url, "name": name, "is_primary": primary}])
        return url

    def article(
        self, outlet: str, *, duplicate_of: str | None = None, when: dt.datetime | None = None, primary: bool = False
    ) -> str:
        feed = self.feed(outlet, primary=primary)
        self._n += 1
        aid = f"a{self._n:04d}"
        con = self.con
        insert_new(
            con,
            "articles",
            ["article_id"],
            [
                {
                    "article_id": aid,
                    "url": f"https://{outlet}.example/story/{self._n}",
                    "feed_url": feed,
                    "title": f"story {self._n}",
                    "text": "...",
                    "duplicate_of": duplicate_of,
                    "published_at": when or DAY,
                    "fetched_at": when or DAY,
                    "relevant": True,
                }
            ],
        )
        return aid

    def claim(
        self,
        article_id: str,
        value: str,
        *,
        fact: str = FACT,
        status: str = "current",
        confidence: float = 0.9,
        when: dt.datetime | None = None,
        speaker: str | None = None,
        qualifier: str | None = "until",
        sentence: str | None = None,
        modality: str = "agreed",
    ) -> str:
        self._n += 1
        cid = hashlib.sha1(f"{article_id}{value}{self._n}".encode()).hexdigest()[:24]
        sentence = sentence or f"NASA and Roscosmos agreed to operate the ISS until {value}."
        con = self.con
        insert_new(
            con,
            "claims",
            ["claim_id"],
            [
                {
                    "claim_id": cid,
                    "article_id": article_id,
                    "fact": fact,
                    "value": value,
                    "granularity": "year",
                    "qualifier": qualifier,
                    "status": status,
                    "modality": modality,
                    "speaker": speaker,
                    "sentence": sentence,
                    "start_offset": 0,
                    "end_offset": len(sentence),
                    "confidence": confidence,
                    "lang": "en",
                    "extractor_version": "test",
                    "reported_at": when or DAY,
                    "extracted_at": when or DAY,
                }
            ],
        )
        return cid

    def report(self, outlet: str, value: str, *, when: dt.datetime | None = None, **kw: Any) -> str:
        """One article of ``outlet`` with one claim of ``value``; returns the article id."""
        aid = self.article(
            outlet, when=when, primary=kw.pop("primary", False), duplicate_of=kw.pop("duplicate_of", None)
        )
        self.claim(aid, value, when=when, **kw)
        return aid

    def detect(
        self,
        *,
        channels: tuple[str, ...] = ("console",),
        policy: ChangePolicy | None = None,
        now: dt.datetime | None = None,
        round_id: str = "r1",
    ):
        return detect_changes(
            self.con, round_id=round_id, policy=policy or ChangePolicy(), channels=channels, now=now or t(1)
        )

    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple]:
        return self.con.execute(sql, params or []).fetchall()

    def accepted(self, fact: str = FACT) -> str:
        sql = "SELECT coalesce(accepted_value, baseline_value) FROM facts WHERE key = ?"
        return self.rows(sql, [fact])[0][0]


@pytest.fixture
def wh(tmp_path: Path) -> Iterator[Warehouse]:
    w = Warehouse(tmp_path / "wh.duckdb")
    yield w
    w.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- HTTP webhook receiver ---------------------------------------------------------------------------------


@dataclass
class Webhook:
    """A json:// receiver on loopback. Records every request; ``unique`` keeps one per alert id, as a real
    receiver that dedups on the idempotency key would. ``hold`` makes it wait before answering (the test
    kills the sender meanwhile); ``status`` is the answer (500 to fail)."""

    port: int
    requests: list[dict[str, Any]] = field(default_factory=list)
    unique: dict[str, dict[str, Any]] = field(default_factory=dict)
    status: int = 200
    hold: threading.Event | None = None
    received: threading.Event = field(default_factory=threading.Event)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self.port}/hook"

    def start(self) -> Webhook:
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                data = json.loads(body or b"{}")
                entry = {"headers": {k.lower(): v for k, v in self.headers.items()}, "json": data}
                hook.requests.append(entry)
                key = entry["headers"].get(HEADER.lower())
                if key and hook.status < 300:
                    hook.unique.setdefault(key, entry)
                hook.received.set()
                if hook.hold is not None:
                    hook.hold.wait(20)
                self.send_response(hook.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            if self.hold is not None:
                self.hold.set()
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook(free_port()).start()
    yield hook
    hook.stop()


# -- SMTP receiver -----------------------------------------------------------------------------------------


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


@dataclass
class SmtpReceiver:
    port: int
    mailbox: _Mailbox

    @property
    def url(self) -> str:
        return f"mailto://127.0.0.1:{self.port}?mode=insecure&from=isswatch@example.org&to=watchers@example.org"

    @property
    def messages(self) -> list[Message]:
        return self.mailbox.messages


@pytest.fixture
def smtp_server() -> Iterator[SmtpReceiver]:
    from aiosmtpd.controller import Controller

    mailbox = _Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpReceiver(port, mailbox)
    finally:
        controller.stop()


def loopback_settings(*urls: str, console: bool = False, **alerts: Any):
    """Settings whose alerts go to ``urls``, with loopback allowed by the address guard."""
    from isswatch.flows.settings import Settings

    return Settings(allow_hosts=["127.0.0.1"], alerts={"urls": list(urls), "console": console, **alerts})
