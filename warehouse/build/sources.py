"""Tables that describe a release: its sources."""

from __future__ import annotations

import polars as pl

from warehouse.db import Connection, transaction


def load_sources(con: Connection, frame: pl.DataFrame) -> None:
    with transaction(con):
        con.execute("CREATE SCHEMA IF NOT EXISTS meta")
        con.register("incoming_sources", frame)
        con.execute("CREATE OR REPLACE TABLE meta.sources AS SELECT * FROM incoming_sources")
        con.unregister("incoming_sources")
