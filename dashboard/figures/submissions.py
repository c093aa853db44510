"""A council's own submissions over time: each snapshot's median and 90th percentile, with the
published average for the matching 30 September beside them.

Pure: rows in (published figures only; a suppressed point is a gap, never a number), figure out.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard.figures.base import ENGLAND_C, _base
from dashboard.figures.caseloads import LINE_COLOURS

# (column, legend name, line, marker): the published average drawn as the England lines are, dotted.
LINES = (
    ("median", "Median (council submission)", dict(color=LINE_COLOURS[0], width=3), "circle"),
    ("p90", "90th percentile (council submission)", dict(color=LINE_COLOURS[1], width=3, dash="dash"),
     "square"),
    ("published_average", "Published average (DfE, 30 September)", dict(color=ENGLAND_C, width=2, dash="dot"),
     "diamond"),
)
Y_TITLE = "Children per FTE"


def snapshot_series(rows: pl.DataFrame) -> go.Figure:
    """`rows`: snapshot_date (ISO text) and median, p90, published_average (None where not published)."""
    fig = go.Figure()
    for col, name, line, marker in LINES:
        fig.add_trace(
            go.Scatter(
                x=rows["snapshot_date"].to_list(),
                y=rows[col].to_list(),
                mode="lines+markers",
                name=name,
                line=line,
                marker=dict(symbol=marker, size=9),
                connectgaps=False,
                hovertemplate=f"{name}<br>%{{x|%-d %B %Y}}: %{{y:.1f}}<extra></extra>",
            )
        )
    fig.update_xaxes(title="Snapshot date", type="date", tickformat="%b %Y",
                     tickvals=rows["snapshot_date"].to_list())
    fig.update_yaxes(title=Y_TITLE, rangemode="tozero")
    return _base(fig, 380)
