"""Every vintage of a series ever fetched, kept: the catalogue row and the cells in long form.

A publisher's table is republished each year with earlier years revised. Each distinct file
(by sha256) is one vintage; it is stored once, inside the same transaction that loads the raw
table, so a run that fails leaves neither. Vintages are ordered by the latest year they cover,
then by when the publisher published them, then by when we first fetched them
(warehouse/sql/staging/workforce_vintages.sql): the first is the current release.
"""

from __future__ import annotations

from typing import Protocol

import polars as pl

from warehouse.db import Connection

# The columns that say where and when a row is, in the publisher's tidy layout; every other
# column of a vintage is a measure and becomes (measure, raw_value) cells.
ID_COLUMNS = ("time_period", "time_identifier", "geographic_level", "country_code", "country_name",
              "region_code", "region_name", "old_la_code", "new_la_code", "la_name")


class Fetch(Protocol):
    source_id: str
    url: str
    fetched_at: object
    sha256: str
    vintage: str
    route: str | None
    published: str | None


def vintage_id(sha256: str) -> str:
    return sha256[:12]


def keep_vintage(con: Connection, series: str, frame: pl.DataFrame, fetch: Fetch) -> bool:
    """Store `frame` as a vintage of `series` unless that file is kept already; True if new.

    Runs inside the caller's transaction (warehouse.build.raw.load_source).
    """
    vid = vintage_id(fetch.sha256)
    known = con.execute("SELECT count(*) FROM raw.vintages WHERE series = $s AND vintage_id = $v",
                        {"s": series, "v": vid}).fetchall()[0][0]
    if known:
        return False
    missing = [c for c in (*ID_COLUMNS, "_row") if c not in frame.columns]
    if missing:
        raise ValueError(f"{fetch.source_id}: a vintage of {series} needs the columns {missing}")
    measures = [c for c in frame.columns if c not in (*ID_COLUMNS, "_row")]
    cells = frame.unpivot(index=["_row", *ID_COLUMNS], on=measures,
                          variable_name="measure", value_name="raw_value")
    latest = frame.select(pl.col("time_period").cast(pl.Int64, strict=False).max()).item()
    con.register("incoming_cells", cells)
    try:
        con.execute(
            "INSERT INTO raw.vintage_cells BY NAME "
            "SELECT $s AS series, $v AS vintage_id, * FROM incoming_cells", {"s": series, "v": vid})
    finally:
        con.unregister("incoming_cells")
    con.execute(
        "INSERT INTO raw.vintages VALUES ($series, $vid, $source_id, $vintage, $route, $url, "
        "$published, $sha256, $latest, $fetched_at, $rows)",
        {"series": series, "vid": vid, "source_id": fetch.source_id, "vintage": fetch.vintage,
         "route": fetch.route, "url": fetch.url, "published": fetch.published,
         "sha256": fetch.sha256, "latest": latest, "fetched_at": fetch.fetched_at,
         "rows": frame.height})
    return True
