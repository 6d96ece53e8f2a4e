"""Alert delivery: the outbox rows sent through apprise, per channel, at most once each as far as we can.

A channel is the console or one apprise URL. apprise's ``notify()`` never raises and returns one bool for
all its targets, so every channel gets its own ``Apprise`` object and its own result.
``deliver_pending`` claims due rows in a short write (warehouse/outbox.py), closes the warehouse, sends,
then marks the results in another short write. The alert id travels with every message, in the body
(``Alert id: ...``) and, where the service allows, as the ``X-Isswatch-Alert-Id`` header (mail, json,
xml and form webhooks) and the ``alert_id`` field of the JSON payload: a receiver that sees the same id
twice (a crash between send and mark) drops the second one.

Before each send, the host the channel connects to is resolved and every address passes the address
guard that protects feed fetching (``fetching.addresses.AddressPolicy``): an alert URL cannot reach a
private service unless ``allow_hosts`` permits it. apprise resolves the name again when it connects, so
this guard does not cover DNS rebinding between the check and the send the way the feed fetcher does.

No prefect import here: the flow wraps these functions in tasks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import io
import logging
import socket
import sys
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import apprise

from isswatch.extractors.errors import BlockedAddress, ConfigError, DeliveryError
from isswatch.extractors.fetching.addresses import AddressPolicy
from isswatch.flows.messages import Message, render, render_many, render_test
from isswatch.flows.output import inert
from isswatch.warehouse.backoff import Backoff
from isswatch.warehouse.connection import writer
from isswatch.warehouse.lake import Lake
from isswatch.warehouse.outbox import DueAlert, claim_due, last_digest_at, mark_results

if TYPE_CHECKING:
    from isswatch.flows.settings import AlertsConfig

log = logging.getLogger("isswatch.alerts")

HEADER = "X-Isswatch-Alert-Id"
PAYLOAD_FIELD = "alert_id"
_FORMATS = {
    apprise.NotifyFormat.HTML: "html",
    apprise.NotifyFormat.MARKDOWN: "markdown",
    apprise.NotifyFormat.TEXT: "text",
}
_APPRISE_FORMATS = {v: k for k, v in _FORMATS.items()}


@dataclass(frozen=True)
class Channel:
    """Where alerts go. ``name`` is stable and free of secrets (it is stored in the outbox);
    ``url`` is the apprise URL (None for the console) and never printed."""

    name: str
    url: str | None = field(default=None, repr=False)
    digest: bool = False
    digest_hour: int = 8  # UTC hour of the daily digest
    format: str | None = None  # text | markdown | html; None: what the service prefers
    max_attempts: int = 10
    backoff: Backoff = field(default_factory=Backoff)
    guard: AddressPolicy = field(default_factory=AddressPolicy)
    stream: TextIO | None = field(default=None, repr=False, compare=False)  # console only; None: stdout

    @property
    def is_console(self) -> bool:
        return self.url is None


def channel_name(url: str) -> str:
    """A stable name for an apprise URL that reveals no secret: its scheme and a short hash."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else "url"
    return f"{scheme}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def describe_url(url: str) -> str:
    """The URL with passwords and tokens hidden (apprise's privacy form), for messages."""
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        return channel_name(url)
    shown: str = plugin.url(privacy=True)  # type: ignore[no-untyped-call]  # apprise leaves url() unannotated
    return shown


def _plugin(url: str, name: str) -> apprise.NotifyBase:
    """The apprise plugin for ``url``; the error says whether the scheme is unknown or what apprise disliked
    in the rest of the URL (a mailto:// URL whose sender address is not valid, say)."""

    with _log_capture("%(asctime)s - %(levelname)s - %(message)s") as logs:
        plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        scheme = url.split("://", 1)[0].lower()
        from apprise.manager_plugins import NotificationManager

        if scheme not in NotificationManager():  # type: ignore[no-untyped-call]  # apprise: unannotated __init__
            raise ConfigError(
                f"{scheme!r} is not an apprise scheme; see https://github.com/caronc/apprise/wiki",
                source=f"alert channel {name}",
            )
        reasons = [
            line.split(" - ", 2)[-1].strip()
            for line in logs.getvalue().splitlines()
            if " - WARNING - " in line or " - ERROR - " in line
        ]
        why = "; ".join(r for r in reasons if not r.startswith("Could not load")) or "apprise could not read it"
        raise ConfigError(
            f"the {scheme}:// URL is not usable: {why} (see https://github.com/caronc/apprise/wiki)",
            source=f"alert channel {name}",
        )
    return plugin


