"""What a shared cache (nginx) may keep, and for how long (dashboard/server/proxy_cache.py): answers of
the current release for CASELOAD_PROXY_CACHE_SECONDS (and as long again while it fetches the next);
pinned, static, personal or refused answers not. Over real nginx:
tests/integration/service/test_behind_nginx.py."""

from __future__ import annotations

from dashboard.server.proxy_cache import ProxyCacheHeaders, keepable, with_shared_lifetime

CURRENT = [("Content-Type", "application/json"), ("Cache-Control", "public, max-age=300")]


def test_current_release_answers_are_kept_briefly_and_nothing_else_is():
    assert keepable("GET", "/api/v1/caps", "200 OK", CURRENT)
    assert keepable("HEAD", "/download/x.csv", "200 OK", CURRENT)
    assert keepable("GET", "/api/v1/caps", "304 NOT MODIFIED", CURRENT)  # else renewed for 300 s
    assert keepable("GET", "/council/leeds", "200 OK", [("Content-Type", "text/html")])
    assert keepable("POST", "/_dash-update-component", "200 OK", [])  # nginx keeps pages' only
    assert not keepable("POST", "/api/v1/submissions", "202 ACCEPTED", CURRENT)
    pinned = [("Cache-Control", "public, max-age=31536000, immutable")]
    assert not keepable("GET", "/api/v1/caps", "200 OK", pinned)  # nginx keeps it its year
    assert not keepable("GET", "/assets/site.css", "200 OK", [])  # deploy/nginx's own rule
    assert not keepable("GET", "/_dash-component-suites/x.js", "200 OK", [])
    assert not keepable("GET", "/submit", "200 OK", [("Set-Cookie", "cw_submit_csrf=x")])
    assert not keepable("GET", "/api/v1/submissions/check", "200 OK", [("Cache-Control", "no-store")])
    assert not keepable("GET", "/api/v1/caps", "429 TOO MANY REQUESTS", CURRENT)
    assert not keepable("GET", "/api/v1/caps", "500 INTERNAL SERVER ERROR", CURRENT)


def test_the_lifetime_joins_the_browsers_or_stands_alone():
    joined = dict(with_shared_lifetime(CURRENT, 2))
    assert joined["Cache-Control"] == "public, max-age=300, s-maxage=2, stale-while-revalidate=2"
    alone = dict(with_shared_lifetime([("Content-Type", "text/html")], 2))
    assert alone["Cache-Control"] == "public, max-age=0, s-maxage=2, stale-while-revalidate=2"
    assert dict(with_shared_lifetime(CURRENT, 0))["Cache-Control"] == "public, max-age=300, s-maxage=0"


def test_the_middleware_adds_it_once():
    def app(environ, start_response):
        start_response("200 OK", list(CURRENT))
        return [b"{}"]

    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["headers"] = headers

    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/api/v1/caps"}
    assert ProxyCacheHeaders(app, 2)(environ, start_response) == [b"{}"]
    assert [v for k, v in seen["headers"] if k == "Cache-Control"] == [
        "public, max-age=300, s-maxage=2, stale-while-revalidate=2"]
