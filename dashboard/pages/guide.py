"""The submission guide (`/guide`): every template column explained with an example."""

from __future__ import annotations

import dash
from dash import html

from dashboard.views import guide

dash.register_page(
    __name__, path="/guide", name="Submission guide", title="Submission guide for councils: Caseload Watch"
)


def layout(**_query: object) -> html.Div:
    """No query; reads no release."""
    return guide.view()
