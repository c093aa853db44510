"""The caseload charts: the hex map, every council ranked, the spread, lines over time.

Pure functions: data in, plotly figure out; no queries, no Dash (dashboard/figures/base.py has
what they share).
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl
from plotly.colors import sample_colorscale

from dashboard.figures.base import ENGLAND_C, Y_TITLE, _base, add_line, hover_note

OVER, UNDER, CAP_C, MISSING = "#D55E00", "#0072B2", "#000000", "#d9d9d9"
# A hex's outline: over the cap thick black; otherwise a thin grey at 4.5:1 against the white
# background, so a hex whose fill is near white (no figure, cividis' top, the distance scale's
# middle) still shows where it is (WCAG 1.4.11); dotted where there is no figure.
OVER_EDGE, EDGE = "#000000", "#767676"
# Lines over time: the Okabe-Ito hues, with its orange and sky blue darkened to 3:1 against white
# (#E69F00 and #56B4E9 were 2.3:1), and a marker shape of their own, so lines differ by more than
# colour.
LINE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#B07A00", "#3A8FC4")
MARKERS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "x", "star", "cross", "pentagon",
           "hexagon")
CASELOAD_RANGE = (10.0, 25.0)
DISTANCE_RANGE = (-8.0, 8.0)


def _notes(df: pl.DataFrame, column: str) -> list[str]:
    """The hover text of each row's note; rows without the column have none."""
    if column not in df.columns:
        return [""] * df.height
    return [hover_note(n) for n in df[column].to_list()]


def _reference_lines(
    fig: go.Figure, cap: float, cap_label: str, england: float | None, axis: str = "y"
) -> None:
    add_line(
        fig,
        cap,
        axis=axis,
        line=dict(color=CAP_C, width=2, dash="dash"),
        text=f"Cap: {cap_label}",
        position="top left" if axis == "y" else "top right",
        font=dict(size=13, color=CAP_C),
    )
    if england is not None:
        add_line(
            fig,
            england,
            axis=axis,
            line=dict(color=ENGLAND_C, width=2, dash="dot"),
            text=f"England average: {england:.1f}",
            position="bottom right" if axis == "y" else "top left",
            font=dict(size=13, color=ENGLAND_C),
        )


def hex_centre(q: int, r: int) -> tuple[float, float]:
    """Odd-r layout: odd rows sit half a hex to the right; rows go north."""
    return q + 0.5 * (r % 2), r * math.sqrt(3) / 2


def hex_path(q: int, r: int) -> str:
    cx, cy = hex_centre(q, r)
    radius = 1 / math.sqrt(3) * 0.97
    pts = [
        (cx + radius * math.cos(math.radians(60 * k - 30)), cy + radius * math.sin(math.radians(60 * k - 30)))
        for k in range(6)
    ]
    return "M " + " L ".join(f"{x:.3f},{y:.3f}" for x, y in pts) + " Z"


def _fills(values: list[float | None], scale: str, lo: float, hi: float, offset: float) -> list[str]:
    """Each value's colour on the scale (MISSING for None), sampled in one call: plotly looks the
    named scale up on every call, which was most of the cost of drawing the map."""
    shown = [min(max((v - offset - lo) / (hi - lo), 0.0), 1.0) for v in values if v is not None]
    sampled = iter(sample_colorscale(scale, shown) if shown else [])
    return [MISSING if v is None else next(sampled) for v in values]


def hex_map(hexes: pl.DataFrame, cap: float, cap_label: str, mode: str = "caseload") -> go.Figure:
    """`hexes`: q, r, hex_name, la_name, caseload_fte, caseload_status, over_cap (one row per hex), and
    caseload_note when the release has notes."""
    distance = mode == "distance"
    lo, hi = DISTANCE_RANGE if distance else CASELOAD_RANGE
    scale = "PuOr_r" if distance else "cividis"
    rows = list(hexes.iter_rows(named=True))
    notes = _notes(hexes, "caseload_note")
    values = [r["caseload_fte"] if r["caseload_status"] == "published" else None for r in rows]
    fills = _fills(values, scale, lo, hi, cap if distance else 0.0)
    shapes, xs, ys, texts = [], [], [], []
    for row, value, fill, hover in zip(rows, values, fills, notes, strict=True):
        over = bool(row["over_cap"])
        shapes.append(
            dict(
                type="path",
                path=hex_path(row["q"], row["r"]),
                fillcolor=fill,
                layer="below",
                # no figure: dotted, so it is not told from a pale fill by its grey alone
                line=dict(color=OVER_EDGE if over else EDGE, width=2.5 if over else 1,
                          dash="dot" if value is None else "solid"),
            )
        )
        x, y = hex_centre(row["q"], row["r"])
        xs.append(x)
        ys.append(y)
        status = (
            f"{value:.1f} children per social worker"
            if value is not None
            else f"not published ({row['caseload_status'] or 'no return'})"
        )
        note = " — over the cap" if over else ""
        texts.append(f"<b>{row['hex_name']}</b><br>{status}{note}{hover}")
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            text=texts,
            hoverinfo="text",
            showlegend=False,
            marker=dict(size=14, color="rgba(0,0,0,0)"),
        )
    )
    if distance:
        ticks, labels = [lo, 0.0, hi], [f"{lo:+.0f}", f"0 = at the cap ({cap_label})", f"{hi:+.0f}"]
    else:  # round ticks, minus any too close to the cap's own labelled tick
        ticks = [t for t in (10.0, 15.0, 20.0, 25.0) if abs(t - cap) >= 1.5] + [cap]
        labels = [f"{t:.0f}" for t in ticks[:-1]] + [f"{cap:g} = cap"]
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            showlegend=False,
            hoverinfo="skip",
            marker=dict(
                colorscale=scale,
                cmin=lo,
                cmax=hi,
                color=[lo],
                showscale=True,
                colorbar=dict(
                    title=dict(text="Above or below the cap" if distance else "Caseload"),
                    tickvals=ticks,
                    ticktext=labels,
                    len=0.8,
                ),
            ),
        )
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    return _base(fig, 620, shapes=shapes, margin=dict(l=5, r=5, t=10, b=10))


