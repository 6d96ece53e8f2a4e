"""Whole per-page analysis against bare ``trafilatura.extract`` on the same news pages, in one run.

Issue 13: the analysis (text, the metadata isswatch stores, language, fingerprint, relevance, claims)
costs at most 1.15x ``trafilatura.extract`` on the same pages. Pages come from benchmarks/news_pages.py
(80-150 KB, real-language articles of tests/claims_corpus inside navigation, scripts, comments, related
links). Timed in this one process, CPU time, every side on page i before any on page i+1, so that the
load of other jobs on a shared machine falls on all alike; ratios are medians over the rounds. Also
printed: the former analysis (tests/page_reference.py), where the time goes, and a check that the former
and current analyses store the same text and claims on these pages. Run:
``python -m benchmarks.bench_analysis [--pages N] [--rounds R]``; exits 1 over 1.15 or on a
difference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import trafilatura
from trafilatura.utils import load_html

from benchmarks.news_pages import NewsPage, news_pages
from isswatch.extractors.claims.reading import extract_claims
from isswatch.extractors.fetching.encodings import decode_html
from isswatch.extractors.pages.fingerprints import text_fingerprint
from isswatch.extractors.pages.language import detect_language
from isswatch.extractors.pages.page_analysis import PageJob, analyse_page, extract_article
from isswatch.extractors.pages.page_metadata import read_metadata
from isswatch.extractors.pages.relevance import judge
from tests.page_reference import former_analysis

TARGET = 1.15
BASELINE = "trafilatura.extract(page bytes)  [baseline]"
ANALYSIS = "analysis, feed gives title and date"
TERMS = ("ISS", "International Space Station", "space station*", "Station spatiale internationale", "МКС")
CT = "text/html; charset=utf-8"


def _job(p: NewsPage, *, hints: bool) -> PageJob:
    return PageJob(
        url=p.url,
        html=p.html,
        content_type=CT,
        title_hint=p.title if hints else None,
        published_hint=dt.date.fromisoformat(p.published) if hints else None,
        relevance_terms=TERMS,
    )


def differences(pages: list[NewsPage]) -> list[str]:
    """Pages whose stored text, language, fingerprint or claims differ between former and current."""
    out = []
    for p in pages:
        before = former_analysis(p.html, p.url, dt.date.fromisoformat(p.published), terms=TERMS)
        after = analyse_page(_job(p, hints=True))
        got = {"text": after.text, "lang": after.lang, "fingerprint": after.fingerprint, "claims": after.claims}
        if any(before[k] != v for k, v in got.items()):
            out.append(p.url)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    pages = news_pages(args.pages)
    n = len(pages)
    markup = [decode_html(p.html, CT) for p in pages]
    hinted = [_job(p, hints=True) for p in pages]
    bare = [_job(p, hints=False) for p in pages]
    texts = [
        extract_article(p.html, url=p.url, content_type=CT, title=p.title, published=dt.date(2026, 1, 1)).text
        for p in pages
    ]
    trees = [load_html(m) for m in markup]
    opts = {"include_comments": False, "include_tables": False, "deduplicate": False}
    sides: dict[str, Callable[[int], Any]] = {
        BASELINE: lambda i: trafilatura.extract(pages[i].html, url=pages[i].url, **opts),
        "trafilatura.extract(decoded text)": lambda i: trafilatura.extract(markup[i], url=pages[i].url, **opts),
        "former analysis (all metadata)": lambda i: former_analysis(
            pages[i].html, pages[i].url, dt.date.fromisoformat(pages[i].published), terms=TERMS
        ),
        ANALYSIS: lambda i: analyse_page(hinted[i]),
        "analysis, no feed metadata (backfill)": lambda i: analyse_page(bare[i]),
    }
    parts: dict[str, Callable[[int], Any]] = {
        "decode bytes": lambda i: decode_html(pages[i].html, CT),
        "parse (trafilatura's loader)": lambda i: load_html(markup[i]),
        "trafilatura metadata, all fields": lambda i: trafilatura.extract_metadata(trees[i], pages[i].url),
        "title, canonical url, date only": lambda i: read_metadata(trees[i], pages[i].url),
        "language": lambda i: detect_language(texts[i]),
        "fingerprint": lambda i: text_fingerprint(texts[i]),
        "relevance": lambda i: judge([texts[i]], TERMS, where="text"),
        "claims": lambda i: extract_claims(texts[i]),
    }
    steps = [*sides.items(), *parts.items()]
    for i in range(n):
        for _, fn in steps:
            fn(i)  # warm-up: imports, compiled patterns, lxml caches
    # Every side runs on page i before any runs on page i+1 (in an order that turns from page to page),
    # so a burst of load from the other jobs on the machine falls on all sides alike.
    times: dict[str, list[float]] = {k: [] for k, _ in steps}
    for _ in range(args.rounds):
        spent = dict.fromkeys(times, 0.0)
        for i in range(n):
            k = i % len(steps)
            for name, fn in steps[k:] + steps[:k]:
                t0 = time.process_time()
                fn(i)
                spent[name] += time.process_time() - t0
        for name, t in spent.items():
            times[name].append(t)
    ratios = {k: sorted(a / b for a, b in zip(v, times[BASELINE], strict=True)) for k, v in times.items()}
    ratio = {k: statistics.median(v) for k, v in ratios.items()}
    base = statistics.median(times[BASELINE])
    size = sum(len(p.html) for p in pages) / n / 1024
    langs = {lang: sum(p.lang == lang for p in pages) for lang in ("en", "fr", "ru")}
    print(
        f"pages: {n}, {size:.0f} KB of HTML on average ({min(len(p.html) for p in pages) // 1024}-"
        f"{max(len(p.html) for p in pages) // 1024} KB), {langs}; {args.rounds} rounds, CPU time, sides "
        "interleaved page by page; ms/page and ratio to the baseline are medians over the rounds"
    )
    for title, names in (("sides", sides), ("where the time goes (parts, same pages)", parts)):
        print(f"{title}:")
        for name in names:
            ms = 1000 * statistics.median(times[name]) / n
            print(f"  {name:44s} {ms:6.2f} ms/page  {ratio[name]:5.2f}")
    print(f"analysis without its claims: {ratio[ANALYSIS] - ratio['claims']:.3f} of trafilatura.extract")
    print(
        f"analysis / trafilatura.extract: {ratio[ANALYSIS]:.3f} (target <= {TARGET}); "
        f"per round {', '.join(f'{r:.3f}' for r in ratios[ANALYSIS])}; baseline {1000 * base / n:.2f} ms/page"
    )
    diff = differences(pages)
    print(
        f"former vs current analysis: {n - len(diff)} of {n} pages store the same text, language, "
        "fingerprint and claims"
    )
    for url in diff[:10]:
        print(f"  differs: {url}")
    return 0 if ratio[ANALYSIS] <= TARGET and not diff else 1


if __name__ == "__main__":
    sys.exit(main())
