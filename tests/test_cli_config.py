"""Feeds and configuration from the CLI: add, remove, OPML import and export, config show, --version.

The feeds are checked against a real loopback server; the config file is a real file whose comments must
survive every edit.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from isswatch.flows.cli import app
from isswatch.flows.feed_config import read_opml, write_opml
from tests.misbehaving_server import MisbehavingServer

COMMENTED = """# my isswatch config: keep this comment
data_dir = "{data}"   # where the warehouse lives
allow_hosts = ["127.0.0.1"]

[http]
deadline = 3          # short, for tests

# the feeds I follow
[[feeds]]
url = "https://kept.example.org/feed.xml"   # an old favourite
name = "Kept"
"""


@pytest.fixture(scope="module")
def server() -> Iterator[MisbehavingServer]:
    s = MisbehavingServer().start()
    try:
        yield s
    finally:
        s.stop_server()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "isswatch.toml"
    path.write_text(COMMENTED.format(data=tmp_path.as_posix()), encoding="utf-8")
    return path


def invoke(*args: str, **kw):
    return CliRunner().invoke(app, list(args), **kw)


def test_add_checks_the_feed_and_keeps_the_comments(config: Path, server: MisbehavingServer):
    url = server.url("/feed")
    result = invoke("feeds", "add", url, "--name", "Space news", "--lang", "en", "--primary", "-c", str(config))
    assert result.exit_code == 0, result.stderr
    text = config.read_text(encoding="utf-8")
    for comment in (
        "# my isswatch config: keep this comment",
        "# where the warehouse lives",
        "# short, for tests",
        "# the feeds I follow",
        "# an old favourite",
    ):
        assert comment in text
    feeds = tomllib.loads(text)["feeds"]
    assert feeds[-1] == {"url": url, "name": "Space news", "lang": "en", "primary": True}
    again = invoke("feeds", "add", url, "-c", str(config))
    assert again.exit_code == 1 and "already in" in again.stderr


def test_add_refuses_an_unusable_or_invalid_feed(config: Path, server: MisbehavingServer):
    before = config.read_text(encoding="utf-8")
    broken = invoke("feeds", "add", server.url("/status/500"), "-c", str(config))
    assert broken.exit_code == 1 and "not usable" in broken.stderr and "--no-check" in broken.stderr
    invalid = invoke("feeds", "add", "ftp://example.org/feed", "-c", str(config))
    assert invalid.exit_code == 1 and "http" in invalid.stderr
    lang = invoke("feeds", "add", server.url("/feed"), "--lang", "de", "-c", str(config))
    assert lang.exit_code == 1
    assert config.read_text(encoding="utf-8") == before
    forced = invoke("feeds", "add", server.url("/status/500"), "--no-check", "-c", str(config))
    assert forced.exit_code == 0


def test_remove_keeps_the_rest(config: Path):
    result = invoke("feeds", "remove", "https://kept.example.org/feed.xml", "-c", str(config))
    assert result.exit_code == 0
    text = config.read_text(encoding="utf-8")
    assert "kept.example.org" not in text and "# short, for tests" in text
    assert invoke("feeds", "remove", "https://nope.example.org/", "-c", str(config)).exit_code == 1


def test_the_bundled_default_is_copied_never_written(tmp_path: Path, monkeypatch, server: MisbehavingServer):
    from isswatch.flows.settings import DEFAULT_CONFIG

    monkeypatch.chdir(tmp_path)
    before = DEFAULT_CONFIG.read_bytes()
    result = invoke("feeds", "add", "https://new.example.org/rss", "--no-check")
    assert result.exit_code == 0, result.stderr
    assert DEFAULT_CONFIG.read_bytes() == before
    local = (tmp_path / "isswatch.toml").read_text(encoding="utf-8")
    assert "https://new.example.org/rss" in local and "# isswatch default configuration" in local


def test_opml_import_adds_usable_feeds_and_says_why_not_the_others(
    config: Path, server: MisbehavingServer, tmp_path: Path
):
    opml = tmp_path / "reader.opml"
    opml.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY x "xx">]>
<opml version="2.0"><head><title>from my reader</title></head><body>
  <outline text="Space"><outline type="rss" text="Space news" xmlUrl="{server.url("/feed")}" language="en-GB"/>
    <outline type="rss" title="Broken" xmlUrl="{server.url("/status/500")}"/></outline>
  <outline type="rss" text="Kept" xmlUrl="https://kept.example.org/feed.xml"/>
  <outline type="rss" text="Bad scheme" xmlUrl="file:///etc/passwd"/>
</body></opml>""",
        encoding="utf-8",
    )
    result = invoke("feeds", "import", str(opml), "-c", str(config), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "url,name,result"
    assert any(line.endswith(",Space news,added") for line in lines)
    assert any("Broken,not usable" in line for line in lines)
    assert any(line.endswith("already configured") for line in lines)
    assert any("file:///etc/passwd" in line and "invalid" in line for line in lines)
    feeds = tomllib.loads(config.read_text(encoding="utf-8"))["feeds"]
    assert [f["url"] for f in feeds] == ["https://kept.example.org/feed.xml", server.url("/feed")]
    assert feeds[1]["lang"] == "en"
    assert "# an old favourite" in config.read_text(encoding="utf-8")


def test_opml_export_round_trips(config: Path):
    result = invoke("feeds", "export", "-c", str(config))
    assert result.exit_code == 0 and result.stdout.startswith("<?xml")
    found = read_opml(result.stdout.encode(), source="stdout")
    assert [(f.url, f.name) for f in found] == [("https://kept.example.org/feed.xml", "Kept")]
    assert (
        read_opml(write_opml([{"url": "http://a.example/x", "name": "A & B", "lang": "fr"}]).encode(), source="x")[
            0
        ].lang
        == "fr"
    )


def test_not_opml_is_one_clear_line(tmp_path: Path, config: Path):
    bad = tmp_path / "x.opml"
    bad.write_text("<rss><channel/></rss>", encoding="utf-8")
    result = invoke("feeds", "import", str(bad), "-c", str(config))
    assert result.exit_code == 1 and "not OPML" in result.stderr


def test_config_show_says_where_each_setting_came_from(config: Path):
    result = invoke(
        "config",
        "show",
        "-c",
        str(config),
        "-f",
        "json",
        env={"ISSWATCH_HTTP__CONNECT_TIMEOUT": "7", "ISSWATCH_ALERTS__URLS": "mailtos://me:s3cret@x.org"},
    )
    assert result.exit_code == 0, result.stderr
    import json

    rows = {r["setting"]: r for r in json.loads(result.stdout)}
    assert rows["http.deadline"] == {"setting": "http.deadline", "value": "3.0", "source": str(config)}
    assert rows["http.connect_timeout"]["source"] == "ISSWATCH_HTTP__CONNECT_TIMEOUT"
    assert rows["http.max_redirects"]["source"] == "default"
    assert "s3cret" not in result.stdout and "***" in rows["alerts.urls"]["value"]
    assert rows["feeds"]["value"] == "1 feed"


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("isswatch ")


def test_feeds_check_into_a_pipe_is_never_hard_wrapped():
    result = invoke("feeds", "check", "http://127.0.0.1:9/feed.xml")  # default config: loopback refused
    assert result.exit_code == 1
    [line] = [x for x in result.stdout.splitlines() if "blocked_address" in x]
    assert "allow_hosts" in line and len(line) > 80


def test_claims_and_eval_share_the_formats(tmp_path: Path):
    text = tmp_path / "a.txt"
    text.write_text("NASA and Roscosmos agreed to operate the ISS until 2028.", encoding="utf-8")
    out = invoke("claims", str(text), "-f", "csv")
    assert out.exit_code == 0 and out.stdout.splitlines()[0].startswith("fact,value,")
    assert "iss.operations_end,2028," in out.stdout and "1 claim\n" in out.stderr
    as_json = invoke("claims", str(text), "-f", "json")
    assert as_json.exit_code == 0 and as_json.stdout.lstrip().startswith("[")
    assert invoke("claims", str(text), "-f", "xml").exit_code == 2
