"""Benchmarks: each council compared with England, the council page's "Compared with England"
section. Each measure's label in words, its rank and quartile, a line of why, and the table.

Everything is read from marts.la_year_benchmark and marts.benchmark_measures as published.
Labels say higher or lower than England, never better or worse; the colour only repeats the
words (orange higher, purple lower, grey similar: a colour-blind-safe pair, docs/site.md), so
nothing is carried by colour alone. The lottery's summary (how far councils differ, Trends) is
written here too, from marts.lottery_size.
"""

from __future__ import annotations

import polars as pl
from dash import html

from dashboard.components.notes import figure_note
from dashboard.components.table import scrollable_table

COLUMNS = ("Measure", "Value", "Compared with England", "Rank", "Quartile")

LABEL_WORDS = {
    "similar": "similar to England",
    "higher_95": "higher than England (95%)",
    "higher_99_8": "higher than England (99.8%)",
    "lower_95": "lower than England (95%)",
    "lower_99_8": "lower than England (99.8%)",
    "not_compared": "not compared (no published figure)",
}


def label_words(label: str | None) -> str:
    return LABEL_WORDS.get(label or "not_compared", label or "not compared")


def label_class(label: str | None) -> str:
    """CSS class: the direction only (higher / lower / similar), never good or bad."""
    label = label or "not_compared"
    if label.startswith("higher"):
        return "bench-higher"
    if label.startswith("lower"):
        return "bench-lower"
    return "bench-similar" if label == "similar" else "bench-none"


def value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "no published figure"
    if unit.startswith("%"):
        return f"{value:.1f}%"
    if unit.startswith("per 10000"):
        return f"{value:,.0f} per 10,000 children"
    return f"{value:.1f} {unit}"


def _number(value: float, unit: str) -> str:
    return f"{max(value, 0.0):,.0f}" if unit.startswith("per 10000") else f"{max(value, 0.0):.1f}"


def explanation(row: dict) -> str:
    """One line: England's value and the 95% range in which a council reads as similar."""
    if row.get("label") in (None, "not_compared"):
        return "Not compared: the figure is suppressed or missing, so it is not ranked either."
    unit = row["unit"]
    low, high = row["lower_95"], row["upper_95"]
    top = value_text(high, unit)
    span = f"up to {top}" if low <= 0 else f"between {_number(low, unit)} and {top}"
    return (
        f"England: {value_text(row['england_value'], unit)}. A council of this size reads as similar to "
        f"England {span}, allowing for real variation between councils (95%)."
    )


def rank_text(row: dict) -> str:
    if row.get("rank") is None:
        return "not ranked"
    return f"{row['rank']} of {row['n_ranked']} (1 = lowest; ties share a rank)"


def quartile_text(row: dict) -> str:
    q = row.get("quartile")
    if q is None:
        return "none"
    if row.get("better") == "none":
        return f"{q} (A lowest values, D highest; no direction)"
    return f"{q} (A lowest values, D highest)"


def benchmark_rows(df: pl.DataFrame) -> list[dict[str, str]]:
    """One row per measure, in marts.benchmark_measures order, worded for the profile's table."""
    return [
        {
            "measure": r["measure"],
            "Measure": r["measure_label"],
            "Value": value_text(r["value"], r["unit"])
            if r.get("label") not in (None, "not_compared")
            else (f"not published ({r['value_status']})" if r.get("value_status") else "no figure"),
            "Compared with England": label_words(r.get("label")),
            "class": label_class(r.get("label")),
            "Rank": rank_text(r),
            "Quartile": quartile_text(r),
            "Explanation": explanation(r),
            "Direction": r["why"],
            "Note": r.get("note") or "",
        }
        for r in df.iter_rows(named=True)
    ]


def benchmark_section(rows: list[dict[str, str]], year: int) -> html.Section:
    """The section: one row per measure (`benchmark_rows`), its explanation and direction beneath."""
    body = []
    for r in rows:
        body.append(
            html.Tr(
                [
                    html.Th(r["Measure"], scope="row", rowSpan=2),
                    html.Td([r["Value"], figure_note(r.get("Note"))]),
                    html.Td(html.Span(r["Compared with England"], className=f"bench-label {r['class']}")),
                    html.Td(r["Rank"]),
                    html.Td(r["Quartile"]),
                ],
                className="bench-main",
                **{"data-measure": r["measure"]},
            )
        )
        body.append(
            html.Tr(
                html.Td(
                    [html.Span(r["Explanation"] + " "), html.Span(r["Direction"], className="bench-why")],
                    colSpan=4,
                ),
                className="bench-note",
            )
        )
    caption = f"Each measure in {year} compared with England"
    return html.Section(
        id="section-benchmarks",
        children=[
            html.H2(f"Compared with England, {year}"),
            html.P(
                "Higher or lower than England by more than its size and the usual variation between "
                "councils would explain, at 95% or 99.8%. Higher and lower are not better and worse: see "
                "each measure's note. Rank 1 is the lowest value; quartile A holds the quarter of councils "
                "with the lowest values."
            ),
            scrollable_table(caption, COLUMNS, body, caption=caption, wrap_class="bench-wrap",
                             table_class="bench-table"),
        ],
    )


def lottery_summary(sizes: pl.DataFrame) -> str:
    """The chart's text summary: first and latest year's tau with its interval, range and ratio."""
    if not sizes.height:
        return "No estimate of the size of the lottery in this release."
    df = sizes.sort("year")
    first, last = df.row(0, named=True), df.row(-1, named=True)

    def one(r: dict) -> str:
        return (
            f"{r['year']}: {r['between_council_sd']:.1f} cases per FTE (95% interval "
            f"{r['between_council_sd_lower_95']:.1f} to {r['between_council_sd_upper_95']:.1f}); range "
            f"{r['range']:.1f}, highest {r['max_min_ratio']:.1f} times the lowest"
        )

    return (
        "Line charts of the size of the postcode lottery in caseloads, from "
        f"{first['year']} to {last['year']}. {one(first)}. {one(last)}."
    )
