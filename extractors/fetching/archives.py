"""Reading news archives for a backfill: WARC/WARC.gz files, folders of saved pages, JSON Lines.

Archives are untrusted and often damaged (a crawl cut off mid-file, a gzip member truncated, PDFs and
images among the pages), so the reader never raises on one bad record: it yields either a usable
``ArchiveRecord`` or a ``SkippedRecord`` with a reason from a small fixed set (``SKIP_REASONS``), which
the backfill counts and stores. A truncated WARC ends that file's reading (nothing after the break can
be trusted to start at a record boundary); the other files go on.

WARC parsing is warcio's (maintained, streaming, reads both plain and per-record gzip); isswatch only
decides which records are pages worth reading. Each record has a stable ``key`` (URL and a hash of its
payload), so a capture seen again, in the same archive or a later run, is recognised without reading
its text again: this is what makes a backfill idempotent and resumable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from isswatch.extractors.errors import InputError
from isswatch.extractors.pages.page_analysis import PageJob, PageResult, analyse_page
from isswatch.extractors.stable_ids import stable_id

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

#: Why a record was not read, as counted and stored (the detail string says more).
SKIP_REASONS = (
    "not a response",  # warcinfo, request, metadata records
    "duplicate capture",  # a revisit record, or the same url with the same payload again
    "http error",  # a response status other than 2xx
    "not html",  # PDF, image, JSON...
    "too large",  # over the page size cap, as live pages
    "truncated",  # the archive ends inside a record (cut gzip member, short payload)
    "undecodable",  # binary payload, bad JSON line, no url
)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
_CANONICAL = re.compile(
    rb"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"']+)["']|"""
    rb"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']""",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ArchiveRecord:
    """One captured page worth extracting."""

    key: str
    source: str  # file and offset (or line), for messages
    url: str
    html: bytes
    content_type: str | None
    captured_at: dt.datetime | None  # the archive's date: WARC-Date, file time, or None
    published: dt.date | None = None  # given by the archive itself (JSON Lines)


@dataclass(frozen=True)
class SkippedRecord:
    key: str
    source: str
    url: str | None
    reason: str  # one of SKIP_REASONS
    detail: str = ""


def record_key(url: str, payload: bytes) -> str:
    """Same url and same bytes: same capture, whichever archive it comes from."""
    return stable_id(url, hashlib.sha1(payload).digest())


def _source_key(source: str) -> str:
    return stable_id(source)


