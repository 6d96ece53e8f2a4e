"""Prefect events, one per recorded change, for users who prefer Prefect Automations to apprise URLs.

Event ``isswatch.fact.changed`` with resource ``isswatch.fact.<key>``; deploy/automations.md shows an
Automation that notifies on it. Disagreements are emitted too (payload ``kind``), so an Automation can
filter on ``payload.kind``. Emitting never fails a round: outside a Prefect context, or with no API to
reach, ``emit_event`` does nothing or logs, and errors are only logged here.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from isswatch.warehouse.changes import ChangeRecord

EVENT = "isswatch.fact.changed"
log = logging.getLogger("isswatch.events")


def event_payload(change: ChangeRecord) -> dict[str, Any]:
    """JSON-ready payload: everything a notification template needs, times as ISO strings."""
    return {
        "change_id": change.change_id,
        "fact": change.fact,
        "kind": change.kind,
        "old_value": change.old_value,
        "new_value": change.new_value,
        "disputed_values": list(change.disputed_values),
        "qualifier": change.qualifier,
        "speaker": change.speaker,
        "sentence": change.sentence,
        "article_urls": list(change.article_urls),
        "outlets": change.outlets,
        "primary_source": change.primary_source,
        "suppressed": change.suppressed,
        "first_reported_at": change.first_reported_at.isoformat() if change.first_reported_at else None,
        "detected_at": change.detected_at.isoformat() if change.detected_at else None,
        "round_id": change.round_id,
    }


def emit_change_events(changes: Sequence[ChangeRecord]) -> None:
    """Emit one ``isswatch.fact.changed`` event per change."""
    from prefect.events import emit_event

    for change in changes:
        try:
            emit_event(
                event=EVENT,
                resource={
                    "prefect.resource.id": f"isswatch.fact.{change.fact}",
                    "prefect.resource.name": change.fact,
                    "isswatch.kind": change.kind,
                },
                occurred=change.detected_at,
                payload=event_payload(change),
            )
        except Exception as err:  # an event is a courtesy; the outbox is the reliable path
            log.warning("could not emit %s for %s: %s", EVENT, change.fact, err)
