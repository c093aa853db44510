"""Compare (`/compare?councils=a,b`): two to six councils side by side, in a table and one chart."""

from __future__ import annotations

import dash
from dash import html

from dashboard.address import parse_councils, parse_state
from dashboard.components.guard import guarded
from dashboard.reading import queries
from dashboard.views import compare

dash.register_page(
    __name__, path="/compare", name="Compare", title="Compare councils: Caseload Watch", order=1, menu=True
)


@guarded
def layout(**query: object) -> html.Div:
    """`?councils=` (codes or slugs, comma-separated), `?year=&cap=` against this release's."""
    state = parse_state(query, queries.years(), queries.cap_scenarios())
    return compare.view(state, parse_councils(query.get("councils")))
