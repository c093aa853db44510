"""Data and downloads (`/data`): the whole release, the rows behind a figure, what changed, every table."""

from __future__ import annotations

import dash
from dash import html

from dashboard.components.guard import guarded
from dashboard.views import data_page

dash.register_page(
    __name__,
    path="/data",
    name="Data and downloads",
    title="Data and downloads: Caseload Watch",
    order=3,
    menu=True,
)


@guarded
def layout(**_query: object) -> html.Div:
    """No query of its own; `?release=` (read by `guarded`) shows a kept release."""
    return data_page.view()
