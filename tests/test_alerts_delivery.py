"""Alert delivery against real receivers on 127.0.0.1: mail (aiosmtpd), json webhook, console; retries,
backoff, partial failures, a crash between send and mark, and the address guard."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from isswatch.extractors.errors import ConfigError
from isswatch.extractors.fetching.addresses import AddressPolicy
from isswatch.flows.alerts import HEADER, Channel, channel_name, deliver_pending
from tests.alert_fixtures import SmtpReceiver, Warehouse, Webhook, free_port, loopback_settings, t

LOOPBACK = AddressPolicy.from_strings(["127.0.0.1"])
REPO = Path(__file__).resolve().parents[1]


def json_channel(url: str, **kw) -> Channel:
    return Channel(channel_name(url), url, guard=LOOPBACK, **kw)


def a_change(wh: Warehouse, channels: list[Channel], *, sentence: str | None = None) -> str:
    wh.report("nasa", "2030", primary=True, when=t(0), speaker="Sean Duffy", sentence=sentence)
    [change] = wh.detect(channels=tuple(c.name for c in channels), now=t(1))
    wh.close()
    return change.change_id


def states(wh: Warehouse) -> dict[str, tuple]:
    rows = wh.rows("SELECT channel, attempts, delivered_at IS NOT NULL, last_error IS NOT NULL FROM alerts")
    wh.close()
    return {r[0]: r[1:] for r in rows}


def test_console_channel_prints_the_alert(wh: Warehouse) -> None:
    out = io.StringIO()
    console = Channel("console", None, format="text", stream=out)
    a_change(wh, [console])
    report = deliver_pending(wh.path, [console], now=t(1))
    assert (report.sent, report.failed) == (1, 0)
    text = out.getvalue()
    assert "iss.operations_end changed 2028 → 2030" in text and "Sean Duffy" in text
    assert "https://nasa.example/story/1" in text and "Alert id: " in text
    assert deliver_pending(wh.path, [console], now=t(2)).sent == 0
    assert out.getvalue() == text


def test_json_webhook_receives_the_alert_with_its_idempotency_key(wh: Warehouse, webhook: Webhook) -> None:
    channel = json_channel(webhook.url)
    a_change(wh, [channel])
    report = deliver_pending(wh.path, [channel], now=t(1))
    assert (report.sent, report.failed) == (1, 0), report.errors
    [request] = webhook.requests
    key = request["headers"][HEADER.lower()]
    assert report.delivered_ids == [key]
    assert request["json"]["alert_id"] == key
    assert "2028 → 2030" in request["json"]["title"]
    assert "Sean Duffy" in request["json"]["message"] and f"Alert id: {key}" in request["json"]["message"]
    assert states(wh)[channel.name] == (1, True, False)


def test_mail_alert_reaches_the_smtp_server(wh: Warehouse, smtp_server: SmtpReceiver) -> None:
    channel = Channel(channel_name(smtp_server.url), smtp_server.url, guard=LOOPBACK)
    a_change(wh, [channel], sentence='Duffy said: "<b>until 2030</b>" & more')
    report = deliver_pending(wh.path, [channel], now=t(1))
    assert (report.sent, report.failed) == (1, 0), report.errors
    [mail] = smtp_server.messages
    assert "2028 → 2030" in str(mail["Subject"]) or "2028" in str(mail["Subject"])
    assert mail[HEADER] == report.delivered_ids[0]
    html_part = next(p for p in mail.walk() if p.get_content_type() == "text/html")
    html = html_part.get_payload(decode=True).decode()
    assert "&lt;b&gt;until 2030&lt;/b&gt;" in html and "<b>until 2030</b>" not in html
    assert 'href="https://nasa.example/story/1"' in html


def test_receiver_down_then_up_gets_the_alert_exactly_once(wh: Warehouse) -> None:
    port = free_port()
    channel = json_channel(f"json://127.0.0.1:{port}/hook")
    a_change(wh, [channel])
    first = deliver_pending(wh.path, [channel], now=t(1))
    assert (first.sent, first.failed) == (0, 1)
    assert states(wh)[channel.name] == (1, False, True)
    # still within the backoff: not retried
    assert deliver_pending(wh.path, [channel], now=t(1) + dt.timedelta(seconds=30)).failed == 0
    hook = Webhook(port).start()
    try:
        second = deliver_pending(wh.path, [channel], now=t(1) + dt.timedelta(minutes=2))
        third = deliver_pending(wh.path, [channel], now=t(2))
    finally:
        hook.stop()
    assert (second.sent, third.sent) == (1, 0)
    assert len(hook.requests) == 1
    assert states(wh)[channel.name] == (2, True, False)


def test_backoff_doubles_and_stops_at_max_attempts(wh: Warehouse) -> None:
    channel = json_channel(f"json://127.0.0.1:{free_port()}/hook", max_attempts=3)
    a_change(wh, [channel])
    now = t(1)
    waits = []
    for _ in range(5):
        deliver_pending(wh.path, [channel], now=now)
        [(nxt,)] = wh.rows("SELECT next_attempt_at FROM alerts")
        wh.close()
        waits.append(nxt - now)
        now = nxt
    assert waits[:3] == [dt.timedelta(minutes=1), dt.timedelta(minutes=2), dt.timedelta(minutes=4)]
    assert states(wh)[channel.name][0] == 3  # gave up after max_attempts; `alerts retry` forces


def test_of_two_channels_the_working_one_is_not_sent_twice(wh: Warehouse, webhook: Webhook) -> None:
    failing = Webhook(free_port(), status=500).start()
    good, bad = json_channel(webhook.url), json_channel(failing.url)
    try:
        a_change(wh, [good, bad])
        first = deliver_pending(wh.path, [good, bad], now=t(1))
        assert (first.sent, first.failed) == (1, 1)
        failing.status = 200
        second = deliver_pending(wh.path, [good, bad], now=t(1) + dt.timedelta(minutes=2))
        assert (second.sent, second.failed) == (1, 0)
        assert deliver_pending(wh.path, [good, bad], now=t(2)).sent == 0
    finally:
        failing.stop()
    assert len(webhook.requests) == 1
    assert len(failing.requests) == 2 and len(failing.unique) == 1


_KILLED_SENDER = textwrap.dedent("""
    import sys
    from isswatch.extractors.fetching.addresses import AddressPolicy
    from isswatch.flows.alerts import Channel, channel_name, deliver_pending
    url = sys.argv[2]
    channel = Channel(channel_name(url), url, guard=AddressPolicy.from_strings(["127.0.0.1"]))
    deliver_pending(sys.argv[1], [channel])
    print("marked")  # never reached: killed while waiting for the receiver's answer
