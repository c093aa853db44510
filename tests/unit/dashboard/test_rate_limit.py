"""The per-client rate limit (Flask-Limiter, in memory here): the old token bucket's rate and burst,
one count across downloads and the API, pages and preflights never limited, a Retry-After on the 429.
Shared across processes through Redis: tests/integration/service/test_shared_limits.py."""

from __future__ import annotations

import dataclasses

from flask import Flask

from dashboard.server import rate_limit
from warehouse.config import Settings


def test_the_window_has_the_buckets_rate_and_burst():
    assert rate_limit.limit_text(120, 60) == "60 per 30 second"  # the defaults: 120 a minute, 60 at once
    assert rate_limit.limit_text(1, 3) == "3 per 180 second"
    assert rate_limit.limit_text(1e6, 100_000) == "100000 per 6 second"
    assert rate_limit.limit_text(0, 5) == "5 per 1000000000 second"  # no refill at all


def _app(per_minute: float, burst: int) -> Flask:
    server = Flask(__name__)
    for path in ("/api/v1/caps", "/download/x.csv", "/data", "/submit/check"):
        server.add_url_rule(path, path, lambda: "ok", methods=["GET", "POST", "OPTIONS"])
    settings = dataclasses.replace(Settings.from_env({}), rate_limit_per_minute=per_minute,
                                   rate_limit_burst=burst)
    limiter = rate_limit.install(server, settings)

    @server.errorhandler(rate_limit.RateLimitExceeded)
    def _limited(exc):
        return rate_limit.with_retry_after(server.make_response(("slow down", 429)),
                                           rate_limit.retry_after(exc, limiter))

    return server


def test_one_count_per_client_across_the_limited_routes_only():
    client = _app(per_minute=1, burst=3).test_client()
    codes = [client.get(p).status_code for p in ("/api/v1/caps", "/download/x.csv", "/api/v1/caps")]
    limited = client.get("/download/x.csv")
    assert codes == [200, 200, 200] and limited.status_code == 429
    assert 170 <= int(limited.headers["Retry-After"]) <= 181  # the oldest of the 3 leaves the window
    assert "X-RateLimit-Remaining" not in limited.headers  # never on answers a proxy may keep for others
    assert client.get("/data").status_code == 200  # pages are not limited
    assert client.get("/submit/check").status_code == 200  # the form's page is not; its posts are
    assert client.post("/submit/check").status_code == 429
    assert client.options("/api/v1/caps").status_code == 200  # CORS preflights are not
    other = client.get("/api/v1/caps", environ_overrides={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200  # another client has its own count
