"""The warehouse read back: ``query`` (the user's SQL, read-only), ``changes``, the timeline ``report``,
``export`` to Parquet or CSV, and ``reprocess`` (stored texts re-read by the current extractor)."""

from __future__ import annotations

from pathlib import Path

import typer

from isswatch.extractors.errors import InputError
from isswatch.flows.cli.invocation import settings_for
from isswatch.flows.cli.shared_options import COLUMNS_OPTION, CONFIG_OPTION, FORMAT_OPTION, WIDE_OPTION
from isswatch.flows.output import Format, err_console, render
from isswatch.warehouse import queries

#: The table columns of `changes` without --wide.
CHANGES_NARROW = ("detected_at", "fact", "kind", "old_value", "new_value", "qualifier", "speaker")


def query(
    sql: str = typer.Argument(..., help="SQL to run on the warehouse (read-only)."),
    config: Path | None = CONFIG_OPTION,
    fmt: Format = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
    columns: str | None = COLUMNS_OPTION,
) -> None:
    """Run SQL on the warehouse, read-only: nothing stored can change and no other file is read or written
    (`isswatch export` writes files). Several statements run in order; the table format shows each result.
    Views: fact_status, fact_timeline, claim_details, change_log, disagreements, alert_status, feed_health,
    entry_skips."""
    settings = settings_for(config)
    if fmt in (Format.csv, Format.jsonl) and queries.statement_count(sql) == 1:
        stream = queries.stream_query(settings.warehouse_path, sql)
        names = next(stream)
        render(names, stream, fmt, only=columns)
        return
    results = [r for r in queries.user_queries(settings.warehouse_path, sql) if r[0]]
    if len(results) > 1 and fmt is not Format.table:
        raise InputError(
            f"{len(results)} statements return rows: --format {fmt.value} writes one result; run "
            "them one at a time, or use --format table to see each"
        )
    for i, (names, rows) in enumerate(results):
        if i:
            print()
        render(names, rows, fmt, wide=wide, only=columns)


def changes(
    config: Path | None = CONFIG_OPTION,
    fact: str | None = typer.Option(None, help="Only this fact (a catalogue key)."),
    limit: int = typer.Option(100, min=1, help="At most this many rows, newest first."),
    fmt: Format = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
    columns: str | None = COLUMNS_OPTION,
) -> None:
    """List recorded changes and disagreements of reported dates, newest first (the table shows the values;
    --wide adds the sentence and the articles)."""
    settings = settings_for(config)
    names, rows = queries.changes(settings.warehouse_path, fact=fact, limit=limit)
    render(names, rows, fmt, title="changes", narrow=CHANGES_NARROW, wide=wide, only=columns)


def report(
    config: Path | None = CONFIG_OPTION,
    output: Path | None = typer.Option(
        None, "--output", "-o", dir_okay=False, help="HTML file to write (default: report.html in the data dir)."
    ),
    serve_it: bool = typer.Option(
        False, "--serve", help="Also serve it on 127.0.0.1 until Ctrl-C, rewritten at each reload."
    ),
    port: int = typer.Option(8766, help="Port for --serve (0: any free port)."),
) -> None:
    """Write the timeline report: one self-contained HTML file (opens offline) with, per fact, the claims
    by report date and claimed date, the accepted value over the baseline, changes and disagreements;
    then the changes with their evidence and the feeds' health. Prints the file's path."""
    from isswatch.flows.report_page import ReportServer, write_report

    settings = settings_for(config)
    out = output or settings.data_dir / "report.html"
    path = write_report(settings.warehouse_path, out)
    print(path)
    if serve_it:
        try:
            server = ReportServer(path, port=port, refresh=lambda: write_report(settings.warehouse_path, out))
        except OSError as err:
            raise InputError(f"cannot serve on 127.0.0.1:{port}: {err.strerror or err}") from None
        err_console.print(f"Serving the report on {server.url} until Ctrl-C (each reload rewrites it).")
        try:
            server.httpd.serve_forever()
        except KeyboardInterrupt:
            err_console.print("Stopped.")
        finally:
            server.httpd.server_close()


def export(
    directory: Path = typer.Argument(..., file_okay=False, help="Directory to write the files into."),
    config: Path | None = CONFIG_OPTION,
    export_format: str = typer.Option("parquet", "--format", "-f", help="parquet or csv."),
    tables: bool = typer.Option(False, "--tables", help="Also every table, not only the views."),
    fmt: Format = typer.Option(Format.table, "--list-format", help="How the list of files is printed."),
) -> None:
    """Write every view (fact_status, claim_details, fact_timeline, change_log, disagreements, alert_status,
    feed_health, entry_skips), and every table with --tables, to DIR as Parquet (types kept, for pandas,
    Polars or a BI tool) or CSV (lists as JSON text, ISO times). Lists the files written."""
    from isswatch.warehouse.export import export as run_export

    if export_format not in ("parquet", "csv"):
        raise InputError(f"--format {export_format!r} is not parquet or csv")
    settings = settings_for(config)
    done = run_export(settings.warehouse_path, directory, fmt=export_format, tables=tables)  # type: ignore[arg-type]
    render(
        ["name", "kind", "rows", "file"], [(e.name, e.kind, e.rows, str(e.path)) for e in done], fmt, title="exported"
    )


def reprocess(
    config: Path | None = CONFIG_OPTION,
    everything: bool = typer.Option(False, "--all", help="Also articles already read by this version."),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Re-read stored article texts with the current claim extractor (nothing is fetched) and replace
    their claims, so an improved extractor reaches the history."""
    from isswatch.flows.reprocessing import reprocess as run_reprocess

    settings = settings_for(config)
    totals = run_reprocess(settings, everything=everything)
    render(list(totals), [list(totals.values())], fmt, title="reprocess")
