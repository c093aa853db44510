"""A file dropped in the inbox is on the running site after one sensor tick and one run.

As the daemon would: the inbox sensor is evaluated, its run request executed in process
(`submissions_load`: load, rebuild the submission marts, publish them on their own). The new
release is the served one with only the submission marts replaced, swapped in atomically, and a
site running all along serves it without a restart.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import dagster as dg
import duckdb
import pytest
import requests

from pipeline.definitions import defs
from pipeline.defs.submissions.sensors import LOAD_JOB, submissions_inbox_sensor
from pipeline.lib.resources import WarehouseResource
from pipeline.submissions import generator
from tests.conftest import copy_of_shared
from tests.support.live_site import page_content, running
from warehouse.config import Settings
from warehouse.read.releases import release_ids

pytestmark = pytest.mark.shared_data


def _tables(path: Path) -> dict[str, list]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = con.execute("SELECT schema_name || '.' || table_name FROM duckdb_tables() "
                            "ORDER BY ALL").fetchall()
        return {n: con.execute(f"SELECT * FROM {n} ORDER BY ALL").fetchall() for (n,) in names}
    finally:
        con.close()


def test_an_upload_is_published_on_its_own_and_served_without_a_restart(
        shared_warehouse: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.app import create_app

    settings = copy_of_shared(shared_warehouse, tmp_path, monkeypatch, CASELOAD_SHOW_DEMO="1")
    before = _tables(settings.warehouse_path)
    kept = release_ids(settings.releases_dir)
    with running(create_app(dataclasses.replace(settings, show_demo=True)).server) as site:
        session = requests.Session()
        assert "Demo data (synthetic)" not in str(page_content(session, site, "/council/birmingham"))
        inbox = settings.submissions_dir / "inbox"
        inbox.mkdir(parents=True, exist_ok=True)
        generator.main([str(inbox), "--snapshot", "2025-09-30", "--la", "E08000025"])
        with dg.build_sensor_context(resources={"warehouse": WarehouseResource()},
                                     instance=dg.DagsterInstance.ephemeral()) as context:
            request = submissions_inbox_sensor(context)
        assert isinstance(request, dg.RunRequest)
        job = defs().resolve_job_def(LOAD_JOB)
        result = job.execute_in_process(run_config=request.run_config,
                                        instance=dg.DagsterInstance.ephemeral())
        assert result.success
        assert not os.listdir(inbox), "the file was taken from the inbox"
        page = str(page_content(session, site, "/council/birmingham"))
        assert "Demo data (synthetic)" in page, "the submission is on the page, no restart"
    after = _tables(settings.warehouse_path)
    changed = {n for n in before.keys() | after.keys() if before.get(n) != after.get(n)}
    assert changed == {"marts.submission_la_snapshot", "marts.submission_cap", "marts.submission_bands",
                       "marts.submission_across", "meta.release"}, \
        "only the submission marts and the release's id change"
    assert len(release_ids(settings.releases_dir)) == len(kept) + 1
