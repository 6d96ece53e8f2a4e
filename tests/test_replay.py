"""Replaying dated claims through corroboration against a true history (warehouse/replay.py, pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.extractors.errors import InputError
from isswatch.warehouse.replay import Reported, Step, compare, load_history, replay

HISTORY = {
    "iss.operations_end": [
        Step("iss.operations_end", dt.date(2014, 1, 1), "2020"),
        Step("iss.operations_end", dt.date(2014, 1, 8), "2024"),
        Step("iss.operations_end", dt.date(2021, 12, 31), "2030"),
    ]
}


def rep(
    value: str,
    day: str,
    outlet: str,
    status: str = "current",
    speaker: str | None = None,
    conf: float = 0.9,
    modality: str | None = None,
) -> Reported:
    return Reported(
        "iss.operations_end",
        value,
        status,
        conf,
        speaker,
        outlet,
        dt.date.fromisoformat(day),
        f"{outlet}-{day}-{value}",
        modality,
    )


def test_a_change_needs_two_outlets_or_a_primary_source():
    one = [rep("2024", "2014-01-09", "a")]
    assert replay(one, HISTORY) == []
    two = [*one, rep("2024", "2014-01-10", "b")]
    assert replay(two, HISTORY) == [Step("iss.operations_end", dt.date(2014, 1, 10), "2024")]
    primary = [rep("2024", "2014-01-09", "a", speaker="Bill Nelson")]
    assert replay(primary, HISTORY) == [Step("iss.operations_end", dt.date(2014, 1, 9), "2024")]


def test_a_value_said_only_as_a_possibility_needs_two_outlets_saying_it_plainly():
    could = [rep("2024", "2014-01-09", "a", modality="possible"), rep("2024", "2014-01-10", "b", modality="possible")]
    assert replay(could, HISTORY) == []
    plain = [*could, rep("2024", "2014-01-11", "c"), rep("2024", "2014-01-12", "d", modality="planned")]
    assert replay(plain, HISTORY) == [Step("iss.operations_end", dt.date(2014, 1, 12), "2024")]


def test_history_mentions_low_confidence_and_repeats_raise_nothing():
    reports = [
        rep("2020", "2016-01-01", "a", status="historical"),
        rep("2020", "2016-01-02", "b", "historical"),
        rep("2031", "2016-01-03", "a", conf=0.4),
        rep("2031", "2016-01-04", "b", conf=0.4),
    ]
    assert replay(reports, HISTORY) == []


def test_compare_counts_found_missed_and_false_changes():
    gold = [
        rep("2024", "2014-01-09", "a"),
        rep("2024", "2014-01-10", "b"),
        rep("2030", "2022-01-02", "a"),
        rep("2030", "2022-01-03", "b"),
    ]
    reference = replay(gold, HISTORY)
    predicted = [*gold[:2], rep("2028", "2016-05-01", "a"), rep("2028", "2016-05-02", "b")]
    report = compare(replay(predicted, HISTORY), reference, HISTORY)
    assert [s.value for s in report.true_changes] == ["2024", "2030"]
    assert [s.value for s in report.reachable] == ["2024", "2030"]
    assert [s.value for s in report.found] == ["2024"]
    assert [s.value for s in report.missed] == ["2030"]
    assert [(s.value, s.since.year) for s in report.false] == [("2028", 2016)]


def test_load_history_reads_the_corpus_file_and_names_a_bad_one(tmp_path):
    from pathlib import Path

    history = load_history(Path(__file__).parent / "claims_corpus" / "history.toml")
    assert [s.value for s in history["iss.operations_end"]] == ["2020", "2024", "2030", "2028"]
    bad = tmp_path / "history.toml"
    bad.write_text('[[fact."x.y"]]\nfrom = "soon"\nvalue = "2030"\n', encoding="utf-8")
    with pytest.raises(InputError, match="from = DATE"):
        load_history(bad)
