"""The API for people (`/api`): drawn from the same OpenAPI description the machines read."""

from __future__ import annotations

import dash
from dash import html

from dashboard.components.guard import guarded
from dashboard.views import api_docs

dash.register_page(__name__, path="/api", name="API", title="API: Caseload Watch")


@guarded(releases=False)
def layout(**_query: object) -> html.Div:
    """No query; reads no release, so it draws before one is published."""
    return api_docs.view()
