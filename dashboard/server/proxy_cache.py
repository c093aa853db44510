"""Tell a shared cache (nginx, or a CDN) how long it may keep an answer of the current release:
`s-maxage` and `stale-while-revalidate` in `Cache-Control`, standard HTTP that nginx reads.

Why: a reader's browser may keep an API answer or a download for five minutes (`max-age=300`,
dashboard/api/http.py), but a cache in front of every reader must not serve the old release that
long after a publish. So each answer that depends on the served release (pages' HTML, the shell,
pages' renders, the API, downloads, feeds) gets `s-maxage=N, stale-while-revalidate=N`
(N = `CASELOAD_PROXY_CACHE_SECONDS`, 2 by default): nginx keeps it N seconds, and for N more hands
the kept answer to the readers who come while one request fetches the next (so a crowd on one
address costs the site one request every N seconds), and never beyond: a publish shows through
nginx within 2N seconds. An answer with no `Cache-Control` of its own gets `max-age=0` for the
browser (as good as none). Answers pinned to a release (`immutable`) keep their year, static bundles
their own lifetimes (deploy/nginx/caseload-locations.conf), and anything personal or refused is not
kept. 0 keeps nothing there (`s-maxage=0`). Why not nginx's own `proxy_cache_use_stale updating`:
it serves a stale answer at any age; and without some stale answer, every reader who comes while an
expired answer is being fetched again goes to the site too (measured: the rebuild test's 20 clients
then tripped their own rate limit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from dashboard.server.response_cache import CACHED_POST, STATIC

FORBIDDEN = ("no-store", "private", "no-cache", "immutable", "s-maxage")


def keepable(method: str, path: str, status: str, headers: list[tuple[str, str]]) -> bool:
    """A GET of the current release, answered 200 (or 304), with no cookie and nothing forbidding a
    shared cache; or a callback's answer (nginx keeps only the pages callback's, keyed by its
    pathname and search: deploy/nginx/caseload-maps.conf)."""
    if not (method in ("GET", "HEAD") or (method == "POST" and path in CACHED_POST)):
        return False
    if not status.startswith(("200", "304")) or path.startswith(STATIC):
        return False
    names = {k.lower(): v.lower() for k, v in headers}
    control = names.get("cache-control", "")
    return "set-cookie" not in names and not any(word in control for word in FORBIDDEN)


def with_shared_lifetime(headers: list[tuple[str, str]], seconds: int) -> list[tuple[str, str]]:
    """The headers with the shared cache's lifetime added to (or as) their Cache-Control."""
    shared = f"s-maxage={seconds}, stale-while-revalidate={seconds}" if seconds > 0 else "s-maxage=0"
    control = next((v for k, v in headers if k.lower() == "cache-control"), None)
    rest = [(k, v) for k, v in headers if k.lower() != "cache-control"]
    value = f"{control}, {shared}" if control else f"public, max-age=0, {shared}"
    return [*rest, ("Cache-Control", value)]


class ProxyCacheHeaders:
    """WSGI middleware: the shared cache's lifetime on every answer `keepable` allows."""

    def __init__(self, app: Callable, seconds: int) -> None:
        self.app, self.seconds = app, seconds

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "")

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable:
            if keepable(method, path, status, headers):
                headers = with_shared_lifetime(headers, self.seconds)
            return start_response(status, headers, exc_info)

        return self.app(environ, start)
