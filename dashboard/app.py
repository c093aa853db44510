"""The Dash app factory, `create_app(settings)`, and `server` for WSGI servers: the one place the
site's parts are put together.

The factory (and `caseload serve`, which calls it) is the only code in the site that reads the
environment; everything else is given its settings. The site reads only the published snapshot,
read-only (warehouse.read.snapshot). The shell is a function, so each page load sees the current
release.
"""

from __future__ import annotations

from pathlib import Path

import dash
import flask
from dash import ClientsideFunction, Dash, Input, Output, dcc, html

from dashboard import api
from dashboard.components import chart, controls, search, shell
from dashboard.feeds import routes as feeds
from dashboard.reading import queries
from dashboard.server import security
from dashboard.submit import page as submit_page
from dashboard.views import next_update
from warehouse.config import Settings
from warehouse.read.snapshot import SnapshotUnavailable

HERE = Path(__file__).parent

# Dash's page, less its <footer> around the scripts: that made a second contentinfo landmark on
# every page beside the site's own footer.
INDEX = """<!DOCTYPE html>
<html lang="en-GB">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>
"""


def _shell() -> html.Div:
    """The frame around every page: the menu, the search box (every searchable name), the footer
    (when the latest release was built), and the stores the callbacks navigate through."""
    try:
        names = sorted(set(queries.search_index()["search_term"].to_list()))
        release = queries.release()
        built, latest = release.get("built_at"), release.get("release_id")
        built_text = f"{built:%d %B %Y, %H:%M} UTC" if built else None
        expected = next_update.sentence(queries.sources())
    except SnapshotUnavailable:
        names, built_text, latest, expected = [], None, None, None
    return html.Div(
        [
            dcc.Location(id="nav", refresh="callback-nav"),
            # The chart switches' address writer: pins an unpinned address to this (latest) release.
            dcc.Store(id="switch-address", data=latest),
            dcc.Store(id="page-focus"),  # assets/focus_heading.js: the h1 after a navigation
            shell.header(names),
            html.Main(dash.page_container, id="main", tabIndex="-1"),
            shell.footer(built_text, expected),
        ]
    )


def create_app(settings: Settings | None = None) -> Dash:
    """A new app reading the release `settings` names (from the environment when not given); it can
    run more than once in a process, because pages and callbacks are registered per app."""
    settings_ = settings or Settings.from_env()
    queries.configure(settings_)
    app = Dash(
        __package__,
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        title="Caseload Watch",
        suppress_callback_exceptions=True,
        serve_locally=True,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {
                "name": "description",
                "content": "Children's social worker caseloads in England, "
                "council by council, against proposed caps.",
            },
        ],
    )
    app.layout = _shell
    app.index_string = INDEX
    chart.register(app)  # download, table and switch of every chart
    controls.register(app)  # the year / cap form
    search.register(app)  # the header's search and compare's "Add"
    # After a navigation, focus moves to the new page's h1 (assets/focus_heading.js).
    app.clientside_callback(
        ClientsideFunction(namespace="caseload", function_name="focusHeading"),
        Output("page-focus", "data"),
        Input("_pages_content", "children"),
        prevent_initial_call=True,
    )
    api.register(app.server)  # /api/v1, and /download: the tables, the zip, the templates
    feeds.register(app.server)  # /feeds/releases.atom, /feeds/council/<key>.atom
    submit_page.register(app.server, settings_)  # /submit: a council's file with its token, for people
    _with_feed_links(app)
    security.install(app, settings_)
    return app


def _with_feed_links(app: Dash) -> None:
    """Every page's head links the releases feed, and a council's page its own feed too (the head is
    written per address: feed readers look for these links in the HTML the server sends)."""
    interpolate = app.interpolate_index

    def with_links(**kwargs: str) -> str:
        page = interpolate(**kwargs)
        return page.replace("</head>", feeds.head_links(flask.request.path) + "</head>", 1)

    app.interpolate_index = with_links


def __getattr__(name: str) -> object:
    """`dashboard.app:server` for WSGI servers, built on first use (not at import)."""
    if name == "server":
        return create_app().server
    raise AttributeError(name)
