"""fetch() against the misbehaving server: one test per way a server can misbehave."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import socket
import ssl
import threading
import time
import tracemalloc
from email.utils import formatdate

import httpcore
import pytest

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
from isswatch.extractors.fetching.downloads import FetchLimits, fetch, make_client, parse_max_age, parse_retry_after
from tests.misbehaving_server import ETAG, FEED, LAST_MODIFIED, TEST_LIMITS, MisbehavingServer

# A deadline of 1.5 s must end in under twice that, whatever the server does.
GENEROUS = 2 * TEST_LIMITS.deadline


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every (ip, port) the guarded backend actually opens a TCP connection to."""
    seen: list[tuple[str, int]] = []
    original = httpcore.SyncBackend.connect_tcp

    def spy(self, host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append((host, port))
        return original(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", spy)
    return seen


# Requests that should succeed get a deadline no loaded test machine misses; failures use TEST_LIMITS.
RELAXED = dataclasses.replace(TEST_LIMITS, deadline=15.0, connect_timeout=10.0)


def _get(server: MisbehavingServer, path: str, allow: AddressPolicy, **kwargs):  # type: ignore[no-untyped-def]
    return fetch(server.url(path), limits=kwargs.pop("limits", RELAXED), allow=allow, **kwargs)


def _expect(
    err_class: type[FetchError], server: MisbehavingServer, path: str, allow: AddressPolicy, **kwargs
) -> tuple[FetchError, float]:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    kwargs.setdefault("limits", TEST_LIMITS)
    with pytest.raises(err_class) as info:
        _get(server, path, allow, **kwargs)
    elapsed = time.monotonic() - started
    assert server.url(path) in str(info.value), "the message names the URL"
    assert info.value.source == server.url(path)
    return info.value, elapsed


# ------------------------------------------------------------------------------------------- success


def test_normal_feed(misbehaving_server, allow_loopback) -> None:
    result = _get(misbehaving_server, "/feed", allow_loopback)
    assert result.status == 200 and not result.not_modified
    assert result.body == FEED
    assert result.etag == ETAG and result.last_modified == LAST_MODIFIED
    assert result.content_type.startswith("application/rss+xml")
    assert all(name == name.lower() for name in result.headers)
    assert result.cache_max_age == 600
    assert result.final_url == result.url and result.redirects == ()
    assert 0 <= result.elapsed < GENEROUS


def test_identifying_user_agent_and_accept(misbehaving_server, allow_loopback) -> None:
    text = _get(misbehaving_server, "/echo-headers", allow_loopback).body.decode().lower()
    assert "user-agent: isswatch/0.1 (iss news monitor)" in text
    assert "accept-encoding: gzip, deflate" in text
    assert "application/rss+xml" in text


@pytest.mark.parametrize("kwargs", [{"etag": ETAG}, {"last_modified": LAST_MODIFIED}])
def test_conditional_get_gives_304(misbehaving_server, allow_loopback, kwargs) -> None:
    result = _get(misbehaving_server, "/feed", allow_loopback, **kwargs)
    assert result.status == 304 and result.not_modified
    assert result.body == b""
    assert result.etag == ETAG


def test_gzip_feed_is_decompressed(misbehaving_server, allow_loopback) -> None:
    assert _get(misbehaving_server, "/gzip-feed", allow_loopback).body == FEED


def test_redirect_chain_within_limit(misbehaving_server, allow_loopback) -> None:
    result = _get(misbehaving_server, "/chain/3", allow_loopback)
    assert result.status == 200 and result.body == FEED
    assert result.redirects == tuple(misbehaving_server.url(f"/chain/{n}") for n in (3, 2, 1))
    assert result.final_url == misbehaving_server.url("/feed")


def test_relative_redirect(misbehaving_server, allow_loopback) -> None:
    result = _get(misbehaving_server, "/redirect-relative", allow_loopback)
    assert result.final_url == misbehaving_server.url("/feed")


def test_shared_client_across_threads(misbehaving_server, allow_loopback) -> None:
    results: list[object] = []
    with make_client(RELAXED, allow_loopback) as client:

        def work() -> None:
            for _ in range(5):
                try:
                    results.append(
                        fetch(misbehaving_server.url("/feed"), client=client, limits=RELAXED, etag=ETAG).status
                    )
                except Exception as err:  # pragma: no cover - reported below
                    results.append(err)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
    assert results == [304] * 40


# ------------------------------------------------------------------------------------------- timeouts


@pytest.mark.parametrize("path", ["/drip", "/drip-headers", "/stall"])
def test_slow_server_ends_at_the_deadline(misbehaving_server, allow_loopback, path) -> None:
    err, elapsed = _expect(FetchTimeout, misbehaving_server, path, allow_loopback)
    assert TEST_LIMITS.deadline - 0.1 <= elapsed < GENEROUS
    assert "deadline" in str(err)


def test_deadline_of_shared_client_comes_from_fetch(misbehaving_server, allow_loopback) -> None:
    slow_client_limits = FetchLimits(deadline=60, connect_timeout=10)
    with make_client(slow_client_limits, allow_loopback) as client:
        started = time.monotonic()
        with pytest.raises(FetchTimeout):
            fetch(misbehaving_server.url("/drip"), client=client, limits=FetchLimits(deadline=1.0))
        assert time.monotonic() - started < 2.0


# ------------------------------------------------------------------------------------------- statuses


def test_server_error(misbehaving_server, allow_loopback) -> None:
    err, _ = _expect(HTTPStatusError, misbehaving_server, "/status/500", allow_loopback)
    assert err.status == 500 and err.retry_after is None


def test_429_with_retry_after_seconds(misbehaving_server, allow_loopback) -> None:
    err, _ = _expect(HTTPStatusError, misbehaving_server, "/status/429?retry_after=120", allow_loopback)
    assert err.status == 429 and err.retry_after == 120


def test_429_with_retry_after_date(misbehaving_server, allow_loopback) -> None:
    when = formatdate(time.time() + 3600, usegmt=True).replace(" ", "%20")
    err, _ = _expect(HTTPStatusError, misbehaving_server, f"/status/429?retry_after={when}", allow_loopback)
    assert err.retry_after is not None and 3500 < err.retry_after <= 3600


def test_not_found(misbehaving_server, allow_loopback) -> None:
    err, _ = _expect(HTTPStatusError, misbehaving_server, "/nothing-here", allow_loopback)
    assert err.status == 404


def test_parse_retry_after_and_max_age() -> None:
    assert parse_retry_after("30") == 30
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT") == 0.0
    assert parse_max_age("public, max-age=300") == 300
    assert parse_max_age("no-cache") is None


# ------------------------------------------------------------------------------------------- redirects


def test_redirect_loop(misbehaving_server, allow_loopback) -> None:
    err, elapsed = _expect(TooManyRedirects, misbehaving_server, "/loop/a", allow_loopback)
    assert "loop" in str(err) and elapsed < GENEROUS


def test_too_many_redirects(misbehaving_server, allow_loopback) -> None:
    _expect(TooManyRedirects, misbehaving_server, "/chain/9", allow_loopback)


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://[::ffff:10.0.0.1]/",
        "http://0.0.0.0:1/",
        "http://[fe80::1]/",
    ],
)
def test_redirect_to_private_address_refused_before_connecting(
    misbehaving_server, allow_loopback, connects, target
) -> None:
    err, _ = _expect(BlockedAddress, misbehaving_server, f"/redirect?to={target}", allow_loopback)
    assert "redirected to" in str(err)
    assert {ip for ip, _ in connects} == {"127.0.0.1"}, "only the loopback server was ever connected to"


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/feed", "gopher://127.0.0.1/"])
def test_redirect_to_other_scheme_refused(misbehaving_server, allow_loopback, target) -> None:
    err, _ = _expect(BlockedAddress, misbehaving_server, f"/redirect?to={target}", allow_loopback)
    assert "only http and https" in str(err)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/", "/etc/passwd"])
