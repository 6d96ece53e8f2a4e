"""The ``backfill`` flow: news archives read into the warehouse as if isswatch had been running back then.

Records are read in this process (reading a WARC is cheap next to extracting it), in batches; each
batch not already stored becomes one ``extract-batch`` task (batches, not pages: a task run costs more
orchestration than extracting a page), run in the local process pool or on a Dask cluster through
prefect-dask's task runner. Batches are stored in the order they were read, so both runners give the
same rows. After the last batch, change detection is replayed day by day in publication order; alerts
are queued only with ``alerts=True`` (the past is history, not news).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prefect import flow, get_run_logger

from isswatch.extractors.claims.catalogue import load_catalogue
from isswatch.extractors.claims.reading import EXTRACTOR_VERSION
from isswatch.extractors.fetching.archives import (
    ArchiveRecord,
    SkippedRecord,
    analyse_archived,
    analyse_batch,
    archive_files,
    in_shard,
    read_archives,
)
from isswatch.extractors.fetching.urls import url_host
from isswatch.extractors.pages.page_analysis import PageJob, PageResult
from isswatch.extractors.pages.worker_pool import Failed, run_bounded
from isswatch.flows.settings import Settings, load_settings
from isswatch.flows.stage_tasks import stage_task
from isswatch.warehouse.articles import StoredArticle
from isswatch.warehouse.backfill import known_records, replay_days, store_batch
from isswatch.warehouse.connection import checkpoint, writer
from isswatch.warehouse.facts import sync_facts
from isswatch.warehouse.feeds import sync_feeds

if TYPE_CHECKING:
    from prefect.futures import PrefectFuture
    from prefect.task_runners import TaskRunner

_PRELOAD = ["isswatch.extractors.fetching.archives", "isswatch.extractors.claims.reading", "trafilatura"]


@dataclass
class BackfillSummary:
    backfill_id: str = ""
    files: int = 0
    records_read: int = 0
    other_shards: int = 0
    already_stored: int = 0
    extracted: int = 0
    articles_new: int = 0
    claims_new: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    changes: list[dict[str, Any]] = field(default_factory=list)
    alerts_sent: int = 0
    runner: str = "process pool"
    seconds: float = 0.0


@dataclass
class _Batch:
    records: list[ArchiveRecord]
    rows: list[dict[str, Any]]  # backfill_records rows of records skipped while reading


def _outlets(settings: Settings) -> dict[str, str]:
    """Host → configured feed url, so an archived page counts for the same outlet (and primary flag)
    as the live feed of its site; other hosts are outlets of their own (``archive:<host>``)."""
    hosts: dict[str, str] = {}
    for f in settings.feeds:
        host = url_host(f.url, drop_www=True)
        hosts.setdefault(host, f.url)
    return hosts


def _outlet(url: str, hosts: dict[str, str]) -> str:
    host = url_host(url, drop_www=True)
    return hosts.get(host) or f"archive:{host or url}"


def _skip_row(r: SkippedRecord) -> dict[str, Any]:
    return {
        "record_key": r.key,
        "source": r.source,
        "url": r.url,
        "captured_at": None,
        "outcome": "skipped",
        "skip_reason": r.reason,
        "detail": r.detail,
    }


def _jobs(settings: Settings, records: Sequence[ArchiveRecord]) -> list[PageJob]:
    terms = tuple(settings.relevance.all_terms())
    catalogue = str(settings.catalogue) if settings.catalogue else None
    return [
        PageJob(
            url=r.url,
            html=r.html,
            content_type=r.content_type,
            published_hint=r.published,
            published_fallback=r.captured_at.date() if r.captured_at else None,
            relevance_terms=terms,
            catalogue_path=catalogue,
            key=r.key,
        )
        for r in records
    ]


@stage_task("extract-batch")
def extract_batch_task(
    jobs: list[PageJob],
    pool_workers: int,
    timeout: float,
    analyse: Callable[[PageJob], PageResult] = analyse_archived,
) -> list[PageResult]:
    """One batch of pages. ``pool_workers`` > 0: in killable worker processes (hard time and memory
    limits); 0: in this process, which on Dask is a worker process the nanny restarts if it dies.
    ``analyse``: archived pages by default; a round passes ``analyse_page``."""
    if pool_workers <= 0:
        return analyse_batch(jobs, analyse)
    out: list[PageResult] = []
    for job, r in zip(
        jobs, run_bounded(analyse, jobs, workers=pool_workers, timeout=timeout, preload=_PRELOAD), strict=True
    ):
        out.append(
            PageResult(key=job.key, url=job.url, error=r.error, skip_reason="extraction failed")
            if isinstance(r, Failed)
            else r
        )
    return out


def _batches(
    settings: Settings,
    files: list[Path],
    roots: list[Path],
    shard: int,
    shards: int,
    size: int,
    s: BackfillSummary,
    skipped: Counter[str],
) -> Iterator[_Batch]:
    """Batches of records not stored yet; everything else is counted (and skips kept for storing)."""
    reader = read_archives(files, max_bytes=settings.http.max_page_bytes, roots=roots)
    seen: set[str] = set()
    done = False
    while not done:
        chunk: list[ArchiveRecord | SkippedRecord] = []
        for rec in reader:
            s.records_read += 1
            if not in_shard(rec.key, shard, shards):
                s.other_shards += 1
                continue
            if rec.key in seen:
                skipped["duplicate capture"] += 1
                continue
            seen.add(rec.key)
            chunk.append(rec)
            if len(chunk) >= size:
                break
        else:
            done = True
        if not chunk:
            break
        with writer(settings.warehouse_path) as con:
            known = known_records(con, [r.key for r in chunk])
        s.already_stored += len(known)
        batch = _Batch([], [])
        for rec in chunk:
            if rec.key in known:
                continue
            if isinstance(rec, SkippedRecord):
                skipped[rec.reason] += 1
                batch.rows.append(_skip_row(rec))
            else:
                batch.records.append(rec)
        yield batch


def _store(
    settings: Settings,
    backfill_id: str,
    batch: _Batch,
    results: list[PageResult],
    hosts: dict[str, str],
    s: BackfillSummary,
    skipped: Counter[str],
) -> None:
    by_key = {r.key: r for r in batch.records}
    articles, rows = [], list(batch.rows)
    for res in results:
        rec = by_key[res.key]
        row = {
            "record_key": rec.key,
            "source": rec.source,
            "url": rec.url,
            "captured_at": rec.captured_at,
            "outcome": "skipped",
            "skip_reason": None,
            "detail": None,
        }
        if res.error or not res.relevant:
            reason = (
                "extraction failed"
                if res.error and res.skip_reason != "no text extracted"
                else (res.skip_reason or "not relevant")
            )
            reason = reason.split(":", 1)[0]
            row.update(skip_reason=reason, detail=res.error)
            skipped[reason] += 1
        else:
            s.extracted += 1
            published = res.published or (rec.captured_at.date() if rec.captured_at else None)
            url = res.canonical_url if res.canonical_url and res.canonical_url.startswith("http") else rec.url
            articles.append(
                StoredArticle(
                    entry_id=rec.key,
                    feed_url=_outlet(url, hosts),
                    url=url,
                    final_url=rec.url,
                    title=res.title,
                    text=res.text,
                    lang=res.lang,
                    published_at=dt.datetime.combine(published, dt.time(), dt.UTC) if published else None,
                    content_hash=res.content_hash,
                    fingerprint=res.fingerprint,
                    relevant=True,
                    skip_reason=None,
                    claims=res.claims,
                )
            )
            row["outcome"] = "stored"
        rows.append(row)
    with writer(settings.warehouse_path) as con:
        n_articles, n_claims = store_batch(con, backfill_id, articles, rows, extractor_version=EXTRACTOR_VERSION)
    s.articles_new += n_articles
    s.claims_new += n_claims


def replay_changes(settings: Settings, backfill_id: str, *, alerts: bool) -> list[Any]:
    """Change detection at the end of every reported day, oldest first: what rounds would have found."""
    from isswatch.warehouse.changes import detect_changes

    channels = [c.name for c in settings.alert_channels()] if alerts else []
    policy = settings.change_policy()
    found = []
    with writer(settings.warehouse_path) as con:
        for day in replay_days(con):
            found += detect_changes(con, round_id=backfill_id, policy=policy, channels=channels, now=day, as_of=day)
        checkpoint(con)
    return found


Progress = Callable[[BackfillSummary, Counter[str]], None]


def run_backfill(
    settings: Settings,
    paths: Sequence[str | Path],
    *,
    alerts: bool = False,
    shard: int = 0,
    shards: int = 1,
    batch_size: int | None = None,
    in_flight: int = 1,
    pool_workers: int = 2,
    progress: Progress | None = None,
) -> BackfillSummary:
    """The stages of a backfill in order, inside a flow whose task runner decides where batches run."""
    log = get_run_logger()
    started = time.monotonic()
    s = BackfillSummary(
        backfill_id="backfill-" + dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    )
    s.runner = "dask" if pool_workers == 0 else "process pool"
    roots = [Path(p) for p in paths if Path(p).is_dir()]
    files = archive_files(paths)
    s.files = len(files)
    catalogue = load_catalogue(settings.catalogue)
    with writer(settings.warehouse_path) as con:
        sync_feeds(con, settings.feed_states())
        sync_facts(con, catalogue)
    hosts = _outlets(settings)
    skipped: Counter[str] = Counter()
    pending: deque[tuple[_Batch, PrefectFuture[list[PageResult]] | None]] = deque()

    def drain(limit: int) -> None:
        while len(pending) > limit:
            batch, future = pending.popleft()
            results = future.result() if future is not None else []
            _store(settings, s.backfill_id, batch, results, hosts, s, skipped)
            if progress:
                progress(s, skipped)

    size = batch_size or settings.dask.batch
    for batch in _batches(settings, files, roots, shard, shards, size, s, skipped):
        # not quote()d: prefect-dask hands a quoted argument to the task still wrapped; the walk over
        # one batch's parameters costs a few ms against seconds of extraction
        future = (
            extract_batch_task.submit(_jobs(settings, batch.records), pool_workers, settings.extraction.timeout)
            if batch.records
            else None
        )
        pending.append((batch, future))
        drain(in_flight)
        if progress:
            progress(s, skipped)
    drain(0)
    log.info(
        "backfill %s: %d records read, %d articles, %d claims stored",
        s.backfill_id,
        s.records_read,
        s.articles_new,
        s.claims_new,
    )
    changes = replay_changes(settings, s.backfill_id, alerts=alerts)
    s.changes = [dataclasses.asdict(c) for c in changes]
    if alerts and changes:
        from isswatch.flows.alerts import deliver_pending

        s.alerts_sent = deliver_pending(settings.warehouse_path, settings.alert_channels()).sent
    s.skipped = dict(sorted(skipped.items()))
    s.seconds = time.monotonic() - started
    return s


def task_runner_for(settings: Settings) -> TaskRunner[Any] | None:
    """prefect-dask's runner on the configured scheduler or a local cluster; None: the process pool."""
    if not settings.dask.enabled:
        return None
    from prefect_dask.task_runners import DaskTaskRunner

    if settings.dask.address:
        return DaskTaskRunner(address=settings.dask.address)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": settings.dask.workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        }
    )


