"""Header, navigation, footer and friendly messages, shared by every page."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard.components.search import search_box


def menu() -> list[tuple[str, str]]:
    """(address, name) of every page registered with `menu=True`, in its `order` (Dash keeps
    `dash.page_registry` sorted by it): the header's menu follows the pages, never a list of its own."""
    return [(p["relative_path"], p["name"]) for p in dash.page_registry.values() if p.get("menu")]


def header(search_names: list[str]) -> html.Header:
    """Skip link, brand, the menu and the search box; `search_names` are offered as you type."""
    return html.Header(
        className="site-header",
        children=[
            html.A("Skip to main content", href="#main", className="skip-link"),
            html.Div(
                className="header-inner",
                children=[
                    dcc.Link("Caseload Watch", href="/", className="brand"),
                    html.Nav(
                        html.Ul([html.Li(dcc.Link(label, href=href)) for href, label in menu()]),
                        **{"aria-label": "Main"},
                    ),
                ],
            ),
            search_box(search_names),
        ],
    )


def footer(built_at: str | None, next_update: str | None = None) -> html.Footer:
    """Sources and licence, when the latest release was built and when the next is expected."""
    # The shell is the same for every address (and cached per release), so it names the latest
    # release; a page pinned to an older one says so in its own notice.
    built = f"Latest release built {built_at}." if built_at else "No release has been published yet."
    return html.Footer(
        className="site-footer",
        children=[
            html.P(
                [
                    "Source: Department for Education, Children's social work workforce "
                    "statistics; ONS population "
                    "estimates; Ofsted. Contains public sector information licensed under the "
                    "Open Government "
                    "Licence v3.0. Hex map layout: Open Innovations. ",
                    built,
                ]
            ),
            html.P(next_update, id="next-update") if next_update else None,
            html.P(
                [
                    dcc.Link("Data and downloads", href="/data"),
                    " · ",
                    dcc.Link("About and method", href="/about"),
                    " · ",
                    dcc.Link("Accessibility", href="/accessibility", id="footer-accessibility"),
                ]
            ),
        ],
    )


def message(
    title: str, text: str, *, links: tuple[tuple[str, str], ...] = (("/", "Go to the overview"),)
) -> html.Div:
    """A friendly page for a bad address or missing data (never a traceback, never the raw input)."""
    return html.Div(
        className="message",
        children=[
            html.H1(title, tabIndex="-1"),
            html.P(text),
            html.Ul([html.Li(dcc.Link(label, href=href)) for href, label in links]),
        ],
    )


def headline(label: str, value: str, note: str = "") -> html.Div:
    """One of the overview's headline figures: the value large, what it counts, a note."""
    return html.Div(
        className="headline",
        children=[
            html.P(value, className="headline-value"),
            html.P(label, className="headline-label"),
            html.P(note, className="headline-note") if note else None,
        ],
    )
