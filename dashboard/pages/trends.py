"""Trends (`/trends`): England and regions over time, the size of the lottery, the digest, the funnel."""

from __future__ import annotations

import dash
import polars as pl
from dash import html

from dashboard import benchmarks, chart_switches, shaping
from dashboard.address import parse_state
from dashboard.components.chart import chart_block, chosen
from dashboard.components.controls import state_form
from dashboard.components.guard import guarded
from dashboard.figures import caseloads, variation
from dashboard.reading import queries

dash.register_page(__name__, path="/trends", name="Trends", title="Trends: Caseload Watch")

SECTIONS = {
    "biggest_risers": "Biggest rises",
    "biggest_fallers": "Biggest falls",
    "newly_over_cap": "Newly over the cap",
    "back_under_cap": "Back at or under the cap",
    "revised": "Revised since the previous release",
}


@guarded
def layout(**query: object) -> html.Div:
    years = queries.years()
    state = parse_state(query, years, queries.cap_scenarios())
    year, cap = state.year, state.cap
    areas = queries.area_year().filter(
        pl.col("area_code").str.starts_with("E92") | pl.col("area_code").str.starts_with("E12")
    )
    trend = areas.select(
        pl.col("area_name").alias("name"),
        "year",
        pl.when(pl.col("caseload_status") == "published").then(pl.col("caseload_fte")).alias("value"),
        pl.col("caseload_status").alias("status"),
    )
    pts = queries.funnel_points(year)
    sizes = queries.lottery_size()
    return html.Div(
        [
            html.H1("Trends", tabIndex="-1"),
            state_form("/trends", year, years, state.cap_key, queries.cap_scenarios()),
            chart_block(
                "trend-areas",
                "England and its regions",
                caseloads.trend_lines(trend, cap.threshold, f"{cap.threshold:g}"),
                trend,
                summary="Line chart of the average caseload of England (dotted) and each region, every "
                f"year from {min(years)} to {max(years)}, with the cap.",
                columns={"name": "Area", "year": "Year", "value": "Caseload", "status": "Status"},
                filename="caseload-trend-england-regions",
            ),
            _lottery(sizes),
            _digest(queries.optional("trend_digest"), cap.threshold),
            chart_block(
                "trend-funnel",
                f"Funnel plot, {year}",
                None,
                chart_switches.funnel_table(pts),
                switch=chosen(chart_switches.funnel_switch(pts, queries.funnel_curve(year)), query),
                summary=f"Funnel plot of {pts.height} councils' caseloads in {year} against their number "
                "of case-holding social workers, with 95% and 99.8% limits around England that allow for "
                "real variation between councils (switchable to chance alone).",
                intro="Councils outside the limits differ from England by more than chance, their size and "
                "the usual variation between councils would explain.",
                columns=chart_switches.FUNNEL_COLUMNS,
                filename=f"funnel-{year}",
            ),
        ]
    )


def _lottery(sizes: pl.DataFrame) -> html.Section:
    return chart_block(
        "lottery",
        "The size of the postcode lottery",
        variation.lottery(sizes),
        sizes.sort("year"),
        summary=benchmarks.lottery_summary(sizes),
        intro="How far councils' average caseloads differ by more than chance: the standard deviation "
        "between councils once chance is taken out, with a 95% interval from resampling councils. The "
        "plain range and the highest-to-lowest ratio are beside it; they rest on two councils each, so "
        "they jump from year to year.",
        columns={
            "year": "Year",
            "n_councils": "Councils",
            "england_value": "England",
            "between_council_sd": "Between-council SD",
            "between_council_sd_lower_95": "SD, lower 95%",
            "between_council_sd_upper_95": "SD, upper 95%",
            "min_value": "Lowest",
            "max_value": "Highest",
            "range": "Range",
            "max_min_ratio": "Highest / lowest",
        },
        filename="lottery-size-caseload",
    )


def _digest(digest: pl.DataFrame | None, cap: float) -> html.Section:
    sections = shaping.digest_sections(digest, cap, SECTIONS)
    if not sections:
        return html.Section(
            [
                html.H2("Latest digest"),
                html.P("No digest in this release for this cap (digests cover the named scenarios)."),
            ]
        )
    year = digest["digest_year"].max()
    return html.Section(
        [
            html.H2(f"What changed in {year}"),
            *[html.Div([html.H3(h), html.Ul([html.Li(s) for s in lines])]) for h, lines in sections],
        ]
    )
