"""Filtered reads of published tables for the API and downloads, with bound parameters only.

Table and column names come from the release's own catalogue (never from a request); every
value a reader sends is a bound parameter. A filter applies only to a table that has its
column; callers ask `filters_for` first and refuse the others with a clear message.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from warehouse.build import caps as metrics
from warehouse.db import Connection
from warehouse.read.site import council, tables
from warehouse.read.sources import sources as site_sources
from warehouse.read.sources import vintages as site_vintages

# filter name -> the column it matches (council also matches series_code, to follow code changes)
FILTER_COLUMNS = {"year": "year", "region": "region_code", "council": "la_code", "cap": "scenario_id"}
ORDER_FIRST = ("year", "scenario_id", "geographic_level", "region_code", "area_code", "la_code")


def _pl(con: Connection, sql: str, params: dict | None = None) -> pl.DataFrame:
    """Keeps DuckDB's column types (dates stay dates, empty tables keep their schema)."""
    return con.sql(sql, params=params or {}).pl()


@dataclass(frozen=True)
class Page:
    """Rows of one request and the count of all rows that matched (for pagination)."""

    rows: pl.DataFrame
    total: int


def columns(con: Connection, schema: str, name: str) -> list[str]:
    if (schema, name) not in tables(con):
        raise LookupError(f"no published table {schema}.{name}")
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE schema_name = $s AND table_name = $t "
        "AND database_name = current_database() ORDER BY column_index",
        {"s": schema, "t": name},
    ).fetchall()
    return [r[0] for r in rows]


def filters_for(con: Connection, schema: str, name: str) -> set[str]:
    """The filters that make sense for this table (it has the column)."""
    cols = set(columns(con, schema, name))
    return {f for f, col in FILTER_COLUMNS.items() if col in cols}


def filtered(
    con: Connection,
    schema: str,
    name: str,
    filters: dict[str, object],
    limit: int | None = None,
    offset: int = 0,
) -> Page:
    """Rows of a published table matching every filter: in the table's own order, or, for a page
    (`limit`), in a stable order by its key columns so pages neither overlap nor skip."""
    cols = columns(con, schema, name)
    where, params = [], {}
    for key, value in filters.items():
        if value is None:
            continue
        column = FILTER_COLUMNS[key]  # KeyError for anything not a known filter
        if column not in cols:
            raise ValueError(f"{schema}.{name} cannot be filtered by {key}")
        if key == "council" and "series_code" in cols:
            where.append(f'("{column}" = ${key} OR series_code = ${key})')
        else:
            where.append(f'"{column}" = ${key}')
        params[key] = value
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    order = [c for c in ORDER_FIRST if c in cols] + [c for c in cols if c not in ORDER_FIRST]
    order_sql = ", ".join(f'"{c}"' for c in order)
    total = con.execute(f'SELECT count(*) FROM "{schema}"."{name}" {clause}', params).fetchall()[0][0]
    page = ""
    if limit is not None:
        page = f"ORDER BY {order_sql} LIMIT $limit OFFSET $offset"
        params = {**params, "limit": limit, "offset": offset}
    rows = _pl(con, f'SELECT * FROM "{schema}"."{name}" {clause} {page}', params)
    return Page(rows, int(total))


def custom_cap(
    con: Connection,
    cap: float,
    filters: dict[str, object],
    limit: int | None = None,
    offset: int = 0,
) -> Page:
    """Every council against a cap a reader chose: warehouse.build.caps.la_cap (the definition of
    marts.la_year_cap), priced at this release's cost per FTE, for one year or every year, filtered
    and paged like `filtered`."""
    years = [filters["year"]] if filters.get("year") is not None else [
        r[0] for r in con.execute("SELECT DISTINCT year FROM marts.la_year ORDER BY year").fetchall()
    ]
    df = pl.concat([metrics.la_cap(con, int(y), cap) for y in years], how="vertical_relaxed")
    if filters.get("region") is not None:
        df = df.filter(pl.col("region_code") == filters["region"])
    if filters.get("council") is not None:
        code = filters["council"]
        df = df.filter((pl.col("la_code") == code) | (pl.col("series_code") == code))
    df = df.sort("year", "la_code")
    rows = df.slice(offset, limit) if limit is not None else df
    return Page(rows, df.height)


def regions(con: Connection) -> dict[str, str]:
    """Region code -> name, as the councils' rows carry them."""
    sql = "SELECT DISTINCT region_code, region_name FROM marts.dim_la ORDER BY 1"
    return dict(con.execute(sql).fetchall())


def years(con: Connection) -> list[int]:
    return [r[0] for r in con.execute("SELECT DISTINCT year FROM marts.la_year ORDER BY year").fetchall()]


def council_code(con: Connection, key: str) -> str | None:
    """The code (marts.dim_la.la_code) of the council a key names: its code, slug or a joint return's
    member code, resolved by warehouse.read.site.council, as the site and /api/v1/councils/<key> do."""
    row = council(con, key)
    return row["la_code"] if row else None


def release_sources(con: Connection) -> pl.DataFrame:
    """The release's sources, for the API and the downloads (one definition: warehouse.read.site)."""
    return site_sources(con)


def vintages(con: Connection) -> pl.DataFrame:
    """Every vintage of the workforce table in this release, the current first."""
    return site_vintages(con)
