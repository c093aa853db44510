"""Across councils, honestly: the councils that submitted a snapshot for one date, how many and which,
and the pooled share of their case holders above each cap (marts.submission_across, whole councils).

Those councils only, not an estimate for England: councils that choose to submit are not a sample of
England's. Demo and real submissions are never pooled together (the mart keeps them apart).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl
from dash import html

from dashboard.components.table import scrollable_table
from dashboard.views.submission_cells import BASIS, above, cap_name, caption, cell

NOT_ENGLAND = "those councils only, not an estimate for England"
COLUMNS = ("Cap", "Councils pooled", "Case holders", "Above the cap", "Left out")
NONE_LEFT_OUT = "none"
LEFT_OUT_SHOWN = 5  # more names than this are folded away in their cell
NAMES_SHOWN = 12


@dataclass
class AcrossView:
    """The councils that submitted for one date (one demo flag), pooled: `councils` and `names` are
    every council that submitted; each row says how many are pooled for its cap and which are left
    out (a suppressed figure, or no declared maximum)."""

    snapshot_date: dt.date
    is_demo: bool
    councils: int
    names: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Councils that submitted for {self.snapshot_date:%-d %B %Y}: {NOT_ENGLAND}"


def _label(r: dict) -> str:
    return cap_name(r["scenario_label"] or r["scenario_id"], r["measure"])


def across_view(across: pl.DataFrame, snapshot_date: dt.date, is_demo: bool) -> AcrossView | None:
    """The pooled rows for a date and demo flag, in scenario order; None when there are none."""
    if not across.height:
        return None
    rows = across.filter((pl.col("snapshot_date") == snapshot_date) & (pl.col("is_demo") == is_demo))
    if not rows.height:
        return None
    rows = rows.sort("scenario_order", "measure")
    first = rows.row(0, named=True)
    names = sorted({*_split(first["council_names"]), *_split(first.get("left_out_names"))})
    submitted = first.get("councils_submitted")
    return AcrossView(
        snapshot_date,
        is_demo,
        int(submitted if submitted is not None else first["councils"]),
        names,
        [
            {
                "Cap": _label(r),
                "Councils pooled": f"{r['councils']:,}",
                "Case holders": cell(r["case_holders"], r["case_holders_status"], digits=0),
                "Above the cap": above(r, "their case holders"),
                "Left out": ", ".join(_split(r.get("left_out_names"))) or NONE_LEFT_OUT,
            }
            for r in rows.iter_rows(named=True)
        ],
    )


def _split(joined: str | None) -> list[str]:
    """'A; B' (as the mart joins names) as a list."""
    return [n.strip() for n in (joined or "").split(";") if n.strip()]


def latest(across: pl.DataFrame) -> list[AcrossView]:
    """The latest date's pooled view for each demo flag, real submissions first (the /data page)."""
    if not across.height:
        return []
    out = []
    for demo in (False, True):
        rows = across.filter(pl.col("is_demo") == demo)
        if rows.height:
            out.append(across_view(rows, rows["snapshot_date"].max(), demo))
    return [v for v in out if v is not None]


def _names(view: AcrossView) -> list:
    listed = ", ".join(view.names)
    if len(view.names) <= NAMES_SHOWN:
        return [html.P(f"Which: {listed}.")]
    return [html.Details([html.Summary(f"Which {view.councils:,} councils"), html.P(f"{listed}.")])]


def _left_out(names: str) -> str | html.Details:
    """A row's councils left out: the names, or folded behind their count when there are many."""
    n = names.count(", ") + 1
    if names == NONE_LEFT_OUT or n <= LEFT_OUT_SHOWN:
        return names
    return html.Details([html.Summary(f"{n} councils"), html.P(names)])


def across_block(view: AcrossView | None, level: int = 4) -> list:
    """The pooled block: how many councils, which, and their pooled shares, labelled plainly; `level`
    is its heading's (under the council's block, 4; on its own under a page's h2, 3)."""
    if view is None:
        return []
    n = view.councils
    text = caption(f"{BASIS}s pooled for {view.snapshot_date:%-d %B %Y}: {NOT_ENGLAND}", view.is_demo)
    body = [html.Tr([html.Th(r["Cap"], scope="row"), *[html.Td(r[c]) for c in COLUMNS[1:-1]],
                     html.Td(_left_out(r["Left out"]))]) for r in view.rows]
    return [
        getattr(html, f"H{level}")(caption(view.title, view.is_demo)),
        html.P(
            f"{n:,} council{'' if n == 1 else 's'} sent a snapshot for this date. The shares are of all "
            f"their case holders together: {NOT_ENGLAND}, because the councils that submit are not a "
            "sample of England's. A council is pooled for a cap only where its own figures for it are "
            "published (so a pooled figure never reveals a suppressed one); the councils left out are "
            "named, as are those that declared no maximum of their own."
        ),
        *_names(view),
        scrollable_table(text, COLUMNS, body, caption=text),
    ]
