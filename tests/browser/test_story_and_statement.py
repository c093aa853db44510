"""The overview's postcode lottery in words (before any control, each sentence leading to its chart)
and the accessibility statement (its sections, and the footer link to it on every page), in headless
Chromium."""

from __future__ import annotations

import re
import time

import pytest
from selenium.webdriver.common.by import By

from tests.support.site import STATEMENT_SECTIONS

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

RELEASE = re.compile(r"release=(\d{8}T\d{6}Z-[0-9a-f]{8})")


def _wait(condition, timeout: float = 15) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def _top(dash_duo, selector: str) -> float:
    return dash_duo.driver.execute_script(
        "return document.querySelector(arguments[0]).getBoundingClientRect().top", selector
    )


def test_overview_tells_the_story_before_the_form_and_its_links_lead_to_the_charts(
    dash_duo, site, screenshot
):
    dash_duo.start_server(site)
    dash_duo.wait_for_contains_text("#story", "The widest gap between two councils within 50 miles",
                                    timeout=15)
    story = dash_duo.find_element("#story")
    assert "Bolton (20.8) and Liverpool (10.1), 22 miles apart" in story.text
    assert "Liverpool: halved since 2024 (20.3 to 10.1)" in story.text  # the note beside the council named
    assert "cannot be said to have narrowed" in story.text
    before = dash_duo.driver.execute_script(
        "return Boolean(document.getElementById('story').compareDocumentPosition("
        "document.getElementById('ctl-year')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    assert before and _top(dash_duo, "#story") < _top(dash_duo, "#ctl-year")
    screenshot(dash_duo, "overview-story")
    shown = RELEASE.search(dash_duo.find_element("#story .citation a").get_attribute("href")).group(1)
    assert f"release {shown}, built" in story.text

    links = [a.get_attribute("href") for a in story.find_elements(By.CSS_SELECTOR, "li a")]
    assert [h.rsplit("#", 1)[1] for h in links] == [
        "section-distribution", "section-map", "section-ranked", "section-lottery"]
    for fragment in ("section-distribution", "section-map", "section-ranked"):
        link = dash_duo.driver.find_element(By.CSS_SELECTOR, f"#story a[href='#{fragment}']")
        dash_duo.driver.execute_script("window.scrollTo(0, 0)")
        link.click()
        _wait(lambda f=fragment: dash_duo.driver.current_url.endswith(f"#{f}"))
        _wait(lambda f=fragment: abs(_top(dash_duo, f"#{f}")) < 5)  # the chart is at the top of the window
        assert "release=" not in dash_duo.driver.current_url or shown in dash_duo.driver.current_url

    trends = dash_duo.driver.find_element(By.CSS_SELECTOR, "#story a[href*='/trends']")
    assert RELEASE.search(trends.get_attribute("href")).group(1) == shown  # pinned to the release shown
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", trends)
    trends.click()
    _wait(lambda: "/trends?" in dash_duo.driver.current_url)
    dash_duo.wait_for_element("#section-lottery #graph-lottery .main-svg", timeout=15)
    assert f"release={shown}" in dash_duo.driver.current_url
    assert dash_duo.driver.current_url.endswith("#section-lottery")
    # Dash draws Trends after the browser looked for #section-lottery: the site scrolls to it and
    # puts focus on its heading (assets/focus_heading.js), so the reader lands on the chart.
    _wait(lambda: abs(_top(dash_duo, "#section-lottery")) < 5)
    assert dash_duo.driver.switch_to.active_element.get_attribute("id") == "h-lottery"
    # and the same from a link opened in a new tab: a first load with the part named in the address
    dash_duo.driver.get(dash_duo.driver.current_url)
    dash_duo.wait_for_element("#section-lottery #graph-lottery .main-svg", timeout=15)
    _wait(lambda: abs(_top(dash_duo, "#section-lottery")) < 5)
    assert dash_duo.get_logs() == []


def test_the_accessibility_statement_is_in_every_footer_not_the_menu(dash_duo, site, screenshot):
    dash_duo.start_server(site)
    for path in ("/", "/council/leeds", "/trends", "/data", "/about"):
        dash_duo.driver.get(dash_duo.server_url + path)
        link = dash_duo.wait_for_element("footer #footer-accessibility", timeout=15)
        assert link.text == "Accessibility" and link.get_attribute("href").endswith("/accessibility"), path
        assert "Accessibility" not in dash_duo.find_element("header nav").text, path
    dash_duo.driver.execute_script("arguments[0].scrollIntoView()", link)
    link.click()
    dash_duo.wait_for_text_to_equal("h1", "Accessibility statement for Caseload Watch", timeout=15)
    headings = [h.text for h in dash_duo.driver.find_elements(By.CSS_SELECTOR, "#main h2")]
    assert headings == STATEMENT_SECTIONS
    text = dash_duo.find_element("#main").text
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA" in text
    assert "There is no contact address for this website yet" in text
    screenshot(dash_duo, "accessibility")
    assert dash_duo.get_logs() == []
