"""``isswatch reprocess``: the current claim extractor over stored texts, with progress on stderr."""

from __future__ import annotations

from typing import Any, TypedDict

from rich.progress import Progress

from isswatch.extractors.claims.catalogue import load_catalogue
from isswatch.extractors.claims.reading import EXTRACTOR_VERSION, extract_claims
from isswatch.extractors.errors import WarehouseError
from isswatch.flows.output import err_console
from isswatch.flows.settings import Settings
from isswatch.warehouse.connection import writer
from isswatch.warehouse.reprocess import StoredText, replace_claims, stored_texts


class ReprocessTotals(TypedDict):
    """What one reprocessing did, in the order the command shows it."""

    articles: int
    claims_removed: int
    claims_written: int
    extractor_version: str


def reprocess(settings: Settings, *, everything: bool = False) -> ReprocessTotals:
    if not settings.warehouse_path.exists():
        raise WarehouseError(f"no warehouse at {settings.warehouse_path}: nothing to reprocess")
    catalogue = load_catalogue(settings.catalogue)

    def extract(a: StoredText) -> list[dict[str, Any]]:
        published = a.published_at.date() if a.published_at else None
        return [c.to_dict() for c in extract_claims(a.text, published=published, lang=a.lang, catalogue=catalogue)]

    totals: ReprocessTotals = {
        "articles": 0,
        "claims_removed": 0,
        "claims_written": 0,
        "extractor_version": EXTRACTOR_VERSION,
    }
    with writer(settings.warehouse_path) as con, Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("Re-reading stored articles", total=None)
        for batch in stored_texts(con, only_outdated=None if everything else EXTRACTOR_VERSION):
            removed, written = replace_claims(con, batch, extract, version=EXTRACTOR_VERSION)
            totals["articles"] += len(batch)
            totals["claims_removed"] += removed
            totals["claims_written"] += written
            progress.advance(task, len(batch))
    return totals
