"""The one retry schedule: waits that double after each failure, up to a ceiling.

Feeds use it after failed polls (5 minutes, then 10, 20, ... at most a day; docs/polling.md) and the
outbox after failed deliveries (``alerts.retry_base_seconds`` up to ``alerts.retry_max_seconds``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Backoff:
    base: dt.timedelta = dt.timedelta(minutes=1)
    maximum: dt.timedelta = dt.timedelta(hours=6)

    def after(self, failures: int, retry_after: float | None = None) -> dt.timedelta:
        """The wait after the ``failures``-th failure in a row: base, 2×base, 4×base, ... up to ``maximum``;
        a server's Retry-After (seconds) wins when longer, capped at ``maximum`` too."""
        try:
            wait = min(self.base * (1 << max(failures - 1, 0)), self.maximum)
        except OverflowError:  # past what a timedelta holds: long past the ceiling
            wait = self.maximum
        if retry_after:
            wait = max(wait, dt.timedelta(seconds=min(max(retry_after, 0.0), self.maximum.total_seconds())))
        return wait
