"""Warm the response cache: the pages readers open first answer from memory, even the first time.

Why: drawing a page costs about 0.1-0.15 s of CPU, so 20 readers at once queue for it
(docs/benchmarks.md), while a cached answer costs well under a millisecond. A page is a pure
function of its address and the release, so each `caseload serve` process draws the popular
addresses once, in a background thread, when it starts and again whenever the served release
changes (the cache is keyed by release, so a publish empties it). About 230 addresses: every
page's default address, each year and named cap on the overview (as a shared link has them and
as the controls write them, pinned to the release), and each council's profile. Anything else is
drawn on first request and kept, as before.

With a shared cache (Redis) every process still runs its warmer, each in its own random order: an
address another process drew already comes from Redis in a millisecond, so together they draw each
address once (`CASELOAD_WARM_LIMIT` draws only the first N addresses, for tests and small machines).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import dash
from werkzeug.test import EnvironBuilder

from dashboard.address import search
from dashboard.reading import queries
from dashboard.server.response_cache import CACHE_HEADER, page_request
from warehouse.read.snapshot import SnapshotUnavailable

log = logging.getLogger(__name__)


def addresses() -> list[tuple[str, str]]:
    """(pathname, search) of the views readers open first, on the served release."""
    pages = dash.page_registry.values()
    fixed = sorted(p["path"] for p in pages if not p.get("path_template") and p["path"] != "/404")
    out = [(path, "") for path in fixed]
    release_id = str(queries.release().get("release_id") or "")
    for year in queries.years():
        for cap in queries.cap_scenarios():
            out.append(("/", search("", year=year, cap=cap)))
            if release_id:
                out.append(("/", search("", year=year, cap=cap, release=release_id)))
    out += [(f"/council/{slug}", "") for slug in queries.councils()["slug"].to_list()]
    return out


@dataclass(frozen=True)
class Warmed:
    """How a warming went: pages answered 200, and how many of them this process drew itself."""

    ok: int
    drawn: int


def warm(wsgi: Callable, views: list[tuple[str, str]]) -> Warmed:
    """Request each view's page through `wsgi` (the caching app), as a browser would."""
    ok = drawn = 0
    for pathname, query in views:
        status, source = _post(wsgi, page_request(pathname, query))
        ok += status.startswith("200")
        drawn += source == "drawn"
    return Warmed(ok, drawn)


def _post(wsgi: Callable, body: bytes) -> tuple[str, str]:
    """POST a callback body to the app; its status line and where the answer came from."""
    environ = EnvironBuilder(
        path="/_dash-update-component",
        method="POST",
        data=body,
        headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"},
    ).get_environ()
    status: list[str] = []
    source: list[str] = []

    def start_response(line: str, headers: list, exc_info: object = None) -> Callable:
        status.append(line)
        source.extend(v for k, v in headers if k == CACHE_HEADER)
        return lambda chunk: None

    result = wsgi(environ, start_response)
    try:
        b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return (status[0] if status else ""), (source[0] if source else "")


def chosen(views: list[tuple[str, str]], limit: int | None, shuffle: bool) -> list[tuple[str, str]]:
    """The first `limit` views (all when None), in a random order when processes share the work."""
    views = views if limit is None else views[: max(0, limit)]
    return random.sample(views, len(views)) if shuffle else views


def keep_warm(
    wsgi: Callable,
    version: Callable[[], object],
    every: float = 10.0,
    limit: int | None = None,
    shared: bool = False,
) -> threading.Thread:
    """A daemon thread: warm now, then again each time `version()` (the served release) changes."""

    def run() -> None:
        done = None
        while True:
            current = version()
            if current is not None and current != done:
                started = time.monotonic()
                try:
                    views = chosen(addresses(), limit, shared)
                    result = warm(wsgi, views)
                    done = current
                    took = time.monotonic() - started
                    print(
                        f"cache warmed: {result.ok} of {len(views)} pages in {took:.1f} s "
                        f"(drawn here: {result.drawn})",
                        flush=True,
                    )
                except SnapshotUnavailable:
                    pass  # no release yet (or mid-replace): try again later
                except Exception:  # never let the warmer take the server down
                    log.exception("cache warming failed")
                    done = current
            time.sleep(every)

    thread = threading.Thread(target=run, name="cache-warmer", daemon=True)
    thread.start()
    return thread
