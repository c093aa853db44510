"""Joins and selections that put warehouse rows into the shape a chart needs.

No figure is defined here: values come from the warehouse as they are; these
functions only match rows (hex to council, council to its region) and order them.
"""

from __future__ import annotations

import polars as pl


def region_averages(areas: pl.DataFrame) -> pl.DataFrame:
    """Published regional averages (E12 regions only) for one year: region_code, region_average."""
    return areas.filter(
        (pl.col("geographic_level") == "Regional")
        & pl.col("area_code").str.starts_with("E12")
        & (pl.col("caseload_status") == "published")
    ).select(
        pl.col("area_code").alias("region_code"),
        pl.col("area_name").alias("region_name"),
        pl.col("caseload_fte").alias("region_average"),
    )


def england_value(areas: pl.DataFrame, column: str = "caseload_fte") -> float | None:
    row = areas.filter(pl.col("area_code") == "E92000001")
    if not row.height or row["caseload_status"][0] != "published":
        return None
    return row[column][0]


def hex_frame(hexes: pl.DataFrame, caps: pl.DataFrame) -> pl.DataFrame:
    """One row per hex with its council's figures in the year (matched through the council's series)."""
    figures = caps.select("series_code", "caseload_fte", "caseload_status", "over_cap", "excess")
    out = hexes.select("hex_code", "hex_name", "la_name", "region_name", "series_code", "q", "r").join(
        figures, on="series_code", how="left"
    )
    return out.with_columns(
        pl.col("caseload_status").fill_null("no return"), pl.col("over_cap").fill_null(False)
    )


def ranked_frame(caps: pl.DataFrame, regions: pl.DataFrame) -> pl.DataFrame:
    """Councils with a published caseload, highest first, with their region's published average."""
    pub = caps.filter(pl.col("caseload_status") == "published")
    return (
        pub.join(regions.select("region_code", "region_average"), on="region_code", how="left")
        .sort(["caseload_fte", "la_name"], descending=[True, False])
        .with_columns(pl.int_range(1, pl.len() + 1).alias("position"))
        .select(
            "position",
            "la_code",
            "la_name",
            "region_name",
            "caseload_fte",
            "region_average",
            "over_cap",
            "excess",
            "additional_fte",
            "cost_gbp",
        )
    )


def not_published(caps: pl.DataFrame) -> list[tuple[str, str]]:
    rows = caps.filter(pl.col("caseload_status") != "published").sort("la_name")
    return list(zip(rows["la_name"].to_list(), rows["caseload_status"].to_list(), strict=True))


def one_row(df: pl.DataFrame | None, **equals: object) -> dict | None:
    """The single row of a mart matching every column = value, or None."""
    if df is None:
        return None
    for col, val in equals.items():
        df = df.filter(pl.col(col) == val)
    return df.row(0, named=True) if df.height else None
