"""Running the SQL files that turn raw tables into staging tables and marts.

Each step is one file under `warehouse/sql/`, run in one transaction, with the
few parameters every step may use (paths of committed reference files).
"""

from __future__ import annotations

import duckdb

from warehouse.config import PROJECT_ROOT, Settings
from warehouse.db import run_script

REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"


def step_params() -> dict[str, str | float]:
    """Named parameters a SQL step may bind (`$council_changes`, ..., `$cost_per_fte`)."""
    params: dict[str, str | float] = {path.stem: str(path) for path in sorted(REFERENCE_DIR.glob("*.csv"))}
    params["cost_per_fte"] = Settings.from_env().cost_per_fte_gbp
    return params


def run_step(con: duckdb.DuckDBPyConnection, sql_name: str) -> None:
    run_script(con, sql_name, step_params())


def row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    schema, name = table.split(".")
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = $s AND table_name = $n",
        {"s": schema, "n": name},
    ).fetchall()[0][0]
    if not found:
        raise LookupError(f"no table {table}")
    return con.sql(f'SELECT count(*) FROM "{schema}"."{name}"').fetchall()[0][0]
