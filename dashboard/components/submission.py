"""The profile's "From the council's own submission" section, drawn from SubmissionView data.

Demo (synthetic) submissions carry a visible label on the block, its heading and each table
caption, so a screenshot of any part of it still says so.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard.components.table import scrollable_table
from dashboard.submission import DEMO_LABEL, DEMO_NOTE, SubmissionView

TEAM_COLUMNS = ("Team", "Case holders", "Mean", "Median", "90th percentile", "Above the cap")


def _caption(text: str, view: SubmissionView) -> str:
    return f"{DEMO_LABEL}. {text}" if view.is_demo else text


def _bands_table(view: SubmissionView) -> html.Div:
    rows = [
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
        for b in view.bands
    ]
    caption = _caption("Case holders by caseload band (children per FTE)", view)
    return scrollable_table(caption, ("Caseload band", "Case holders", "Share", ""), rows,
                            caption=caption, table_class="bands-table")


def _teams_table(view: SubmissionView) -> html.Div:
    caption = _caption("By team", view)
    rows = [html.Tr([html.Td(t[c]) for c in TEAM_COLUMNS]) for t in view.teams]
    return scrollable_table(caption, TEAM_COLUMNS, rows, caption=caption)


def submission_block(view: SubmissionView) -> html.Div:
    demo = view.is_demo
    return html.Div(
        className="submission demo" if demo else "submission",
        **({"data-demo": "true"} if demo else {}),
        children=[
            html.P([html.Strong(DEMO_LABEL), ". ", DEMO_NOTE], className="demo-label") if demo else None,
            html.H3(view.title),
            html.Ul([html.Li([html.Strong(f"{k}: "), v]) for k, v in view.facts], className="facts"),
            _bands_table(view) if view.bands else None,
            _teams_table(view) if view.teams else None,
        ],
    )


def submission_section(views: list[SubmissionView]) -> html.Section:
    if not views:
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
                "The council's latest caseload snapshot, one row per social worker, summarised: the spread "
                "behind its average. Figures from fewer than 5 workers are suppressed."
            ),
            *[submission_block(v) for v in views],
        ]
    return html.Section([html.H2("From the council's own submission"), *body], id="section-submission")
