"""The ``monitor`` flow: one run is one polling round, its stages Prefect tasks over whole batches.

A task run costs 10-15 ms of orchestration here, more than extracting a short page, so each task takes
a batch (all due feeds, all new pages) and the stages inside use threads (network) or a small process
pool (text extraction). Every stage is a plain function of ``extractors/`` or ``warehouse/``; this
module only orders them, logs, and holds the warehouse's write lock briefly at each write.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

from isswatch.extractors.claims.catalogue import load_catalogue
from isswatch.extractors.fetching.downloads import make_client
from isswatch.extractors.fetching.polling import EntryRecord, FeedState, PollResult, poll_feeds
from isswatch.flows.output import inert
from isswatch.flows.round_pages import (
    CLOCK,
    StageClock,
    prepare_workers,
    stream_pages_on_runner,
    stream_pages_task,
    timed,
)
from isswatch.flows.settings import Settings, load_settings
from isswatch.flows.stage_tasks import quoted, stage_task
from isswatch.warehouse.connection import transaction, writer
from isswatch.warehouse.entries import entries_to_fetch, store_entries
from isswatch.warehouse.facts import sync_facts
from isswatch.warehouse.feeds import due_feeds, record_polls, sync_feeds
from isswatch.warehouse.rounds import close_dead_rounds, finish_round, forget_round, start_round

if TYPE_CHECKING:
    from isswatch.flows.alerts import DeliveryReport
    from isswatch.warehouse.changes import ChangeRecord


@dataclass
class RoundSummary:
    round_id: str = ""
    feeds_due: int = 0
    feeds_skipped: int = 0
    feeds_ok: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    entries_new: int = 0
    pages_fetched: int = 0
    pages_failed: int = 0
    articles_new: int = 0
    claims_new: int = 0
    changes: list[dict[str, Any]] = field(default_factory=list)
    alerts_sent: int = 0
    alerts_failed: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    #: Seconds of work per stage, measured inside the stages (flows/round_pages.StageClock).
    stages: dict[str, float] = field(default_factory=dict)


@stage_task("prepare-round")
def prepare_round(
    settings: Settings, force: bool
) -> tuple[str, list[FeedState], list[str], list[tuple[str, str | None]]]:
    with timed("prepare"):
        catalogue = load_catalogue(settings.catalogue)
        with writer(settings.warehouse_path) as con, transaction(con):
            crashed = close_dead_rounds(con)
            sync_feeds(con, settings.feed_states())
            sync_facts(con, catalogue)
            due, skipped = due_feeds(con, settings.feed_states(), force=force)
            round_id = start_round(con, flow_run_id=str(flow_run.id) if flow_run.id else None)
        return round_id, due, skipped, crashed


@stage_task("poll-feeds")
def poll_task(settings: Settings, feeds: list[FeedState]) -> list[PollResult]:
    with timed("poll"):
        policy = settings.address_policy()
        limits = settings.fetch_limits("feed")
        with make_client(limits, policy) as client:
            return poll_feeds(
                feeds,
                client=client,
                limits=limits,
                relevance_terms=settings.relevance.all_terms(),
                concurrency=settings.http.concurrency,
                per_host=settings.http.per_host,
            )


@stage_task("store-polls")
def store_polls_task(settings: Settings, round_id: str, results: list[PollResult]) -> tuple[int, list[EntryRecord]]:
    with timed("store_polls"):
        records = [e for r in results for e in r.entries]
        # One transaction: a feed's new validators land with the entries they announced, or neither does
        # (else the next poll gets a 304 and those entries are never seen).
        with writer(settings.warehouse_path) as con, transaction(con):
            record_polls(con, round_id, results)
            new = store_entries(con, round_id, records)
            todo = entries_to_fetch(con, records, settings.extraction.max_articles)
        return new, todo


@stage_task("detect-changes")
def detect_task(settings: Settings, round_id: str) -> list[ChangeRecord]:
    with timed("detect"):
        from isswatch.warehouse.changes import detect_changes

        channels = settings.alert_channels()
        with writer(settings.warehouse_path) as con:
            return detect_changes(
                con, round_id=round_id, policy=settings.change_policy(), channels=[c.name for c in channels]
            )


@stage_task("deliver-alerts")
def deliver_task(settings: Settings) -> DeliveryReport:
    with timed("deliver"):
        from isswatch.flows.alerts import deliver_pending

        return deliver_pending(settings.warehouse_path, settings.alert_channels())


@stage_task("finish-round")
def finish_task(settings: Settings, round_id: str, summary: RoundSummary) -> None:
    with timed("finish"), writer(settings.warehouse_path) as con:
        finish_round(
            con,
            round_id,
            feeds_polled=summary.feeds_due,
            feeds_failed=summary.feeds_failed,
            entries_new=summary.entries_new,
            articles_new=summary.articles_new,
            claims_new=summary.claims_new,
            changes_new=len(summary.changes),
            alerts_sent=summary.alerts_sent,
        )


def run_round(settings: Settings, *, force: bool = False, on_runner: bool = False) -> RoundSummary:
    """The stages of one round in order; called by the flow, and directly by benchmarks. ``on_runner``:
    extraction batches go to the flow's task runner (Dask) instead of the local process pool."""
    log = get_run_logger()
    started = time.monotonic()
    s = RoundSummary()
    clock = StageClock()
    token = CLOCK.set(clock)
    try:
        _run_stages(settings, s, force=force, on_runner=on_runner, log=log, clock=clock)
    finally:
        CLOCK.reset(token)
    s.stages = {k: round(v, 4) for k, v in clock.seconds.items()}
    s.seconds = time.monotonic() - started
    return s


