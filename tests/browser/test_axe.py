"""axe-core (vendored, tests/support/axe.py) on every page and its main states, at a desktop width
(1366 CSS px) and a phone's (390): WCAG 2.2 A and AA and the landmark rules, zero violations.

One server per app, each page loaded once and checked at both widths (the viewport is narrowed
in place); every failure is collected, so one run lists them all, with the rule and the element.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from tests.support import axe
from tests.support.browser import set_width, wait_drawn

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

WIDTHS = (1366, 390)

# (address, text in its h1): every page of the site in its main states.
PAGES = (
    ("/?year=2025&cap=18", "2025"),  # overview, a named cap
    ("/?year=2024&cap=16.5&map=distance", "2024"),  # overview, a custom cap, the map by distance
    ("/council/leeds", "Leeds"),
    ("/council/westminster?year=2025", "Westminster"),  # its 2025 caseload is suppressed (x)
    ("/compare?councils=bolton,liverpool,leeds", "Compare councils"),
    ("/compare", "Compare councils"),  # no councils chosen yet
    ("/trends", "Trends"),
    ("/data", "Data and downloads"),
    ("/about", "About the figures"),
    ("/guide", "guide for councils"),
    ("/api", "API"),
    ("/no/such/page", "not found"),
    ("/?year=1066", "could not show"),
    ("/council/atlantis", "could not find"),
    # The accessibility statement (/accessibility) is being written on another branch: add it here
    # when both are merged, e.g. ("/accessibility", "Accessibility statement").
)


def _check(driver, where: str, found: list[str]) -> None:
    """axe at each width on the page as it is; a broken rule is added to `found`."""
    for width in WIDTHS:
        set_width(driver, width)
        violations = axe.run(driver)
        if violations:
            found.append(axe.report(f"{where} at {width} px", violations))
    set_width(driver, WIDTHS[0])


def _assert_none(found: list[str]) -> None:
    assert not found, "\n\n".join(found)


def test_every_page_passes_axe_at_both_widths(dash_duo, site):
    dash_duo.start_server(site)
    driver, found = dash_duo.driver, []
    set_width(driver, WIDTHS[0])
    for path, heading in PAGES:
        driver.get(dash_duo.server_url + path)
        wait_drawn(driver, heading)
        _check(driver, path, found)
    # A chart's table opened (it is drawn when first opened).
    driver.get(dash_duo.server_url + "/?year=2025&cap=18")
    wait_drawn(driver, "2025")
    dash_duo.find_element("#section-ranked details summary").send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text("#section-ranked table", "Leeds", timeout=15)
    _check(driver, "/?year=2025&cap=18 with the ranking's table open", found)
    _assert_none(found)
    assert dash_duo.get_logs() == []


def test_an_old_release_notice_passes_axe(dash_duo, two_releases):
    from dashboard.app import create_app
    from warehouse.read.releases import release_ids

    old, _ = release_ids(two_releases.releases_dir)
    dash_duo.start_server(create_app(two_releases))
    path = f"/council/leeds?year=2024&cap=12&release={old}"
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element("#release-notice", timeout=15)
    wait_drawn(dash_duo.driver, "Leeds")
    found: list[str] = []
    _check(dash_duo.driver, path, found)
    _assert_none(found)


def test_the_demo_submission_passes_axe(dash_duo, demo_site):
    dash_duo.start_server(demo_site)
    path = "/council/birmingham?year=2025&cap=18"
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element("#section-submission", timeout=15)
    wait_drawn(dash_duo.driver, "Birmingham")
    found: list[str] = []
    _check(dash_duo.driver, path, found)
    _assert_none(found)
