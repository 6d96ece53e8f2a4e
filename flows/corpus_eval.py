"""Scoring the claim extractor on the article corpus: claims per part, and the alerts a replay would raise.

Used by ``isswatch eval`` and by ``tests/test_claims_corpus.py`` so that both report the same numbers.
The corpus lives in the source checkout (``tests/claims_corpus``: ``dev/`` to tune on, ``test/`` frozen,
``history.toml``); see its README for the labelling rules and the split.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from isswatch.extractors.claims.catalogue import Catalogue
from isswatch.extractors.claims.reading import Claim, extract_claims
from isswatch.extractors.claims.scoring import Article, Report, as_examples, load_articles, score
from isswatch.warehouse.replay import ReplayReport, Reported, Step, compare, load_history, replay

#: The facts written from the documentation alone (issue: adding a fact really is a catalogue edit).
NEW_FACTS = ("haven1.launch", "soyuz5.first_flight")


def default_corpus_dir() -> Path:
    import isswatch.extractors as extractors

    return Path(extractors.__file__).resolve().parent.parent / "tests" / "claims_corpus"


@dataclass
class PartResult:
    part: str
    articles: list[Article]
    claims: list[list[Claim]]
    report: Report
    replay: ReplayReport
    alerted: list[Step]


def read_part(articles: Sequence[Article], catalogue: Catalogue | None = None) -> list[list[Claim]]:
    return [extract_claims(a.text, published=a.published, lang=a.lang, catalogue=catalogue) for a in articles]


def evaluate_part(
    directory: Path,
    history_path: Path,
    *,
    catalogue: Catalogue | None = None,
    read: Callable[[Sequence[Article]], list[list[Claim]]] | None = None,
) -> PartResult:
    """Claims scored against the labels, and the replay of the extractor's claims against the history."""
    articles = load_articles(directory)
    found = (read or (lambda arts: read_part(arts, catalogue)))(articles)
    report = score(as_examples(articles), [{(c.fact, c.value, c.status) for c in cs} for cs in found])
    history = load_history(history_path)
    predicted = [
        Reported(c.fact, c.value, c.status, c.confidence, c.speaker, a.outlet, a.published, a.id, c.modality)
        for a, cs in zip(articles, found, strict=True)
        for c in cs
    ]
    # The labels replayed through the same rules: the changes any monitor could find from these articles
    # (labels carry no speaker or confidence, so a change needs two outlets).
    gold = [Reported(f, v, s, 1.0, None, a.outlet, a.published, a.id) for a in articles for f, v, s in a.claims]
    alerted = replay(predicted, history)
    return PartResult(
        directory.name, articles, found, report, compare(alerted, replay(gold, history), history), alerted
    )