def _run_stages(
    settings: Settings, s: RoundSummary, *, force: bool, on_runner: bool, log: Any, clock: StageClock
) -> None:
    from isswatch.flows.events import emit_change_events

    started = time.monotonic()
    s.round_id, due, skipped, crashed = prepare_round(quoted(settings), force)
    for round_id, flow_run_id in crashed:
        log.warning("round %s was left running by a process that died: closed as crashed", round_id)
        _crash_in_prefect(flow_run_id, log)
    s.feeds_due, s.feeds_skipped = len(due), len(skipped)
    for why in skipped:
        log.info("skipped feed %s", inert(why))
    results = poll_task(quoted(settings), quoted(due))
    s.feeds_ok = sum(r.outcome == "ok" for r in results)
    s.feeds_not_modified = sum(r.outcome == "not_modified" for r in results)
    s.feeds_failed = sum(r.outcome == "error" for r in results)
    for r in results:
        if r.outcome == "error":
            s.errors.append(r.error or r.feed_url)
            log.warning("feed failed: %s", inert(r.error))
    if not on_runner:
        prepare_workers(results)
    s.entries_new, todo = store_polls_task(quoted(settings), s.round_id, quoted(results))
    log.info(
        "%d feeds polled (%d new, %d unchanged, %d failed), %d new entries, %d pages to fetch",
        len(results),
        s.feeds_ok,
        s.feeds_not_modified,
        s.feeds_failed,
        s.entries_new,
        len(todo),
    )
    if todo:
        feeds = {f.url: f for f in due}
        if on_runner:
            pages = stream_pages_on_runner(settings, s.round_id, todo, feeds)
        else:
            pages = stream_pages_task(quoted(settings), s.round_id, quoted(todo), quoted(feeds))
        s.pages_fetched, s.pages_failed = pages.fetched, pages.failed
        s.articles_new, s.claims_new = pages.articles, pages.claims
        for name, seconds in pages.seconds.items():
            clock.add(name, seconds)
        log.info(
            "%d pages fetched, %d failed; %d new articles, %d new claims (%d writes)",
            s.pages_fetched,
            s.pages_failed,
            s.articles_new,
            s.claims_new,
            pages.batches,
        )
    changes = detect_task(quoted(settings), s.round_id)
    s.changes = [dataclasses.asdict(c) for c in changes]
    if changes:
        emit_change_events(changes)
        for c in changes:
            log.info("%s: %s %s -> %s", c.kind, c.fact, c.old_value, c.new_value)
    report = deliver_task(quoted(settings))
    s.alerts_sent, s.alerts_failed = report.sent, report.failed
    s.seconds = time.monotonic() - started
    finish_task(quoted(settings), s.round_id, quoted(s))


@flow(name="monitor", log_prints=True)
def monitor(config: str | None = None, force: bool = False) -> dict[str, Any]:
    """One polling round against the configured feeds (config file path, or the default lookup)."""
    settings = load_settings(config)
    from isswatch.flows.backfill_flow import task_runner_for

    runner = task_runner_for(settings)
    if runner is not None:
        return _round_on_runner.with_options(task_runner=runner)(config, force)
    return _round(settings, force=force, on_runner=False)


@flow(name="monitor-batches", log_prints=True)
def _round_on_runner(config: str | None, force: bool) -> dict[str, Any]:
    """The round inside a flow run by prefect-dask's task runner: its extraction batches run on Dask."""
    return _round(load_settings(config), force=force, on_runner=True)


def _round(settings: Settings, *, force: bool, on_runner: bool) -> dict[str, Any]:
    try:
        summary = run_round(settings, force=force, on_runner=on_runner)
    except Exception as err:
        _close_failed(settings, err)
        raise
    return dataclasses.asdict(summary)


def _crash_in_prefect(flow_run_id: str | None, log: Any) -> None:
    """Mark a dead round's flow run Crashed in Prefect, which keeps a SIGKILLed run Running for ever.
    Best effort: the run may live in another Prefect database, or be gone."""
    if not flow_run_id:
        return
    from prefect.client.orchestration import get_client
    from prefect.states import Crashed

    try:
        run_id = uuid.UUID(flow_run_id)
        with get_client(sync_client=True) as client:
            run = client.read_flow_run(run_id)
            if run.state is not None and not run.state.is_final():
                client.set_flow_run_state(
                    run_id, Crashed(message="its process died; closed by isswatch's next round"), force=True
                )
    except Exception as err:  # another Prefect database, a run that is gone: nothing to fix
        log.info("flow run %s of a crashed round left as it is in Prefect: %s", flow_run_id, err)


def _close_failed(settings: Settings, err: Exception) -> None:
    """Mark this process's running round 'failed' with the error, if the warehouse still takes a write;
    if it does not, the next start closes the round (isswatch.warehouse.rounds.close_dead_rounds)."""
    import contextlib

    from isswatch.extractors.errors import IsswatchError
    from isswatch.warehouse.connection import DatabaseError
    from isswatch.warehouse.rounds import fail_round, running_here

    for round_id in running_here():
        forget_round(round_id)
        with (
            contextlib.suppress(DatabaseError, IsswatchError, OSError),
            writer(settings.warehouse_path, wait=5.0) as con,
        ):
            fail_round(con, round_id, f"{err.__class__.__name__}: {err}")


def run_monitor(config: str | None = None, force: bool = False) -> dict[str, Any]:
    """One round from the CLI. Flow heartbeats are off here: they let a Prefect server notice a crashed
    deployment run, which a one-off round does not need, and waiting for the heartbeat thread at the
    end of the flow added up to a second to every round (docs/benchmarks.md)."""
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        return monitor(config=config, force=force)
