"""Disclosure control for submission metrics: exact aggregates in, publishable marts out.

Rules (docs/submissions.md, "Disclosure control"):
1. A group (council, snapshot, group kind and value) with fewer than 5 case-holding workers: every
   figure of the group is `c`; a council with fewer than 5: every figure of it.
2. A count of workers (above a cap, at or below it, or in a band) from 1 to 4: `c`, and its percentage.
3. No `c` may be worked out from published figures: each kind's groups add up to the council's,
   a group's bands add up to its case holders, and a cap that falls on a band edge equals the sum of
   the bands above it. While any suppressed cell is determined by these sums (checked by linear
   algebra, so differences of sums across groups are caught too), the smallest published cell beside
   it is suppressed as well.
The 90th percentile needs at least 10 workers: below that it is one or two workers' own caseloads.
Families per FTE and children per family are `x` where not every case holder of the group gives
families_allocated, and children per family `z` where the families add up to none.
"""

from __future__ import annotations

import polars as pl

from pipeline.submissions import across
from pipeline.submissions.suppression import hidden_cells
from warehouse.submissions import spec

MIN_WORKERS_P90 = 10
SUPPRESSED, NOT_GIVEN, NOT_APPLICABLE, PUBLISHED = "c", "x", "z", "published"
# Every group a mart can hold, in the order the site lists them (group_order).
GROUPS = (
    ("all", "all"),
    *(("team", t) for t in (*spec.TEAMS, "not given")),
    *(("employment", e) for e in spec.EMPLOYMENT),
    ("experience", "experienced"),
    ("experience", "newly qualified"),
    *(("role", r) for r in spec.ROLES),
)
GROUP_ORDER = pl.DataFrame(
    {"group_kind": [k for k, _ in GROUPS], "group_value": [v for _, v in GROUPS],
     "group_order": list(range(len(GROUPS)))},
    schema={"group_kind": pl.String, "group_value": pl.String, "group_order": pl.Int32},
)
GROUP_KEYS = ["group_kind", "group_value"]


def _status(flag: pl.Expr) -> pl.Expr:
    return pl.when(flag).then(pl.lit(SUPPRESSED)).otherwise(pl.lit(PUBLISHED))


def apply(aggregates: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The four submission marts, every figure with a `<x>_status` ('published', 'c', 'x' or 'z')."""
    groups, caps, bands = aggregates["agg_groups"], aggregates["agg_caps"], aggregates["agg_bands"]
    _same_denominators(groups, caps)
    hidden = _hidden(aggregates)
    snapshot = _la_snapshot(groups, aggregates["published_average"], hidden["n"])
    cap = _cap(groups, caps, hidden["above"])
    return {
        "submission_la_snapshot": snapshot,
        "submission_cap": cap,
        "submission_bands": _bands(groups, bands, hidden["band"]),
        "submission_across": across.pooled(snapshot, cap),
    }


def _same_denominators(groups: pl.DataFrame, caps: pl.DataFrame) -> None:
    """Every above-cap count is out of its group's case holders (a declared maximum is on every row or
    none): the complement rule and the sums depend on it, so a break is an error, not a figure."""
    keys = ["submission_id", *GROUP_KEYS]
    joined = caps.join(groups.select(*keys, n="case_holders"), on=keys, how="left")
    bad = joined.filter(pl.col("n").is_null() | (pl.col("n") != pl.col("case_holders")))
    if bad.height:
        first = bad.row(0, named=True)
        raise ValueError(
            f"submission {first['submission_id']}: {first['scenario_id']} ({first['measure']}) counts "
            f"{first['case_holders']} case holders in {first['group_kind']}/{first['group_value']}, "
            f"the group has {first['n']}"
        )


def _hidden(aggregates: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The suppressed cells of every submission, as key frames to join on ("n", "above", "band")."""
    found = hidden_cells(aggregates)
    schemas = {
        "n": {"submission_id": pl.String, "group_kind": pl.String, "group_value": pl.String},
        "above": {"submission_id": pl.String, "scenario_id": pl.String, "measure": pl.String,
                  "group_kind": pl.String, "group_value": pl.String},
        "band": {"submission_id": pl.String,
                 "band_order": aggregates["agg_bands"].schema.get("band_order", pl.Int32),
                 "group_kind": pl.String, "group_value": pl.String},
    }
    return {
        kind: pl.DataFrame(found[kind], schema=schema, orient="row").with_columns(hide=pl.lit(True))
        for kind, schema in schemas.items()
    }