def _log_capture(fmt: str) -> contextlib.AbstractContextManager[io.StringIO]:
    """apprise's warnings while the block runs, read back from the StringIO the block receives."""
    capture: contextlib.AbstractContextManager[io.StringIO] = apprise.LogCapture(  # type: ignore[no-untyped-call]  # apprise leaves LogCapture unannotated
        level=logging.WARNING, fmt=fmt
    )
    return capture


def build_channels(alerts: AlertsConfig, guard: AddressPolicy, *, stream: TextIO | None = None) -> list[Channel]:
    """The console channel (when ``alerts.console``), then one channel per apprise URL and named channel;
    ``Settings.alert_channels`` is the way in.

    Raises ConfigError naming the channel (not its secret URL) when a URL is not a valid apprise URL.
    """
    backoff = alerts.backoff()

    def channel(name: str, url: str | None, **options: Any) -> Channel:
        return Channel(
            name,
            url,
            guard=guard,
            max_attempts=alerts.max_attempts,
            digest_hour=alerts.digest_hour,
            backoff=backoff,
            **options,
        )

    channels: list[Channel] = []
    if alerts.console:
        channels.append(channel("console", None, format="text", stream=stream))
    for url in alerts.urls:
        name = channel_name(url)
        _plugin(url, name)
        channels.append(channel(name, url))
    for ch in alerts.channels:
        _plugin(ch.url, ch.name)
        channels.append(channel(ch.name, ch.url, digest=ch.digest, format=ch.format))
    seen: set[str] = set()
    for c in channels:
        if c.name in seen:
            raise ConfigError(f"two alert channels are named {c.name!r} (or one URL is listed twice)")
        seen.add(c.name)
    return channels


# -- sending -------------------------------------------------------------------------------------------


def guard_host(plugin: Any) -> tuple[str, int | None] | None:
    """The host an apprise plugin connects to, when it comes from the URL (self-hosted services, mail,
    webhooks); None for services with a fixed public endpoint (Slack, Discord, ntfy.sh...)."""
    smtp = getattr(plugin, "smtp_host", None)
    if smtp:
        return smtp, getattr(plugin, "port", None)
    if "host" not in getattr(plugin, "template_tokens", {}) or getattr(plugin, "mode", None) == "cloud":
        return None
    host = getattr(plugin, "host", None)
    return (host, getattr(plugin, "port", None)) if host else None


