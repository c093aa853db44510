"""Trends (`/trends`): England and regions over time, the latest digest, the funnel plot."""

from __future__ import annotations

import dash
import polars as pl
from dash import html

from dashboard import data, figures, shaping
from dashboard.components.chart import chart_block
from dashboard.components.controls import state_form
from dashboard.components.guard import guarded
from dashboard.state import parse_state

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
    years = data.years()
    state = parse_state(query, years)
    year, cap = state.year, state.cap
    areas = data.area_year().filter(
        pl.col("area_code").str.starts_with("E92") | pl.col("area_code").str.starts_with("E12")
    )
    trend = areas.select(
        pl.col("area_name").alias("name"),
        "year",
        pl.when(pl.col("caseload_status") == "published").then(pl.col("caseload_fte")).alias("value"),
        pl.col("caseload_status").alias("status"),
    )
    pts, limits = shaping.funnel_frames(data.optional("la_year_funnel"), data.optional("funnel_curve"), year)
    england = shaping.england_value(data.area_year(year))
    return html.Div(
        [
            html.H1("Trends", tabIndex="-1"),
            state_form("/trends", year, years, state.cap_key),
            chart_block(
                "trend-areas",
                "England and its regions",
                figures.trend_lines(trend, cap.threshold, f"{cap.threshold:g}"),
                trend,
                summary="Line chart of the average caseload of England (dotted) and each region, every "
                f"year from {min(years)} to {max(years)}, with the cap.",
                columns={"name": "Area", "year": "Year", "value": "Caseload", "status": "Status"},
                filename="caseload-trend-england-regions",
            ),
            _digest(data.optional("trend_digest"), cap.threshold),
            chart_block(
                "trend-funnel",
                f"Funnel plot, {year}",
                figures.funnel(pts, limits, england),
                pts,
                summary=f"Funnel plot of {pts.height} councils' caseloads in {year} against their number "
                "of case-holding social workers, with 95% and 99.8% limits around England.",
                intro="Councils outside the limits differ from England by more than chance and their size "
                "would explain.",
                columns={
                    "la_name": "Council",
                    "case_holders_fte": "Social workers (FTE)",
                    "caseload_fte": "Caseload",
                    "funnel_position": "Position",
                },
                filename=f"funnel-{year}",
            ),
        ]
    )


def digest_sections(digest: pl.DataFrame | None, cap: float) -> list[tuple[str, list[str]]]:
    """The latest digest's sections as (heading, summary lines); cap sections follow the chosen cap."""
    if digest is None or not digest.height:
        return []
    latest = digest.filter(pl.col("digest_year") == digest["digest_year"].max())
    out = []
    for key, heading in SECTIONS.items():
        part = latest.filter(pl.col("section") == key)
        if part["scenario_id"].drop_nulls().len():
            part = part.filter(pl.col("cap") == cap)
        if part.height:
            out.append((heading, part.sort("item_rank")["summary"].to_list()))
    return out


def _digest(digest: pl.DataFrame | None, cap: float) -> html.Section:
    sections = digest_sections(digest, cap)
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