def _parse_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        t = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def _is_html(content_type: str | None, payload: bytes) -> bool:
    if content_type:
        return content_type.split(";", 1)[0].strip().lower() in _HTML_TYPES
    head = payload[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _binary(payload: bytes) -> bool:
    return b"\x00" in payload[:4096]


def _judge(
    key: str,
    source: str,
    url: str,
    payload: bytes,
    content_type: str | None,
    captured: dt.datetime | None,
    max_bytes: int,
    published: dt.date | None = None,
) -> ArchiveRecord | SkippedRecord:
    if len(payload) > max_bytes:
        return SkippedRecord(key, source, url, "too large", f"over {max_bytes:,} bytes")
    if not _is_html(content_type, payload):
        return SkippedRecord(key, source, url, "not html", content_type or "no content type")
    if _binary(payload):
        return SkippedRecord(key, source, url, "undecodable", "binary bytes in an HTML page")
    return ArchiveRecord(key, source, url, payload, content_type, captured, published)


def read_warc(path: Path, *, max_bytes: int) -> Iterator[ArchiveRecord | SkippedRecord]:
    """Response records of a WARC (plain or gzipped per record); a break in the file ends its reading."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    size = path.stat().st_size
    end = 0
    with path.open("rb") as stream:
        it = ArchiveIterator(stream, no_record_parse=False, check_digests=False)
        try:
            for rec in it:
                skip = _warc_skip(rec, max_bytes)
                payload = b"" if skip else rec.content_stream().read(max_bytes + 1)
                # warcio's offset and length read the record to its end: only after its payload
                offset = it.get_record_offset()
                end = offset + it.get_record_length()
                url = rec.rec_headers.get_header("WARC-Target-URI")
                source = f"{path.name}@{offset}"
                if getattr(rec.raw_stream, "limit", 0) > 0:  # fewer bytes than the record declares
                    yield SkippedRecord(
                        _source_key(f"{path}@{offset}"),
                        source,
                        url,
                        "truncated",
                        f"{rec.raw_stream.limit:,} bytes of the record missing",
                    )
                    return
                if skip:
                    yield SkippedRecord(_source_key(f"{path}@{offset}"), source, url, *skip)
                    continue
                ctype = rec.http_headers.get_header("Content-Type") if rec.http_headers else None
                captured = _parse_time(rec.rec_headers.get_header("WARC-Date"))
                yield _judge(record_key(url, payload), source, url, payload, ctype, captured, max_bytes)
        except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as err:
            yield SkippedRecord(
                _source_key(f"{path}@{end}"),
                f"{path.name}@{end}",
                None,
                "truncated",
                f"{err.__class__.__name__}: {str(err)[:200]}",
            )
            return
    if end < size:  # warcio stops quietly at a gzip member cut short, or a record with missing bytes
        yield SkippedRecord(
            _source_key(f"{path}@{end}"),
            f"{path.name}@{end}",
            None,
            "truncated",
            f"{size - end:,} bytes after the last whole record",
        )


def _warc_skip(rec: ArcWarcRecord, max_bytes: int) -> tuple[str, str] | None:
    """Why a WARC record is not a page to read, from its headers alone (None: read it)."""
    if rec.rec_type == "revisit":
        return "duplicate capture", "revisit record"
    if rec.rec_type != "response" or not rec.rec_headers.get_header("WARC-Target-URI"):
        return "not a response", rec.rec_type
    status = rec.http_headers.get_statuscode() if rec.http_headers else None
    if status and not status.startswith("2"):
        return "http error", f"status {status}"
    declared = rec.rec_headers.get_header("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes + 65536:
        return "too large", f"record of {int(declared):,} bytes"
    return None


def read_jsonl(path: Path, *, max_bytes: int) -> Iterator[ArchiveRecord | SkippedRecord]:
    """One ``{"url", "published", "html"}`` object a line; a bad line is skipped, the rest goes on."""
    import gzip

    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as lines:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            source = f"{path.name}:{n}"
            try:
                obj = json.loads(line)
                url, html = obj["url"], obj["html"]
                if not isinstance(url, str) or not isinstance(html, str) or not url:
                    raise TypeError("url and html must be strings")
            except (ValueError, KeyError, TypeError) as err:
                yield SkippedRecord(_source_key(f"{path}:{n}"), source, None, "undecodable", f"bad JSON line: {err}")
                continue
            published = _parse_time(obj.get("published")) if isinstance(obj.get("published"), str) else None
            payload = html.encode("utf-8")
            yield _judge(
                record_key(url, payload),
                source,
                url,
                payload,
                "text/html; charset=utf-8",
                published,
                max_bytes,
                published.date() if published else None,
            )


def read_saved_page(path: Path, root: Path, *, max_bytes: int) -> ArchiveRecord | SkippedRecord:
    """A saved HTML file: its url from the page's canonical link (or og:url), else its path."""
    source = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
    size = path.stat().st_size
    if size > max_bytes:
        return SkippedRecord(_source_key(str(path)), source, None, "too large", f"file of {size:,} bytes")
    payload = path.read_bytes()
    m = _CANONICAL.search(payload[:200_000])
    url = (m.group(1) or m.group(2)).decode("utf-8", "replace") if m else path.resolve().as_uri()
    captured = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    return _judge(record_key(url, payload), source, url, payload, None, captured, max_bytes)


def archive_files(paths: Iterable[Path | str]) -> list[Path]:
    """Every readable archive under the given files and folders, sorted, so shards are stable."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(
                f
                for f in p.rglob("*")
                if f.is_file() and f.name.lower().endswith(_HTML_SUFFIXES + _WARC_SUFFIXES + _JSONL_SUFFIXES)
            )
        elif p.is_file():
            found.append(p)
        else:
            raise InputError("no such file or folder", source=str(p))
    return list(dict.fromkeys(found))


def read_archives(
    files: Iterable[Path], *, max_bytes: int, roots: Iterable[Path] = ()
) -> Iterator[ArchiveRecord | SkippedRecord]:
    """Records of every file in order, by its kind (name ending, else WARC)."""
    root_list = [Path(r) for r in roots]
    for f in files:
        name = f.name.lower()
        if name.endswith(_JSONL_SUFFIXES):
            yield from read_jsonl(f, max_bytes=max_bytes)
        elif name.endswith(_HTML_SUFFIXES):
            root = next((r for r in root_list if f.is_relative_to(r)), f.parent)
            yield read_saved_page(f, root, max_bytes=max_bytes)
        else:
            yield from read_warc(f, max_bytes=max_bytes)


def in_shard(key: str, shard: int, shards: int) -> bool:
    """Whether a record belongs to shard ``shard`` of ``shards`` (by its key, so any split is stable)."""
    return shards <= 1 or int(key[:8], 16) % shards == shard


def analyse_archived(job: PageJob) -> PageResult:
    """``analyse_page`` behind a cheap first filter: a page whose markup names no relevance term cannot
    have a relevant text, and skipping it before trafilatura is what makes a news crawl (where few pages
    are about the ISS) affordable. The unit of work of both the process pool and Dask."""
    from isswatch.extractors.fetching.encodings import decode_html
    from isswatch.extractors.pages.relevance import mentions_any

    if job.relevance_terms:
        markup = job.html if isinstance(job.html, str) else decode_html(job.html, job.content_type)
        if not mentions_any(markup, job.relevance_terms):
            return PageResult(key=job.key, url=job.url, skip_reason="no relevance term in page")
    return analyse_page(job)


def analyse_batch(
    jobs: Sequence[PageJob], analyse: Callable[[PageJob], PageResult] = analyse_archived
) -> list[PageResult]:
    """A whole batch in one call (one Dask task), each page by ``analyse`` (a live round's pages skip
    the archive's first filter): an exception stays with its page."""
    out = []
    for job in jobs:
        try:
            out.append(analyse(job))
        except Exception as err:  # a pathological page must not lose the batch
            out.append(
                PageResult(
                    key=job.key, url=job.url, error=f"{err.__class__.__name__}: {err}", skip_reason="extraction failed"
                )
            )
    return out
