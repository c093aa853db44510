"""Caching and CORS for the API and downloads: ETag, Cache-Control, the release header.

A response is a function of its release and its address, so the ETag is computed from those
before any rows are read: a repeat request with If-None-Match costs one small query.
The served release can change at any publish, so it is cached for minutes; a release pinned
by id never changes, so it is cached for a year.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math

from flask import Flask, Response, request

from dashboard.downloads.formats import to_download_csv

RELEASE_HEADER = "X-Caseload-Release"
CURRENT_MAX_AGE = 300
PINNED_MAX_AGE = 31_536_000
CORS_PREFIXES = ("/api/", "/download")
EXPOSED = f"ETag, {RELEASE_HEADER}, Link, X-Total-Count, Content-Disposition"


def etag_for(release_id: str) -> str:
    """Strong ETag from the release and the full address (path and canonical query)."""
    query = sorted(request.args.items(multi=True))
    key = json.dumps([release_id, request.path, query])
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def not_modified(etag: str, release_id: str, pinned: bool) -> Response | None:
    """A 304 when the reader already holds this exact response."""
    if etag.strip('"') in request.if_none_match:
        return finish(Response(status=304), etag, release_id, pinned)
    return None


def finish(resp: Response, etag: str, release_id: str, pinned: bool) -> Response:
    resp.headers["ETag"] = etag
    resp.headers[RELEASE_HEADER] = release_id
    age = PINNED_MAX_AGE if pinned else CURRENT_MAX_AGE
    resp.headers["Cache-Control"] = f"public, max-age={age}" + (", immutable" if pinned else "")
    if resp.status_code == 200 and not resp.is_streamed:
        # Range requests: polars and DuckDB read a URL in ranges (pl.read_csv(url) needs it).
        resp.make_conditional(request, accept_ranges=True, complete_length=resp.content_length)
    return resp


def _plain(value: object) -> object:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    raise TypeError(type(value).__name__)


def json_body(payload: object) -> Response:
    """JSON with ISO 8601 dates (Flask's jsonify would write RFC 822 dates)."""
    text = json.dumps(payload, default=_plain, ensure_ascii=False, allow_nan=False)
    return Response(text, mimetype="application/json")


def csv_body(df, filename: str) -> Response:
    return Response(
        to_download_csv(df),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def install_cors(server: Flask) -> None:
    """Open to GET from any origin (the data are public); preflights allowed for If-None-Match."""

    @server.after_request
    def _cors(resp: Response) -> Response:
        if request.path.startswith(CORS_PREFIXES):
            resp.headers["Access-Control-Allow-Origin"] = "*"
            resp.headers["Access-Control-Expose-Headers"] = EXPOSED
            if request.method == "OPTIONS":
                resp.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
                resp.headers["Access-Control-Allow-Headers"] = "If-None-Match"
                resp.headers["Access-Control-Max-Age"] = "86400"
        return resp
