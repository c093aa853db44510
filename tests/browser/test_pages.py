"""The site in headless Chromium: every page, year and cap, search, shared URLs, a CSV download, an old
release's notice."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from dash.testing.wait import until
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]


def _wait_url(dash_duo, fragment: str, timeout: float = 10) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if fragment in dash_duo.driver.current_url:
            return
        time.sleep(0.1)
    raise AssertionError(f"{fragment!r} not in {dash_duo.driver.current_url}")


def _radio(dash_duo, group: str, value: str) -> None:
    dash_duo.driver.find_element(By.CSS_SELECTOR, f"#{group} input[value='{value}']").click()


def test_overview_follows_year_and_cap(dash_duo, site, screenshot):
    dash_duo.start_server(site)
    dash_duo.wait_for_contains_text("h1", "2025", timeout=15)
    dash_duo.wait_for_element("#graph-map .main-svg", timeout=15)
    dash_duo.wait_for_contains_text(".headlines", "still has workers above it")
    screenshot(dash_duo, "overview")
    _radio(dash_duo, "ctl-year", "2023")
    _radio(dash_duo, "ctl-cap", "12")
    dash_duo.find_element("#ctl-apply").click()
    _wait_url(dash_duo, "year=2023&cap=12")
    dash_duo.wait_for_contains_text("h1", "2023")
    dash_duo.wait_for_contains_text(".headlines h2", "cap of 12 children")
    # a custom cap, typed and applied with Enter
    _radio(dash_duo, "ctl-cap", "custom")
    dash_duo.find_element("#ctl-custom").send_keys("16.5", Keys.ENTER)
    _wait_url(dash_duo, "cap=16.5")
    dash_duo.wait_for_contains_text(".headlines h2", "16.5 children (custom)")
    screenshot(dash_duo, "overview-2023-custom-cap")
    screenshot(dash_duo, "overview-phone", width=390)
    assert dash_duo.get_logs() == []


def test_search_by_town_opens_the_council(dash_duo, site, screenshot):
    dash_duo.start_server(site)
    dash_duo.wait_for_element("#search-input", timeout=15)
    dash_duo.find_element("#search-input").send_keys("Canterbury")
    dash_duo.find_element("#search-go").click()
    _wait_url(dash_duo, "/council/kent")
    dash_duo.wait_for_text_to_equal("h1", "Kent", timeout=15)
    dash_duo.wait_for_contains_text(".facts", "Average caseload")
    screenshot(dash_duo, "council-kent")
    assert dash_duo.get_logs() == []


def test_shared_urls_restore_the_view(dash_duo, site, screenshot):
    dash_duo.start_server(site)
    dash_duo.driver.get(dash_duo.server_url + "/council/leeds?year=2024&cap=20")
    dash_duo.wait_for_text_to_equal("h1", "Leeds", timeout=15)
    assert dash_duo.find_element("#ctl-year input[value='2024']").is_selected()
    assert dash_duo.find_element("#ctl-cap input[value='20']").is_selected()
    dash_duo.driver.get(dash_duo.server_url + "/council/westminster?year=2025")
    dash_duo.wait_for_contains_text(".facts", "not published (x)", timeout=15)
    screenshot(dash_duo, "council-westminster-suppressed")
    dash_duo.driver.get(dash_duo.server_url + "/compare?councils=E08000025,E09000033,leeds")
    dash_duo.wait_for_contains_text("table", "Westminster", timeout=15)
    screenshot(dash_duo, "compare")
    assert dash_duo.get_logs() == []


def test_bad_addresses_get_a_friendly_page(dash_duo, site, screenshot):
    dash_duo.start_server(site)
    for path, text in (
        ("/?year=1066", "could not show"),
        ("/?cap=%3Cscript%3E", "could not show"),
        ("/council/atlantis", "could not find"),
        ("/no/such/page", "not found"),
    ):
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_contains_text("h1", text.split()[-1], timeout=15)
        assert "Traceback" not in dash_duo.driver.page_source
    screenshot(dash_duo, "not-found")


def test_other_pages_open(dash_duo, site, screenshot):
    dash_duo.start_server(site)
    for path, heading, name in (
        ("/trends?year=2025&cap=15-12", "Trends", "trends"),
        ("/data", "Data and downloads", "data"),
        ("/about", "About the figures", "about"),
        ("/guide", "guide for councils", "guide"),
    ):
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_contains_text("h1", heading, timeout=15)
        screenshot(dash_duo, name)
    assert dash_duo.get_logs() == []


def test_chart_csv_download_is_what_was_plotted(dash_duo, site):
    dash_duo.start_server(site)
    dash_duo.driver.get(dash_duo.server_url + "/?year=2025&cap=18")
    dash_duo.wait_for_element("#graph-ranked .main-svg", timeout=15)
    button = dash_duo.driver.find_element(By.CSS_SELECTOR, "#section-ranked .chart-actions button")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView()", button)
    button.click()
    target = Path(dash_duo.download_path) / "caseload-ranked-2025-cap-18.csv"
    end = time.time() + 15
    while not target.exists() and time.time() < end:
        time.sleep(0.2)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("position,la_name,region_name,caseload_fte")
    assert len(lines) - 1 == 149  # every council with a published caseload in 2025, as the bars show


def test_demo_mode_shows_the_submission_labelled(dash_duo, demo_site, screenshot):
    dash_duo.start_server(demo_site)
    dash_duo.driver.get(dash_duo.server_url + "/council/birmingham?year=2025&cap=18")
    dash_duo.wait_for_contains_text("#section-submission h3", "Demo data (synthetic): Birmingham", timeout=15)
    section = dash_duo.find_element("#section-submission")
    assert "Demo data (synthetic). Council submission: case holders by caseload band" in section.text
    assert "Above the cap of 18 children" in section.text
    dash_duo.driver.execute_script("arguments[0].scrollIntoView()", section)
    screenshot(dash_duo, "council-birmingham-demo-submission")
    assert dash_duo.get_logs() == []


def test_an_foi_answer_shows_its_basis_and_source(dash_duo, demo_site, screenshot):
    dash_duo.start_server(demo_site)
    dash_duo.driver.get(dash_duo.server_url + "/council/hartlepool?year=2025&cap=12")
    dash_duo.wait_for_contains_text("#section-submission h3", "FOI answer: Hartlepool", timeout=15)
    section = dash_duo.find_element("#section-submission")
    link = section.find_element(By.CSS_SELECTOR, ".basis a")
    assert link.get_attribute("href") == "https://www.hartlepool.gov.uk/foi/answers/2025-0456"
    assert "45.9% of social workers (34) hold more than 12 children" in section.text
    assert section.text.count("cannot be computed from these bands") == 2
    dash_duo.driver.execute_script("arguments[0].scrollIntoView()", section)
    screenshot(dash_duo, "council-hartlepool-foi-answer")
    assert dash_duo.get_logs() == []


def _switch(dash_duo, chart: str, group: str, value: str) -> None:
    sel = f"[id*='\"chart-switch\"'][id*='\"{chart}\"'][id*='\"{group}\"'] input[value='{value}']"
    element = dash_duo.driver.find_element(By.CSS_SELECTOR, sel)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def test_benchmarks_and_chart_switches(dash_duo, site, screenshot):
    dash_duo.start_server(site)
    dash_duo.driver.get(dash_duo.server_url + "/council/leeds?year=2025&cap=18")
    dash_duo.wait_for_contains_text("#section-benchmarks", "Compared with England, 2025", timeout=15)
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#section-benchmarks tbody tr.bench-main")
    assert len(rows) == 6  # every measure in marts.benchmark_measures
    assert all(("than England" in r.text or "similar to England" in r.text) for r in rows)
    dash_duo.wait_for_contains_text("#graph-council-funnel .gtitle", "allowing for real variation")
    _switch(dash_duo, "council-funnel", "limits", "plain")
    dash_duo.wait_for_contains_text("#graph-council-funnel .gtitle", "chance alone")
    dash_duo.wait_for_contains_text("#graph-council-trend .gtitle", "2025 model, mean")
    _switch(dash_duo, "council-trend", "model", "2021")
    _switch(dash_duo, "council-trend", "statistic", "median")
    dash_duo.wait_for_contains_text("#graph-council-trend .gtitle", "April 2021 model, median")
    screenshot(dash_duo, "council-leeds-benchmarks")
    # The choices are in the address, so the link a reader copies now shows the same drawings.
    until(lambda: "statistic=median" in dash_duo.driver.current_url, timeout=5)
    shared = dash_duo.driver.current_url
    assert "limits=plain" in shared and "model=2021" in shared and "year=2025" in shared
    assert "release=" in shared  # pinned, like every address the site writes
    dash_duo.driver.get(shared)
    dash_duo.wait_for_contains_text("#graph-council-funnel .gtitle", "chance alone", timeout=15)
    dash_duo.wait_for_contains_text("#graph-council-trend .gtitle", "April 2021 model, median")
    dash_duo.driver.get(dash_duo.server_url + "/council/leeds?limits=sideways")
    dash_duo.wait_for_contains_text("#main", "Funnel limits must be one of: adjusted, plain", timeout=15)
    dash_duo.driver.get(dash_duo.server_url + "/trends?year=2025&cap=18")
    dash_duo.wait_for_element("#graph-lottery .main-svg", timeout=15)
    assert "between-council SD" in dash_duo.find_element("#section-lottery").text
    dash_duo.wait_for_contains_text("#graph-trend-funnel .gtitle", "allowing for real variation")
    screenshot(dash_duo, "trends-lottery")
    assert dash_duo.get_logs() == []


def _href_while_redrawing(dash_duo, selector: str) -> str:
    """The link's href, or "" while the page is being replaced (the element may go stale)."""
    try:
        return dash_duo.find_element(selector).get_attribute("href") or ""
    except StaleElementReferenceException:
        return ""


