"""The raw layer: published files loaded as text, and the record of every fetch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from warehouse.build.vintages import keep_vintage
from warehouse.db import Connection, run_script, transaction


@dataclass(frozen=True)
class SourceFile:
    """What `raw.source_files` records of one fetch."""

    source_id: str
    url: str
    fetched_at: dt.datetime
    bytes: int
    sha256: str
    vintage: str
    etag: str | None
    last_modified: str | None
    not_modified: bool
    archive_path: str
    route: str | None = None
    version_key: str | None = None
    published: str | None = None
    added_columns: str | None = None

_COLUMNS = ("source_id", "url", "fetched_at", "bytes", "sha256", "vintage", "etag", "last_modified",
            "not_modified", "archive_path", "route", "version_key", "published", "added_columns")


def ensure_schema(con: Connection) -> None:
    run_script(con, "schema")


def last_good_fetch(con: Connection, source_id: str) -> SourceFile | None:
    """The newest recorded fetch of a source, for conditional GET and fallback."""
    row = con.execute(
        f"""SELECT {', '.join(_COLUMNS)}
           FROM raw.source_files WHERE source_id = $id
           ORDER BY fetched_at DESC, rowid DESC LIMIT 1""",
        {"id": source_id},
    ).fetchall()
    return SourceFile(*row[0]) if row else None


def load_source(
    con: Connection, table: str, frame: pl.DataFrame, record: SourceFile, series: str | None = None
) -> None:
    """Replace a raw table and record the fetch, in one transaction; keep a series' new vintage."""
    schema, name = table.split(".")
    if schema != "raw" or not name.isidentifier():
        raise ValueError(f"not a raw table name: {table!r}")
    with transaction(con):
        con.register("incoming_frame", frame)
        try:
            con.execute(f"CREATE OR REPLACE TABLE raw.{name} AS SELECT * FROM incoming_frame")
        finally:
            con.unregister("incoming_frame")
        con.execute(
            f"INSERT INTO raw.source_files ({', '.join(_COLUMNS)}, rows) "
            f"VALUES ({', '.join('$' + c for c in _COLUMNS)}, $rows)",
            {**record.__dict__, "rows": frame.height},
        )
        if series is not None:
            keep_vintage(con, series, frame, record)


def record_next_update(con: Connection, source_id: str, checked_at: dt.datetime,
                       text: str | None, date: dt.date | None, basis: str) -> None:
    """What the publisher announced as the next release (kept with every check, newest wins)."""
    con.execute("INSERT INTO raw.next_updates VALUES ($s, $t, $x, $d, $b)",
                {"s": source_id, "t": checked_at, "x": text, "d": date, "b": basis})
