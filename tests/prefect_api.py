"""Calls to a local Prefect server's REST API from the tests, as Prefect's own client makes them."""

from __future__ import annotations

import time

import httpx


def call(method: str, url: str, **kwargs) -> httpx.Response:
    """One call, retried while the server answers 503: it does so when its SQLite database is busy (the scheduler and
    the workers write too), and Prefect's own client retries those; any other error raises."""
    for attempt in range(8):
        response = httpx.request(method, url, timeout=10, **kwargs)
        if response.status_code != 503:
            break
        time.sleep(0.25 * 2**attempt)
    return response.raise_for_status()
