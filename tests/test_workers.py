"""The extraction pool's hard limits: a stuck or greedy item is killed, the others finish."""

import subprocess
import sys
import time
from pathlib import Path

from isswatch.extractors.pages.worker_pool import Failed, run_bounded
from tests import worker_funcs


def test_results_keep_input_order_and_failures_are_named():
    out = run_bounded(worker_funcs.double_or_fail, [1, 2, 5, 4], workers=2, timeout=20)
    assert out[0] == 2 and out[1] == 4 and out[3] == 8
    assert isinstance(out[2], Failed) and out[2].item == 5 and "ValueError: five" in out[2].error


def test_a_stuck_item_is_killed_at_its_timeout_and_the_rest_go_on():
    started = time.monotonic()
    out = run_bounded(worker_funcs.sleep_if_three, [1, 3, 2, 4, 5], workers=2, timeout=1.5)
    elapsed = time.monotonic() - started
    assert isinstance(out[1], Failed) and "longer than 1.5 s" in out[1].error
    assert [out[i] for i in (0, 2, 3, 4)] == [1, 2, 4, 5]
    assert elapsed < 30  # the stuck item sleeps 600 s


def test_memory_is_capped_per_worker():
    out = run_bounded(worker_funcs.allocate, [10, 4000, 10], workers=1, timeout=30, memory_limit=1024**3)
    assert out[0] == 10 and out[2] == 10
    assert isinstance(out[1], Failed) and "memory" in out[1].error


def test_empty_input():
    assert run_bounded(worker_funcs.double_or_fail, [], workers=2) == []


def test_a_forkserver_started_early_hands_its_imports_to_the_workers():
    # in a fresh interpreter: the forkserver is one per process, and this one may run already
    script = (
        "import sys\n"
        "from isswatch.extractors.pages.worker_pool import run_bounded, start_forkserver\n"
        "from tests import worker_funcs\n"
        "if sys.argv[1] == 'early':\n"
        "    start_forkserver(['colorsys'])\n"
        "print(run_bounded(worker_funcs.has_module, ['colorsys'], workers=1))\n"
    )
    root = Path(__file__).resolve().parents[1]
    early, plain = (
        subprocess.run(
            [sys.executable, "-c", script, how], capture_output=True, text=True, cwd=root, timeout=120, check=True
        ).stdout.strip()
        for how in ("early", "plain")
    )
    assert early == "[True]" and plain == "[False]"
