"""The extractor against the labelled set in tests/claims_eval (quality gate of issue 3).

Fails when precision on current claims drops under 0.95 or recall under 0.90 (a predicted claim
matches an expected one on fact + value + status). The held-out file (written before the rules were
tuned) is held to the same bar on its own, so a rule that only fits the tuning files shows up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from isswatch.extractors.claims.reading import extract_claims
from isswatch.extractors.claims.scoring import Example, evaluate, load_examples, score

EVAL_DIR = Path(__file__).parent / "claims_eval"


def predict(ex: Example) -> set[tuple[str, str, str]]:
    return {(c.fact, c.value, c.status) for c in extract_claims(ex.text, published=ex.published, lang=ex.lang)}


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    return load_examples(EVAL_DIR)


def test_the_set_is_large_varied_and_hard(examples):
    assert len(examples) >= 300
    assert sum(ex.hard for ex in examples) >= len(examples) / 2
    by_lang = {lang: sum(ex.lang == lang for ex in examples) for lang in ("en", "fr", "ru")}
    assert min(by_lang.values()) >= 80, by_lang
    assert sum(not ex.claims for ex in examples) >= 60  # decoys
    assert sum(any(k[2] == "historical" for k in ex.claims) for ex in examples) >= 30
    tags = {t for ex in examples for t in ex.tags}
    for tag in (
        "mt_noise",
        "run_together",
        "nested_quotes",
        "headline_repeat",
        "other_language",
        "decoy_meeting",
        "decoy_since",
        "decoy_crew_swap",
        "decoy_funding",
        "duration",
        "negation",
        "conditional",
        "history",
        "transition",
    ):
        assert tag in tags, tag


def test_quality_gate_on_current_claims(examples):
    report = evaluate(examples, predict)
    current = report.by_status["current"]
    detail = "\n".join(f"{i}: missed {m} wrong {w}" for i, m, w in report.errors)
    assert current.precision >= 0.95, detail
    assert current.recall >= 0.90, detail


def test_quality_gate_on_the_held_out_file():
    report = evaluate(load_examples(EVAL_DIR, "heldout.jsonl"), predict)
    current = report.by_status["current"]
    assert current.precision >= 0.95
    assert current.recall >= 0.80  # written before tuning; reported in docs/claims.md


def test_status_is_right_when_the_value_is(examples):
    report = evaluate(examples, predict)
    assert report.by_status["historical"].precision >= 0.9
    assert report.by_status["historical"].recall >= 0.8


def test_scoring_arithmetic():
    ex = Example("a", "en", "t", None, False, (), frozenset({("f", "2028", "current"), ("g", "2030", "current")}))
    rep = score([ex], [{("f", "2028", "current"), ("f", "2024", "historical")}])
    assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (1, 1, 1)
    assert rep.by_fact["g"].recall == 0 and rep.by_fact["f"].precision == 0.5
    assert rep.by_status["historical"].precision == 0
    assert rep.errors == [("a", [("g", "2030", "current")], [("f", "2024", "historical")])]


def test_quality_gate_on_the_second_held_out_file():
    """heldout2.jsonl: "still"/history/cross-sentence/"at the earliest" cases written before the claims-1.1 rules."""
    report = evaluate(load_examples(EVAL_DIR, "heldout2.jsonl"), predict)
    current = report.by_status["current"]
    assert current.precision >= 0.95
    assert current.recall >= 0.80
