"""A real HTTP server on 127.0.0.1 for the fetcher's tests, with scripted faults.

Each path gets a `Route`: the body to serve and a list of faults to play, one
per request, before it serves normally (500, hang, drop the connection
mid-body, a truncated body). ETag and Last-Modified are sent, and a matching
If-None-Match gets a 304.
"""

from __future__ import annotations

import hashlib
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Route:
    body: bytes
    faults: list[str] = field(default_factory=list)  # "500", "hang", "drop", "truncate"
    requests: int = 0
    conditional_requests: int = 0

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}
    hang_s: float = 3.0

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        route.requests += 1
        fault = route.faults.pop(0) if route.faults else None
        if fault == "500":
            self.send_error(500)
            return
        if fault == "hang":
            time.sleep(self.hang_s)
            self.close_connection = True
            return
        if self.headers.get("If-None-Match"):
            route.conditional_requests += 1
            if self.headers["If-None-Match"] == route.etag and fault is None:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
        self.send_response(200)
        self.send_header("Content-Length", str(len(route.body)))
        self.send_header("ETag", route.etag)
        self.send_header("Last-Modified", "Thu, 19 Mar 2026 09:30:00 GMT")
        self.end_headers()
        if fault in ("drop", "truncate"):
            self.wfile.write(route.body[: len(route.body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(route.body)


@contextmanager
def serve(routes: dict[str, Route], hang_s: float = 3.0) -> Iterator[str]:
    """Serve `routes` on a free port; yield the base URL."""
    handler = type("Handler", (_Handler,), {"routes": routes, "hang_s": hang_s})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
