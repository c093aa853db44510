"""The profile's "Compared with England" table: every benchmarked measure, its label in words.

The label's colour repeats its words (orange higher, purple lower, grey similar), so nothing is
carried by colour alone, and nothing is called good or bad.
"""

from __future__ import annotations

from dash import html

from dashboard.components.notes import figure_note
from dashboard.components.table import scrollable_table

COLUMNS = ("Measure", "Value", "Compared with England", "Rank", "Quartile")


def benchmark_section(rows: list[dict[str, str]], year: int) -> html.Section:
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
