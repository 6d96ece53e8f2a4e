import datetime as dt
from pathlib import Path

import pytest

from isswatch.extractors.errors import ConfigError
from isswatch.flows.settings import DEFAULT_CONFIG, load_settings


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "isswatch.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_bundled_default_lists_real_feeds_in_three_languages():
    s = load_settings(DEFAULT_CONFIG)
    langs = {f.lang for f in s.feeds}
    assert langs == {"en", "fr", "ru"}
    assert all(f.url.startswith("https://") for f in s.feeds)
    assert not any("127.0.0.1" in f.url or "localhost" in f.url for f in s.feeds)
    assert s.relevance.ru and s.relevance.fr and s.relevance.en


def test_file_values_and_environment_overrides(tmp_path, monkeypatch):
    p = write(
        tmp_path,
        'allow_hosts = ["example.org"]\n[http]\nper_host = 3\ndeadline = 9\n'
        '[[feeds]]\nurl = "http://127.0.0.1:1/f.xml"\nlang = "fr"\n',
    )
    monkeypatch.setenv("ISSWATCH_ALLOW_HOSTS", "127.0.0.1, 10.0.0.0/8")
    monkeypatch.setenv("ISSWATCH_HTTP__DEADLINE", "12.5")
    s = load_settings(p)
    assert s.allow_hosts == ["127.0.0.1", "10.0.0.0/8"]
    assert s.http.deadline == 12.5 and s.http.per_host == 3
    assert s.feeds[0].lang == "fr"
    assert s.warehouse_path == Path("data") / "isswatch.duckdb"


def test_config_path_from_environment(tmp_path, monkeypatch):
    p = write(tmp_path, 'data_dir = "elsewhere"\n')
    monkeypatch.setenv("ISSWATCH_CONFIG", str(p))
    assert load_settings().data_dir == Path("elsewhere")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[http\n", "not valid TOML"),
        ("[[feeds]]\nurl = 'file:///etc/passwd'\n", "feeds.0.url"),
        ("[[feeds]]\nurl = 'https://a.example/x'\n[[feeds]]\nurl = 'https://a.example/x'\n", "listed twice"),
        ("unknown_key = 1\n", "unknown_key"),
        ("[http]\ndeadline = -1\n", "http.deadline"),
        ("[alerts]\nmemory_days = 0\n", "alerts.memory_days"),
        ("[alerts]\npersistence_days = -1\n", "alerts.persistence_days"),
        ("[[feeds]]\nurl = 'https://a.example/x'\nlang = 'de'\n", "feeds.0.lang"),
    ],
)
def test_bad_config_is_one_clear_error_naming_the_file(tmp_path, text, words):
    p = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_settings(p)
    assert words in str(err.value)
    assert str(p) in str(err.value)


def test_missing_config_file_names_it(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "nope.toml")


def test_bad_environment_value_is_a_config_error(tmp_path, monkeypatch):
    p = write(tmp_path, "")
    monkeypatch.setenv("ISSWATCH_HTTP__PER_HOST", "many")
    with pytest.raises(ConfigError, match=r"http\.per_host"):
        load_settings(p)


def test_alert_windows_reach_change_detection(tmp_path):
    p = write(
        tmp_path, "[alerts]\nwindow_days = 20\nmemory_days = 120\nconcurrency_hours = 6\npersistence_days = 0.5\n"
    )
    policy = load_settings(p).alerts.change_policy()
    assert (policy.window.days, policy.memory.days, policy.concurrency.total_seconds()) == (20, 120, 6 * 3600)
    assert policy.persistence == dt.timedelta(hours=12)
    rules = policy.rules
    assert (rules.window, rules.memory, rules.concurrency, rules.persistence) == (
        policy.window,
        policy.memory,
        policy.concurrency,
        policy.persistence,
    )
