"""The council profile's content as plain data and words: key facts, the trend series, context,
caveats and the citation.

Values come from the marts as published (la_year, la_year_position, la_year_neighbours,
la_year_context, revisions); these functions pick the rows and word them.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import polars as pl

from dashboard.figures.base import note_column
from dashboard.views import words
from warehouse.domain import ENGLAND_CODE


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


STATISTICS = {"mean": "mean", "median": "median"}


def neighbour_series_name(model: str, statistic: str) -> str:
    return f"Statistical neighbours ({model} model, {statistic})"


def trend_frame(
    history: pl.DataFrame,
    areas: pl.DataFrame,
    neighbours: pl.DataFrame | None,
    council_name: str,
    region_code: str | None,
    model: str = "2025",
    statistic: str = "mean",
) -> pl.DataFrame:
    """Long frame name, year, value, status, note: the council (with the notes on its caseload each
    year), England, its region, and its statistical neighbours' mean or median under one model
    (marts.la_year_neighbours, measure caseload)."""
    parts = [
        history.select(
            pl.lit(council_name).alias("name"),
            "year",
            pl.col("caseload_fte").alias("value"),
            pl.col("caseload_status").alias("status"),
            note_column(history, "note"),
        )
    ]
    for code, label in ((ENGLAND_CODE, "England"), (region_code or "", None)):
        rows = areas.filter(pl.col("area_code") == code)
        if rows.height:
            name = label or f"{rows['area_name'][0]} (region)"
            parts.append(
                rows.select(
                    pl.lit(name).alias("name"),
                    "year",
                    pl.col("caseload_fte").alias("value"),
                    pl.col("caseload_status").alias("status"),
                )
            )
    if neighbours is not None and neighbours.height:
        column = f"neighbour_{STATISTICS[statistic]}"
        nb = neighbours.filter((pl.col("neighbour_model") == model) & pl.col(column).is_not_null())
        parts.append(
            nb.select(
                pl.lit(neighbour_series_name(model, statistic)).alias("name"),
                "year",
                pl.col(column).alias("value"),
                pl.lit("published").alias("status"),
            )
        )
    out = pl.concat(parts, how="diagonal_relaxed")
    # A suppressed year is a gap in the line, never a number.
    return out.with_columns(pl.when(pl.col("status") == "published").then(pl.col("value")).alias("value"))


class Fact(NamedTuple):
    """One key fact: its label, the sentence, and the note to read before quoting it."""

    label: str
    text: str
    note: str | None = None


def facts(
    year: int, cap_label: str, cap_row: dict | None, position: dict | None, compared: str | None = None
) -> list[Fact]:
    """The key-facts list. A figure flagged in marts.la_year_notes (a large change, a revision, a
    joint return) carries its note, and so does a council it is compared with."""
    out: list[Fact] = []
    if cap_row is None:
        return [Fact("Caseload", f"No return for {year} under this council's current name or code.")]
    value = words.value(cap_row["caseload_fte"], cap_row["caseload_status"])
    out.append(
        Fact(
            f"Average caseload, {year}",
            f"{value}. {words.CASELOAD_COUNTS}",
            cap_row.get("caseload_note"),
        )
    )
    if cap_row["over_cap"] is None:
        out.append(Fact("Against the cap", "Unknown: the caseload was not published."))
    elif cap_row["over_cap"]:
        out.append(
            Fact(
                "Against the cap",
                f"Over the cap of {cap_label} by {cap_row['excess']:.1f}. "
                + words.additional_workers_sentence(cap_row["additional_fte"]),
            )
        )
    else:
        out.append(Fact("Against the cap", f"At or under the cap of {cap_label}. {words.NONE_NEEDED}"))
    if position:
        if position.get("rank_highest") is not None:
            out.append(
                Fact(
                    "Rank", f"{_ordinal(position['rank_highest'])} highest of {position['n_ranked']} councils"
                )
            )
        for key, label in (
            ("diff_from_england", "England"),
            ("diff_from_region", "its region"),
            ("diff_from_neighbours", "its statistical neighbours (DfE 2025 model, mean)"),
        ):
            if position.get(key) is not None:
                d = position[key]
                out.append(
                    Fact(
                        f"Compared with {label}",
                        f"{abs(d):.1f} {'above' if d > 0 else 'below'}" if round(d, 1) != 0 else "the same",
                    )
                )
        if position.get("highest_within_50_miles_la_name"):
            out.append(
                Fact(
                    "Within 50 miles",
                    f"highest: {words.tied_names(position['highest_within_50_miles_la_name'])} "
                    f"({position['highest_within_50_miles_caseload_fte']:.1f}); lowest: "
                    f"{words.tied_names(position['lowest_within_50_miles_la_name'])} "
                    f"({position['lowest_within_50_miles_caseload_fte']:.1f}), of "
                    f"{position['n_within_50_miles']} councils",
                    " ".join(
                        n
                        for n in (
                            position.get("highest_within_50_miles_note"),
                            position.get("lowest_within_50_miles_note"),
                        )
                        if n
                    )
                    or None,
                )
            )
        if position.get("yoy_change") is not None:
            out.append(Fact("Change on the year before", f"{position['yoy_change']:+.1f}"))
    if compared:
        out.append(
            Fact("Funnel plot", f"{compared}, allowing for its size and real variation between councils")
        )
    return out


def context_rows(context: dict | None) -> list[tuple[str, str]]:
    """The Context list (marts.la_year_context): workforce rates, children in need, Ofsted."""
    if not context:
        return [("Context", "Not in this release.")]
    c = context
    rows = [
        ("Agency workers", words.value(c["agency_rate_fte"], c["agency_rate_fte_status"], suffix="%")),
        ("Vacancy rate", words.value(c["vacancy_rate_fte"], c["vacancy_rate_fte_status"], suffix="%")),
        ("Turnover rate", words.value(c["turnover_rate_fte"], c["turnover_rate_fte_status"], suffix="%")),
        ("Sickness absence", words.value(c["absence_rate_fte"], c["absence_rate_fte_status"], suffix="%")),
        (
            f"Children in need per 10,000 children (31 March {c['cin_year'] or '—'})",
            words.value(c["cin_per_10000"], c.get("cin_per_10000_status", c["cin_status"]), digits=0),
        ),
        (
            f"Children in care with 3 or more social workers in the year ({c['sw_year'] or '—'})",
            words.value(
                c["pct_cla_3plus_social_workers"],
                None if c["pct_cla_3plus_social_workers"] is not None else "blank",
                suffix="%",
            ),
        ),
    ]
    if c.get("ofsted_overall_effectiveness"):
        date = c["ofsted_publication_date"] or c["ofsted_inspection_date"]
        rows.append(
            (
                "Ofsted overall effectiveness",
                f"{c['ofsted_overall_effectiveness']} ({c['ofsted_inspection_type']}, {date:%B %Y})"
                if date
                else c["ofsted_overall_effectiveness"],
            )
        )
    else:
        rows.append(("Ofsted overall effectiveness", "no judgement in the published file"))
    return rows


def release_name(vintage: str | None, fallback: str) -> str:
    """'Reporting year 2025 release (page last updated ...)' -> 'reporting year 2025 release'."""
    if not vintage:
        return fallback
    name = vintage.split(" (")[0].strip()
    return name[:1].lower() + name[1:]


def release_names(vintages: pl.DataFrame, sources: pl.DataFrame) -> tuple[str, str]:
    """The current and previous workforce releases, worded: from the release's vintages (the
    first two), else (a release kept from before vintages) from its two workforce sources."""
    if vintages.height >= 2:
        names = vintages.sort("vintage_rank")["vintage"].to_list()
        return release_name(names[0], "current release"), release_name(names[1], "previous release")
    by_id = dict(zip(sources["source_id"].to_list(), sources["vintage"].to_list(), strict=True))
    return (release_name(by_id.get("workforce"), "current release"),
            release_name(by_id.get("workforce_previous"), "previous release"))


def caveats(
    council: dict,
    history: pl.DataFrame,
    revisions: pl.DataFrame | None,
    releases: tuple[str, str] = ("current release", "previous release"),
    notes: pl.DataFrame | None = None,
) -> list[str]:
    """What to bear in mind about this council's figures: suppressed years, large changes
    (marts.la_year_notes), reorganisations, joint returns, revisions, and the spread an average hides."""
    out = []
    suppressed = history.filter(pl.col("caseload_status") != "published")
    for row in suppressed.iter_rows(named=True):
        out.append(
            f"{row['year']}: caseload not published ({row['caseload_status']}, "
            f"{words.status_note(row['caseload_status'])})."
        )
    if notes is not None and notes.height:
        for row in notes.filter(pl.col("note_kind") == "large_change").sort("year").iter_rows(named=True):
            note = row["note"]
            out.append(f"{row['year']}: the average caseload {note[:1].lower()}{note[1:]}")
    if council.get("change_note"):
        out.append(council["change_note"])
    if "/" in council["la_code"]:
        out.append(
            "This is a joint return: the two councils report their social workers together, so the "
            "figures are for both."
        )
    if revisions is not None and revisions.height:
        for row in revisions.head(8).iter_rows(named=True):
            out.append(
                f"Revised in the {releases[0]}: {row['year']} {row['measure'].replace('_', ' ')} was "
                f"{words.value(row['previous_value'], row['previous_status'])} in the {releases[1]}, "
                f"now {words.value(row['current_value'], row['current_status'])} ({row['revision_kind']})."
            )
    out.append("An average caseload hides spread: some social workers in any council carry far more cases.")
    return out


def citation(
    council_name: str,
    source: dict | None,
    release: dict,
    years: tuple[int, int],
    today: dt.date | None = None,
) -> str:
    """How to cite the council's figures: the publisher, the years, the release, the licence."""
    today = today or dt.date.today()
    title = "Children's social work workforce"
    vintage = source.get("vintage") if source else ""
    url = source.get("landing_page") if source else ""
    return (
        f"Department for Education, {title} ({vintage}): {council_name}, average caseload per case-holding "
        f"social worker, {years[0]} to {years[1]}. {url}. Via Caseload Watch, release "
        f"{release.get('release_id', '?')}, accessed {today:%d %B %Y}. Contains public sector information "
        f"licensed under the Open Government Licence v3.0."
    )
