"""Case holders by caseload band (children per FTE): the whole council's table with its bars, and the
same bands for each group kind in one table a kind, from marts.submission_bands as published.

`band_rows` draws the rows of a bands table for a council's own submission and an FOI answer alike.
"""

from __future__ import annotations

import polars as pl
from dash import html

from dashboard.components.table import scrollable_table
from dashboard.views.submission_cells import BASIS, GROUP_KINDS, SUPPRESSED, caption, cell

BAND_HEADS = ("Caseload band", "Case holders", "Share", "")


def band_entries(
    bands: pl.DataFrame, count: str = "workers", share: str = "pct_workers"
) -> list[dict[str, object]]:
    """One group's bands (or an FOI answer's: its own column names), worded, in band order; `pct`
    only for a published share (the bar)."""
    return [
        {
            "band": r["band"],
            "workers": cell(r[count], r[f"{count}_status"], digits=0),
            "share": cell(r[share], r[f"{share}_status"], suffix="%"),
            "pct": r[share] if r[f"{share}_status"] == "published" else None,
        }
        for r in bands.sort("band_order").iter_rows(named=True)
    ]


def whole_council(bands: pl.DataFrame) -> list[dict[str, object]]:
    """The whole council's bands (a release before groups had one set per submission)."""
    if "group_kind" in bands.columns:
        bands = bands.filter(pl.col("group_kind") == "all")
    return band_entries(bands)


def _compact(r: dict) -> str:
    if "c" in (r["workers_status"], r["pct_workers_status"]):
        return SUPPRESSED
    workers = cell(r["workers"], r["workers_status"], digits=0)
    return f"{workers} ({cell(r['pct_workers'], r['pct_workers_status'], suffix='%')})"


def by_kind(bands: pl.DataFrame) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
    """Group kind -> (its group values, one row per band: band and each value's 'workers (share)')."""
    if "group_kind" not in bands.columns:
        return {}
    out: dict[str, tuple[list[str], list[dict[str, str]]]] = {}
    for (kind,), part in bands.filter(pl.col("group_kind") != "all").group_by(
        ["group_kind"], maintain_order=True
    ):
        part = part.sort("group_order", "band_order")
        values = list(dict.fromkeys(part["group_value"].to_list()))
        rows: dict[str, dict[str, str]] = {}
        for r in part.sort("band_order", maintain_order=True).iter_rows(named=True):
            rows.setdefault(r["band"], {"band": r["band"]})[r["group_value"]] = _compact(r)
        out[str(kind)] = (values, list(rows.values()))
    return out


def band_rows(bands: list[dict[str, object]]) -> list[html.Tr]:
    """A bands table's rows (band, workers, share, and a bar the table's numbers already say), for a
    council's own submission and an FOI answer alike."""
    return [
        html.Tr(
            [
                html.Th(b["band"], scope="row"),
                html.Td(b["workers"]),
                html.Td(b["share"]),
                html.Td(
                    html.Div(className="band-bar", style={"width": f"{b['pct']:.1f}%"})
                    if b["pct"] is not None
                    else "",
                    **{"aria-hidden": "true"},
                    className="band-bar-cell",
                ),
            ]
        )
        for b in bands
    ]


def bands_table(bands: list[dict[str, object]], is_demo: bool) -> html.Div:
    text = caption(f"{BASIS}: case holders by caseload band (children per FTE)", is_demo)
    return scrollable_table(text, BAND_HEADS, band_rows(bands), caption=text, table_class="bands-table")


Kinds = dict[str, tuple[list[str], list[dict[str, str]]]]


def kind_tables(kinds: Kinds, is_demo: bool) -> html.Details | None:
    """Each kind's bands, folded away: case holders (share of the group) per band and group."""
    if not kinds:
        return None
    tables = []
    for kind, (values, rows) in kinds.items():
        title = GROUP_KINDS.get(kind, kind.capitalize()).lower()
        text = caption(f"{BASIS}: case holders by caseload band and {title} (share of the group)", is_demo)
        body = [html.Tr([html.Th(r["band"], scope="row"), *[html.Td(r.get(v, "no figure")) for v in values]])
                for r in rows]
        tables.append(scrollable_table(text, ("Caseload band", *values), body, caption=text))
    return html.Details([html.Summary("Show the bands for each group"), *tables], className="group-bands")
