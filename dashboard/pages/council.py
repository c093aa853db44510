"""Council profile (`/council/<code or slug>`): where one council stands, over time and now."""

from __future__ import annotations

import dash
from dash import html

from dashboard.address import parse_state
from dashboard.components.guard import guarded
from dashboard.reading import queries
from dashboard.views import council

dash.register_page(
    __name__, path_template="/council/<code>", name="Council profile", title="Council profile: Caseload Watch"
)


@guarded
def layout(code: str | None = None, **query: object) -> html.Div:
    """`/council/<code or slug>?year=&cap=`, and the charts' `limits=`, `model=`, `statistic=`."""
    found = council.find(code)
    if found is None:
        return council.not_found()
    state = parse_state(council.opening_query(found, query), queries.years(), queries.cap_scenarios())
    return council.view(found, state, query)
