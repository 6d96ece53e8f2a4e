"""``isswatch claims`` and ``isswatch eval`` through typer's test runner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from isswatch.extractors.claims.catalogue import DEFAULT_CATALOGUE
from isswatch.flows.cli import app as isswatch_app
from isswatch.flows.corpus_eval import default_corpus_dir

TEXT = (
    "NASA and Roscosmos agreed to operate the ISS until 2028, Bakanov said.\n"
    "The ISS was originally scheduled to retire in 2024.\n"
)


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    return isswatch_app


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_claims_jsonl_from_a_file(app, runner, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["claims", str(p), "--published", "2025-08-01"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(c["fact"], c["value"], c["status"]) for c in lines] == [
        ("iss.operations_end", "2028", "current"),
        ("iss.operations_end", "2024", "historical"),
    ]
    assert all(TEXT[c["start"] : c["end"]] == c["sentence"] for c in lines)
    assert "2 claims" in result.stderr


def test_claims_from_stdin_table_with_explanations(app, runner):
    result = runner.invoke(
        app,
        ["claims", "-", "--format", "table", "--explain", "--lang", "ru"],
        input="МКС сведут с орбиты в 2030 году.",
        env={"COLUMNS": "300"},
    )
    assert result.exit_code == 0, result.output
    assert "iss.deorbit" in result.stdout and "2030" in result.stdout
    assert "explanation" in result.stdout


def test_claims_unicode_stays_readable_in_jsonl(app, runner):
    result = runner.invoke(app, ["claims", "-"], input="Эксплуатация МКС продлена до 2030 года.")
    assert "Эксплуатация" in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["claims", "no/such/file.txt"], ["no/such/file.txt", "no such file"]),
        (["claims", "-", "--published", "31/07/2025"], ["--published", "31/07/2025"]),
        (["claims", "-", "--lang", "de"], ["--lang", "de"]),
        (["claims", "-", "--catalogue", "missing.toml"], ["missing.toml"]),
    ],
)
def test_claims_bad_input_is_one_line_and_exit_1(app, runner, args, words):
    result = runner.invoke(app, args, input="x")
    assert result.exit_code == 1
    assert result.stdout == ""
    err = result.stderr.strip()
    assert err.startswith("Error:") and len(err.splitlines()) == 1
    for w in words:
        assert w in err


def test_claims_not_utf8(app, runner, tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("désorbitation en 2030".encode("latin-1"))
    result = runner.invoke(app, ["claims", str(p)])
    assert result.exit_code == 1 and "not UTF-8" in result.stderr


def test_claims_bad_usage_is_exit_2(app, runner):
    assert runner.invoke(app, ["claims", "-", "--frobnicate"]).exit_code == 2


def _small_corpus(root: Path) -> Path:
    """A corpus of the bundled layout from a few development articles (the frozen test part stays unread): its
    "test" part holds the dev articles that name Haven-1, its "dev" part the first others."""
    bundled = default_corpus_dir()
    lines = [line for f in sorted((bundled / "dev").glob("*.jsonl")) for line in f.read_text("utf-8").splitlines()]
    haven = [line for line in lines if '"haven1.launch"' in line][:12]
    others = [line for line in lines if '"haven1.launch"' not in line][:12]
    for part, chosen in (("dev", others), ("test", haven)):
        (root / part).mkdir(parents=True)
        (root / part / "few.jsonl").write_text("\n".join(chosen) + "\n", encoding="utf-8")
    shutil.copy(bundled / "history.toml", root / "history.toml")
    return root


def test_eval_as_json_scores_sentences_articles_and_alerts(app, runner, tmp_path):
    corpus = _small_corpus(tmp_path / "corpus")
    result = runner.invoke(app, ["eval", "--format", "json", "--corpus-dir", str(corpus)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    rows = document["sentences"]
    parts = {(r["part"], r["scope"], r["name"]) for r in document["articles"]}
    assert {("dev", "status", "current"), ("test", "status", "current"), ("test", "new fact", "haven1.launch")} <= parts
    haven = next(r for r in document["articles"] if (r["part"], r["name"]) == ("test", "haven1.launch"))
    assert haven["tp"] + haven["fn"] >= 12  # every article of that part has a Haven-1 claim
    assert {a["part"] for a in document["alerts"]} == {"dev", "test"}
    scopes = {(r["scope"], r["name"]) for r in rows}
    assert {("overall", "all"), ("lang", "fr"), ("status", "current"), ("fact", "iss.deorbit")} <= scopes
    current = next(r for r in rows if (r["scope"], r["name"]) == ("status", "current"))
    assert current["precision"] >= 0.95 and current["recall"] >= 0.9
    assert "examples" in result.stderr and "test: 12 articles" in result.stderr


STARLAB = """
[facts."starlab.launch"]
description = "Launch of Starlab, a commercial space station, on a SpaceX Starship"
years = [2025, 2040]
baseline = { value = "2028", as_of = 2024-01-31, source = "Starlab Space" }
terms.en = { subject = ["Starlab"], event = ["launch", "lift off", "fly"] }
"""


def test_eval_scores_a_new_fact_written_in_a_copy_of_the_catalogue(app, runner, tmp_path):
    """What docs/claims.md ("Writing a fact") tells a user to do: a fact added to their own catalogue, tested on
    their labelled sentences, with no code change."""
    catalogue = tmp_path / "facts.toml"
    catalogue.write_text(DEFAULT_CATALOGUE.read_text(encoding="utf-8") + STARLAB, encoding="utf-8")
    sentences = tmp_path / "set"
    sentences.mkdir()
    rows = [
        ("s1", "Starlab Space said the station will launch on a Starship in 2029.", [("starlab.launch", "2029")]),
        ("s2", "The Starlab crew will train in Houston in 2027.", []),
    ]
    (sentences / "starlab.jsonl").write_text(
        "".join(
            json.dumps(
                {
                    "id": i,
                    "lang": "en",
                    "text": text,
                    "published": "2025-03-01",
                    "claims": [{"fact": f, "value": v, "status": "current"} for f, v in claims],
                }
            )
            + "\n"
            for i, text, claims in rows
        ),
        encoding="utf-8",
    )
    args = ["eval", "--set", str(sentences), "--no-corpus", "--format", "json"]
    with_it = runner.invoke(app, [*args, "--catalogue", str(catalogue)])
    assert with_it.exit_code == 0, with_it.output
    fact = next(r for r in json.loads(with_it.stdout) if (r["scope"], r["name"]) == ("fact", "starlab.launch"))
    assert (fact["tp"], fact["fp"], fact["fn"]) == (1, 0, 0)
    bundled = runner.invoke(app, args)
    fact = next(r for r in json.loads(bundled.stdout) if (r["scope"], r["name"]) == ("fact", "starlab.launch"))
    assert (fact["tp"], fact["fn"]) == (0, 1)
    missing = runner.invoke(app, [*args, "--catalogue", str(tmp_path / "nope.toml")])
    assert missing.exit_code == 1 and "nope.toml" in missing.stderr and "Traceback" not in missing.output


def test_eval_refuses_a_directory_that_is_not_an_article_corpus(app, runner, tmp_path):
    (tmp_path / "dev").mkdir()
    result = runner.invoke(app, ["eval", "--no-corpus", "--corpus-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert str(tmp_path) in result.stderr and "not an article corpus" in result.stderr
    assert "test" in result.stderr and "history.toml" in result.stderr and "Traceback" not in result.output


def test_eval_on_a_given_set_and_table(app, runner, tmp_path):
    (tmp_path / "mine.jsonl").write_text(
        json.dumps(
            {
                "id": "m1",
                "lang": "en",
                "text": "The ISS will be deorbited in 2030.",
                "hard": False,
                "tags": [],
                "claims": [{"fact": "iss.deorbit", "value": "2030", "status": "current"}],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["eval", "--set", str(tmp_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "iss.deorbit" in result.stdout and "1.0" in result.stdout


def test_eval_missing_or_bad_set(app, runner, tmp_path):
    result = runner.invoke(app, ["eval", "--set", str(tmp_path / "nope")])
    assert result.exit_code == 1 and "nope" in result.stderr
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "--set", str(tmp_path)])
    assert result.exit_code == 1 and "bad.jsonl:1" in result.stderr


def test_commands_have_help(app, runner):
    for cmd in ("claims", "eval"):
        result = runner.invoke(app, [cmd, "--help"])
        assert result.exit_code == 0 and len(result.stdout) > 100
