"""News pages with the weight and markup of real ones (80-150 KB), built around real-language articles.

Extraction cost follows the whole markup, not the story: a real news page is a few kilobytes of article
inside a hundred kilobytes of head meta tags, inline scripts (analytics, ad slots, a JSON state blob),
a navigation menu, cookie and newsletter banners, related stories, a comment thread, HTML comments and a
long footer. The stories are the labelled whole articles of ``tests/claims_corpus`` (English, French
and Russian, with their bylines, captions and "read also" lines), so language detection and the claim
extractor see the texts they see in production. A page is a pure function of its index and seed.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from html import escape
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "claims_corpus"
MIN_BYTES = 80_000
MAX_BYTES = 150_000

_SECTIONS = ("World", "Politics", "Business", "Science", "Space", "Technology", "Health", "Climate", "Sport", "Opinion")
_TEASERS = (
    "Storm warning extended along the coast as rivers rise",
    "Central bank holds rates, signals patience into next year",
    "Transfer window: the midfielder signs a four-year deal",
    "Ten recipes for the first cold weekend of the season",
    "City council approves the new tram line after long debate",
    "Markets close higher on strong quarterly earnings",
    "Museum reopens its renovated wing with a major retrospective",
    "Regional trains disrupted by strike on Thursday",
)


@dataclass(frozen=True)
class NewsPage:
    """One generated page and what a feed entry would say about it."""

    url: str
    html: bytes
    title: str
    published: str  # YYYY-MM-DD
    lang: str


def load_articles(corpus: Path = CORPUS_DIR) -> list[dict[str, str]]:
    """The corpus articles (dev and test), in a stable order."""
    articles = []
    for path in sorted(corpus.glob("*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                articles.append(json.loads(line))
    return articles


def _script(rng: random.Random, size: int) -> str:
    """About ``size`` bytes of inline configuration and minified-looking code."""
    parts, n = [], 0
    while n < size:
        key = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8))
        chunk = (
            f'window.__ad_{key}={{"id":{rng.randint(1, 10**9)},"slot":"div-gpt-{key}",'
            f'"sizes":[[300,250],[728,90]],"targeting":{{"section":"{rng.choice(_SECTIONS).lower()}"}}}};'
            f"function _{key}(a,b){{var c=a||{{}};for(var i=0;i<b.length;i++){{c[b[i]]=(c[b[i]]||0)+1}}"
            f"return c}}\n"
        )
        parts.append(chunk)
        n += len(chunk)
    return "<script>" + "".join(parts) + "</script>"


def _nav(rng: random.Random, n: int) -> str:
    items = "".join(
        f'<li class="nav__item"><a class="nav__link" href="/{s.lower()}/{i}" data-track="nav-{i}">{s} {i}</a></li>'
        for i, s in ((i, rng.choice(_SECTIONS)) for i in range(n))
    )
    return f'<nav class="nav" aria-label="Main"><ul class="nav__list">{items}</ul></nav>'


def _related(rng: random.Random, n: int) -> str:
    items = "".join(
        f'<li class="teaser"><a href="/story/{rng.randint(10_000, 99_999)}"><img src="/img/{i}.jpg" alt="" '
        f'loading="lazy" width="320" height="180"><h3 class="teaser__title">{escape(rng.choice(_TEASERS))}</h3>'
        f'</a><p class="teaser__kicker">{rng.choice(_SECTIONS)} · {rng.randint(1, 59)} min ago</p></li>'
        for i in range(n)
    )
    return f'<aside class="related"><h2>More from the newsroom</h2><ul>{items}</ul></aside>'


def _comments(rng: random.Random, n: int) -> str:
    items = "".join(
        f'<!-- comment {i} --><div class="comment" id="c{i}"><span class="comment__user">reader{rng.randint(1, 9999)}'
        f"</span><time>{rng.randint(1, 23)} h ago</time><p>{escape(rng.choice(_TEASERS))}? Really?</p>"
        f'<button class="reply">Reply</button> <button class="like">Like ({rng.randint(0, 99)})</button></div>'
        for i in range(n)
    )
    return f'<section class="comments" id="comments"><h2>Comments ({n})</h2>{items}</section>'


def _footer(rng: random.Random, n: int) -> str:
    links = "".join(f'<li><a href="/info/{i}">{rng.choice(_SECTIONS)} {i}</a></li>' for i in range(n))
    return (
        f'<footer class="site-footer"><ul>{links}</ul><p>© 2026 Example News Group. All rights reserved.</p></footer>'
    )


def _body(article: dict[str, str]) -> str:
    """The article's paragraphs; its first line is the headline (rendered as the h1), then the text."""
    lines = [line for line in article["text"].split("\n") if line.strip()]
    if lines and lines[0].strip() == article["title"].strip():
        lines = lines[1:]
    out = []
    for i, line in enumerate(lines):
        out.append(f"<p>{escape(line)}</p>")
        if i == 2:
            out.append('<div class="ad-slot" data-slot="inarticle"><!-- ad --></div>')
    return "".join(out)


