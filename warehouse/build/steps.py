"""Running the SQL files that turn raw tables into staging tables and marts.

Each step is one file under `warehouse/sql/`, named for the table it writes, run in one
transaction, with the few parameters every step may use (paths of committed reference files,
and the cost per FTE that prices a cap).
"""

from __future__ import annotations

from warehouse.config import DEFAULT_COST_PER_FTE_GBP, REFERENCE_DIR
from warehouse.db import Connection, run_script


def step_params(cost_per_fte: float = DEFAULT_COST_PER_FTE_GBP) -> dict[str, str | float]:
    """Named parameters a SQL step may bind (`$council_changes`, ..., `$cost_per_fte`)."""
    params: dict[str, str | float] = {path.stem: str(path) for path in sorted(REFERENCE_DIR.glob("*.csv"))}
    params["cost_per_fte"] = cost_per_fte
    return params


def run_step(con: Connection, sql_name: str, cost_per_fte: float = DEFAULT_COST_PER_FTE_GBP) -> None:
    """Run `warehouse/sql/<sql_name>.sql`; the pipeline passes the cost per FTE of its settings."""
    run_script(con, sql_name, step_params(cost_per_fte))


def row_count(con: Connection, table: str) -> int:
    schema, name = table.split(".")
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = $s AND table_name = $n",
        {"s": schema, "n": name},
    ).fetchall()[0][0]
    if not found:
        raise LookupError(f"no table {table}")
    return con.sql(f'SELECT count(*) FROM "{schema}"."{name}"').fetchall()[0][0]
