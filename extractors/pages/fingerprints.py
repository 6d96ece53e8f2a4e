"""Near-duplicate text fingerprints: a 64-bit simhash over word shingles.

The same wire story republished by twenty outlets differs in a headline, a byline, a last paragraph; its
simhash differs in a few bits. ``text_fingerprint`` normalises the text (case folded, accents and
punctuation dropped, ё as е), hashes every run of ``SHINGLE`` words (stable across processes and machines,
unlike ``hash()``), and keeps for each of the 64 bit positions the majority vote of the shingles. The work
is done on whole byte planes with C-level bytes and int operations, so a 5 KB article takes about half a
millisecond without numpy.

Fingerprints are unsigned 64-bit ints; ``as_signed`` converts one for a signed BIGINT column.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from hashlib import shake_256
from zlib import crc32

SHINGLE = 3
MASK = (1 << 64) - 1
_WORD = re.compile(r"\w+", re.UNICODE)
_COMBINING = re.compile(r"[\u0300-\u036f]")


def normalise_words(text: str) -> list[str]:
    """The words of ``text``, normalised for comparison (Latin and Cyrillic alike)."""
    text = text.casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).replace("ё", "е")
    return _WORD.findall(text)


def _tables() -> tuple[list[list[bytes]], list[bytes]]:
    """Fixed random translate tables (derived from a constant, so identical on every machine)."""
    stream = shake_256(b"isswatch simhash tabulation tables v1").digest(4 * 3 * 8 * 256)
    tables = [[stream[((b * 24) + m) * 256 : ((b * 24) + m + 1) * 256] for m in range(24)] for b in range(4)]
    bits = [bytes((x >> j) & 1 for x in range(256)) for j in range(8)]
    return tables, bits


_TABLES, _BITS = _tables()


def text_fingerprint(text: str) -> int:
    """64-bit simhash of ``text`` over ``SHINGLE``-word shingles; 0 for a text without words.

    Each word gets three independent 64-bit hashes A, B, C by tabulation hashing of its CRC-32; the
    shingle of words i, i+1, i+2 hashes to A[i] ^ B[i+1] ^ C[i+2]. Everything runs on byte planes
    (byte m of every word's hash side by side) with ``bytes.translate`` and big-int XORs, so the per-word
    Python work is one ``crc32`` call.
    """
    words = normalise_words(text)
    n = len(words)
    if n == 0:
        return 0
    raw = array("I", [crc32(w.encode("utf-8")) for w in words])
    if sys.byteorder != "little":  # pragma: no cover - keep the fingerprint identical everywhere
        raw.byteswap()
    data = raw.tobytes()
    columns = [data[b::4] for b in range(4)]

    def plane(m: int) -> int:
        value = 0
        for b in range(4):
            value ^= int.from_bytes(columns[b].translate(_TABLES[b][m]), "little")
        return value

    shingles = n - SHINGLE + 1 if n >= SHINGLE else n
    keep = (1 << (8 * shingles)) - 1
    result = 0
    for m in range(8):
        combined = plane(m)
        if n >= SHINGLE:
            combined ^= (plane(8 + m) >> 8) ^ (plane(16 + m) >> 16)
        votes = (combined & keep).to_bytes(shingles, "little")
        for j in range(8):
            if votes.translate(_BITS[j]).count(1) * 2 > shingles:
                result |= 1 << (8 * m + j)
    return result


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two fingerprints."""
    return ((a ^ b) & MASK).bit_count()


def near_duplicate(a: int, b: int, max_distance: int = 3) -> bool:
    """True when two fingerprints differ in at most ``max_distance`` bits (and neither is empty)."""
    if a == 0 or b == 0:
        return False
    return hamming(a, b) <= max_distance


def as_signed(fingerprint: int) -> int:
    """The same 64 bits as a signed integer (for a BIGINT column)."""
    fingerprint &= MASK
    return fingerprint - (1 << 64) if fingerprint >> 63 else fingerprint


def from_signed(value: int) -> int:
    """Inverse of ``as_signed``."""
    return value & MASK
