"""Safe HTTP GET for feeds and article pages, with httpx (pinned 0.28.1) and a guarded httpcore backend.

httpx alone is not safe against a hostile server (see ``docs/fetching.md``):

- its timeouts are per read, so a server dripping one byte a second holds a request forever. Here one
  deadline covers the whole response, redirects included: every connect, TLS handshake, read and write
  gets at most the time left before the deadline (``_GuardedStream``), and DNS resolution runs in a
  helper thread that is waited for no longer than that either;
- ``iter_bytes()`` decompresses a whole chunk before any cap can fire (a gzip bomb hands back tens of MB
  at once). Here the raw bytes are read with ``iter_raw()`` and inflated by a bounded decompressor that
  never produces more than the bytes still allowed, counted on the wire and after decompression;
- ``follow_redirects=True`` follows redirects anywhere. Here redirects are followed by hand, only to http
  and https, at most ``max_redirects`` times, and every connection, first hop or redirect, is made by
  ``_GuardedBackend``: it resolves the host, checks each candidate IP against the ``AddressPolicy`` and
  connects to the checked IP itself (no second resolution an attacker could rebind). TLS SNI and Host stay
  the host name. Environment proxies are ignored (a proxy would be the address connected to).

Every failure is an ``isswatch.extractors.errors.FetchError`` whose message names the URL; no httpx exception
escapes ``fetch``.
"""

from __future__ import annotations

import contextvars
import email.utils
import socket
import time
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import httpcore
import httpx

from isswatch.extractors.errors import (
    BlockedAddress,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    ResponseTooLarge,
    TooManyRedirects,
    TransportError,
)
from isswatch.extractors.fetching.addresses import AddressPolicy

try:  # brotli only if it is already installed: no new dependency for it
    import brotli as _brotli  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    _brotli = None

ALLOWED_SCHEMES = ("http", "https")
ACCEPT_ENCODING = "gzip, deflate" + (", br" if _brotli is not None else "")
DEFAULT_ACCEPT_FEED = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
_REDIRECT_STATUSES = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024

#: The absolute ``time.monotonic()`` deadline of the request running in this thread / context.
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("isswatch_fetch_deadline", default=None)
_resolver = ThreadPoolExecutor(max_workers=8, thread_name_prefix="isswatch-dns")


@dataclass(frozen=True)
class FetchLimits:
    """Limits of one fetch. ``deadline`` covers the whole response, redirects and body included."""

    deadline: float = 30.0
    connect_timeout: float = 10.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    user_agent: str = "isswatch/0.1 (ISS news monitor)"


@dataclass(frozen=True)
class FetchResult:
    """A successful answer: 2xx with its (decompressed) body, or 304 Not Modified with an empty body.

    ``redirects`` lists every URL that answered with a redirect, in order (empty when none did);
    ``final_url`` is the URL that gave this answer.
    """

    url: str
    final_url: str
    status: int
    body: bytes
    headers: dict[str, str] = field(repr=False)
    etag: str | None
    last_modified: str | None
    content_type: str | None
    elapsed: float
    redirects: tuple[str, ...] = ()

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def cache_max_age(self) -> int | None:
        """``Cache-Control: max-age`` in seconds, if the server sent one (a floor for the next poll)."""
        return parse_max_age(self.headers.get("cache-control"))


# --------------------------------------------------------------------------------------- connection layer


