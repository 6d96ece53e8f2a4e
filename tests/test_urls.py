"""canonical_url: one key for the spellings of one article's address."""

from __future__ import annotations

import pytest

from isswatch.extractors.fetching.urls import canonical_url


@pytest.mark.parametrize(
    "url, expected",
    [
        # case, default ports, fragments, credentials
        ("HTTPS://WWW.Example.COM:443/News/Story#comments", "https://example.com/News/Story"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://user:secret@example.com/a", "https://example.com/a"),
        # trailing slash: stripped, except the root which is always "/"
        ("https://example.com/news/", "https://example.com/news"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/", "https://example.com/"),
        # tracking parameters dropped, the rest sorted
        ("https://example.com/a?utm_source=rss&utm_medium=feed&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?b=2&fbclid=XYZ&a=1&gclid=1&yclid=2&mc_cid=3&mc_eid=4", "https://example.com/a?a=1&b=2"),
        ("https://example.com/a?ref=twitter&ref_src=twsrc&UTM_Campaign=x", "https://example.com/a"),
        ("https://example.com/a?q=iss+2028&page=2", "https://example.com/a?page=2&q=iss+2028"),
        # AMP variants
        ("https://example.com/news/amp/", "https://example.com/news"),
        ("https://example.com/amp/news/1", "https://example.com/news/1"),
        ("https://example.com/news/1?amp=1", "https://example.com/news/1"),
        ("https://example.com/news/1?amp", "https://example.com/news/1"),
        ("https://example.com/news/1.amp.html", "https://example.com/news/1.html"),
        ("https://amp.example.com/news/1", "https://example.com/news/1"),
        ("https://example-com.cdn.ampproject.org/c/s/example.com/news/1/amp", "https://example.com/news/1"),
        ("https://www.google.com/amp/s/www.example.com/news/1/", "https://example.com/news/1"),
        # mobile variants
        ("https://m.example.com/news/1", "https://example.com/news/1"),
        ("https://mobile.example.co.uk/news/1", "https://example.co.uk/news/1"),
        ("https://m.co/x", "https://m.co/x"),  # never fold a host down to its suffix
        # dot segments, percent-escapes, IDN
        ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        ("https://example.com/%7euser/%d0%bc%d0%ba%d1%81", "https://example.com/~user/%D0%BC%D0%BA%D1%81"),
        ("https://пример.рф/мкс", "https://xn--e1afmkfd.xn--p1ai/%D0%BC%D0%BA%D1%81"),
        ("https://example.com/a%2Fb", "https://example.com/a%2Fb"),
        # IP hosts kept as they are
        ("http://127.0.0.1:8080/feed/", "http://127.0.0.1:8080/feed"),
        ("https://[::1]:443/x", "https://[::1]/x"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected
    assert canonical_url(expected) == expected, "idempotent"


@pytest.mark.parametrize(
    "url", ["", "not a url", "ftp://Example.com/x", "mailto:a@b.c", "/relative/path", "http://example.com:notaport/"]
)
def test_other_input_returned_unchanged(url: str) -> None:
    assert canonical_url(f"  {url} ") == url


def test_variants_share_one_key() -> None:
    variants = [
        "https://www.example.com/space/iss-2028/?utm_source=rss",
        "http://example.com/space/iss-2028".replace("http:", "https:"),
        "https://m.example.com/space/iss-2028#top",
        "https://example.com/space/iss-2028/amp/",
        "https://amp.example.com/space/iss-2028?amp=1&fbclid=abc",
    ]
    assert len({canonical_url(v) for v in variants}) == 1
