"""A council's latest FOI answer (counts of social workers per caseload band) on the council page:
worded as plain data, then drawn as a block beside the council's own submission.

Values come from marts.submission_foi_answer / _bands / _cap as published; 'c' is words, and a cap
no band ends at says it cannot be computed, never a number. Every part says it is an FOI answer
and names its source (a link when the council published the answer), so a screenshot or a copied
table still says where the figures came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl
from dash import html

from dashboard.components.table import scrollable_table
from dashboard.downloads.routes import table_href
from dashboard.views import words
from dashboard.views.submission_bands import band_entries, band_rows
from dashboard.views.submission_cells import SUPPRESSED, cell

BASIS = "FOI answer"
NOT_COMPUTABLE = "cannot be computed from these bands"
BAND_COLUMNS = ("Children held", "Social workers", "Share", "")
CAP_COLUMNS = ("Cap", "Above the cap", "Why")


@dataclass
class FoiView:
    """One council code's latest FOI answer, ready to render."""

    la_code: str
    la_name: str
    snapshot_date: dt.date
    source: str
    source_url: str | None
    facts: list[tuple[str, str]]
    bands: list[dict[str, object]] = field(default_factory=list)
    caps: list[dict[str, str]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{BASIS}: {self.la_name}, counts of {self.snapshot_date:%-d %B %Y}"


def source_words(source: str, source_url: str | None) -> str:
    """How the page names the source in text (a table, a CSV, a screen reader)."""
    return f"the council's published answer, {source_url}" if source_url else f"FOI reference {source}"


def _above(r: dict) -> str:
    status = r["pct_above_cap_status"]
    if status == NOT_COMPUTABLE:
        return NOT_COMPUTABLE  # the Why column (the mart's note) says which edge is missing
    if status == "c" or r["workers_above_cap_status"] == "c":
        return SUPPRESSED
    pct = cell(r["pct_above_cap"], status, suffix="%")
    return (
        f"{pct} of social workers ({r['workers_above_cap']:,}) hold more than {r['cap_applied']:g} children"
    )


def _caps(caps: pl.DataFrame) -> list[dict[str, str]]:
    return [
        {"Cap": r["scenario_label"], "Above the cap": _above(r), "Why": r["note"] or ""}
        for r in caps.iter_rows(named=True)
    ]


def _facts(r: dict) -> list[tuple[str, str]]:
    published = words.value(r["published_caseload_fte"], r["published_caseload_status"])
    return [
        (
            "Basis",
            f"an answer to a Freedom of Information request ({source_words(r['source'], r['source_url'])})",
        ),
        ("Counts of", f"{r['snapshot_date']:%-d %B %Y}"),
        ("Social workers counted", cell(r["case_holders"], r["case_holders_status"], digits=0)),
        (
            "Published average for comparison",
            f"{published} (Department for Education, 30 September {r['published_year']})"
            if r["published_year"]
            else "no published average on or before the snapshot date",
        ),
        (
            "What bands can tell",
            "the share above a cap only where a band ends at the cap; bands count children per worker "
            "(not per FTE) and do not say who is newly qualified, so the guarantee's 15 / 12 is the share "
            "above 15 for everyone",
        ),
    ]


def foi_views(
    answer: pl.DataFrame,
    bands: pl.DataFrame,
    caps: pl.DataFrame,
    newer_than: dict[str, dt.date] | None = None,
) -> list[FoiView]:
    """One view per council code's latest answer, left out where the council's own submission is as
    new or newer (`newer_than`: code -> its snapshot date): the council's own figures win."""
    out = []
    for r in answer.iter_rows(named=True):
        own = (newer_than or {}).get(r["la_code"])
        if own is not None and own >= r["snapshot_date"]:
            continue
        mine = (pl.col("la_code") == r["la_code"]) & (pl.col("snapshot_date") == r["snapshot_date"])
        out.append(
            FoiView(
                la_code=r["la_code"],
                la_name=r["la_name"] or r["la_code"],
                snapshot_date=r["snapshot_date"],
                source=r["source"],
                source_url=r["source_url"],
                facts=_facts(r),
                bands=band_entries(bands.filter(mine), "case_holders", "pct_case_holders"),
                caps=_caps(caps.filter(mine)),
            )
        )
    return out


def _source_line(view: FoiView) -> html.P:
    shown = (
        html.A(view.source_url, href=view.source_url, rel="noopener noreferrer", target="_blank")
        if view.source_url
        else html.Span(f"FOI reference {view.source}")
    )
    return html.P([html.Strong("Source: "), shown], className="basis")


def _bands_table(view: FoiView) -> html.Div:
    rows = band_rows(view.bands)
    caption = f"{BASIS} ({source_words(view.source, view.source_url)}): social workers by children held"
    return scrollable_table(caption, BAND_COLUMNS, rows, caption=caption, table_class="bands-table")


def _caps_table(view: FoiView) -> html.Div:
    caption = f"{BASIS} ({source_words(view.source, view.source_url)}): above each named cap"
    rows = [html.Tr([html.Td(c[k]) for k in CAP_COLUMNS]) for c in view.caps]
    return scrollable_table(caption, CAP_COLUMNS, rows, caption=caption)


def downloads(view: FoiView) -> html.P:
    """The figures as CSV: the marts' own rows for this council, with basis and source in each row."""
    links = [("bands", "marts.submission_foi_bands"), ("caps", "marts.submission_foi_cap")]
    parts: list = ["Download this FOI answer's "]
    for i, (what, table) in enumerate(links):
        parts += [
            " and " if i else "",
            html.A(f"{what} as CSV", href=table_href(table, council=view.la_code)),
        ]
    return html.P([*parts, " (every row says its basis and source)."])


def foi_block(view: FoiView) -> html.Div:
    """One FOI answer: labelled as such, its source, facts, bands and caps."""
    return html.Div(
        className="submission foi",
        **{"data-basis": "foi"},
        children=[
            html.P(
                [
                    html.Strong(BASIS),
                    ": figures from the council's reply to a Freedom of Information "
                    "request, not a worker-level submission.",
                ],
                className="basis-label",
            ),
            html.H3(view.title),
            _source_line(view),
            html.Ul([html.Li([html.Strong(f"{k}: "), v]) for k, v in view.facts], className="facts"),
            _bands_table(view) if view.bands else None,
            _caps_table(view) if view.caps else None,
            downloads(view),
        ],
    )