def _time_left(timeout: float | None) -> float | None:
    """The smaller of ``timeout`` and the time left before this context's deadline; raise if none is left."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the deadline for the whole response passed")
    return left if timeout is None else min(timeout, left)


class _GuardedStream(httpcore.NetworkStream):
    """A network stream whose every blocking call is bounded by the request's overall deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _time_left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _GuardedStream(self._inner.start_tls(ssl_context, server_hostname, _time_left(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves, checks every candidate address against the policy, and connects to a checked address."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self._sync = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        timeout = _time_left(timeout)
        started = time.monotonic()
        future = _resolver.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
        try:
            infos = future.result(timeout=timeout)
        except FutureTimeout:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
        except (OSError, UnicodeError) as err:
            raise httpcore.ConnectError(f"cannot resolve {host}: {err}") from None
        candidates: list[str] = []
        refused: BlockedAddress | None = None
        for _family, _type, _proto, _name, sockaddr in infos:
            ip = str(sockaddr[0])
            try:
                self.policy.check(host, ip)
            except BlockedAddress as err:
                refused = refused or err
                continue
            if ip not in candidates:
                candidates.append(ip)
        if not candidates:
            if refused is not None:
                raise refused
            raise httpcore.ConnectError(f"{host} resolved to no address")
        last: Exception | None = None
        for ip in candidates:
            left = None if timeout is None else timeout - (time.monotonic() - started)
            if left is not None and left <= 0:
                raise httpcore.ConnectTimeout(f"connecting to {host} timed out")
            try:
                stream = self._sync.connect_tcp(
                    ip, port, timeout=_time_left(left), local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as err:
                last = err
                continue
            return _GuardedStream(stream)
        assert last is not None
        raise last

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:  # pragma: no cover
        raise httpcore.ConnectError("unix sockets are not allowed")

    def sleep(self, seconds: float) -> None:  # pragma: no cover - only used by httpcore retries
        time.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` whose connection pool connects through ``_GuardedBackend``."""

    def __init__(self, policy: AddressPolicy, limits: httpx.Limits) -> None:
        super().__init__(trust_env=False, limits=limits)
        ssl_context = self._pool._ssl_context  # the context httpx built (certifi, verify=True)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=_GuardedBackend(policy),
        )
        self.policy = policy


def make_client(
    limits: FetchLimits | None = None, allow: AddressPolicy | None = None, *, max_connections: int = 64
) -> httpx.Client:
    """A client for a whole polling round: thread-safe, pooled, connecting only where ``allow`` permits.

    Use it as a context manager (or ``close()`` it). Pass it to ``fetch(client=...)``; its address policy
    is the one that applies, whatever ``fetch(allow=...)`` says.
    """
    limits = limits or FetchLimits()
    policy = allow if allow is not None else AddressPolicy()
    pool = httpx.Limits(
        max_connections=max_connections, max_keepalive_connections=max_connections, keepalive_expiry=30.0
    )
    return httpx.Client(
        transport=_GuardedTransport(policy, pool),
        follow_redirects=False,
        trust_env=False,
        timeout=httpx.Timeout(limits.deadline, connect=limits.connect_timeout),
        headers={"User-Agent": limits.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
    )


# ---------------------------------------------------------------------------------------------- fetching


def fetch(
    url: str,
    *,
    client: httpx.Client | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    limits: FetchLimits = FetchLimits(),
    allow: AddressPolicy | None = None,
    accept: str | None = None,
) -> FetchResult:
    """GET ``url`` within ``limits``; a conditional GET when ``etag`` or ``last_modified`` is given.

    Returns a ``FetchResult`` (2xx, or 304 when not modified). Raises ``FetchTimeout``,
    ``ResponseTooLarge``, ``BlockedAddress``, ``TooManyRedirects``, ``HTTPStatusError`` or
    ``TransportError``, each naming ``url``.
    """
    own_client = client is None
    if client is None:
        client = make_client(limits, allow, max_connections=4)
    started = time.monotonic()
    token = _deadline.set(started + limits.deadline)
    try:
        return _fetch(
            client, url, etag=etag, last_modified=last_modified, limits=limits, accept=accept, started=started
        )
    except FetchError:
        raise
    except httpx.TimeoutException as err:
        raise FetchTimeout(_timeout_message(err, limits, started), source=url) from None
    except httpx.InvalidURL as err:
        raise TransportError(f"invalid URL: {err}", source=url) from None
    except (httpx.HTTPError, httpx.StreamError, httpcore.TimeoutException) as err:
        if isinstance(err, httpcore.TimeoutException):
            raise FetchTimeout(_timeout_message(err, limits, started), source=url) from None
        raise TransportError(f"{err.__class__.__name__}: {err or 'connection failed'}", source=url) from None
    except (OSError, ValueError, zlib.error) as err:
        raise TransportError(f"{err.__class__.__name__}: {err}", source=url) from None
    finally:
        _deadline.reset(token)
        if own_client:
            client.close()


def _timeout_message(err: Exception, limits: FetchLimits, started: float) -> str:
    spent = time.monotonic() - started
    if spent >= limits.deadline - 0.05:
        return f"no complete response within the deadline of {limits.deadline:g} s"
    return f"timed out after {spent:.1f} s ({err or 'connect timeout'})"


def _fetch(
    client: httpx.Client,
    url: str,
    *,
    etag: str | None,
    last_modified: str | None,
    limits: FetchLimits,
    accept: str | None,
    started: float,
) -> FetchResult:
    headers = {
        "User-Agent": limits.user_agent,
        "Accept-Encoding": ACCEPT_ENCODING,
        "Accept": accept or DEFAULT_ACCEPT_FEED,
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    redirects: list[str] = []
    current = url
    seen = {url}
    while True:
        _check_scheme(url, current, redirected=bool(redirects))
        left = started + limits.deadline - time.monotonic()
        if left <= 0:
            raise FetchTimeout(f"no complete response within the deadline of {limits.deadline:g} s", source=url)
        timeout = httpx.Timeout(left, connect=min(limits.connect_timeout, left))
        request = client.build_request("GET", current, headers=headers, timeout=timeout)
        try:
            response = client.send(request, stream=True, follow_redirects=False)
        except BlockedAddress as err:
            via = f" (redirected to {current})" if redirects else ""
            raise BlockedAddress(f"{err}{via}", source=url) from None
        try:
            status = response.status_code
            if status in _REDIRECT_STATUSES and "location" in response.headers:
                target = urljoin(current, response.headers["location"].strip())
                redirects.append(current)
                if len(redirects) > limits.max_redirects:
                    raise TooManyRedirects(f"more than {limits.max_redirects} redirects (last to {target})", source=url)
                if target in seen:
                    raise TooManyRedirects(f"redirect loop back to {target}", source=url)
                seen.add(target)
                current = target
                continue
            flat = _flat_headers(response.headers)
            if status == 304:
                return _result(url, current, status, b"", flat, started, redirects)
            if not 200 <= status < 300:
                raise HTTPStatusError(
                    f"HTTP {status} {response.reason_phrase}".rstrip(),
                    source=url,
                    status=status,
                    retry_after=parse_retry_after(flat.get("retry-after")),
                )
            body = _read_body(response, url, limits)
            return _result(url, current, status, body, flat, started, redirects)
        finally:
            response.close()


def _check_scheme(url: str, current: str, *, redirected: bool) -> None:
    scheme = current.split(":", 1)[0].lower() if ":" in current else ""
    if scheme not in ALLOWED_SCHEMES:
        where = f"redirected to {current}" if redirected else f"scheme {scheme or '(none)'!r}"
        raise BlockedAddress(f"only http and https are fetched ({where})", source=url)


def _flat_headers(headers: httpx.Headers) -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in headers.multi_items():
        name = name.lower()
        flat[name] = f"{flat[name]}, {value}" if name in flat else value
    return flat


def _result(
    url: str, final_url: str, status: int, body: bytes, headers: dict[str, str], started: float, redirects: list[str]
) -> FetchResult:
    return FetchResult(
        url=url,
        final_url=final_url,
        status=status,
        body=body,
        headers=headers,
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        content_type=headers.get("content-type"),
        elapsed=time.monotonic() - started,
        redirects=tuple(redirects),
    )


def _read_body(response: httpx.Response, url: str, limits: FetchLimits) -> bytes:
    cap = limits.max_bytes
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > cap:
        raise ResponseTooLarge(f"Content-Length {int(declared):,} bytes is over the cap of {cap:,}", source=url)
    decoder = _Decoder(response.headers.get("content-encoding", ""), cap, url)
    parts: list[bytes] = []
    size = 0
    wire = 0
    for chunk in response.iter_raw(_CHUNK):
        wire += len(chunk)
        if wire > cap:
            raise ResponseTooLarge(f"more than {cap:,} bytes on the wire", source=url)
        for piece in decoder.feed(chunk):
            size += len(piece)
            if size > cap:
                raise ResponseTooLarge(f"more than {cap:,} bytes after decompression", source=url)
            parts.append(piece)
        _time_left(None)  # the deadline also bounds a server that keeps the data coming
    for piece in decoder.flush():
        size += len(piece)
        if size > cap:
            raise ResponseTooLarge(f"more than {cap:,} bytes after decompression", source=url)
        parts.append(piece)
    return b"".join(parts)


class _Decoder:
    """Undo Content-Encoding one step at a time, never producing more than ``cap + 1`` bytes in total."""

    def __init__(self, content_encoding: str, cap: int, url: str) -> None:
        self.cap = cap
        self.url = url
        self.produced = 0
        codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        for coding in codings:
            if coding not in ("gzip", "x-gzip", "deflate") and not (coding == "br" and _brotli is not None):
                raise TransportError(f"unsupported Content-Encoding {coding!r}", source=url)
        # applied in order by the server, so undone in reverse
        self.codings = list(reversed(codings))
        self._stages = [_Inflater(c) for c in self.codings]

    def feed(self, data: bytes) -> Iterator[bytes]:
        yield from self._run(data, final=False)

    def flush(self) -> Iterator[bytes]:
        yield from self._run(b"", final=True)

    def _run(self, data: bytes, *, final: bool) -> Iterator[bytes]:
        if not self._stages:
            if data:
                yield data
            return
        pieces = [data]
        for stage in self._stages:
            out: list[bytes] = []
            for piece in pieces:
                out.extend(stage.decompress(piece, self.cap + 1 - self.produced, self.url))
            if final:
                out.extend(stage.finish(self.cap + 1 - self.produced, self.url))
            pieces = out
        for piece in pieces:
            self.produced += len(piece)
            yield piece
            if self.produced > self.cap:
                return


class _Inflater:
    """One bounded decompression stage: gzip (multi-member), deflate (zlib or raw) or br."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._obj: Any = self._new()
        self._first = True
        self._done = False

    def _new(self) -> Any:
        if self.coding == "br":
            return _brotli.Decompressor()
        if self.coding == "deflate":
            return zlib.decompressobj(zlib.MAX_WBITS)
        return zlib.decompressobj(16 + zlib.MAX_WBITS)

    def decompress(self, data: bytes, room: int, url: str) -> Iterator[bytes]:
        if self.coding == "br":  # brotli has no output bound: feed small slices
            for start in range(0, len(data), 1024):
                out = self._obj.process(data[start : start + 1024])
                room -= len(out)
                yield out
                if room <= 0:
                    return
            return
        if self.coding == "deflate" and self._first and data:
            self._first = False
            try:  # some servers send raw deflate without the zlib header
                probe = zlib.decompressobj(zlib.MAX_WBITS)
                probe.decompress(data[:64], 1)
            except zlib.error:
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
        if self._done:
            return
        while data and room > 0:
            try:
                out = self._obj.decompress(data, min(room, _CHUNK * 4))
            except zlib.error as err:
                raise TransportError(f"corrupt {self.coding} body: {err}", source=url) from None
            room -= len(out)
            if out:
                yield out
            if self._obj.eof:
                data = self._obj.unused_data
                if data[:2] == b"\x1f\x8b" and self.coding != "deflate":
                    self._obj = self._new()  # another gzip member
                    continue
                self._done = True  # trailing bytes after the stream are ignored, as browsers do
                return
            data = self._obj.unconsumed_tail

    def finish(self, room: int, url: str) -> Iterator[bytes]:
        if self.coding == "br" or room <= 0:
            return
        try:
            out = self._obj.flush(room) if hasattr(self._obj, "flush") else b""
        except zlib.error as err:
            raise TransportError(f"corrupt {self.coding} body: {err}", source=url) from None
        if out:
            yield out


# ------------------------------------------------------------------------------------------ header values


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value: delta-seconds or an HTTP-date; None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(int(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def parse_max_age(value: str | None) -> int | None:
    """``max-age`` seconds from a Cache-Control value, or None."""
    if not value:
        return None
    for part in value.split(","):
        name, _, arg = part.strip().partition("=")
        if name.strip().lower() == "max-age":
            arg = arg.strip().strip('"')
            if arg.isdigit():
                return int(arg)
    return None
