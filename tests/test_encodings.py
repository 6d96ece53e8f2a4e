"""Decoding pages and feeds whose charset declarations are wrong, missing or contradictory."""

from __future__ import annotations

import codecs

import pytest

from isswatch.extractors.fetching.encodings import (
    charset_from_content_type,
    codec_name,
    decode_bytes,
    decode_html,
    html_meta_charset,
    xml_declared_encoding,
)

RU = "Роскосмос и НАСА договорились, что МКС будет работать до 2028 года, а затем её сведут с орбиты."
FR = "L'ISS sera désorbitée vers 2030 ; les opérations continueront jusqu'en 2028, a précisé l'agence."


def _page(text: str, meta: str = "") -> str:
    return f"<!doctype html><html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"


def test_header_parsing() -> None:
    assert charset_from_content_type('text/html; charset="Windows-1251"') == "Windows-1251"
    assert charset_from_content_type("text/html") is None
    assert xml_declared_encoding(b"<?xml version='1.0' encoding='koi8-r'?><rss/>") == "koi8-r"
    assert html_meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=cp1251">') == "cp1251"
    assert html_meta_charset(b"<meta charset=utf-8>") == "utf-8"
    assert codec_name("latin-1") == "cp1252" and codec_name("no-such-charset") is None


def test_utf8_page_with_correct_header() -> None:
    assert RU in decode_html(_page(RU).encode(), "text/html; charset=utf-8")


def test_utf8_body_declared_latin1() -> None:
    result = decode_bytes(_page(FR).encode("utf-8"), ["iso-8859-1"])
    assert FR in result.text and result.encoding == "utf-8"
    assert any("body is UTF-8" in w for w in result.warnings)


def test_meta_charset_used_without_header() -> None:
    body = _page(RU, '<meta charset="windows-1251">').encode("windows-1251")
    assert RU in decode_html(body, "text/html")


def test_wrong_http_charset_not_trusted_when_it_garbles() -> None:
    body = _page(RU, '<meta charset="windows-1251">').encode("windows-1251")
    result = decode_bytes(body, ["iso-8859-1", "windows-1251"])
    assert RU in result.text and result.encoding == "cp1251"
    assert any("garbled" in w for w in result.warnings)


@pytest.mark.parametrize("encoding", ["windows-1251", "koi8-r"])
def test_undeclared_cyrillic_detected(encoding: str) -> None:
    body = _page(RU * 3).encode(encoding)
    result = decode_bytes(body, [])
    assert RU in result.text and result.reason == "detected"


def test_undeclared_french_latin1() -> None:
    assert FR in decode_html(_page(FR * 3).encode("cp1252"), None)


@pytest.mark.parametrize(
    "bom, encoding",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_bom_wins_over_declarations(bom: bytes, encoding: str) -> None:
    body = bom + _page(RU, '<meta charset="iso-8859-1">').encode(encoding)
    result = decode_bytes(body, ["iso-8859-1"])
    assert RU in result.text and result.reason == "bom" and not result.text.startswith("\ufeff")


def test_unknown_charset_ignored() -> None:
    body = _page(RU).encode("utf-8")
    assert RU in decode_html(body, "text/html; charset=x-no-such-thing")
    result = decode_bytes(_page(RU * 3).encode("windows-1251"), ["x-no-such-thing"])
    assert RU in result.text and any("unknown charset" in w for w in result.warnings)


def test_binary_garbage_never_raises() -> None:
    garbage = bytes(range(256)) * 20
    assert isinstance(decode_html(garbage, "text/html; charset=utf-8"), str)
