"""The check door in a browser: choose a bad file on /submit/check, press the button, and its problems
are listed on the page the form's POST answers; that page passes every accessibility check too."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.test_axe import _assert_none, _check
from tests.support.browser import wait_drawn
from tests.support.submission_files import csv_bytes, good_rows

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]


def test_a_bad_file_is_checked_and_its_problems_listed(dash_duo, site, tmp_path, screenshot):
    rows = good_rows(5)
    rows[1]["fte"] = "1.5"
    for r in rows:
        r["la_code"] = "E99999999"
    rows[2]["worker_ref"] = "<b>W1</b>"
    bad = tmp_path / "my <snapshot>.csv"
    bad.write_bytes(csv_bytes(rows))
    dash_duo.start_server(site)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/submit/check")
    wait_drawn(driver, "Check a submission file")
    field = driver.find_element(By.CSS_SELECTOR, "input#check-file[type=file][name=file]")
    assert field.get_attribute("aria-describedby") == "check-file-hint"
    field.send_keys(str(bad))
    driver.find_element(By.ID, "check-submit").click()
    WebDriverWait(driver, 20).until(ec.presence_of_element_located((By.ID, "check-summary")))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Your file has problems"
    assert driver.find_element(By.ID, "check-summary").text.startswith("3 problems found")
    cells = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
             for tr in driver.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert [c[:3] for c in cells] == [["3", "fte", "1.5"], ["4", "worker_ref", "<b>W1</b>"],
                                      ["2", "la_code", "E99999999"]]  # cells first, then file rules
    assert "current English council" in cells[2][3]
    assert not driver.find_elements(By.CSS_SELECTOR, "main b")  # the file's text is text, not markup
    assert "snapshot>" not in driver.page_source
    screenshot(dash_duo, "submit-check-report")
    found: list[str] = []
    _check(driver, "/submit/check with a report", found)
    _assert_none(found)
    assert [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"] == []
