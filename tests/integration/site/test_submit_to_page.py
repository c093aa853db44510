"""From a council's upload to its page: a file sent with the council's token over real HTTP waits in
the inbox, `caseload run` loads and publishes it, and the council's page (over HTTP, demo mode off:
a real upload is not demo data) shows its submission figures; the same bytes again are 'already
received' from the archive."""

from __future__ import annotations

import hashlib
import json

import pytest
import requests

from tests.conftest import copy_of_shared
from tests.support.live_site import page_content, running
from tests.support.submission_files import csv_bytes, good_rows
from warehouse.config import Settings
from warehouse.submissions import councils
from warehouse.tokens import TokenStore

pytestmark = pytest.mark.shared_data


def test_an_uploaded_file_reaches_the_councils_page(shared_warehouse: Settings, shared_data_dir, tmp_path,
                                                    monkeypatch):
    from dashboard.app import create_app
    from pipeline.run import run_all

    settings = copy_of_shared(shared_warehouse, tmp_path, monkeypatch,
                              CASELOAD_SOURCE_DIR=str(shared_data_dir))
    assert not settings.show_demo
    token = TokenStore(settings.tokens_path).issue("E08000025", councils.known_codes())
    content = csv_bytes(good_rows(40, la_code="E08000025"))
    headers = {"Authorization": f"Bearer {token}"}
    with running(create_app(settings).server) as base:
        page = json.dumps(page_content(requests.Session(), base, "/council/birmingham", "?year=2025&cap=18"))
        assert "No worker-level submission from this council yet" in page
        resp = requests.post(base + "/api/v1/submissions", headers=headers,
                             files={"file": ("caseload.csv", content)}, timeout=60)
        assert resp.status_code == 202, resp.text
        assert run_all() == 0
        inbox = settings.submissions_dir / "inbox"
        assert [p for p in inbox.iterdir()] == []
        digest = hashlib.sha256(content).hexdigest()
        archived = list((settings.submissions_dir / "archive" / "E08000025" / "2025-09-30").iterdir())
        assert [p.name for p in archived] == [f"{digest[:12]}_E08000025_{digest}.csv"]
        # the running site reads the new release at once
        page = json.dumps(page_content(requests.Session(), base, "/council/birmingham", "?year=2025&cap=18"))
        assert "Birmingham, snapshot of 30 September 2025" in page
        assert "Above the cap of 18 children" in page and "Demo data" not in page
        again = requests.post(base + "/api/v1/submissions", headers=headers,
                              files={"file": ("again.csv", content)}, timeout=60)
        assert (again.status_code, again.json()["status"]) == (200, "already received")
