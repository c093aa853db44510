"""Council submissions in DuckDB: the only code that reads or writes the `submissions` schema.

Worker rows stay in the pipeline's working file (schema `submissions`); only the
disclosure-controlled marts (marts.submission_*) are ever published. Loading
is in submissions_load.py (a batch of files in one transaction).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from warehouse.db import Connection, run_script, transaction

FOI_MART_TABLES = ("submission_foi_answer", "submission_foi_bands", "submission_foi_cap")
MART_TABLES = ("submission_la_snapshot", "submission_cap", "submission_bands", "submission_across",
               *FOI_MART_TABLES)
FOI_AGGREGATE_TABLES = ("agg_foi_answers", "agg_foi_bands", "agg_foi_caps")
AGGREGATE_TABLES = ("agg_groups", "agg_caps", "agg_bands", "published_average", *FOI_AGGREGATE_TABLES)


def ensure_schema(con: Connection) -> None:
    run_script(con, "submissions/schema")


def table_exists(con: Connection, schema: str, name: str) -> bool:
    return (
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = $s AND table_name = $n "
            "AND database_name = current_database()",
            {"s": schema, "n": name},
        ).fetchall()[0][0]
        > 0
    )


def build_aggregates(con: Connection, caps_path: Path | None) -> dict[str, pl.DataFrame]:
    """Exact counts per current submission (working tables), before disclosure control; FOI answers'
    band counts and caps too (agg_foi_*)."""
    ensure_schema(con)
    if caps_path is not None and caps_path.exists():
        run_script(con, "submissions/caps", {"caps": str(caps_path)})
    else:
        run_script(con, "submissions/caps_none")
    run_script(con, "submissions/aggregates")
    run_script(con, "submissions/foi_aggregates")  # FOI answers' bands (after the caps)
    published = table_exists(con, "marts", "la_year") and table_exists(con, "marts", "dim_la")
    run_script(con, "submissions/published_average" if published else "submissions/published_average_none")
    return {name: con.sql(f"SELECT * FROM submissions.{name} ORDER BY ALL").pl() for name in AGGREGATE_TABLES}


def write_marts(con: Connection, marts: dict[str, pl.DataFrame]) -> dict[str, int]:
    """Replace the submission marts in one transaction; they hold only disclosure-controlled figures.

    A mart whose content would not change is left as it is.
    """
    unknown = set(marts) - set(MART_TABLES)
    if unknown:
        raise ValueError(f"not submission marts: {sorted(unknown)}")
    with transaction(con):
        con.execute("CREATE SCHEMA IF NOT EXISTS marts")
        for name, frame in marts.items():
            if _same_content(con, name, frame):
                continue
            con.register("incoming_mart", frame)
            con.execute(f'CREATE OR REPLACE TABLE marts."{name}" AS SELECT * FROM incoming_mart')
            con.unregister("incoming_mart")
    return {name: frame.height for name, frame in marts.items()}


def _same_content(con: Connection, name: str, frame: pl.DataFrame) -> bool:
    if not table_exists(con, "marts", name):
        return False
    existing = con.sql(f'SELECT * FROM marts."{name}"').pl()
    if existing.schema != frame.schema:
        return False
    return existing.sort(pl.all(), nulls_last=True).equals(frame.sort(pl.all(), nulls_last=True))


def known_codes_from(con: Connection) -> set[str]:
    """Current council codes and joint-return members in a build's marts.dim_la (the benchmark's
    list; every check uses data/reference/councils.csv, kept in step with this by a test)."""
    rows = con.execute(
        "SELECT DISTINCT code FROM (SELECT la_code AS code FROM marts.dim_la WHERE is_current "
        "UNION ALL SELECT unnest(member_codes) FROM marts.dim_la WHERE is_current)"
    ).fetchall()
    return {code for (code,) in rows}


def published_targets(con: Connection, snapshot: dt.date) -> list[tuple[str, float, float]]:
    """(la_code, published caseload, case-holding FTE) per single current council, latest year <= snapshot.

    Used to calibrate demo data; joint returns are left out (a submission is one council's).
    """
    return con.execute(
        """SELECT la_code, caseload_fte, case_holders_fte FROM marts.la_year
           WHERE caseload_status = 'published' AND case_holders_fte IS NOT NULL AND la_code NOT LIKE '%/%'
             AND la_code IN (SELECT la_code FROM marts.dim_la WHERE is_current)
             AND make_date(year, 9, 30) <= $d
           QUALIFY row_number() OVER (PARTITION BY la_code ORDER BY year DESC) = 1
           ORDER BY la_code""",
        {"d": snapshot},
    ).fetchall()
