"""Configuration from the command line: ``feeds add|remove|import|export`` and ``config show``.

Feed edits go to the user's TOML config and keep its comments (``flows/feed_config.py``); a feed is
checked exactly as ``feeds check`` does before it is added, unless ``--no-check``. ``config show`` prints
every setting in effect and where it came from: an ISSWATCH_* variable, the file, or the default.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

import tomlkit
import typer
from pydantic import ValidationError

from isswatch.extractors.errors import ConfigError, InputError
from isswatch.flows.cli_common import CONFIG_OPTION, ErrorsAsMessages, err_console, settings_for
from isswatch.flows.cli_feeds import check_feed, feeds_app
from isswatch.flows.feed_config import (
    add_feeds,
    configured_feeds,
    editable_config,
    load_document,
    read_opml,
    remove_feed,
    save_document,
    validated,
    write_opml,
)
from isswatch.flows.output import FORMAT_OPTION, Format, render
from isswatch.flows.settings import Settings, config_path

config_app = typer.Typer(
    cls=ErrorsAsMessages,
    add_completion=False,
    rich_markup_mode=None,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Show the configuration in effect (`config show`).",
)

NO_CHECK_OPTION = typer.Option(False, "--no-check", help="Add without fetching the feed first.")


def _validate_document(doc: tomlkit.TOMLDocument, path: Path) -> None:
    """The edited file must still load: same model, same messages as at start-up."""
    try:
        Settings(**tomllib.loads(tomlkit.dumps(doc)))
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ConfigError(f"the edit would make {where} invalid: {first.get('msg')}", source=str(path)) from None


def _usable_or_reason(url: str, config: Path | None) -> str | None:
    """None when a round could read the feed, else why not (the `feeds check` verdict)."""
    result = check_feed(url, settings_for(config))
    if result.usable:
        return None
    return f"{result.error_class or 'error'}: {result.error or 'not a feed'}"


def _where(path: Path, new: bool) -> str:
    return f"{path} (a new copy of the bundled default)" if new else str(path)


@feeds_app.command("add")
def add(
    url: str = typer.Argument(..., help="The feed's URL (http or https)."),
    name: str | None = typer.Option(None, help="A name to show (default: none; the feed's title is kept)."),
    lang: str | None = typer.Option(None, help="Language of the feed: en, fr or ru."),
    primary: bool = typer.Option(False, "--primary", help="An agency's own newsroom: a primary source."),
    no_check: bool = NO_CHECK_OPTION,
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Add a feed to the config file, after checking it as `feeds check` does (the file keeps its comments;
    the bundled default is first copied to ./isswatch.toml)."""
    entry = validated(url, name, lang, primary)
    path, new = editable_config(config)
    doc = load_document(path, copy_default=new)
    if any(f.get("url") == entry["url"] for f in configured_feeds(doc)):
        raise InputError(f"{entry['url']} is already in {path}")
    if not no_check and (reason := _usable_or_reason(entry["url"], config)):
        raise InputError(f"{entry['url']} is not usable ({reason}); --no-check adds it anyway")
    add_feeds(doc, [entry])
    _validate_document(doc, path)
    save_document(path, doc)
    err_console.print(f"Added {entry['url']} to {_where(path, new)}.")


@feeds_app.command("remove")
def remove(
    url: str = typer.Argument(..., help="The feed's URL, as in the config."), config: Path | None = CONFIG_OPTION
) -> None:
    """Remove a feed from the config file (its stored entries and articles stay in the warehouse)."""
    path, new = editable_config(config)
    doc = load_document(path, copy_default=new)
    if not remove_feed(doc, url.strip()):
        raise InputError(f"{url} is not in {path}")
    save_document(path, doc)
    err_console.print(f"Removed {url} from {_where(path, new)}.")


