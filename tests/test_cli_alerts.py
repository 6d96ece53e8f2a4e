"""`isswatch alerts`: listing, test message, retry; bad input is one line on stderr and exit code 1."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from isswatch.flows.cli import app as isswatch_app
from tests.alert_fixtures import SmtpReceiver, Warehouse, Webhook, free_port

runner = CliRunner()


def app() -> typer.Typer:
    return isswatch_app


def config(tmp_path: Path, wh_path: Path, *urls: str, console: bool = False) -> Path:
    p = tmp_path / "isswatch.toml"
    p.write_text(
        f'warehouse = "{wh_path.as_posix()}"\nallow_hosts = ["127.0.0.1"]\n[alerts]\n'
        f"urls = {json.dumps(list(urls))}\nconsole = {str(console).lower()}\n",
        encoding="utf-8",
    )
    return p


def invoke(*args: str):
    return runner.invoke(app(), list(args))


def test_every_command_has_help() -> None:
    for args in (["alerts"], ["alerts", "test"], ["alerts", "retry"]):
        result = invoke(*args, "--help")
        assert result.exit_code == 0 and len(result.output) > 50


def test_alerts_lists_delivery_state(tmp_path: Path, wh: Warehouse) -> None:
    wh.report("nasa", "2030", primary=True)
    wh.detect(channels=("console", "json-x"))
    wh.close()
    cfg = config(tmp_path, wh.path)
    result = invoke("alerts", "--config", str(cfg), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert sorted(r["channel"] for r in rows) == ["console", "json-x"]
    assert {r["state"] for r in rows} == {"pending"} and rows[0]["fact"] == "iss.operations_end"
    csv = invoke("alerts", "--config", str(cfg), "--format", "csv", "--state", "delivered")
    assert csv.exit_code == 0 and csv.stdout.strip().startswith("created_at,fact")
    assert len(csv.stdout.splitlines()) == 1


def test_alerts_test_sends_one_message(tmp_path: Path, webhook: Webhook) -> None:
    cfg = config(tmp_path, tmp_path / "none.duckdb")
    result = invoke("alerts", "test", webhook.url, "--config", str(cfg))
    assert result.exit_code == 0, result.output
    assert "Test message sent to json://127.0.0.1" in result.stdout
    [request] = webhook.requests
    assert request["json"]["title"] == "isswatch: test message"


def test_alerts_test_mail(tmp_path: Path, smtp_server: SmtpReceiver) -> None:
    cfg = config(tmp_path, tmp_path / "none.duckdb")
    assert invoke("alerts", "test", smtp_server.url, "--config", str(cfg)).exit_code == 0
    assert len(smtp_server.messages) == 1


def test_alerts_test_failures_are_one_line(tmp_path: Path) -> None:
    cfg = config(tmp_path, tmp_path / "none.duckdb")
    down = invoke("alerts", "test", f"json://127.0.0.1:{free_port()}/x", "--config", str(cfg))
    assert down.exit_code == 1 and down.stderr.startswith("Error: ") and len(down.stderr.splitlines()) == 1
    bad = invoke("alerts", "test", "nosuch://thing", "--config", str(cfg))
    assert bad.exit_code == 1 and "nosuch" in bad.stderr and "Traceback" not in bad.output
    guarded = invoke("alerts", "test", "json://10.1.2.3/x")  # default config: no private hosts allowed
    assert guarded.exit_code == 1 and "private" in guarded.stderr


def test_alerts_retry_sends_pending_now(tmp_path: Path, wh: Warehouse, webhook: Webhook) -> None:
    from isswatch.flows.alerts import channel_name

    wh.report("nasa", "2030", primary=True)
    wh.detect(channels=(channel_name(webhook.url),))
    wh.close()
    cfg = config(tmp_path, wh.path, webhook.url)
    result = invoke("alerts", "retry", "--config", str(cfg))
    assert result.exit_code == 0, result.output
    assert "1 alert(s) delivered, 0 failed" in result.stderr
    assert len(webhook.requests) == 1
    assert invoke("alerts", "retry", "--config", str(cfg)).exit_code == 0
    assert len(webhook.requests) == 1


def test_missing_warehouse_and_bad_state(tmp_path: Path) -> None:
    cfg = config(tmp_path, tmp_path / "missing.duckdb")
    result = invoke("alerts", "--config", str(cfg))
    assert result.exit_code == 1 and "no warehouse at" in result.stderr and "missing.duckdb" in result.stderr
    assert not (tmp_path / "missing.duckdb").exists()
    bad = invoke("alerts", "--config", str(cfg), "--state", "lost")
    assert bad.exit_code == 1 and "--state 'lost'" in bad.stderr


def test_a_known_scheme_with_a_bad_detail_says_what_is_wrong(tmp_path: Path) -> None:
    cfg = config(tmp_path, tmp_path / "none.duckdb")
    result = invoke("alerts", "test", "mailto://user:pw@127.0.0.1:2525?to=a@example.org", "--config", str(cfg))
    assert result.exit_code == 1
    assert "is not an apprise scheme" not in result.stderr and "From" in result.stderr
