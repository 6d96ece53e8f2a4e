"""Shared fixtures. Prefect is configured here, before any test module imports it: offline, quiet,
with its home in a temporary directory so tests never touch a user's Prefect data."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_PREFECT_TMP = Path(tempfile.mkdtemp(prefix="isswatch-tests-prefect-"))
os.environ.pop("PREFECT_API_URL", None)
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
from isswatch.flows.prefect_env import configure_prefect  # noqa: E402

configure_prefect(_PREFECT_TMP)

pytest_plugins = ["tests.alert_fixtures", "tests.fetch_fixtures", "tests.postgres_fixtures"]

REPO = Path(__file__).resolve().parents[1]
SHARED_BADINPUTS = REPO.parent / "shared" / "badinputs"


@pytest.fixture(scope="session")
def prefect_api() -> str:
    """Prefect's temporary API server, started once for the whole session (13-24 s here)."""
    from isswatch.flows.prefect_env import start_ephemeral_api

    start_ephemeral_api()
    from prefect.server.api.server import SubprocessASGIServer

    return SubprocessASGIServer().api_url


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    return tmp_path / "wh.duckdb"


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the developer's ISSWATCH_* variables."""
    for name in list(os.environ):
        if name.startswith("ISSWATCH_"):
            monkeypatch.delenv(name)


def write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
