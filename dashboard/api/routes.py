"""Read-only /api/v1 endpoints. Each reads one release through one cursor (dashboard.reading.releases).

Handlers parse every parameter strictly (dashboard.api.params), ask warehouse.read.tables for
rows (bound parameters only) and answer JSON or CSV with ETag, Cache-Control and the release id.
"""

from __future__ import annotations

from urllib.parse import urlencode

import polars as pl
from flask import Response, request

from dashboard.api import http
from dashboard.api import params as p
from dashboard.downloads import release_zip
from dashboard.reading import queries
from dashboard.reading.releases import Opened, kept_releases, open_release
from warehouse.read import releases
from warehouse.read import site as q
from warehouse.read import tables as aq

LIST_PARAMS = ("release", "format", "limit", "offset")


def _args(allowed: tuple[str, ...]) -> dict[str, str]:
    return p.single_values(request.args.to_dict(flat=False), allowed)


def _release(args: dict[str, str]) -> str | None:
    return p.release(args.get("release"), releases.release_ids(queries.settings().releases_dir))


def _revalidate(opened: Opened) -> tuple[str, Response | None]:
    """This answer's ETag, and a 304 when the reader already holds it (checked before any query)."""
    etag = http.etag_for(opened.release_id)
    return etag, http.not_modified(etag, opened.release_id, opened.pinned)


def _envelope(opened: Opened, page: aq.Page | None, df: pl.DataFrame, limit: int | None, offset: int) -> dict:
    """Rows plus the release, a citation and paging links."""
    nxt = None
    if page is not None and limit is not None and offset + limit < page.total:
        query = {**request.args.to_dict(), "offset": offset + limit, "limit": limit}
        nxt = f"{request.path}?{urlencode(query)}"
    return {
        "release": {"id": opened.release_id, "built_at": opened.built_at},
        "citation": release_zip.citation(opened.release_id, opened.built_at),
        "total": page.total if page is not None else df.height,
        "limit": limit,
        "offset": offset,
        "next": nxt,
        "columns": df.columns,
        "data": df.with_columns(pl.col(pl.Float64).fill_nan(None)).to_dicts(),
    }


def _answer(opened: Opened, etag: str, df: pl.DataFrame, fmt: str, stem: str,
            page: aq.Page | None = None, limit: int | None = None, offset: int = 0) -> Response:
    if fmt == "csv":
        name = f"{release_zip.SITE.lower().replace(' ', '-')}_{opened.release_id}_{stem}.csv"
        resp = http.csv_body(df, name)
        resp.headers["X-Total-Count"] = str(page.total if page else df.height)
    else:
        resp = http.json_body(_envelope(opened, page, df, limit, offset))
    if page is not None and limit is not None and offset + limit < page.total:
        query = {**request.args.to_dict(), "offset": offset + limit, "limit": limit}
        resp.headers["Link"] = f'<{request.path}?{urlencode(query)}>; rel="next"'
    return http.finish(resp, etag, opened.release_id, opened.pinned)


def la_year() -> Response:
    """Councils by year, filtered; with `cap`, each council against that cap (marts.la_year_cap)."""
    args = _args(("year", "region", "council", "cap", *LIST_PARAMS))
    fmt, limit, offset = p.fmt(args.get("format")), p.limit(args.get("limit")), p.offset(args.get("offset"))
    with open_release(_release(args)) as opened:
        etag, cached = _revalidate(opened)
        if cached is not None:
            return cached
        cur = opened.cursor
        filters = {
            "year": p.year(args.get("year"), aq.years(cur)),
            "region": p.region(args.get("region"), aq.regions(cur)),
            "council": p.council(args.get("council"), lambda key: aq.council_code(cur, key)),
        }
        cap = p.cap(args.get("cap"), queries.named_caps_in(cur))
        if cap is None:
            page = aq.filtered(cur, "marts", "la_year", filters, limit, offset)
        elif isinstance(cap, str):
            page = aq.filtered(cur, "marts", "la_year_cap", {**filters, "cap": cap}, limit, offset)
        else:
            page = aq.custom_cap(cur, cap, filters, limit, offset)
        return _answer(opened, etag, page.rows, fmt, "la-year", page, limit, offset)


