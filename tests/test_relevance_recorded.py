"""Relevance in a real round: every entry not kept says why (``entries.skip_reason``, ``entry_skips``),
and per-feed terms and ``all_relevant`` change what is fetched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.round_fixtures import NewsSite, Story, article_html, rows, run_round, story_paragraphs, write_config

T = dt.datetime(2026, 11, 3, 7, 0, tzinfo=dt.UTC)


def test_every_skipped_entry_has_its_reason_and_per_feed_terms_apply(prefect_api: str, tmp_path: Path) -> None:
    with NewsSite() as site:
        site.set_page(
            "/iss-story",
            article_html(
                "ISS to fly until 2028",
                story_paragraphs(
                    "NASA and Roscosmos agreed to operate the International Space Station until 2028.", seed=1
                ),
            ),
        )
        site.set_page(
            "/recipes",
            article_html(
                "Autumn soups",
                [
                    "Roast the pumpkin with garlic and thyme until it is soft, then blend it with stock.",
                    "Season with salt, pepper and a little nutmeg, and serve with toasted bread and cream.",
                    "The soup keeps for three days in the fridge and freezes well for a month or more.",
                ],
            ),
        )
        site.set_page("/empty", b"<!doctype html><html><head><title>x</title></head><body></body></html>")
        gateway = (
            "The Lunar Gateway's first two modules passed their final design review, the agency said, "
            "keeping the outpost on track for assembly in lunar orbit later this decade."
        )
        site.set_page("/gateway", article_html("Gateway progress", [gateway, *story_paragraphs("", seed=3)[1:]]))
        site.set_page(
            "/weekly",
            article_html(
                "Weekly update", story_paragraphs("This week the ISS crew tested a new water recycling unit.", seed=4)
            ),
        )
        news = [
            Story("n-irrelevant", "Football results", "/football", "The derby ended in a draw.", T),
            Story("n-nolink", "ISS crew returns", None, "Soyuz landed safely.", T),
            Story("n-gone", "NASA page gone", "/gone", "NASA statement.", T),
            Story("n-text", "ISS in the headline only", "/recipes", "ISS", T),
            Story("n-empty", "NASA empty page", "/empty", "NASA.", T),
            Story("n-good", "ISS until 2028", "/iss-story", "NASA and Roscosmos agree.", T),
            Story("n-gateway", "Gateway progress", "/gateway", "Lunar Gateway modules pass review.", T),
        ]
        feeds = [
            {"url": site.set_feed("news", news), "name": "news"},
            {
                "url": site.set_feed(
                    "lunar",
                    [Story("l-gateway", "Gateway progress", "/gateway", "Lunar Gateway modules pass review.", T)],
                ),
                "name": "lunar",
                "terms": ["Gateway"],
            },
            {
                "url": site.set_feed("blog", [Story("b-weekly", "Weekly update", "/weekly", "Our week.", T)]),
                "name": "blog",
                "all_relevant": True,
            },
        ]
        config = write_config(tmp_path / "c.toml", data_dir=tmp_path, feeds=feeds)
        run_round(config)
        wh = tmp_path / "isswatch.duckdb"

        stages = dict(rows(wh, "SELECT e.guid, s.stage FROM entries e LEFT JOIN entry_skips s USING (entry_id)"))
        assert stages == {
            "n-irrelevant": "title and summary",
            "n-nolink": "no link",
            "n-gone": "download failed",
            "n-text": "text irrelevant",
            "n-empty": "extraction failed",
            "n-good": None,
            "n-gateway": "title and summary",  # "Gateway" is a term of the lunar feed only
            "l-gateway": None,
            "b-weekly": None,
        }
        # nothing silently dropped: an entry without a kept article always says why
        silent = rows(
            wh,
            "SELECT guid FROM entries e WHERE skip_reason IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.entry_id = e.entry_id AND a.relevant)",
        )
        assert silent == []
        reasons = dict(rows(wh, "SELECT guid, skip_reason FROM entries"))
        assert reasons["n-irrelevant"] == "no relevance term in title and summary"
        assert "404" in reasons["n-gone"] and reasons["n-gone"].startswith("download failed")
        assert reasons["n-text"] == "no relevance term in article text"
        terms = dict(rows(wh, "SELECT guid, matched_terms FROM entries WHERE relevant"))
        assert terms["l-gateway"] == ["Gateway"] and "NASA" in terms["n-good"]
        # fetched: the relevant pages, once each; never the entries judged irrelevant on title and summary
        assert site.page_hits["/gateway"] == 1 and site.page_hits["/weekly"] == 1
        assert site.page_hits["/football"] == 0
        kept = {
            g for (g,) in rows(wh, "SELECT e.guid FROM articles a JOIN entries e USING (entry_id) WHERE a.relevant")
        }
        assert kept == {"n-good", "l-gateway", "b-weekly"}
