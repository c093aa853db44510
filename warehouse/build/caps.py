"""Caseload metrics for any cap: the stored scenarios and a user's own cap, one definition.

The per-council and per-area formulas live once, in `sql/queries/la_year_cap.sql` and
`sql/queries/area_year_cap.sql`. The pipeline runs them over the scenarios in `marts.caps`
to build `marts.la_year_cap` and `marts.area_year_cap`; the site runs the same text for
a cap a user picks (`cap_summary`, `la_cap`), which is cheap: one query over marts.la_year.
A cap a user picks is priced at the release's own cost per FTE (marts.caps), like the stored ones.
"""

from __future__ import annotations

import polars as pl

from warehouse.db import Connection, sql_text, transaction

# Scenarios with a cap of their own: `declared` (each worker's own maximum) is for submissions only.
_SCENARIO_INPUT = "SELECT scenario_id, cap, cost_per_fte_gbp FROM marts.caps WHERE cap IS NOT NULL"
_CUSTOM_INPUT = ("SELECT 'custom' AS scenario_id, CAST($cap AS DOUBLE) AS cap, "
                 "CAST($cost_per_fte AS DOUBLE) AS cost_per_fte_gbp")


_LA_INPUT = "SELECT * FROM marts.la_year"
# A kept release made before marts.la_year carried its notes can still be priced at any cap.
_LA_INPUT_WITHOUT_NOTES = "SELECT *, CAST(NULL AS VARCHAR) AS caseload_note FROM marts.la_year"


def _la_input(con: Connection) -> str:
    found = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'marts' AND table_name = 'la_year' "
        "AND column_name = 'caseload_note'"
    ).fetchall()[0][0]
    return _LA_INPUT if found else _LA_INPUT_WITHOUT_NOTES


def _inputs(con: Connection, cap_input: str) -> str:
    return f"WITH cap_input AS ({cap_input}),\nla_input AS ({_la_input(con)})"


def _la_cap_sql(con: Connection, cap_input: str) -> str:
    return f"{_inputs(con, cap_input)}\n{sql_text('queries/la_year_cap')}"


def _area_cap_sql(con: Connection, cap_input: str) -> str:
    return (f"{_inputs(con, cap_input)},\nla_cap AS ({sql_text('queries/la_year_cap')})\n"
            f"{sql_text('queries/area_year_cap')}")


def build_la_year_cap(con: Connection) -> None:
    """marts.la_year_cap: every council, year and stored cap scenario."""
    with transaction(con):
        con.execute("CREATE OR REPLACE TABLE marts.la_year_cap AS "
                    f"SELECT * FROM ({_la_cap_sql(con, _SCENARIO_INPUT)}) "
                    "ORDER BY year, scenario_id, la_code")


def build_area_year_cap(con: Connection) -> None:
    """marts.area_year_cap: England and regions, every year and stored cap scenario."""
    with transaction(con):
        con.execute("CREATE OR REPLACE TABLE marts.area_year_cap AS SELECT * FROM "
                    f"({_area_cap_sql(con, _SCENARIO_INPUT)}) "
                    "ORDER BY year, scenario_id, geographic_level, area_code")


def release_cost_per_fte(con: Connection) -> float:
    """The cost per FTE this release was built with (marts.caps): what every cost it shows is priced at,
    whatever the process reading it was started with."""
    costs = con.execute("SELECT DISTINCT cost_per_fte_gbp FROM marts.caps").fetchall()
    if len(costs) != 1:
        raise LookupError(f"marts.caps should hold one cost per FTE, found {len(costs)}")
    return float(costs[0][0])


def _cost(con: Connection, cost_per_fte: float | None) -> float:
    return release_cost_per_fte(con) if cost_per_fte is None else float(cost_per_fte)


def _check_cap(cap: float) -> None:
    if not cap > 0:
        raise ValueError(f"a cap must be a positive number of cases, not {cap!r}")


def cap_summary(con: Connection, year: int, cap: float,
                cost_per_fte: float | None = None) -> pl.DataFrame:
    """England and each region for one year at any cap: the columns of marts.area_year_cap."""
    _check_cap(cap)
    sql = (f"SELECT * FROM ({_area_cap_sql(con, _CUSTOM_INPUT)}) WHERE year = $year "
           "ORDER BY geographic_level, area_code")
    return con.sql(sql, params={"cap": cap, "cost_per_fte": _cost(con, cost_per_fte), "year": year}).pl()


def la_cap(con: Connection, year: int, cap: float,
           cost_per_fte: float | None = None) -> pl.DataFrame:
    """Every council for one year at any cap: the columns of marts.la_year_cap."""
    _check_cap(cap)
    sql = f"SELECT * FROM ({_la_cap_sql(con, _CUSTOM_INPUT)}) WHERE year = $year ORDER BY la_code"
    return con.sql(sql, params={"cap": cap, "cost_per_fte": _cost(con, cost_per_fte), "year": year}).pl()
