"""A round's pages, streamed: downloads feed extraction as they complete, results are stored in batches.

The network and the CPUs overlap, and memory stays flat however many pages a round has: at most
``extraction.pages_in_flight`` pages are downloaded and not yet stored (``PageStream``'s slots), and
results are written every half of that. Each write is one transaction (an article with its claims and
its entry's fetched mark, or none of them), so a round cut anywhere leaves the pages it did not store
pending for the next round, as before streaming.

Two ways to extract, one Prefect task run or a few per round, never one per page:

- the process pool (default): one ``round-pages`` task streams every page through the killable
  workers of ``worker_pool.stream_bounded``, fed by a thread, while the task's own thread writes;
- Dask (``dask.address`` or ``dask.workers``): the round's flow runs under prefect-dask's task runner
  and submits batches of downloaded pages as ``extract-batch`` tasks (the backfill's), a few at a time,
  storing each batch's results in submission order as they come back.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import queue
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from isswatch.extractors.claims.reading import EXTRACTOR_VERSION
from isswatch.extractors.fetching.downloads import make_client
from isswatch.extractors.fetching.page_stream import PageStream
from isswatch.extractors.fetching.polling import EntryRecord, FeedState, PageDownload, PollResult
from isswatch.extractors.pages.page_analysis import PageJob, PageResult, analyse_page
from isswatch.extractors.pages.worker_pool import PENDING, Failed, PoolStats, start_forkserver, stream_bounded
from isswatch.flows.settings import Settings
from isswatch.flows.stage_tasks import stage_task
from isswatch.warehouse.articles import StoredArticle, store_articles
from isswatch.warehouse.connection import transaction, writer
from isswatch.warehouse.entries import mark_skipped

_PRELOAD = ["isswatch.extractors.pages.page_analysis", "isswatch.extractors.claims.reading", "trafilatura"]

Analysed = PageResult | Failed[PageJob] | None


@dataclass
class StageClock:
    """Seconds of work per stage of one round, measured inside the stages (what is left of the round's
    wall time is orchestration: Prefect's task and flow runs, and the flow's own bookkeeping)."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self.add(name, time.monotonic() - started)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


#: The clock of the round running in this context (tasks called from the flow share its context).
CLOCK: contextvars.ContextVar[StageClock | None] = contextvars.ContextVar("isswatch_round_clock", default=None)


@contextmanager
def timed(name: str) -> Iterator[None]:
    clock = CLOCK.get()
    if clock is None:
        yield
        return
    with clock.stage(name):
        yield


@dataclass
class PagesOutcome:
    fetched: int = 0
    failed: int = 0
    articles: int = 0
    claims: int = 0
    batches: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def page_job(settings: Settings, page: PageDownload, feeds: dict[str, FeedState]) -> PageJob | None:
    """What extraction needs of one downloaded page (None when the download failed)."""
    if page.result is None:
        return None
    feed = feeds.get(page.entry.feed_url)
    terms = tuple(settings.relevance.all_terms())
    return PageJob(
        url=page.result.final_url,
        html=page.result.body,
        content_type=page.result.content_type,
        lang_hint=feed.lang if feed else None,
        title_hint=page.entry.entry.title or None,
        published_hint=page.entry.entry.published.date() if page.entry.entry.published else None,
        relevance_terms=() if feed and feed.all_relevant else terms + (feed.terms if feed else ()),
        catalogue_path=str(settings.catalogue) if settings.catalogue else None,
        key=page.entry.entry_id,
    )


def store_pages(settings: Settings, round_id: str, batch: Sequence[tuple[PageDownload, Analysed]]) -> tuple[int, int]:
    """One batch of downloaded and analysed pages in one transaction; (articles, claims) inserted."""
    skipped: dict[str, str] = {}
    items = []
    for page, a in batch:
        key = page.entry.entry_id
        if page.result is None or a is None:
            skipped[key] = f"download failed: {page.error}"
        elif isinstance(a, Failed) or a.error:
            skipped[key] = f"extraction failed: {a.error}"
        else:
            published = page.entry.entry.published or (
                dt.datetime.combine(a.published, dt.time(), dt.UTC) if a.published else None
            )
            items.append(
                StoredArticle(
                    entry_id=key,
                    feed_url=page.entry.feed_url,
                    url=page.entry.canonical_url or a.url,
                    final_url=a.url,
                    title=a.title,
                    text=a.text,
                    lang=a.lang,
                    published_at=published,
                    content_hash=a.content_hash,
                    fingerprint=a.fingerprint,
                    relevant=a.relevant,
                    skip_reason=a.skip_reason,
                    claims=a.claims,
                )
            )
    # One transaction: an article lands with its claims and its entry's fetched mark, or none of them
    # does and the entry stays pending for the next round.
    with timed("store"), writer(settings.warehouse_path) as con, transaction(con):
        if skipped:
            mark_skipped(con, skipped)
        return store_articles(con, round_id, items, extractor_version=EXTRACTOR_VERSION)


def prepare_workers(results: Sequence[PollResult]) -> None:
    """When the polls found entries worth fetching, start the extraction workers' forkserver now: its
    imports then run while the entries are stored, instead of holding back the first page."""
    if any(e.relevant for r in results for e in r.entries):
        start_forkserver(_PRELOAD)


