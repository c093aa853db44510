"""The accessibility statement (`/accessibility`): linked from every page's footer, not the menu."""

from __future__ import annotations

import dash
from dash import html

from dashboard.views import accessibility

# No `menu=True`: the header's menu is for the figures; the statement is in the footer of every page,
# where the GOV.UK guidance says readers look for it.
dash.register_page(
    __name__,
    path="/accessibility",
    name="Accessibility statement",
    title="Accessibility statement: Caseload Watch",
    description="How accessible Caseload Watch is, what is known not to work, and how it was tested.",
)


def layout(**_query: object) -> html.Div:
    """No query; reads no release, so it draws before one is published."""
    return accessibility.view()
