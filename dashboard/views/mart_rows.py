"""Rows of the marts picked and joined for a page's charts and tables.

No figure is defined here: values come from the warehouse as they are; these functions only
match rows (hex to council, council to its region, a figure to its note), pick one, and order them.
"""

from __future__ import annotations

import polars as pl

from dashboard.figures.base import note_column
from dashboard.views import words
from warehouse.domain import ENGLAND_CODE, REGION_CODE_PREFIX


def region_averages(areas: pl.DataFrame) -> pl.DataFrame:
    """Published regional averages (E12 regions only) for one year: region_code, region_average."""
    return areas.filter(
        (pl.col("geographic_level") == "Regional")
        & pl.col("area_code").str.starts_with(REGION_CODE_PREFIX)
        & (pl.col("caseload_status") == "published")
    ).select(
        pl.col("area_code").alias("region_code"),
        pl.col("area_name").alias("region_name"),
        pl.col("caseload_fte").alias("region_average"),
    )


def england_value(areas: pl.DataFrame, column: str = "caseload_fte") -> float | None:
    """England's published value in marts.area_year rows; None when it is not published."""
    row = areas.filter(pl.col("area_code") == ENGLAND_CODE)
    if not row.height or row["caseload_status"][0] != "published":
        return None
    return row[column][0]


def hex_frame(hexes: pl.DataFrame, caps: pl.DataFrame) -> pl.DataFrame:
    """One row per hex with its council's figures in the year (matched through the council's series)."""
    figures = caps.select(
        "series_code", "caseload_fte", "caseload_status", "over_cap", "excess", note_column(caps)
    )
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
            note_column(caps),
        )
    )


def not_published(caps: pl.DataFrame) -> list[tuple[str, str]]:
    """(council, status) of every council whose caseload is not published, by name."""
    rows = caps.filter(pl.col("caseload_status") != "published").sort("la_name")
    return list(zip(rows["la_name"].to_list(), rows["caseload_status"].to_list(), strict=True))


def one_row(df: pl.DataFrame | None, **equals: object) -> dict | None:
    """The single row of a mart matching every column = value, or None."""
    if df is None:
        return None
    for col, val in equals.items():
        df = df.filter(pl.col(col) == val)
    return df.row(0, named=True) if df.height else None


def cell_note(notes: pl.DataFrame, row: dict | None, column: str) -> str | None:
    """The note beside one council's figure in the table: the caseload's own notes (marts.la_year
    caseload_note) on the caseload row, the revisions of that measure on the others."""
    if row is None:
        return None
    if column == "caseload_fte":
        return row.get("caseload_note")
    own = notes.filter(
        (pl.col("la_code") == row["la_code"])
        & (pl.col("measure") == column)
        & (pl.col("note_kind") == "revised")
    )
    return " ".join(own["note"].to_list()) or None


def digest_sections(
    digest: pl.DataFrame | None, cap: float, sections: dict[str, str]
) -> list[tuple[str, list[str]]]:
    """The latest digest's sections as (heading, summary lines); cap sections follow the chosen cap.
    A council's line carries the note on its figure (a large change, a joint return)."""
    if digest is None or not digest.height:
        return []
    latest = digest.filter(pl.col("digest_year") == digest["digest_year"].max())
    out = []
    for key, heading in sections.items():
        part = latest.filter(pl.col("section") == key)
        if part["scenario_id"].drop_nulls().len():
            part = part.filter(pl.col("cap") == cap)
        if part.height:
            part = part.sort("item_rank")
            notes = part["note"].to_list() if "note" in part.columns else [None] * part.height
            lines = [words.with_note(s, n) for s, n in zip(part["summary"], notes, strict=True)]
            out.append((heading, lines))
    return out
