"""The one way a stage of a round (or of a backfill) becomes a Prefect task, typed so that the task keeps
its function's signature for the type checker.

A stage takes a whole batch that is used once, within the same flow run: no stage task has a cache
policy or keeps its result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


def stage_task(name: str) -> Callable[[Callable[P, R]], Task[P, R]]:
    """``@stage_task("poll-feeds")``: a task named as the progress line knows it, without cache or result."""
    return task(name=name, cache_policy=NO_CACHE, persist_result=False)


def quoted(value: T) -> T:
    """``value`` passed to a stage task without Prefect walking it for futures (``prefect``'s ``quote``: a
    batch is large and holds none). Typed as the value, which is what the task receives: Prefect's own
    signature for a task call does not accept the ``quote`` wrapper."""
    return cast(T, quote(value))
