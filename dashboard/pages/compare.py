"""Compare (`/compare?councils=a,b`): two to six councils side by side, in a table and one chart."""

from __future__ import annotations

import dash
import polars as pl
from dash import dcc, html

from dashboard import fmt, shaping, wording
from dashboard.address import MAX_COMPARE, QueryError, parse_councils, parse_state, search
from dashboard.components.chart import chart_block, data_table
from dashboard.components.guard import guarded
from dashboard.figures import caseloads
from dashboard.reading import queries
from dashboard.reading.page_release import pin
from warehouse.domain import ENGLAND_CODE

dash.register_page(__name__, path="/compare", name="Compare", title="Compare councils: Caseload Watch")

ROWS = (
    ("caseload_fte", "caseload_status", "Average caseload", ""),
    ("agency_rate_fte", "agency_rate_fte_status", "Agency workers", "%"),
    ("vacancy_rate_fte", "vacancy_rate_fte_status", "Vacancy rate", "%"),
    ("turnover_rate_fte", "turnover_rate_fte_status", "Turnover rate", "%"),
    ("absence_rate_fte", "absence_rate_fte_status", "Sickness absence", "%"),
)


@guarded
def layout(**query: object) -> html.Div:
    years = queries.years()
    state = parse_state(query, years, queries.cap_scenarios())
    keys = parse_councils(query.get("councils"))
    chosen = []
    for key in keys:
        council = queries.council(key)
        if council is None:
            raise QueryError("One of the councils in the address is not one we know.")
        chosen.append(council)
    codes = [c["la_code"] for c in chosen]
    year = state.year
    picker = html.Div(
        className="state-form",
        role="group",
        **{"aria-label": "Choose councils"},
        children=[
            html.Label(f"Add a council (up to {MAX_COMPARE})", htmlFor="compare-input"),
            html.Div(
                className="search-row",
                children=[
                    dcc.Input(id="compare-input", type="search", list="council-names", autoComplete="off"),
                    html.Button("Add", id="compare-add", type="button", className="button primary"),
                ],
            ),
            html.P(id="compare-error", role="alert", className="error"),
            dcc.Store(
                id="compare-context", data={"codes": codes, "year": year, "cap": state.cap_key, **pin()}
            ),
            html.Ul(
                className="chosen",
                children=[
                    html.Li(
                        [
                            c["la_name"],
                            " ",
                            dcc.Link(
                                f"Remove {c['la_name']}",
                                href=search(
                                    "/compare",
                                    councils=",".join(x for x in codes if x != c["la_code"]),
                                    year=year,
                                    cap=state.cap_key,
                                    **pin(),
                                ),
                            ),
                        ]
                    )
                    for c in chosen
                ],
            ),
        ],
    )
    head = [
        html.H1("Compare councils", tabIndex="-1"),
        html.P("Choose two to six councils by name to see them side by side."),
        picker,
    ]
    if len(chosen) < 2:
        return html.Div([*head, html.P("Add at least two councils to compare them.")])
    caps = queries.council_caps(year, state.cap)
    table_rows = []
    series_codes = tuple(c["series_code"] for c in chosen)
    history = queries.councils_history(series_codes)
    notes = queries.notes(series_codes).filter(pl.col("year") == year)
    for col, status, label, suffix in ROWS:
        row = {"measure": label}
        for c in chosen:
            r = shaping.one_row(history, series_code=c["series_code"], year=year)
            text = fmt.value(r[col], r[status], suffix=suffix) if r else "no return"
            row[c["la_name"]] = wording.with_note(text, shaping.cell_note(notes, r, col))
        table_rows.append(row)
    over = {"measure": f"Over the cap of {state.cap.label}"}
    for c in chosen:
        r = shaping.one_row(caps, series_code=c["series_code"])
        over[c["la_name"]] = (
            "unknown" if not r or r["over_cap"] is None else ("yes" if r["over_cap"] else "no")
        )
    table_rows.append(over)
    table = pl.DataFrame(table_rows)
    names = {c["series_code"]: c["la_name"] for c in chosen}
    trend = history.select(
        pl.col("series_code").replace_strict(names).alias("name"),
        "year",
        pl.when(pl.col("caseload_status") == "published").then(pl.col("caseload_fte")).alias("value"),
        pl.col("caseload_status").alias("status"),
        shaping.note(history, "note"),
    )
    eng = (
        queries.area_year()
        .filter(pl.col("area_code") == ENGLAND_CODE)
        .select(
            pl.lit("England").alias("name"),
            "year",
            pl.col("caseload_fte").alias("value"),
            pl.col("caseload_status").alias("status"),
        )
    )
    trend = pl.concat([trend, eng], how="diagonal_relaxed")
    return html.Div(
        [
            *head,
            html.H2(f"Side by side, {year}"),
            data_table(table, {"measure": "Measure"}, caption=f"Chosen councils in {year}"),
            html.P(
                [
                    html.Strong("Profiles: "),
                    *[
                        item
                        for c in chosen
                        for item in (
                            dcc.Link(
                                c["la_name"],
                                href=search(f"/council/{c['slug']}", year=year, cap=state.cap_key, **pin()),
                            ),
                            " ",
                        )
                    ],
                ]
            ),
            chart_block(
                "compare-trend",
                "Caseload over time",
                caseloads.trend_lines(trend, state.cap.threshold, f"{state.cap.threshold:g}"),
                trend,
                summary=f"Line chart of the average caseload of {', '.join(n for n in names.values())} "
                "and England, every year published.",
                columns={"name": "Series", "year": "Year", "value": "Caseload", "status": "Status",
                         "note": "Note"},
                filename="compare-caseload-trend",
            ),
        ]
    )

