"""Every failure of a command is one ``Error:`` line and exit code 1, never a traceback.

The warehouse is checked before Prefect starts (a read-only or full filesystem, in a mount namespace of
its own, answers in about a second); a lock held by another process says whether a reader or a writer
holds it; a DuckDB I/O error in the middle of a round (injected at a commit point, in a real ``isswatch
run`` process pointed at the tests' Prefect API) ends in one line too, and ``--verbose`` puts the
traceback in the log file instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from isswatch.warehouse.connection import writer
from tests.round_fixtures import NewsSite, Story, article_html, story_paragraphs, write_config

REPO = Path(__file__).resolve().parents[1]
ISSWATCH = [sys.executable, "-m", "isswatch.flows.cli"]


#: A feed on a closed loopback port: the run gets past "no feed configured" to the warehouse checks.
ONE_FEED = '[[feeds]]\nurl = "http://127.0.0.1:9/feed.xml"\nname = "a"\nlang = "en"\n'


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ISSWATCH_")}
    env.update(extra)
    return env


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    assert result.stderr.rstrip().splitlines()[-1] == errors[0]
    return errors[0]


def _can_mount() -> bool:
    if shutil.which("unshare") is None:
        return False
    return (
        subprocess.run(
            ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"], capture_output=True
        ).returncode
        == 0
    )


needs_mount = pytest.mark.skipif(not _can_mount(), reason="needs a mount namespace (unshare -m)")


def _run_in_namespace(mount: str, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = " ".join([mount, "&&", *ISSWATCH, *args])
    started = time.monotonic()
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", cmd], capture_output=True, text=True, cwd=REPO, env=_env(), timeout=60
    )
    assert time.monotonic() - started < 10, "the warehouse must be checked before Prefect starts"
    return result


@needs_mount
def test_a_read_only_filesystem_is_one_line_before_prefect_starts(tmp_path: Path) -> None:
    mnt = tmp_path / "ro"
    mnt.mkdir()
    config = tmp_path / "c.toml"
    config.write_text(f'data_dir = "{mnt}/data"\n{ONE_FEED}', encoding="utf-8")
    line = _one_error_line(
        _run_in_namespace(f"mount -t tmpfs -o ro,size=1m tmpfs {mnt}", tmp_path, "run", "--config", str(config))
    )
    assert "Read-only file system" in line and str(mnt) in line


@needs_mount
def test_a_full_disk_is_one_line_before_prefect_starts(tmp_path: Path) -> None:
    mnt = tmp_path / "full"
    mnt.mkdir()
    config = tmp_path / "c.toml"
    config.write_text(f'data_dir = "{mnt}/data"\n{ONE_FEED}', encoding="utf-8")
    fill = f"mount -t tmpfs -o size=2m tmpfs {mnt} && (head -c 3000000 /dev/zero > {mnt}/fill || true)"
    line = _one_error_line(_run_in_namespace(fill, tmp_path, "run", "--config", str(config)))
    assert "full" in line


def test_a_reader_holding_the_warehouse_is_named(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(f'data_dir = "{tmp_path}/data"\n{ONE_FEED}', encoding="utf-8")
    with writer(tmp_path / "data" / "isswatch.duckdb"):
        pass
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); "
                "print('locked', flush=True); time.sleep(60)"
            ),
            str(tmp_path / "data" / "isswatch.duckdb"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        env = _env()
        code = (
            "import isswatch.warehouse.connection as c, isswatch.flows.cli as cli; "
            "c.preflight.__kwdefaults__['wait'] = 0.5; cli.main()"
        )
        result = subprocess.run(
            [sys.executable, "-c", code, "run", "--config", str(config)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
            timeout=60,
        )
    finally:
        holder.kill()
        holder.wait()
    line = _one_error_line(result)
    assert f"a reader (process {holder.pid}) is reading it" in line


@pytest.fixture(scope="module")
def site() -> NewsSite:
    with NewsSite() as s:
        lead = "NASA and Roscosmos agreed to operate the International Space Station until 2030."
        s.set_page("/a/1", article_html("ISS until 2030", story_paragraphs(lead)))
        s.set_feed("a", [Story("a-1", "ISS until 2030", "/a/1", summary="ISS")])
        yield s


@pytest.mark.parametrize("verbose", [False, True])
def test_a_disk_filling_during_a_round_is_one_line(
    prefect_api: str, site: NewsSite, tmp_path: Path, verbose: bool
) -> None:
    config = write_config(
        tmp_path / "c.toml", data_dir=tmp_path / "data", feeds=[{"url": site.feed_url("a"), "name": "a", "lang": "en"}]
    )
    with writer(tmp_path / "data" / "isswatch.duckdb"):  # migrated: commit point 3 is in the round
        pass
    args = [
        sys.executable,
        "-m",
        "tests.fault_fixtures",
        *(["--verbose"] if verbose else []),
        "run",
        "--force",
        "--config",
        str(config),
    ]
    result = subprocess.run(
        args,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env=_env(ISSWATCH_TEST_FAIL_AT="3", PREFECT_API_URL=prefect_api),
    )
    line = _one_error_line(result)
    assert "disk is full" in line
    log = tmp_path / "data" / "isswatch.log"
    if verbose:
        assert str(log) in line
        assert "Traceback" in log.read_text(encoding="utf-8")
    else:
        assert "--verbose" in line and not log.exists()


def test_processs_that_prefect_configures_log_failures_without_tracebacks(tmp_path: Path) -> None:
    """A flow-run process of ``serve`` is configured by Prefect alone: the environment set by
    ``configure_prefect`` is enough to keep its tracebacks off the terminal."""
    from isswatch.flows.prefect_env import configure_prefect

    env = _env()
    code = (
        "import logging, prefect.main\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n"
        "    logging.getLogger('prefect.engine').exception('the round failed')\n"
    )
    saved = dict(os.environ)
    try:
        for k in [k for k in os.environ if k.startswith("PREFECT_")]:
            del os.environ[k]
        configure_prefect(tmp_path)
        env.update({k: v for k, v in os.environ.items() if k.startswith("PREFECT_")})
    finally:
        os.environ.clear()
        os.environ.update(saved)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, timeout=60)
    assert "the round failed" in result.stderr
    assert "Traceback" not in result.stderr and "ZeroDivisionError" not in result.stderr