""")


def test_a_process_killed_between_send_and_mark_causes_no_duplicate(wh: Warehouse, webhook: Webhook) -> None:
    channel = json_channel(webhook.url)
    webhook.hold = threading.Event()
    a_change(wh, [channel])
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_SENDER, str(wh.path), webhook.url],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert webhook.received.wait(30), proc.stderr.read().decode() if proc.poll() is not None else "none"
        os.kill(proc.pid, signal.SIGKILL)  # the receiver has the message; the sender never marks it
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    webhook.hold.set()
    webhook.hold = None
    assert proc.returncode == -signal.SIGKILL and b"marked" not in proc.stdout.read()
    assert states(wh)[channel.name] == (1, False, False)  # claimed, never marked
    # next round, after the lease/backoff: sent again with the SAME key, which the receiver drops
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2)
    report = deliver_pending(wh.path, [channel], now=later)
    assert report.sent == 1
    keys = [r["headers"][HEADER.lower()] for r in webhook.requests]
    assert len(keys) == 2 and keys[0] == keys[1] and keys[0]
    assert [r["json"]["alert_id"] for r in webhook.requests] == keys
    assert list(webhook.unique) == [keys[0]]
    assert deliver_pending(wh.path, [channel], now=later + dt.timedelta(hours=1)).sent == 0
    assert len(webhook.requests) == 2


def test_address_guard_blocks_loopback_unless_allowed(wh: Warehouse, webhook: Webhook) -> None:
    blocked = Channel(channel_name(webhook.url), webhook.url)  # default policy: public addresses only
    a_change(wh, [blocked])
    report = deliver_pending(wh.path, [blocked], now=t(1))
    assert report.failed == 1 and "loopback" in report.errors[0]
    assert webhook.requests == []
    [(err,)] = wh.rows("SELECT last_error FROM alerts")
    wh.close()
    assert "loopback" in err


def test_mail_smtp_host_is_guarded_too(wh: Warehouse) -> None:
    url = f"mailto://127.0.0.1:{free_port()}?mode=insecure&from=a@example.org&to=b@example.org"
    channel = Channel(channel_name(url), url)
    a_change(wh, [channel])
    report = deliver_pending(wh.path, [channel], now=t(1))
    assert report.failed == 1 and "loopback" in report.errors[0]


def test_retry_forces_a_send_before_the_backoff(wh: Warehouse) -> None:
    port = free_port()
    channel = json_channel(f"json://127.0.0.1:{port}/hook")
    a_change(wh, [channel])
    assert deliver_pending(wh.path, [channel], now=t(1)).failed == 1
    hook = Webhook(port).start()
    try:
        now = t(1) + dt.timedelta(seconds=30)
        assert deliver_pending(wh.path, [channel], now=now).sent == 0  # backing off
        assert deliver_pending(wh.path, [channel], now=now, force=True).sent == 1
        assert deliver_pending(wh.path, [channel], now=now, force=True).sent == 0
    finally:
        hook.stop()
    assert len(hook.requests) == 1


def test_digest_waits_for_the_digest_hour_and_sends_one_message(wh: Warehouse, webhook: Webhook) -> None:
    from isswatch.warehouse.changes import ChangePolicy

    channel = json_channel(webhook.url, digest=True)
    policy = ChangePolicy(digest_channels=(channel.name,))
    wh.report("nasa", "2030", primary=True, when=t(0))
    wh.report("nasa", "2031", primary=True, when=t(0), fact="iss.deorbit")
    assert len(wh.detect(channels=(channel.name,), policy=policy, now=t(0, hours=1))) == 2
    wh.close()
    morning = t(1).replace(hour=7)  # the day after detection (at 13:00)
    assert deliver_pending(wh.path, [channel], now=morning).sent == 0
    report = deliver_pending(wh.path, [channel], now=morning.replace(hour=9))
    assert report.sent == 2
    [request] = webhook.requests
    assert "2 changes" in request["json"]["title"]
    assert request["headers"][HEADER.lower()].startswith("digest-")
    assert deliver_pending(wh.path, [channel], now=morning.replace(hour=10)).sent == 0


def test_alert_channels_names_hide_secrets() -> None:
    secret = "json://user:s3cret@127.0.0.1:9/hook"
    channels = loopback_settings(secret, console=True).alert_channels()
    assert channels[0].name == "console"
    assert channels[1].name.startswith("json-") and "s3cret" not in channels[1].name
    assert "s3cret" not in repr(channels[1])
    with pytest.raises(ConfigError) as info:
        loopback_settings("nosuchservice://x/y").alert_channels()
    assert "nosuchservice" in str(info.value)


def test_settings_urls_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from isswatch.flows.settings import Settings

    monkeypatch.setenv("ISSWATCH_ALERTS__URLS", "json://127.0.0.1:1/a, json://127.0.0.1:2/b")
    settings = Settings()
    assert settings.alerts.urls == ["json://127.0.0.1:1/a", "json://127.0.0.1:2/b"]
    assert len(settings.alert_channels()) == 3
    assert json.loads(json.dumps(settings.alerts.model_dump()))["console"] is True
