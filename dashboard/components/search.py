"""Finding a council by a typed name: the header's search box, and "Add a council" on Compare.

A name (council, district or town) becomes the address of its council; the callbacks only
navigate there or list the matches. The matching is a plain function of the search index
(marts.council_search of the served release), tested without a browser.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboard.address import MAX_COMPARE, search
from dashboard.reading import queries


def search_box(names: list[str]) -> html.Div:
    """The header's "Find a council or a town", with every searchable name offered as you type."""
    return html.Div(
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
            html.Datalist(id="council-names", children=[html.Option(value=n) for n in names]),
            html.Div(id="search-results", role="status", **{"aria-live": "polite"}),
        ],
    )


def resolve_search(text: str | None, index: list[dict]) -> tuple[str | None, list[dict]]:
    """A typed name -> (address of the one council it means, or None; the matches to list).

    Exact names (council or district) win; otherwise every council whose name or
    district contains the text, at most ten.
    """
    needle = (text or "").strip().lower()
    if not needle:
        return None, []
    exact = {r["slug"]: r for r in index if r["search_term"].lower() == needle}
    if len(exact) == 1:
        return f"/council/{next(iter(exact))}", []
    found: dict[str, dict] = dict(exact)
    for r in index:
        if needle in r["search_term"].lower() and len(found) < 10:
            found.setdefault(r["slug"], r)
    if len(found) == 1:
        return f"/council/{next(iter(found))}", []
    return None, list(found.values())


def search_results(matches: list[dict], text: str) -> list:
    if not text.strip():
        return [html.P("Type a council or town name, then press Find.")]
    if not matches:
        return [
            html.P("No council or town in England matches that name. Try part of a name, such as 'York'.")
        ]
    return [
        html.P(f"{len(matches)} councils match:"),
        html.Ul(
            [
                html.Li(dcc.Link(f"{m['la_name']} ({m['region_name']})", href=f"/council/{m['slug']}"))
                for m in matches
            ]
        ),
    ]


def compare_href(context: dict | None, text: str | None, index: list[dict]) -> tuple[str | None, str]:
    """The compare address with one more council, or a message saying why not."""
    context = context or {}
    codes = list(context.get("codes") or [])
    if not (text or "").strip():
        return None, ""
    href, matches = resolve_search(text, index)
    if href is None:
        return None, (
            "Several councils match: type more of the name."
            if matches
            else "No council or town matches that name."
        )
    slug = href.rsplit("/", 1)[1]
    code = next(r["la_code"] for r in index if r["slug"] == slug)
    if code in codes:
        return None, "That council is already chosen."
    if len(codes) >= MAX_COMPARE:
        return None, f"Compare up to {MAX_COMPARE} councils at a time."
    return search(
        "/compare",
        councils=",".join([*codes, code]),
        year=context.get("year"),
        cap=context.get("cap"),
        release=context.get("release"),
    ), ""


def search_answer(text: str | None, index: list[dict]) -> tuple[str | None, list | None]:
    """What the search box does with a typed name: (the council's address, no list) when it means
    one council, else (no address, the list of matches or a hint)."""
    href, matches = resolve_search(text, index)
    if href:
        return href, []
    return None, search_results(matches, text or "")


def register(app: Dash) -> None:
    """Callbacks are registered per app (not module-level), so create_app() can run twice."""

    @app.callback(
        Output("nav", "href", allow_duplicate=True),
        Output("search-results", "children"),
        Input("search-go", "n_clicks"),
        Input("search-input", "n_submit"),
        State("search-input", "value"),
        prevent_initial_call=True,
    )
    def _search(clicks, submits, text):
        if not (clicks or submits):  # a re-drawn page, not a press
            return no_update, no_update
        href, results = search_answer(text, queries.search_index().to_dicts())
        return (href or no_update), results

    @app.callback(
        Output("nav", "href", allow_duplicate=True),
        Output("compare-error", "children"),
        Input("compare-add", "n_clicks"),
        Input("compare-input", "n_submit"),
        State("compare-context", "data"),
        State("compare-input", "value"),
        prevent_initial_call=True,
    )
    def _compare_add(clicks, submits, context, text):
        if not (clicks or submits):
            return no_update, no_update
        href, error = compare_href(context, text, queries.search_index().to_dicts())
        return (href or no_update), error
