"""The warehouse explains itself, and the documentation says what the database holds.

Every table, view and column of a fresh warehouse has a DuckDB COMMENT; docs/schema.md lists exactly
the tables and views that exist; the README names every view and every fact of the catalogue.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from isswatch.extractors.claims.catalogue import load_catalogue
from isswatch.warehouse.comments import apply_comments, descriptions
from isswatch.warehouse.connection import reader, writer

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_MD = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "wh.duckdb"
    with writer(path) as con:
        assert apply_comments(con, force=True)  # raises if any comment does not apply
    return path


def relations(path: Path) -> tuple[set[str], set[str]]:
    with reader(path) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal").fetchall()}
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    return tables, views


def test_every_table_view_and_column_has_a_comment(fresh: Path):
    with reader(fresh) as con:
        missing = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND coalesce(comment, '') = ''"
        ).fetchall()
        bare = con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT internal AND coalesce(comment, '') = '' "
            "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal "
            "AND coalesce(comment, '') = ''"
        ).fetchall()
    assert missing == [] and bare == []


def test_no_description_for_a_column_that_does_not_exist(fresh: Path):
    with reader(fresh) as con:
        columns = {
            (t, c)
            for t, c in con.execute(
                "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal"
            ).fetchall()
        }
    d = descriptions()
    stale = [
        (t, c)
        for kind in ("tables", "views")
        for t, cols in d[kind].items()
        for c in cols
        if c not in ("_", "from") and (t, c) not in columns
    ]
    assert stale == []


def _listed(section: str) -> set[str]:
    body = SCHEMA_MD.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)`", body, flags=re.M))


def test_docs_schema_lists_exactly_the_tables_and_views(fresh: Path):
    tables, views = relations(fresh)
    assert _listed("Views") == views
    assert _listed("Tables") == tables


def test_the_readme_names_every_view():
    sentence = README.split("The views with stable", 1)[1].split("described in", 1)[0]
    named = set(re.findall(r"`([a-z_]+)`", sentence))
    _, views = relations_of_new_warehouse()
    assert named == views


def relations_of_new_warehouse() -> tuple[set[str], set[str]]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "wh.duckdb"
        with writer(path):
            pass
        return relations(path)


def test_the_readme_lists_every_fact_of_the_catalogue_with_its_baseline():
    rows = dict(
        re.findall(
            r"^\| `([a-z0-9_.]+)` \| (\S+) \|",
            README.split("## The facts catalogue", 1)[1].split("\n## ", 1)[0],
            flags=re.M,
        )
    )
    assert rows == {f.key: f.baseline.value for f in load_catalogue(None).facts}
