"""The council profile's content: where one council stands now and over time, compared with England,
its context, its own submission, the caveats and how to cite it."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
from dash import dcc, html

from dashboard import feeds
from dashboard.address import CODE_RE, PageState, search
from dashboard.components import shell
from dashboard.components.chart import chart_block, chosen
from dashboard.components.controls import state_form
from dashboard.components.notes import figure_note
from dashboard.downloads.routes import table_href
from dashboard.reading import queries
from dashboard.reading.page_release import pin
from dashboard.views import benchmarks, council_facts, mart_rows, submission, submission_foi, switches
from warehouse.domain import Cap


def find(code: str | None) -> dict | None:
    """The council a path names (code in any case, slug, or a joint return's member code), or None."""
    code = (code or "").strip()
    return queries.council(code) if code and CODE_RE.match(code) else None


def not_found() -> html.Div:
    """The page for a path that names no council (it never repeats the path)."""
    return shell.message(
        "We could not find that council",
        "No council in England has that name or code in the published figures. Use the "
        "search box above to find a council by its name or a town in it.",
        links=(("/", "Go to the overview"), ("/compare", "Compare councils")),
    )


def opening_query(council: dict, query: Mapping[str, object]) -> Mapping[str, object]:
    """The query a page opens on: a council that no longer exists opens on its last year."""
    if not council["is_current"] and not query.get("year"):
        return {**query, "year": str(council["last_year"])}
    return query


def view(council: dict, state: PageState, choices: Mapping[str, object]) -> html.Div:
    """The profile in a year and cap; `choices` are the charts' switches from the address
    (`limits=`, `model=`, `statistic=`)."""
    years = queries.years()
    year, cap = state.year, state.cap
    cap_label = f"{cap.threshold:g}"
    name, series = council["la_name"], council["series_code"]
    history = queries.council_history(series)
    caps = queries.council_caps(year, cap)
    cap_row = mart_rows.one_row(caps, series_code=series)
    positions = queries.optional("la_year_position")
    own_positions = positions.filter(pl.col("series_code") == series) if positions is not None else None
    position = mart_rows.one_row(own_positions, year=year)
    context_df = queries.optional("la_year_context")
    context = (
        mart_rows.one_row(context_df.filter(pl.col("series_code") == series), year=year)
        if context_df is not None
        else None
    )
    revisions = queries.optional("revisions")
    if revisions is not None and "latest_pair" in revisions.columns:
        revisions = revisions.filter(pl.col("latest_pair"))  # this release against the one before
    own_revisions = revisions.filter(pl.col("series_code") == series) if revisions is not None else None
    la_code = cap_row["la_code"] if cap_row else council["la_code"]
    bench = benchmarks.benchmark_rows(queries.council_benchmarks(la_code, year))
    caseload_label = next((r["Compared with England"] for r in bench if r["measure"] == "caseload"), None)
    trend_sw, trend = switches.trend_switch(
        history, queries.area_year(), queries.council_neighbours(series), council, cap.threshold, cap_label
    )
    pts = queries.funnel_points(year)
    src = mart_rows.one_row(queries.sources(), source_id="workforce")
    releases = council_facts.release_names(queries.vintages(), queries.sources())
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
            html.P(html.A(f"Follow changes to {name}'s figures (Atom feed)",
                          href=feeds.council_path(council["slug"]), id="council-feed")),
            state_form(f"/council/{council['slug']}", year, years, state.cap_key, queries.cap_scenarios()),
            html.Section(
                [
                    html.H2(f"Where {name} stands in {year}"),
                    html.Ul(
                        [
                            html.Li([html.Strong(f"{f.label}: "), f.text, figure_note(f.note)])
                            for f in council_facts.facts(year, cap.label, cap_row, position, caseload_label)
                        ],
                        className="facts",
                    ),
                    rows_behind(la_code, year),
                ]
            ),
            benchmarks.benchmark_section(bench, year),
            chart_block(
                "council-trend",
                "Caseload over time",
                None,
                trend,
                switch=chosen(trend_sw, choices),
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
                switches.funnel_table(pts),
                switch=chosen(switches.funnel_switch(pts, queries.funnel_curve(year), la_code), choices),
                summary=f"Funnel plot: each council's caseload against its number of case-holding social "
                f"workers in {year}, with 95% and 99.8% limits around England that allow for real variation "
                f"between councils (switchable to chance alone); {name} is the star.",
                intro="Small councils vary more by chance, and councils also differ for real reasons. A "
                "council outside the limits differs from England by more than both would explain.",
                columns=switches.FUNNEL_COLUMNS,
                filename=f"funnel-{year}",
            ),
            html.Section(
                [
                    html.H2("Context"),
                    html.Ul(
                        [html.Li([html.Strong(f"{k}: "), v]) for k, v in council_facts.context_rows(context)],
                        className="facts",
                    ),
                ]
            ),
            _submissions(_codes(council), cap),
            html.Section(
                [
                    html.H2("Caveats"),
                    html.Ul(
                        [
                            html.Li(c)
                            for c in council_facts.caveats(
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
                        council_facts.citation(name, src, queries.release(), (first, last)),
                        className="citation",
                    ),
                ],
            ),
        ]
    )


def rows_behind(la_code: str, year: int) -> html.P:
    """The key figures' own row as a CSV (this council, this year, this release), beside the
    citation: a journalist who searched for the council is one click from the exact row to quote."""
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


def _submissions(codes: tuple[str, ...], cap: Cap) -> html.Section:
    """The council's own submissions and, where none is as recent, its latest FOI answer."""
    views = submission.submission_views(
        *queries.submission(codes), cap,
        series=queries.submission_series(codes), across=queries.submission_across(),
    )
    own = {}
    for v in views:
        if not v.is_demo:
            own[v.la_code] = max(own.get(v.la_code, v.snapshot_date), v.snapshot_date)
    answers = submission_foi.foi_views(*queries.submission_foi(codes), newer_than=own)
    return submission.submission_section(views, [submission_foi.foi_block(a) for a in answers])
