"""/api/v1: read-only JSON and CSV of the published figures, on the site's own Flask server.

`register(server)` is the one call `create_app` makes; it also adds the download routes
(dashboard/downloads/routes.py) and CORS for both, and the check door's two POST routes
(dashboard/api/check.py: the API's and the /submit/check page's form). Documented in docs/api.md and at /api.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response

from dashboard.api import check, http, openapi, routes, submissions
from dashboard.api.params import ApiError
from dashboard.downloads import routes as downloads
from warehouse.read.snapshot import SnapshotUnavailable

ENDPOINTS: dict[str, Callable[..., Response]] = {
    "/api/v1/la-year": routes.la_year,
    "/api/v1/councils": routes.councils,
    "/api/v1/councils/<key>": routes.council,
    "/api/v1/caps": routes.caps,
    "/api/v1/regions": routes.regions,
    "/api/v1/release": routes.release_info,
    "/api/v1/releases": routes.release_list,
}


CHECK = "/api/v1/submissions/check"


def _guarded(fn: Callable[..., Response]) -> Callable[..., Response]:
    from dashboard.server.security import error_response

    def view(**kwargs: object) -> Response:
        try:
            return fn(**kwargs)
        except ApiError as exc:
            return error_response(exc.status, exc.message)
        except SnapshotUnavailable:
            return error_response(503, "No release has been published yet.")

    view.__name__ = fn.__name__
    return view


def _index() -> Response:
    return http.json_body({
        "openapi": "/api/v1/openapi.json",
        "documentation": "/api",
        "endpoints": sorted([*ENDPOINTS, CHECK]),
        "submit": {"method": "POST", "path": "/api/v1/submissions", "auth": "Bearer token"},
        "downloads": {"zip": "/download/caseload-watch.zip", "table": "/download/marts.la_year.csv"},
    })


def _unknown(_rest: str) -> Response:
    raise ApiError(404, "There is no such API address; /api/v1 lists them.")


def register(server: Flask) -> None:
    for rule, fn in ENDPOINTS.items():
        server.add_url_rule(rule, f"api_{fn.__name__}", _guarded(fn), methods=["GET"])
    # The check door (POST: a file in, its report out; nothing stored): the API and the page's form.
    server.add_url_rule(CHECK, "api_submission_check", _guarded(check.api_check), methods=["POST"])
    server.add_url_rule(check.FORM_PATH, "submit_check_form", check.form_check, methods=["POST"])
    # Councils' own systems submit a file with their token (dashboard/submit/, docs/api.md).
    server.add_url_rule("/api/v1/submissions", "api_submit", _guarded(submissions.submit), methods=["POST"])
    server.add_url_rule("/api/v1", "api_index", _index, methods=["GET"])
    server.add_url_rule("/api/v1/openapi.json", "api_openapi", lambda: http.json_body(openapi.spec()))
    server.add_url_rule("/api/<path:_rest>", "api_unknown", _guarded(_unknown))
    downloads.register(server)
    http.install_cors(server)
