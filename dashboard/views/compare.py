"""The Compare page's content: two to six councils side by side, in a table and one chart, and the
picker that adds or removes one (its "Add" callback is in dashboard/components/search.py)."""

from __future__ import annotations

import polars as pl
from dash import dcc, html

from dashboard.address import MAX_COMPARE, PageState, QueryError, search
from dashboard.components.chart import chart_block, data_table
from dashboard.figures import caseloads
from dashboard.figures.base import note_column
from dashboard.reading import queries
from dashboard.reading.page_release import pin
from dashboard.views import mart_rows, words
from warehouse.domain import ENGLAND_CODE

ROWS = (
    ("caseload_fte", "caseload_status", "Average caseload", ""),
    ("agency_rate_fte", "agency_rate_fte_status", "Agency workers", "%"),
    ("vacancy_rate_fte", "vacancy_rate_fte_status", "Vacancy rate", "%"),
    ("turnover_rate_fte", "turnover_rate_fte_status", "Turnover rate", "%"),
    ("absence_rate_fte", "absence_rate_fte_status", "Sickness absence", "%"),
)


def view(state: PageState, keys: list[str]) -> html.Div:
    """The page for the councils the address names (codes or slugs), in the year and cap; an
    unknown one is refused, never guessed at."""
    chosen = []
    for key in keys:
        council = queries.council(key)
        if council is None:
            raise QueryError("One of the councils in the address is not one we know.")
        chosen.append(council)
    head = [
        html.H1("Compare councils", tabIndex="-1"),
        html.P("Choose two to six councils by name to see them side by side."),
        _picker(chosen, state),
    ]
    if len(chosen) < 2:
        return html.Div([*head, html.P("Add at least two councils to compare them.")])
    year = state.year
    series_codes = tuple(c["series_code"] for c in chosen)
    history = queries.councils_history(series_codes)
    table = side_by_side(chosen, state, history, queries.notes(series_codes).filter(pl.col("year") == year))
    names = {c["series_code"]: c["la_name"] for c in chosen}
    trend = _trend(history, names)
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


def _picker(chosen: list[dict], state: PageState) -> html.Div:
    """'Add a council' (a typed name) and a 'Remove' link for each council chosen."""
    codes = [c["la_code"] for c in chosen]
    return html.Div(
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
                id="compare-context",
                data={"codes": codes, "year": state.year, "cap": state.cap_key, **pin()},
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
                                    year=state.year,
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


def side_by_side(
    chosen: list[dict], state: PageState, history: pl.DataFrame, notes: pl.DataFrame
) -> pl.DataFrame:
    """One row per measure, one column per council, each figure in words with its note; then
    whether each council is over the cap."""
    rows = []
    for col, status, label, suffix in ROWS:
        row = {"measure": label}
        for c in chosen:
            r = mart_rows.one_row(history, series_code=c["series_code"], year=state.year)
            text = words.value(r[col], r[status], suffix=suffix) if r else "no return"
            row[c["la_name"]] = words.with_note(text, mart_rows.cell_note(notes, r, col))
        rows.append(row)
    caps = queries.council_caps(state.year, state.cap)
    over = {"measure": f"Over the cap of {state.cap.label}"}
    for c in chosen:
        r = mart_rows.one_row(caps, series_code=c["series_code"])
        over[c["la_name"]] = (
            "unknown" if not r or r["over_cap"] is None else ("yes" if r["over_cap"] else "no")
        )
    rows.append(over)
    return pl.DataFrame(rows)


def _trend(history: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    """Each council's caseload every year (a suppressed year a gap), with England's."""
    councils = history.select(
        pl.col("series_code").replace_strict(names).alias("name"),
        "year",
        pl.when(pl.col("caseload_status") == "published").then(pl.col("caseload_fte")).alias("value"),
        pl.col("caseload_status").alias("status"),
        note_column(history, "note"),
    )
    england = (
        queries.area_year()
        .filter(pl.col("area_code") == ENGLAND_CODE)
        .select(
            pl.lit("England").alias("name"),
            "year",
            pl.col("caseload_fte").alias("value"),
            pl.col("caseload_status").alias("status"),
        )
    )
    return pl.concat([councils, england], how="diagonal_relaxed")
