"""The benchmark floor: the pipeline's reads, joins and aggregations with no Dagster.

bench/pipeline.py times a full `caseload run` against this, so the cost of
orchestration (start-up, events, archive, checks, publish) can be read off. The SQL is
bench/floor.sql, beside this file: it repeats the pipeline's staging SQL on purpose, as plain
DuckDB with no Dagster, and is never a definition of any figure.
"""

from __future__ import annotations

import time
from pathlib import Path

from warehouse.config import REFERENCE_DIR
from warehouse.db import connect, run_script

FLOOR_SQL = Path(__file__).with_name("floor.sql")

# Registry source ids the floor reads (the Ofsted ODS and the hex map need Python readers).
FLOOR_SOURCES = ("workforce", "workforce_previous", "population", "children_in_need", "referrals",
                 "social_worker_changes", "neighbours_2025", "neighbours_2021", "district_lookup",
                 "council_centres")
FLOOR_TABLES = ("la_year", "la_cap", "area_cap", "variation", "revisions", "context", "neighbours")


def run_floor(db_path: Path, files: dict[str, Path], cost_per_fte: float) -> tuple[float, dict[str, int]]:
    """(seconds from connect to close, rows per output table) for one run into a fresh file."""
    params: dict[str, str | float] = {f"{sid}_file": str(files[sid]) for sid in FLOOR_SOURCES}
    params["caps_file"] = str(REFERENCE_DIR / "caps.csv")
    params["cost_per_fte"] = cost_per_fte
    start = time.perf_counter()
    con = connect(db_path)
    try:
        run_script(con, FLOOR_SQL, params)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in FLOOR_TABLES}
    finally:
        con.close()
    return time.perf_counter() - start, counts