@feeds_app.command("import")
def import_opml(
    file: Path = typer.Argument(..., dir_okay=False, help="An OPML file (from any feed reader)."),
    no_check: bool = NO_CHECK_OPTION,
    config: Path | None = CONFIG_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Add the feeds of an OPML file to the config file: each is checked as `feeds check` does and added
    when usable; feeds already configured are skipped. Prints what happened to each."""
    try:
        data = file.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", source=str(file)) from None
    found = read_opml(data, source=str(file))
    path, new = editable_config(config)
    doc = load_document(path, copy_default=new)
    known = {f.get("url") for f in configured_feeds(doc)}
    rows, to_add = [], []
    for f in found:
        try:
            entry = validated(f.url, f.name, f.lang)
        except InputError as err:
            rows.append((f.url, f.name, f"invalid: {err}"))
            continue
        if entry["url"] in known:
            rows.append((f.url, f.name, "already configured"))
            continue
        reason = None if no_check else _usable_or_reason(entry["url"], config)
        if reason:
            rows.append((f.url, f.name, f"not usable: {reason}"))
            continue
        known.add(entry["url"])
        to_add.append(entry)
        rows.append((f.url, f.name, "added"))
    if to_add:
        add_feeds(doc, to_add)
        _validate_document(doc, path)
        save_document(path, doc)
    render(["url", "name", "result"], rows, fmt, title=f"import {file.name}")
    err_console.print(f"{len(to_add)} of {len(found)} feeds added to {_where(path, new)}.")


@feeds_app.command("export")
def export_opml(
    output: Path | None = typer.Option(
        None, "--output", "-o", dir_okay=False, help="Write to this file (default: stdout)."
    ),
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Write the configured feeds as OPML, which every feed reader imports."""
    settings = settings_for(config)
    text = write_opml([f.model_dump() for f in settings.feeds])
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror or err}", source=str(output)) from None
    err_console.print(f"Wrote {len(settings.feeds)} feeds to {output}.")


# --------------------------------------------------------------------------------------------- config show

_SECRET = re.compile(r"(://[^:/@\s]*:)[^@/\s]+@")


def _mask(value: str) -> str:
    """Passwords in apprise URLs are not printed."""
    return _SECRET.sub(r"\1***@", value)


def _flatten(value: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            out.extend(_flatten(v, (*prefix, k)))
        return out
    return [(prefix, value)]


def _in_file(data: dict[str, Any], key: tuple[str, ...]) -> bool:
    node: Any = data
    for part in key:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def _env_name(key: tuple[str, ...]) -> str | None:
    """The ISSWATCH_* variable that set this key, if any (a parent's variable counts too)."""
    for n in range(len(key), 0, -1):
        name = "ISSWATCH_" + "__".join(key[:n]).upper()
        if name in os.environ:
            return name
    return None


@config_app.command("show")
def show(config: Path | None = CONFIG_OPTION, fmt: Format = FORMAT_OPTION) -> None:
    """Print every setting in effect and where it came from: an ISSWATCH_* variable, the config file,
    or the default. Feeds are counted here (`isswatch feeds` lists them); passwords in URLs are masked."""
    settings = settings_for(config)
    path = config_path(config)
    file_data = tomllib.loads(path.read_text(encoding="utf-8"))
    dumped = settings.model_dump(mode="json")
    feeds = dumped.pop("feeds", [])
    rows: list[tuple[str, str, str]] = [
        (
            "config_file",
            str(path),
            "ISSWATCH_CONFIG"
            if not config and os.environ.get("ISSWATCH_CONFIG")
            else ("--config" if config else "search order"),
        )
    ]
    rows.append(("warehouse_path", str(settings.warehouse_path), "derived"))
    for key, value in _flatten(dumped):
        env = _env_name(key)
        source = env or (str(path) if _in_file(file_data, key) else "default")
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        rows.append((".".join(key), _mask(text), source))
    count = f"{len(feeds)} feed" + ("" if len(feeds) == 1 else "s")
    rows.append(("feeds", count, str(path) if "feeds" in file_data else "default"))
    render(["setting", "value", "source"], rows, fmt, title="configuration in effect")


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")
