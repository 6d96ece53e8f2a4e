"""Getting bytes from outside, safely: feeds and pages over HTTP, and records from news archives.

``polling`` (one feed's conditional GET and its entries), ``downloads`` (capped page downloads),
``addresses`` (which hosts may be fetched), ``urls`` (canonical addresses), ``feed_parsing`` and
``feed_dates`` (feedparser behind a strict, typed surface), ``encodings`` (declared vs sniffed charsets),
``archives`` (WARC, saved folders and JSON Lines for a backfill).
"""
