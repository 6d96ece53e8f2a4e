"""A real full disk in the middle of a round: the next round, with room again, makes good what was lost.

The round runs in a mount namespace of its own on a small tmpfs (``unshare -m``). When the round
downloads its first article page, the test's news site fills that filesystem (through
``/proc/PID/root``), so the round's next warehouse commit meets a real ENOSPC from the kernel. The
round must end in one ``Error:`` line; with the filler removed, the next round must end with the
entries, articles, claims and changes of two undisturbed rounds (run in this process for reference).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.round_fixtures import NewsSite, Story, article_html, rows, run_round, story_paragraphs, write_config

REPO = Path(__file__).resolve().parents[1]

_STATE = {
    "entries": "SELECT entry_id, relevant, skip_reason FROM entries ORDER BY 1",
    "articles": "SELECT article_id, entry_id, duplicate_of, version FROM articles ORDER BY 1",
    "claims": "SELECT claim_id, fact, value, status FROM claims ORDER BY 1",
    "changes": "SELECT change_id, fact, kind, old_value, new_value FROM changes ORDER BY 1",
    "feeds": "SELECT url, etag FROM feeds ORDER BY 1",
}


def _can_mount() -> bool:
    return (
        shutil.which("unshare") is not None
        and subprocess.run(
            ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"], capture_output=True
        ).returncode
        == 0
    )


class FillingSite(NewsSite):
    """Fills ``fill_path`` (a file on the round's tmpfs) when the first article page is asked for."""

    fill_path: Path | None = None

    def fill(self) -> None:
        path, self.fill_path = self.fill_path, None
        if path is None:
            return
        try:
            with open(path, "wb") as f:
                while True:
                    f.write(b"\0" * 1024 * 1024)
                    f.flush()
        except OSError:
            pass


class _FillingPages(dict):
    """The site's pages; asking for an article page fills the round's filesystem first."""

    def __init__(self, site: FillingSite) -> None:
        super().__init__()
        self.site = site

    def get(self, key, default=None):  # type: ignore[override]
        if key.startswith("/o"):
            self.site.fill()
        return super().get(key, default)


@pytest.fixture
def site() -> Iterator[FillingSite]:
    with FillingSite() as s:
        s.pages = _FillingPages(s)
        for seed, outlet in ((0, "one"), (5, "two")):
            path = f"/o{outlet}/story"
            lead = (
                f"NASA and Roscosmos agreed to operate the International Space Station until 2030, "
                f"officials told the {outlet} newsroom on day {seed}."
            )
            s.set_page(path, article_html("ISS until 2030", story_paragraphs(lead, seed=seed)))
            s.set_feed(
                outlet,
                [
                    Story(
                        f"{outlet}-1",
                        "ISS to operate until 2030",
                        path,
                        summary="ISS",
                        published=dt.datetime(2026, 11, 19 + (seed > 0), 9, seed, tzinfo=dt.UTC),  # two days
                    )
                ],
            )
        yield s


@pytest.mark.skipif(not _can_mount(), reason="needs a mount namespace (unshare -m)")
def test_a_disk_filling_mid_round_loses_nothing(prefect_api: str, site: FillingSite, tmp_path: Path) -> None:
    feeds = [{"url": site.feed_url(o), "name": o, "lang": "en"} for o in ("one", "two")]
    reference = write_config(tmp_path / "ref.toml", data_dir=tmp_path / "ref", feeds=feeds)
    run_round(reference)
    run_round(reference)
    expected = {t: rows(tmp_path / "ref" / "isswatch.duckdb", q) for t, q in _STATE.items()}
    assert expected["articles"] and expected["changes"]

    mnt = tmp_path / "small"
    mnt.mkdir()
    config = write_config(tmp_path / "c.toml", data_dir=mnt / "data", feeds=feeds)
    out = tmp_path / "out"
    out.mkdir()
    run = f"{sys.executable} -m isswatch.flows.cli run --force --config {config}"
    script = (
        f"mount -t tmpfs -o size=40m tmpfs {mnt} || exit 99; "
        f"{run} 2>{out}/first.err; echo $? > {out}/first.rc; "
        f"rm -f {mnt}/fill; {run} 2>{out}/second.err; echo $? > {out}/second.rc; "
        f"cp {mnt}/data/isswatch.duckdb {out}/"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ISSWATCH_", "PREFECT_HOME"))}
    env["PREFECT_API_URL"] = prefect_api
    proc = subprocess.Popen(["unshare", "-m", "sh", "-c", script], cwd=REPO, env=env)
    site.fill_path = Path(f"/proc/{proc.pid}/root") / str(mnt).lstrip("/") / "fill"
    assert proc.wait(timeout=300) == 0
    first = (out / "first.err").read_text()
    assert (out / "first.rc").read_text().strip() == "1", first
    errors = [line for line in first.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "full" in errors[0] and "Traceback" not in first, first
    assert (out / "second.rc").read_text().strip() == "0", (out / "second.err").read_text()
    got = {t: rows(out / "isswatch.duckdb", q) for t, q in _STATE.items()}
    assert got == expected
