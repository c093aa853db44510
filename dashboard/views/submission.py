"""The council page's submissions section: a council's own worker-level snapshot as plain data, and
the block drawn from it, beside any FOI answer (views/submission_foi.py). Each block says its basis,
so a reader always knows which is which.

This module holds the block and its facts; its parts each have their own: the breakdown tables
(submission_groups), each worker against their own cap (submission_caps), the bands
(submission_bands), over time (submission_series) and across councils (submission_across); how a
figure reads is submission_cells. Values come from marts.submission_* as published; a 'c' is
words, never a number. Demo (synthetic) submissions carry a visible label on the block, its
heading and each table caption, so a screenshot of any part of it still says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl
from dash import dcc, html

from dashboard.downloads.routes import table_href
from dashboard.views import submission_across as sa
from dashboard.views import submission_bands as sb
from dashboard.views import submission_caps as sc
from dashboard.views import submission_groups as sg
from dashboard.views import submission_series as ss
from dashboard.views import words
from dashboard.views.submission_bands import band_rows
from dashboard.views.submission_cells import (
    BASIS,
    COUNTS_CHILDREN,
    DEMO_LABEL,
    DEMO_NOTE,
    SUPPRESSED,
    above,
    cell,
    unit,
)
from warehouse.domain import Cap

__all__ = ["DEMO_LABEL", "SUPPRESSED", "SubmissionView", "band_rows", "cell", "submission_block",
           "submission_section", "submission_views"]
BASIS_NOTE = "the council's own snapshot, one row per social worker, sent to Caseload Watch"
HEADING = "From the council's own submission or an FOI answer"


@dataclass
class SubmissionView:
    """One council code's latest submission, ready to render."""

    la_code: str
    la_name: str
    snapshot_date: dt.date
    is_demo: bool
    facts: list[tuple[str, str]]
    cap_label: str = ""
    groups: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    halves: list[sc.Half] = field(default_factory=list)
    declared: sc.Declared | None = None
    bands: list[dict[str, object]] = field(default_factory=list)
    group_bands: dict = field(default_factory=dict)
    series: ss.SeriesView | None = None
    across: sa.AcrossView | None = None

    @property
    def title(self) -> str:
        when = f"{self.snapshot_date:%-d %B %Y}"
        prefix = f"{DEMO_LABEL}: " if self.is_demo else ""
        return f"{prefix}{self.la_name}, snapshot of {when}"

    @property
    def key(self) -> str:
        """A page-unique id fragment for this block's chart."""
        return f"{self.la_code}{'-demo' if self.is_demo else ''}"


FAMILIES = "Families per FTE and children per family"


def _family_facts(r: dict) -> list[tuple[str, str]]:
    """Families per FTE and children per family, beside the sentence that the statistics count
    children; none for a release made before families were published."""
    if "families_per_fte_status" not in r:
        return []
    fam = unit(r["families_per_fte"], r["families_per_fte_status"], "families per FTE")
    per = unit(r["children_per_family"], r["children_per_family_status"], "children per family", 2)
    if r["children_per_family_status"] == "z":
        per = "children per family not applicable (no families allocated)"
    elif r["children_per_family_status"] != "published":
        per = f"children per family {per}"
    if r["families_per_fte_status"] != "published":
        fam = f"families per FTE {fam}"
    return [(FAMILIES, f"{fam}; {per}. {COUNTS_CHILDREN}")]


def _facts(r: dict, above_text: str | None, cap: Cap) -> list[tuple[str, str]]:
    published = words.value(r["published_caseload_fte"], r["published_caseload_status"])
    facts = [
        ("Snapshot date", f"{r['snapshot_date']:%-d %B %Y}"),
        ("Case holders", unit(r["case_holders"], r["case_holders_status"], "workers with a case", 0)),
        ("Average (mean) caseload", unit(r["caseload_mean"], r["caseload_mean_status"], "children per FTE")),
        *_family_facts(r),
        (
            "Published average for comparison",
            f"{published} (Department for Education, 30 September {r['published_year']})"
            if r["published_year"]
            else "no published average on or before the snapshot date",
        ),
        ("Median caseload", cell(r["caseload_median"], r["caseload_median_status"])),
        (
            "90th percentile",
            cell(r["caseload_p90"], r["caseload_p90_status"])
            + (": one case holder in ten carries more" if r["caseload_p90_status"] == "published" else ""),
        ),
    ]
    facts.append((
        f"Above the cap of {cap.label}",
        above_text if above_text is not None else
        "Submissions give the share above the named caps (12, 15/12, 18 and 20) only; the bands below "
        "show the spread.",
    ))
    return facts


