"""Trends (`/trends`): England and regions over time, the size of the lottery, the digest, the funnel."""

from __future__ import annotations

import dash
from dash import html

from dashboard.address import parse_state
from dashboard.components.guard import guarded
from dashboard.reading import queries
from dashboard.views import trends

dash.register_page(
    __name__, path="/trends", name="Trends", title="Trends: Caseload Watch", order=2, menu=True
)


@guarded
def layout(**query: object) -> html.Div:
    """`?year=&cap=` against this release's years and named caps; `?limits=` for the funnel."""
    return trends.view(parse_state(query, queries.years(), queries.cap_scenarios()), query)
