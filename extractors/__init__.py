"""Pure pipeline stages, in three subpackages, plus the one error hierarchy (``errors``) and the term syntax
that relevance terms and catalogue terms share (``term_syntax``).

- ``fetching``: polite, capped HTTP for feeds and pages, feed parsing, and reading news archives;
- ``pages``: a downloaded page made into stored text (extraction, language, fingerprint, relevance) and
  the killable worker processes that run it;
- ``claims``: dated claims read from text and matched against the facts catalogue, and their scoring.

Nothing here imports prefect or talks to DuckDB; every function is plain, typed and testable alone.
"""
