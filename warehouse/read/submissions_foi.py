"""The site's reads of FOI answers' band counts (marts.submission_foi_*): selects, nothing defined.

Each council code's latest FOI answer, its bands and its caps. A release built before band files
existed has no such marts: it reads as no FOI answers, so a pinned older release still draws.
"""

from __future__ import annotations

import polars as pl

from warehouse.db import Connection
from warehouse.read.site import frame

FOI_MARTS = ("submission_foi_answer", "submission_foi_bands", "submission_foi_cap")
_LATEST = """
    WITH latest AS (
        SELECT la_code, max(snapshot_date) AS snapshot_date FROM marts.submission_foi_answer
        WHERE list_contains($codes, la_code) GROUP BY la_code
    )
"""
_ORDER = {
    "submission_foi_answer": "a.la_code",
    "submission_foi_bands": "a.la_code, a.band_order",
    "submission_foi_cap": "a.la_code, a.cap_applied, a.scenario_id",
}


def _present(con: Connection) -> bool:
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'marts' AND list_contains($names, table_name)",
        {"names": list(FOI_MARTS)},
    ).fetchall()[0][0]
    return found == len(FOI_MARTS)


def submission_foi(con: Connection, codes: list[str]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(answer, bands, caps) of the latest FOI answer of each council code given; empty frames when none."""
    if not _present(con):
        return pl.DataFrame(), pl.DataFrame(), pl.DataFrame()
    return tuple(  # type: ignore[return-value]
        frame(
            con,
            _LATEST + f"SELECT a.* FROM marts.{name} a JOIN latest USING (la_code, snapshot_date) "
            f"ORDER BY {_ORDER[name]}",
            {"codes": codes},
        )
        for name in FOI_MARTS
    )
