"""Council profile (`/council/<code or slug>`): where one council stands, over time and now."""

from __future__ import annotations

import dash
import polars as pl
from dash import dcc, html

from dashboard import benchmarks, chart_switches, profile, shaping, submission
from dashboard.address import CODE_RE, parse_state, search
from dashboard.components import shell
from dashboard.components.benchmarks import benchmark_section
from dashboard.components.chart import chart_block, chosen
from dashboard.components.controls import state_form
from dashboard.components.guard import guarded
from dashboard.components.notes import figure_note
from dashboard.components.submission import submission_section
from dashboard.downloads import table_href
from dashboard.reading import queries
from dashboard.reading.page_release import pin

dash.register_page(
    __name__, path_template="/council/<code>", name="Council profile", title="Council profile: Caseload Watch"
)


@guarded
def layout(code: str | None = None, **query: object) -> html.Div:
    code = (code or "").strip()
    council = queries.council(code) if code and CODE_RE.match(code) else None
    if council is None:
        return shell.message(
            "We could not find that council",
            "No council in England has that name or code in the published figures. Use the "
            "search box above to find a council by its name or a town in it.",
            links=(("/", "Go to the overview"), ("/compare", "Compare councils")),
        )
    years = queries.years()
    if not council["is_current"] and not query.get("year"):
        query = {**query, "year": str(council["last_year"])}  # a former council opens on its last year
    state = parse_state(query, years, queries.cap_scenarios())
    year, cap = state.year, state.cap
    cap_label = f"{cap.threshold:g}"
    name, series = council["la_name"], council["series_code"]
    history = queries.council_history(series)
    caps = queries.council_caps(year, cap)
    cap_row = shaping.one_row(caps, series_code=series)
    positions = queries.optional("la_year_position")
    own_positions = positions.filter(pl.col("series_code") == series) if positions is not None else None
    position = shaping.one_row(own_positions, year=year)
    context_df = queries.optional("la_year_context")
    context = (
        shaping.one_row(context_df.filter(pl.col("series_code") == series), year=year)
        if context_df is not None
        else None
    )
    revisions = queries.optional("revisions")
    own_revisions = revisions.filter(pl.col("series_code") == series) if revisions is not None else None
    la_code = cap_row["la_code"] if cap_row else council["la_code"]
    bench = benchmarks.benchmark_rows(queries.council_benchmarks(la_code, year))
    caseload_label = next((r["Compared with England"] for r in bench if r["measure"] == "caseload"), None)
    trend_sw, trend = chart_switches.trend_switch(
        history, queries.area_year(), queries.council_neighbours(series), council, cap.threshold, cap_label
    )
    pts = queries.funnel_points(year)
    src = shaping.one_row(queries.sources(), source_id="workforce")
    previous_src = shaping.one_row(queries.sources(), source_id="workforce_previous")
    releases = (profile.release_name(src and src.get("vintage"), "current release"),
                profile.release_name(previous_src and previous_src.get("vintage"), "previous release"))
    first, last = (history["year"].min(), history["year"].max()) if history.height else (year, year)
    return html.Div(
        [
            html.P(dcc.Link("← Overview", href=search("/", year=year, cap=state.cap_key, **pin()))),
            html.H1(name, tabIndex="-1"),
            html.P(
                f"{council['la_type']} in {council['region_name']}. Code {council['la_code']}."
                + (
                    ""
                    if council["is_current"]
                    else f" This council no longer exists; its figures end in {council['last_year']}."
                )
            ),
            state_form(f"/council/{council['slug']}", year, years, state.cap_key, queries.cap_scenarios()),
            html.Section(
                [
                    html.H2(f"Where {name} stands in {year}"),
                    html.Ul(
                        [
                            html.Li([html.Strong(f"{f.label}: "), f.text, figure_note(f.note)])
                            for f in profile.facts(year, cap.label, cap_row, position, caseload_label)
                        ],
                        className="facts",
                    ),
                    rows_behind(la_code, year),
                ]
            ),
            benchmark_section(bench, year),
            chart_block(
                "council-trend",
                "Caseload over time",
                None,
                trend,
                switch=chosen(trend_sw, query),
                summary=f"Line chart of {name}'s average caseload from {first} to {last}, with England, "
                "its region and its statistical neighbours (the model and statistic are chosen above the "
                f"chart and written on it); the dashed line is the cap of {cap_label}.",
                columns={"name": "Series", "year": "Year", "value": "Caseload", "status": "Status",
                         "note": "Note"},
                filename=f"{council['slug']}-caseload-trend",
            ),
            chart_block(
                "council-funnel",
                f"Funnel plot, {year}",
                None,
                chart_switches.funnel_table(pts),
                switch=chosen(chart_switches.funnel_switch(pts, queries.funnel_curve(year), la_code), query),
                summary=f"Funnel plot: each council's caseload against its number of case-holding social "
                f"workers in {year}, with 95% and 99.8% limits around England that allow for real variation "
                f"between councils (switchable to chance alone); {name} is the star.",
                intro="Small councils vary more by chance, and councils also differ for real reasons. A "
                "council outside the limits differs from England by more than both would explain.",
                columns=chart_switches.FUNNEL_COLUMNS,
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
            submission_section(submission.submission_views(*queries.submission(_codes(council)), cap)),
            html.Section(
                [
                    html.H2("Caveats"),
                    html.Ul(
                        [
                            html.Li(c)
                            for c in profile.caveats(
                                council, history, own_revisions, releases, queries.notes((series,))
                            )
                        ],
                        className="caveats",
                    ),
                ]
            ),
            html.Section(
                id="cite",
                children=[
                    html.H2("Cite these figures"),
                    html.P(
                        profile.citation(name, src, queries.release(), (first, last)), className="citation"
                    ),
                ],
            ),
        ]
    )


def rows_behind(la_code: str, year: int) -> html.P:
    """Issue 8's journalist path: the key figures' own row as a CSV (this council, this year, this
    release), beside the citation, so the exact row is two clicks from the search box."""
    return html.P(
        [
            html.A(
                "Download the rows behind these figures (CSV)",
                href=table_href("marts.la_year", council=la_code, year=year, **pin()),
                id="rows-behind",
            ),
            " · ",
            html.A("how to cite them", href="#cite"),
        ],
        className="rows-behind",
    )


def _codes(council: dict) -> tuple[str, ...]:
    """The codes a council's submissions can carry: its own and, for a joint return, each member's."""
    return tuple(dict.fromkeys([council["la_code"], *(council.get("member_codes") or [])]))
