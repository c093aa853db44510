"""Disclosure control for submission metrics: exact aggregates in, publishable marts out.

Rules (docs/submissions.md, "Disclosure control"):
1. A group (council, snapshot, team) with fewer than 5 case-holding workers: every figure is `c`.
2. A count of workers (above a cap, at or below it, or in a band) from 1 to 4: `c`, and its percentage.
3. No `c` may be worked out from published figures: team counts add up to the council's, bands add up
   to the council's case holders, and a cap that falls on a band edge equals the sum of the bands above
   it. While any suppressed cell is determined by these sums (checked by linear algebra, so
   differences of sums are caught too), the smallest published cell beside it is suppressed as well.
The 90th percentile needs at least 10 workers: below that it is one or two workers' own caseloads.
"""

from __future__ import annotations

import polars as pl

from pipeline.submissions.suppression import hidden_cells
from warehouse.submissions import spec

MIN_WORKERS_P90 = 10
SUPPRESSED = "c"
PUBLISHED = "published"
TEAM_ORDER = {t: i for i, t in enumerate(("all", *spec.TEAMS, "not given"))}


def _status(flag: pl.Expr) -> pl.Expr:
    return pl.when(flag).then(pl.lit(SUPPRESSED)).otherwise(pl.lit(PUBLISHED))


def apply(aggregates: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The three submission marts, every figure with a `<x>_status` of 'published' or 'c'."""
    groups, caps, bands = aggregates["agg_groups"], aggregates["agg_caps"], aggregates["agg_bands"]
    hidden = _hidden(groups, caps, bands)
    return {
        "submission_la_snapshot": _la_snapshot(groups, aggregates["published_average"], hidden["n"]),
        "submission_cap": _cap(groups, caps, hidden["above"]),
        "submission_bands": _bands(groups, bands, hidden["band"]),
    }


def _hidden(groups: pl.DataFrame, caps: pl.DataFrame, bands: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """The suppressed cells of every submission, as key frames to join on ("n", "above", "band")."""
    found = hidden_cells(groups, caps, bands)
    schemas = {
        "n": {"submission_id": pl.String, "team": pl.String},
        "above": {"submission_id": pl.String, "scenario_id": pl.String, "team": pl.String},
        "band": {"submission_id": pl.String, "band_order": bands.schema.get("band_order", pl.Int32)},
    }
    return {
        kind: pl.DataFrame(found[kind], schema=schema, orient="row").with_columns(hide=pl.lit(True))
        for kind, schema in schemas.items()
    }


def _flag(frame: pl.DataFrame, hidden: pl.DataFrame) -> pl.DataFrame:
    """`hide` = the row's cell is suppressed (a left join on the hidden cells' keys)."""
    keys = [c for c in hidden.columns if c != "hide"]
    return frame.join(hidden, on=keys, how="left", maintain_order="left").with_columns(
        pl.col("hide").fill_null(False)
    )


def _keys(groups: pl.DataFrame) -> pl.DataFrame:
    return groups.filter(pl.col("team") == "all").select(
        "submission_id", "la_code", "snapshot_date", "is_demo"
    )


def _la_snapshot(groups: pl.DataFrame, published: pl.DataFrame, hidden: pl.DataFrame) -> pl.DataFrame:
    g = (
        _flag(groups, hidden)
        .with_columns(
            team_order=pl.col("team").replace_strict(TEAM_ORDER, default=99, return_dtype=pl.Int64),
        )
        .with_columns(hide_p90=pl.col("hide") | (pl.col("case_holders") < MIN_WORKERS_P90))
    )
    out = g.join(published, on="submission_id", how="left").sort("la_code", "snapshot_date", "team_order")

    def measure(name: str, flag: str, digits: int | None = 1) -> list[pl.Expr]:
        value = pl.col(name) if digits is None else pl.col(name).round(digits)
        return [
            pl.when(pl.col(flag)).then(None).otherwise(value).alias(name),
            _status(pl.col(flag)).alias(f"{name}_status"),
        ]

    return out.select(
        "la_code",
        "la_name",
        "snapshot_date",
        "team",
        "is_demo",
        pl.col("version").alias("submission_version"),
        *measure("case_holders", "hide", None),
        *measure("caseload_mean", "hide"),
        *measure("caseload_median", "hide"),
        *measure("caseload_p90", "hide_p90"),
        "published_la_code",
        "published_year",
        "published_caseload_fte",
        "published_caseload_status",
    )


def _cap(groups: pl.DataFrame, caps: pl.DataFrame, hidden: pl.DataFrame) -> pl.DataFrame:
    c = (
        _flag(caps.join(_keys(groups), on="submission_id"), hidden)
        .with_columns(
            team_order=pl.col("team").replace_strict(TEAM_ORDER, default=99, return_dtype=pl.Int64),
            pct=(100 * pl.col("workers_above_cap") / pl.col("case_holders")).round(1),
        )
        .sort("la_code", "snapshot_date", "scenario_order", "team_order")
    )
    return c.select(
        "la_code",
        "snapshot_date",
        "team",
        "scenario_id",
        "scenario_label",
        "cap_experienced",
        "cap_newly_qualified",
        "is_demo",
        pl.when(pl.col("hide")).then(None).otherwise(pl.col("workers_above_cap")).alias("workers_above_cap"),
        _status(pl.col("hide")).alias("workers_above_cap_status"),
        pl.when(pl.col("hide")).then(None).otherwise(pl.col("pct")).alias("pct_above_cap"),
        _status(pl.col("hide")).alias("pct_above_cap_status"),
    )


def _bands(groups: pl.DataFrame, bands: pl.DataFrame, hidden: pl.DataFrame) -> pl.DataFrame:
    total = groups.filter(pl.col("team") == "all").select("submission_id", "case_holders")
    b = (
        _flag(bands.join(_keys(groups), on="submission_id").join(total, on="submission_id"), hidden)
        .with_columns(
            pct=(100 * pl.col("workers") / pl.col("case_holders")).round(1),
        )
        .sort("la_code", "snapshot_date", "band_order")
    )
    return b.select(
        "la_code",
        "snapshot_date",
        "is_demo",
        "band_order",
        "band",
        "caseload_from",
        "caseload_to",
        pl.when(pl.col("hide")).then(None).otherwise(pl.col("workers")).alias("workers"),
        _status(pl.col("hide")).alias("workers_status"),
        pl.when(pl.col("hide")).then(None).otherwise(pl.col("pct")).alias("pct_workers"),
        _status(pl.col("hide")).alias("pct_workers_status"),
    )
