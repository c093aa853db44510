"""Each worker against their own cap: the 15/12 guarantee's two halves side by side, and the council's
own declared safe maximum (the Welsh model), by group.

Read from marts.submission_cap as published: the halves are scenario guarantee_15_12 in the
experience groups (newly qualified against 12, experienced against 15); `declared` rows exist only
when the council's file declares a maximum, so a council that declares none gets a sentence, never
a zero. A suppressed count or share is words, and so is its partner in the same row.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from dash import html

from dashboard.components.table import scrollable_table
from dashboard.views.submission_cells import BASIS, SUPPRESSED, above, caption, cell, group_label
from dashboard.views.submission_groups import cap_row

GUARANTEE = "guarantee_15_12"
DECLARED = "declared"
DECLARED_LABEL = "the council's own declared maximum"
NO_DECLARED = (
    "The council declared no safe maximum caseload of its own in this submission, so there is nothing "
    "to compare its workers with (this is not a zero)."
)
HALVES_NOTE = (
    "The guarantee of 15 children (12 for newly qualified workers) is applied to each worker by their own "
    "experience. Its two halves side by side: a lower cap that protects newly qualified workers can leave "
    "experienced colleagues to take the slack."
)
HALVES_ROWS = ("Case holders", "Above their guarantee", "Share above their guarantee")
HALVES = (("newly qualified", "cap_newly_qualified", "Newly qualified"),
          ("experienced", "cap_experienced", "Experienced"))


@dataclass
class Half:
    """One half of the guarantee: who, their cap, and its figures worded."""

    heading: str
    figures: dict[str, str]


def _count_and_share(r: dict) -> tuple[str, str]:
    if "c" in (r["workers_above_cap_status"], r["pct_above_cap_status"]):
        return SUPPRESSED, SUPPRESSED
    return (cell(r["workers_above_cap"], r["workers_above_cap_status"], digits=0),
            cell(r["pct_above_cap"], r["pct_above_cap_status"], suffix="%"))


def halves(snap: pl.DataFrame, caps: pl.DataFrame) -> list[Half]:
    """The two halves (newly qualified, experienced); none when the release has no such rows."""
    rows = caps.filter(pl.col("scenario_id") == GUARANTEE) if caps.height else caps
    if "measure" in rows.columns:
        rows = rows.filter(pl.col("measure") == "children")
    if not rows.height or not (rows["group_kind"] == "experience").any():
        return []  # a release made before the experience groups
    out = []
    for value, cap_col, who in HALVES:
        r = cap_row(rows, "experience", value)
        if r is None:
            out.append(Half(who, dict.fromkeys(HALVES_ROWS, f"no {value} case holders in this submission")))
            continue
        snap_row = snap.filter((pl.col("group_kind") == "experience") & (pl.col("group_value") == value))
        s = snap_row.row(0, named=True) if snap_row.height else None
        n, share = _count_and_share(r)
        holders = cell(s["case_holders"], s["case_holders_status"], digits=0) if s else "no figure"
        figures = dict(zip(HALVES_ROWS, (holders, n, share), strict=True))
        out.append(Half(f"{who} (above {r[cap_col]:g})", figures))
    return out


@dataclass
class Declared:
    """The shares above the council's declared maximum, by group; `rows` empty when it declared none."""

    label: str
    weighted: bool
    rows: list[dict[str, str]]


def declared(caps: pl.DataFrame) -> Declared:
    """Group -> share above the declared maximum, in children and (where given) weighted caseload."""
    rows = caps.filter(pl.col("scenario_id") == DECLARED) if caps.height else caps
    if not rows.height:
        return Declared(DECLARED_LABEL, False, [])
    label = rows["scenario_label"][0] or DECLARED_LABEL
    weighted = rows.filter(pl.col("measure") == "weighted caseload")
    children = rows.filter(pl.col("measure") == "children")
    groups = rows.select("group_kind", "group_value", "group_order").unique(maintain_order=True)
    out = []
    for kind, value, _ in groups.sort("group_order", maintain_order=True).iter_rows():
        row = {"Group": group_label(kind, value), "Children": above(cap_row(children, kind, value))}
        if weighted.height:
            row["Weighted caseload"] = above(cap_row(weighted, kind, value))
        out.append(row)
    return Declared(label, bool(weighted.height), out)


def halves_block(parts: list[Half], is_demo: bool) -> list:
    """The two halves as one table, a column each."""
    if not parts:
        return []
    text = caption(f"{BASIS}: the guarantee's two halves, each worker against their own cap", is_demo)
    body = [
        html.Tr([html.Th(k, scope="row"), *[html.Td(h.figures[k]) for h in parts]]) for k in HALVES_ROWS
    ]
    return [
        html.H4("The guarantee's two halves"),
        html.P(HALVES_NOTE),
        scrollable_table(text, ("Figure", *[h.heading for h in parts]), body, caption=text),
    ]


def declared_block(d: Declared, is_demo: bool) -> list:
    """The declared-maximum table, or the sentence that the council declared none."""
    head = html.H4("The council's own declared maximum")
    if not d.rows:
        return [head, html.P(NO_DECLARED, className="no-declared")]
    cols = ["Children", *(["Weighted caseload"] if d.weighted else [])]
    text = caption(f"{BASIS}: case holders above {d.label}, by group", is_demo)
    body = [html.Tr([html.Th(r["Group"], scope="row"), *[html.Td(r[c]) for c in cols]]) for r in d.rows]
    return [
        head,
        html.P(
            "The council said, for each post, the most children (and, where it weighs cases, the highest "
            "weighted caseload) that post can safely hold at its hours. These are the case holders above "
            "their own post's maximum, as the Welsh committee asked each council to calculate."
        ),
        scrollable_table(text, ("Group", *[f"Above the maximum: {c.lower()}" for c in cols]), body,
                         caption=text),
    ]
