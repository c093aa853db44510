"""The council page's submissions section: a council's own worker-level snapshot as plain data
(facts, team rows and bands, worded), and the section drawn from it, beside any FOI answer
(views/submission_foi.py). Each block says its basis, so a reader always knows which is which.

Values come from marts.submission_la_snapshot / submission_cap / submission_bands as
published; a 'c' is words, never a number. Demo (synthetic) submissions carry a visible label on
the block, its heading and each table caption, so a screenshot of any part of it still says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl
from dash import dcc, html

from dashboard.components.table import scrollable_table
from dashboard.downloads.routes import table_href
from dashboard.views import words
from warehouse.domain import Cap

SUPPRESSED = "suppressed (fewer than 5 workers or to protect another figure)"
DEMO_LABEL = "Demo data (synthetic)"
DEMO_NOTE = (
    "Made up by the project's generator to show how a council's submission would look. "
    "These are not the council's figures."
)
TEAM_COLUMNS = ("Team", "Case holders", "Mean", "Median", "90th percentile", "Above the cap")
BASIS = "Council submission"
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
    teams: list[dict[str, str]] = field(default_factory=list)
    bands: list[dict[str, object]] = field(default_factory=list)

    @property
    def title(self) -> str:
        when = f"{self.snapshot_date:%-d %B %Y}"
        prefix = f"{DEMO_LABEL}: " if self.is_demo else ""
        return f"{prefix}{self.la_name}, snapshot of {when}"


def cell(v: float | int | None, status: str | None, digits: int = 1, suffix: str = "") -> str:
    """A submission figure as text: 'c' is always the suppression sentence."""
    if status == "c":
        return SUPPRESSED
    return words.value(v, status, digits=digits, suffix=suffix)


def chosen_cap(caps: pl.DataFrame, cap: Cap) -> pl.DataFrame:
    """Rows of marts.submission_cap for the cap the reader chose (named scenarios only)."""
    if not caps.height:
        return caps
    nq = cap.nq_threshold if cap.nq_threshold is not None else cap.threshold
    return caps.filter((pl.col("cap_experienced") == cap.threshold) & (pl.col("cap_newly_qualified") == nq))


def _above(rows: pl.DataFrame, team: str) -> str | None:
    row = rows.filter(pl.col("team") == team)
    if not row.height:
        return None
    r = row.row(0, named=True)
    if r["pct_above_cap_status"] == "c" or r["workers_above_cap_status"] == "c":
        return SUPPRESSED
    pct = cell(r["pct_above_cap"], r["pct_above_cap_status"], suffix="%")
    return f"{pct} of case holders ({r['workers_above_cap']:,} workers)"


def _unit(v: float | int | None, status: str | None, unit: str, digits: int = 1) -> str:
    text = cell(v, status, digits=digits)
    return text if status != "published" else f"{text} {unit}"


def _facts(all_row: dict, above: str | None, cap: Cap) -> list[tuple[str, str]]:
    r = all_row
    published = words.value(r["published_caseload_fte"], r["published_caseload_status"])
    facts = [
        ("Snapshot date", f"{r['snapshot_date']:%-d %B %Y}"),
        ("Case holders", _unit(r["case_holders"], r["case_holders_status"], "workers with a case", 0)),
        ("Average (mean) caseload", _unit(r["caseload_mean"], r["caseload_mean_status"], "children per FTE")),
        (
            "Published average for comparison",
            f"{published} (Department for Education, 30 September {r['published_year']})"
            if r["published_year"]
            else "no published average on or before the snapshot date",
        ),
        ("Median caseload", cell(r["caseload_median"], r["caseload_median_status"])),
        (
            "90th percentile",
            f"{cell(r['caseload_p90'], r['caseload_p90_status'])}"
            + ("" if r["caseload_p90_status"] == "c" else ": one case holder in ten carries more"),
        ),
    ]
    label = f"Above the cap of {cap.label}"
    if above is None:
        facts.append(
            (
                label,
                "Submissions give the share above the named caps (12, 15/12, 18 and 20) only; "
                "the bands below show the spread.",
            )
        )
    else:
        facts.append((label, above))
    return facts


def _teams(snap: pl.DataFrame, above: pl.DataFrame) -> list[dict[str, str]]:
    teams = snap.filter(pl.col("team") != "all")
    return [
        {
            "Team": r["team"],
            "Case holders": cell(r["case_holders"], r["case_holders_status"], digits=0),
            "Mean": cell(r["caseload_mean"], r["caseload_mean_status"]),
            "Median": cell(r["caseload_median"], r["caseload_median_status"]),
            "90th percentile": cell(r["caseload_p90"], r["caseload_p90_status"]),
            "Above the cap": _above(above, r["team"]) or "named caps only",
        }
        for r in teams.iter_rows(named=True)
    ]


def _bands(bands: pl.DataFrame) -> list[dict[str, object]]:
    return [
        {
            "band": r["band"],
            "workers": cell(r["workers"], r["workers_status"], digits=0),
            "share": cell(r["pct_workers"], r["pct_workers_status"], suffix="%"),
            "pct": r["pct_workers"] if r["pct_workers_status"] == "published" else None,
        }
        for r in bands.sort("band_order").iter_rows(named=True)
    ]


def submission_views(
    snap: pl.DataFrame, caps: pl.DataFrame, bands: pl.DataFrame, cap: Cap
) -> list[SubmissionView]:
    """One view per (council code, demo flag): real submissions first, then demo ones."""
    out = []
    for (code, demo), part in snap.group_by(["la_code", "is_demo"], maintain_order=True):
        all_rows = part.filter(pl.col("team") == "all")
        if not all_rows.height:
            continue
        r = all_rows.row(0, named=True)
        own = (pl.col("la_code") == code) & (pl.col("is_demo") == demo)
        above = chosen_cap(caps.filter(own), cap)
        out.append(
            SubmissionView(
                la_code=code,
                la_name=r["la_name"],
                snapshot_date=r["snapshot_date"],
                is_demo=bool(demo),
                facts=_facts(r, _above(above, "all"), cap),
                teams=_teams(part, above),
                bands=_bands(bands.filter(own)),
            )
        )
    return sorted(out, key=lambda v: (v.is_demo, v.la_code))


def _caption(text: str, view: SubmissionView) -> str:
    return f"{DEMO_LABEL}. {text}" if view.is_demo else text


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


def _bands_table(view: SubmissionView) -> html.Div:
    rows = band_rows(view.bands)
    caption = _caption(f"{BASIS}: case holders by caseload band (children per FTE)", view)
    return scrollable_table(caption, ("Caseload band", "Case holders", "Share", ""), rows,
                            caption=caption, table_class="bands-table")


def _teams_table(view: SubmissionView) -> html.Div:
    caption = _caption(f"{BASIS}: by team", view)
    rows = [html.Tr([html.Td(t[c]) for c in TEAM_COLUMNS]) for t in view.teams]
    return scrollable_table(caption, TEAM_COLUMNS, rows, caption=caption)


def submission_block(view: SubmissionView) -> html.Div:
    """One submission: its facts, its bands and teams; a demo one labelled on every part."""
    demo = view.is_demo
    return html.Div(
        className="submission demo" if demo else "submission",
        **({"data-demo": "true"} if demo else {}),
        children=[
            html.P([html.Strong(DEMO_LABEL), ". ", DEMO_NOTE], className="demo-label") if demo else None,
            html.P([html.Strong(BASIS), f": {BASIS_NOTE}."], className="basis-label"),
            html.H3(view.title),
            html.Ul([html.Li([html.Strong(f"{k}: "), v]) for k, v in view.facts], className="facts"),
            _bands_table(view) if view.bands else None,
            _teams_table(view) if view.teams else None,
            None if demo else _downloads(view.la_code),
        ],
    )


def _downloads(la_code: str) -> html.P:
    links = [("summary", "marts.submission_la_snapshot"), ("bands", "marts.submission_bands"),
             ("caps", "marts.submission_cap")]
    parts: list = ["Download this submission's "]
    for i, (what, table) in enumerate(links):
        parts += [", " if i else "", html.A(f"{what} as CSV", href=table_href(table, council=la_code))]
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
