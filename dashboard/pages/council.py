"""Council profile (`/council/<code or slug>`): where one council stands, over time and now."""

from __future__ import annotations

import dash
import polars as pl
from dash import dcc, html

from dashboard import data, figures, profile, shaping
from dashboard.components import shell
from dashboard.components.chart import chart_block
from dashboard.components.controls import state_form
from dashboard.components.guard import guarded
from dashboard.state import CODE_RE, parse_state

dash.register_page(
    __name__, path_template="/council/<code>", name="Council profile", title="Council profile: Caseload Watch"
)


@guarded
def layout(code: str | None = None, **query: object) -> html.Div:
    code = (code or "").strip()
    council = data.council(code) if code and CODE_RE.match(code) else None
    if council is None:
        return shell.message(
            "We could not find that council",
            "No council in England has that name or code in the published figures. Use the "
            "search box above to find a council by its name or a town in it.",
            links=(("/", "Go to the overview"), ("/compare", "Compare councils")),
        )
    years = data.years()
    if not council["is_current"] and not query.get("year"):
        query = {**query, "year": str(council["last_year"])}  # a former council opens on its last year
    state = parse_state(query, years)
    year, cap = state.year, state.cap
    cap_label = f"{cap.threshold:g}"
    name, series = council["la_name"], council["series_code"]
    history = data.council_history(series)
    caps = data.council_caps(year, cap)
    cap_row = shaping.one_row(caps, series_code=series)
    positions = data.optional("la_year_position")
    own_positions = positions.filter(pl.col("series_code") == series) if positions is not None else None
    position = shaping.one_row(own_positions, year=year)
    funnel_pts = data.optional("la_year_funnel")
    funnel_row = shaping.one_row(funnel_pts, la_code=cap_row["la_code"], year=year) if cap_row else None
    context_df = data.optional("la_year_context")
    context = (
        shaping.one_row(context_df.filter(pl.col("series_code") == series), year=year)
        if context_df is not None
        else None
    )
    revisions = data.optional("revisions")
    own_revisions = revisions.filter(pl.col("series_code") == series) if revisions is not None else None
    trend = profile.trend_frame(history, data.area_year(), own_positions, name, council["region_code"])
    pts, limits = shaping.funnel_frames(funnel_pts, data.optional("funnel_curve"), year)
    england = shaping.england_value(data.area_year(year))
    src = shaping.one_row(data.sources(), source_id="workforce")
    first, last = (history["year"].min(), history["year"].max()) if history.height else (year, year)
    return html.Div(
        [
            html.P(dcc.Link("← Overview", href=f"/?year={year}&cap={state.cap_key}")),
            html.H1(name, tabIndex="-1"),
            html.P(
                f"{council['la_type']} in {council['region_name']}. Code {council['la_code']}."
                + (
                    ""
                    if council["is_current"]
                    else f" This council no longer exists; its figures end in {council['last_year']}."
                )
            ),
            state_form(f"/council/{council['slug']}", year, years, state.cap_key),
            html.Section(
                [
                    html.H2(f"Where {name} stands in {year}"),
                    html.Ul(
                        [
                            html.Li([html.Strong(f"{k}: "), v])
                            for k, v in profile.facts(year, cap.label, cap_row, position, funnel_row)
                        ],
                        className="facts",
                    ),
                ]
            ),
            chart_block(
                "council-trend",
                "Caseload over time",
                figures.trend_lines(trend, cap.threshold, cap_label, name),
                trend,
                summary=f"Line chart of {name}'s average caseload from {first} to {last}, with "
                "England, its region "
                f"and its statistical neighbours' mean; the dashed line is the cap of {cap_label}.",
                columns={"name": "Series", "year": "Year", "value": "Caseload", "status": "Status"},
                filename=f"{council['slug']}-caseload-trend",
            ),
            chart_block(
                "council-funnel",
                f"Funnel plot, {year}",
                figures.funnel(pts, limits, england, name),
                pts,
                summary=f"Funnel plot: each council's caseload against its number of case-holding "
                "social workers "
                f"in {year}, with limits within which a council would fall by chance; {name} is the star.",
                intro="Small councils vary more by chance. A council outside the limits differs "
                "from England by "
                "more than its size explains.",
                columns={
                    "la_name": "Council",
                    "case_holders_fte": "Social workers (FTE)",
                    "caseload_fte": "Caseload",
                    "funnel_position": "Position",
                },
                filename=f"funnel-{year}",
            ),
            html.Section(
                [
                    html.H2("Context"),
                    html.Ul(
                        [html.Li([html.Strong(f"{k}: "), v]) for k, v in profile.context_rows(context)],
                        className="facts",
                    ),
                ]
            ),
            html.Section([html.H2("From the council's own submission"), _submission(cap_row)]),
            html.Section(
                [
                    html.H2("Caveats"),
                    html.Ul(
                        [html.Li(c) for c in profile.caveats(council, history, own_revisions)],
                        className="caveats",
                    ),
                ]
            ),
            html.Section(
                [
                    html.H2("Cite these figures"),
                    html.P(profile.citation(name, src, data.release(), (first, last)), className="citation"),
                ]
            ),
        ]
    )


def _submission(cap_row: dict | None) -> html.P:
    rate = cap_row.get("worker_breach_rate") if cap_row else None
    if rate is None:
        return html.P(
            [
                "No worker-level submission from this council yet: the published figures are averages. "
                "Councils can send one using the template on ",
                dcc.Link("the data page", href="/data"),
                ".",
            ]
        )
    return html.P(
        f"{rate:.0f}% of social workers hold more cases than the cap "
        f"({cap_row.get('worker_breach_rate_source') or 'council submission'})."
    )
