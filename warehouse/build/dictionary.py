"""The data dictionary: one description per column, used by the pipeline, site and downloads.

It lives in `data/dictionary/<schema.table>.toml`, is loaded into
`meta.dictionary`, and a blocking check refuses to publish a mart column
that it does not describe.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import polars as pl

from warehouse.config import DICTIONARY_DIR
from warehouse.db import Connection, transaction


def read_dictionary(folder: Path = DICTIONARY_DIR) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(tables, columns) frames from every TOML file in `folder`."""
    tables, columns = [], []
    for path in sorted(folder.glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        if doc.get("table") != path.stem:
            raise ValueError(f"{path}: 'table' must be {path.stem!r}, found {doc.get('table')!r}")
        tables.append({"table_name": doc["table"], "description": doc["description"]})
        for position, (column, text) in enumerate(doc["columns"].items(), start=1):
            columns.append({"table_name": doc["table"], "column_name": column,
                            "position": position, "description": text})
    return pl.DataFrame(tables), pl.DataFrame(columns)


def load_dictionary(con: Connection, folder: Path = DICTIONARY_DIR) -> int:
    tables, columns = read_dictionary(folder)
    with transaction(con):
        con.execute("CREATE SCHEMA IF NOT EXISTS meta")
        con.register("dict_tables", tables)
        con.register("dict_columns", columns)
        con.execute("CREATE OR REPLACE TABLE meta.dictionary_tables AS SELECT * FROM dict_tables")
        con.execute("CREATE OR REPLACE TABLE meta.dictionary AS SELECT * FROM dict_columns")
        con.unregister("dict_tables")
        con.unregister("dict_columns")
    return columns.height


def undocumented_columns(con: Connection) -> list[tuple[str, str]]:
    """Mart columns with no entry in meta.dictionary (and entries for columns that are gone)."""
    return con.execute("""
        WITH actual AS (
            SELECT schema_name || '.' || table_name AS table_name, column_name
            FROM duckdb_columns() WHERE schema_name = 'marts' AND database_name = current_database()
        )
        SELECT table_name, column_name FROM actual
        EXCEPT SELECT table_name, column_name FROM meta.dictionary
        UNION ALL
        SELECT d.table_name, d.column_name || ' (documented, but no such column)'
        FROM meta.dictionary d
        WHERE d.table_name IN (SELECT table_name FROM actual)
          AND (d.table_name, d.column_name) NOT IN (SELECT table_name, column_name FROM actual)
        ORDER BY ALL""").fetchall()
