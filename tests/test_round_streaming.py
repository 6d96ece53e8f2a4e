"""A streaming round: pages in flight bounded by the setting, results stored in several writes, and the
same rows whatever the bound and whether extraction runs in the process pool or on a local Dask cluster."""

from __future__ import annotations

import datetime as dt
import queue
import random
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w

from isswatch.extractors.fetching.addresses import AddressPolicy
from isswatch.extractors.fetching.downloads import FetchLimits, make_client
from isswatch.extractors.fetching.feed_parsing import FeedEntry
from isswatch.extractors.fetching.page_stream import PageStream
from isswatch.extractors.fetching.polling import EntryRecord
from tests.round_fixtures import NewsSite, Story, article_html, rows, run_round, write_config

PAGES = 12


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    with NewsSite() as s:
        stories = []
        for i in range(PAGES):
            path = f"/space/story-{i}"
            year = 2028 + i % 3
            lead = f"NASA and Roscosmos agreed to operate the International Space Station until {year} (report {i})."
            s.set_page(path, article_html(f"ISS until {year}, report {i}", [lead, *_paragraphs(i)]))
            stories.append(
                Story(f"s{i}", f"ISS operations until {year} ({i})", path, "On the space station.", _when(i))
            )
        # a page that is gone and one whose text never names the station
        stories.append(Story("gone", "ISS story that vanished", "/space/gone", "The space station.", _when(20)))
        s.set_page("/space/cake", article_html("Baking", ["Flour, butter and sugar make a fine cake."] * 3))
        stories.append(Story("cake", "ISS crew bakes a cake", "/space/cake", "The space station.", _when(21)))
        s.set_feed("alpha", stories[: len(stories) // 2], title="Alpha")
        s.set_feed("beta", stories[len(stories) // 2 :], title="Beta")
        yield s


def _paragraphs(seed: int) -> list[str]:
    """Text of its own for each story (shared filler would make them copies of one another)."""
    rng = random.Random(seed)
    return [" ".join(rng.choice(_WORDS) for _ in range(25)).capitalize() + "." for _ in range(3)]


_VOCABULARY = (
    "orbit module crew cargo launch docking segment budget engineers solar array thruster laboratory "
    "experiment spacewalk capsule reboost altitude partners contract schedule review vehicle hardware "
    "research flight commander airlock radiator battery truss cooling leak repair analysis decade"
)
_WORDS = _VOCABULARY.split()


def _when(i: int) -> dt.datetime:
    return dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=i)


def _config(tmp: Path, site: NewsSite, **sections: dict) -> Path:
    feeds = [{"url": site.feed_url(n), "name": n, "lang": "en"} for n in ("alpha", "beta")]
    path = write_config(tmp / "isswatch.toml", data_dir=tmp, feeds=feeds, deadline=10.0)
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    for name, values in sections.items():
        config.setdefault(name, {}).update(values)
    path.write_text(tomli_w.dumps(config), encoding="utf-8")
    return path


_ROWS = {
    "entries": "SELECT entry_id, relevant, skip_reason, refetch FROM entries ORDER BY 1",
    "articles": "SELECT article_id, url, entry_id, title, text, lang, published_at, content_hash, duplicate_of, "
    "version, relevant, skip_reason FROM articles ORDER BY 1",
    "claims": "SELECT claim_id, article_id, fact, value, status, qualifier, reported_at FROM claims ORDER BY 1",
    "changes": "SELECT fact, kind, old_value, new_value, claim_ids, outlets FROM changes ORDER BY 1, 2",
}


def _dump(data_dir: Path) -> dict[str, list[tuple]]:
    return {name: rows(data_dir / "isswatch.duckdb", sql) for name, sql in _ROWS.items()}


def _entry(site: NewsSite, i: int) -> EntryRecord:
    link = site.url(f"/space/story-{i}")
    return EntryRecord(
        f"e{i}",
        site.feed_url("alpha"),
        FeedEntry(None, link, f"{i}", "", None, None, None, None, None),
        link,
        True,
        (),
        None,
    )


def test_downloads_stop_at_the_pages_in_flight_until_stored_ones_are_released(site: NewsSite) -> None:
    limits = FetchLimits(deadline=10.0, connect_timeout=2.0, max_bytes=2_000_000, max_redirects=2, user_agent="t")
    before = sum(site.page_hits.values())
    with (
        make_client(limits, AddressPolicy.from_strings(["127.0.0.1"])) as client,
        PageStream(
            [_entry(site, i) for i in range(8)], client=client, limits=limits, concurrency=8, per_host=8, in_flight=3
        ) as stream,
    ):
        got = [stream.get(timeout=10) for _ in range(3)]
        assert all(p is not None and p.result is not None for p in got)
        with pytest.raises(queue.Empty):
            stream.get(timeout=0.5)
        assert sum(site.page_hits.values()) - before == 3
        stream.release(2)
        got += [stream.get(timeout=10) for _ in range(2)]
        stream.release(6)
        got += [stream.get(timeout=10) for _ in range(3)]
        assert stream.get() is PageStream.END
    assert sorted(p.entry.entry_id for p in got if p is not None) == sorted(f"e{i}" for i in range(8))
    assert stream.stats.span > 0


@pytest.mark.slow
def test_a_round_with_few_pages_in_flight_stores_what_a_round_with_many_stores(
    prefect_api: str, site: NewsSite, tmp_path: Path
) -> None:
    few, many = tmp_path / "few", tmp_path / "many"
    few.mkdir(), many.mkdir()
    a, _ = run_round(_config(few, site, extraction={"pages_in_flight": 4}))
    b, _ = run_round(_config(many, site))
    assert (a["pages_fetched"], a["pages_failed"], a["articles_new"]) == (PAGES + 1, 1, PAGES + 1)
    for key in ("pages_fetched", "pages_failed", "articles_new", "claims_new"):
        assert a[key] == b[key], key
    assert a["stages"]["store"] > 0 and a["stages"]["pages"] >= a["stages"]["store"]
    rows_a, rows_b = _dump(few), _dump(many)
    for name in _ROWS:
        assert rows_a[name] == rows_b[name], name
    assert len(rows_a["changes"]) == 1
    # the vanished page's entry is marked with why; the off-topic one is stored as not relevant
    skips = dict(rows(few / "isswatch.duckdb", "SELECT link, skip_reason FROM entries"))
    assert skips[site.url("/space/gone")].startswith("download failed")
    assert [r[10] for r in rows_a["articles"] if r[1].endswith("/space/cake")] == [False]


@pytest.mark.slow
def test_a_round_on_two_dask_workers_stores_the_same_rows_as_the_process_pool(
    prefect_api: str, site: NewsSite, tmp_path: Path
) -> None:
    pool, dask = tmp_path / "pool", tmp_path / "dask"
    pool.mkdir(), dask.mkdir()
    a, _ = run_round(_config(pool, site, extraction={"pages_in_flight": 8}))
    b, _ = run_round(_config(dask, site, extraction={"pages_in_flight": 8}, dask={"workers": 2, "batch": 4}))
    for key in ("pages_fetched", "pages_failed", "articles_new", "claims_new"):
        assert a[key] == b[key], key
    assert "extract_wait" in b["stages"] and "extract_wait" not in a["stages"]  # batches went to Dask
    assert a["articles_new"] == PAGES + 1
    rows_a, rows_b = _dump(pool), _dump(dask)
    for name in _ROWS:
        assert rows_a[name] == rows_b[name], name
