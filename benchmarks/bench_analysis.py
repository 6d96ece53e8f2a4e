"""Whole per-page analysis against bare ``trafilatura.extract`` on the same news pages, in one run.

Issue 13: the analysis (text, the metadata isswatch stores, language, fingerprint, relevance, claims)
costs at most 1.15x ``trafilatura.extract`` on the same pages. Pages come from benchmarks/news_pages.py
(80-150 KB, real-language articles of tests/claims_corpus inside navigation, scripts, comments, related
links). Timed in this one process, CPU time, rounds interleaved so every side sees the same load; the
best round of each is kept. Also printed: the former analysis (tests/page_reference.py), where the time
goes, and a check that the former and current analyses store the same text and claims on these pages.
Run: ``python -m benchmarks.bench_analysis [--pages N] [--rounds R]``; exits 1 over 1.15 or on a
difference.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
TERMS = ("ISS", "International Space Station", "space station*", "Station spatiale internationale", "МКС")
CT = "text/html; charset=utf-8"


def _cpu(fn: Callable[[], Any]) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


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
    sides: dict[str, Callable[[], Any]] = {
        "trafilatura.extract(page bytes)  [baseline]": lambda: [
            trafilatura.extract(p.html, url=p.url, **opts) for p in pages
        ],
        "trafilatura.extract(decoded text)": lambda: [
            trafilatura.extract(m, url=p.url, **opts) for m, p in zip(markup, pages, strict=True)
        ],
        "former analysis (all metadata)": lambda: [
            former_analysis(p.html, p.url, dt.date.fromisoformat(p.published), terms=TERMS) for p in pages
        ],
        "analysis, feed gives title and date": lambda: [analyse_page(j) for j in hinted],
        "analysis, no feed metadata (backfill)": lambda: [analyse_page(j) for j in bare],
    }
    parts: dict[str, Callable[[], Any]] = {
        "decode bytes": lambda: [decode_html(p.html, CT) for p in pages],
        "parse (trafilatura's loader)": lambda: [load_html(m) for m in markup],
        "trafilatura metadata, all fields": lambda: [
            trafilatura.extract_metadata(t, p.url) for t, p in zip(trees, pages, strict=True)
        ],
        "title, canonical url, date only": lambda: [read_metadata(t, p.url) for t, p in zip(trees, pages, strict=True)],
        "language": lambda: [detect_language(t) for t in texts],
        "fingerprint": lambda: [text_fingerprint(t) for t in texts],
        "relevance": lambda: [judge([t], TERMS, where="text") for t in texts],
        "claims": lambda: [extract_claims(t) for t in texts],
    }
    for fn in (*sides.values(), *parts.values()):
        fn()  # warm-up: imports, compiled patterns, lxml caches
    times: dict[str, list[float]] = {k: [] for k in (*sides, *parts)}
    for _ in range(args.rounds):
        for name, fn in (*sides.items(), *parts.items()):
            times[name].append(_cpu(fn))
    best = {k: min(v) for k, v in times.items()}
    base = best["trafilatura.extract(page bytes)  [baseline]"]
    size = sum(len(p.html) for p in pages) / n / 1024
    langs = {lang: sum(p.lang == lang for p in pages) for lang in ("en", "fr", "ru")}
    print(
        f"pages: {n}, {size:.0f} KB of HTML on average ({min(len(p.html) for p in pages) // 1024}-"
        f"{max(len(p.html) for p in pages) // 1024} KB), {langs}, best of {args.rounds} rounds, CPU time"
    )
    for name in sides:
        print(f"  {name:44s} {1000 * best[name] / n:6.2f} ms/page  {best[name] / base:5.2f}")
    print("where the time goes (parts, same pages):")
    for name in parts:
        print(f"  {name:44s} {1000 * best[name] / n:6.2f} ms/page  {best[name] / base:5.2f}")
    ratio = best["analysis, feed gives title and date"] / base
    per_round = sorted(
        a / b
        for a, b in zip(
            times["analysis, feed gives title and date"],
            times["trafilatura.extract(page bytes)  [baseline]"],
            strict=True,
        )
    )
    print(
        f"analysis / trafilatura.extract: {ratio:.3f} (target <= {TARGET}); "
        f"per round {', '.join(f'{r:.3f}' for r in per_round)}"
    )
    diff = differences(pages)
    print(
        f"former vs current analysis: {n - len(diff)} of {n} pages store the same text, language, "
        "fingerprint and claims"
    )
    for url in diff[:10]:
        print(f"  differs: {url}")
    return 0 if ratio <= TARGET and not diff else 1


if __name__ == "__main__":
    sys.exit(main())
