"""The site's queries of the published figures, against the published snapshot (marts + meta only);
council submissions' reads are in submissions.py and submissions_foi.py.

No figure is defined here: cap figures come from warehouse.build.caps (the same SQL as
marts.la_year_cap / marts.area_year_cap, run for any cap); everything else is read from
the marts as published. These functions select, filter and rename. See docs/site.md.
"""

from __future__ import annotations

import polars as pl

from warehouse.build import caps as metrics
from warehouse.db import Connection
from warehouse.domain import ENGLAND_CODE, Cap

MEASURES = ("caseload_fte", "agency_rate_fte", "vacancy_rate_fte", "turnover_rate_fte", "absence_rate_fte")


def frame(con: Connection, sql: str, params: dict | None = None) -> pl.DataFrame:
    """A bound query as a polars frame (duckdb 2.0: `execute(...).pl()` is gone)."""
    rel = con.execute(sql, params or {})
    cols = [d[0] for d in rel.description]
    return pl.DataFrame(rel.fetchall(), schema=cols, orient="row", infer_schema_length=None)


def tables(con: Connection) -> list[tuple[str, str]]:
    """Every published table: (schema, table)."""
    rows = con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() "
        "WHERE schema_name IN ('marts', 'meta') ORDER BY schema_name, table_name"
    ).fetchall()
    return [(s, t) for s, t in rows]


def has_table(con: Connection, schema: str, name: str) -> bool:
    return (schema, name) in tables(con)


def column_names(con: Connection, schema: str, name: str) -> set[str]:
    """A published table's columns (none when the table is missing): a kept release may be older."""
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE schema_name = $s AND table_name = $t "
        "AND database_name = current_database()",
        {"s": schema, "t": name},
    ).fetchall()
    return {r[0] for r in rows}


def has_column(con: Connection, schema: str, name: str, column: str) -> bool:
    """Whether a published table has a column: a kept release may be older than the column."""
    return column in column_names(con, schema, name)


def caseload_note_column(con: Connection, alias: str = "l") -> str:
    """`<alias>.caseload_note` of marts.la_year, or an empty note for a release made before it had one.

    The returned text is one of two fixed fragments written here, never reader input.
    """
    if has_column(con, "marts", "la_year", "caseload_note"):
        return f"{alias}.caseload_note"
    return "CAST(NULL AS VARCHAR)"


def table(con: Connection, schema: str, name: str) -> pl.DataFrame:
    """A whole published table; the name must be one `tables()` lists (never free text in SQL)."""
    if (schema, name) not in tables(con):
        raise LookupError(f"no published table {schema}.{name}")
    return frame(con, f'SELECT * FROM "{schema}"."{name}"')


def release(con: Connection) -> dict:
    rows = con.execute("SELECT release_id, built_at FROM meta.release").fetchall()
    return {"release_id": rows[0][0], "built_at": rows[0][1]} if rows else {}


def years(con: Connection) -> list[int]:
    return [r[0] for r in con.execute("SELECT DISTINCT year FROM marts.la_year ORDER BY year").fetchall()]


def councils(con: Connection) -> pl.DataFrame:
    """Current councils (one row per return), for search and pickers."""
    return frame(
        con,
        "SELECT la_code, la_name, slug, region_code, region_name, la_type, series_code, "
        "member_codes, change_note FROM marts.dim_la WHERE is_current ORDER BY la_name",
    )


def dim_la(con: Connection) -> pl.DataFrame:
    return frame(con, "SELECT * FROM marts.dim_la ORDER BY la_code")


def search_index(con: Connection) -> pl.DataFrame:
    if has_table(con, "marts", "council_search"):
        return frame(
            con,
            "SELECT search_term, term_kind, la_code, la_name, slug, region_name "
            "FROM marts.council_search ORDER BY search_term",
        )
    return frame(
        con,
        "SELECT la_name AS search_term, 'council' AS term_kind, la_code, la_name, slug, "
        "region_name FROM marts.dim_la WHERE is_current ORDER BY la_name",
    )


def hex_layout(con: Connection) -> pl.DataFrame:
    return frame(con, "SELECT * FROM marts.hex_layout ORDER BY r DESC, q")


def caps(con: Connection) -> pl.DataFrame | None:
    """The named cap scenarios, when the metric marts publish them."""
    return table(con, "marts", "caps") if has_table(con, "marts", "caps") else None


def council_caps(con: Connection, year: int, cap: Cap) -> pl.DataFrame:
    """Every council in `year` against `cap`: the caseload as published, and what the cap implies.

    The definition is warehouse.build.caps.la_cap, the same SQL as marts.la_year_cap, run for
    any cap and priced at this release's cost per FTE. Columns are renamed to the site's short names;
    nothing is recomputed here.
    """
    df = metrics.la_cap(con, year, cap.threshold)
    return df.rename(
        {
            "excess_over_cap": "excess",
            "additional_fte_needed": "additional_fte",
            "additional_cost_gbp": "cost_gbp",
        }
    ).sort("la_name")


