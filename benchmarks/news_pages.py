"""News pages with the weight and markup of real ones (80-150 KB), built around real-language articles.

Extraction cost follows the whole markup, not the story: a real news page is a few kilobytes of article
inside a hundred kilobytes of head meta tags, inline scripts (analytics, ad slots, a JSON state blob),
a navigation menu, cookie and newsletter banners, related stories, a comment thread, HTML comments and a
long footer. The stories are the labelled whole articles of ``tests/claims_corpus`` (English, French
and Russian, with their bylines, captions and "read also" lines), so language detection and the claim
extractor see the texts they see in production. A page is a pure function of its index and seed. The
surroundings (scripts, menu, related stories, comments, footer) are those of ``benchmarks/page_generator.py``,
so the analysis and round benchmarks measure the same kind of page.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from html import escape
from pathlib import Path

from benchmarks.page_generator import comment_thread, nav_menu, related_stories, script_block, site_footer

CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "claims_corpus"
MIN_BYTES = 80_000
MAX_BYTES = 150_000


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
        f'{nav_menu(rng)}<form><input name="q"></form>'
    )
    tail = f"{related_stories(rng)}{comment_thread(rng)}</main>{site_footer(rng)}"
    fixed = len((head + chrome + article_html + tail).encode("utf-8")) + 40
    scripts = max(target - fixed, 2_000)
    first = rng.randint(scripts // 3, 2 * scripts // 3)
    last = script_block(rng, scripts - first)
    page = f"{head}{script_block(rng, first)}{chrome}{article_html}{tail}{last}</body></html>"
    return NewsPage(url=url, html=page.encode("utf-8"), title=title, published=published, lang=lang)


def news_pages(n: int, *, seed: int = 13) -> list[NewsPage]:
    """``n`` pages cycling through the corpus articles (every one about the ISS), taking the languages
    in their corpus proportions (en, fr, ru interleaved, not one language after the other)."""
    articles = load_articles()
    order = sorted(range(len(articles)), key=lambda i: (i * 7919) % len(articles))
    return [news_page(i, articles[order[i % len(order)]], seed=seed) for i in range(n)]
