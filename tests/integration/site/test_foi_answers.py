"""FOI answers end to end: band files dropped in the inbox, `caseload run`, and the council's page
(over real HTTP) says "FOI answer" with the source and shows the caps the bands allow, only (the check
API's answer for band files: tests/integration/api/test_submission_check.py)."""

from __future__ import annotations

import json

import pytest
import requests

from tests.conftest import copy_of_shared
from tests.support.band_files import band_csv, band_rows
from tests.support.live_site import page_content, running
from warehouse.config import Settings

pytestmark = pytest.mark.shared_data
URL = "https://www.hartlepool.gov.uk/foi/answers/2025-0456"
# Hartlepool's bands end at 12 and 18: the caps of 12 and 18 can be computed, 15 and 20 cannot.
HARTLEPOOL = ((0, 12, 40), (13, 18, 25), (19, None, 9))


def test_band_files_in_the_inbox_reach_the_councils_page(
    shared_warehouse: Settings, shared_data_dir, tmp_path, monkeypatch
):
    from dashboard.app import create_app
    from pipeline.run import run_all

    settings = copy_of_shared(shared_warehouse, tmp_path, monkeypatch,
                              CASELOAD_SOURCE_DIR=str(shared_data_dir))
    inbox = settings.submissions_dir / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    hartlepool = band_csv(band_rows(HARTLEPOOL, la_code="E06000001", source=URL))
    (inbox / "hartlepool_foi.csv").write_bytes(hartlepool)
    (inbox / "westminster_foi.csv").write_bytes(band_csv(band_rows(la_code="E09000033")))
    assert run_all() == 0
    assert list(inbox.iterdir()) == []
    with running(create_app(settings).server) as base:
        session = requests.Session()
        page = json.dumps(page_content(session, base, "/council/hartlepool", "?year=2025&cap=12"))
        assert "FOI answer: Hartlepool, counts of 30 September 2025" in page
        assert f'"href": "{URL}"' in page  # the published answer is a link
        assert "45.9% of social workers (34) hold more than 12 children" in page
        assert "12.2% of social workers (9) hold more than 18 children" in page
        assert page.count("cannot be computed from these bands") == 2  # 15 and 20: no band ends there
        assert "No band of this answer ends at 15 children" in page and "ends at 20 children" in page
        other = json.dumps(page_content(session, base, "/council/westminster", "?year=2025&cap=12"))
        assert "FOI reference FOI 2025/1234" in other and "FOI answer: Westminster" in other
        assert "Council submission:" not in other  # no worker file: nothing claims to be the council's own
        # the CSV alternative carries basis and source on every row, computable caps only with a number
        csv_text = session.get(base + "/download/marts.submission_foi_cap.csv?council=E06000001",
                               timeout=60).text
        lines = [line for line in csv_text.splitlines()[1:] if line]
        assert len(lines) == 4 and all(f"FOI answer,{URL}" in line for line in lines)
        numbers = [line.split(",")[9] for line in lines]
        assert numbers == ["34", "", "9", ""]

