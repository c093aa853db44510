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
from dashboard.reading import page_release
from warehouse.domain import CUSTOM_CAP_MAX, CUSTOM_CAP_MIN, Cap

CUSTOM = "custom"


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
        html.Fieldset(
            [
                html.Legend("Year (30 September)"),
                dcc.RadioItems(
                    id="ctl-year",
                    options=[{"label": str(y), "value": y} for y in years],
                    value=year,
                    inline=True,
                    className="radio-row",
                ),
            ]
        ),
        html.Fieldset(
            [
                html.Legend("Caseload cap"),
                dcc.RadioItems(
                    id="ctl-cap",
                    options=cap_options(named),
                    value=CUSTOM if custom else cap_key,
                    inline=True,
                    className="radio-row",
                ),
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
            ]
        ),
    ]
    if mode is not None:
        children.append(
            html.Fieldset(
                [
                    html.Legend("Colour the map by"),
                    dcc.RadioItems(
                        id="ctl-mode",
                        value=mode,
                        inline=True,
                        className="radio-row",
                        options=[
                            {"label": "Caseload", "value": "caseload"},
                            {"label": "Distance from the cap", "value": "distance"},
                        ],
                    ),
                ]
            )
        )
    else:
        children.append(dcc.Store(id="ctl-mode", data=None))
    children += [
        html.Button("Show", id="ctl-apply", type="button", className="button primary"),
        html.P(id="ctl-error", role="alert", className="error"),
        # the release the page shows goes into every address the form writes (page_release.pin)
        dcc.Store(id="ctl-context", data={"path": path, "extra": page_release.pin()}),
    ]
    return html.Div(
        children, className="state-form", role="group", **{"aria-label": "Choose the year and the cap"}
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
