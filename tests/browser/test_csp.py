"""Dash 4 works under the site's Content-Security-Policy: every page draws in headless Chromium with
no console error (a CSP violation is one), and the header is the strict one."""

from __future__ import annotations

import pytest
import requests

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

PAGES = (
    ("/", "#graph-map .main-svg"),
    ("/council/leeds", ".facts"),
    ("/compare?councils=leeds,kent", "table"),
    ("/trends", ".main-svg"),
    ("/data", "#citation"),
    ("/api", "h1"),
)


def test_every_page_runs_under_the_csp(dash_duo, shared_warehouse):
    from dashboard.app import create_app

    dash_duo.start_server(create_app(shared_warehouse))
    csp = requests.get(dash_duo.server_url + "/", timeout=30).headers["Content-Security-Policy"]
    script_src = csp.split("script-src", 1)[1].split(";")[0]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    for path, selector in PAGES:
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element(selector, timeout=20)
        assert dash_duo.get_logs() == [], path
