"""Overview (`/`): England against a cap; every council on a map, ranked, and their spread."""

from __future__ import annotations

import dash
from dash import html

from dashboard.address import parse_map_mode, parse_state
from dashboard.components.guard import guarded
from dashboard.reading import queries
from dashboard.views import overview

dash.register_page(
    __name__,
    path="/",
    name="Overview",
    title="Caseload Watch: England overview",
    description="Children's social worker caseloads in every English council against a cap.",
    order=0,
    menu=True,
)


@guarded
def layout(**query: object) -> html.Div:
    """`?year=&cap=` against this release's years and named caps; `?map=caseload|distance`."""
    state = parse_state(query, queries.years(), queries.cap_scenarios())
    return overview.view(state, parse_map_mode(query.get("map")))