def ranked_bars(df: pl.DataFrame, cap: float, cap_label: str, england: float | None) -> go.Figure:
    """`df`: la_name, region_name, caseload_fte, over_cap, region_average, caseload_note; published rows
    only."""
    df = df.sort("caseload_fte", descending=True)
    fig = go.Figure()
    for flag, name, colour in ((True, "Over the cap", OVER), (False, "At or under the cap", UNDER)):
        part = df.filter(pl.col("over_cap") == flag)
        fig.add_trace(
            go.Bar(
                x=part["la_name"].to_list(),
                y=part["caseload_fte"].to_list(),
                name=name,
                marker_color=colour,
                customdata=list(
                    zip(part["region_name"].to_list(), _notes(part, "caseload_note"), strict=True)
                ),
                hovertemplate="<b>%{x}</b> (%{customdata[0]})<br>%{y:.1f}%{customdata[1]}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=df["la_name"].to_list(),
            y=df["region_average"].to_list(),
            mode="markers",
            name="Region average",
            marker=dict(symbol="diamond", size=6, color="#ffffff", line=dict(color="#000000", width=1)),
            hovertemplate="%{x}: region average %{y:.1f}<extra></extra>",
        )
    )
    _reference_lines(fig, cap, cap_label, england)
    fig.update_xaxes(
        showticklabels=False,
        title="Councils, highest caseload on the left",
        categoryorder="array",
        categoryarray=df["la_name"].to_list(),
    )
    fig.update_yaxes(title=Y_TITLE, rangemode="tozero")
    return _base(fig, 460, bargap=0.1)


def distribution(values: list[float], cap: float, cap_label: str, england: float | None) -> go.Figure:
    fig = go.Figure(
        go.Histogram(
            x=values,
            xbins=dict(size=1),
            marker_color=UNDER,
            name="Councils",
            hovertemplate="%{x}: %{y} councils<extra></extra>",
        )
    )
    _reference_lines(fig, cap, cap_label, england, axis="x")
    fig.update_xaxes(title="Average caseload (children per social worker)")
    fig.update_yaxes(title="Number of councils")
    return _base(fig, 360, bargap=0.05, showlegend=False)


def trend_lines(
    series: pl.DataFrame, cap: float | None = None, cap_label: str = "", emphasis: str | None = None
) -> go.Figure:
    """`series`: name, year, value (long), and optionally note (a point's note, shown in its hover).
    `emphasis` is drawn thick; England black dotted."""
    fig = go.Figure()
    palette = LINE_COLOURS
    names = list(dict.fromkeys(series["name"].to_list()))
    for i, name in enumerate(names):
        part = series.filter(pl.col("name") == name).sort("year")
        if name == "England":
            line = dict(color=ENGLAND_C, width=3, dash="dot")
        elif emphasis and name == emphasis:
            line = dict(color=palette[0], width=4)
        elif emphasis:
            line = dict(color=palette[(i % 5) + 1], width=2)
        else:  # more series than colours: vary the dash too, so no two lines look alike
            line = dict(
                color=palette[i % len(palette)], width=2.5, dash=("solid", "dash", "dashdot")[i // 6 % 3]
            )
        fig.add_trace(
            go.Scatter(
                x=part["year"].to_list(),
                y=part["value"].to_list(),
                mode="lines+markers",
                name=name,
                line=line,
                marker=dict(symbol=MARKERS[i % len(MARKERS)], size=7),
                connectgaps=False,
                customdata=_notes(part, "note"),
                hovertemplate=f"{name}<br>%{{x}}: %{{y:.1f}}%{{customdata}}<extra></extra>",
            )
        )
    if cap is not None:
        add_line(
            fig,
            cap,
            line=dict(color=CAP_C, width=2, dash="dash"),
            text=f"Cap: {cap_label}",
            position="top left",
        )
    fig.update_xaxes(title="Year (position at 30 September)", dtick=1)
    fig.update_yaxes(title=Y_TITLE)
    return _base(fig, 420)