def news_page(index: int, article: dict[str, str], *, seed: int = 13) -> NewsPage:
    """Page ``index`` around ``article``, padded with boilerplate to a size drawn in 80-150 KB."""
    rng = random.Random(seed * 1_000_003 + index)
    target = rng.randint(MIN_BYTES, MAX_BYTES)
    lang, title, published = article["lang"], article["title"], article["published"]
    url = f"https://news.example/{lang}/{published.replace('-', '/')}/story-{index}"
    ld = {"@type": "NewsArticle", "headline": title, "datePublished": published}
    head = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)} | Example News</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="canonical" href="{url}"><meta property="og:url" content="{url}">'
        f'<meta property="og:title" content="{escape(title)}"><meta property="og:type" content="article">'
        f'<meta property="article:published_time" content="{published}T08:00:00Z">'
        f'<meta name="author" content="{escape(article.get("outlet", "Staff"))}">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        f"<style>.nav__item{{display:inline-block}}.teaser img{{width:100%}}.cookie{{position:fixed;bottom:0}}</style>"
    )
    article_html = (
        f'<main id="content"><article class="story"><h1>{escape(title)}</h1>'
        f'<div class="byline">By {escape(article.get("outlet", "Staff"))} · '
        f'<time datetime="{published}">{published}</time></div>'
        '<div class="share"><a href="#">Share</a> <a href="#">Post</a> <a href="#">Email</a></div>'
        f'<div class="story__body">{_body(article)}</div>'
        '<div class="newsletter">Get the space newsletter <input name="email"><button>Subscribe</button></div>'
        "</article>"
    )
    chrome = (
        '</head><body><div class="cookie">We use cookies to improve your experience. '
        "<button>Accept all</button> <button>Settings</button></div>"
        f'<header class="site-header">{_nav(rng, rng.randint(60, 120))}<form><input name="q"></form></header>'
    )
    related, comments = _related(rng, rng.randint(20, 40)), _comments(rng, rng.randint(10, 40))
    tail = f"{related}{comments}</main>{_footer(rng, rng.randint(40, 80))}"
    fixed = len((head + chrome + article_html + tail).encode("utf-8")) + 40
    scripts = max(target - fixed, 2_000)
    first = rng.randint(scripts // 3, 2 * scripts // 3)
    page = f"{head}{_script(rng, first)}{chrome}{article_html}{tail}{_script(rng, scripts - first)}</body></html>"
    return NewsPage(url=url, html=page.encode("utf-8"), title=title, published=published, lang=lang)


def news_pages(n: int, *, seed: int = 13) -> list[NewsPage]:
    """``n`` pages cycling through the corpus articles (every one about the ISS), taking the languages
    in their corpus proportions (en, fr, ru interleaved, not one language after the other)."""
    articles = load_articles()
    order = sorted(range(len(articles)), key=lambda i: (i * 7919) % len(articles))
    return [news_page(i, articles[order[i % len(order)]], seed=seed) for i in range(n)]
