"""parse_feed on good, ill-formed, hostile and mis-encoded feeds, directly and through the server."""

from __future__ import annotations

import resource
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from isswatch.extractors.errors import IsswatchError, ParseError
from isswatch.extractors.fetching.feed_dates import check_date
from isswatch.extractors.fetching.feed_parsing import (
    FeedJob,
    ParsedFeed,
    neutralise_doctype,
    parse_feed,
    parse_feeds_bounded,
)
from tests.misbehaving_server import CYRILLIC_FEED, FEED, FEED_DATA, TEST_LIMITS

URL = "http://feeds.example.com/rss"


def _data(name: str) -> bytes:
    return (FEED_DATA / name).read_bytes()


def _fetch_and_parse(server, allow, path: str) -> ParsedFeed:  # type: ignore[no-untyped-def]
    from isswatch.extractors.fetching.downloads import fetch

    result = fetch(server.url(path), limits=TEST_LIMITS, allow=allow)
    return parse_feed(result.body, url=result.final_url, content_type=result.content_type)


# --------------------------------------------------------------------------------------------- normal


def test_normal_feed() -> None:
    feed = parse_feed(FEED, url=URL, content_type="application/rss+xml")
    assert feed.title == "Space news" and feed.version == "rss20"
    assert feed.lang == "en" and feed.ttl_minutes == 30 and feed.encoding == "utf-8"
    first, second = feed.entries
    assert first.guid == "a1" and first.title == "ISS to operate until 2028"
    assert first.link == "http://127.0.0.1/a/1?utm_source=rss"
    assert first.summary == "NASA and Roscosmos agreed."  # HTML stripped, entities decoded
    assert first.published == datetime(2025, 7, 31, 18, tzinfo=UTC) and first.date_flag is None
    assert second.published is None and second.date_flag == "corrected_by_parser"
    assert second.published_raw == "2024-02-30T10:00:00Z"


def test_cyrillic_feed_intact(misbehaving_server, allow_loopback) -> None:
    feed = _fetch_and_parse(misbehaving_server, allow_loopback, "/cyrillic-feed")
    assert feed.title == "Новости космонавтики"
    assert feed.entries[0].title == "МКС будет работать до 2028 года"
    assert feed.entries[0].published == datetime(2025, 7, 31, 15, tzinfo=UTC)


