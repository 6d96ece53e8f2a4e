"""A downloaded page made into what the warehouse stores, and the processes that do it.

``page_analysis`` (trafilatura's text and metadata, then claims), ``language``, ``fingerprints``
(near-duplicate detection), ``relevance`` (is this story about the station?), ``worker_pool`` (killable
worker processes with a time and memory cap).
"""
