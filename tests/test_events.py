"""Prefect events: one `isswatch.fact.changed` per change, with a JSON-ready payload."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from isswatch.flows import events
from isswatch.warehouse.changes import ChangeRecord

WHEN = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)


def record(fact: str, kind: str = "change") -> ChangeRecord:
    return ChangeRecord(
        change_id=f"id-{fact}",
        fact=fact,
        kind=kind,
        old_value="2028",
        new_value="2030",
        qualifier="until",
        speaker="Sean Duffy",
        sentence="until 2030",
        article_urls=("https://a.example/1",),
        detected_at=WHEN,
        first_reported_at=WHEN,
    )


def test_one_event_per_change(monkeypatch: pytest.MonkeyPatch) -> None:
    import prefect.events

    sent = []
    monkeypatch.setattr(prefect.events, "emit_event", lambda **kw: sent.append(kw))
    events.emit_change_events([record("iss.operations_end"), record("iss.deorbit", "disagreement")])
    assert [e["event"] for e in sent] == ["isswatch.fact.changed"] * 2
    assert [e["resource"]["prefect.resource.id"] for e in sent] == [
        "isswatch.fact.iss.operations_end",
        "isswatch.fact.iss.deorbit",
    ]
    payload = sent[0]["payload"]
    assert json.loads(json.dumps(payload)) == payload
    assert (payload["old_value"], payload["new_value"], payload["kind"]) == ("2028", "2030", "change")
    assert sent[1]["payload"]["kind"] == "disagreement"


def test_a_failing_emit_does_not_fail_the_round(monkeypatch: pytest.MonkeyPatch) -> None:
    import prefect.events

    def boom(**kw):
        raise RuntimeError("no API")

    monkeypatch.setattr(prefect.events, "emit_event", boom)
    events.emit_change_events([record("iss.operations_end")])
