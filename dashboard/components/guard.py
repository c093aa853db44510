"""Every page layout runs inside `guarded`: bad input or no data gives a friendly page.

It also reads `release=` for the page (dashboard.reading.page_release): the layout draws from that
release and, when it is an older one, gets the notice on top; layouts never see `release`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

import dash

from dashboard.address import QueryError
from dashboard.components import shell
from dashboard.reading import page_release
from warehouse.read.snapshot import SnapshotUnavailable

log = logging.getLogger(__name__)


def guarded(fn: Callable[..., object] | None = None, *, releases: bool = True) -> Callable[..., object]:
    """`@guarded` for pages drawn from the warehouse; `@guarded(releases=False)` for pages that
    read no release (they then draw without a published warehouse)."""
    if fn is None:
        return lambda f: guarded(f, releases=releases)

    @wraps(fn)
    def layout(**query: object) -> object:
        try:
            if not releases:
                return fn(**query)
            with page_release.pinned(query) as view:
                page = fn(**{k: v for k, v in query.items() if k != "release"})
                path, rest = page_release.page_address(_template(fn), query)
                return page_release.with_notice(view, page, page_release.latest_href(path, rest))
        except QueryError as exc:
            return shell.message("We could not show that view", f"{exc} The address may have been mistyped.")
        except SnapshotUnavailable:
            return shell.message(
                "No figures published yet",
                "The warehouse has not been published yet. Run `caseload run`, then reload.",
                links=(),
            )
        except Exception:  # a page must never show a traceback
            log.exception("page failed for query %r", {k: str(v)[:80] for k, v in query.items()})
            return shell.message(
                "Something went wrong",
                "This page could not be drawn. Please try again, or start from the overview.",
            )

    return layout


def _template(fn: Callable[..., object]) -> str:
    """The page's registered path (template), e.g. `/council/<code>`; `/` if it is not a page."""
    page = dash.page_registry.get(fn.__module__) or {}
    return str(page.get("path_template") or page.get("path") or "/")
