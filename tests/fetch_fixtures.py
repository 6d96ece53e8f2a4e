"""Fixtures for the fetching tests: the misbehaving server on loopback and policies that permit it.

Use them from a test module with ``pytest_plugins = ("tests.fetch_fixtures",)`` (``tests/conftest.py`` is
left alone); constants such as ``TEST_LIMITS`` live in ``tests.misbehaving_server``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from isswatch.extractors.fetching.addresses import AddressPolicy
from tests.misbehaving_server import FEED_DATA, TEST_LIMITS, MisbehavingServer

__all__ = ["BADINPUTS", "FEED_DATA", "TEST_LIMITS", "allow_loopback", "badinputs", "misbehaving_server"]

REPO = Path(__file__).resolve().parents[1]
BADINPUTS = REPO.parent / "shared" / "badinputs"


@pytest.fixture(scope="session")
def misbehaving_server() -> Iterator[MisbehavingServer]:
    """The misbehaving server on 127.0.0.1 (a random port), for the whole session."""
    server = MisbehavingServer().start()
    try:
        yield server
    finally:
        server.stop_server()


@pytest.fixture(scope="session")
def allow_loopback() -> AddressPolicy:
    """A policy that permits 127.0.0.1 only (as ISSWATCH_ALLOW_HOSTS=127.0.0.1 would)."""
    return AddressPolicy.from_strings(["127.0.0.1"])


@pytest.fixture
def badinputs() -> Path:
    """The shared bad-input corpus; the test is skipped when it is not next to the repository."""
    if not BADINPUTS.is_dir():
        pytest.skip("shared bad-input corpus not found next to the repository")
    return BADINPUTS
