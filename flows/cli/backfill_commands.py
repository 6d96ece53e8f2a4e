"""``isswatch backfill``: news archives into the warehouse, with a progress bar on stderr."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from isswatch.extractors.claims.catalogue import load_catalogue
from isswatch.extractors.fetching.archives import archive_files
from isswatch.flows.cli.invocation import settings_for, start_prefect
from isswatch.flows.cli.shared_options import CONFIG_OPTION, FORMAT_OPTION
from isswatch.flows.output import Format, err_console, render

if TYPE_CHECKING:
    from isswatch.flows.backfill_flow import BackfillSummary


def _shard(value: str) -> tuple[int, int]:
    try:
        i, n = (int(x) for x in value.split("/", 1))
    except ValueError:
        raise typer.BadParameter("--shard must be I/N, e.g. 0/4") from None
    if not 0 <= i < n:
        raise typer.BadParameter("--shard I/N needs 0 <= I < N")
    return i, n


def backfill(
    paths: list[Path] = typer.Argument(
        ..., help="WARC or WARC.gz files, folders of saved HTML pages, JSON Lines of {url, published, html}."
    ),
    config: Path | None = CONFIG_OPTION,
    alerts: bool = typer.Option(
        False,
        "--alerts",
        help="Queue and send alerts for the changes found (default: record them only; the past is not news).",
    ),
    shard: str = typer.Option(
        "0/1", help="Take only shard I of N of the records (I/N), so several workers can split one backfill."
    ),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Read news archives into the warehouse as if isswatch had been running back then: relevant pages
    are extracted and their claims stored with their own publication dates, then change detection is
    replayed in publication order. Running it again adds nothing; an interrupted run resumes."""
    i, n = _shard(shard)
    settings = settings_for(config)
    load_catalogue(settings.catalogue)
    archive_files(paths)  # a missing path is one line here, not a failed flow run
    start_prefect(settings)
    from isswatch.flows.prefect_env import start_ephemeral_api

    startup = start_ephemeral_api()
    if startup:
        err_console.print(f"Prefect's local API started in {startup:.1f} s.")
    from isswatch.flows.backfill_flow import run_backfill_flow

    columns = [
        SpinnerColumn(),
        TextColumn("[bold]backfill[/]"),
        BarColumn(bar_width=None),
        TextColumn("{task.fields[line]}"),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=err_console, transient=False) as bar:
        task = bar.add_task("backfill", total=None, line="starting")

        def show(s: BackfillSummary, skipped: Counter[str]) -> None:
            elapsed = bar.tasks[0].elapsed or 1e-9
            bar.update(
                task,
                line=(
                    f"{s.records_read:,} read, {s.records_read - sum(skipped.values()):,} "
                    f"kept, {s.extracted:,} extracted, {s.records_read / elapsed:,.0f} rec/s"
                ),
            )

        summary = run_backfill_flow(
            [str(p) for p in paths],
            config=str(config) if config else None,
            alerts=alerts,
            shard=i,
            shards=n,
            progress=show,
        )
    err_console.print(
        f"{summary['records_read']:,} records read in {summary['seconds']:.1f} s "
        f"({summary['runner']}): {summary['articles_new']} new articles, {summary['claims_new']} new claims, "
        f"{summary['already_stored']} already stored; skipped: "
        + (", ".join(f"{k} {v}" for k, v in summary["skipped"].items()) or "none")
    )
    rows = [
        [
            c["first_reported_at"],
            c["fact"],
            c["kind"],
            c["old_value"],
            c["new_value"],
            c["outlets"],
            c["suppressed"],
            c["sentence"],
        ]
        for c in summary["changes"]
    ]
    render(
        ["first_reported_at", "fact", "kind", "old_value", "new_value", "outlets", "suppressed", "sentence"],
        rows,
        fmt,
        title=f"changes found ({len(rows)})",
    )