def test_non_http_url_refused(url) -> None:
    with pytest.raises(BlockedAddress) as info:
        fetch(url, limits=TEST_LIMITS)
    assert url in str(info.value)


# ------------------------------------------------------------------------------------------- addresses


def test_loopback_refused_by_default(misbehaving_server, connects) -> None:
    before = len(misbehaving_server.requests)
    with pytest.raises(BlockedAddress) as info:
        fetch(misbehaving_server.url("/feed"), limits=TEST_LIMITS)
    assert "loopback" in str(info.value) and misbehaving_server.url("/feed") in str(info.value)
    assert connects == [] and len(misbehaving_server.requests) == before


def test_allowlisted_hostname(misbehaving_server) -> None:
    port = misbehaving_server.server_address[1]
    by_name = AddressPolicy.from_strings(["localhost"])
    assert fetch(f"http://localhost:{port}/feed", limits=RELAXED, allow=by_name).status == 200
    with pytest.raises(BlockedAddress):
        fetch(f"http://127.0.0.1:{port}/feed", limits=TEST_LIMITS, allow=by_name)


def test_hostname_resolving_to_private_address(monkeypatch, connects) -> None:
    def fake_getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(BlockedAddress) as info:
        fetch("http://feeds.example.com/rss", limits=TEST_LIMITS)
    assert "10.1.2.3" in str(info.value) and "feeds.example.com" in str(info.value)
    assert connects == []


