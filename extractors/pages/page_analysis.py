"""From a downloaded page to an article: text with trafilatura, then what isswatch needs.

``analyse_page`` is the unit of work of the extraction pool: it runs in a worker process (see
``pages.worker_pool``) because trafilatura can take minutes and gigabytes on a pathological page, and
only a process can be killed. It returns plain data, cheap to send back to the parent.

Cost (docs/benchmarks.md, "Page analysis"): the page is parsed once, by trafilatura's own loader; its
metadata is read (``pages.page_metadata``) only when the feed entry lacks a title or a date, since
trafilatura's full metadata pass cost 0.7 of its text extraction; trafilatura's options are built once
per process (building them reads its configuration file: about 1 ms a page).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from copy import copy
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

import trafilatura
from trafilatura.settings import Extractor
from trafilatura.utils import load_html

from isswatch.extractors.errors import ParseError
from isswatch.extractors.pages.page_metadata import PageMetadata, read_metadata

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
    #: The feed entry's title and date: when both are given the page's own metadata is not read.
    title_hint: str | None = None
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
    #: The page's own canonical address, read with its metadata: None when the entry gave title and date.
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


@cache
def _base_options() -> Extractor:
    """The options of every extraction (those isswatch has always used: no comments, no tables), built
    once: trafilatura's ``Extractor`` reads its configuration on every construction."""
    return Extractor(output_format="python", comments=False, tables=False, dedup=False)


def _options(url: str) -> Extractor:
    options = copy(_base_options())
    options.url = options.source = url
    return options


def extract_article(
    html: bytes | str,
    *,
    url: str,
    content_type: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
) -> ArticleText:
    """Main text and metadata of a news page; ParseError (naming the url) when there is no text.

    ``title`` and ``published`` are what the caller already knows (the feed entry's); the page's own
    metadata is read only when one of them is missing, and then only the missing ones (plus the
    canonical address)."""
    markup = _decode(html, content_type)
    if len(markup) > MAX_HTML_CHARS:
        raise ParseError(f"page of {len(markup):,} characters is over the {MAX_HTML_CHARS:,} limit", source=url)
    meta: PageMetadata | None = None
    try:
        if title is None or published is None:
            tree = load_html(markup)  # the one parse; trafilatura extracts from a copy, the metadata reads it
            if tree is None:
                raise ParseError("the page is not HTML", source=url)
            doc = trafilatura.bare_extraction(tree, options=_options(url))
            meta = read_metadata(tree, url, title=title is None, date=published is None)
        else:
            doc = trafilatura.bare_extraction(markup, options=_options(url))
    except ParseError:
        raise
    except Exception as err:  # trafilatura raises whatever lxml raises on broken markup
        raise ParseError(f"text extraction failed: {err.__class__.__name__}: {err}", source=url) from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise ParseError("no article text found in the page", source=url)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines() if line.strip())
    return ArticleText(
        url=url,
        title=title if title is not None else (meta.title if meta else None),
        text=text,
        published=published if published is not None else (_parse_date(meta.date) if meta else None),
        canonical_url=meta.canonical_url if meta else None,
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
        art = extract_article(
            job.html, url=job.url, content_type=job.content_type, title=job.title_hint, published=job.published_hint
        )
    except ParseError as err:
        result.error = str(err)
        result.skip_reason = "no text extracted"
        return result
    result.title, result.text, result.canonical_url = art.title, art.text, art.canonical_url
    result.content_hash = art.content_hash
    result.published = art.published or job.published_fallback
    result.lang = detect_language(art.text) or job.lang_hint
    result.fingerprint = text_fingerprint(art.text)
    # The page's own title counts with its text; a title from the feed entry was judged with the entry.
    page_title = art.title if job.title_hint is None else None
    verdict = judge([page_title, art.text], job.relevance_terms, where="article text")
    result.relevant, result.matched_terms = verdict.relevant, verdict.matched
    if not verdict.relevant:
        result.skip_reason = verdict.reason
        return result
    catalogue = load_catalogue(job.catalogue_path) if job.catalogue_path else None
    claims = extract_claims(art.text, published=result.published, lang=result.lang, catalogue=catalogue)
    result.claims = [c.to_dict() for c in claims]
    return result
