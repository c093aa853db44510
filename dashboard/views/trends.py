"""The Trends page's content: England and its regions over time, the size of the postcode lottery,
the latest digest and the funnel plot."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
from dash import html

from dashboard.address import PageState
from dashboard.components.chart import chart_block, chosen
from dashboard.components.controls import state_form
from dashboard.figures import caseloads, variation
from dashboard.reading import queries
from dashboard.views import benchmarks, mart_rows, switches
from warehouse.domain import ENGLAND_CODE, REGION_CODE_PREFIX

SECTIONS = {
    "biggest_risers": "Biggest rises",
    "biggest_fallers": "Biggest falls",
    "newly_over_cap": "Newly over the cap",
    "back_under_cap": "Back at or under the cap",
    "revised": "Revised since the previous release",
}


def view(state: PageState, choices: Mapping[str, object]) -> html.Div:
    """The page for a year and cap; `choices` are the funnel switch's, from the address (`limits=`)."""
    years = queries.years()
    year, cap = state.year, state.cap
    areas = queries.area_year().filter(
        (pl.col("area_code") == ENGLAND_CODE) | pl.col("area_code").str.starts_with(REGION_CODE_PREFIX)
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
                switches.funnel_table(pts),
                switch=chosen(switches.funnel_switch(pts, queries.funnel_curve(year)), choices),
                summary=f"Funnel plot of {pts.height} councils' caseloads in {year} against their number "
                "of case-holding social workers, with 95% and 99.8% limits around England that allow for "
                "real variation between councils (switchable to chance alone).",
                intro="Councils outside the limits differ from England by more than chance, their size and "
                "the usual variation between councils would explain.",
                columns=switches.FUNNEL_COLUMNS,
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
    sections = mart_rows.digest_sections(digest, cap, SECTIONS)
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
