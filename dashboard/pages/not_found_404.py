"""The page for any address the site does not have."""

from __future__ import annotations

import dash
from dash import html

from dashboard.components import shell

dash.register_page(__name__, path="/404", title="Page not found: Caseload Watch")


def layout(**_query: object) -> html.Div:
    """Dash shows this module (its name ends not_found_404) for any path no page has."""
    return shell.message(
        "Page not found",
        "There is no page at this address. It may have been mistyped, or the page may have moved.",
        links=(("/", "Go to the overview"), ("/data", "Data and downloads")),
    )
