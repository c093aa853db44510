"""Hostile input over real HTTP (waitress): friendly 400/404 pages, never a traceback or an echo;
security headers on every kind of response; the per-client rate limit; no debug mode."""

from __future__ import annotations

import dataclasses
from urllib.parse import quote

import pytest
import requests

from tests.support.live_site import page_content, running
from warehouse.config import Settings

pytestmark = pytest.mark.shared_data


SCRIPT = "<script>alert('cw')</script>"


SQL = "E09000033' OR '1'='1'; DROP TABLE marts.la_year;--"


HUGE = "A" * 6000


HOSTILE = (SCRIPT, SQL, HUGE, "../../../../etc/passwd", "%00", "${jndi:ldap://x}", "=cmd|' /C calc'!A0")


PATHS = (
    "/api/v1/la-year?year={v}", "/api/v1/la-year?council={v}", "/api/v1/la-year?region={v}",
    "/api/v1/la-year?cap={v}", "/api/v1/councils/{v}", "/api/v1/caps?release={v}",
    "/download/marts.la_year.csv?council={v}", "/download/{v}.csv", "/download/marts.{v}.parquet",
    "/download/caseload-watch.zip?release={v}", "/download/template/{v}", "/download/rows?table={v}",
)


PAGES = ("/council/{v}", "/?year={v}", "/?cap={v}", "/compare?councils={v}", "/trends?cap={v}", "/{v}",
         "/?release={v}", "/data?release={v}", "/council/leeds?release={v}")


@pytest.fixture(scope="module")
def base(shared_warehouse: Settings):
    from dashboard.app import create_app

    settings = dataclasses.replace(shared_warehouse, rate_limit_per_minute=1e6, rate_limit_burst=100_000)
    with running(create_app(settings).server) as url:
        yield url


def _check_no_leak(text: str, value: str) -> None:
    assert "Traceback" not in text and 'File "/' not in text
    if len(value) > 3:
        assert value not in text, "input echoed unescaped"


def test_api_and_downloads_refuse_hostile_values(base):
    with requests.Session() as s:
        for template in PATHS:
            for value in HOSTILE:
                url = base + template.format(v=quote(value, safe=""))
                resp = s.get(url, timeout=60)
                assert resp.status_code in (400, 404), (template, value[:20], resp.status_code)
                _check_no_leak(resp.text, value)
                assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_answer_hostile_values_with_a_friendly_message(base):
    with requests.Session() as s:
        for template in PAGES:
            for value in (SCRIPT, SQL, HUGE[:2000]):
                path, _, search = template.format(v=quote(value, safe="")).partition("?")
                shell = s.get(f"{base}{path}?{search}", timeout=60)
                assert shell.status_code == 200
                # Dash's page shell repeats the (percent-encoded) address in its og:url meta tag: harmless
                # letters may appear there, markup and quotes never do
                _check_no_leak(shell.text, value if quote(value, safe="") != value else "")
                drawn = page_content(s, base, path, f"?{search}" if search else "")
                text = str(drawn)
                _check_no_leak(text, value)
                assert any(w in text for w in ("could not show", "not found", "Page not found", "No council",
                                               "Something went wrong")), (template, text[:300])


def test_security_headers_everywhere(base):
    with requests.Session() as s:
        for path in ("/", "/data", "/api/v1/caps", "/download/marts.caps.csv", "/api/v1/nothing",
                     "/download/nothing.csv", "/_dash-layout"):
            h = s.get(base + path, timeout=60).headers
            csp = h["Content-Security-Policy"]
            assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
            assert "unsafe-eval" not in csp
            assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";")[0]
            assert h["X-Content-Type-Options"] == "nosniff" and h["X-Frame-Options"] == "DENY"
            assert h["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_an_unexpected_error_is_a_generic_500(shared_warehouse: Settings, monkeypatch):
    from dashboard.api import routes
    from dashboard.app import create_app

    app = create_app(shared_warehouse)
    assert app.server.debug is False

    def explode(*_a, **_k):
        raise RuntimeError("secret internals /work/main/warehouse")

    monkeypatch.setattr(routes.aq, "filtered", explode)
    resp = app.server.test_client().get("/api/v1/caps")
    assert resp.status_code == 500
    assert "secret" not in resp.get_data(as_text=True) and "Traceback" not in resp.get_data(as_text=True)


def test_downloads_and_api_are_rate_limited_per_client(shared_warehouse: Settings):
    from dashboard.app import create_app

    settings = dataclasses.replace(shared_warehouse, rate_limit_per_minute=1, rate_limit_burst=3)
    client = create_app(settings).server.test_client()
    codes = [client.get("/api/v1/caps").status_code for _ in range(3)]
    limited = client.get("/download/marts.caps.csv")
    assert codes == [200, 200, 200] and limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    other = client.get("/api/v1/caps", environ_overrides={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200  # another client has its own bucket
    assert client.get("/data").status_code == 200  # pages are not limited