def check_address(plugin: Any, guard: AddressPolicy) -> None:
    """Raise BlockedAddress when the channel's host resolves to an address the guard refuses."""
    target = guard_host(plugin)
    if target is None:
        return
    host, port = target
    try:
        infos = socket.getaddrinfo(host, port or 0, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as err:
        raise DeliveryError(f"cannot resolve {host}: {err}") from None
    for info in infos:
        guard.check(host, str(info[4][0]))


def _keyed_url(url: str, plugin: apprise.NotifyBase, key: str) -> str:
    """The URL with the idempotency key added as a header / payload field where the service has them."""
    kwargs = getattr(type(plugin), "template_kwargs", {}) or {}
    extra = []
    if "headers" in kwargs:
        extra.append(("+" + HEADER, key))
    if "payload" in kwargs:
        extra.append((":" + PAYLOAD_FIELD, key))
    if not extra:
        return url
    sep = "&" if "?" in url else "?"
    return url + sep + urllib.parse.urlencode(extra)


def _format_for(channel: Channel, plugin: apprise.NotifyBase) -> str:
    if channel.format:
        return channel.format
    return _FORMATS.get(plugin.notify_format, "text")


def send(channel: Channel, message_for: Callable[[str], Message], key: str) -> None:
    """Send one message (``message_for(fmt) -> Message``) through one channel; raise DeliveryError (or
    BlockedAddress) when it was not accepted."""
    if channel.is_console:
        msg = message_for("text")
        out = channel.stream or sys.stdout
        out.write(f"\n=== {inert(msg.title)} ===\n{inert(msg.body)}\n")
        out.flush()
        return
    assert channel.url is not None
    plugin = _plugin(channel.url, channel.name)
    check_address(plugin, channel.guard)
    fmt = _format_for(channel, plugin)
    msg = message_for(fmt)
    keyed = _plugin(_keyed_url(channel.url, plugin, key), channel.name)
    app = apprise.Apprise()
    app.add(keyed)
    with _log_capture("%(message)s") as logs:
        ok = app.notify(body=msg.body, title=msg.title, body_format=_APPRISE_FORMATS[fmt])
    if not ok:
        detail = " ".join(line.strip() for line in logs.getvalue().splitlines() if line.strip())[-300:]
        raise DeliveryError(detail or "the service did not accept the message", source=channel.name)


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    skipped_channels: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    delivered_ids: list[str] = field(default_factory=list)


def _digest_due(channel: Channel, con: Any, now: dt.datetime) -> bool:
    today = now.astimezone(dt.UTC).replace(hour=channel.digest_hour, minute=0, second=0, microsecond=0)
    if now < today:
        return False
    last = last_digest_at(con, channel.name)
    return last is None or last < today


def deliver_pending(
    warehouse_path: Path | Lake, channels: Sequence[Channel], *, now: dt.datetime | None = None, force: bool = False
) -> DeliveryReport:
    """Send the due outbox rows of ``channels``; see the module docstring. ``force`` (``alerts retry``)
    ignores backoff, the attempt limit and the digest hour."""
    now = now or dt.datetime.now(dt.UTC)
    report = DeliveryReport()
    if not channels:
        return report
    by_name = {c.name: c for c in channels}
    due: list[DueAlert] = []
    with writer(warehouse_path) as con:
        groups: dict[tuple[int, Backoff], list[Channel]] = {}
        for c in channels:
            groups.setdefault((c.max_attempts, c.backoff), []).append(c)
        for (max_attempts, backoff), chans in groups.items():
            digests = [c.name for c in chans if c.digest and (force or _digest_due(c, con, now))]
            due += claim_due(
                con,
                [c.name for c in chans],
                now=now,
                max_attempts=max_attempts,
                backoff=backoff,
                force=force,
                digest_channels=digests,
            )
    if not due:
        return report
    results: list[tuple[str, str | None]] = []
    carried: dict[str, str] = {}
    singles = [d for d in due if not d.digest]
    for d in singles:
        channel = by_name[d.channel]
        try:
            send(channel, functools.partial(render, d.change, alert_id=d.alert_id), d.alert_id)
        except (DeliveryError, BlockedAddress, ConfigError) as err:
            results.append((d.alert_id, str(err)))
            report.failed += 1
            report.errors.append(f"{d.channel}: {err}")
            log.warning("alert %s on %s not delivered (attempt %d): %s", d.alert_id, d.channel, d.attempts, err)
        else:
            results.append((d.alert_id, None))
            report.sent += 1
            report.delivered_ids.append(d.alert_id)
    for name in dict.fromkeys(d.channel for d in due if d.digest):
        batch = [d for d in due if d.digest and d.channel == name]
        ids = ",".join(sorted(d.alert_id for d in batch))
        key = "digest-" + hashlib.sha256(ids.encode()).hexdigest()[:20]
        changes = [d.change for d in batch]
        try:
            send(by_name[name], functools.partial(render_many, changes, alert_id=key), key)
        except (DeliveryError, BlockedAddress, ConfigError) as err:
            results += [(d.alert_id, str(err)) for d in batch]
            report.failed += len(batch)
            report.errors.append(f"{name}: {err}")
        else:
            results += [(d.alert_id, None) for d in batch]
            carried.update({d.alert_id: key for d in batch})
            report.sent += len(batch)
            report.delivered_ids += [d.alert_id for d in batch]
    with writer(warehouse_path) as con:
        mark_results(con, results, now=now, carried_by=carried)
    return report


def send_test(url: str, guard: AddressPolicy | None = None) -> str:
    """Send a test message through one apprise URL; return the channel's private description.
    Raises ConfigError (bad URL), BlockedAddress or DeliveryError."""
    name = channel_name(url)
    channel = Channel(name, url, guard=guard or AddressPolicy())
    key = "test-" + hashlib.sha256(f"{url}{dt.datetime.now(dt.UTC).isoformat()}".encode()).hexdigest()[:16]
    send(channel, lambda fmt: render_test(fmt, key), key)
    return describe_url(url)
