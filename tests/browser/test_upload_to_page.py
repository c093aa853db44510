"""A council officer's upload, seen in a browser: the file is sent with the council's token over
real HTTP, the inbox sensor's run (as the daemon would start it) loads it and publishes the
submission marts on their own, and the council's page in Chromium shows the submission, with no
rebuild and no restart of the site."""

from __future__ import annotations

import dagster as dg
import pytest
import requests

from pipeline.definitions import defs
from pipeline.defs.submissions.sensors import LOAD_JOB, submissions_inbox_sensor
from pipeline.lib.resources import WarehouseResource
from tests.conftest import copy_of_shared
from tests.support.submission_files import csv_bytes, good_rows
from warehouse.config import Settings
from warehouse.submissions import councils
from warehouse.tokens import TokenStore

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]


def test_an_upload_is_on_the_councils_page_after_the_sensors_run(
        dash_duo, shared_warehouse: Settings, tmp_path, monkeypatch, screenshot) -> None:
    from dashboard.app import create_app

    settings = copy_of_shared(shared_warehouse, tmp_path, monkeypatch)
    token = TokenStore(settings.tokens_path).issue("E08000025", councils.known_codes())
    dash_duo.start_server(create_app(settings))
    dash_duo.wait_for_page(f"{dash_duo.server_url}/council/birmingham?year=2025&cap=18")
    dash_duo.wait_for_contains_text("#main", "No worker-level submission from this council yet", timeout=20)

    sent = requests.post(f"{dash_duo.server_url}/api/v1/submissions",
                         headers={"Authorization": f"Bearer {token}"},
                         files={"file": ("caseload.csv", csv_bytes(good_rows(40, la_code="E08000025")))},
                         timeout=60)
    assert sent.status_code == 202, sent.text
    with dg.build_sensor_context(resources={"warehouse": WarehouseResource()},
                                 instance=dg.DagsterInstance.ephemeral()) as context:
        request = submissions_inbox_sensor(context)
    assert isinstance(request, dg.RunRequest)
    result = defs().resolve_job_def(LOAD_JOB).execute_in_process(
        run_config=request.run_config, instance=dg.DagsterInstance.ephemeral())
    assert result.success

    dash_duo.wait_for_page(f"{dash_duo.server_url}/council/birmingham?year=2025&cap=18")
    dash_duo.wait_for_contains_text("#main", "Birmingham, snapshot of 30 September 2025", timeout=20)
    text = dash_duo.find_element("#main").text
    assert "Above the cap of 18 children" in text and "Demo data" not in text
    screenshot(dash_duo, "council-after-upload")
    assert dash_duo.get_logs() == []
