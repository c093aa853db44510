"""The SQL steps that turn raw tables into staging and marts, by name.

Each step is one file under `warehouse/sql/`, run in one transaction.
"""

from __future__ import annotations

import duckdb

from warehouse.config import PROJECT_ROOT
from warehouse.db import run_script

REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"

STEPS: dict[str, str] = {
    "workforce": "staging/workforce",
    "population": "staging/population",
    "councils": "staging/councils",
    "la_year": "marts/la_year",
    "area_year": "marts/area_year",
}


def run_step(con: duckdb.DuckDBPyConnection, step: str) -> None:
    params = {"council_changes": str(REFERENCE_DIR / "council_changes.csv")}
    run_script(con, STEPS[step], params)


def row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    schema, name = table.split(".")
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema=$s AND table_name=$n",
        {"s": schema, "n": name},
    ).fetchall()[0][0]
    if not found:
        raise LookupError(f"no table {table}")
    return con.sql(f'SELECT count(*) FROM "{schema}"."{name}"').fetchall()[0][0]
