"""``isswatch config show``: every setting in effect and where it came from: an ISSWATCH_* variable, the
file, or the default (feed edits are ``isswatch feeds add|remove|import|export``)."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from isswatch.flows.cli.app_factory import new_app
from isswatch.flows.cli.invocation import settings_for
from isswatch.flows.cli.shared_options import CONFIG_OPTION, FORMAT_OPTION
from isswatch.flows.output import Format, render
from isswatch.flows.settings import config_path

config_app = new_app("Show the configuration in effect (`config show`).", no_args_is_help=True)

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
