"""/submit: the form for people (token + file) and the page that says what happened.

A plain HTML form posting multipart to a Flask route, not a Dash page: it works without
JavaScript, a native file input is the most accessible file picker there is (dcc.Upload is a
drop zone around a hidden input), and the result is an ordinary page at a real HTTP status.
Protected by a signed double-submit CSRF token (csrf.py). Every text from the request is escaped
and the client's file name is never shown or used.
"""

from __future__ import annotations

from html import escape

from flask import Flask, Response, request
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard.components.shell import menu
from dashboard.submit import door
from dashboard.submit.csrf import COOKIE, FIELD, Csrf
from warehouse.config import Settings
from warehouse.submissions import spec
from warehouse.submissions.receive import NEXT_STEP, Receipt
from warehouse.tokens import Verdict

ROUTE = "form"
TITLE = "Submit a council's caseload file"


def frame(title: str, body: str) -> str:
    """The site's header, one main landmark and footer around `body` (already escaped)."""
    links = "".join(f'<li><a href="{escape(href)}">{escape(label)}</a></li>' for href, label in menu())
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}: Caseload Watch</title>"
        '<link rel="stylesheet" href="/assets/site.css"></head><body>'
        '<header class="site-header"><a href="#main" class="skip-link">Skip to main content</a>'
        '<div class="header-inner"><a href="/" class="brand">Caseload Watch</a>'
        f'<nav aria-label="Main"><ul>{links}</ul></nav></div></header>'
        f'<main id="main" tabindex="-1" class="page prose">{body}</main>'
        '<footer class="site-footer"><p><a href="/guide">Guide for councils</a> · '
        '<a href="/data">Data and downloads</a> · <a href="/accessibility">Accessibility</a></p></footer>'
        "</body></html>"
    )


def form_body(field: str) -> str:
    """The form: the token, the file, the hidden CSRF field."""
    return (
        f"<h1>{TITLE}</h1>"
        "<p>For council officers with a submission token from Caseload Watch. Your file is checked at "
        "once, by the same rules as <code>caseload validate</code>; an acceptable file is loaded within "
        'about a minute. Systems can send the same with one command: see the <a href="/guide">guide '
        "for councils</a>.</p>"
        '<form class="submit-form" method="post" action="/submit" enctype="multipart/form-data">'
        f'<input type="hidden" name="{FIELD}" value="{escape(field)}">'
        '<label for="submit-token">Your council\'s token</label>'
        '<p class="hint" id="submit-token-hint">It starts <code>cw_</code>. Keep it secret: anyone with '
        "it can submit for your council.</p>"
        '<input type="password" id="submit-token" name="token" required autocomplete="off" '
        'spellcheck="false" aria-describedby="submit-token-hint">'
        '<label for="submit-file">The file</label>'
        f'<p class="hint" id="submit-file-hint">CSV or Excel (.xlsx) from the template, at most '
        f"{spec.MAX_FILE_BYTES // 1_000_000} MB: one row per social worker, no names (or, for an FOI "
        "answer, one row per caseload band: the band template).</p>"
        '<input type="file" id="submit-file" name="file" required accept=".csv,.xlsx" '
        'aria-describedby="submit-file-hint">'
        '<button type="submit" class="button primary">Check and submit</button></form>'
    )


