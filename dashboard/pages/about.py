"""About and method (`/about`): what each figure means and cannot mean, in plain English."""

from __future__ import annotations

import dash
from dash import html

from dashboard.views import about

dash.register_page(
    __name__,
    path="/about",
    name="About and method",
    title="About and method: Caseload Watch",
    order=4,
    menu=True,
)


def layout(**_query: object) -> html.Div:
    """No query; reads no release, so it draws before one is published."""
    return about.view()
