"""The per-client rate limit on downloads, the API and the /submit form's posts, by Flask-Limiter.

Why a kept library: with several `caseload serve` processes a client must meet one limit, not one
per process, so the count lives in Redis (`CASELOAD_REDIS_URL`) when there is one, and in memory
(one process, a laptop) when not. The limit is the old token bucket's, as a moving window: at most
`burst` requests in the time the bucket took to refill (`burst / per_minute` minutes), which is the
same steady rate (60 in 30 s = 120 a minute, by default) and the same largest burst.

When Redis does not answer, Flask-Limiter falls back to the same limit in each process's memory
(so a client may get one limit per process until Redis is back; it is asked again after 1, 2, 4 ...
32 s): the site keeps answering and a client is still limited. Pages are not limited (cheap and
cached); neither are OPTIONS preflights.
"""

from __future__ import annotations

import math
import time

from flask import Flask, Response, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address

from warehouse.config import Settings

LIMITED_PREFIXES = ("/download", "/api/")
LIMITED_POSTS = ("/submit",)  # the check door's form and the submit form (a POST reads a file)
KEY_PREFIX = "caseload-limit"


def limit_text(per_minute: float, burst: int) -> str:
    """The moving window with the token bucket's rate and burst, e.g. "60 per 30 second"."""
    seconds = max(1, math.ceil(burst * 60 / per_minute)) if per_minute > 0 else 10**9
    return f"{max(1, burst)} per {seconds} second"


def storage_uri(settings: Settings) -> str:
    return settings.redis_url or "memory://"


def is_limited() -> bool:
    """Downloads and the API, and posts to /submit; nothing else."""
    if request.method == "OPTIONS":
        return False
    return request.path.startswith(LIMITED_PREFIXES) or (
        request.method == "POST" and request.path.startswith(LIMITED_POSTS)
    )


def install(server: Flask, settings: Settings) -> Limiter:
    """One application-wide limit per client address (after ProxyFix, the reader's, not nginx's)."""
    timeout = settings.redis_timeout_s
    options = {"socket_timeout": timeout, "socket_connect_timeout": timeout} if settings.redis_url else {}
    limiter = Limiter(
        get_remote_address,
        app=server,
        application_limits=[limit_text(settings.rate_limit_per_minute, settings.rate_limit_burst)],
        application_limits_exempt_when=lambda: not is_limited(),
        strategy="moving-window",
        storage_uri=storage_uri(settings),
        storage_options=options,
        in_memory_fallback_enabled=True,
        # No X-RateLimit-* headers on answers: nginx keeps answers for every reader, and one
        # reader's remaining count must not be served to another. Retry-After is on the 429 alone.
        headers_enabled=False,
        key_prefix=KEY_PREFIX,
    )
    return limiter


def retry_after(exc: RateLimitExceeded, limiter: Limiter) -> int:
    """Seconds until the client's window lets one more request through (at least 1)."""
    try:
        current = limiter.current_limit
        if current is not None:
            return max(1, math.ceil(current.reset_at - time.time()))
    except Exception:  # storage gone between the refusal and this answer: a safe guess
        pass
    return max(1, int(exc.limit.limit.get_expiry()))


def with_retry_after(resp: Response, seconds: int) -> Response:
    resp.headers["Retry-After"] = str(seconds)
    return resp
