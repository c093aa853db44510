"""Page answers kept in Redis for every `caseload serve` process (Flask-Caching's Redis backend).

Why: each process drawing the same pages for itself costs 0.1-0.15 s of CPU an address, and the
warmer's 230 addresses 40-50 s a process (docs/scaling.md). With the answers in Redis, keyed by
address and release (dashboard/server/response_cache.py makes the key), an address is drawn once
per release whichever process is asked first; a short Redis claim (SET NX) makes a second process
asking at the same moment wait for the first one's answer instead of drawing it again.

Redis down (or slower than `CASELOAD_REDIS_TIMEOUT`): every call answers "not there" at once, the
process draws and keeps pages in its own memory as it did alone, and Redis is asked again after
`RETRY_S`. The site is slower, never broken. The store holds pickled answers (Flask-Caching's
serializer), so Redis must be reachable by the site only (deploy/redis/caseload.conf).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlparse

from flask import Flask
from flask_caching import Cache
from redis.exceptions import RedisError

from warehouse.config import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")
KEY_PREFIX = "caseload-page:"
CLAIM_S = 30  # a claim outlives any drawing; if its process dies, the next asker draws after this
RETRY_S = 5.0  # after a failed call, how long Redis is left alone before it is asked again
WAIT_STEP_S = 0.05


class SharedCache:
    """get / put / claim over Redis; each call gives up at once while Redis is marked down."""

    def __init__(self, server: Flask, settings: Settings) -> None:
        assert settings.redis_url, "a shared cache needs CASELOAD_REDIS_URL"
        timeout = settings.redis_timeout_s
        db = urlparse(settings.redis_url).path.strip("/")
        self.ttl = settings.shared_cache_ttl_s
        self._cache = Cache(
            server,
            config={
                "CACHE_TYPE": "RedisCache",
                "CACHE_REDIS_URL": settings.redis_url,
                "CACHE_REDIS_DB": int(db) if db.isdigit() else 0,
                "CACHE_KEY_PREFIX": KEY_PREFIX,
                "CACHE_DEFAULT_TIMEOUT": self.ttl,
                "CACHE_OPTIONS": {"socket_timeout": timeout, "socket_connect_timeout": timeout},
            },
        )
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def up(self) -> bool:
        return time.monotonic() >= self._down_until

    def _call(self, fn: Callable[[], T], failed: T) -> T:
        if not self.up:
            return failed
        try:
            return fn()
        except (RedisError, OSError) as exc:
            with self._lock:
                if self.up:
                    log.warning("shared cache (Redis) unreachable, going on without it: %s", exc)
                self._down_until = time.monotonic() + RETRY_S
            return failed

    def get(self, key: str) -> Any | None:
        return self._call(lambda: self._cache.get(key), None)

    def put(self, key: str, value: Any) -> None:
        self._call(lambda: self._cache.set(key, value, timeout=self.ttl), None)

    def claim(self, key: str) -> bool:
        """True when this process is to draw the answer (nobody else is, or Redis is down)."""
        return bool(self._call(lambda: self._cache.add("draw:" + key, 1, timeout=CLAIM_S), True))

    def release(self, key: str) -> None:
        self._call(lambda: self._cache.delete("draw:" + key), None)

    def wait_for(self, key: str, seconds: float) -> Any | None:
        """The answer another process is drawing, once it is there; None when it gave up (an answer
        not to be kept, or it died), Redis went down, or after `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.up:
            value = self.get(key)
            if value is not None:
                return value
            if not self._call(lambda: self._cache.has("draw:" + key), False):
                return self.get(key)  # released: its answer is there now, or there is none to wait for
            time.sleep(WAIT_STEP_S)
        return None
