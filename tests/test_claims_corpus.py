"""The extractor on whole articles (tests/claims_corpus): dev to tune on, test frozen and never read error by error.

The test part is scored, never listed: these tests print scores only. The floors below are the quality targets
(current precision 0.95, recall 0.90, historical precision 0.90), which claims-2.9 reaches on the frozen test part;
the replay of the alerts must find every reachable change and raise no false one, see docs/claims.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from isswatch.flows.corpus_eval import NEW_FACTS, evaluate_part
from tests.claims_corpus.place import split_of

CORPUS = Path(__file__).parent / "claims_corpus"
HISTORY = CORPUS / "history.toml"

# The targets; measured on the frozen test part (2,786 articles) for claims-2.9: 0.957 / 0.910 / 0.911 (claims-2.8
# on the same articles: the same to three decimals), see docs/claims.md.
FLOOR_CURRENT_PRECISION = 0.95
FLOOR_CURRENT_RECALL = 0.90
FLOOR_HISTORICAL_PRECISION = 0.90


@pytest.fixture(scope="module")
def test_part():
    return evaluate_part(CORPUS / "test", HISTORY)


def _articles(part: str) -> list[dict]:
    return [
        json.loads(line)
        for f in sorted((CORPUS / part).glob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_the_corpus_is_large_and_looks_like_the_feeds():
    dev, test = _articles("dev"), _articles("test")
    every = dev + test
    assert len(every) >= 250 and len(test) >= 100
    langs = {lang: sum(a["lang"] == lang for a in every) / len(every) for lang in ("en", "fr", "ru")}
    assert langs["en"] >= 0.5 and langs["fr"] >= 0.15 and langs["ru"] >= 0.15, langs
    forms = {a["form"] for a in every}
    assert {"wire", "syndicated", "machine_translated", "aggregator", "live_blog", "opinion", "explainer"} <= forms
    years = {int(a["published"][:4]) for a in every}
    assert min(years) <= 2015 and max(years) >= 2026
    assert sum(not a["claims"] for a in every) >= 25  # articles with decoys only
    assert sum(any(c["status"] == "historical" for c in a["claims"]) for a in every) >= 50
    for fact in NEW_FACTS:
        assert sum(any(c["fact"] == fact for c in a["claims"]) for a in test) >= 5, fact
    assert all(a["source_url"].startswith("http") for a in every)


def test_the_split_is_the_one_fixed_when_the_articles_were_written():
    for part in ("dev", "test"):
        for a in _articles(part):
            assert split_of(a["id"]) == part, a["id"]


def test_every_label_points_at_its_words():
    for a in _articles("dev") + _articles("test"):
        for c in a["claims"]:
            assert c["evidence"] in a["text"], a["id"]


def test_quality_floor_on_the_frozen_test_part(test_part):
    current = test_part.report.by_status["current"]
    historical = test_part.report.by_status["historical"]
    print(
        f"test part: current P {current.precision:.3f} R {current.recall:.3f}; historical P "
        f"{historical.precision:.3f} R {historical.recall:.3f}"
    )
    assert current.precision >= FLOOR_CURRENT_PRECISION
    assert current.recall >= FLOOR_CURRENT_RECALL
    assert historical.precision >= FLOOR_HISTORICAL_PRECISION


def test_the_alert_replay_finds_true_changes_and_few_false_ones(test_part):
    replay = test_part.replay
    assert replay.true_changes and replay.reachable
    # counts only: the test part's errors are never printed, not even by a failing assertion
    found, reachable, false = len(replay.found), len(replay.reachable), len(replay.false)
    assert found == reachable, f"{found} of {reachable} reachable changes found"
    # The target, met by claims-2.12 on the 3,602- and 3,692-article test parts (on the 3,505 articles it had before
    # the 38th round: 1 false change with 2.11 and 2.12 alike; 3 on 2,786 articles for claims-2.9, 9 on 2,617 before
    # a new value had to outweigh the accepted one).
    assert false == 0, f"{false} false changes"
