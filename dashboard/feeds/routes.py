"""The feeds' routes: /feeds/releases.atom and /feeds/council/<key>.atom, and the head links.

A feed is a function of the kept releases, and a new release is always the served one, so each
answer carries the served release's ETag and Cache-Control like the site's other answers of the
latest release (dashboard.api.http): minutes, revalidated with If-None-Match. What changed comes
from warehouse.read.feeds (cached per pair of release files); a council key is resolved as the
council pages resolve it (dashboard.views.council.find: code, slug or a joint return's member code).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import quote

from flask import Flask, Response, request

from dashboard import feeds
from dashboard.api import http
from dashboard.feeds import atom
from dashboard.reading import queries
from dashboard.reading.releases import open_release
from dashboard.views import council as council_view
from warehouse.read import feeds as changes
from warehouse.read.snapshot import SnapshotUnavailable

UNKNOWN_COUNCIL = "No council in England has that name or code in the published figures."
_COUNCIL_PATH = re.compile(r"^/council/([^/]+)/?$")


def _base() -> str:
    return request.host_url.rstrip("/")


def _answer(body: bytes, etag: str, release_id: str) -> Response:
    return http.finish(Response(body, content_type=atom.MEDIA_TYPE), etag, release_id, False)


def releases_feed() -> Response:
    """One entry per kept release, newest first: what changed since the release before."""
    with open_release(None) as opened:
        etag = http.etag_for(opened.release_id)
        if (cached := http.not_modified(etag, opened.release_id, False)) is not None:
            return cached
        base = _base()
        entries = [
            atom.Entry(
                id=atom.tag("release", e.release_id),
                title=f"Release {e.release_id}" + (f", built {e.built_at.day} {e.built_at:%B %Y}"
                                                  if e.built_at else ""),
                updated=e.built_at,
                link=f"{base}/?release={quote(e.release_id)}",
                lines=e.sentences,
            )
            for e in changes.entries(queries.settings().releases_dir)
        ]
        body = atom.feed(
            feed_id=atom.tag("releases"), title=feeds.RELEASES_TITLE,
            subtitle="Each release of children's social work caseloads in England, and what changed in it.",
            self_href=base + feeds.RELEASES_PATH, alternate_href=f"{base}/data",
            updated=opened.built_at, entries=entries,
        )
        return _answer(body, etag, opened.release_id)


def council_feed(key: str) -> Response:
    """One entry per kept release that changed this council's figures (none for the first kept)."""
    from dashboard.server.security import error_response

    found = council_view.find(key)
    if found is None:
        return error_response(404, UNKNOWN_COUNCIL)
    with open_release(None) as opened:
        etag = http.etag_for(opened.release_id)
        if (cached := http.not_modified(etag, opened.release_id, False)) is not None:
            return cached
        base, slug, series = _base(), found["slug"], found["series_code"]
        page = f"{base}/council/{quote(slug)}"
        entries = [
            atom.Entry(
                id=atom.tag("council", _tag_safe(series), "release", e.release_id),
                title=f"{found['la_name']}: figures changed in release {e.release_id}",
                updated=e.built_at,
                link=f"{page}?release={quote(e.release_id)}",
                lines=e.councils[series].lines,
            )
            for e in changes.entries(queries.settings().releases_dir)
            if series in e.councils
        ]
        body = atom.feed(
            feed_id=atom.tag("council", _tag_safe(series)), title=feeds.council_title(found["la_name"]),
            subtitle=f"Each release that added, revised or suppressed {found['la_name']}'s figures.",
            self_href=base + feeds.council_path(quote(slug)), alternate_href=page,
            updated=opened.built_at, entries=entries,
        )
        return _answer(body, etag, opened.release_id)


def _tag_safe(code: str) -> str:
    """A joint return's series `E06000061 / E06000062` as `E06000061+E06000062` (no spaces in a URI)."""
    return re.sub(r"[^A-Za-z0-9]+", "+", code)


def _guard(fn: Callable[..., Response]) -> Callable[..., Response]:
    """No release yet: the site's 503 page (security.error_response), never a traceback."""
    from dashboard.server.security import error_response

    def view(**kwargs: str) -> Response:
        try:
            return fn(**kwargs)
        except SnapshotUnavailable:
            return error_response(503, "No release has been published yet.")

    view.__name__ = fn.__name__
    return view


def register(server: Flask) -> None:
    server.add_url_rule(feeds.RELEASES_PATH, "feeds_releases", _guard(releases_feed), methods=["GET"])
    server.add_url_rule("/feeds/council/<key>.atom", "feeds_council", _guard(council_feed), methods=["GET"])


def head_links(path: str) -> str:
    """The <link rel="alternate"> tags for a page's head: the releases feed on every page, and on
    a council's page its own feed."""
    links = [(feeds.RELEASES_TITLE, feeds.RELEASES_PATH)]
    match = _COUNCIL_PATH.match(path)
    if match:
        try:
            found = council_view.find(match.group(1))
        except SnapshotUnavailable:
            found = None
        if found is not None:
            links.append((feeds.council_title(found["la_name"]), feeds.council_path(quote(found["slug"]))))
    return "".join(
        f'<link rel="alternate" type="application/atom+xml" title="{html.escape(title)}" '
        f'href="{html.escape(href)}">'
        for title, href in links
    )
