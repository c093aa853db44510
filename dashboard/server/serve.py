"""`caseload serve`: the site behind waitress, a production WSGI server (debug off)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from dashboard.server.proxy_cache import ProxyCacheHeaders
from dashboard.server.response_cache import CachingGzip
from warehouse.config import MAX_UPLOAD_BYTES, Settings


def waitress_options() -> dict[str, int]:
    """waitress refuses a body over the upload limit with 413 itself: by Content-Length before it is
    read, a chunked one as it passes the limit; a body under it stays in memory (no temp file)."""
    return {"max_request_body_size": MAX_UPLOAD_BYTES + 1, "inbuf_overflow": MAX_UPLOAD_BYTES + 1}


def _release_version(path: Path) -> tuple[int, int] | None:
    """(inode, mtime) of the served release: a publish replaces the file, so cached pages expire."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def _safe(url: str | None) -> str:
    """A Redis URL without its password, for the log."""
    from urllib.parse import urlparse

    parts = urlparse(url or "")
    return f"{parts.hostname}:{parts.port or 6379}{parts.path}"


def serve(host: str = "127.0.0.1", port: int = 8050, threads: int = 8, cache: bool = True) -> int:
    """Cache on: answers are kept per release and gzipped (dashboard/server/response_cache.py), in Redis
    too when `CASELOAD_REDIS_URL` is set (dashboard/server/shared_cache.py), and the pages readers open
    first are drawn into it at start and after each publish (dashboard/server/warm.py). Every answer
    of the current release tells nginx how long it may keep it (dashboard/server/proxy_cache.py)."""
    from waitress import serve as waitress_serve

    from dashboard.app import create_app
    from dashboard.server.shared_cache import SharedCache
    from dashboard.server.warm import keep_warm

    settings = Settings.from_env()
    if not settings.warehouse_path.exists():
        print(
            f"No published warehouse at {settings.warehouse_path} yet: the site will say so until "
            "`caseload run` publishes one."
        )
    app = create_app(settings)
    wsgi = app.server.wsgi_app
    if cache:
        version = lambda: _release_version(settings.warehouse_path)  # noqa: E731
        shared = SharedCache(app.server, settings) if settings.redis_url else None
        wsgi = CachingGzip(wsgi, version, shared=shared)
        if settings.warm_limit != 0:  # the first views of each release, drawn in the background
            keep_warm(wsgi, version, limit=settings.warm_limit, shared=shared is not None)
    wsgi = ProxyCacheHeaders(wsgi, settings.proxy_cache_s)
    logging.getLogger("waitress").setLevel(logging.INFO)
    store = f"Redis at {_safe(settings.redis_url)}" if settings.redis_url else "this process's memory"
    print(f"Caseload Watch on http://{host}:{port}/ (warehouse: {settings.warehouse_path}; "
          f"limits and cache: {store})", flush=True)
    # waitress drops X-Forwarded-* itself unless told otherwise; behind nginx the app's ProxyFix
    # (dashboard/server/security.py) reads them, trusting exactly CASELOAD_TRUSTED_PROXIES hops.
    proxied = {"clear_untrusted_proxy_headers": False} if settings.trusted_proxies > 0 else {}
    waitress_serve(wsgi, host=host, port=port, threads=threads, **waitress_options(), **proxied)
    return 0


def main() -> None:
    """The dev server (Dash's own, debug off by default): `python -m dashboard.server.serve`."""
    from dashboard.app import create_app

    create_app().run(debug=False, host="127.0.0.1", port=8050)


if __name__ == "__main__":
    main()
