"""Pure pipeline stages: fetching, feed parsing, text extraction, relevance and claim extraction.

Nothing here imports prefect or talks to DuckDB; every function is plain, typed and testable alone.
"""
