"""Every page layout runs inside `guarded`: bad input or no data gives a friendly page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

from dashboard.components import shell
from dashboard.state import QueryError
from warehouse.snapshot import SnapshotUnavailable

log = logging.getLogger(__name__)


def guarded(fn: Callable[..., object]) -> Callable[..., object]:
    @wraps(fn)
    def layout(**query: object) -> object:
        try:
            return fn(**query)
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
