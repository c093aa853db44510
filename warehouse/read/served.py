"""What the served release was built from, for the pipeline's schedule and sensor.

Read from the served file through a private read-only attach (warehouse.db.open_snapshot),
so a check never holds the pipeline's working file or blocks a publish.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from warehouse.db import WarehouseError, open_snapshot
from warehouse.read.site import column_names


@dataclass(frozen=True)
class ServedSource:
    source_id: str
    version_key: str | None
    route: str | None
    next_update_date: dt.date | None


def served_sources(served_path: Path) -> dict[str, ServedSource]:
    """Each source of the served release; empty when nothing is published yet."""
    if not served_path.exists():
        return {}
    try:
        con = open_snapshot(served_path)
    except WarehouseError:
        return {}
    try:
        names = column_names(con, "meta", "release_sources")
        pick = [c if c in names else f"NULL AS {c}"
                for c in ("version_key", "route", "next_update_date")]
        rows = con.execute(f"SELECT source_id, {', '.join(pick)} FROM meta.release_sources").fetchall()
    finally:
        con.close()
    return {r[0]: ServedSource(*r) for r in rows}