def _problems_table(receipt: Receipt) -> str:
    rows = "".join(
        f"<tr><td>{escape(str(p.row or '-'))}</td><td>{escape(p.column or '(whole file)')}</td>"
        f"<td>{escape(repr(p.value))}</td><td>{escape(p.expected)}</td></tr>"
        for p in receipt.problems
    )
    return (
        '<div class="table-wrap" tabindex="0" role="region" aria-label="Table: problems in the file">'
        "<table><caption>Problems in the file (row 1 is the header)</caption><thead><tr>"
        '<th scope="col">Row</th><th scope="col">Column</th><th scope="col">Found</th>'
        f'<th scope="col">Expected</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )


AGAIN = '<p><a href="/submit">Submit a file</a> · <a href="/guide">Guide for councils</a></p>'


def result_body(verdict: Verdict | None, receipt: Receipt | None) -> tuple[str, str]:
    """(title, body) of the result page, in plain words with what to do next."""
    if receipt is None:
        status = verdict.status if verdict else "csrf"
        if status == "csrf":
            return "Form expired", (
                "<h1>The form had expired</h1><p>Nothing was submitted. This happens when the page was "
                "open for a long time or the site restarted. Open the form again and submit once more.</p>"
                + AGAIN)
        text = door.REFUSED_TOKEN[status].replace("send the council's token as 'Authorization: Bearer "
                                                  "<token>'", "paste your council's token")
        return "Token not accepted", (f"<h1>Token not accepted</h1><p>{escape(text)}</p>"
                                      "<p>Nothing was submitted.</p>" + AGAIN)
    facts = ""
    if receipt.council:
        facts = (f"<ul><li>Council: {escape(receipt.council)}</li><li>Snapshot date: "
                 f"{escape(receipt.snapshot_date or '')}</li><li>Workers: {receipt.workers}</li>"
                 f"<li>Submission id: <code>{escape(receipt.sha256 or '')}</code></li></ul>")
    if receipt.outcome == "accepted":
        return "File received", (
            f"<h1>File received</h1><p>The file passed every check and is waiting to be loaded.</p>{facts}"
            f"<p>What happens next: {escape(NEXT_STEP)} You need do nothing more; keep the submission id "
            "if you want to ask about this file.</p>" + AGAIN)
    if receipt.outcome == "duplicate":
        return "Already received", (
            f"<h1>Already received</h1><p>This exact file was received before, so nothing changed and "
            f"there is nothing more to do.</p>{facts}" + AGAIN)
    if receipt.outcome == "forbidden":
        return "Another council's file", (
            f"<h1>Another council's file</h1><p>Your token is for {escape(verdict.council or '')}, but "
            f"the file is for {escape(', '.join(receipt.file_councils))}. Nothing was kept. Check the "
            "la_code column, or send the file with that council's own token.</p>" + AGAIN)
    if receipt.outcome == "too_large":
        return "File too large", (
            f"<h1>File too large</h1><p>The limit is {spec.MAX_FILE_BYTES // 1_000_000} MB; one row per "
            "social worker is far smaller. Nothing was kept. Check you chose the right file.</p>" + AGAIN)
    if not receipt.problems:
        return "No file", "<h1>No file was chosen</h1><p>Choose the file and submit again.</p>" + AGAIN
    n = len(receipt.problems)
    return "File not accepted", (
        f"<h1>File not accepted</h1><p>The file has {n} problem{'s' if n != 1 else ''}, listed below. "
        "Nothing was kept. Correct each one in your file (the guide explains every column) and submit "
        "it again.</p>" + _problems_table(receipt) + AGAIN)


def _page(status: int, title: str, body: str) -> Response:
    resp = Response(frame(title, body), status=status, mimetype="text/html")
    resp.headers["Cache-Control"] = "no-store"
    if status == 401:
        resp.headers["WWW-Authenticate"] = 'Bearer realm="caseload-watch"'
    return resp


def show_form() -> Response:
    nonce, field = _csrf().issue()
    resp = _page(200, TITLE, form_body(field))
    resp.set_cookie(COOKIE, nonce, httponly=True, samesite="Strict", path="/submit",
                    secure=request.is_secure)
    return resp


def take_form() -> Response:
    if door.body_too_large():
        door.audit_too_large(ROUTE)
        return _page(413, *result_body(None, Receipt("too_large", 413)))
    request.max_content_length = door.BODY_LIMIT
    try:
        form = request.form
    except RequestEntityTooLarge:
        door.audit_too_large(ROUTE)
        return _page(413, *result_body(None, Receipt("too_large", 413)))
    if not _csrf().valid(request.cookies.get(COOKIE), form.get(FIELD)):
        door.audit().append(route=ROUTE, outcome="unauthorised", status=403, reason="csrf")
        return _page(403, *result_body(None, None))
    got = door.attempt(ROUTE, form.get("token", "").strip() or None, lambda: door.read_upload())
    status = got.receipt.status if got.receipt else 401
    return _page(status, *result_body(got.verdict, got.receipt))


def _csrf() -> Csrf:
    return Csrf(door.settings().csrf_secret)


def register(server: Flask, settings: Settings) -> None:
    """The form's routes; `settings` (tokens, audit log, inbox) are this app's."""
    server.config[door.SETTINGS_KEY] = settings
    server.add_url_rule("/submit", "submit_form", show_form, methods=["GET"])
    server.add_url_rule("/submit", "submit_take", take_form, methods=["POST"])