def test_atom_feed_relative_link_and_language() -> None:
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Actu</title>
<link href="/"/><entry><id>urn:x:1</id><title type="html">L&#39;ISS &lt;b&gt;2030&lt;/b&gt;</title>
<link href="/article/1"/><updated>2025-08-01T10:00:00+02:00</updated>
<author><name>Agence</name></author><content type="html">&lt;p&gt;D\xc3\xa9sorbitation&lt;/p&gt;</content>
</entry></feed>"""
    feed = parse_feed(body, url=URL)
    entry = feed.entries[0]
    assert entry.title == "L'ISS 2030" and entry.summary == "Désorbitation"
    assert entry.link == "http://feeds.example.com/article/1"
    assert entry.published == datetime(2025, 8, 1, 8, tzinfo=UTC)
    assert entry.author == "Agence" and entry.lang == "fr" and feed.lang == "fr"


def test_max_entries() -> None:
    items = "".join(f"<item><title>n{i}</title><guid>g{i}</guid></item>" for i in range(30))
    body = f'<rss version="2.0"><channel><title>many</title>{items}</channel></rss>'.encode()
    feed = parse_feed(body, url=URL, max_entries=10)
    assert [e.title for e in feed.entries] == [f"n{i}" for i in range(10)]
    assert any("kept the first 10" in w for w in feed.warnings)


def test_scripts_removed_from_summary() -> None:
    body = (
        b'<rss version="2.0"><channel><title>t</title><item><title>x</title><description>'
        b"&lt;script&gt;alert(1)&lt;/script&gt;safe &lt;i&gt;text&lt;/i&gt;</description></item>"
        b"</channel></rss>"
    )
    assert parse_feed(body, url=URL).entries[0].summary == "safe text"


def test_javascript_link_dropped() -> None:
    body = (
        b'<rss version="2.0"><channel><title>t</title><item><title>x</title>'
        b"<link>javascript:alert(1)</link></item></channel></rss>"
    )
    assert parse_feed(body, url=URL).entries[0].link is None


# --------------------------------------------------------------------------------------------- refused


@pytest.mark.parametrize(
    "body, why",
    [
        (b"", "empty"),
        (b"  \r\n\t ", "empty"),
        (b"<!doctype html><html><head><title>x</title></head><body>hi</body></html>", "HTML page"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "JSON"),
        (b"just some text", "not a feed"),
        (b"<root><child/></root>", "not a feed"),
    ],
)
def test_not_a_feed(body: bytes, why: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_feed(body, url=URL)
    assert URL in str(info.value) and why in str(info.value)


def test_html_page_from_server(misbehaving_server, allow_loopback) -> None:
    with pytest.raises(ParseError, match="HTML page"):
        _fetch_and_parse(misbehaving_server, allow_loopback, "/html")


def test_body_that_is_a_local_path_is_never_opened(tmp_path: Path) -> None:
    # a real feed on disk: if feedparser opened the path, this would parse successfully
    local = tmp_path / "local-feed.xml"
    local.write_bytes(FEED)
    for body in (str(local).encode(), local.as_uri().encode(), b"/etc/passwd", b"file:///etc/passwd"):
        with pytest.raises(ParseError) as info:
            parse_feed(body, url=URL)
        assert "Space news" not in str(info.value) and "root:" not in str(info.value)


def test_str_body_rejected() -> None:
    with pytest.raises(TypeError):
        parse_feed("/etc/passwd", url=URL)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------- ill-formed


def test_malformed_feed_recovered_with_warning(misbehaving_server, allow_loopback) -> None:
    feed = _fetch_and_parse(misbehaving_server, allow_loopback, "/malformed")
    assert len(feed.entries) == 3
    assert any(w.startswith("ill-formed, recovered") for w in feed.warnings)


# --------------------------------------------------------------------------------------------- entities


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_billion_laughs_not_expanded(misbehaving_server, allow_loopback) -> None:
    before = _peak_mb()
    started = time.monotonic()
    feed = _fetch_and_parse(misbehaving_server, allow_loopback, "/billion-laughs")
    assert time.monotonic() - started < 1.0
    assert len(feed.entries[0].title) < 100 and "lol" in feed.entries[0].title
    assert any("unsafe entity" in w for w in feed.warnings)
    assert _peak_mb() - before < 50


@pytest.mark.parametrize("source", ["server", "quadratic_blowup_20MB.xml"])
def test_quadratic_blowup_refused(misbehaving_server, allow_loopback, source) -> None:
    before = _peak_mb()
    started = time.monotonic()
    with pytest.raises(ParseError, match="entity expansion"):
        if source == "server":
            _fetch_and_parse(misbehaving_server, allow_loopback, "/quadratic")
        else:
            parse_feed(_data(source), url=URL)
    assert time.monotonic() - started < 1.0
    assert _peak_mb() - before < 50


@pytest.mark.parametrize("name", ["xxe_system_entity.xml", "xxe_parameter_entity.xml", "external_dtd_file.xml"])
def test_external_entities_never_resolved(name: str) -> None:
    feed = parse_feed(_data(name), url=URL)
    title = feed.entries[0].title
    assert title.startswith("X") and "root:" not in title and len(title) < 20
    assert "DOCTYPE removed" in feed.warnings


def test_small_internal_entity_still_substituted() -> None:
    body = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY agency "Roscosmos">\n]>\n'
        b'<rss version="2.0"><channel><title>&agency; news</title><item><title>&agency; says 2028</title>'
        b"</item></channel></rss>"
    )
    feed = parse_feed(body, url=URL)
    assert feed.title == "Roscosmos news" and feed.entries[0].title == "Roscosmos says 2028"


def test_doctype_in_content_left_alone() -> None:
    text = '<rss version="2.0"><channel><title>t</title><item><description><![CDATA[<!DOCTYPE x>]]></description>'
    assert neutralise_doctype(text) == (text, [])


# --------------------------------------------------------------------------------------------- encodings


def test_wrong_charset_header(misbehaving_server, allow_loopback) -> None:
    feed = _fetch_and_parse(misbehaving_server, allow_loopback, "/wrong-charset")
    assert feed.entries[0].title == "МКС будет работать до 2028 года"
    assert feed.encoding == "cp1251"


def test_undeclared_legacy_encoding(misbehaving_server, allow_loopback) -> None:
    feed = _fetch_and_parse(misbehaving_server, allow_loopback, "/undeclared-koi8")
    assert feed.title == "Новости космонавтики" and feed.encoding == "koi8-r"


def test_feedparser_corpus_koi8r_without_chardet() -> None:
    feed = parse_feed(_data("undeclared_koi8r.xml"), url=URL)
    assert feed.entries[0].title == "Как пережить новогоднюю ночь"


def test_latin1_declared_but_utf8_body() -> None:
    body = CYRILLIC_FEED.replace('encoding="utf-8"', 'encoding="iso-8859-1"').encode("utf-8")
    feed = parse_feed(body, url=URL, content_type="text/xml; charset=iso-8859-1")
    assert feed.title == "Новости космонавтики"
    assert any("body is UTF-8" in w for w in feed.warnings)


def test_utf16_with_bom() -> None:
    body = CYRILLIC_FEED.replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16")
    assert parse_feed(body, url=URL).title == "Новости космонавтики"


def test_http_charset_overrides_xml_declaration() -> None:
    feed = parse_feed(_data("charset_overrides_encoding.xml"), url=URL, content_type="text/xml;charset = us-ascii")
    assert feed.version == "rss20"


# --------------------------------------------------------------------------------------------- dates


def test_odd_dates_flagged_never_trusted() -> None:
    feed = parse_feed(_data("odd_dates.xml"), url=URL)
    flags = {e.published_raw: (e.published, e.date_flag) for e in feed.entries if e.published_raw}
    assert flags["Mon, 06 Sep 2021 16:45:00 +0000"] == (datetime(2021, 9, 6, 16, 45, tzinfo=UTC), None)
    expected = {
        "2024-02-30T10:00:00Z": "corrected_by_parser",
        "2024-13-45": "corrected_by_parser",
        "2024-06-01T25:61:61Z": "corrected_by_parser",
        "2024-06-01T12:00:00+99:99": "corrected_by_parser",
        "0000-00-00T00:00:00Z": "year_out_of_range",
        "Sat, 31 Dec 9999 23:59:59 +0000": "year_out_of_range",
        "Fri, 31 Dec 99999 23:59:59 GMT": "year_out_of_range",
        "-0001-01-01T00:00:00Z": "year_out_of_range",
        "Sun, 01 Jan 2023 00:00:00 XYZ": "unknown_timezone",
        "tomorrow": "invalid",
        "Mon, 29 Feb 2021 10:00:00 GMT": "invalid",
        "2024-W23-2": "unrecognised_format",
    }
    for raw, flag in expected.items():
        assert flags[raw] == (None, flag), raw
    untrusted = [e for e in feed.entries if e.date_flag]
    assert all(e.published is None for e in untrusted)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Thu, 31 Jul 2025 18:00:00 GMT", datetime(2025, 7, 31, 18, tzinfo=UTC)),
        ("31 Jul 2025 18:00 -0400", datetime(2025, 7, 31, 22, tzinfo=UTC)),
        ("Thu, 31 Jul 25 18:00:00 EDT", datetime(2025, 7, 31, 22, tzinfo=UTC)),
        ("2025-07-31", datetime(2025, 7, 31, tzinfo=UTC)),
        ("2025-07-31T18:00:00.123+03:00", datetime(2025, 7, 31, 15, tzinfo=UTC)),
        ("jeu., 31 juil. 2025 18:00:00 +0200", datetime(2025, 7, 31, 16, tzinfo=UTC)),
        ("Чт, 31 июля 2025 18:00:00 MSK", datetime(2025, 7, 31, 15, tzinfo=UTC)),
    ],
)
def test_date_formats(raw: str, expected: datetime) -> None:
    assert check_date(raw, None).value == expected


def test_future_date_flagged() -> None:
    now = datetime(2025, 8, 1, tzinfo=UTC)
    assert check_date("2025-08-05T00:00:00Z", None, now=now).flag == "future"
    assert check_date("2025-08-01T12:00:00Z", None, now=now).flag is None


# --------------------------------------------------------------------------------------------- hard limits


def test_parse_in_bounded_workers() -> None:
    slow = (
        b'<rss version="2.0"><channel><title>t</title><item><title>x</title><description>'
        + b"&lt;div&gt;" * 200_000
        + b"</description></item></channel></rss>"
    )
    jobs = [FeedJob(URL, FEED), FeedJob("http://slow.example/rss", slow), FeedJob("http://bad.example/", b"")]
    started = time.monotonic()
    good, killed, bad = parse_feeds_bounded(jobs, timeout=1.0, workers=2)
    assert time.monotonic() - started < 8
    assert isinstance(good, ParsedFeed) and good.title == "Space news"
    assert isinstance(killed, ParseError) and "http://slow.example/rss" in str(killed)
    assert isinstance(bad, ParseError) and bad.source == "http://bad.example/" and "empty" in str(bad)


# --------------------------------------------------------------------------------------------- corpus


def test_every_bad_input_has_a_clear_outcome(badinputs: Path) -> None:
    """Each file of the shared corpus parses or is refused with an IsswatchError, fast and bounded."""
    files = sorted(
        p
        for p in badinputs.rglob("*")
        if p.is_file() and p.suffix in (".xml", ".json", ".txt", ".html", ".rss", ".atom")
    )
    assert files
    outcomes: dict[str, str] = {}
    before = _peak_mb()
    for path in files:
        body = path.read_bytes()
        started = time.monotonic()
        try:
            feed = parse_feed(body, url=f"http://corpus.example/{path.name}")
            outcomes[path.name] = f"parsed {len(feed.entries)}"
        except IsswatchError as err:
            assert f"http://corpus.example/{path.name}" in str(err)
            outcomes[path.name] = f"refused {err.kind}"
        assert time.monotonic() - started < 5, path.name
    assert _peak_mb() - before < 300
    assert outcomes["quadratic_blowup_20MB.xml"] == "refused parse"
    assert outcomes["body_is_local_path.txt"] == "refused parse"


def test_plain_text_titles_keep_angle_brackets_and_html_is_stripped() -> None:
    body = (
        b'<rss version="2.0"><channel><title>t</title><item><title>AT&amp;T &lt;rocks&gt; caf&amp;eacute;</title>'
        b"<description>x &lt; y and &lt;b&gt;bold&lt;/b&gt;</description></item></channel></rss>"
    )
    entry = parse_feed(body, url=URL).entries[0]
    assert entry.title == "AT&T <rocks> café"
    assert entry.summary == "x < y and bold"


def test_atom_content_used_when_no_summary() -> None:
    body = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>x</title>'
        b'<content type="html">&lt;p&gt;Body &lt;em&gt;text&lt;/em&gt;&lt;/p&gt;</content></entry></feed>'
    )
    assert parse_feed(body, url=URL).entries[0].summary == "Body text"
