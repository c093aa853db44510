"""The check door's content (`/submit/check`): the upload form, and the report page it posts to.

A plain HTML form posting multipart to the server (dashboard/api/check.py), which answers a page of
its own: no callback, no upload widget, nothing but the browser's own file input and submit button,
so it works without JavaScript, with any assistive technology that handles a file input, and under
the site's CSP (form-action 'self'). The report is the same as `caseload validate` prints.
"""

from __future__ import annotations

from html import escape

from dash import dcc, html

from dashboard.components.file_input import FileInput
from warehouse.submissions import spec
from warehouse.submissions.report import Report

ACTION = "/submit/check"  # dashboard/api/check.py FORM_PATH
ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HINT = (
    f"A CSV (UTF-8 or Windows-1252) or Excel .xlsx file in the template's columns, at most "
    f"{spec.MAX_FILE_BYTES // 1_000_000} MB. Nothing is stored: the file is checked and forgotten."
)
TITLE = "Check a submission file"


def form() -> html.Form:
    return html.Form(
        [
            html.Label("Your submission file", htmlFor="check-file", className="inline-label"),
            html.P(HINT, id="check-file-hint"),
            FileInput("check-file", "file", accept=ACCEPT, required=True, describedBy="check-file-hint"),
            html.Button("Check the file", type="submit", className="button primary", id="check-submit"),
        ],
        action=ACTION, method="post", encType="multipart/form-data", className="state-form check-form",
    )


def view() -> html.Div:
    return html.Div(
        [
            html.H1(TITLE, tabIndex="-1"),
            html.P([
                "Check a council's caseload snapshot before you send it: every problem is listed with "
                "its row, column, the value found and what was expected, the same as the ",
                html.Code("caseload validate"), " command prints. This page does not submit the file.",
            ]),
            form(),
            html.P([
                "The ", dcc.Link("submission guide", href="/guide"), " explains every column; the ",
                html.A("template", href="/data"), " has them all. Programs can use ",
                html.Code("POST /api/v1/submissions/check"), " (", dcc.Link("API", href="/api"), ").",
            ]),
        ],
        className="page prose",
    )


def _cell(value: object) -> str:
    return "" if value is None else escape(str(value))


def problem_table(report: Report) -> str:
    rows = "".join(
        f"<tr><td>{_cell(p['row']) or 'whole file'}</td><td>{_cell(p['column'])}</td>"
        f"<td><code>{_cell(p['found'])}</code></td><td>{_cell(p['expected'])}</td></tr>"
        for p in report["problems"]
    )
    return (
        '<div class="table-wrap" tabindex="0" role="region" aria-label="Problems found">'
        "<table><caption>Problems found (rows count the header as row 1, as a spreadsheet shows them)"
        '</caption><thead><tr><th scope="col">Row</th><th scope="col">Column</th>'
        '<th scope="col">Found</th><th scope="col">Expected</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _form_html() -> str:
    return (
        f'<form action="{ACTION}" method="post" enctype="multipart/form-data" class="state-form check-form">'
        '<label for="check-file" class="inline-label">Your submission file</label>'
        f'<p id="check-file-hint">{escape(HINT)}</p>'
        f'<input id="check-file" type="file" name="file" accept="{ACCEPT}" required '
        'aria-describedby="check-file-hint">'
        '<button type="submit" class="button primary" id="check-submit">Check another file</button></form>'
    )


def result_page(report: Report | None, error: str | None = None, readable: bool = True) -> str:
    """The whole page the form's POST answers: the report (or why there is none), then the form again.
    Every value from the file is escaped."""
    if report is None:
        heading, body = "The file was not checked", f'<p id="check-summary">{escape(error or "")}</p>'
    else:
        heading = ("Your file is acceptable" if report["acceptable"] else
                   "Your file has problems" if readable else "Your file cannot be read")
        body = f'<p id="check-summary">{escape(report["summary"])}</p>'
        if report["problems"]:
            body += problem_table(report)
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(heading)}: {TITLE}: Caseload Watch</title>"
        '<link rel="stylesheet" href="/assets/site.css"></head><body>'
        '<header class="site-header"><a href="#main" class="skip-link">Skip to main content</a>'
        '<div class="header-inner"><a href="/" class="brand">Caseload Watch</a>'
        '<nav aria-label="Main"><ul><li><a href="/guide">Submission guide</a></li>'
        '<li><a href="/data">Data and downloads</a></li></ul></nav></div></header>'
        f'<main id="main"><div class="page prose"><h1>{escape(heading)}</h1>{body}'
        f"<h2>Check a file</h2>{_form_html()}"
        '<p>The <a href="/guide">submission guide</a> explains every column. Nothing from the file '
        "was stored.</p></div></main>"
        '<footer class="site-footer"><p><a href="/data">Data and downloads</a> · '
        '<a href="/about">About and method</a> · <a href="/accessibility">Accessibility</a></p>'
        "</footer></body></html>"
    )
