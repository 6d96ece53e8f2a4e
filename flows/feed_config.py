"""Editing the user's config file from the CLI, and OPML in and out.

The TOML is edited with tomlkit so that the user's comments, order and layout survive. When the config in
effect is the bundled default, the first edit copies it to ``./isswatch.toml`` (comments included) and
edits the copy: the package's own file is never written. Writes go through a temporary file and a rename.

OPML is what every feed reader imports and exports: ``<outline type="rss" xmlUrl=... title=...>``. A
DOCTYPE is removed before parsing (no entity tricks), as for feeds.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from pydantic import ValidationError

from isswatch.extractors.errors import ConfigError, InputError
from isswatch.extractors.fetching.feed_parsing import neutralise_doctype
from isswatch.flows.settings import DEFAULT_CONFIG, LOCAL_CONFIG, FeedConfig, config_path

MAX_OPML_BYTES = 5_000_000


def editable_config(explicit: Path | None) -> tuple[Path, bool]:
    """The file edits go to, and whether it is a new copy of the bundled default."""
    path = config_path(explicit)
    if path.resolve() == DEFAULT_CONFIG.resolve():
        return LOCAL_CONFIG, True
    return path, False


def load_document(path: Path, *, copy_default: bool = False) -> tomlkit.TOMLDocument:
    source = DEFAULT_CONFIG if copy_default else path
    try:
        return tomlkit.parse(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("config file not found", source=str(source)) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read config file: {err}", source=str(source)) from None
    except tomlkit.exceptions.TOMLKitError as err:
        raise ConfigError(f"not valid TOML: {err}", source=str(source)) from None


def save_document(path: Path, doc: tomlkit.TOMLDocument) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(tomlkit.dumps(doc), encoding="utf-8")
        tmp.replace(path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise ConfigError(f"cannot write the config file: {err.strerror or err}", source=str(path)) from None


def configured_feeds(doc: tomlkit.TOMLDocument) -> list[dict[str, Any]]:
    return [dict(f) for f in doc.get("feeds", [])]


def validated(url: str, name: str | None = None, lang: str | None = None, primary: bool = False) -> dict[str, Any]:
    """A feed entry as the config holds it, validated by the same model that loads the config."""
    entry: dict[str, Any] = {"url": url.strip()}
    if name:
        entry["name"] = name.strip()
    if lang:
        entry["lang"] = lang
    if primary:
        entry["primary"] = True
    try:
        FeedConfig(**entry)
    except ValidationError as err:
        first = err.errors()[0]
        raise InputError(f"{url}: {first.get('msg', 'invalid feed')}".replace("Value error, ", "")) from None
    return entry


def add_feeds(doc: tomlkit.TOMLDocument, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Append feeds not configured yet (by URL); returns those added."""
    if "feeds" not in doc:
        doc.append("feeds", tomlkit.aot())
    feeds = doc["feeds"]
    known = {f["url"] for f in feeds}
    added = []
    for e in entries:
        if e["url"] in known:
            continue
        table = tomlkit.table()
        for k, v in e.items():
            table[k] = v
        feeds.append(table)
        known.add(e["url"])
        added.append(e)
    return added


def remove_feed(doc: tomlkit.TOMLDocument, url: str) -> bool:
    feeds = doc.get("feeds")
    if feeds is None:
        return False
    for i, f in enumerate(feeds):
        if f.get("url") == url:
            del feeds[i]
            return True
    return False


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    name: str | None
    lang: str | None


def read_opml(data: bytes, *, source: str) -> list[OpmlFeed]:
    """Every outline with an xmlUrl, nested folders included, in document order."""
    if len(data) > MAX_OPML_BYTES:
        raise InputError(f"larger than {MAX_OPML_BYTES:,} bytes", source=source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    text, _ = neutralise_doctype(text, source=source)
    if text.startswith("<?xml"):
        text = text[text.find("?>") + 2 :]
    try:
        root = ET.fromstring(text)
    except ET.ParseError as err:
        raise InputError(f"not valid OPML: {err}", source=source) from None
    if root.tag.lower() != "opml":
        raise InputError(f"not OPML (root element <{root.tag}>)", source=source)
    found = []
    for o in root.iter("outline"):
        url = (o.get("xmlUrl") or o.get("xmlurl") or "").strip()
        if not url:
            continue
        lang = (o.get("language") or "").strip().lower()[:2] or None
        found.append(
            OpmlFeed(
                url,
                (o.get("title") or o.get("text") or "").strip() or None,
                lang if lang in ("en", "fr", "ru") else None,
            )
        )
    return found


def write_opml(feeds: list[dict[str, Any]], *, title: str = "isswatch feeds") -> str:
    """OPML 2.0 listing the feeds (name as title and text, lang as language)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    for f in feeds:
        attrs = {
            "type": "rss",
            "text": f.get("name") or f["url"],
            "title": f.get("name") or f["url"],
            "xmlUrl": f["url"],
        }
        if f.get("lang"):
            attrs["language"] = f["lang"]
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