def test_old_release_link_shows_the_notice_and_leads_to_the_latest(dash_duo, two_releases, screenshot):
    from dashboard.app import create_app
    from warehouse.read.releases import release_ids

    old, new = release_ids(two_releases.releases_dir)
    dash_duo.start_server(create_app(two_releases))
    dash_duo.driver.get(dash_duo.server_url + f"/council/leeds?year=2024&cap=12&release={old}")
    dash_duo.wait_for_contains_text("#release-notice", f"You are looking at release {old} built", timeout=15)
    assert "not the latest" in dash_duo.find_element("#release-notice").text
    assert dash_duo.find_element("#rows-behind").get_attribute("href").endswith(
        f"/download/marts.la_year.csv?council=E08000035&year=2024&release={old}"
    )
    screenshot(dash_duo, "council-leeds-old-release")
    dash_duo.find_element("#release-latest-link").click()
    _wait_url(dash_duo, "/council/leeds?year=2024&cap=12")
    assert "release=" not in dash_duo.driver.current_url
    # the page is drawn again from the latest release: its own links now pin the latest
    end = time.time() + 15
    while f"release={new}" not in _href_while_redrawing(dash_duo, "#rows-behind"):
        assert time.time() < end, "the page was not drawn again from the latest release"
        time.sleep(0.1)
    assert dash_duo.driver.find_elements(By.ID, "release-notice") == []
    assert dash_duo.find_element("h1").text == "Leeds"
    assert dash_duo.get_logs() == []


