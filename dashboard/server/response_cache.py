"""A response cache and gzip in front of the Dash app (WSGI), for `caseload serve`.

Why: a page is a pure function of its address and the published release, and the release
file is immutable once published (a new one replaces it with a new inode). So a Dash
callback answer can be kept, keyed by the request body and the release's (inode, mtime),
and served again without drawing the page: the site stays stateless per process, and
several processes scale out (docs/scaling.md). Static bundles (Dash's component suites,
assets/) are cached gzipped, since plotly.js alone is megabytes, and so are the app's shell
layout and callback list (the same for every reader of a release). Only successful answers
without cookies are kept; the API and downloads (which answer Range requests) pass through.

The key of a callback is its body, with two exceptions that make browsers and the warmer
(dashboard/server/warm.py) share entries: the `endId` a browser adds to every callback URL (a token
per page load, used only by background callbacks, which the site has none of) is left out,
and Dash's pages callback, which draws a page from its pathname and search alone, is keyed by
those two (the renderer's `changedPropIds` differ between a first load and a navigation).

With a shared store (dashboard/server/shared_cache.py: Redis, when `CASELOAD_REDIS_URL` is set), the
answers that depend on the release (callbacks, the shell layout and callback list) are looked up
there after this process's memory and before drawing, so several processes draw an address once per
release between them; static bundles stay in each process's memory (they never change under it).
Each answer says where it came from in `X-Caseload-Cache`: `hit` (this process's memory), `shared`
(Redis) or `drawn` (drawn by this request).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode

CACHED_POST = ("/_dash-update-component",)
CACHED_GET = ("/_dash-component-suites/", "/assets/", "/_dash-layout", "/_dash-dependencies")
STATIC = ("/_dash-component-suites/", "/assets/")  # the same for every release: kept per process only
CACHE_HEADER = "X-Caseload-Cache"
WAIT_FOR_OTHER_S = 15.0  # longest a request waits for another process drawing the same address
Item = tuple[str, list[tuple[str, str]], bytes]


class Shared(Protocol):
    """What CachingGzip needs of a shared store (dashboard/server/shared_cache.SharedCache)."""

    def get(self, key: str) -> Any | None: ...
    def put(self, key: str, value: Any) -> None: ...
    def claim(self, key: str) -> bool: ...
    def release(self, key: str) -> None: ...
    def wait_for(self, key: str, seconds: float) -> Any | None: ...
COMPRESSIBLE = ("application/json", "application/javascript", "text/", "image/svg")
MIN_GZIP_BYTES = 1024
PAGES_OUTPUT = ".._pages_content.children..._pages_store.data.."  # Dash's pages callback


def page_request(pathname: str, search: str) -> bytes:
    """The body of Dash's pages callback for an address, as the renderer sends it."""
    inputs = [
        {"id": "_pages_location", "property": "pathname", "value": pathname},
        {"id": "_pages_location", "property": "search", "value": search},
    ]
    changed = ["_pages_location.pathname", "_pages_location.search"]
    return json.dumps(
        {
            "output": PAGES_OUTPUT,
            "outputs": [
                {"id": "_pages_content", "property": "children"},
                {"id": "_pages_store", "property": "data"},
            ],
            "inputs": inputs,
            "changedPropIds": changed,
            "parsedChangedPropsIds": changed,
        },
        separators=(",", ":"),
    ).encode()


def body_key(body: bytes) -> tuple:
    """What a callback's answer depends on: the pages callback's pathname and search, else the body."""
    if PAGES_OUTPUT.encode() in body:
        try:
            request = json.loads(body)
            if request.get("output") == PAGES_OUTPUT:
                values = {i["property"]: i.get("value") for i in request["inputs"]}
                return ("page", values["pathname"], values["search"])
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
    return ("body", hashlib.sha256(body).digest())


def query_key(query: str, post: bool) -> str:
    """The query string, without a callback's per-page-load `endId`."""
    if not post or "endId" not in query:
        return query
    return urlencode([(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "endId"])


class CachingGzip:
    """WSGI middleware: LRU of whole answers (bounded by entries and bytes), gzip when accepted."""

    def __init__(
        self,
        app: Callable,
        version: Callable[[], object],
        max_entries: int = 1024,
        max_bytes: int = 128 << 20,
        shared: Shared | None = None,
    ) -> None:
        self.app, self.version, self.shared = app, version, shared
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._items: OrderedDict[tuple, Item] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "")
        post = method == "POST" and path in CACHED_POST
        if not (post or (method == "GET" and path.startswith(CACHED_GET))) or "HTTP_RANGE" in environ:
            return self.app(environ, start_response)
        body = b""
        if post:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length) if length else b""
            environ["wsgi.input"] = io.BytesIO(body)
        zipped = "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "")
        key = (
            method,
            path,
            query_key(environ.get("QUERY_STRING", ""), post),
            body_key(body) if post else (),
            zipped,
            self.version(),
        )
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
        source = "hit"
        if hit is None:
            if self.shared is None or path.startswith(STATIC):
                hit, source = self._draw(environ, zipped, key), "drawn"
            else:
                hit, source = self._shared(environ, zipped, key)
        status, headers, content = hit
        start_response(status, [*headers, (CACHE_HEADER, source), ("Content-Length", str(len(content)))])
        return [content]

    def _draw(self, environ: dict[str, Any], zipped: bool, key: tuple) -> Item:
        item, keep = self._render(environ, zipped)
        if keep:
            self._store(key, item)
        return item

    def _shared(self, environ: dict[str, Any], zipped: bool, key: tuple) -> tuple[Item, str]:
        """From the shared store; else drawn here, once across processes (a claim), and shared."""
        assert self.shared is not None
        name = hashlib.sha256(repr(key).encode()).hexdigest()
        found, claimed = self.shared.get(name), False
        if found is None:
            claimed = self.shared.claim(name)
            # Claimed: look once more (another process may have put it and let go since the get).
            found = self.shared.get(name) if claimed else self.shared.wait_for(name, WAIT_FOR_OTHER_S)
        if found is not None and claimed:
            self.shared.release(name)
            claimed = False
        if found is not None:
            item = (found[0], list(found[1]), found[2])
            self._store(key, item)
            return item, "shared"
        try:
            item, keep = self._render(environ, zipped)
            if keep:
                self._store(key, item)
                self.shared.put(name, item)
        finally:
            if claimed:
                self.shared.release(name)
        return item, "drawn"

    def _render(self, environ: dict[str, Any], zipped: bool) -> tuple[Item, bool]:
        """The app's answer (gzipped if accepted) and whether it may be kept."""
        captured: dict[str, Any] = {}

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable:
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        result = self.app(environ, start)
        try:
            content = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        status = captured["status"]
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        names = {k.lower() for k, _ in headers}
        if not status.startswith("200") or "set-cookie" in names or "content-encoding" in names:
            return (status, headers, content), False
        kind = next((v for k, v in headers if k.lower() == "content-type"), "")
        if zipped and len(content) >= MIN_GZIP_BYTES and kind.startswith(COMPRESSIBLE):
            content = gzip.compress(content, 6)
            headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        return (status, headers, content), True

    def _store(self, key: tuple, item: Item) -> None:
        size = len(item[2])
        if size > self.max_bytes // 8:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = item
            self._bytes += size
            while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
                _, old = self._items.popitem(last=False)
                self._bytes -= len(old[2])
