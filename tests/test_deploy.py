"""deploy/prefect.yaml on a real Prefect server: `prefect deploy` registers the deployments with their
schedule and single-writer concurrency limit, and a process worker runs one to completion."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from isswatch.flows.serve import local_prefect_server
from tests.prefect_api import call

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]


def prefect(*args: str, env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "prefect", *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout
    )


def test_prefect_yaml_deploys_and_a_worker_runs_the_flow(tmp_path, misbehaving_server):
    config = tmp_path / "isswatch.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\nallow_hosts = ["127.0.0.1"]\n'
        f'[[feeds]]\nurl = "{misbehaving_server.url("/feed")}"\nname = "loopback"\n',
        encoding="utf-8",
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ISSWATCH_"))}
    base.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_API_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{tmp_path}/server.db",
    )
    with local_prefect_server(tmp_path / "server") as api:
        env = {**base, "PREFECT_API_URL": api, "ISSWATCH_HOME": str(REPO), "ISSWATCH_CONFIG": str(config)}
        made = prefect("work-pool", "create", "isswatch", "--type", "process", env=env)
        assert made.returncode == 0, made.stdout + made.stderr
        deployed = prefect("--no-prompt", "deploy", "--all", "--prefect-file", "deploy/prefect.yaml", env=env)
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr

        deployments = {d["name"]: d for d in call("POST", f"{api}/deployments/filter", json={}).json()}
        assert set(deployments) == {"isswatch-monitor", "isswatch-monitor-manual", "isswatch-backfill"}
        scheduled = deployments["isswatch-monitor"]
        assert [s["schedule"]["cron"] for s in scheduled["schedules"]] == ["*/30 * * * *"]
        assert set(deployments["isswatch-backfill"]["parameters"]) >= {"paths", "shard", "shards", "alerts"}
        for d in (deployments["isswatch-monitor"], deployments["isswatch-monitor-manual"]):
            assert d["work_pool_name"] == "isswatch"
            assert d["global_concurrency_limit"]["limit"] == 1
            assert d["concurrency_options"]["collision_strategy"] == "ENQUEUE"

        run = prefect("deployment", "run", "monitor/isswatch-monitor-manual", env=env)
        assert run.returncode == 0, run.stdout + run.stderr
        worker = prefect("worker", "start", "--pool", "isswatch", "--run-once", env=env, timeout=300)
        assert worker.returncode == 0, worker.stdout[-3000:] + worker.stderr[-3000:]
        deadline = time.monotonic() + 60
        while True:
            runs = call("POST", f"{api}/flow_runs/filter", json={}).json()
            manual = deployments["isswatch-monitor-manual"]["id"]
            states = [r["state_type"] for r in runs if r["deployment_id"] == manual]
            if "COMPLETED" in states or time.monotonic() > deadline:
                break
            time.sleep(2)
        assert "COMPLETED" in states, (states, worker.stdout[-3000:], worker.stderr[-3000:])
    con = duckdb.connect(str(tmp_path / "data" / "isswatch.duckdb"), read_only=True)
    statuses = [s for (s,) in con.execute("SELECT status FROM rounds").fetchall()]
    # the manual run, and the scheduled one too when the test runs across a half hour
    assert 1 <= len(statuses) <= 2 and set(statuses) == {"completed"}
    con.close()


def test_two_workers_run_two_backfill_shards_at_once_into_one_lake(tmp_path, lake_catalog):
    """The backfill deployment, two flow runs (shard 0 and 1 of 2), each on its own process worker, both
    writing one DuckLake: every record once, one change."""
    from isswatch.warehouse.connection import reader
    from isswatch.warehouse.lake import Lake
    from tests.archive_fixtures import demo_config, demo_pages, write_warc

    warc = write_warc(tmp_path / "crawl.warc.gz", demo_pages())
    config = demo_config(
        tmp_path / "isswatch.toml",
        tmp_path / "data",
        lake={"catalog": lake_catalog},
        extraction={"workers": 1, "timeout": 30},
        dask={"batch": 10},
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "ISSWATCH_"))}
    base.update(
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_API_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{tmp_path}/server.db",
    )
    with local_prefect_server(tmp_path / "server") as api:
        env = {**base, "PREFECT_API_URL": api, "ISSWATCH_HOME": str(REPO), "ISSWATCH_CONFIG": str(config)}
        made = prefect("work-pool", "create", "isswatch", "--type", "process", "--overwrite", env=env)
        assert made.returncode == 0, made.stdout + made.stderr
        deployed = prefect(
            "--no-prompt", "deploy", "--name", "isswatch-backfill", "--prefect-file", "deploy/prefect.yaml", env=env
        )
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr
        dep = next(
            d for d in call("POST", f"{api}/deployments/filter", json={}).json() if d["name"] == "isswatch-backfill"
        )
        runs = []
        for shard in (0, 1):  # each shard on a queue of its own, so each worker takes one
            queue = f"shard-{shard}"
            call("POST", f"{api}/work_pools/isswatch/queues", json={"name": queue})
            made = call(
                "POST",
                f"{api}/deployments/{dep['id']}/create_flow_run",
                json={"parameters": {"paths": [str(warc)], "shard": shard, "shards": 2}, "work_queue_name": queue},
            )
            runs.append(made.json()["id"])
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "prefect",
                    "worker",
                    "start",
                    "--pool",
                    "isswatch",
                    "--work-queue",
                    f"shard-{shard}",
                    "--run-once",
                ],
                env=env,
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for shard in (0, 1)
        ]
        logs = [w.communicate(timeout=400)[0] for w in workers]
        states = {r: call("GET", f"{api}/flow_runs/{r}").json()["state_type"] for r in runs}
        errors = [line for log in logs for line in log.splitlines() if "Error" in line or "error" in line]
        assert set(states.values()) == {"COMPLETED"}, (states, errors[-20:])
    lake = Lake(lake_catalog, str(tmp_path / "data" / "lake") + "/")
    with reader(lake) as con:
        for table, key in (("articles", "article_id"), ("claims", "claim_id"), ("backfill_records", "record_key")):
            total, distinct = con.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()
            assert total == distinct, table
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (22,)
        assert con.execute("SELECT count(DISTINCT backfill_id) FROM backfill_records").fetchone() == (2,)
        rows = con.execute("SELECT kind, fact, old_value, new_value FROM changes ORDER BY kind").fetchall()
    # the change once, whichever shard records it; a shard that replays before the other has stored its records may
    # also record the two values as a disagreement (docs/decisions.md, "Backfill"), never anything else
    assert [r for r in rows if r[0] == "change"] == [("change", "iss.operations_end", "2028", "2030")]
    assert {r for r in rows if r[0] != "change"} <= {("disagreement", "iss.operations_end", "2028", "2030")}