# Every trace of every chart on the page, and whether the served plotly.js bundle knows its type
# (a partial bundle silently skips a type it lacks).
TRACES_DRAWN = """
const known = new Set(Object.keys(Plotly.PlotSchema.get().traces));
return Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
    id: gd.parentElement.id,
    svg: gd.querySelectorAll('.main-svg').length,
    types: (gd._fullData || []).map(t => t.type),
    unknown: (gd.data || []).map(t => t.type || 'scatter').filter(t => !known.has(t)),
}));
"""
RESOURCES = "return performance.getEntriesByType('resource').map(e => e.name)"
ALL_DRAWN = """
const graphs = Array.from(document.querySelectorAll('.dash-graph'));
return graphs.length > 0
    && graphs.every(g => g.querySelector('.main-svg') && !g.querySelector('.dash-graph--pending'));
"""


def test_every_chart_draws_with_the_partial_plotly_bundle(dash_duo, site):
    """dashboard/assets/vendor holds a partial plotly.js: each page's charts must all draw with it,
    and the full bundle Dash would otherwise fetch must never be requested."""
    dash_duo.start_server(site)
    pages = {
        "/": 3,
        "/council/leeds?year=2025&cap=18": 2,
        "/compare?councils=E08000025,leeds,kent": 1,
        "/trends?year=2025&cap=18": 2,
    }
    for path, at_least in pages.items():
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element(".js-plotly-plot .main-svg", timeout=15)
        end = time.time() + 15
        while dash_duo.driver.execute_script(ALL_DRAWN) is not True and time.time() < end:
            time.sleep(0.2)
        graphs = dash_duo.driver.execute_script(TRACES_DRAWN)
        assert len(graphs) >= at_least, (path, graphs)
        for g in graphs:
            assert g["svg"] > 0 and g["types"] and not g["unknown"], (path, g)
        loaded = dash_duo.driver.execute_script(RESOURCES)
        assert any("plotly-cartesian" in u for u in loaded), (path, loaded)
        assert not any("package_data/plotly.min.js" in u for u in loaded), (path, loaded)
    assert dash_duo.get_logs() == []


def test_a_charts_table_is_drawn_when_opened(dash_duo, site):
    dash_duo.start_server(site)
    dash_duo.driver.get(dash_duo.server_url + "/?year=2025&cap=18")
    dash_duo.wait_for_element("#graph-ranked .main-svg", timeout=15)
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, "#section-ranked table")
    summary = dash_duo.find_element("#section-ranked details summary")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.send_keys(Keys.ENTER)  # a keyboard user opens it as a mouse user does
    dash_duo.wait_for_contains_text("#section-ranked table", "Leeds", timeout=15)
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#section-ranked tbody tr")
    assert len(rows) == 149  # every council with a published caseload, as the bars show
    assert dash_duo.find_element("#section-ranked thead").text.startswith("Position Council Region")
    assert dash_duo.get_logs() == []
