"""Dated claims read from text and matched against the facts catalogue.

``reading`` is the entry point (``extract_claims``): ``sentences`` splits the text, ``date_mentions`` finds
dates, ``binding`` ties each date to a fact through ``terms`` compiled from ``catalogue``, ``cues`` and
``speakers`` decide filters, status and attribution. ``scoring`` measures the whole against labelled sets.
``native`` decides whether those modules are read from their mypyc build (same outputs, faster) or as Python.
"""

from isswatch.extractors.claims import native as _native

COMPILED, READER = _native.status()
if COMPILED:
    __path__.insert(0, str(_native.BUILD_DIR))
