"""Check a submission file (`/submit/check`): anyone, no token; nothing is stored."""

from __future__ import annotations

import dash
from dash import html

from dashboard.components.guard import guarded
from dashboard.views import submit_check

dash.register_page(
    __name__, path="/submit/check", name="Check a file", title="Check a submission file: Caseload Watch"
)


@guarded(releases=False)
def layout(**_query: object) -> html.Div:
    """No query; reads no release, so it works before one is published."""
    return submit_check.view()
