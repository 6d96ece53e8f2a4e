"""Feed parsing with feedparser 6.0.14, made safe for bodies from the internet.

What this module adds around ``feedparser.parse`` (measurements in ``docs/fetching.md``):

- **bytes only**: the body is wrapped in ``io.BytesIO``. feedparser opens a local file when handed a path,
  even as bytes (``b"/etc/passwd"``), and fetches ``file://`` URLs when handed a str;
- **decoding first**: the body is decoded by ``fetching.encodings`` (BOM, valid UTF-8, declared charsets
  checked for mojibake, then charset-normalizer) and handed to feedparser as UTF-8, so undeclared or
  wrongly declared legacy encodings (KOI8-R, windows-1251) come out as the right letters;
- **no DTD**: the DOCTYPE of the prolog is removed before feedparser sees it. External and parameter
  entities are dropped; a plain internal entity (``<!ENTITY copy "(c)">``) is substituted here, within a
  budget of ``MAX_ENTITY_EXPANSION`` characters, and a document that would exceed it (quadratic blowup)
  is refused. References to dropped entities (billion laughs) stay unexpanded text;
- **strict dates**: see ``isswatch.extractors.fetching.feed_dates``;
- **a clear outcome**: a ``ParsedFeed`` (with ``warnings`` for what feedparser had to recover from) or a
  ``ParseError`` naming the URL, for an empty body, an HTML page or anything that is not a feed.

Parsing time is linear in the size (about 1 s per MB for ordinary feeds, 2.6 s per MB for deeply
nested markup); a caller that needs a hard limit runs ``parse_feed`` in ``isswatch.extractors.pages.worker_pool``
(``parse_feeds_bounded``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import unescape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import feedparser

from isswatch.extractors.errors import ParseError
from isswatch.extractors.fetching.encodings import decode_xml
from isswatch.extractors.fetching.feed_dates import check_date

#: Characters that substituting the feed's own internal entities may add; more is refused.
MAX_ENTITY_EXPANSION = 1_000_000
MAX_SUMMARY_CHARS = 20_000
MAX_TTL_MINUTES = 7 * 24 * 60


@dataclass(frozen=True)
class FeedEntry:
    guid: str | None
    link: str | None
    title: str
    summary: str  # plain text, HTML stripped
    published: datetime | None  # aware UTC; None when absent or untrustworthy (see date_flag)
    published_raw: str | None
    date_flag: str | None  # None, or a flag from isswatch.extractors.fetching.feed_dates
    author: str | None
    lang: str | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    link: str | None
    lang: str | None
    entries: tuple[FeedEntry, ...]
    ttl_minutes: int | None
    encoding: str | None
    warnings: tuple[str, ...]
    version: str | None = None  # feedparser's format name: rss20, atom10, rss10, ...


# ------------------------------------------------------------------------------------------- DOCTYPE


_ENTITY_DECL = re.compile(
    r"""<!ENTITY\s+(%\s+)?([^\s%;&"'<>]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>""",
    re.IGNORECASE,
)
_FIRST_ELEMENT = re.compile(r"<[A-Za-z_]")
_ENTITY_NAME = re.compile(r"^[A-Za-z_][\w.-]*$")
_PREDEFINED = {"lt", "gt", "amp", "quot", "apos"}
_HTML_START = re.compile(
    r"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL
)


def _doctype_end(text: str, start: int) -> int:
    """Index just after the ``<!DOCTYPE ...>`` starting at ``start`` (internal subset and quotes aware)."""
    depth = 0
    quote = ""
    i = start + 2
    n = len(text)
    while i < n:
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == ">" and depth == 0:
            return i + 1
        i += 1
    return n


def neutralise_doctype(
    text: str, *, budget: int = MAX_ENTITY_EXPANSION, source: str | None = None
) -> tuple[str, list[str]]:
    """Remove DOCTYPE declarations from the prolog; substitute safe internal entities within ``budget``.

    Returns the new text and warnings; raises ``ParseError`` when the expansion would exceed ``budget``.
    """
    first = _FIRST_ELEMENT.search(text)
    prolog_end = first.start() if first else len(text)
    lower = text[:prolog_end].lower()
    pos = lower.find("<!doctype")
    if pos < 0:
        return text, []
    declarations: list[str] = []
    pieces: list[str] = []
    last = 0
    while pos >= 0:
        end = _doctype_end(text, pos)
        pieces.append(text[last:pos])
        declarations.append(text[pos:end])
        last = end
        pos = lower.find("<!doctype", end) if end < prolog_end else -1
    rest = text[last:]
    warnings = ["DOCTYPE removed"]
    safe: dict[str, str] = {}
    dropped: list[str] = []
    for decl in declarations:
        for match in _ENTITY_DECL.finditer(decl):
            param, name, dq, sq, external = match.groups()
            value = dq if dq is not None else sq
            if (
                param
                or external
                or value is None
                or not _ENTITY_NAME.match(name)
                or name in _PREDEFINED
                or any(c in value for c in "&%<")
            ):
                dropped.append(name)
            else:
                safe[name] = value.replace('"', "&quot;").replace("'", "&apos;").replace(">", "&gt;")
    if dropped:
        shown = ", ".join(sorted(set(dropped))[:5])
        warnings.append(f"{len(dropped)} unsafe entity declaration(s) ignored ({shown})")
    if safe:
        pattern = re.compile("&(" + "|".join(re.escape(n) for n in safe) + ");")
        counts: dict[str, int] = {}
        for match in pattern.finditer(rest):
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
        growth = sum(len(safe[n]) * c for n, c in counts.items())
        if growth > budget:
            raise ParseError(
                f"refused: internal entities would expand to {growth:,} characters "
                f"(limit {budget:,}; an entity expansion attack)",
                source=source,
            )
        if counts:
            rest = pattern.sub(lambda m: safe[m.group(1)], rest)
            warnings.append(f"{sum(counts.values())} internal entity reference(s) substituted")
    return "".join(pieces) + rest, warnings


# ----------------------------------------------------------------------------------------------- text


class _TextCollector(HTMLParser):
    _BREAKS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"})
    _SKIP = frozenset({"script", "style", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str | None, *, limit: int = MAX_SUMMARY_CHARS) -> str:
    """Plain text of an HTML fragment: tags removed, entities decoded, whitespace collapsed."""
    if not html:
        return ""
    if "<" not in html:
        text = unescape(html)
    else:
        collector = _TextCollector()
        try:
            collector.feed(html[: limit * 4])
            collector.close()
        except Exception:  # HTMLParser is lenient; keep the raw text if it ever gives up
            return " ".join(unescape(re.sub(r"<[^>]*>", " ", html)).split())[:limit]
        text = "".join(collector.parts)
    return " ".join(text.split())[:limit]


def _detail_text(mapping: Any, key: str, *, limit: int) -> str:
    """A text construct as plain text: HTML stripped when feedparser says it is HTML, else only unescaped
    (``AT&T <rocks>`` in a plain-text title stays as it is; double-escaped ``caf&eacute;`` becomes café)."""
    value = _get(mapping, key)
    if not isinstance(value, str) or not value:
        return ""
    kind = str(_get(_get(mapping, f"{key}_detail") or {}, "type") or "text/html")
    if "html" in kind:
        return html_to_text(value, limit=limit)
    return " ".join(unescape(value).split())[:limit]


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _http_link(value: Any, base: str | None = None) -> str | None:
    """An absolute http(s) link, resolved against ``base``; None for other schemes or nothing."""
    link = _clean(value)
    if not link:
        return None
    if base and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", link):
        link = urljoin(base, link)
    if link.split(":", 1)[0].lower() in ("http", "https"):
        return link
    return None


def _get(mapping: Any, key: str) -> Any:
    """A plain lookup: FeedParserDict.get maps some keys to others (and warns about it)."""
    return dict.get(mapping, key) if isinstance(mapping, dict) else None


# -------------------------------------------------------------------------------------------- parsing


def parse_feed(body: bytes, *, url: str, content_type: str | None = None, max_entries: int = 500) -> ParsedFeed:
    """Parse an RSS/Atom/RDF feed body (bytes, never a path or URL) into a ``ParsedFeed``.

    Raises ``ParseError`` naming ``url`` when the body is empty, is not a feed (an HTML page, JSON,
    plain text), or carries an entity expansion attack.
    """
    if not isinstance(body, bytes | bytearray | memoryview):
        raise TypeError("parse_feed takes the body as bytes")
    body = bytes(body)
    if not body.strip(b" \t\r\n\0\xef\xbb\xbf"):
        raise ParseError("empty body: not a feed", source=url)
    decoded = decode_xml(body, content_type)
    text = decoded.text.lstrip("\ufeff")
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        raise ParseError("a JSON document, not an RSS/Atom feed (JSON Feed is not supported)", source=url)
    if _HTML_START.match(stripped[:4096]):
        raise ParseError("not a feed: an HTML page", source=url)
    warnings = list(decoded.warnings)
    text, doctype_warnings = neutralise_doctype(text, source=url)
    warnings.extend(doctype_warnings)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    data = ('<?xml version="1.0" encoding="utf-8"?>\n' + text).encode("utf-8", errors="replace")
    # No base URI for feedparser: it would also "resolve" GUIDs like "a1" against it. Links are
    # resolved here instead (``_http_link``).
    headers = {"content-type": "application/xml; charset=utf-8"}
    try:
        result = feedparser.parse(
            io.BytesIO(data), response_headers=headers, sanitize_html=True, resolve_relative_uris=True
        )
    except RecursionError:
        raise ParseError("markup nested too deeply to parse", source=url) from None
    except MemoryError:
        raise ParseError("out of memory while parsing", source=url) from None
    except Exception as err:  # feedparser has crashed on odd input before; never let it escape
        raise ParseError(f"feedparser failed: {err.__class__.__name__}: {err}", source=url) from None
    version = result.get("version") or None
    raw_entries = result.get("entries") or []
    if not version and not raw_entries:
        reason = result.get("bozo_exception")
        detail = f" ({reason.__class__.__name__}: {reason})" if reason else ""
        raise ParseError(f"not a feed: no RSS, Atom or RDF feed element found{detail}", source=url)
    if result.get("bozo"):
        exc = result.get("bozo_exception")
        warnings.append(f"ill-formed, recovered: {exc.__class__.__name__}: {exc}"[:300])
    feed = _get(result, "feed") or {}
    feed_lang = _clean(_get(feed, "language")) or _clean(_get(_get(feed, "title_detail") or {}, "language"))
    if len(raw_entries) > max_entries:
        warnings.append(f"{len(raw_entries)} entries, kept the first {max_entries}")
        raw_entries = raw_entries[:max_entries]
    base = url if url.split(":", 1)[0].lower() in ("http", "https") else None
    entries = tuple(_entry(e, feed_lang, base) for e in raw_entries)
    flagged = sum(1 for e in entries if e.date_flag)
    if flagged:
        warnings.append(f"{flagged} entry date(s) untrusted")
    return ParsedFeed(
        title=_detail_text(feed, "title", limit=500),
        link=_http_link(_get(feed, "link"), base),
        lang=feed_lang,
        entries=entries,
        ttl_minutes=_ttl(_get(feed, "ttl")),
        encoding=decoded.encoding,
        warnings=tuple(warnings),
        version=version,
    )


def _ttl(value: Any) -> int | None:
    value = _clean(value)
    if value and value.isdigit():
        minutes = int(value)
        if 0 < minutes <= MAX_TTL_MINUTES:
            return minutes
    return None


def _entry(raw: Any, feed_lang: str | None, base: str | None) -> FeedEntry:
    published_raw, parsed = None, None
    for key in ("published", "updated", "created"):
        value = _get(raw, key)
        if isinstance(value, str) and value.strip():
            published_raw, parsed = value.strip(), _get(raw, f"{key}_parsed")
            break
    checked = check_date(published_raw, parsed)
    summary = _detail_text(raw, "summary", limit=MAX_SUMMARY_CHARS)
    content = _get(raw, "content")
    if not summary and content:
        summary = _detail_text(
            {"value": _get(content[0], "value"), "value_detail": content[0]}, "value", limit=MAX_SUMMARY_CHARS
        )
    title_detail = _get(raw, "title_detail") or {}
    return FeedEntry(
        guid=_clean(_get(raw, "id")),
        link=_http_link(_get(raw, "link"), base),
        title=_detail_text(raw, "title", limit=1000),
        summary=summary,
        published=checked.value,
        published_raw=published_raw,
        date_flag=checked.flag,
        author=_clean(_get(raw, "author")),
        lang=_clean(_get(title_detail, "language")) or feed_lang,
    )


# ----------------------------------------------------------------------------- hard limits (processes)


@dataclass(frozen=True)
class FeedJob:
    """One body to parse in a worker process (picklable)."""

    url: str
    body: bytes
    content_type: str | None = None
    max_entries: int = 500


def parse_feed_job(job: FeedJob) -> ParsedFeed | ParseError:
    """``parse_feed`` for a worker: returns the ParseError instead of raising it (keeps its class)."""
    try:
        return parse_feed(job.body, url=job.url, content_type=job.content_type, max_entries=job.max_entries)
    except ParseError as err:
        return err


def parse_feeds_bounded(
    jobs: Sequence[FeedJob] | Iterable[FeedJob], *, timeout: float = 20.0, memory_limit: int = 1024**3, workers: int = 2
) -> list[ParsedFeed | ParseError]:
    """Parse many bodies in killable worker processes with a time and address-space limit each.

    A body that overruns ``timeout`` or ``memory_limit`` becomes a ``ParseError`` naming its URL; the
    others are unaffected. In input order.
    """
    from isswatch.extractors.pages.worker_pool import Failed, run_bounded

    todo = list(jobs)
    results = run_bounded(
        parse_feed_job,
        todo,
        workers=workers,
        timeout=timeout,
        memory_limit=memory_limit,
        preload=["isswatch.extractors.fetching.feed_parsing"],
    )
    out: list[ParsedFeed | ParseError] = []
    for job, result in zip(todo, results, strict=True):
        if isinstance(result, Failed):
            out.append(ParseError(f"parsing failed in the worker: {result.error}", source=job.url))
        else:
            out.append(result)
    return out
