"""``isswatch claims`` (read the dated claims of one text) and ``isswatch eval`` (score the extractor).

Both are pure: no warehouse, no network, no Prefect. Data goes to stdout, messages to stderr, bad input
is one line and exit code 1 (the command line's one error handler).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from isswatch.extractors.errors import InputError
from isswatch.flows.cli.shared_options import FORMAT_OPTION
from isswatch.flows.output import Format, inert, json_text, render

if TYPE_CHECKING:
    from isswatch.extractors.claims.catalogue import Catalogue

CLAIM_COLUMNS = [
    "fact",
    "value",
    "value_end",
    "qualifier",
    "status",
    "modality",
    "speaker",
    "confidence",
    "lang",
    "sentence",
]


def default_eval_dir() -> Path:
    """The bundled labelled set: tests/claims_eval next to the extractors package in a source checkout."""
    import isswatch.extractors as extractors

    return Path(extractors.__file__).resolve().parent.parent / "tests" / "claims_eval"


def _read_input(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{path}: no such file")
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None


def claims(
    path: str = typer.Argument(..., metavar="PATH|-", help="Text file to read, or - for stdin."),
    published: str | None = typer.Option(
        None, "--published", metavar="YYYY-MM-DD", help="Publication date: dates already past read as history."
    ),
    lang: str | None = typer.Option(
        None, "--lang", metavar="en|fr|ru", help="Language of the text (default: detected)."
    ),
    fmt: Format = typer.Option(
        Format.jsonl, "--format", "-f", help="Output format: jsonl (default, one claim a line), json, csv or table."
    ),
    explain: bool = typer.Option(False, "--explain", help="Show why each sentence was read as a claim."),
    catalogue: Path | None = typer.Option(
        None, "--catalogue", dir_okay=False, help="Facts catalogue (default: the bundled one)."
    ),
) -> None:
    """Read the dated claims about catalogue facts in a text file (or stdin), one per line."""
    from isswatch.extractors.claims.catalogue import load_catalogue
    from isswatch.extractors.claims.reading import extract_claims

    pub = None
    if published is not None:
        try:
            pub = dt.date.fromisoformat(published.strip())
        except ValueError:
            raise InputError(f"--published {published!r} is not a date such as 2025-07-31") from None
    if lang is not None and lang not in ("en", "fr", "ru"):
        raise InputError(f"--lang {lang!r} is not one of en, fr, ru")
    text = _read_input(path)
    cat = load_catalogue(catalogue) if catalogue is not None else None
    found = extract_claims(text, published=pub, lang=lang, catalogue=cat)
    if fmt is Format.jsonl:
        for c in found:
            typer.echo(json_text(c.to_dict(), indent=None))
    else:
        columns = CLAIM_COLUMNS + (["explanation"] if explain else [])
        render(columns, [[getattr(c, k) for k in columns] for c in found], fmt, title=f"claims in {path}")
    if explain and fmt is Format.jsonl:
        for c in found:
            typer.echo(inert(f"{c.fact}={c.value} ({c.status}): {c.explanation}"), err=True)
    typer.echo(f"{len(found)} claim" + ("" if len(found) == 1 else "s"), err=True)


def evaluate(
    set_dir: Path | None = typer.Option(
        None,
        "--set",
        file_okay=False,
        help="Directory of labelled .jsonl files (default: the bundled tests/claims_eval).",
    ),
    fmt: Format = FORMAT_OPTION,
    errors: bool = typer.Option(
        False,
        "--errors",
        help="Also list the examples not read perfectly (on stderr; never those of the frozen test part).",
    ),
    corpus: bool = typer.Option(
        True,
        "--corpus/--no-corpus",
        help="Also score the article corpus (dev and frozen test parts) and "
        "replay its test articles through change detection.",
    ),
    corpus_dir: Path | None = typer.Option(
        None,
        "--corpus-dir",
        file_okay=False,
        help="Article corpus to score: dev/ and test/ of labelled articles and history.toml "
        "(default: the bundled tests/claims_corpus).",
    ),
    catalogue: Path | None = typer.Option(
        None, "--catalogue", dir_okay=False, help="Facts catalogue to score (default: the bundled one)."
    ),
) -> None:
    """Score the claim extractor: labelled sentences, whole articles (dev, test) and the alerts they would raise."""
    from isswatch.extractors.claims.catalogue import load_catalogue
    from isswatch.extractors.claims.reading import EXTRACTOR_VERSION, extract_claims
    from isswatch.extractors.claims.scoring import evaluate as run_eval
    from isswatch.extractors.claims.scoring import load_examples

    cat = load_catalogue(catalogue) if catalogue is not None else None  # a new fact is tested in its own copy

    if corpus_dir is not None:
        missing = [n for n in ("dev", "test", "history.toml") if not (corpus_dir / n).exists()]
        if missing:
            raise InputError(f"{corpus_dir}: not an article corpus (no {', '.join(missing)}; see tests/claims_corpus)")
    root = corpus_dir or default_corpus_dir()

    directory = set_dir or default_eval_dir()
    if not directory.is_dir():
        raise InputError(
            f"{directory}: no labelled set found (it ships with the source checkout under "
            "tests/claims_eval; pass --set DIR)"
        )
    examples = load_examples(directory)
    report = run_eval(
        examples,
        lambda ex: {
            (c.fact, c.value, c.status)
            for c in extract_claims(ex.text, published=ex.published, lang=ex.lang or None, catalogue=cat)
        },
    )
    columns = ["scope", "name", "tp", "fp", "fn", "precision", "recall", "f1"]
    if errors:
        for ex_id, missed, wrong in report.errors:
            typer.echo(f"{ex_id}: missed {missed} wrong {wrong}", err=True)
    cur = report.by_status.get("current")
    if cur is not None:
        typer.echo(
            f"{report.examples} examples ({report.hard} hard); current claims: precision "
            f"{cur.precision:.3f}, recall {cur.recall:.3f}",
            err=True,
        )
    with_corpus = corpus and (corpus_dir is not None or (set_dir is None and (root / "test").is_dir()))
    if corpus and corpus_dir is None and set_dir is None and not with_corpus:
        typer.echo("(no article corpus in this installation: it ships with the source checkout)", err=True)
    if not with_corpus:
        render(columns, report.rows(), fmt, title=f"{EXTRACTOR_VERSION} on {report.examples} examples")
        return
    articles, alerts = _corpus_rows(errors, root, cat)
    if fmt is Format.json:  # one JSON document: the sentence rows, the article rows and the alert replay
        typer.echo(
            json_text(
                {
                    "sentences": [dict(zip(columns, r, strict=True)) for r in report.rows()],
                    "articles": articles,
                    "alerts": alerts,
                }
            )
        )
    elif fmt is Format.table:
        render(columns, report.rows(), fmt, title=f"{EXTRACTOR_VERSION} on {report.examples} examples")
        render(
            list(articles[0]),
            [list(r.values()) for r in articles],
            fmt,
            title=f"{EXTRACTOR_VERSION} on whole articles ({corpus_dir or 'tests/claims_corpus'})",
        )
        render(
            list(alerts[0]),
            [list(r.values()) for r in alerts],
            fmt,
            title="alerts a replay in publication order would raise, against the corpus history",
        )
    else:  # csv, jsonl: one table, the sentences as part "sentences" (the replay is on stderr)
        rows = [["sentences", *r] for r in report.rows()] + [list(r.values()) for r in articles]
        render(["part", *columns], rows, fmt)


def default_corpus_dir() -> Path:
    from isswatch.flows.corpus_eval import default_corpus_dir as corpus_dir

    return corpus_dir()


def _corpus_rows(
    errors: bool, root: Path, catalogue: Catalogue | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The article corpus: score rows per part (new facts apart) and the replay of each part's alerts."""
    from isswatch.flows.corpus_eval import NEW_FACTS, evaluate_part

    rows, replay_rows = [], []
    for part in ("dev", "test"):
        result = evaluate_part(root / part, root / "history.toml", catalogue=catalogue)
        for scope, name, tp, fp, fn, precision, recall, f1 in result.report.rows():
            if scope == "fact" and name in NEW_FACTS:
                scope = "new fact"
            rows.append(
                {
                    "part": part,
                    "scope": scope,
                    "name": name,
                    "tp": tp,
                    "fp": fp,
                    "fn": fn,
                    "precision": precision,
                    "recall": recall,
                    "f1": f1,
                }
            )
        r = result.replay
        replay_rows.append(
            {
                "part": part,
                "true changes": len(r.true_changes),
                "reachable": len(r.reachable),
                "found": len(r.found),
                "missed": len(r.missed),
                "false": len(r.false),
            }
        )
        cur, hist = result.report.by_status["current"], result.report.by_status["historical"]
        typer.echo(
            f"{part}: {len(result.articles)} articles; current P {cur.precision:.3f} R {cur.recall:.3f}; "
            f"historical P {hist.precision:.3f} R {hist.recall:.3f}; alerts: {len(r.found)} of "
            f"{len(r.reachable)} reachable changes found, {len(r.false)} false",
            err=True,
        )
        if errors and part == "dev":
            for ex_id, missed, wrong in result.report.errors:
                typer.echo(f"{ex_id}: missed {missed} wrong {wrong}", err=True)
    return rows, replay_rows