def area_year(con: Connection, year: int | None = None) -> pl.DataFrame:
    where = "WHERE year = $year" if year is not None else ""
    return frame(
        con,
        f"SELECT geographic_level, area_code, area_name, year, caseload_fte, caseload_status, "
        f"cases, case_holders_fte, agency_rate_fte, vacancy_rate_fte, turnover_rate_fte, "
        f"absence_rate_fte, children_0_17 FROM marts.area_year {where} "
        f"ORDER BY year, geographic_level, area_name",
        {"year": year} if year else {},
    )


def council(con: Connection, key: str) -> dict | None:
    """A council by code (any case), slug or a joint return's member code; the current council first.

    The one resolver of a council key: the site's pages, /api/v1/councils/<key> and every `council=`
    parameter of the API and the downloads (warehouse.read.tables.council_code) go through it.
    """
    rows = frame(
        con,
        """
        SELECT * FROM marts.dim_la
        WHERE upper(la_code) = upper($k) OR slug = lower($k) OR list_contains(member_codes, upper($k))
        ORDER BY is_current DESC, last_year DESC LIMIT 1
    """,
        {"k": key.strip()},
    )
    return rows.row(0, named=True) if rows.height else None


def council_history(con: Connection, series_code: str) -> pl.DataFrame:
    """Every year of a council's series (its code may have changed), all published measures."""
    return frame(con, "SELECT * FROM marts.la_year WHERE series_code = $s ORDER BY year", {"s": series_code})


def councils_history(con: Connection, series_codes: list[str]) -> pl.DataFrame:
    return frame(
        con,
        "SELECT * FROM marts.la_year WHERE list_contains($s, series_code) ORDER BY year, la_name",
        {"s": series_codes},
    )


def optional_rows(
    con: Connection, name: str, where: str = "", params: dict | None = None
) -> pl.DataFrame | None:
    """Rows of a metric mart that may not be in this release yet (None when absent).

    `where` is a fixed clause written in this module, never reader input.
    """
    if not has_table(con, "marts", name):
        return None
    return frame(con, f'SELECT * FROM marts."{name}" {where}', params)


def england_variation(con: Connection, year: int) -> dict | None:
    """marts.variation_year's England row for a year: the lowest and highest council, named."""
    rows = frame(
        con,
        "SELECT year, n_las_covered, n_las_unknown, min_caseload_fte, min_la_names, max_caseload_fte, "
        "max_la_names, range_caseload_fte FROM marts.variation_year WHERE area_code = $e AND year = $year",
        {"e": ENGLAND_CODE, "year": year},
    )
    return rows.row(0, named=True) if rows.height else None


def nearby_gaps(con: Connection, year: int) -> pl.DataFrame | None:
    """marts.nearby_gaps for a year, widest first (None for a release made before the mart)."""
    return optional_rows(
        con, "nearby_gaps", "WHERE year = $year ORDER BY gap_rank, higher_la_name, lower_la_name",
        {"year": year},
    )


def england_named_caps(con: Connection, year: int) -> pl.DataFrame:
    """marts.area_year_cap's England rows for a year: councils over each named cap, with coverage."""
    return frame(
        con,
        "SELECT scenario_id, cap, n_las_over_cap, n_las_covered, n_las_unknown FROM marts.area_year_cap "
        "WHERE area_code = $e AND year = $year ORDER BY cap",
        {"e": ENGLAND_CODE, "year": year},
    )


def notes(con: Connection, series_codes: list[str]) -> pl.DataFrame:
    """marts.la_year_notes for these council series, every year (empty for a release without it)."""
    if not has_table(con, "marts", "la_year_notes"):
        return pl.DataFrame(
            schema={"la_code": pl.String, "series_code": pl.String, "year": pl.Int32, "note_kind": pl.String,
                    "measure": pl.String, "about_caseload": pl.Boolean, "note": pl.String}
        )
    return con.sql(
        "SELECT la_code, series_code, year, note_kind, measure, about_caseload, note "
        "FROM marts.la_year_notes WHERE list_contains($s, series_code) "
        "ORDER BY year, la_code, note_order, measure",
        params={"s": series_codes},
    ).pl()


def dictionary(con: Connection) -> pl.DataFrame:
    return frame(con, "SELECT * FROM meta.dictionary ORDER BY table_name, column_name")


def england_cap_summary(con: Connection, year: int, cap: Cap) -> dict:
    """England's headline for a year and cap: warehouse.build.caps.cap_summary's England row
    (the definition of marts.area_year_cap), priced at this release's cost per FTE."""
    areas = metrics.cap_summary(con, year, cap.threshold)
    eng = areas.filter(pl.col("area_code") == ENGLAND_CODE).row(0, named=True)
    row = {
        "councils_published": eng["n_las_covered"],
        "councils_not_published": eng["n_las_unknown"],
        "councils_over": eng["n_las_over_cap"],
        "children_in_councils_over": eng["children_in_las_over_cap"],
        "additional_fte": eng["additional_fte_needed"],
        "cost_gbp": eng["additional_cost_gbp"],
        "cost_per_fte_gbp": eng["cost_per_fte_gbp"],
    }
    eng_row = frame(
        con,
        "SELECT caseload_fte, caseload_status, population_year FROM marts.area_year "
        "WHERE area_code = $e AND year = $year",
        {"e": ENGLAND_CODE, "year": year},
    )
    row.update(
        eng_row.row(0, named=True)
        if eng_row.height
        else {"caseload_fte": None, "caseload_status": "blank", "population_year": None}
    )
    return row
