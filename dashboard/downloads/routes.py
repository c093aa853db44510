"""The /download routes: /download/<schema>.<table>.csv|parquet, the whole release as a zip, the
rows behind a figure (the /data form), and the councils' submission templates.

Tables are whitelisted against the release's own table list; filters (year, region, council,
cap) are parsed strictly and bound into SQL. Every file name carries the release id, and so
does the X-Caseload-Release header; `release=<id>` serves a release that is still kept.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from urllib.parse import urlencode

from flask import Flask, Response, abort, redirect, request

from dashboard.api import http
from dashboard.api import params as p
from dashboard.downloads import release_zip
from dashboard.downloads.formats import to_parquet
from dashboard.downloads.templates import template_path
from dashboard.reading import queries
from dashboard.reading.releases import Opened, open_release
from warehouse.read import releases
from warehouse.read import tables as aq
from warehouse.read.snapshot import SnapshotUnavailable

TABLE_PARAMS = ("release", "year", "region", "council", "cap")
_SAFE = re.compile(r"[^A-Za-z0-9_.]+")
ZIP_NAME = "caseload-watch"
_zips: OrderedDict[str, bytes] = OrderedDict()
_zip_lock = threading.Lock()


def table_href(table: str, fmt: str = "csv", **filters: object) -> str:
    """The address of a (filtered) table download, e.g. the rows behind one council's figures:
    `table_href("marts.la_year", council="E09000033", year=2025)`."""
    clean = {k: v for k, v in filters.items() if v not in (None, "") and k in TABLE_PARAMS}
    return f"/download/{table}.{fmt}" + (f"?{urlencode(clean)}" if clean else "")


def file_name(release_id: str, table: str, filters: dict[str, object], fmt: str) -> str:
    """From parsed filters only (a council is its resolved code, never what was typed); a joint
    return's code `E09000021 / E09000027` becomes `E09000021-E09000027`, safe in a file name."""
    parts = [f"{k}-{_SAFE.sub('-', str(v))}" for k, v in filters.items() if v is not None]
    return "_".join([ZIP_NAME, release_id, table, *parts]) + f".{fmt}"


def parse_filters(opened: Opened, schema: str, name: str, args: dict[str, str]) -> dict[str, object]:
    """Strict values for the filters this table has; a filter it lacks is a clear 400."""
    cur = opened.cursor
    usable = aq.filters_for(cur, schema, name)
    for key in ("year", "region", "council", "cap"):
        if key in args and key not in usable:
            raise p.ApiError(
                400,
                f"This table cannot be filtered by {key}; it takes: "
                f"{', '.join(sorted(usable)) or 'no filters'}.",
            )
    return {
        "year": p.year(args.get("year"), aq.years(cur)) if "year" in args else None,
        "region": p.region(args.get("region"), aq.regions(cur)) if "region" in args else None,
        "council": p.council(args.get("council"), lambda key: aq.council_code(cur, key))
        if "council" in args else None,
        "cap": p.cap(args.get("cap"), queries.named_caps_in(cur), allow_custom=False)
        if "cap" in args else None,
    }


def _kept() -> list[str]:
    return releases.release_ids(queries.settings().releases_dir)


def table_response(name: str, fmt: str) -> Response:
    args = p.single_values(request.args.to_dict(flat=False), TABLE_PARAMS)
    if fmt not in ("csv", "parquet") or name.count(".") != 1:
        raise p.ApiError(404, "There is no such download; /data lists every table.")
    schema, table = name.split(".")
    release_id = p.release(args.get("release"), _kept())
    with open_release(release_id) as opened:
        if (schema, table) not in aq.tables(opened.cursor):
            raise p.ApiError(404, "There is no such table in this release; /data lists every table.")
        etag = http.etag_for(opened.release_id)
        cached = http.not_modified(etag, opened.release_id, opened.pinned)
        if cached is not None:
            return cached
        filters = parse_filters(opened, schema, table, args)
        df = aq.filtered(opened.cursor, schema, table, filters).rows
        filename = file_name(opened.release_id, name, filters, fmt)
        if fmt == "csv":
            resp = http.csv_body(df, filename)
        else:
            resp = Response(
                to_parquet(df),
                mimetype="application/vnd.apache.parquet",
                headers={"Content-Disposition": f'attachment; filename="{filename}"'},
            )
        return http.finish(resp, etag, opened.release_id, opened.pinned)


def zip_response() -> Response:
    args = p.single_values(request.args.to_dict(flat=False), ("release",))
    release_id = p.release(args.get("release"), _kept())
    with open_release(release_id) as opened:
        etag = http.etag_for(opened.release_id)
        cached = http.not_modified(etag, opened.release_id, opened.pinned)
        if cached is not None:
            return cached
        with _zip_lock:  # one build at a time: a zip takes seconds and is kept per release
            body = _zips.get(opened.release_id)
            if body is None:
                body = release_zip.build_zip(opened.cursor, opened.release_id, opened.built_at)
                _zips[opened.release_id] = body
                while len(_zips) > 2:
                    _zips.popitem(last=False)
        filename = f"{ZIP_NAME}_{opened.release_id}.zip"
        resp = Response(
            body,
            mimetype="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
        return http.finish(resp, etag, opened.release_id, opened.pinned)


def _guard(fn):
    """ApiError and a missing warehouse become friendly pages (security.error_response)."""
    from dashboard.server.security import error_response

    def wrapped(*args: object, **kwargs: object) -> Response:
        try:
            return fn(*args, **kwargs)
        except p.ApiError as exc:
            return error_response(exc.status, exc.message)
        except SnapshotUnavailable:
            return error_response(503, "No release has been published yet.")

    wrapped.__name__ = fn.__name__
    return wrapped


def register(server: Flask) -> None:
    """The download routes (the old /download/<schema>.<table>.<fmt> addresses keep working)."""
    server.add_url_rule("/download/<name>.<fmt>", "download_table", _guard(table_response))
    server.add_url_rule(f"/download/{ZIP_NAME}.zip", "download_zip", _guard(zip_response))
    server.add_url_rule("/download", "download_release", _guard(zip_response))
    server.add_url_rule("/download/<path:_rest>", "download_unknown", _guard(_unknown))
    server.add_url_rule("/download/rows", "download_rows", _guard(lambda: redirect(_rows_target(), code=302)))
    server.add_url_rule("/download/template/<filename>", "download_template", _template)


def _template(filename: str) -> Response:
    """/download/template/<file>: the council submission template and its guide (data/templates)."""
    path = template_path(filename)
    if path is None:
        abort(404)
    return Response(
        path.read_bytes(),
        mimetype="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{path.name}"'},
    )


def _unknown(_rest: str) -> Response:
    raise p.ApiError(404, "There is no such download; /data lists every file.")


def _rows_target() -> str:
    """The /data page's form: pick a table, council and year; land on the filtered CSV."""
    args = p.single_values(request.args.to_dict(flat=False), ("table", *TABLE_PARAMS))
    table = args.pop("table", "marts.la_year")
    if table not in {f"{s}.{t}" for s, t in queries.tables()}:
        raise p.ApiError(404, "There is no such table; /data lists every table.")
    return table_href(table, **{k: v for k, v in args.items() if v})