def test_mixed_resolution_connects_only_to_permitted_address(
    monkeypatch, misbehaving_server, allow_loopback, connects
) -> None:
    port = misbehaving_server.server_address[1]

    def fake_getaddrinfo(host, p, *args, **kwargs):  # type: ignore[no-untyped-def]
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.9.9.9", p)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", p)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    result = fetch(f"http://news.example.org:{port}/echo-headers", limits=RELAXED, allow=allow_loopback)
    assert b"news.example.org" in result.body.lower(), "the Host header keeps the host name"
    assert connects == [("127.0.0.1", port)]


# ------------------------------------------------------------------------------------------- sizes


def test_huge_body_refused_on_the_wire(misbehaving_server, allow_loopback) -> None:
    err, elapsed = _expect(ResponseTooLarge, misbehaving_server, "/huge", allow_loopback)
    assert "on the wire" in str(err) and elapsed < GENEROUS


def test_declared_huge_body_refused_before_reading(misbehaving_server, allow_loopback) -> None:
    err, _ = _expect(ResponseTooLarge, misbehaving_server, "/huge-declared", allow_loopback)
    assert "Content-Length" in str(err)


@pytest.mark.parametrize("path", ["/gzip-bomb", "/deflate-bomb"])
def test_compression_bomb_refused_not_inflated(misbehaving_server, allow_loopback, path) -> None:
    tracemalloc.start()
    try:
        err, _ = _expect(ResponseTooLarge, misbehaving_server, path, allow_loopback)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "after decompression" in str(err)
    # 10 MB of zeros behind a 1 MB cap: never more than a few times the cap in memory
    assert peak < 4 * TEST_LIMITS.max_bytes, f"peak {peak:,} bytes"


def test_body_at_the_cap_is_accepted(misbehaving_server, allow_loopback) -> None:
    limits = FetchLimits(deadline=2, max_bytes=len(FEED))
    assert _get(misbehaving_server, "/feed", allow_loopback, limits=limits).body == FEED
    with pytest.raises(ResponseTooLarge):
        _get(misbehaving_server, "/feed", allow_loopback, limits=FetchLimits(deadline=2, max_bytes=len(FEED) - 1))


# ------------------------------------------------------------------------------------------- transport


def test_connection_refused(allow_loopback) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"
    with pytest.raises(TransportError) as info:
        fetch(url, limits=TEST_LIMITS, allow=allow_loopback)
    assert url in str(info.value)


@pytest.mark.parametrize("url", ["http://", "http://exa mple.com/", "https://[::1/"])
def test_malformed_url_is_a_fetch_error(url) -> None:
    with pytest.raises(FetchError) as info:
        fetch(url, limits=TEST_LIMITS)
    assert url in str(info.value)


# ------------------------------------------------------------------------------------------- TLS


def _self_signed(tmp_path):  # type: ignore[no-untyped-def]
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


def test_tls_keeps_the_host_name_for_sni_and_verifies(tmp_path) -> None:
    cert_file, key_file = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server_names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: server_names.append(name)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        listener.settimeout(5)
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn, contextlib.suppress(ssl.SSLError, OSError):
            context.wrap_socket(conn, server_side=True).close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    url = f"https://localhost:{port}/feed"
    try:
        with pytest.raises(TransportError) as info:
            fetch(url, limits=TEST_LIMITS, allow=AddressPolicy.from_strings(["localhost"]))
    finally:
        thread.join(5)
        listener.close()
    assert url in str(info.value) and "CERTIFICATE_VERIFY_FAILED" in str(info.value)
    assert server_names == ["localhost"], "SNI is the host name, not the IP connected to"


def test_decoder_multi_member_gzip_and_trailing_garbage() -> None:
    import gzip

    from isswatch.extractors.fetching.downloads import _Decoder

    body = gzip.compress(b"first ") + gzip.compress(b"second") + b"\0\0junk"
    decoder = _Decoder("gzip", 1000, "http://x/")
    out = b"".join(decoder.feed(body[:10])) + b"".join(decoder.feed(body[10:])) + b"".join(decoder.flush())
    assert out == b"first second"
    with pytest.raises(TransportError, match="unsupported Content-Encoding"):
        _Decoder("compress", 1000, "http://x/")
