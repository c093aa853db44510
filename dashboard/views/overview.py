"""The overview's content: England's headline figures for a year and cap, every council on a
hex map, ranked, and the spread of their averages."""

from __future__ import annotations

import polars as pl
from dash import html

from dashboard.address import PageState, search
from dashboard.components import shell
from dashboard.components.chart import chart_block
from dashboard.components.controls import state_form
from dashboard.figures import caseloads
from dashboard.reading import queries
from dashboard.reading.page_release import pin
from dashboard.views import lottery_story, mart_rows, words
from warehouse.domain import Cap


def view(state: PageState, mode: str) -> html.Div:
    """The page for a year and cap; `mode` colours the map by caseload or by distance from the cap."""
    years = queries.years()
    year, cap = state.year, state.cap
    caps = queries.council_caps(year, cap)
    areas = queries.area_year(year)
    england = mart_rows.england_value(areas)
    summary = queries.england_cap_summary(year, cap)
    cap_label = f"{cap.threshold:g}"
    hexes = mart_rows.hex_frame(queries.hex_layout(), caps)
    ranked = mart_rows.ranked_frame(caps, mart_rows.region_averages(areas))
    missing = mart_rows.not_published(caps)
    over, published = summary["councils_over"], summary["councils_published"]
    return html.Div(
        [
            html.H1(f"Children's social worker caseloads in England, {year}", tabIndex="-1"),
            html.P(
                "How many children each children's social worker carries, on average, in every "
                "English council, "
                "and what a cap on caseloads would mean. Figures are the position at 30 September."
            ),
            _story(year, state.cap_key, caps),
            state_form("/", year, years, state.cap_key, queries.cap_scenarios(), mode=mode),
            html.Section(
                className="headlines",
                **{"aria-label": "England's headline figures"},
                children=[
                    html.H2(f"England in {year}, against a cap of {cap.label}"),
                    html.Div(
                        className="headline-grid",
                        children=[
                            shell.headline(
                                "England average caseload",
                                words.value(summary["caseload_fte"], summary["caseload_status"]),
                                words.CASELOAD_COUNTS,
                            ),
                            shell.headline(
                                "councils over the cap",
                                f"{over} of {published}",
                                "councils with a published average",
                            ),
                            shell.headline(
                                "children aged 0 to 17 live in those councils",
                                words.count(summary["children_in_councils_over"]),
                                f"ONS mid-{summary['population_year']} estimate",
                            ),
                            shell.headline(
                                "more social workers (FTE) to bring those councils' averages to the cap",
                                words.at_least(summary["additional_fte"]),
                                f"{words.OVER_CAP_ONLY} {words.LOWER_BOUND_NOTE}",
                            ),
                            shell.headline(
                                "a year, the cost of those social workers",
                                words.money(summary["cost_gbp"]),
                                f"at £{summary['cost_per_fte_gbp']:,.0f} per FTE, salary and on-costs; "
                                "a lower bound too",
                            ),
                        ],
                    ),
                    _cap_note(cap),
                    html.P(
                        [
                            "Not published this year: ",
                            ", ".join(f"{n} ({words.status_note(s)}, '{s}')" for n, s in missing),
                            ".",
                        ]
                    )
                    if missing
                    else None,
                ],
            ),
            chart_block(
                "map",
                "Every council on one map",
                caseloads.hex_map(hexes, cap.threshold, cap_label, mode),
                hexes.with_columns(
                    pl.when(pl.col("caseload_status") == "published")
                    .then(pl.col("caseload_fte"))
                    .alias("caseload_fte")
                ),
                summary=f"Hex map of {hexes.height} hexes, one per council, coloured by "
                f"{'distance from the cap' if mode == 'distance' else 'average caseload'}. Councils over "
                f"the cap of {cap_label} have a thick black outline; grey hexes with a dotted outline "
                "have no published figure.",
                intro="Each hexagon is one council, placed roughly where it is, so London "
                "boroughs are as visible "
                "as counties. Kingston and Richmond share one return, so both show the same figure.",
                columns={
                    "hex_name": "Hex",
                    "la_name": "Council (return)",
                    "region_name": "Region",
                    "caseload_fte": "Caseload",
                    "caseload_status": "Status",
                    "over_cap": "Over the cap",
                    "excess": "Above the cap by",
                    "caseload_note": "Note",
                },
                filename=f"caseload-map-{year}-cap-{state.cap_key}",
            ),
            chart_block(
                "ranked",
                "Every council, ranked",
                caseloads.ranked_bars(ranked, cap.threshold, cap_label, england),
                ranked,
                summary=f"Bar chart of {ranked.height} councils from highest to lowest average "
                f"caseload in {year}. "
                f"{over} are above the dashed cap line at {cap_label}; the dotted line is England's "
                f"average ({words.value(england)}); diamonds mark each council's regional average.",
                columns={
                    "position": "Position",
                    "la_name": "Council",
                    "region_name": "Region",
                    "caseload_fte": "Caseload",
                    "region_average": "Region average",
                    "over_cap": "Over the cap",
                    "excess": "Above the cap by",
                    "additional_fte": "Extra social workers (FTE), at least",
                    "cost_gbp": "Cost a year (£)",
                    "caseload_note": "Note",
                },
                filename=f"caseload-ranked-{year}-cap-{state.cap_key}",
            ),
            chart_block(
                "distribution",
                "How council averages are spread",
                caseloads.distribution(ranked["caseload_fte"].to_list(), cap.threshold, cap_label, england),
                ranked.select("la_name", "region_name", "caseload_fte", "caseload_note"),
                summary=f"Histogram of the average caseload of {ranked.height} councils in {year}, "
                "in bands one "
                f"child wide, with the cap ({cap_label}) and England's average marked.",
                intro="An average hides spread inside a council too: some social workers carry "
                "many more cases.",
                columns={"la_name": "Council", "region_name": "Region", "caseload_fte": "Caseload",
                         "caseload_note": "Note"},
                filename=f"caseload-distribution-{year}",
            ),
        ]
    )