def _flag(frame: pl.DataFrame, hidden: pl.DataFrame) -> pl.DataFrame:
    """`hide` = the row's cell is suppressed (a left join on the hidden cells' keys), and its group_order."""
    keys = [c for c in hidden.columns if c != "hide"]
    return (
        frame.join(hidden, on=keys, how="left", maintain_order="left")
        .with_columns(pl.col("hide").fill_null(False))
        .join(GROUP_ORDER, on=GROUP_KEYS, how="left", maintain_order="left")
    )


def _keys(groups: pl.DataFrame) -> pl.DataFrame:
    return groups.filter(pl.col("group_kind") == "all").select(
        "submission_id", "la_code", "snapshot_date", "is_demo"
    )


def _value(
    name: str, hide: pl.Expr, status: pl.Expr, digits: int | None, alias: str | None = None
) -> list[pl.Expr]:
    """A figure and its status (`c` where hidden, else `status`): NULL unless published."""
    value = pl.col(name) if digits is None else pl.col(name).round(digits)
    status = pl.when(hide).then(pl.lit(SUPPRESSED)).otherwise(status)
    alias = alias or name
    shown = pl.when(status == PUBLISHED).then(value).otherwise(None)
    return [shown.alias(alias), status.alias(f"{alias}_status")]


def _la_snapshot(groups: pl.DataFrame, published: pl.DataFrame, hidden: pl.DataFrame) -> pl.DataFrame:
    g = _flag(groups, hidden)
    out = g.join(published, on="submission_id", how="left").sort("la_code", "snapshot_date", "group_order")
    hide = pl.col("hide")
    families = pl.when(pl.col("families_given")).then(pl.lit(PUBLISHED)).otherwise(pl.lit(NOT_GIVEN))
    per_family = (
        pl.when(~pl.col("families_given")).then(pl.lit(NOT_GIVEN))
        .when(pl.col("families") == 0).then(pl.lit(NOT_APPLICABLE))
        .otherwise(pl.lit(PUBLISHED))
    )
    return out.select(
        "la_code",
        "la_name",
        "snapshot_date",
        "group_kind",
        "group_value",
        "group_order",
        "is_demo",
        pl.col("version").alias("submission_version"),
        *_value("case_holders", hide, pl.lit(PUBLISHED), None),
        *_value("caseload_mean", hide, pl.lit(PUBLISHED), 1),
        *_value("caseload_median", hide, pl.lit(PUBLISHED), 1),
        *_value("caseload_p90", hide | (pl.col("case_holders") < MIN_WORKERS_P90), pl.lit(PUBLISHED), 1),
        *_value("families_per_fte", hide, families, 1),
        *_value("children_per_family", hide, per_family, 2),
        "published_la_code",
        "published_year",
        "published_caseload_fte",
        "published_caseload_status",
    )


def _cap(groups: pl.DataFrame, caps: pl.DataFrame, hidden: pl.DataFrame) -> pl.DataFrame:
    c = (
        _flag(caps.join(_keys(groups), on="submission_id"), hidden)
        .with_columns(pct=(100 * pl.col("workers_above_cap") / pl.col("case_holders")).round(1))
        .sort("la_code", "snapshot_date", "scenario_order", "measure", "group_order")
    )
    hide = pl.col("hide")
    return c.select(
        "la_code",
        "snapshot_date",
        "group_kind",
        "group_value",
        "group_order",
        "scenario_id",
        "scenario_label",
        "scenario_order",
        "measure",
        "cap_experienced",
        "cap_newly_qualified",
        "is_demo",
        *_value("workers_above_cap", hide, pl.lit(PUBLISHED), None),
        *_value("pct", hide, pl.lit(PUBLISHED), None, "pct_above_cap"),
    )


def _bands(groups: pl.DataFrame, bands: pl.DataFrame, hidden: pl.DataFrame) -> pl.DataFrame:
    keys = ["submission_id", *GROUP_KEYS]
    b = (
        _flag(
            bands.join(_keys(groups), on="submission_id").join(
                groups.select(*keys, "case_holders"), on=keys),
            hidden,
        )
        .with_columns(pct=(100 * pl.col("workers") / pl.col("case_holders")).round(1))
        .sort("la_code", "snapshot_date", "group_order", "band_order")
    )
    hide = pl.col("hide")
    return b.select(
        "la_code",
        "snapshot_date",
        "group_kind",
        "group_value",
        "group_order",
        "is_demo",
        "band_order",
        "band",
        "caseload_from",
        "caseload_to",
        *_value("workers", hide, pl.lit(PUBLISHED), None),
        *_value("pct", hide, pl.lit(PUBLISHED), None, "pct_workers"),
    )
