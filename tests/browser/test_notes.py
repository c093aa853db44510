"""In headless Chromium: Liverpool's 2025 caseload halved, so wherever the site shows or compares it
(its own page, Bolton's page, the compare table, chart hovers and tables, the rows behind a figure)
the note says so beside it."""

from __future__ import annotations

import csv
import io

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

NOTE = "Halved since 2024 (20.3 to 10.1): check with the council before quoting."

# The hover texts plotly holds for a chart (customdata and text of every trace).
HOVERS = """
const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
return JSON.stringify((gd.data || []).map(t => [t.customdata, t.text]));
"""


def _fact(dash_duo, label: str):
    for item in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".facts li"):
        if item.text.startswith(label):
            return item
    raise AssertionError(f"no fact {label!r}")


def _open_table(dash_duo, section: str) -> str:
    summary = dash_duo.find_element(f"#section-{section} details summary")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.send_keys(Keys.ENTER)
    dash_duo.wait_for_element(f"#section-{section} table", timeout=15)
    return dash_duo.find_element(f"#section-{section} table").text


def test_liverpools_own_page_says_its_caseload_halved(dash_duo, site, screenshot):
    dash_duo.start_server(site)
    dash_duo.driver.get(dash_duo.server_url + "/council/liverpool?year=2025&cap=18")
    dash_duo.wait_for_text_to_equal("h1", "Liverpool", timeout=15)
    fact = _fact(dash_duo, "Average caseload, 2025")
    assert "10.1. It counts children, not families, per case-holding social worker" in fact.text
    assert fact.find_element(By.CSS_SELECTOR, ".figure-note").text == f"Note: {NOTE}"
    caveats = dash_duo.find_element(".caveats").text
    assert "2025: the average caseload halved since 2024 (20.3 to 10.1): check with the council" in caveats
    benchmark = dash_duo.find_element("#section-benchmarks tr[data-measure='caseload']").text
    assert NOTE in benchmark
    dash_duo.wait_for_element("#graph-council-trend .main-svg", timeout=15)
    assert "Halved since 2024" in dash_duo.driver.execute_script(HOVERS, "#graph-council-trend")
    assert "Halved since 2024" in dash_duo.driver.execute_script(HOVERS, "#graph-council-funnel")
    assert NOTE in _open_table(dash_duo, "council-trend")
    screenshot(dash_duo, "council-liverpool-note")
    # The rows behind the figures carry the note as a column.
    href = dash_duo.find_element("#rows-behind").get_attribute("href")
    rows = list(csv.DictReader(io.StringIO(requests.get(href, timeout=30).content.decode("utf-8-sig"))))
    assert [(r["caseload_fte"], r["caseload_note"]) for r in rows] == [("10.1", NOTE)]
    assert dash_duo.get_logs() == []


def test_bolton_quotes_liverpool_with_its_note(dash_duo, site, screenshot):
    dash_duo.start_server(site)
    dash_duo.driver.get(dash_duo.server_url + "/council/bolton?year=2025&cap=18")
    dash_duo.wait_for_text_to_equal("h1", "Bolton", timeout=15)
    fact = _fact(dash_duo, "Within 50 miles")
    assert "lowest: Liverpool (10.1)" in fact.text
    note = fact.find_element(By.CSS_SELECTOR, ".figure-note").text
    assert note == "Note: Liverpool: halved since 2024 (20.3 to 10.1): check with the council before quoting."
    assert _fact(dash_duo, "Average caseload, 2025").find_elements(By.CSS_SELECTOR, ".figure-note") == []
    screenshot(dash_duo, "council-bolton-note")
    dash_duo.driver.get(dash_duo.server_url + "/compare?councils=bolton,liverpool&year=2025&cap=18")
    dash_duo.wait_for_contains_text("table", "Liverpool", timeout=15)
    table = dash_duo.find_element("table").text
    assert f"10.1. Note: {NOTE}" in table
    dash_duo.wait_for_element("#graph-compare-trend .main-svg", timeout=15)
    assert "Halved since 2024" in dash_duo.driver.execute_script(HOVERS, "#graph-compare-trend")
    dash_duo.driver.get(dash_duo.server_url + "/?year=2025&cap=18")
    dash_duo.wait_for_element("#graph-ranked .main-svg", timeout=15)
    for chart in ("#graph-ranked", "#graph-map"):
        assert "Halved since 2024" in dash_duo.driver.execute_script(HOVERS, chart), chart
    assert NOTE in _open_table(dash_duo, "ranked")
    dash_duo.driver.get(dash_duo.server_url + "/trends?year=2025&cap=18")
    dash_duo.wait_for_contains_text("#main", "What changed in 2025", timeout=15)
    digest = dash_duo.find_element("#main").text
    assert f"Liverpool: average caseload down 10.2 to 10.1. Note: {NOTE}" in digest
    assert dash_duo.get_logs() == []
