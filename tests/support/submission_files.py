"""Builders for submission tests: CSV text, a tiny working warehouse, table checksums."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import duckdb

from warehouse.build.raw import ensure_schema
from warehouse.db import connect
from warehouse.submissions import spec

SNAPSHOT = dt.date(2025, 9, 30)
TODAY = dt.date(2025, 11, 1)
# Fixture councils: (la_code, name, published caseload 2025, case-holding FTE)
COUNCILS = [
    ("E06000001", "Hartlepool", 13.9, 91.4),
    ("E09000033", "Westminster", 16.2, 60.0),
    ("E08000025", "Birmingham", 18.4, 400.0),
]
JOINT = ("E09000021 / E09000027", "Kingston upon Thames / Richmond upon Thames", 15.1, 120.0)
KNOWN = {c[0] for c in COUNCILS} | {"E09000021", "E09000027", JOINT[0]}


def row(i: int, **overrides: str) -> dict[str, str]:
    base = {
        "la_code": "E06000001",
        "snapshot_date": SNAPSHOT.isoformat(),
        "worker_ref": f"SW{i:04d}",
        "role": "case holder",
        "employment": "permanent",
        "newly_qualified": "no",
        "fte": "1",
        "children_allocated": str(8 + i % 12),
        "team": "",
        "families_allocated": "",
        "weighted_caseload": "",
    }
    base.update(overrides)
    return base


def csv_bytes(
    rows: list[dict[str, str]], columns: tuple[str, ...] = spec.TEMPLATE_COLUMNS, encoding: str = "utf-8"
) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def good_rows(n: int = 12, **overrides: str) -> list[dict[str, str]]:
    return [row(i, **overrides) for i in range(1, n + 1)]


def make_work_warehouse(path: Path) -> None:
    """A working DuckDB file with fixture marts.dim_la and marts.la_year (no real pipeline run)."""
    con = connect(path)
    try:
        ensure_schema(con)
        con.execute("""CREATE TABLE marts.dim_la (la_code VARCHAR, la_name VARCHAR, is_current BOOLEAN,
                       member_codes VARCHAR[])""")
        con.execute("""CREATE TABLE marts.la_year (la_code VARCHAR, year INTEGER, caseload_fte DOUBLE,
                       caseload_status VARCHAR, case_holders_fte DOUBLE)""")
        for code, name, caseload, fte in [*COUNCILS, JOINT]:
            members = [c.strip() for c in code.split("/")]
            con.execute("INSERT INTO marts.dim_la VALUES (?, ?, true, ?)", [code, name, members])
            for year, shift in ((2024, 0.4), (2025, 0.0)):
                con.execute(
                    "INSERT INTO marts.la_year VALUES (?, ?, ?, 'published', ?)",
                    [code, year, caseload + shift, fte],
                )
    finally:
        con.close()


def checksums(con: duckdb.DuckDBPyConnection) -> dict[str, tuple]:
    """(rows, order-free content hash) of every table in the file: equal means nothing changed."""
    tables = con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() "
        "WHERE database_name = current_database() ORDER BY ALL"
    ).fetchall()
    return {
        f"{s}.{t}": tuple(con.sql(f'SELECT count(*), sum(hash(x)::HUGEINT) FROM "{s}"."{t}" x').fetchall()[0])
        for s, t in tables
    }


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip (what an .xlsx is) holding `members`, deflated."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """An .xlsx-shaped zip of a few KB that unpacks to 5 MB: refused before it is opened."""
    return zip_bytes({"xl/worksheets/sheet1.xml": b"0" * 5_000_000})
