"""What every figure of the site shares: the font, England's colour, the template, the layout, a
labelled line, and a figure's note in its hover.

Colours are the Okabe-Ito palette and the cividis / PuOr scales, which stay distinguishable with
the common colour-vision deficiencies. The cap and the England average are always drawn as
labelled lines, never only as a colour.
"""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl
from plotly.shapeannotation import axis_spanning_shape_annotation

ENGLAND_C = "#333333"
FONT = dict(
    family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", size=14, color="#1b1b1b"
)
Y_TITLE = "Children per case-holding social worker (FTE)"
TEMPLATE = "plotly_white"
# Every figure of the site starts from this template. Set as plotly's default, it is applied
# when a figure is made, without validation; set per figure (update_layout(template=...)) it
# was validated and deep-copied every time: ~12 ms a figure, a third of a council page's render.
pio.templates.default = TEMPLATE


def hover_note(note: str | None, width: int = 48) -> str:
    """A figure's note (marts.la_year_notes) for a hover label: nothing, or the note on lines of its
    own (hover labels do not wrap), so the hover never shows a flagged figure without its warning."""
    if not note:
        return ""
    return "<br>" + "<br>".join(textwrap.wrap(html.escape(note), width))


def note_column(df: pl.DataFrame, alias: str = "caseload_note") -> pl.Expr:
    """A mart's caseload_note (marts.la_year_notes) as a column of a chart's rows; empty for a kept
    release made before the notes, so its pages still draw."""
    expr = pl.col("caseload_note") if "caseload_note" in df.columns else pl.lit(None, pl.String)
    return expr.alias(alias)


def _base(fig: go.Figure, height: int, **layout: object) -> go.Figure:
    """The site's layout (font, height, margins, legend below), then `layout`; every figure module
    here ends with it."""
    settings: dict = {
        "font": FONT,
        "height": height,
        "margin": dict(l=60, r=20, t=30, b=50),
        "hoverlabel": dict(font_size=14),
        "legend": dict(orientation="h", y=-0.15),
    }
    fig.update_layout(**{**settings, **layout})
    return fig


def add_line(
    fig: go.Figure,
    value: float,
    *,
    line: dict,
    text: str,
    position: str,
    font: dict | None = None,
    axis: str = "y",
) -> None:
    """What fig.add_hline / add_vline add to a one-plot figure (a line across it and its label),
    as two plain dicts: their general machinery cost ~5 ms a line, several lines a page."""
    if axis == "y":
        shape = dict(type="line", x0=0, x1=1, xref="x domain", y0=value, y1=value, yref="y", line=line)
        refs = dict(xref="x domain", yref="y")
    else:
        shape = dict(type="line", x0=value, x1=value, xref="x", y0=0, y1=1, yref="y domain", line=line)
        refs = dict(xref="x", yref="y domain")
    label = {"annotation_text": text, "annotation_position": position}
    if font is not None:
        label["annotation_font"] = font
    note = axis_spanning_shape_annotation(None, "hline" if axis == "y" else "vline", shape, label)
    fig.layout.shapes += (shape,)  # update_layout(shapes=[...]) re-validated the existing ones: 10x slower
    fig.layout.annotations += (note | refs,)