def _story(year: int, cap_key: str, caps: pl.DataFrame) -> html.Section:
    """The postcode lottery in words (views/lottery_story.py), from this release's marts; `caps` are
    the councils' rows for the year, whose caseload notes go beside the councils the story names."""
    notes = dict(zip(caps["la_name"].to_list(), caps["caseload_note"].to_list(), strict=True))
    sentences = [
        lottery_story.range_sentence(year, queries.england_variation(year), notes),
        lottery_story.nearby_sentence(queries.nearby_gaps(year)),
        lottery_story.caps_sentence(year, queries.england_named_caps(year), queries.cap_scenarios()),
        lottery_story.lottery_sentence(year, queries.lottery_size()),
    ]
    pinned = pin()
    items = [(s, lottery_story.sentence_href(s, year, cap_key, pinned)) for s in sentences if s is not None]
    source = mart_rows.one_row(queries.sources(), source_id="workforce")
    return lottery_story.story_block(
        year,
        items,
        lottery_story.citation(year, source, queries.release()),
        search("/", year=year, cap=cap_key, **pinned),
    )


def _cap_note(cap: Cap) -> html.P:
    """How a council is compared with the cap; for a scenario with a lower cap for newly qualified
    workers, why only the experienced cap is applied."""
    if cap.nq_threshold is None:
        return html.P(
            "A council is over the cap when its published average (one decimal place) is above it: "
            "15.0 is at a cap of 15, not over it.",
            className="note",
        )
    return html.P(
        f"This scenario caps experienced social workers at {cap.threshold:g} children and newly qualified "
        f"ones at {cap.nq_threshold:g}. Councils' published averages are compared with {cap.threshold:g}: "
        "the share of newly qualified workers in each council is not published, so the lower cap for them "
        "cannot be applied here.",
        className="note",
    )
