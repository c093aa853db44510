"""The year / cap form; its callback only navigates.

Choosing a year or a cap changes the address (`?year=&cap=`), and the page is drawn again from
it, so every view is shareable. The form applies on a button press (or Enter), not on every
change, so keyboard users are not moved mid-choice. The form offers the years and the named caps
of the release the page shows.
"""

from __future__ import annotations

from collections.abc import Mapping

from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboard.address import CUSTOM_RANGE, QueryError, cap_from_controls, search
from dashboard.components.radios import RadioGroup
from dashboard.reading import page_release
from warehouse.domain import CUSTOM_CAP_MAX, CUSTOM_CAP_MIN, Cap

CUSTOM = "custom"
MAP_MODES = [
    {"label": "Caseload", "value": "caseload"},
    {"label": "Distance from the cap", "value": "distance"},
]


def cap_options(named: Mapping[str, Cap]) -> list[dict[str, str]]:
    """The cap radio buttons: the release's named caps in its order, then Custom."""
    return [{"label": cap.label, "value": key} for key, cap in named.items()] + [
        {"label": "Custom", "value": CUSTOM}
    ]


def state_form(
    path: str,
    year: int,
    years: list[int],
    cap_key: str,
    named: Mapping[str, Cap],
    *,
    mode: str | None = None,
) -> html.Div:
    """The form for `path`: the release's years and named caps, and a custom cap."""
    custom = cap_key not in named
    children = [
        RadioGroup(
            "ctl-year", "Year (30 September)", [{"label": str(y), "value": y} for y in years], year,
            name="year", className="full-row",
        ),
        RadioGroup(
            "ctl-cap", "Caseload cap", cap_options(named), CUSTOM if custom else cap_key, name="cap",
            className="full-row",
            children=[
                html.Label(f"Custom cap ({CUSTOM_RANGE})", htmlFor="ctl-custom", className="inline-label"),
                dcc.Input(
                    id="ctl-custom",
                    type="number",
                    min=_whole(CUSTOM_CAP_MIN),
                    max=_whole(CUSTOM_CAP_MAX),
                    step=0.5,
                    value=float(cap_key) if custom else None,
                    className="custom-cap",
                ),
            ],
        ),
    ]
    if mode is not None:
        children.append(RadioGroup("ctl-mode", "Colour the map by", MAP_MODES, mode, name="map"))
    else:
        children.append(dcc.Store(id="ctl-mode", data=None))
    children += [
        # A submit button: Enter on any control of the form presses it (the browser's implicit
        # submission); assets/forms.js keeps the browser from loading the page again, the callback
        # below navigates instead.
        html.Button("Show", id="ctl-apply", type="submit", className="button primary"),
        html.P(id="ctl-error", role="alert", className="error"),
        # the release the page shows goes into every address the form writes (page_release.pin)
        dcc.Store(id="ctl-context", data={"path": path, "extra": page_release.pin()}),
    ]
    return html.Form(
        children,
        method="get",
        action=path,
        className="state-form",
        **{"aria-label": "Choose the year and the cap", "data-navigates": "dash"},
    )


def _whole(v: float) -> float | int:
    """5.0 as 5, so the input's min and max read as they are written."""
    return int(v) if v.is_integer() else v


def controls_href(
    context: dict | None,
    year: int | None,
    cap_choice: str | None,
    custom: object,
    mode: str | None,
    options: list[dict] | None = None,
) -> tuple[str | None, str]:
    """The address the form describes, or an error message to show. `options` are the cap radio
    buttons the form offered (the named caps of the release it was drawn from)."""
    context = context or {}
    named = [o["value"] for o in options or () if o["value"] != CUSTOM]
    try:
        cap = cap_from_controls(cap_choice, custom, named)
    except QueryError as exc:
        return None, str(exc)
    params = {"year": year, "cap": cap, **(context.get("extra") or {})}
    if mode and mode != "caseload":
        params["map"] = mode
    return search(context.get("path", "/"), **params), ""


def register(app: Dash) -> None:
    """Callbacks are registered per app (not module-level), so create_app() can run twice."""

    @app.callback(
        Output("nav", "href", allow_duplicate=True),
        Output("ctl-error", "children"),
        Input("ctl-apply", "n_clicks"),
        Input("ctl-custom", "n_submit"),
        State("ctl-context", "data"),
        State("ctl-year", "value"),
        State("ctl-cap", "value"),
        State("ctl-custom", "value"),
        State("ctl-mode", "value"),
        State("ctl-cap", "options"),
        prevent_initial_call=True,
    )
    def _apply(clicks, submits, context, year, cap_choice, custom, mode, options):
        if not (clicks or submits):  # a re-drawn page, not a press
            return no_update, no_update
        href, error = controls_href(context, year, cap_choice, custom, mode, options)
        return (href or no_update), error
