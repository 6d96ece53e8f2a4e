"""What the timeline report draws, read from the warehouse in one read-only connection.

The report (``flows/report_page.py``) only lays data out; every row it shows comes from here, so the SQL
stays in ``warehouse/`` and the report can be tested against a real warehouse file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from isswatch.warehouse.connection import reader
from isswatch.warehouse.lake import Lake

if TYPE_CHECKING:
    import duckdb


@dataclass
class ReportData:
    """Rows as dicts, one list per section of the report."""

    facts: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    feeds: list[dict[str, Any]] = field(default_factory=list)
    rounds: list[dict[str, Any]] = field(default_factory=list)


_FACTS = """
SELECT key AS fact, description, baseline_value, baseline_as_of, baseline_source,
       coalesce(accepted_value, baseline_value) AS reported_value, accepted_at, muted
FROM facts ORDER BY key
"""

# Every stored claim, with what a reader needs to judge it: outlet, speaker, status, qualifier, sentence, link.
_CLAIMS = """
SELECT c.claim_id, c.fact, c.value, c.value_end, c.granularity, c.qualifier, c.status, c.modality, c.speaker,
       c.confidence, c.sentence, c.lang, coalesce(c.reported_at, c.extracted_at) AS reported_at,
       a.url, a.title, coalesce(fd.name, fd.title, a.feed_url) AS outlet, a.duplicate_of IS NOT NULL AS syndicated
FROM claims c
JOIN articles a USING (article_id)
LEFT JOIN feeds fd ON fd.url = a.feed_url
ORDER BY c.fact, reported_at, c.claim_id
"""

_CHANGES = """
SELECT change_id, fact, kind, old_value, new_value, qualifier, speaker, sentence, first_reported_at,
       detected_at, article_urls, disputed_values, outlets, primary_source, suppressed
FROM changes ORDER BY coalesce(first_reported_at, detected_at), detected_at
"""

_FEEDS = """
SELECT url, name, lang, disabled, last_outcome, last_status, last_polled_at, last_success_at,
       consecutive_failures, error_class, last_error, entries, relevant_entries
FROM feed_health ORDER BY name NULLS LAST, url
"""

_ROUNDS = """
SELECT round_id, started_at, finished_at, status, feeds_polled, feeds_failed, articles_new, claims_new,
       changes_new
FROM rounds ORDER BY started_at DESC LIMIT 10
"""


def _dicts(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def report_data(path: Path | Lake) -> ReportData:
    """Everything the report shows, read in one read-only connection (a consistent snapshot)."""
    with reader(path) as con:
        return ReportData(
            facts=_dicts(con, _FACTS),
            claims=_dicts(con, _CLAIMS),
            changes=_dicts(con, _CHANGES),
            feeds=_dicts(con, _FEEDS),
            rounds=_dicts(con, _ROUNDS),
        )
