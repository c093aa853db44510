"""How far councils vary: the funnel plot (each council against England, allowing for its size)
and the size of the postcode lottery over the years. Pure functions: data in, figure out.

The funnel's curves come from warehouse.build.benchmark.limit_curve (the formula the marts' limits
use, with the published tau); each council's label is read from marts.la_year_benchmark.
Higher and lower are an orange / purple pair with different marker shapes, and the method is
written on the chart.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from dashboard.figures.base import ENGLAND_C, FONT, Y_TITLE, _base, add_line, hover_note, note_column

HIGHER, LOWER, SIMILAR = "#b35806", "#542788", "#7f7f7f"
# Written on the funnel: which limits it draws.
METHODS = {
    "adjusted": "allowing for real variation between councils (random-effects funnel, Spiegelhalter 2005)",
    "plain": "chance alone (plain Poisson funnel, no allowance for real variation)",
}
LIMIT_COLUMNS = {
    "adjusted": ("lower_95", "upper_95", "lower_99_8", "upper_99_8", "label"),
    "plain": (
        "unadjusted_lower_95",
        "unadjusted_upper_95",
        "unadjusted_lower_99_8",
        "unadjusted_upper_99_8",
        "unadjusted_label",
    ),
}
GROUPS = (
    ("higher", "Higher than England", HIGHER, "triangle-up"),
    ("similar", "Similar to England", SIMILAR, "circle"),
    ("lower", "Lower than England", LOWER, "triangle-down"),
)


def _points(points: pl.DataFrame, method: str) -> pl.DataFrame:
    return points.select(
        "la_code",
        "la_name",
        pl.col("denominator").alias("x"),
        pl.col("value").alias("y"),
        pl.col(LIMIT_COLUMNS[method][-1]).alias("label"),
        note_column(points),
    )


def funnel(
    points: pl.DataFrame,
    curve: pl.DataFrame | None,
    method: str = "adjusted",
    highlight: str | None = None,
) -> go.Figure:
    """`points`: warehouse.read.benchmarks.funnel_points (caseload, one year); `curve`: its funnel_curve;
    `highlight`: a la_code. Each council is marked by its label under `method`."""
    df = _points(points, method)
    fig = go.Figure()
    lo95, hi95, lo998, hi998, _ = LIMIT_COLUMNS[method]
    for cols, name, dash in (((lo95, hi95), "95% limits", "dash"), ((lo998, hi998), "99.8% limits", "dot")):
        for col in cols if curve is not None else ():
            fig.add_trace(
                go.Scatter(
                    x=curve["denominator"].to_list(),
                    y=curve[col].to_list(),
                    mode="lines",
                    name=name,
                    legendgroup=name,
                    showlegend=col == cols[0],
                    line=dict(color="#333333", dash=dash, width=1.5),
                    hoverinfo="skip",
                )
            )
    for key, name, colour, symbol in GROUPS:
        part = df.filter(pl.col("label").str.starts_with(key))
        fig.add_trace(
            go.Scatter(
                x=part["x"].to_list(),
                y=part["y"].to_list(),
                mode="markers",
                text=part["la_name"].to_list(),
                customdata=[hover_note(n) for n in part["caseload_note"].to_list()],
                name=f"{name} ({part.height})",
                marker=dict(color=colour, size=8, symbol=symbol, line=dict(color="#ffffff", width=0.5)),
                hovertemplate="<b>%{text}</b><br>%{x:.0f} social workers<br>caseload %{y:.1f}"
                f"<br>{name.lower()}%{{customdata}}<extra></extra>",
            )
        )
    if highlight:
        part = df.filter(pl.col("la_code") == highlight)
        label = part["la_name"][0] if part.height else highlight
        fig.add_trace(
            go.Scatter(
                x=part["x"].to_list(),
                y=part["y"].to_list(),
                mode="markers+text",
                text=[label] * part.height,
                textposition="top center",
                name=label,
                marker=dict(color="#000000", size=16, symbol="star"),
            )
        )
    if points.height:
        england = points["england_value"][0]
        add_line(
            fig,
            england,
            line=dict(color=ENGLAND_C, dash="dot", width=2),
            text=f"England: {england:.1f}",
            position="top left",
        )
    fig.update_xaxes(title="Case-holding social workers (FTE), log scale", type="log")
    fig.update_yaxes(title=Y_TITLE)
    return _base(
        fig,
        500,
        title=dict(text=f"Limits: {METHODS[method]}", font=dict(size=14), x=0.01, xanchor="left"),
        margin=dict(l=60, r=20, t=60, b=50),
    )


def lottery(sizes: pl.DataFrame) -> go.Figure:
    """`sizes`: marts.lottery_size rows for caseload. Three panels over the years: tau with its
    95% interval, the plain range, and the max/min ratio."""
    df = sizes.sort("year")
    years = df["year"].to_list()
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.09,
        subplot_titles=(
            "Spread chance does not explain (between-council SD), with its 95% interval",
            "Range: highest minus lowest council",
            "Ratio: highest council / lowest council",
        ),
    )
    upper, lower = df["between_council_sd_upper_95"].to_list(), df["between_council_sd_lower_95"].to_list()
    fig.add_trace(
        go.Scatter(
            x=years + years[::-1],
            y=upper + lower[::-1],
            fill="toself",
            mode="lines",
            fillcolor="rgba(0,114,178,0.18)",
            line=dict(width=1, color="#0072B2"),  # the pale band's edge carries its 3:1 (WCAG 1.4.11)
            name="95% interval",
            hoverinfo="skip",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=years,
            y=df["between_council_sd"].to_list(),
            mode="lines+markers",
            name="Between-council SD",
            line=dict(color="#0072B2", width=3),
            customdata=list(zip(lower, upper, strict=True)),
            hovertemplate="%{x}: %{y:.2f} cases per FTE (95%: %{customdata[0]:.2f} to "
            "%{customdata[1]:.2f})<extra></extra>",
        ),
        row=1,
        col=1,
    )
    for row, col, name, fmt_ in (
        (2, "range", "Range", ".1f"),
        (3, "max_min_ratio", "Max / min ratio", ".2f"),
    ):
        fig.add_trace(
            go.Scatter(
                x=years,
                y=df[col].to_list(),
                mode="lines+markers",
                name=name,
                line=dict(color="#D55E00" if row == 2 else "#009E73", width=2.5),
                hovertemplate=f"%{{x}}: %{{y:{fmt_}}}<extra>{name}</extra>",
            ),
            row=row,
            col=1,
        )
    fig.update_yaxes(title_text="cases per FTE", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="cases per FTE", rangemode="tozero", row=2, col=1)
    fig.update_yaxes(title_text="times", rangemode="tozero", row=3, col=1)
    fig.update_xaxes(dtick=1)
    fig.update_xaxes(title_text="Year (position at 30 September)", row=3, col=1)
    fig.update_annotations(font=dict(size=14, family=FONT["family"]), x=0, xanchor="left")
    return _base(fig, 680, margin=dict(l=70, r=20, t=40, b=50), showlegend=False)
