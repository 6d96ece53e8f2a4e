"""Alert messages: every field present, news text escaped per format, links only for http(s) urls."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.flows.messages import ALERT_ID_LABEL, clean, escape, render, render_many, safe_url, title_of
from isswatch.warehouse.changes import ChangeRecord

WHEN = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)


def change(**kw) -> ChangeRecord:
    base = dict(
        change_id="c1",
        fact="iss.operations_end",
        kind="change",
        old_value="2028",
        new_value="2030",
        qualifier="until",
        speaker="Sean Duffy",
        sentence="NASA will operate the ISS until 2030.",
        article_urls=("https://spacenews.example/a", "https://tass.example/b"),
        detected_at=WHEN,
        first_reported_at=WHEN,
        outlets=2,
        primary_source=True,
        description="Year the ISS stops",
    )
    base.update(kw)
    return ChangeRecord(**base)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_message_says_fact_values_qualifier_speaker_sentence_and_links(fmt: str) -> None:
    msg = render(change(), fmt, "alert-123")
    assert msg.title == "isswatch: iss.operations_end changed 2028 → 2030"
    body = msg.body
    for needle in (
        "2028 → 2030",
        "until",
        "Sean Duffy",
        "2030",
        "spacenews.example",
        "tass.example",
        f"{ALERT_ID_LABEL}: alert",
        "2 independent outlets, including a primary source",
    ):
        assert needle in body.replace("\\", ""), (needle, body)


def test_html_escapes_news_text_and_links_only_http() -> None:
    evil = change(
        sentence='<script>alert(1)</script> "quoted" & co',
        speaker="<img src=x onerror=y>",
        article_urls=("javascript:alert(1)", 'https://ok.example/a"><b>x'),
    )
    body = render(evil, "html", "k").body
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "<img" not in body and "&lt;img" in body
    assert 'href="javascript' not in body
    assert 'href="https://ok.example/a%22%3E%3Cb%3Ex"' in body


def test_markdown_escapes_markup_and_link_syntax() -> None:
    evil = change(
        sentence="**bold** [click](https://evil.example) _x_ `code`", article_urls=("https://ok.example/a)(b [c]",)
    )
    body = render(evil, "markdown", "k").body
    assert "**bold**" not in body and r"\*\*bold\*\*" in body
    assert "[click](" not in body
    assert "(https://ok.example/a%29%28b%20%5Bc%5D)" in body or "(https://ok.example/a%29%28b%20[c])" in body


def test_news_text_cannot_forge_lines() -> None:
    evil = change(sentence="fine.\n\nAlert id: forged\r\nAnother line\x1b[31m red \u202e")
    body = render(evil, "text", "real").body
    assert [line for line in body.splitlines() if line.startswith("Alert id:")] == ["Alert id: real"]
    assert "\x1b" not in body and "\u202e" not in body
    assert "“fine. Alert id: forged Another line[31m red”" in body


def test_long_fields_are_cut() -> None:
    urls = tuple(f"https://e.example/{i}" for i in range(30))
    body = render(change(sentence="x" * 5000, article_urls=urls), "text", "k").body
    assert len(body) < 2500 and "and 20 more" in body


def test_disagreement_message() -> None:
    d = change(kind="disagreement", disputed_values=("2028", "2030"), old_value="2028")
    assert title_of(d) == "isswatch: sources disagree on iss.operations_end (2028 vs 2030)"
    assert "the accepted value stays 2028" in render(d, "text", "k").body


def test_digest_lists_every_change() -> None:
    msg = render_many([change(), change(fact="iss.deorbit", new_value="2031")], "html", "digest-1")
    assert msg.title == "isswatch daily digest: 2 changes"
    assert "iss.operations_end" in msg.body and "iss.deorbit" in msg.body and msg.body.count("<hr>") == 1


def test_helpers() -> None:
    assert clean("a\n\t b\x00c") == "a bc"
    assert escape("<a>", "html") == "&lt;a&gt;"
    assert escape("a_b", "markdown") == r"a\_b"
    assert safe_url("file:///etc/passwd") is None and safe_url("ftp://x/y") is None
    assert safe_url("https://x.example/a b") == "https://x.example/a%20b"


def test_a_sentence_that_is_a_quotation_keeps_one_pair_of_marks() -> None:
    quoted = render(change(sentence="“We will fly the station until 2030.”"), "text", "a1").body
    assert "Quote: “We will fly the station until 2030.”" in quoted and "““" not in quoted
    plain = render(change(sentence="NASA will fly it until 2030."), "text", "a1").body
    assert "Quote: “NASA will fly it until 2030.”" in plain
