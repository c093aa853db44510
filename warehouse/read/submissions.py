"""The site's reads of council submissions (marts.submission_*): selects, nothing defined.

Each council's latest snapshot by group, every snapshot for over time, and the councils pooled per
date. Demo rows (synthetic) only when `include_demo` is set (CASELOAD_SHOW_DEMO), never by default.
A kept release made before the group breakdowns (teams only) still reads; one without the marts
reads as no submissions.
"""

from __future__ import annotations

import polars as pl

from warehouse.db import Connection
from warehouse.read.site import column_names, frame, has_column, has_table

# Council submissions. Each council's latest snapshot date, per demo flag; demo rows
# (synthetic) only when `include_demo` is set (CASELOAD_SHOW_DEMO), never by default.
# One row per group (group_kind, group_value), in the marts' own group_order ('all' first).
_LATEST_SUBMISSION = """
    WITH latest AS (
        SELECT la_code, is_demo, max(snapshot_date) AS snapshot_date
        FROM marts.submission_la_snapshot
        WHERE list_contains($codes, la_code) AND ($demo OR NOT is_demo)
        GROUP BY la_code, is_demo
    )
"""
_SUBMISSION_MARTS = ("submission_la_snapshot", "submission_cap", "submission_bands")


def _groups(con: Connection, name: str, alias: str) -> str:
    """`<alias>.*` with the group columns; a kept release made before #19 had only `team` (read as
    groups 'all' and 'team') or, for the bands, the whole council only. The fragments are written
    here, never reader input."""
    cols = column_names(con, "marts", name)
    if "group_kind" in cols:
        return f"{alias}.*"
    if "team" not in cols:  # the whole council only (the bands before #19)
        return f"{alias}.*, 'all' AS group_kind, 'all' AS group_value, 0 AS group_order"
    return (
        f"{alias}.* EXCLUDE (team), CASE WHEN {alias}.team = 'all' THEN 'all' ELSE 'team' END AS group_kind, "
        f"{alias}.team AS group_value, CASE WHEN {alias}.team = 'all' THEN 0 ELSE 1 END AS group_order"
    )


_KEYS = {"la_code": pl.String, "is_demo": pl.Boolean, "snapshot_date": pl.Date, "group_kind": pl.String,
         "group_value": pl.String, "scenario_id": pl.String}


def _no_rows(*columns: str) -> pl.DataFrame:
    """No rows, with the key columns the views select on (a mart this release lacks)."""
    return pl.DataFrame(schema={c: _KEYS[c] for c in columns})


def _submission_rows(con: Connection, name: str, alias: str, order: str, codes: list[str],
                     include_demo: bool) -> pl.DataFrame:
    if not all(has_table(con, "marts", t) for t in ("submission_la_snapshot", name)):
        return _no_rows("la_code", "is_demo", "snapshot_date", "group_kind", "group_value")
    return frame(
        con,
        _LATEST_SUBMISSION
        + f"SELECT {_groups(con, name, alias)} FROM marts.{name} {alias} "
        f"JOIN latest USING (la_code, is_demo, snapshot_date) ORDER BY {order}",
        {"codes": codes, "demo": include_demo},
    )


def submission_snapshot(con: Connection, codes: list[str], include_demo: bool) -> pl.DataFrame:
    """The latest submission of each council code given: one row per group ('all' first)."""
    return _submission_rows(con, "submission_la_snapshot", "s", "s.is_demo, s.la_code, group_order, "
                            "group_value", codes, include_demo)


def submission_caps(con: Connection, codes: list[str], include_demo: bool) -> pl.DataFrame:
    """Case holders above each cap (named and `declared`), every group, for the same latest submissions."""
    order = "c.is_demo, c.la_code, group_order, group_value, c.scenario_order, c.measure"
    if not has_column(con, "marts", "submission_cap", "scenario_order"):
        order = "c.is_demo, c.la_code, group_order, group_value, c.cap_experienced"
    return _submission_rows(con, "submission_cap", "c", order, codes, include_demo)


def submission_bands(con: Connection, codes: list[str], include_demo: bool) -> pl.DataFrame:
    """Case holders per caseload band, every group, for the same latest submissions."""
    return _submission_rows(con, "submission_bands", "b", "b.is_demo, b.la_code, group_order, group_value, "
                            "b.band_order", codes, include_demo)


def submission_series(
    con: Connection, codes: list[str], include_demo: bool
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every snapshot of the councils (the current version of each, as the marts hold it), whole council
    only: (snapshot rows, each with its published average; cap rows), oldest first, for over time."""
    if not all(has_table(con, "marts", t) for t in _SUBMISSION_MARTS[:2]):
        empty = _no_rows("la_code", "is_demo", "snapshot_date")
        return empty, empty
    params = {"codes": codes, "demo": include_demo}
    where = "WHERE list_contains($codes, la_code) AND ($demo OR NOT is_demo)"
    snap = frame(
        con,
        f"SELECT * FROM (SELECT {_groups(con, 'submission_la_snapshot', 's')} "
        f"FROM marts.submission_la_snapshot s) {where} AND group_kind = 'all' "
        "ORDER BY is_demo, la_code, snapshot_date",
        params,
    )
    order = "scenario_order, measure" if has_column(con, "marts", "submission_cap", "scenario_order") else (
        "cap_experienced")
    caps = frame(
        con,
        f"SELECT * FROM (SELECT {_groups(con, 'submission_cap', 'c')} FROM marts.submission_cap c) "
        f"{where} AND group_kind = 'all' ORDER BY is_demo, la_code, snapshot_date, {order}",
        params,
    )
    return snap, caps


def submission_across(con: Connection, include_demo: bool) -> pl.DataFrame:
    """marts.submission_across (councils that submitted for one date, pooled; demo rows only when
    `include_demo`); no rows for a release made before it."""
    if not has_table(con, "marts", "submission_across"):
        return _no_rows("snapshot_date", "is_demo", "scenario_id")
    return frame(
        con,
        "SELECT * FROM marts.submission_across WHERE ($demo OR NOT is_demo) "
        "ORDER BY is_demo, snapshot_date, scenario_order, measure",
        {"demo": include_demo},
    )
