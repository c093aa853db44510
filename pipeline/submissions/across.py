"""Across councils: the case holders above each cap among the councils that submitted for one date.

Those councils only, never an estimate for England (docs/submissions.md, "Across councils"). A
council is pooled for a scenario only where its own case holders and above-cap count are both
published, so each pooled figure is a sum of published figures: it cannot reveal a suppressed one by
subtraction. The councils left out are named. Demo and real submissions are never pooled together.
"""

from __future__ import annotations

import polars as pl

SUPPRESSED, PUBLISHED = "c", "published"
DATE_KEYS = ["snapshot_date", "is_demo"]
SCENARIO_KEYS = ["scenario_id", "scenario_label", "scenario_order", "measure"]


def _joined(names: pl.Expr) -> pl.Expr:
    return names.sort().str.join("; ")


def pooled(snapshot: pl.DataFrame, cap: pl.DataFrame) -> pl.DataFrame:
    """marts.submission_across from the published marts submission_la_snapshot and submission_cap."""
    councils = snapshot.filter(pl.col("group_kind") == "all").select(
        *DATE_KEYS, "la_code", la_name=pl.coalesce("la_name", "la_code"), n="case_holders",
        n_status="case_holders_status",
    )
    submitted = councils.group_by(DATE_KEYS).agg(councils_submitted=pl.len().cast(pl.Int32))
    rows = cap.filter(pl.col("group_kind") == "all").join(councils, on=[*DATE_KEYS, "la_code"])
    rows = rows.with_columns(
        pooled=(pl.col("n_status") == PUBLISHED) & (pl.col("workers_above_cap_status") == PUBLISHED)
    )
    scenarios = rows.select(*DATE_KEYS, *SCENARIO_KEYS).unique()
    every = scenarios.join(councils.select(*DATE_KEYS, "la_code", "la_name"), on=DATE_KEYS)
    left_out = every.join(
        rows.filter(pl.col("pooled")).select(*DATE_KEYS, "scenario_id", "measure", "la_code"),
        on=[*DATE_KEYS, "scenario_id", "measure", "la_code"], how="anti",
    ).group_by(*DATE_KEYS, "scenario_id", "measure").agg(left_out_names=_joined(pl.col("la_name")))
    included = rows.filter(pl.col("pooled")).sort("la_code").group_by(*DATE_KEYS, *SCENARIO_KEYS).agg(
        councils=pl.len().cast(pl.Int32),
        council_codes=pl.col("la_code").str.join("; "),
        council_names=pl.col("la_name").str.join("; "),
        case_holders=pl.col("n").sum().cast(pl.Int64),
        workers_above_cap=pl.col("workers_above_cap").sum().cast(pl.Int64),
    )
    out = (
        scenarios.join(submitted, on=DATE_KEYS)
        .join(included, on=[*DATE_KEYS, *SCENARIO_KEYS], how="left")
        .join(left_out, on=[*DATE_KEYS, "scenario_id", "measure"], how="left")
        .with_columns(pl.col("councils").fill_null(0))
        .with_columns(
            status=pl.when(pl.col("councils") > 0).then(pl.lit(PUBLISHED)).otherwise(pl.lit(SUPPRESSED))
        )
        .sort("snapshot_date", "is_demo", "scenario_order", "measure")
    )
    return out.select(
        *DATE_KEYS,
        *SCENARIO_KEYS,
        "councils_submitted",
        "councils",
        "council_codes",
        "council_names",
        "left_out_names",
        "case_holders",
        pl.col("status").alias("case_holders_status"),
        "workers_above_cap",
        pl.col("status").alias("workers_above_cap_status"),
        pl.when(pl.col("councils") > 0)
        .then((100 * pl.col("workers_above_cap") / pl.col("case_holders")).round(1))
        .alias("pct_above_cap"),
        pl.col("status").alias("pct_above_cap_status"),
    )
