"""A council's submitted snapshots over time (whole council): each snapshot's median and 90th
percentile beside the published average for the matching 30 September (on each snapshot row of
marts.submission_la_snapshot), and the share above each cap per snapshot (marts.submission_cap).

A suppressed point is a gap in the chart and words in the tables; with one snapshot only there is
a sentence, not a one-point chart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl
from dash import html

from dashboard.components.chart import chart_block
from dashboard.components.table import scrollable_table
from dashboard.figures.submissions import snapshot_series
from dashboard.views.submission_cells import BASIS, above, cap_name, caption

CHART_COLUMNS = {
    "snapshot_date": "Snapshot date",
    "median": "Median (children per FTE)",
    "median_status": "Median status",
    "p90": "90th percentile (children per FTE)",
    "p90_status": "90th percentile status",
    "published_average": "Published average (children per FTE)",
    "published_status": "Published average status",
    "published_year": "Published average: 30 September of",
}


@dataclass
class SeriesView:
    """One council code's snapshots, oldest first: chart rows, and per snapshot the share above each cap."""

    dates: list[dt.date]
    chart_rows: pl.DataFrame
    cap_labels: list[str] = field(default_factory=list)
    shares: list[dict[str, str]] = field(default_factory=list)

    @property
    def single(self) -> bool:
        return len(self.dates) < 2


def _published(v: float | None, status: str | None) -> float | None:
    """A figure for the chart only when published: a suppressed one is a gap."""
    return v if status == "published" else None


def _label(r: dict) -> str:
    return cap_name(r.get("scenario_label") or r["scenario_id"], r.get("measure"))


def series_view(snap: pl.DataFrame, caps: pl.DataFrame) -> SeriesView:
    """`snap` and `caps`: one council code's whole-council rows (one demo flag), any order."""
    snap = snap.sort("snapshot_date")
    dates = snap["snapshot_date"].to_list()
    chart = pl.DataFrame(
        [
            {
                "snapshot_date": r["snapshot_date"].isoformat(),
                "median": _published(r["caseload_median"], r["caseload_median_status"]),
                "median_status": r["caseload_median_status"],
                "p90": _published(r["caseload_p90"], r["caseload_p90_status"]),
                "p90_status": r["caseload_p90_status"],
                "published_average": _published(r["published_caseload_fte"], r["published_caseload_status"]),
                "published_status": r["published_caseload_status"] if r["published_year"] else "no figure",
                "published_year": r["published_year"],
            }
            for r in snap.iter_rows(named=True)
        ],
        schema={"snapshot_date": pl.String, "median": pl.Float64, "median_status": pl.String,
                "p90": pl.Float64, "p90_status": pl.String, "published_average": pl.Float64,
                "published_status": pl.String, "published_year": pl.Int64},
    )
    order = ["scenario_order", "measure"] if "scenario_order" in caps.columns else ["cap_experienced"]
    labels: list[str] = []
    by_date: dict[dt.date, dict[str, str]] = {d: {"Snapshot date": f"{d:%-d %B %Y}"} for d in dates}
    for r in caps.sort(order).iter_rows(named=True) if caps.height else []:
        label = _label(r)
        if label not in labels:
            labels.append(label)
        if r["snapshot_date"] in by_date:
            by_date[r["snapshot_date"]][label] = above(r)
    shares = [{**{lb: "no figure" for lb in labels}, **by_date[d]} for d in dates]
    return SeriesView(dates, chart, labels, shares)


def series_block(view: SeriesView, cid: str, name: str, is_demo: bool) -> list:
    """The chart (figcaption, table and CSV) and the shares table; one snapshot: a sentence."""
    head = html.H4("Over time")
    if not view.dates:
        return []
    if view.single:
        return [head, html.P(
            f"Only one snapshot so far ({view.dates[0]:%-d %B %Y}): a series over time starts with the "
            "council's next submission."
        )]
    title = caption(f"{BASIS}: {name}'s snapshots over time", is_demo)
    when = f"{view.dates[0]:%-d %B %Y} to {view.dates[-1]:%-d %B %Y}"
    chart = chart_block(
        cid,
        title,
        snapshot_series(view.chart_rows),
        view.chart_rows,
        summary=caption(
            f"{name}'s {len(view.dates)} submitted snapshots, {when}: the median and 90th percentile "
            "caseload (children per FTE) of each, with the Department for Education's published average "
            "for the latest 30 September on or before each snapshot. A suppressed point is left out.",
            is_demo,
        ),
        columns=CHART_COLUMNS,
        filename=f"{cid}",
        level=4,
    )
    text = caption(f"{BASIS}: share of case holders above each cap, per snapshot", is_demo)
    body = [html.Tr([html.Th(r["Snapshot date"], scope="row"), *[html.Td(r[c]) for c in view.cap_labels]])
            for r in view.shares]
    shares = scrollable_table(text, ("Snapshot date", *view.cap_labels), body, caption=text)
    return [chart, shares] if view.cap_labels else [chart]
