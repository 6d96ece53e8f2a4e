"""Ids derived from content, so that reading the same thing twice gives the same id and writes nothing new.

Every stored id (entries, articles, claims, changes, alerts, archive records) is a prefix of the SHA-1 of
its parts joined by a separator. The digest is an identity, not a security measure; changing the parts,
the separator or the length of any id would orphan what is already stored, so each caller keeps its own.
"""

from __future__ import annotations

import hashlib


def stable_id(*parts: object, sep: str = "\n", length: int = 24) -> str:
    """The first ``length`` hex digits of the SHA-1 of ``parts`` joined by ``sep``; None counts as empty
    text and bytes are taken as they are (a digest nested in a key, say)."""
    data = sep.encode().join(
        p if isinstance(p, bytes) else ("" if p is None else str(p)).encode("utf-8", "replace") for p in parts
    )
    return hashlib.sha1(data).hexdigest()[:length]
