"""Scoring the claim extractor against a labelled set: precision, recall, F1 per fact, language, status.

The labelled set is JSONL (``tests/claims_eval/*.jsonl``), one example per line: ``{"id", "lang",
"text", "published"?, "hard", "tags", "claims": [{"fact", "value", "status", "qualifier"?}]}``; an
empty ``claims`` list marks a decoy. A predicted claim matches an expected one on (fact, value,
status); within one example claims are a set (a headline repeated in the lead is one claim, not two).
Scoring is pure (examples and predictions in, numbers out), so the CLI, the test suite and the
benchmark agree on what "precision" means.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from isswatch.extractors.errors import InputError

Key = tuple[str, str, str]  # (fact, value, status)


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_Identified)


@dataclass(frozen=True)
class Example:
    id: str
    lang: str
    text: str
    published: dt.date | None
    hard: bool
    tags: tuple[str, ...]
    claims: frozenset[Key]
    source: str = ""


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: set[Key], expected: set[Key]) -> None:
        self.tp += len(predicted & expected)
        self.fp += len(predicted - expected)
        self.fn += len(expected - predicted)


@dataclass
class Report:
    examples: int = 0
    hard: int = 0
    overall: Scores = field(default_factory=Scores)
    by_fact: dict[str, Scores] = field(default_factory=dict)
    by_lang: dict[str, Scores] = field(default_factory=dict)
    by_status: dict[str, Scores] = field(default_factory=dict)
    #: (example id, missed, wrong) for every example not read perfectly.
    errors: list[tuple[str, list[Key], list[Key]]] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str, int, int, int, float, float, float]]:
        """(scope, name, tp, fp, fn, precision, recall, f1) rows for a table."""
        out = [("overall", "all", *_nums(self.overall))]
        for scope, table in (("fact", self.by_fact), ("lang", self.by_lang), ("status", self.by_status)):
            out += [(scope, name, *_nums(s)) for name, s in sorted(table.items())]
        return out


def _nums(s: Scores) -> tuple[int, int, int, float, float, float]:
    return s.tp, s.fp, s.fn, round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)


def score(examples: Iterable[Example], predictions: Iterable[set[Key]]) -> Report:
    """Compare predictions (one set of keys per example, in order) with the labels."""
    report = Report()
    for ex, predicted in zip(examples, predictions, strict=True):
        expected = set(ex.claims)
        report.examples += 1
        report.hard += ex.hard
        report.overall.add(predicted, expected)
        report.by_lang.setdefault(ex.lang, Scores()).add(predicted, expected)
        for fact in {k[0] for k in predicted | expected}:
            report.by_fact.setdefault(fact, Scores()).add(
                {k for k in predicted if k[0] == fact}, {k for k in expected if k[0] == fact}
            )
        for status in ("current", "historical"):
            report.by_status.setdefault(status, Scores()).add(
                {k for k in predicted if k[2] == status}, {k for k in expected if k[2] == status}
            )
        if predicted != expected:
            report.errors.append((ex.id, sorted(expected - predicted), sorted(predicted - expected)))
    return report


def evaluate(examples: list[Example], predict: Callable[[Example], Iterable[Key]]) -> Report:
    """Run ``predict`` on every example and score it."""
    return score(examples, [set(predict(ex)) for ex in examples])


def _parse_line(raw: str, where: str) -> Example:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as err:
        raise InputError(f"not valid JSON: {err}", source=where) from None
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not isinstance(obj.get("id"), str):
        raise InputError("each line needs at least an 'id' and a 'text' string", source=where)
    published = obj.get("published")
    try:
        pub = dt.date.fromisoformat(published) if published else None
    except (TypeError, ValueError):
        raise InputError(f"published {published!r} is not YYYY-MM-DD", source=where) from None
    claims = set()
    for c in obj.get("claims", []):
        if not isinstance(c, dict) or not all(isinstance(c.get(k), str) for k in ("fact", "value", "status")):
            raise InputError("each expected claim needs 'fact', 'value' and 'status' strings", source=where)
        if c["status"] not in ("current", "historical"):
            raise InputError(f"status {c['status']!r} is not 'current' or 'historical'", source=where)
        claims.add((c["fact"], c["value"], c["status"]))
    return Example(
        obj["id"],
        str(obj.get("lang", "")),
        obj["text"],
        pub,
        bool(obj.get("hard", False)),
        tuple(obj.get("tags", ())),
        frozenset(claims),
        where,
    )


def load_examples(directory: Path | str, pattern: str = "*.jsonl") -> list[Example]:
    """Every example of every JSONL file in ``directory`` (sorted by file name); errors name file:line."""
    d = Path(directory)
    if not d.is_dir():
        raise InputError("no labelled set here (a directory of .jsonl files is expected)", source=str(d))
    files = sorted(d.glob(pattern))
    if not files:
        raise InputError(f"no {pattern} files in the labelled set", source=str(d))
    return _read_all(files, lambda raw, where: _parse_line(raw, where))


def _read_all(files: Iterable[Path], parse: Callable[[str, str], T]) -> list[T]:
    """Every non-blank line of every file parsed with ``parse(line, "file:line")``; ids must be unique."""
    out: list[T] = []
    seen: set[str] = set()
    for f in files:
        try:
            lines = f.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"cannot read: {err}", source=str(f)) from None
        for n, raw in enumerate(lines, 1):
            if raw.strip():
                item = parse(raw, f"{f}:{n}")
                if item.id in seen:
                    raise InputError(f"duplicate id {item.id!r}", source=f"{f}:{n}")
                seen.add(item.id)
                out.append(item)
    return out


# --- whole articles (tests/claims_corpus) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """One labelled article of the corpus: the claims are a set over the whole text (see the corpus README)."""

    id: str
    lang: str
    form: str
    outlet: str
    published: dt.date
    source_url: str
    text: str
    claims: frozenset[Key]
    part: str = ""  # "dev" or "test": the folder it was placed in


def _parse_article(raw: str, where: str, part: str) -> Article:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as err:
        raise InputError(f"not valid JSON: {err}", source=where) from None
    fields = ("id", "lang", "form", "outlet", "published", "source_url", "text")
    if not isinstance(obj, dict) or not all(isinstance(obj.get(k), str) for k in fields):
        raise InputError(f"each article needs the strings {', '.join(fields)}", source=where)
    try:
        published = dt.date.fromisoformat(obj["published"])
    except ValueError:
        raise InputError(f"published {obj['published']!r} is not YYYY-MM-DD", source=where) from None
    claims = set()
    for c in obj.get("claims", []):
        if not isinstance(c, dict) or not all(isinstance(c.get(k), str) for k in ("fact", "value", "status")):
            raise InputError("each claim needs 'fact', 'value' and 'status' strings", source=where)
        claims.add((c["fact"], c["value"], c["status"]))
    return Article(
        obj["id"],
        obj["lang"],
        obj["form"],
        obj["outlet"],
        published,
        obj["source_url"],
        obj["text"],
        frozenset(claims),
        part,
    )


def load_articles(directory: Path | str) -> list[Article]:
    """Every article of every JSONL file in ``directory`` (a corpus part: dev/ or test/)."""
    d = Path(directory)
    if not d.is_dir():
        raise InputError("no corpus part here (a directory of .jsonl files is expected)", source=str(d))
    return _read_all(sorted(d.glob("*.jsonl")), lambda raw, where: _parse_article(raw, where, d.name))


def as_examples(articles: Iterable[Article]) -> list[Example]:
    """Articles as scoring examples (the same precision and recall as the sentence set)."""
    return [Example(a.id, a.lang, a.text, a.published, True, (a.form,), a.claims, a.part) for a in articles]
