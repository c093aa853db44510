"""A council submission broken down by group: one table per group kind (team, employment, experience,
role), every figure as marts.submission_la_snapshot and the chosen cap's marts.submission_cap row
publish it for that group. Nothing is derived here: a suppressed cell stays words, and no figure is
worked out from two others (e.g. one group as the council less the rest).
"""

from __future__ import annotations

import polars as pl
from dash import html

from dashboard.components.table import scrollable_table
from dashboard.views.submission_cells import BASIS, COUNTS_CHILDREN, GROUP_KINDS, above, caption, cell
from warehouse.domain import Cap

FIGURES = ("Case holders", "Mean", "Median", "90th percentile", "Families per FTE", "Above the cap")
NAMED_CAPS_ONLY = "named caps only"


def chosen_cap(caps: pl.DataFrame, cap: Cap) -> pl.DataFrame:
    """Rows of marts.submission_cap for the cap the reader chose: a named cap, counted in children
    (the `declared` rows have no cap, so they never match)."""
    if not caps.height:
        return caps
    nq = cap.nq_threshold if cap.nq_threshold is not None else cap.threshold
    rows = caps.filter((pl.col("cap_experienced") == cap.threshold) & (pl.col("cap_newly_qualified") == nq))
    return rows.filter(pl.col("measure") == "children") if "measure" in rows.columns else rows


def cap_row(caps: pl.DataFrame, kind: str, value: str) -> dict | None:
    """One group's row of a cap's rows (None when the group has none)."""
    if not caps.height:
        return None
    rows = caps.filter((pl.col("group_kind") == kind) & (pl.col("group_value") == value))
    return rows.row(0, named=True) if rows.height else None


def figures_row(r: dict, above_row: dict | None, named: bool) -> dict[str, str]:
    """One group's figures, worded: `named` says whether the chosen cap has submission rows at all.
    No families column for a release made before families were published."""
    row = {
        "Case holders": cell(r["case_holders"], r["case_holders_status"], digits=0),
        "Mean": cell(r["caseload_mean"], r["caseload_mean_status"]),
        "Median": cell(r["caseload_median"], r["caseload_median_status"]),
        "90th percentile": cell(r["caseload_p90"], r["caseload_p90_status"]),
        "Families per FTE": cell(r.get("families_per_fte"), r.get("families_per_fte_status")),
        "Above the cap": above(above_row) if named else NAMED_CAPS_ONLY,
    }
    if "families_per_fte_status" not in r:
        del row["Families per FTE"]
    return row


def group_rows(snap: pl.DataFrame, chosen: pl.DataFrame, named: bool) -> dict[str, list[dict[str, str]]]:
    """Group kind -> its rows ({'Group': value, figures...}), in the marts' group order; the whole
    council is in the facts, not here, and a kind with no rows has no table."""
    out: dict[str, list[dict[str, str]]] = {}
    for r in snap.filter(pl.col("group_kind") != "all").iter_rows(named=True):
        kind, value = r["group_kind"], r["group_value"]
        row = {"Group": value, **figures_row(r, cap_row(chosen, kind, value), named)}
        out.setdefault(kind, []).append(row)
    return out


def groups_tables(groups: dict[str, list[dict[str, str]]], cap_label: str, is_demo: bool) -> list:
    """One captioned table per group kind, the group in a row header."""
    if not groups:
        return []
    out: list = [
        html.H4("By group"),
        html.P(
            "The same figures for each group of case holders the council's file names. Mean and "
            "median are children per FTE; families per FTE counts families. " + COUNTS_CHILDREN
        ),
    ]
    for kind, rows in groups.items():
        title = GROUP_KINDS.get(kind, kind.capitalize())
        text = caption(f"{BASIS}: by {title.lower()}, share above the cap of {cap_label}", is_demo)
        shown = [c for c in FIGURES if c in rows[0]]
        body = [html.Tr([html.Th(r["Group"], scope="row"), *[html.Td(r[c]) for c in shown]]) for r in rows]
        out.append(scrollable_table(text, (title, *shown), body, caption=text))
    return out
