"""The facts catalogue: loading, validation errors naming file and fact, extension without code."""

from __future__ import annotations

import datetime as dt

import pytest

from isswatch.extractors.claims.catalogue import (
    DEFAULT_CATALOGUE,
    LANGUAGES,
    check_value,
    load_catalogue,
    parse_catalogue,
)
from isswatch.extractors.claims.reading import extract_claims
from isswatch.extractors.errors import CatalogueError

MINIMAL = """
[facts."haven1.launch"]
description = "Launch of the Haven-1 commercial station"
years = [2024, 2035]
baseline = { value = "2026", as_of = 2025-07-01, source = "test" }
terms.en = { subject = ["Haven-1"], event = ["launch*"] }
"""


def test_bundled_catalogue_has_the_core_facts():
    cat = load_catalogue()
    for key in (
        "iss.operations_end",
        "iss.deorbit",
        "iss.deorbit_start",
        "iss.russia_participation_end",
        "ros.first_module_launch",
    ):
        fact = cat.get(key)
        assert fact.description and fact.baseline.source
        assert set(fact.terms) == set(LANGUAGES)
        assert all(fact.terms[lang].subject and fact.terms[lang].event for lang in LANGUAGES)
    assert cat.get("iss.operations_end").baseline.value == "2028"
    assert cat.get("iss.operations_end").baseline.as_of == dt.date(2025, 7, 31)
    russia = cat.get("iss.russia_participation_end")
    assert russia.superseded_at("2024", dt.date(2022, 7, 26)) is None  # the plan of its day
    assert russia.superseded_at("2024", dt.date(2023, 6, 1)).since == dt.date(2023, 4, 25)
    assert cat.get("iss.russia_participation_end").borrows == ("iss.operations_end",)
    assert any(s.name == "Dmitry Bakanov" for s in cat.speakers)


def test_load_is_cached_while_the_file_is_unchanged(tmp_path):
    assert load_catalogue() is load_catalogue(DEFAULT_CATALOGUE)
    p = tmp_path / "facts.toml"
    p.write_text(MINIMAL, encoding="utf-8")
    first = load_catalogue(p)
    assert load_catalogue(p) is first
    p.write_text(MINIMAL.replace("2026", "2027"), encoding="utf-8")
    assert load_catalogue(p).get("haven1.launch").baseline.value == "2027"


def test_adding_a_fact_is_a_catalogue_edit():
    cat = parse_catalogue(MINIMAL)
    claims = extract_claims("Vast plans to launch Haven-1 in May 2026.", catalogue=cat, lang="en")
    assert [(c.fact, c.value, c.granularity) for c in claims] == [("haven1.launch", "2026-05", "month")]


@pytest.mark.parametrize(
    ("mutation", "words"),
    [
        (lambda t: t.replace('value = "2026"', 'value = "2026-02-30"'), ["haven1.launch", "real date"]),
        (lambda t: t.replace("terms.en", "terms.de"), ["haven1.launch", "unknown language"]),
        (lambda t: t.replace("years = [2024, 2035]", "years = [2035]"), ["haven1.launch", "years"]),
        (lambda t: t.replace('event = ["launch*"]', 'event = "launch"'), ["haven1.launch", "event"]),
        (lambda t: t.replace('source = "test"', 'source = ""'), ["haven1.launch", "source"]),
        (lambda t: t.replace('event = ["launch*"]', 'event = ["launch*"], decoys = ["x"]'), ["unknown entries"]),
        (lambda t: t + "\n[speakrs]\nNASA = ['NASA']\n", ["unknown top-level"]),
        (lambda t: t.replace("years =", "yeers ="), ["haven1.launch", "unknown entries", "yeers"]),
        (lambda t: t.replace("as_of = 2025-07-01", 'as_of = "soon"'), ["haven1.launch", "baseline.as_of"]),
        (lambda t: t.replace("[facts.", "[facts"), ["not valid TOML"]),
    ],
)
def test_errors_name_file_and_fact(mutation, words):
    with pytest.raises(CatalogueError) as err:
        parse_catalogue(mutation(MINIMAL), path="my/facts.toml")
    message = str(err.value)
    assert message.startswith("my/facts.toml")
    for w in words:
        assert w in message


def test_unreadable_file_names_it(tmp_path):
    with pytest.raises(CatalogueError, match=r"missing\.toml"):
        load_catalogue(tmp_path / "missing.toml")


def test_check_value():
    assert check_value("2030-02", "x") == "2030-02"
    with pytest.raises(CatalogueError):
        check_value("30", "x")


def test_superseded_values_carry_the_date_from_which_they_are_history(tmp_path):
    p = tmp_path / "facts.toml"
    p.write_text(
        MINIMAL
        + (
            '\n[facts."x.y"]\ndescription = "d"\nbaseline = { value = "2028", as_of = 2025-01-01, source = "s" }\n'
            'superseded = [{ value = "2024", since = 2023-04-25 }]\n'
        ),
        encoding="utf-8",
    )
    fact = load_catalogue(p).get("x.y")
    assert fact.superseded_at("2024", dt.date(2023, 4, 25)) is not None
    assert fact.superseded_at("2024", dt.date(2022, 7, 26)) is None  # the plan of its day
    assert fact.superseded_at("2028", dt.date(2026, 1, 1)) is None


def test_a_bare_superseded_value_is_refused_with_the_new_form(tmp_path):
    p = tmp_path / "facts.toml"
    p.write_text(
        '[facts."x.y"]\ndescription = "d"\nbaseline = { value = "2028", as_of = 2025-01-01, source = "s" }\n'
        'superseded = ["2024"]\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="since"):
        load_catalogue(p)


def test_borrows_must_name_another_fact(tmp_path):
    p = tmp_path / "facts.toml"
    p.write_text(
        '[facts."x.y"]\ndescription = "d"\nbaseline = { value = "2028", as_of = 2025-01-01, source = "s" }\n'
        'borrows = ["no.such"]\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="borrows"):
        load_catalogue(p)
