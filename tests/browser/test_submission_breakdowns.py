"""A demo submission with agency, newly qualified and declared-maximum columns, loaded by the real
pipeline, shows every #19 block on the council's page in Chromium: the groups, the guarantee's
halves, the declared maximum, over time and across councils; each labelled demo, no 'c' a number."""

from __future__ import annotations

import pytest
import requests
from selenium.webdriver.common.by import By

from dashboard.views.submission_cells import DEMO_LABEL, SUPPRESSED
from tests.support.browser import wait_drawn

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

PATH = "/council/leeds?year=2025&cap=18"


def test_every_breakdown_is_on_the_council_page(dash_duo, breakdown_warehouse, screenshot):
    from dashboard.app import create_app

    dash_duo.start_server(create_app(breakdown_warehouse))
    dash_duo.driver.get(dash_duo.server_url + PATH)
    dash_duo.wait_for_contains_text("#section-submission", "Leeds, snapshot of 30 September 2025",
                                    timeout=20)
    wait_drawn(dash_duo.driver, "Leeds")
    block = dash_duo.find_element("#section-submission .submission.demo")
    text = block.text
    for heading in ("By group", "The guarantee's two halves", "The council's own declared maximum",
                    "Over time", "those councils only, not an estimate for England"):
        assert heading in text, heading
    captions = [c.text for c in block.find_elements(By.TAG_NAME, "caption")]
    for kind in ("team", "employment", "experience", "role"):
        assert any(f"by {kind}, share above the cap of 18" in c for c in captions), kind
    assert all(c.startswith(DEMO_LABEL) for c in captions)
    assert "agency" in text and "Newly qualified (above 12)" in text and "Experienced (above 15)" in text
    assert "Above the maximum: children" in text and "Above the maximum: weighted caseload" in text
    assert "families per FTE" in text and "count children, not families" in text
    assert "2 councils sent a snapshot for this date" in text and "Birmingham" in text
    assert block.find_elements(By.CSS_SELECTOR, "#section-submission-series-E08000035-demo figure figcaption")
    worded = [c.text for c in block.find_elements(By.TAG_NAME, "td") if "suppressed" in c.text]
    assert all(t == SUPPRESSED for t in worded)  # a suppressed cell is the sentence, with no number
    screenshot(dash_duo, "council-submission-breakdowns")
    # a council that declares nothing: a sentence, never a zero; one snapshot: a sentence, no chart
    dash_duo.driver.get(dash_duo.server_url + "/council/birmingham?year=2025&cap=18")
    dash_duo.wait_for_contains_text("#section-submission", "declared no safe maximum", timeout=20)
    other = dash_duo.find_element("#section-submission .submission.demo").text
    assert "Only one snapshot so far" in other and "Above the maximum" not in other
    assert dash_duo.get_logs() == []


def test_the_downloads_hold_the_new_marts(breakdown_warehouse):
    """The three marts filter by council and the pooled mart downloads whole (it has no council)."""
    import threading

    from werkzeug.serving import make_server

    from dashboard.app import create_app

    server = make_server("127.0.0.1", 0, create_app(breakdown_warehouse).server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/download"
        for table in ("submission_la_snapshot", "submission_cap", "submission_bands"):
            r = requests.get(f"{base}/marts.{table}.csv?council=E08000035", timeout=30)
            assert r.status_code == 200 and "group_kind" in r.text.splitlines()[0], table
        pooled = requests.get(f"{base}/marts.submission_across.csv", timeout=30)
        assert pooled.status_code == 200 and "council_names" in pooled.text.splitlines()[0]
    finally:
        server.shutdown()
