"""Tell nginx how long it may keep an answer of the current release: `X-Accel-Expires`.

Why: a reader's browser may keep an API answer or a download for five minutes (`Cache-Control:
max-age=300`, dashboard/api/http.py), but a cache in front of every reader must not serve the old
release that long after a publish. So each answer that depends on the served release (pages' HTML,
the shell, the API, downloads, feeds) carries `X-Accel-Expires: CASELOAD_PROXY_CACHE_SECONDS`
(2 s by default): nginx keeps it that long and no longer, and never passes the header on. At a
thousand requests a second for one address that is still one request in a couple of seconds to
the site. Answers pinned to a release (`immutable`) keep their year, static bundles their own
lifetimes (deploy/nginx/caseload-locations.conf), and anything personal or refused is not kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from dashboard.server.response_cache import STATIC

HEADER = "X-Accel-Expires"


def keepable(method: str, path: str, status: str, headers: list[tuple[str, str]]) -> bool:
    """A GET of the current release, answered 200 (or 304: nginx revalidating what it holds, which
    would otherwise renew it for the browser's five minutes), with no cookie and nothing forbidding
    a cache."""
    if method not in ("GET", "HEAD") or not status.startswith(("200", "304")) or path.startswith(STATIC):
        return False
    names = {k.lower(): v.lower() for k, v in headers}
    control = names.get("cache-control", "")
    forbidden = ("no-store", "private", "no-cache", "immutable")
    return "set-cookie" not in names and HEADER.lower() not in names and not any(
        word in control for word in forbidden
    )


class ProxyCacheHeaders:
    """WSGI middleware: `X-Accel-Expires: seconds` on every answer `keepable` allows."""

    def __init__(self, app: Callable, seconds: int) -> None:
        self.app, self.seconds = app, seconds

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "")

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable:
            if self.seconds > 0 and keepable(method, path, status, headers):
                headers = [*headers, (HEADER, str(self.seconds))]
            return start_response(status, headers, exc_info)

        return self.app(environ, start)
