"""Run every benchmark module (``benchmarks/bench_*.py``) in turn, each with its default arguments."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks


def main() -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))
    failed = 0
    for name in names:
        print(f"== {name}", flush=True)
        failed += bool(importlib.import_module(f"benchmarks.{name}").main([]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
