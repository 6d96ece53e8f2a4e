"""From a downloaded page to an article: text and metadata with trafilatura, then what isswatch needs.

``analyse_page`` is the unit of work of the extraction pool: it runs in a worker process (see
``pages.worker_pool``) because trafilatura can take minutes and gigabytes on a pathological page, and
only a process can be killed. It returns plain data, cheap to send back to the parent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

import trafilatura

from isswatch.extractors.errors import ParseError

#: trafilatura's extraction is skipped for bigger documents (the caller also caps downloads).
MAX_HTML_CHARS = 8_000_000
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class ArticleText:
    url: str
    title: str | None
    text: str
    published: dt.date | None
    canonical_url: str | None
    content_hash: str


@dataclass(frozen=True)
class PageJob:
    """What a worker needs to analyse one page; plain data so it pickles cheaply."""

    url: str
    html: bytes
    content_type: str | None = None
    lang_hint: str | None = None
    published_hint: dt.date | None = None
    relevance_terms: tuple[str, ...] = ()
    catalogue_path: str | None = None
    key: str = ""
    #: Used when neither the hint nor the page gives a date (an archive's capture date).
    published_fallback: dt.date | None = None


@dataclass
class PageResult:
    key: str
    url: str
    title: str | None = None
    text: str = ""
    lang: str | None = None
    published: dt.date | None = None
    canonical_url: str | None = None
    content_hash: str = ""
    fingerprint: int | None = None
    relevant: bool = False
    matched_terms: tuple[str, ...] = ()
    skip_reason: str | None = None
    claims: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def content_hash(text: str) -> str:
    """Hash of the text with whitespace normalised, so a re-rendered page with the same words matches."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:32]


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _decode(html: bytes | str, content_type: str | None) -> str:
    if isinstance(html, str):
        return html
    from isswatch.extractors.fetching.encodings import decode_html

    return decode_html(html, content_type)


def extract_article(html: bytes | str, *, url: str, content_type: str | None = None) -> ArticleText:
    """Main text and metadata of a news page; ParseError (naming the url) when there is no text."""
    markup = _decode(html, content_type)
    if len(markup) > MAX_HTML_CHARS:
        raise ParseError(f"page of {len(markup):,} characters is over the {MAX_HTML_CHARS:,} limit", source=url)
    try:
        doc = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, include_tables=False, deduplicate=False
        )
    except Exception as err:  # trafilatura raises whatever lxml raises on broken markup
        raise ParseError(f"text extraction failed: {err.__class__.__name__}: {err}", source=url) from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise ParseError("no article text found in the page", source=url)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines() if line.strip())
    return ArticleText(
        url=url,
        title=getattr(doc, "title", None),
        text=text,
        published=_parse_date(getattr(doc, "date", None)),
        canonical_url=getattr(doc, "url", None),
        content_hash=content_hash(text),
    )


def analyse_page(job: PageJob) -> PageResult:
    """Extract, judge relevance on the text, detect language, fingerprint and read the claims."""
    from isswatch.extractors.claims.catalogue import load_catalogue
    from isswatch.extractors.claims.reading import extract_claims
    from isswatch.extractors.pages.fingerprints import text_fingerprint
    from isswatch.extractors.pages.language import detect_language
    from isswatch.extractors.pages.relevance import judge

    result = PageResult(key=job.key, url=job.url)
    try:
        art = extract_article(job.html, url=job.url, content_type=job.content_type)
    except ParseError as err:
        result.error = str(err)
        result.skip_reason = "no text extracted"
        return result
    result.title, result.text, result.canonical_url = art.title, art.text, art.canonical_url
    result.content_hash = art.content_hash
    result.published = job.published_hint or art.published or job.published_fallback
    result.lang = detect_language(art.text) or job.lang_hint
    result.fingerprint = text_fingerprint(art.text)
    verdict = judge([art.title, art.text], job.relevance_terms, where="article text")
    result.relevant, result.matched_terms = verdict.relevant, verdict.matched
    if not verdict.relevant:
        result.skip_reason = verdict.reason
        return result
    catalogue = load_catalogue(job.catalogue_path) if job.catalogue_path else None
    claims = extract_claims(art.text, published=result.published, lang=result.lang, catalogue=catalogue)
    result.claims = [c.to_dict() for c in claims]
    return result