def _own(df: pl.DataFrame | None, code: str, demo: bool) -> pl.DataFrame:
    if df is None or not df.height:
        return df if df is not None else pl.DataFrame()
    return df.filter((pl.col("la_code") == code) & (pl.col("is_demo") == demo))


def submission_views(
    snap: pl.DataFrame,
    caps: pl.DataFrame,
    bands: pl.DataFrame,
    cap: Cap,
    series: tuple[pl.DataFrame, pl.DataFrame] | None = None,
    across: pl.DataFrame | None = None,
) -> list[SubmissionView]:
    """One view per (council code, demo flag): real submissions first, then demo ones. `series` is
    every snapshot's whole-council rows (snapshot, caps); `across` is marts.submission_across."""
    out = []
    for (code, demo), part in snap.group_by(["la_code", "is_demo"], maintain_order=True):
        all_rows = part.filter(pl.col("group_kind") == "all")
        if not all_rows.height:
            continue
        r = all_rows.row(0, named=True)
        own_caps, own_bands = _own(caps, code, demo), _own(bands, code, demo)
        chosen = sg.chosen_cap(own_caps, cap)
        named = bool(chosen.height)
        out.append(
            SubmissionView(
                la_code=code,
                la_name=r["la_name"],
                snapshot_date=r["snapshot_date"],
                is_demo=bool(demo),
                facts=_facts(r, above(sg.cap_row(chosen, "all", "all")) if named else None, cap),
                cap_label=cap.label,
                groups=sg.group_rows(part, chosen, named),
                halves=sc.halves(part, own_caps),
                declared=sc.declared(own_caps) if "measure" in own_caps.columns else None,
                bands=sb.whole_council(own_bands) if own_bands.height else [],
                group_bands=sb.by_kind(own_bands) if own_bands.height else {},
                series=ss.series_view(_own(series[0], code, demo), _own(series[1], code, demo))
                if series is not None and series[0].height else None,
                across=sa.across_view(across, r["snapshot_date"], bool(demo)) if across is not None else None,
            )
        )
    return sorted(out, key=lambda v: (v.is_demo, v.la_code))


def submission_block(view: SubmissionView) -> html.Div:
    """One submission: its facts, groups, caps, bands, over time and across councils; a demo one
    labelled on every part."""
    demo = view.is_demo
    return html.Div(
        className="submission demo" if demo else "submission",
        **({"data-demo": "true"} if demo else {}),
        children=[
            html.P([html.Strong(DEMO_LABEL), ". ", DEMO_NOTE], className="demo-label") if demo else None,
            html.P([html.Strong(BASIS), f": {BASIS_NOTE}."], className="basis-label"),
            html.H3(view.title),
            html.Ul([html.Li([html.Strong(f"{k}: "), v]) for k, v in view.facts], className="facts"),
            sb.bands_table(view.bands, demo) if view.bands else None,
            sb.kind_tables(view.group_bands, demo),
            *sg.groups_tables(view.groups, view.cap_label, demo),
            *sc.halves_block(view.halves, demo),
            *(sc.declared_block(view.declared, demo) if view.declared is not None else []),
            *(ss.series_block(view.series, f"submission-series-{view.key}", view.la_name, demo)
              if view.series is not None else []),
            *sa.across_block(view.across),
            None if demo else _downloads(view.la_code),
        ],
    )


def _downloads(la_code: str) -> html.P:
    links = [("summary", table_href("marts.submission_la_snapshot", council=la_code)),
             ("bands", table_href("marts.submission_bands", council=la_code)),
             ("caps", table_href("marts.submission_cap", council=la_code))]
    parts: list = ["Download this submission's "]
    for i, (what, href) in enumerate(links):
        parts += [", " if i else "", html.A(f"{what} as CSV", href=href)]
    pooled = table_href("marts.submission_across")
    parts += [", or ", html.A("the figures pooled across councils as CSV", href=pooled)]
    return html.P([*parts, "."])


def submission_section(views: list[SubmissionView], foi: list | None = None) -> html.Section:
    """The section: each submission and each FOI answer's block (`foi`, drawn by submission_foi), or
    how a council can send one."""
    foi = foi or []
    if not views and not foi:
        body = [
            html.P(
                [
                    "No worker-level submission from this council yet: the published figures are averages. "
                    "Councils can send one using the template on ",
                    dcc.Link("the data page", href="/data"),
                    ".",
                ]
            )
        ]
    else:
        body = [
            html.P(
                "The spread behind the council's average, from the council's own submission (one row per "
                "social worker) or, where it has sent none as recent, its answer to a Freedom of "
                "Information request (counts of social workers per caseload band). Each block says which, "
                "and an FOI answer names its source. Figures from fewer than 5 workers are suppressed."
            ),
            *[submission_block(v) for v in views],
            *foi,
        ]
    return html.Section([html.H2(HEADING), *body], id="section-submission")
