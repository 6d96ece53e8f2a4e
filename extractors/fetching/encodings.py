"""Decode feed and page bodies whose charset declarations are wrong, missing or contradict each other.

Order of evidence (see ``docs/fetching.md``):

1. a byte-order mark, or the UTF-16/32 pattern of ``<?`` at the start (these cannot lie);
2. valid UTF-8 with non-ASCII bytes is UTF-8, whatever is declared (legacy text is almost never valid
   UTF-8, and "declared latin-1, actually UTF-8" is the commonest server mistake);
3. the declared charsets, HTTP header first, then the XML declaration or HTML ``<meta>``: each is used
   only if it decodes strictly *and* the result does not look like mojibake (charset-normalizer's mess
   ratio), so Cyrillic windows-1251 served as ``iso-8859-1`` is not accepted as Latin accents;
4. charset-normalizer's best guess;
5. windows-1252 with replacement characters (never fails).

``decode_html`` and ``decode_xml`` return text; ``decode_bytes`` also says which encoding won and why.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

#: Above this mess ratio a declared charset is considered wrong (charset-normalizer's own default is 0.2).
MAX_MESS = 0.1
_MESS_SAMPLE = 100_000

_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
_MARKERS = (
    (b"\x00\x00\x00\x3c", "utf-32-be"),
    (b"\x3c\x00\x00\x00", "utf-32-le"),
    (b"\x00\x3c\x00\x3f", "utf-16-be"),
    (b"\x3c\x00\x3f\x00", "utf-16-le"),
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name actually used
    reason: str  # "bom", "utf-8", "declared", "detected", "fallback"
    declared: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, or None."""
    if not content_type:
        return None
    match = _CT_CHARSET.search(content_type)
    return match.group(1) if match else None


def xml_declared_encoding(body: bytes) -> str | None:
    """The ``encoding`` of an XML declaration at the start of ``body`` (ASCII-compatible bodies only)."""
    match = _XML_DECL.match(body[:1024])
    return match.group(1).decode("ascii") if match else None


def html_meta_charset(body: bytes) -> str | None:
    """The charset of a ``<meta charset>`` or ``http-equiv`` Content-Type in the first 4 KB of a page."""
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii") if match else None


def codec_name(label: str | None) -> str | None:
    """Python's codec name for a charset label, or None when Python does not know it."""
    if not label:
        return None
    label = label.strip().lower()
    aliases = {
        "gb2312": "gb18030",
        "x-gbk": "gb18030",
        "iso-8859-1": "cp1252",
        "latin1": "cp1252",
        "latin-1": "cp1252",
        "us-ascii": "cp1252",
        "ascii": "cp1252",
        "iso-8859-9": "cp1254",
        "tis-620": "cp874",
        "x-sjis": "shift_jis",
        "unicode": "utf-16",
    }  # WHATWG-style supersets
    label = aliases.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def sniff_unicode(body: bytes) -> tuple[str, int] | None:
    """(encoding, number of BOM bytes) from a BOM or the UTF-16/32 pattern of ``<?``; None otherwise."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            if name == "utf-16-le" and body.startswith(codecs.BOM_UTF32_LE):
                continue
            return name, len(bom)
    for marker, name in _MARKERS:
        if body.startswith(marker):
            return name, 0
    return None


def decode_bytes(body: bytes, declared: list[str | None] | tuple[str | None, ...] = ()) -> Decoded:
    """Decode ``body`` using the evidence order of this module; ``declared`` is most trusted first."""
    labels = tuple(d for d in declared if d)
    warnings: list[str] = []
    sniffed = sniff_unicode(body)
    if sniffed is not None:
        name, skip = sniffed
        text = body[skip:].decode(name, errors="replace")
        if "\ufffd" in text:
            warnings.append(f"invalid {name} bytes replaced")
        return Decoded(text, name, "bom", labels, tuple(warnings))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not body.isascii():
            others = [d for d in labels if codec_name(d) not in ("utf-8", None)]
            if others:
                warnings.append(f"declared {', '.join(others)} but the body is UTF-8")
        return Decoded(text, "utf-8", "utf-8", labels, tuple(warnings))
    tried: set[str] = {"utf-8"}
    for label in labels:
        codec = codec_name(label)
        if codec is None:
            warnings.append(f"unknown charset {label!r} ignored")
            continue
        if codec in tried:
            continue
        tried.add(codec)
        try:
            text = body.decode(codec)
        except (UnicodeDecodeError, LookupError):
            warnings.append(f"declared {label} does not decode the body")
            continue
        if mess_ratio(text[:_MESS_SAMPLE], 1.0) <= MAX_MESS:
            return Decoded(text, codec, "declared", labels, tuple(warnings))
        warnings.append(f"declared {label} gives garbled text")
    best = from_bytes(body).best()
    if best is not None and best.encoding:
        name = codec_name(best.encoding) or best.encoding
        text = body.decode(name, errors="replace")
        if labels:
            warnings.append(f"decoded as detected {name}")
        return Decoded(text, name, "detected", labels, tuple(warnings))
    warnings.append("encoding unknown; decoded as windows-1252 with replacements")
    return Decoded(body.decode("cp1252", errors="replace"), "cp1252", "fallback", labels, tuple(warnings))


def decode_xml(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode a feed: HTTP charset, then the XML declaration."""
    return decode_bytes(body, (charset_from_content_type(content_type), xml_declared_encoding(body)))


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode an article page (HTTP charset, BOM, ``<meta>`` charset, then detection) to text."""
    return decode_bytes(body, (charset_from_content_type(content_type), html_meta_charset(body))).text