def store_batch_size(settings: Settings) -> int:
    """Pages per write: half the pages in flight, so downloads go on while a batch waits for its write."""
    return max(1, settings.extraction.pages_in_flight // 2)


def _open_stream(settings: Settings, entries: Sequence[EntryRecord], client: Any) -> PageStream:
    return PageStream(
        entries,
        client=client,
        limits=settings.fetch_limits("page"),
        concurrency=settings.http.concurrency,
        per_host=settings.http.per_host,
        in_flight=settings.extraction.pages_in_flight,
    )


def _client(settings: Settings) -> Any:
    return make_client(settings.fetch_limits("page"), settings.address_policy())


class _Feeder:
    """The thread that hands downloaded pages to the worker pool and queues what comes back."""

    def __init__(self, settings: Settings, stream: PageStream, feeds: dict[str, FeedState]) -> None:
        self.settings, self.stream, self.feeds = settings, stream, feeds
        self.out: queue.Queue[Any] = queue.Queue()
        self.stop = threading.Event()
        self.stats = PoolStats()
        self.thread = threading.Thread(target=self._run, name="isswatch-extract", daemon=True)
        self.thread.start()

    def _jobs(self, pages: dict[int, PageDownload]) -> Iterator[Any]:
        """Extraction jobs as downloads complete (``stream_bounded`` numbers them from 0); failed
        downloads go straight to the output."""
        count = 0
        while not self.stop.is_set():
            try:
                page = self.stream.get(timeout=0.02)
            except queue.Empty:
                yield PENDING
                continue
            if page is PageStream.END:
                return
            job = page_job(self.settings, page, self.feeds)
            if job is None:
                self.out.put((page, None))
                continue
            pages[count] = page
            count += 1
            yield job

    def _run(self) -> None:
        pages: dict[int, PageDownload] = {}
        ex = self.settings.extraction
        try:
            results = stream_bounded(
                analyse_page,
                self._jobs(pages),
                workers=ex.workers,
                timeout=ex.timeout,
                preload=_PRELOAD,
                stats=self.stats,
            )
            try:
                for index, result in results:
                    self.out.put((pages.pop(index), result))
                    if self.stop.is_set():
                        break
            finally:
                results.close()
        except BaseException as err:  # handed to the task's thread, which raises it
            self.out.put(err)
        finally:
            self.out.put(self)  # the end

    def __iter__(self) -> Iterator[tuple[PageDownload, Analysed]]:
        while (msg := self.out.get()) is not self:
            if isinstance(msg, BaseException):
                raise msg
            yield msg

    def close(self) -> None:
        self.stop.set()
        self.thread.join(10)


@stage_task("round-pages")
def stream_pages_task(
    settings: Settings, round_id: str, entries: list[EntryRecord], feeds: dict[str, FeedState]
) -> PagesOutcome:
    """Download, extract and store the round's pages in the local process pool, streamed."""
    out = PagesOutcome()
    started = time.monotonic()
    size = store_batch_size(settings)
    with _client(settings) as client, _open_stream(settings, entries, client) as stream:
        feeder = _Feeder(settings, stream, feeds)
        try:
            batch: list[tuple[PageDownload, Analysed]] = []
            for item in feeder:
                batch.append(item)
                if len(batch) >= size:
                    _store(settings, round_id, batch, out)
                    stream.release(len(batch))
                    batch = []
            if batch:
                _store(settings, round_id, batch, out)
        finally:
            stream.close()
            feeder.close()
    out.seconds = {
        "download": stream.stats.span,
        "extract": feeder.stats.busy_seconds / max(1, min(settings.extraction.workers, feeder.stats.items)),
        "pages": time.monotonic() - started,
    }
    return out


def _store(
    settings: Settings, round_id: str, batch: Sequence[tuple[PageDownload, Analysed]], out: PagesOutcome
) -> None:
    articles, claims = store_pages(settings, round_id, batch)
    out.articles += articles
    out.claims += claims
    out.batches += 1
    fetched = sum(p.result is not None for p, _ in batch)
    out.fetched += fetched
    out.failed += len(batch) - fetched


def stream_pages_on_runner(
    settings: Settings, round_id: str, entries: Sequence[EntryRecord], feeds: dict[str, FeedState]
) -> PagesOutcome:
    """The same stage under the flow's task runner (Dask): batches of downloaded pages become
    ``extract-batch`` tasks, a bounded number pending, stored in the order they were submitted."""
    from isswatch.flows.backfill_flow import extract_batch_task

    out = PagesOutcome()
    started = time.monotonic()
    in_flight = settings.extraction.pages_in_flight
    size = max(1, min(settings.dask.batch, in_flight // 4))
    # pending batches plus the one being gathered never need more slots than there are
    most_pending = max(1, in_flight // size - 1)
    pending: deque[tuple[list[PageDownload], Any]] = deque()
    extract = 0.0

    def drain(limit: int) -> None:
        nonlocal extract
        while len(pending) > limit:
            chunk, future = pending.popleft()
            waited = time.monotonic()
            results = {r.key: r for r in future.result()} if future is not None else {}
            extract += time.monotonic() - waited
            _store(settings, round_id, [(p, results.get(p.entry.entry_id)) for p in chunk], out)
            stream.release(len(chunk))

    with _client(settings) as client, _open_stream(settings, entries, client) as stream:
        for chunk in stream.chunks(size):
            jobs = [j for p in chunk if (j := page_job(settings, p, feeds)) is not None]
            # not quote()d: prefect-dask hands a quoted argument to the task still wrapped
            future = extract_batch_task.submit(jobs, 0, settings.extraction.timeout, analyse_page) if jobs else None
            pending.append((chunk, future))
            drain(most_pending)
        drain(0)
    out.seconds = {"download": stream.stats.span, "extract_wait": extract, "pages": time.monotonic() - started}
    return out