@flow(name="backfill-batches")
def _backfill_batches(
    config: str | None, paths: list[str], alerts: bool, shard: int, shards: int, dask: bool
) -> dict[str, Any]:
    settings = load_settings(config)
    if dask:
        summary = run_backfill(
            settings,
            paths,
            alerts=alerts,
            shard=shard,
            shards=shards,
            pool_workers=0,
            in_flight=2 * max(settings.dask.workers, 2),
            progress=_PROGRESS.get("fn"),
        )
    else:
        summary = run_backfill(
            settings,
            paths,
            alerts=alerts,
            shard=shard,
            shards=shards,
            pool_workers=settings.extraction.workers,
            progress=_PROGRESS.get("fn"),
        )
    return dataclasses.asdict(summary)


#: A progress callback set by the CLI for the duration of one call (flows cannot take callables).
_PROGRESS: dict[str, Progress | None] = {}


@flow(name="backfill")
def backfill(
    paths: list[str], config: str | None = None, alerts: bool = False, shard: int = 0, shards: int = 1
) -> dict[str, Any]:
    """Read news archives (WARC, folders of saved pages, JSON Lines) into the warehouse; ``shard`` of
    ``shards`` takes only its share of the records, so several workers can split one backfill."""
    settings = load_settings(config)
    runner = task_runner_for(settings)
    inner = _backfill_batches.with_options(task_runner=runner) if runner else _backfill_batches
    return inner(config, list(paths), alerts, shard, shards, runner is not None)


def run_backfill_flow(
    paths: Sequence[str],
    *,
    config: str | None = None,
    alerts: bool = False,
    shard: int = 0,
    shards: int = 1,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """One backfill from the CLI or a test, with an optional progress callback."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    _PROGRESS["fn"] = progress
    try:
        with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            return backfill(list(map(str, paths)), config=config, alerts=alerts, shard=shard, shards=shards)
    finally:
        _PROGRESS.pop("fn", None)
