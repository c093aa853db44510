"""Header, navigation, footer and friendly messages, shared by every page."""

from __future__ import annotations

from dash import dcc, html

NAV = (
    ("/", "Overview"),
    ("/compare", "Compare"),
    ("/trends", "Trends"),
    ("/data", "Data and downloads"),
    ("/about", "About and method"),
)


def header(search_names: list[str]) -> html.Header:
    return html.Header(
        className="site-header",
        children=[
            html.A("Skip to main content", href="#main", className="skip-link"),
            html.Div(
                className="header-inner",
                children=[
                    dcc.Link("Caseload Watch", href="/", className="brand"),
                    html.Nav(
                        html.Ul([html.Li(dcc.Link(label, href=href)) for href, label in NAV]),
                        **{"aria-label": "Main"},
                    ),
                ],
            ),
            html.Div(
                className="search-form",
                role="search",
                id="search-form",
                children=[
                    html.Label("Find a council or a town", htmlFor="search-input"),
                    html.Div(
                        className="search-row",
                        children=[
                            dcc.Input(
                                id="search-input",
                                type="search",
                                list="council-names",
                                debounce=False,
                                autoComplete="off",
                                placeholder="e.g. Leeds, Harrogate, Camden",
                            ),
                            html.Button("Find", id="search-go", type="button", className="button"),
                        ],
                    ),
                    html.Datalist(id="council-names", children=[html.Option(value=n) for n in search_names]),
                    html.Div(id="search-results", role="status", **{"aria-live": "polite"}),
                ],
            ),
        ],
    )


def footer(built_at: str | None) -> html.Footer:
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
            html.P(
                [
                    dcc.Link("Data and downloads", href="/data"),
                    " · ",
                    dcc.Link("About and method", href="/about"),
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
    return html.Div(
        className="headline",
        children=[
            html.P(value, className="headline-value"),
            html.P(label, className="headline-label"),
            html.P(note, className="headline-note") if note else None,
        ],
    )
