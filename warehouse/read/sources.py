"""What a release says of its inputs: every source as fetched, and the workforce table's vintages.

One definition for the site, the API and the downloads. Releases kept from before a column or
table existed are read too (the missing parts come back empty).
"""

from __future__ import annotations

import polars as pl

from warehouse.db import Connection
from warehouse.read.site import column_names, frame

# Columns of meta.release_sources added with EES discovery; a release kept from before has none.
_LATER_SOURCE_COLUMNS = ("route", "version_key", "published", "added_columns", "next_update",
                         "next_update_date", "next_update_basis", "next_update_checked_at")


def sources(con: Connection) -> pl.DataFrame:
    """Every source of this release, for the site, the API and the downloads: what the registry
    says of it, what this release fetched (the vintage as fetched, the route and address, the
    sha256) and the publisher's next update with where that date came from."""
    have = column_names(con, "meta", "release_sources")
    later = ", ".join(f"r.{c}" if c in have else f"NULL AS {c}" for c in _LATER_SOURCE_COLUMNS)
    return frame(
        con,
        f"""
        SELECT s.source_id, s.title, s.publisher, coalesce(r.vintage, s.vintage) AS vintage,
               s.landing_page, s.url, r.url AS fetched_from, s.licence, s.attribution,
               r.fetched_at, r.sha256, {later}
        FROM meta.sources s LEFT JOIN meta.release_sources r USING (source_id) ORDER BY s.source_id
    """,
    )


def vintages(con: Connection) -> pl.DataFrame:
    """Every vintage of the workforce table this release was built from, the current first; empty
    for a release kept from before vintages were recorded."""
    if not column_names(con, "meta", "vintages"):
        return pl.DataFrame(schema={"vintage_rank": pl.Int64, "vintage": pl.String})
    return frame(con, "SELECT * FROM meta.vintages ORDER BY vintage_rank")
