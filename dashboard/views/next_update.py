"""When the publisher says its next release is due, in words (meta.release_sources.next_update).

The date is the publisher's own announcement (EES `nextReleaseDate`), read when the release was
built; the words say where it came from, or that nothing was checked.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

HEADLINE_SOURCE = "workforce"  # the statistics the site is about


def when(row: dict) -> str | None:
    """'19 March 2027' or the publisher's own words ('March 2027'); None when none announced."""
    date = row.get("next_update_date")
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    if isinstance(date, dt.date):
        return f"{date.day} {date:%B %Y}"
    return row.get("next_update") or None


def cell(row: dict) -> str:
    """For the sources table: the date and where it came from, or why there is none."""
    expected = when(row)
    basis = row.get("next_update_basis") or "Not recorded in this release."
    return f"{expected} ({basis})" if expected else basis


def sentence(sources: pl.DataFrame) -> str | None:
    """The footer's line about the headline statistics; None for a release kept from before."""
    if "next_update_basis" not in sources.columns:
        return None
    rows = sources.filter(pl.col("source_id") == HEADLINE_SOURCE).to_dicts()
    if not rows or rows[0].get("next_update_basis") is None:
        return None
    row = rows[0]
    expected = when(row)
    if expected:
        return (f"Next update of the workforce statistics expected {expected}, as announced by the "
                "Department for Education on Explore Education Statistics.")
    return f"Next update of the workforce statistics: not known. {row['next_update_basis']}"
