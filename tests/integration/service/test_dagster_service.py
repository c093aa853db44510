"""Dagster as a service: a persistent instance (deploy/dagster/dagster.yaml in DAGSTER_HOME) that
`caseload run`, the daemon and the webserver share, kept across restarts.

`caseload run` records its run there; the daemon, started on its own, has the inbox sensor start a
`submissions_load` run for a file waiting in the inbox; then, with the daemon stopped, a new process
(the webserver, as a reader opens it) still shows both runs and the sensor's ticks and state.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.support import service
from warehouse.config import PROJECT_ROOT, Settings

pytestmark = pytest.mark.shared_data
BIN = Path(sys.executable).parent
WORKSPACE = service.DEPLOY / "dagster" / "workspace.yaml"
SENSOR = "submissions_inbox_sensor"
RUNS = "{ runsOrError { ... on Runs { results { jobName status tags { key value } } } } }"
TICKS = """{ sensorOrError(sensorSelector: {repositoryLocationName: "caseload",
  repositoryName: "__repository__", sensorName: "SENSOR"}) { ... on Sensor {
  sensorState { status ticks(limit: 20) { status runIds } } } } }""".replace("SENSOR", SENSOR)


def _graphql(base: str, query: str) -> dict:
    resp = requests.post(f"{base}/graphql", json={"query": query}, timeout=60)
    resp.raise_for_status()
    body = resp.json()
    assert "errors" not in body, body
    return body["data"]


def test_runs_and_sensor_ticks_outlive_the_daemon(shared_warehouse: Settings, shared_data_dir: Path,
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import dagster as dg

    from pipeline.submissions import generator

    home, data_dir = tmp_path / "dagster", tmp_path / "data"
    home.mkdir()
    shutil.copy(service.DEPLOY / "dagster" / "dagster.yaml", home / "dagster.yaml")
    shutil.copytree(shared_warehouse.data_dir, data_dir)
    env = {**os.environ, "DAGSTER_HOME": str(home), "CASELOAD_DATA_DIR": str(data_dir),
           "CASELOAD_SOURCE_DIR": str(shared_data_dir), "PYTHONUNBUFFERED": "1"}

    built = subprocess.run([str(BIN / "caseload"), "run"], env=env, cwd=PROJECT_ROOT, capture_output=True,
                           text=True, timeout=600)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]

    inbox = data_dir / "submissions" / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    generator.main([str(inbox), "--snapshot", "2025-09-30", "--la", "E08000025"])
    log = tmp_path / "daemon.log"
    with log.open("wb") as out:
        daemon = subprocess.Popen([str(BIN / "dagster-daemon"), "run", "-w", str(WORKSPACE)], env=env,
                                  cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT)
    monkeypatch.setenv("DAGSTER_HOME", str(home))  # dagster.yaml names its folder by it
    try:
        with dg.DagsterInstance.from_config(str(home)) as instance:
            deadline = time.monotonic() + 120
            while True:
                done = instance.get_run_records(dg.RunsFilter(job_name="submissions_load",
                                                              statuses=[dg.DagsterRunStatus.SUCCESS]))
                if done or daemon.poll() is not None or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
        assert done, log.read_text(errors="replace")[-3000:]
    finally:
        daemon.terminate()
        daemon.wait(30)
    assert not list(inbox.iterdir())  # the file was loaded (and archived) by the daemon's run

    port = service.free_port()
    web = subprocess.Popen([str(BIN / "dagster-webserver"), "-w", str(WORKSPACE), "-h", "127.0.0.1",
                            "-p", str(port)], env=env, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                           stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(f"{base}/server_info", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert web.poll() is None and time.monotonic() < deadline, "dagster-webserver did not start"
            time.sleep(0.3)
        runs = _graphql(base, RUNS)["runsOrError"]["results"]
        sensor = _graphql(base, TICKS)["sensorOrError"]["sensorState"]
    finally:
        web.terminate()
        web.wait(30)
    by_job = {r["jobName"]: r for r in runs}
    assert by_job["build_everything"]["status"] == "SUCCESS"  # `caseload run`, in the same history
    loaded = by_job["submissions_load"]
    assert loaded["status"] == "SUCCESS"
    assert {"key": "dagster/sensor_name", "value": SENSOR} in loaded["tags"], json.dumps(loaded)
    assert sensor["status"] == "RUNNING"
    assert any(t["status"] == "SUCCESS" and t["runIds"] for t in sensor["ticks"]), sensor["ticks"]
