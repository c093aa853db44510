"""Security for every response: headers, friendly errors without tracebacks, a per-client rate limit.

Installed on the Flask server by `create_app`. The Content-Security-Policy carries the hashes of
Dash's inline scripts (no 'unsafe-inline' or 'unsafe-eval' for scripts). The limit
(dashboard/server/rate_limit.py) applies to /download, /api and posts of the /submit form only:
pages are cheap and cached, bulk files, queries and submissions are not. Behind nginx
(`CASELOAD_TRUSTED_PROXIES`), the client is the address nginx puts in X-Forwarded-For.
"""

from __future__ import annotations

import html
import logging

from dash import Dash
from flask import Flask, Response, jsonify, request
from flask_limiter import Limiter, RateLimitExceeded
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard.server import rate_limit
from warehouse.config import Settings

log = logging.getLogger(__name__)


def content_security_policy(script_hashes: list[str]) -> str:
    """What Dash 4 needs and no more: its own scripts plus hashed inline ones; inline styles
    (React and plotly set style attributes); data: and blob: images (plotly's exports)."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{k} {' '.join(v)}" for k, v in directives.items())


def _error_page(status: int, title: str, message: str) -> Response:
    body = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>'
        f"{html.escape(title)}: Caseload Watch</title></head><body><main><h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(message)}</p><p><a href=\"/\">Go to the overview</a> or "
        '<a href="/data">Data and downloads</a>.</p></main></body></html>'
    )
    return Response(body, status=status, mimetype="text/html")


MESSAGES = {
    400: ("Bad request", "The address has a value we cannot use."),
    404: ("Not found", "There is nothing at this address."),
    405: ("Not allowed", "This address does not answer that kind of request."),
    413: ("Too large", "The upload is larger than this address takes."),
    429: ("Too many requests", "Please wait a moment before downloading again."),
}


def error_response(status: int, message: str | None = None) -> Response:
    """JSON under /api/, a small HTML page elsewhere; the message never echoes the request."""
    title, default = MESSAGES.get(status, ("Something went wrong", "Please try again later."))
    text = message or default
    if request.path.startswith("/api/"):
        resp = jsonify({"error": {"status": status, "message": text}})
        resp.status_code = status
        return resp
    return _error_page(status, title, text)


def install(app: Dash, settings: Settings) -> Limiter:
    """Headers, error handlers and the rate limit on `app.server`; returns the limiter."""
    server: Flask = app.server
    server.debug = False
    server.config["PROPAGATE_EXCEPTIONS"] = False
    if settings.trusted_proxies > 0:
        n = settings.trusted_proxies
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=n, x_proto=n)  # type: ignore[method-assign]
    limiter = rate_limit.install(server, settings)

    @server.errorhandler(RateLimitExceeded)
    def _limited(exc: RateLimitExceeded) -> Response:
        return rate_limit.with_retry_after(error_response(429), rate_limit.retry_after(exc, limiter))

    @server.after_request
    def _headers(resp: Response) -> Response:
        h = resp.headers
        # hashed per response: Dash adds inline scripts (pages' clientside functions) at its first request
        h.setdefault("Content-Security-Policy", content_security_policy(list(app.csp_hashes())))
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return resp

    @server.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        return error_response(exc.code or 500, getattr(exc, "safe_message", None))

    @server.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        if isinstance(exc, HTTPException):  # pragma: no cover - handled above
            return _http_error(exc)
        log.exception("request failed: %s %s", request.method, request.path[:200])
        return error_response(500)

    return limiter
