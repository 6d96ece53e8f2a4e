"""Pages downloaded in the background and handed over as each one completes, a bounded number at a time.

A streaming round extracts a page while others are still downloading, so the network and the CPUs
overlap. What bounds memory is the number of pages *in flight*: a download takes a slot before it
starts and gives it back only when the consumer says the page is stored (``release``), so however
long the round, at most ``in_flight`` pages (their HTML, text and claims) are held at once.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx

from isswatch.extractors.fetching.downloads import FetchLimits
from isswatch.extractors.fetching.polling import EntryRecord, PageDownload, download_page
from isswatch.extractors.fetching.urls import url_host


@dataclass
class DownloadStats:
    """Wall time from the first download's start to the last one's end, and the sum of their times."""

    first_start: float | None = None
    last_end: float | None = None
    seconds: float = 0.0

    @property
    def span(self) -> float:
        if self.first_start is None or self.last_end is None:
            return 0.0
        return self.last_end - self.first_start


class PageStream:
    """Downloads of ``entries`` in threads (``concurrency`` at once, ``per_host`` per host), at most
    ``in_flight`` pages taken and not yet released. Iterate ``get`` results until it returns ``END``."""

    END = None

    def __init__(
        self,
        entries: Sequence[EntryRecord],
        *,
        client: httpx.Client | None,
        limits: FetchLimits,
        concurrency: int,
        per_host: int,
        in_flight: int,
    ) -> None:
        self.total = len(entries)
        self.stats = DownloadStats()
        self._done: queue.Queue[PageDownload] = queue.Queue()
        self._slots = threading.Semaphore(max(1, in_flight))
        self._hosts: dict[str, threading.BoundedSemaphore] = defaultdict(lambda: threading.BoundedSemaphore(per_host))
        self._guard = threading.Lock()
        self._stop = threading.Event()
        self._client, self._limits = client, limits
        self._handed = 0
        self._pool = ThreadPoolExecutor(
            max_workers=max(1, min(concurrency, len(entries))), thread_name_prefix="isswatch-page"
        )
        for rec in entries:
            self._pool.submit(self._one, rec)

    def _one(self, rec: EntryRecord) -> None:
        while not self._slots.acquire(timeout=0.1):
            if self._stop.is_set():
                return
        if self._stop.is_set():
            return
        with self._guard:
            sem = self._hosts[url_host(rec.entry.link)]
        with sem:
            started = time.monotonic()
            page = download_page(rec, client=self._client, limits=self._limits)
            ended = time.monotonic()
        with self._guard:
            st = self.stats
            st.first_start = started if st.first_start is None else min(st.first_start, started)
            st.last_end = ended if st.last_end is None else max(st.last_end, ended)
            st.seconds += ended - started
        self._done.put(page)

    def get(self, timeout: float | None = None) -> PageDownload | None:
        """The next completed download; ``END`` (None) once all were handed over. With a ``timeout``,
        raises ``queue.Empty`` when none completed in time."""
        if self._handed >= self.total:
            return self.END
        page = self._done.get(timeout=timeout)
        self._handed += 1
        return page

    def chunks(self, size: int) -> Iterator[list[PageDownload]]:
        """Completed downloads in lists of ``size`` (the last one shorter)."""
        chunk: list[PageDownload] = []
        while (page := self.get()) is not self.END:
            chunk.append(page)
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def release(self, n: int) -> None:
        """``n`` pages handed over are stored (or dropped): their slots go to the next downloads."""
        for _ in range(n):
            self._slots.release()

    def close(self) -> None:
        """Stop: downloads not started are dropped, running ones end on their own deadline."""
        self._stop.set()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> PageStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
