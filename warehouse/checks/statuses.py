"""Every `_status` column of every mart must describe its value (docs/method.md, "Symbols").

`published` means the value is there, exactly as published (or computed from published figures);
any other status (a suppression symbol, `blank`, `no match`, `no population`) means it is empty and
says why. The marts are found in the catalogue (`duckdb_columns()`), so a new mart is covered
without editing this module.

Naming rule: `<x>_status` describes the column `<x>` of the same table (`value_status` -> `value`,
`cases_status` -> `cases`). The columns below are named otherwise; a status column that fits neither
fails the check, so a new one must follow the rule or be listed here.
"""

from __future__ import annotations

from warehouse.checks import Check, result
from warehouse.db import Connection

STATUS_SUFFIX = "_status"
# status column -> the value column it describes, where the name does not follow `<x>_status` -> `<x>`.
EXCEPTIONS = {
    "caseload_status": "caseload_fte",
    "published_caseload_status": "published_caseload_fte",
    "previous_status": "previous_value",
    "current_status": "current_value",
    "cin_status": "cin_at_31_march",
}
# The columns that name a failing row's council and year, the first a table has.
COUNCIL_COLUMNS = ("la_code", "area_code", "series_code")
YEAR_COLUMNS = ("year", "figure_year", "snapshot_date")


def mart_columns(con: Connection, schema: str = "marts") -> dict[str, list[str]]:
    """Every table of `schema` in this database and its columns, in order."""
    rows = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE schema_name = $s AND database_name = current_database() ORDER BY table_name, column_index",
        {"s": schema},
    ).fetchall()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


def value_column(status: str) -> str:
    """The value column a status column describes, by the naming rule or its listed exception."""
    return EXCEPTIONS.get(status, status.removesuffix(STATUS_SUFFIX))


def status_pairs(con: Connection, schema: str = "marts") -> list[tuple[str, str, str | None]]:
    """(table, status column, value column or None when the table has no such column)."""
    pairs = []
    for table, columns in mart_columns(con, schema).items():
        for column in columns:
            if column.endswith(STATUS_SUFFIX):
                value = value_column(column)
                pairs.append((table, column, value if value in columns else None))
    return pairs


def _first(columns: list[str], wanted: tuple[str, ...]) -> str:
    found = next((c for c in wanted if c in columns), None)
    return f'CAST("{found}" AS VARCHAR)' if found else "NULL"


def statuses_describe_values(con: Connection, schema: str = "marts") -> Check:
    """`published` has a value; any other status has none.

    Failures are (table, value column, council, year, status).
    """
    columns = mart_columns(con, schema)
    failures: list[tuple] = []
    for table, status, value in status_pairs(con, schema):
        if value is None:
            failures.append((table, status, None, None, "no value column"))
            continue
        cols = columns[table]
        failures += con.execute(f"""
            SELECT '{table}', '{value}', {_first(cols, COUNCIL_COLUMNS)}, {_first(cols, YEAR_COLUMNS)},
                   coalesce("{status}", 'NULL')
            FROM "{schema}"."{table}"
            WHERE ("{status}" = 'published') IS DISTINCT FROM ("{value}" IS NOT NULL)
            ORDER BY ALL""").fetchall()
    return result(failures, "every status describes its value",
                   "values whose status disagrees (table, column, council, year, status)")
