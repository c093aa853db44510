"""The charts a reader can switch: every variant is drawn up front, so a control only picks one.

Funnel: overdispersion-adjusted limits by default, plain (chance-only) limits on request.
Council trend: statistical neighbours under the DfE 2025 or 2021 model, as a mean or a median.
"""

from __future__ import annotations

import polars as pl

from dashboard.components.chart import Switch, SwitchGroup, variant_key
from dashboard.figures import caseloads, variation
from dashboard.figures.base import note_column
from dashboard.views import council_facts
from dashboard.views.benchmarks import LABEL_WORDS

MODELS = (("2025", "DfE 2025 model"), ("2021", "DfE April 2021 model"))
STATS = (("mean", "Mean"), ("median", "Median"))

FUNNEL_COLUMNS = {
    "la_name": "Council",
    "case_holders_fte": "Social workers (FTE)",
    "caseload_fte": "Caseload",
    "lower_95": "Lower 95% limit (adjusted)",
    "upper_95": "Upper 95% limit (adjusted)",
    "label": "Compared with England (adjusted)",
    "unadjusted_label": "Compared with England (chance alone)",
    "caseload_note": "Note",
}


def funnel_switch(points: pl.DataFrame, curve: pl.DataFrame | None, highlight: str | None = None) -> Switch:
    """The funnel with adjusted limits (the default) and with plain ones; `highlight` a la_code."""
    group = SwitchGroup(
        "limits",
        "Funnel limits",
        (
            ("adjusted", "Allowing for real variation between councils (default)"),
            ("plain", "Chance alone (plain funnel)"),
        ),
        "adjusted",
    )
    return Switch(
        (group,), {m: variation.funnel(points, curve, m, highlight) for m in ("adjusted", "plain")}
    )


def funnel_table(points: pl.DataFrame) -> pl.DataFrame:
    """The funnel's rows for the table and CSV: each council with its label under both methods."""
    return points.select(
        "la_name",
        pl.col("denominator").alias("case_holders_fte"),
        pl.col("value").alias("caseload_fte"),
        "lower_95",
        "upper_95",
        pl.col("label").replace(LABEL_WORDS),
        pl.col("unadjusted_label").replace(LABEL_WORDS),
        note_column(points),
    )


def _model_name(neighbours: pl.DataFrame | None, model: str) -> str:
    if neighbours is not None:
        names = neighbours.filter(pl.col("neighbour_model") == model)["neighbour_model_name"]
        if names.len():
            return names[0]
    return dict(MODELS)[model]


def trend_switch(
    history: pl.DataFrame,
    areas: pl.DataFrame,
    neighbours: pl.DataFrame | None,
    council: dict,
    cap: float,
    cap_label: str,
) -> tuple[Switch, pl.DataFrame]:
    """Four drawings of the council's trend (model x statistic) and the rows of all of them."""
    figs, frames = {}, []
    name = council["la_name"]
    for model, _ in MODELS:
        for stat, _ in STATS:
            frame = council_facts.trend_frame(
                history, areas, neighbours, name, council["region_code"], model, stat
            )
            fig = caseloads.trend_lines(frame, cap, cap_label, name)
            fig.update_layout(
                title=dict(
                    text=f"Neighbours line: {_model_name(neighbours, model)}, {stat} of their averages",
                    font=dict(size=14),
                    x=0.01,
                    xanchor="left",
                ),
                margin=dict(t=60),
            )
            figs[variant_key([model, stat])] = fig
            frames.append(frame)
    groups = (
        SwitchGroup("model", "Statistical neighbour model", MODELS, "2025"),
        SwitchGroup("statistic", "Neighbours' statistic", STATS, "mean"),
    )
    rows = pl.concat(frames, how="vertical_relaxed").unique(["name", "year"], maintain_order=True)
    return Switch(groups, figs), rows
