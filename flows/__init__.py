"""Prefect flows and the ``isswatch`` CLI: the only package that imports prefect.

Flows order the plain stages of ``extractors`` and the writes of ``warehouse``; CLI modules (``cli*``) parse
arguments and print.
"""
