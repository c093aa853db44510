"""The per-client rate limit's token bucket refills with time."""

from __future__ import annotations

import pytest

from dashboard.server.security import RateLimiter


def test_token_bucket_refills_with_time():
    now = [0.0]
    limiter = RateLimiter(per_minute=60, burst=2, max_clients=2, clock=lambda: now[0])
    assert [limiter.take("a"), limiter.take("a")] == [0.0, 0.0]
    assert limiter.take("a") == pytest.approx(1.0)
    now[0] += 1.0
    assert limiter.take("a") == 0.0
    for client in ("b", "c", "d"):
        limiter.take(client)
    assert len(limiter._buckets) == 2  # idle clients forgotten: memory stays bounded
