"""Benchmarks: ``python -m benchmarks`` runs them all; ``python -m benchmarks.bench_<name>`` runs one.

Each ``bench_*.py`` module has a ``main(argv: list[str] | None = None) -> int``; results are printed on
stdout and recorded in ``docs/benchmarks.md``.
"""