def councils() -> Response:
    args = _args(("region", "release", "format"))
    fmt = p.fmt(args.get("format"))
    with open_release(_release(args)) as opened:
        etag, cached = _revalidate(opened)
        if cached is not None:
            return cached
        region = p.region(args.get("region"), aq.regions(opened.cursor))
        page = aq.filtered(opened.cursor, "marts", "dim_la", {"region": region})
        return _answer(opened, etag, page.rows, fmt, "councils", page)


def council(key: str) -> Response:
    """One council (GSS code, any of its codes, a member code, or slug) and every year of its series."""
    args = _args(("release", "format"))
    fmt = p.fmt(args.get("format"))
    p.council_key(key)
    with open_release(_release(args)) as opened:
        etag, cached = _revalidate(opened)
        if cached is not None:
            return cached
        row = q.council(opened.cursor, key)
        if row is None:
            raise p.ApiError(404, "No council has that code or name; /api/v1/councils lists them all.")
        years = aq.filtered(opened.cursor, "marts", "la_year", {"council": row["series_code"]})
        if fmt == "csv":
            return _answer(opened, etag, years.rows, fmt, f"council-{row['la_code']}", years)
        body = _envelope(opened, years, years.rows, None, 0)
        body["council"] = row
        return http.finish(http.json_body(body), etag, opened.release_id, opened.pinned)


def caps() -> Response:
    args = _args(("release", "format"))
    fmt = p.fmt(args.get("format"))
    with open_release(_release(args)) as opened:
        etag, cached = _revalidate(opened)
        if cached is not None:
            return cached
        page = aq.filtered(opened.cursor, "marts", "caps", {})
        return _answer(opened, etag, page.rows, fmt, "caps", page)


def regions() -> Response:
    args = _args(("release", "format"))
    fmt = p.fmt(args.get("format"))
    with open_release(_release(args)) as opened:
        etag, cached = _revalidate(opened)
        if cached is not None:
            return cached
        items = aq.regions(opened.cursor)
        df = pl.DataFrame({"region_code": list(items), "region_name": list(items.values())})
        return _answer(opened, etag, df, fmt, "regions")


def release_list() -> Response:
    """Every kept release, newest first, with what changed; and the one served now."""
    _args(())
    with open_release(None) as opened:
        body = {
            "current": opened.release_id,
            "releases": [
                {**e, "download": f"/download/caseload-watch.zip?release={e['release_id']}"}
                for e in kept_releases()
            ],
        }
        resp = http.json_body(body)
        resp.headers["Cache-Control"] = f"public, max-age={http.CURRENT_MAX_AGE}"
        resp.headers[http.RELEASE_HEADER] = opened.release_id
        return resp


NEXT_UPDATE_FIELDS = {"next_update": "text", "next_update_date": "date",
                      "next_update_basis": "source", "next_update_checked_at": "checked_at"}


def source_entry(row: dict) -> dict:
    """One source of the release, its next update gathered as one object: what the publisher
    announced (`text`, and `date` when it named a day) and where that came from (`source`)."""
    entry = {k: v for k, v in row.items() if k not in NEXT_UPDATE_FIELDS}
    entry["next_update"] = {name: row.get(column) for column, name in NEXT_UPDATE_FIELDS.items()}
    return entry


def release_info() -> Response:
    """The served release: id, build time and every source's vintage, fetch time and sha256,
    all read through one cursor (the rebuild test checks they belong together)."""
    args = _args(("release",))
    with open_release(_release(args)) as opened:
        etag = http.etag_for(opened.release_id)
        sources = [source_entry(row) for row in aq.release_sources(opened.cursor).to_dicts()]
        vintages = aq.vintages(opened.cursor).to_dicts()
        body = {"release": {"id": opened.release_id, "built_at": opened.built_at},
                "citation": release_zip.citation(opened.release_id, opened.built_at),
                "sources": sources, "vintages": vintages}
        return http.finish(http.json_body(body), etag, opened.release_id, opened.pinned)
