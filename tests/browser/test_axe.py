"""Every page and its main states, checked as drawn in Chromium: axe-core (vendored,
tests/support/axe.py: WCAG 2.2 A and AA and the landmark rules) at a desktop width (1366 CSS px)
and a phone's (390), zero violations; then what axe does not check (tests/support/layout.py): no
sideways scrolling of the page at 320 px (1280 px at 400% zoom), no text cut off with WCAG
1.4.12's text spacing at 320 and 1366 px, and every chart with its summary, table and CSV.

One server per app, each page loaded once and checked at every width (the viewport is resized
in place); every failure is collected, so one run lists them all, with the rule and the element.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from tests.support import axe, layout
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
    ("/accessibility", "Accessibility statement"),
    ("/submit/check", "Check a submission file"),  # empty; with a report: test_submit_check.py
    ("/submit", "Submit a council's caseload file"),  # a plain HTML form (dashboard/submit/page.py)
)


REFLOW_WIDTH = 320  # WCAG 1.4.10: 1280 CSS px at 400% zoom


def _check(driver, where: str, found: list[str]) -> None:
    """Every check on the page as it is; what fails is added to `found`."""
    problems, _ = layout.incomplete_charts(driver)
    if problems:
        found.append(f"charts without their alternatives on {where}:\n  " + "\n  ".join(problems))
    faint = layout.field_text_contrast(driver)
    if faint:
        found.append(f"text typed on {where} is too faint:\n  " + "\n  ".join(faint))
    # widest first, narrowest last: three widths, each set once
    for width in (*WIDTHS, REFLOW_WIDTH):
        set_width(driver, width)
        if width == REFLOW_WIDTH:
            wide = layout.overflow(driver)
            if wide:
                found.append(f"{where} does not reflow at {width} px:\n  " + "\n  ".join(wide))
        else:
            violations = axe.run(driver)
            if violations:
                found.append(axe.report(f"{where} at {width} px", violations))
        if width != WIDTHS[1]:  # WCAG 1.4.12 at the widest and the narrowest
            clipped = layout.clipped_with_text_spacing(driver)
            if clipped:
                found.append(f"{where} at {width} px cuts text off with WCAG text spacing:\n  "
                             + "\n  ".join(clipped))


def _assert_none(found: list[str]) -> None:
    assert not found, "\n\n".join(found)


def test_every_page_passes_axe_reflows_and_keeps_its_text(dash_duo, site):
    dash_duo.start_server(site)
    driver, found = dash_duo.driver, []
    for path, heading in PAGES:
        set_width(driver, WIDTHS[0])
        driver.get(dash_duo.server_url + path)
        wait_drawn(driver, heading)
        _check(driver, path, found)
    # A chart's table opened (it is drawn when first opened).
    set_width(driver, WIDTHS[0])
    driver.get(dash_duo.server_url + "/?year=2025&cap=18")
    wait_drawn(driver, "2025")
    dash_duo.find_element("#section-ranked details summary").send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text("#section-ranked table", "Leeds", timeout=15)
    _check(driver, "/?year=2025&cap=18 with the ranking's table open", found)
    _assert_none(found)
    assert dash_duo.get_logs() == []


def test_an_old_release_notice_passes_every_check(dash_duo, two_releases):
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


def test_the_demo_submission_passes_every_check(dash_duo, demo_site):
    dash_duo.start_server(demo_site)
    path = "/council/birmingham?year=2025&cap=18"
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element("#section-submission", timeout=15)
    wait_drawn(dash_duo.driver, "Birmingham")
    found: list[str] = []
    _check(dash_duo.driver, path, found)
    _assert_none(found)


@pytest.mark.parametrize("council", ["hartlepool", "westminster"])
def test_an_foi_answer_passes_every_check(dash_duo, demo_site, council):
    """An FOI answer's block (a link to the published answer; an FOI reference) in every check."""
    dash_duo.start_server(demo_site)
    path = f"/council/{council}?year=2025&cap=12"
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_contains_text("#section-submission", "FOI answer", timeout=15)
    wait_drawn(dash_duo.driver, council.title())
    found: list[str] = []
    _check(dash_duo.driver, path, found)
    _assert_none(found)


def test_submitting_with_a_token_and_its_result_pages_pass_every_check(dash_duo, shared_warehouse, tmp_path):
    """/submit in the browser: token and file typed and chosen, the form sent, the result page read;
    an accepted file and a refused one (its problems table), each through every check."""
    import dataclasses

    from dashboard.app import create_app
    from tests.support.submission_files import csv_bytes, good_rows
    from warehouse.tokens import TokenStore

    settings = dataclasses.replace(shared_warehouse, data_dir=tmp_path / "data")
    token = TokenStore(settings.tokens_path).issue("E08000025", {"E08000025"})
    good, bad = tmp_path / "caseload.csv", tmp_path / "broken.csv"
    good.write_bytes(csv_bytes(good_rows(30, la_code="E08000025")))
    bad.write_bytes(csv_bytes(good_rows(3, la_code="E08000025", fte="2")))
    dash_duo.start_server(create_app(settings))
    driver, found = dash_duo.driver, []
    for file, heading in ((good, "File received"), (bad, "File not accepted")):
        set_width(driver, WIDTHS[0])
        driver.get(dash_duo.server_url + "/guide")  # the guide links the form
        wait_drawn(driver, "guide for councils")
        dash_duo.find_element("main a[href='/submit']").click()
        wait_drawn(driver, "Submit")
        dash_duo.find_element("#submit-token").send_keys(token)
        dash_duo.find_element("#submit-file").send_keys(str(file))
        dash_duo.find_element(".submit-form button[type=submit]").click()
        wait_drawn(driver, heading)
        _check(driver, f"/submit result: {heading}", found)
    assert "fte" in dash_duo.find_element("main table").text
    assert [p.name for p in (settings.submissions_dir / "inbox").iterdir()] != []
    _assert_none(found)
    # no CSP violation or script error on the form or its results; Chromium logs the refused file's
    # page, answered at HTTP 422 as the API is, as a resource that failed to load
    logs = dash_duo.get_logs()
    assert [x for x in logs if not (x["source"] == "network" and "status of 422" in x["message"])] == []


def test_a_submission_with_every_breakdown_passes_every_check(dash_duo, breakdown_warehouse):
    """The #19 blocks (groups, halves, declared maximum, a series chart, councils pooled) in every check."""
    from dashboard.app import create_app

    dash_duo.start_server(create_app(breakdown_warehouse))
    path = "/council/leeds?year=2025&cap=15-12"
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_contains_text("#section-submission", "The guarantee's two halves", timeout=20)
    wait_drawn(dash_duo.driver, "Leeds")
    found: list[str] = []
    _check(dash_duo.driver, path, found)
    _assert_none(found)
