"""Module-level functions for the worker-pool tests (workers import them by name)."""

import time


def double_or_fail(x: int) -> int:
    if x == 5:
        raise ValueError("five")
    return x * 2


def sleep_if_three(x: int) -> int:
    if x == 3:
        time.sleep(600)
    return x


def allocate(megabytes: int) -> int:
    block = bytearray(megabytes * 1024 * 1024)
    return len(block) // (1024 * 1024)


def write_pid_and_sleep(path: str) -> int:
    """Tell the test which process runs the item, then stay busy (the test kills the parent)."""
    import os

    with open(path, "w", encoding="ascii") as f:
        f.write(str(os.getpid()))
    time.sleep(600)
    return 0


def has_module(name: str) -> bool:
    """Whether the worker already holds ``name`` (imported by its forkserver before the item came)."""
    import sys

    return name in sys.modules
