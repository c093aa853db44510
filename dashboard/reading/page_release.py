"""Pages on a kept release: `?release=<id>` pins the release a page reads; an older one says so.

Why: a shared link should show what the sharer saw, and a reader must never take an old release
for the latest. The id is checked strictly (its form, then the releases listing, through
dashboard.reading.releases.kept_snapshot, the one place an id becomes a snapshot); a bad one gives a
friendly message that never repeats it. Every address a page writes carries `release=` (always
pinned, see `pin`), and a link pinned to the latest release shows no notice.

The notice lives here, beside the pinning, so one module decides which release a page reads and
how the reader is told.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from dash import dcc, html

from dashboard.address import QueryError
from dashboard.reading import queries, releases
from warehouse.read.releases import RELEASE_ID_RE

BAD_RELEASE = "There is no release with that id. The data and downloads page lists the releases kept."
NOTICE_ID = "release-notice"
LATEST_LINK_ID = "release-latest-link"


@dataclass(frozen=True)
class ReleaseView:
    """The release a page shows, and the latest (served) one it is compared with."""

    release_id: str
    built_at: dt.datetime | None
    latest_id: str

    @property
    def is_latest(self) -> bool:
        return self.release_id == self.latest_id


_current: ContextVar[ReleaseView | None] = ContextVar("caseload_release_view", default=None)


def parse_release(raw: object) -> str | None:
    """None when absent; anything but one well-formed id is refused (the message never echoes it)."""
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str) or not RELEASE_ID_RE.fullmatch(raw):
        raise QueryError(BAD_RELEASE)
    return raw


@contextmanager
def pinned(query: Mapping[str, object]) -> Iterator[ReleaseView]:
    """Inside the block every `dashboard.reading.queries` read comes from the release the query names."""
    wanted = parse_release(query.get("release"))
    with queries.reading(None):
        latest_id = str(queries.release().get("release_id", "unknown"))
    snap = None
    if wanted is not None and wanted != latest_id:  # the latest is read from the served file
        try:
            snap = releases.kept_snapshot(wanted)
        except releases.UnknownRelease as exc:
            raise QueryError(BAD_RELEASE) from exc
    with queries.reading(snap):
        info = queries.release()
        view = ReleaseView(str(info.get("release_id", "unknown")), info.get("built_at"), latest_id)
        token = _current.set(view)
        try:
            yield view
        finally:
            _current.reset(token)


def current() -> ReleaseView | None:
    """The release the page being drawn shows (None outside a page)."""
    return _current.get()


def pin() -> dict[str, str]:
    """`{"release": id}` for the addresses a page writes, so a shared link keeps its release."""
    view = _current.get()
    return {"release": view.release_id} if view and RELEASE_ID_RE.fullmatch(view.release_id) else {}


def page_address(template: str, params: Mapping[str, object]) -> tuple[str, dict[str, object]]:
    """A page's path from its template (`/council/<code>`) and Dash's keyword arguments; the rest is
    the query string. Path values are percent-encoded, so the path stays on this site."""
    names = re.findall(r"<(\w+)>", template)
    path = template
    for name in names:
        path = path.replace(f"<{name}>", quote(str(params.get(name) or ""), safe=""))
    return path, {k: v for k, v in params.items() if k not in names}


def latest_href(path: str, query: Mapping[str, object]) -> str:
    """The same view on the latest release: the same path and query string without `release=`."""
    rest = {k: v for k, v in query.items() if k != "release" and v not in (None, "")}
    return f"{path}?{urlencode(rest, doseq=True)}" if rest else path


def built_text(built_at: dt.datetime | None) -> str:
    return f"{built_at:%d %B %Y at %H:%M} UTC" if built_at else "on an unknown date"


def notice(view: ReleaseView | None, href: str) -> html.Div | None:
    """The banner on a page showing an older release; None on the latest."""
    if view is None or view.is_latest:
        return None
    return html.Div(
        id=NOTICE_ID,
        className="release-notice",
        role="note",
        children=html.P(
            [
                "You are looking at release ",
                html.Code(view.release_id),
                f" built {built_text(view.built_at)}, not the latest. ",
                dcc.Link("See this view on the latest release", href=href, id=LATEST_LINK_ID),
            ]
        ),
    )


def with_notice(view: ReleaseView | None, page: object, href: str) -> object:
    """The page, with the notice on top when it shows an older release."""
    banner = notice(view, href)
    return page if banner is None else html.Div([banner, page])
