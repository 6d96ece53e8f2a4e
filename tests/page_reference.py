"""The page analysis as it was before it was made cheaper, kept as the reference of what must be stored.

It ran trafilatura's ``bare_extraction`` with all its metadata on every page, then language, fingerprint,
relevance and claims on the text. tests/test_page_analysis_parity.py and benchmarks/bench_analysis.py
compare the current analysis with it (what is stored, and what it costs).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import trafilatura

from isswatch.extractors.claims.reading import extract_claims
from isswatch.extractors.fetching.encodings import decode_html
from isswatch.extractors.pages.fingerprints import text_fingerprint
from isswatch.extractors.pages.language import detect_language
from isswatch.extractors.pages.page_analysis import content_hash
from isswatch.extractors.pages.relevance import judge

_SPACES = re.compile(r"[ \t\u00a0]+")


def former_analysis(html: bytes, url: str, published_hint: dt.date | None, *, terms: Sequence[str]) -> dict[str, Any]:
    """What the analysis stored for a page (the keys of ``PageResult`` that reach the warehouse)."""
    doc = trafilatura.bare_extraction(
        decode_html(html, "text/html; charset=utf-8"),
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=False,
    )
    raw = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not raw:
        return {"text": ""}
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in raw.splitlines() if line.strip())
    date = getattr(doc, "date", None)
    published = published_hint or (dt.date.fromisoformat(date[:10]) if date else None)
    lang = detect_language(text)
    verdict = judge([doc.title, text], terms, where="article text")
    claims = extract_claims(text, published=published, lang=lang) if verdict.relevant else []
    return {
        "text": text,
        "title": doc.title,
        "canonical_url": doc.url,
        "published": published,
        "content_hash": content_hash(text),
        "fingerprint": text_fingerprint(text),
        "lang": lang,
        "relevant": verdict.relevant,
        "claims": [c.to_dict() for c in claims],
    }
